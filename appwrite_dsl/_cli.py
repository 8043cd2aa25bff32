"""The ``appwrite-dsl`` command: ``main(argv) -> exit code``, no state, no exit of its own.

``appwrite-dsl parse STRING...`` reads permission, role, query and ID strings (``-`` reads lines from
standard input) and shows what each is, its parts, its canonical form and, for a query, the syntax detected.
Exit codes: 0 when every string is valid, 1 when one is not, 2 for a usage error.

``appwrite-dsl convert --to json|legacy STRING...`` writes each query in the other syntax (exit 1 when one
cannot be read or written).

``appwrite-dsl explain STRING...`` tells what the real server reads from permission and role strings,
quirks included (``read("user:a:b")`` is read as ``read("user:a")``), or the exact message it rejects them
with. Exit codes: 0 when the server reads every string as written, 1 otherwise, 2 for a usage error.

With ``-`` among the strings, each of these commands reads lines from standard input and writes one line
per input line, in order (blank lines skipped): the canonical form, the conversion or the server's reading,
or an empty line for an input that fails (under ``--format json``, one JSON object per line, with an error
object for a failure); errors go to standard error with the input's line number.

``appwrite-dsl lint [PATH...]`` checks Appwrite CLI project files, ``appwrite-dsl rule CODE`` documents a
lint rule, ``appwrite-dsl schema`` writes the JSON Schema of project files.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable, NamedTuple, TextIO

from . import __version__, _cli_generate, server
from . import _cli_dialect as dialects
from ._cli_audit import register as _register_audit
from .access import describe_role
from .errors import ParseError
from .id import ID, UNIQUE
from .lint import _command as _lint_command
from .lint import _rule_command, _schema_command
from .permission import Permission
from .query import Query, syntax_of
from .role import Role

Parser = Callable[[str], dict[str, str]]


def _role_parts(role: Role) -> dict[str, str]:
    return {"name": role.name, "identifier": role.identifier, "dimension": role.dimension}


def _parse_permission(text: str) -> dict[str, str]:
    permission = Permission.parse(text)
    return {
        "kind": "permission",
        "canonical": str(permission),
        "action": permission.action,
        "role": str(permission.role),
        **_role_parts(permission.role),
    }


def _parse_role(text: str) -> dict[str, str]:
    role = Role.parse(text)
    return {"kind": "role", "canonical": str(role), **_role_parts(role)}


def _parse_id(text: str) -> dict[str, str]:
    value = ID.parse(text)
    return {"kind": "id", "canonical": value, "generated": "yes" if value == UNIQUE else "no"}


def _legacy_form(query: Query) -> str:
    try:
        return query.to_legacy()
    except ParseError as error:
        return f"(none: {error.message})"


def _parse_query(text: str) -> dict[str, str]:
    query = Query.parse(text)
    return {
        "kind": "query",
        "syntax": syntax_of(text),
        "canonical": str(query),
        "method": query.method,
        "attribute": "(none)" if query.attribute is None else query.attribute,
        "values": "(none)" if query.values is None else json.dumps(json.loads(str(query)).get("values")),
        "legacy": _legacy_form(query),
    }


_PARSERS: dict[str, Parser] = {
    "permission": _parse_permission,
    "role": _parse_role,
    "query": _parse_query,
    "id": _parse_id,
}


def _guess(text: str) -> str:
    """The kind a string most looks like, to choose which error to show when nothing accepts it."""
    head = text.split("(", 1)[0]
    if "(" in text and head in server.PERMISSION_TYPES:
        return "permission"
    if "(" in text or syntax_of(text) == "json":
        return "query"
    if ":" in text or "/" in text or text in ("any", "guests", "users"):
        return "role"
    return "id"


def _parse_any(text: str, kind: str) -> dict[str, str]:
    if kind != "auto":
        return _PARSERS[kind](text)
    for parser in _PARSERS.values():
        try:
            return parser(text)
        except ParseError:
            continue
    return _PARSERS[_guess(text)](text)


class _Input(NamedTuple):
    """A string to read: ``line`` is its line number on standard input (0 for an argument)."""

    text: str
    line: int

    def where(self) -> str:
        return f"stdin:{self.line}: " if self.line else ""


def _read_arguments(strings: list[str], stdin: TextIO) -> tuple[list[_Input], bool]:
    """The strings to read, and whether standard input is among them (then the output has one line per
    input line, in order; blank lines are skipped)."""
    inputs: list[_Input] = []
    lines = False
    for text in strings:
        if text == "-":
            lines = True
            for number, raw in enumerate(stdin, 1):
                line = raw.rstrip("\r\n")
                if line.strip():
                    inputs.append(_Input(line, number))
        else:
            inputs.append(_Input(text, 0))
    return inputs, lines


def _json_line(given: _Input, fields: dict[str, object]) -> str:
    """One JSON object on one line, with the input's line number when it came from standard input."""
    if given.line:
        fields = {"line": given.line, **fields}
    return json.dumps(fields, ensure_ascii=False) + "\n"


