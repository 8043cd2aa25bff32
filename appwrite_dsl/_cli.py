"""The ``appwrite-dsl`` command: ``main(argv) -> exit code``, no state, no exit of its own.

``appwrite-dsl parse STRING...`` reads permission, role and ID strings (``-`` reads lines from standard
input) and shows what each is, its parts and its canonical form. Exit codes: 0 when every string is
valid, 1 when one is not, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable, TextIO

from . import __version__
from .errors import ParseError
from .id import ID, UNIQUE
from .permission import Permission
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


_PARSERS: dict[str, Parser] = {"permission": _parse_permission, "role": _parse_role, "id": _parse_id}


def _guess(text: str) -> str:
    """The kind a string most looks like, to choose which error to show when nothing accepts it."""
    if '("' in text or "(" in text:
        return "permission"
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


def _read_arguments(strings: list[str], stdin: TextIO) -> list[str]:
    texts: list[str] = []
    for text in strings:
        if text == "-":
            texts.extend(line.rstrip("\r\n") for line in stdin)
        else:
            texts.append(text)
    return texts


def _command_parse(options: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    status = 0
    results: list[dict[str, object]] = []
    for text in _read_arguments(options.strings, sys.stdin):
        try:
            fields: dict[str, object] = {"input": text, "valid": True, **_parse_any(text, options.kind)}
        except ParseError as error:
            status = 1
            fields = {"input": text, "valid": False, "error": error.message, "position": error.position}
            if options.format == "text":
                err.write(f"{error}\n")
        if options.format == "json":
            results.append(fields)
        elif fields["valid"]:
            out.write(f"{text}\n")
            out.writelines(
                f"  {key}: {value}\n" for key, value in fields.items() if key not in ("input", "valid")
            )
    if options.format == "json":
        out.write(json.dumps(results, ensure_ascii=False, indent=2) + "\n")
    return status


def _arguments() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="appwrite-dsl", description="Parse and check Appwrite permission, role and ID strings."
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    parse = commands.add_parser("parse", help="show the structure and canonical form of strings")
    parse.add_argument(
        "strings", nargs="+", metavar="STRING", help="a string to read; - reads lines from stdin"
    )
    parse.add_argument("--kind", choices=("auto", *_PARSERS), default="auto", help="what the strings are")
    parse.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run ``appwrite-dsl`` with ``argv`` (default: the process arguments) and return the exit code."""
    parser = _arguments()
    try:
        options = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return _command_parse(options, sys.stdout, sys.stderr)