def _command_parse(options: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = 0
    results: list[dict[str, object]] = []
    inputs, lines = _read_arguments(options.strings, sys.stdin)
    for given in inputs:
        text = given.text
        try:
            if options.server_version and options.kind in ("auto", "query"):
                fields: dict[str, object] = {
                    "input": text,
                    "valid": True,
                    **dialects.parse_query(text, options.server_version),
                }
            else:
                fields = {"input": text, "valid": True, **_parse_any(text, options.kind)}
        except ParseError as error:
            status = 1
            fields = {"input": text, "valid": False, "error": error.message, "position": error.position}
            if options.format == "text":
                err.write(f"{given.where()}{error}\n")
        if lines:
            valid = fields["valid"]
            if options.format == "json":
                out.write(_json_line(given, fields))
            else:
                out.write(f"{fields['canonical'] if valid else ''}\n")
        elif options.format == "json":
            results.append(fields)
        elif fields["valid"]:
            out.write(f"{text}\n")
            out.writelines(
                f"  {key}: {value}\n" for key, value in fields.items() if key not in ("input", "valid")
            )
    if options.format == "json" and not lines:
        out.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    return status


def _command_convert(options: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = 0
    inputs, lines = _read_arguments(options.strings, sys.stdin)
    for given in inputs:
        try:
            query = Query.parse(given.text, server_version=options.server_version)
            out.write(dialects.convert(query, options.to) + "\n")
        except ParseError as error:
            status = 1
            err.write(f"{given.where()}{error}\n")
            if lines:
                out.write("\n")
    return status


_ITEM_TYPES = ("read", "update", "delete", "write")


def _without_note(message: str, reading: str) -> str:
    """A strict parser's message without its note on the server's reading, which explain shows apart."""
    for note in (f"; the server would read this as {reading}", "; the server accepts it as written"):
        if message.endswith(note):
            return message[: -len(note)]
    return message


def _explain_permission(text: str) -> dict[str, object]:
    fields: dict[str, object] = {"input": text, "kind": "permission"}
    problem = server.check_permissions([text])
    if problem is not None:
        return {**fields, "accepted": False, "message": problem[1]}
    reading = server.parse_permission(text)
    stored: dict[str, object] = {"collection": server.aggregate([text])}
    on_items = server.check_permissions([text], allowed=_ITEM_TYPES)
    if on_items is None:
        stored["document"] = server.aggregate([text], allowed=("read", "update", "delete"))
    else:
        stored["document"] = {"rejected": on_items[1]}
    strict = None
    try:
        Permission.parse(text)
    except ParseError as error:
        strict = _without_note(error.message, str(reading))
    return {
        **fields,
        "accepted": True,
        "reading": str(reading),
        "as_written": str(reading) == text and strict is None,
        "strict_error": strict,
        "stored": stored,
        "who": describe_role(reading.role),
    }


def _explain_role(text: str) -> dict[str, object]:
    fields: dict[str, object] = {"input": text, "kind": "role"}
    problem = server.check_roles([text])
    if problem is not None:
        return {**fields, "accepted": False, "message": problem[1]}
    reading = server.parse_role(text)
    strict = None
    try:
        Role.parse(text)
    except ParseError as error:
        strict = _without_note(error.message, str(reading))
    return {
        **fields,
        "accepted": True,
        "reading": str(reading),
        "as_written": str(reading) == text and strict is None,
        "strict_error": strict,
        "who": describe_role(reading),
    }


def _explain_text(fields: dict[str, object]) -> str:
    lines = [str(fields["input"]), f"  kind: {fields['kind']}"]
    if not fields["accepted"]:
        lines.append(f"  server: rejects it: {fields['message']}")
        return "\n".join(lines) + "\n"
    reading = fields["reading"]
    lines.append(
        "  server: reads it as written" if reading == fields["input"] else f"  server: reads it as {reading}"
    )
    if fields["strict_error"] is not None:
        lines.append(f"  strict: {fields['strict_error']}")
    stored = fields.get("stored")
    if isinstance(stored, dict):
        for key, label in (
            ("collection", "collections, tables, buckets"),
            ("document", "documents, rows, files"),
        ):
            value = stored[key]
            shown = ", ".join(value) if isinstance(value, list) else f"rejected: {value['rejected']}"
            lines.append(f"  stored on {label}: {shown}")
    lines.append(f"  who: {fields['who']}")
    return "\n".join(lines) + "\n"


def _command_explain(options: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    results = []
    status = 0
    inputs, lines = _read_arguments(options.strings, sys.stdin)
    for given in inputs:
        text = given.text
        kind = options.kind if options.kind != "auto" else "permission" if "(" in text else "role"
        if options.server_version:
            kind, fields = "query", dialects.explain_query(text, options.server_version)
        else:
            fields = _explain_permission(text) if kind == "permission" else _explain_role(text)
        if not fields.get("as_written"):
            status = 1
        if lines:
            if not fields["accepted"]:
                err.write(f"{given.where()}{fields['message']}\n")
            if options.format == "json":
                out.write(_json_line(given, fields))
            else:
                out.write(f"{fields.get('reading', '')}\n")
            continue
        results.append(fields)
        if options.format == "text":
            out.write(dialects.explain_text(fields) if kind == "query" else _explain_text(fields))
    if options.format == "json" and not lines:
        out.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    return status


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="appwrite-dsl",
        description="Parse, convert, explain and lint Appwrite permission, role, query and ID strings.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="show the structure and canonical form of strings")
    parse.add_argument(
        "strings", nargs="+", metavar="STRING", help="a string to read; - reads lines from stdin"
    )
    parse.add_argument("--kind", choices=("auto", *_PARSERS), default="auto", help="what the strings are")
    parse.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    dialects.add_option(parse)
    parse.set_defaults(run=_command_parse)

    convert = commands.add_parser(
        "convert", help="convert queries between the JSON syntax and the legacy one (Appwrite 1.0 to 1.4)"
    )
    convert.add_argument(
        "strings", nargs="+", metavar="STRING", help="a query to convert; - reads lines from stdin"
    )
    convert.add_argument("--to", choices=("json", "legacy"), required=True, help="the target syntax")
    dialects.add_option(convert)
    convert.set_defaults(run=_command_convert)

    explain = commands.add_parser(
        "explain", help="tell what the server reads from permission and role strings"
    )
    explain.add_argument(
        "strings", nargs="+", metavar="STRING", help="a string to explain; - reads lines from stdin"
    )
    explain.add_argument(
        "--kind",
        choices=("auto", "permission", "role"),
        default="auto",
        help="what the strings are (auto: a permission when it contains '(')",
    )
    explain.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    dialects.add_option(explain)
    explain.set_defaults(run=_command_explain)
    _cli_generate.register(commands)

    _lint_command.register(commands)
    _rule_command.register(commands)
    _schema_command.register(commands)
    _register_audit(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``appwrite-dsl`` with ``argv`` (default: the process arguments) and return the exit code."""
    parser = _arguments()
    try:
        options = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:  # a decoded lone surrogate must not crash the output
            reconfigure(errors="backslashreplace")
    run: Callable[[argparse.Namespace, TextIO, TextIO], int] = options.run
    return run(options, sys.stdout, sys.stderr)
