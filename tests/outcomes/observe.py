"""The observers: for each area, every parser, emulation and validator run on one stored input.

An area's observers are ``(name, function)`` pairs; a function takes the stored input and returns an
outcome (:func:`encoding.attempt`). The recorder and the replay test call :func:`observe` and nothing else,
so what is recorded is exactly what is replayed.

The private imports are the server's legacy reading and the strict legacy reader at other versions (only
``_legacy`` offers them) and the command line's ``main`` (``_cli``). When the restructuring moves them, point
these imports at their new home: the recorded outcomes must not change.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator, Sequence
from contextlib import redirect_stderr, redirect_stdout
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, Callable, Literal

from appwrite_dsl import (
    ID,
    Permission,
    Query,
    Resource,
    Role,
    aggregate,
    server,
    validate_permissions,
    validate_roles,
)
from appwrite_dsl._cli import main as cli
from appwrite_dsl._legacy import read_legacy
from appwrite_dsl._legacy_server import server_read_legacy
from appwrite_dsl.lint import Options, check_bytes
from appwrite_dsl.validate import Attribute, Policy, QueryError, QueryValidationError, Schema, Validator

from . import builders
from .encoding import Outcome, attempt, compact, error, load_text, query, role, tree, value

DATA = Path(__file__).resolve().parent.parent / "data" / "outcomes"
INPUTS = DATA / "inputs"

Observer = Callable[[Any], Outcome]

LEGACY_VERSIONS = ("1.0", "1.0.2", "1.2", "1.3", "1.4")
"""One version per legacy release line (1.4 is what ``Query.parse`` reads)."""
RESOURCES: tuple[Resource, ...] = ("collection", "document")


# ------------------------------------------------------------------------------------------------ results


def _permission(permission: Permission) -> list[Any]:
    expanded = {resource: _expanded(permission, resource) for resource in RESOURCES}
    return [str(permission), permission.action, role(permission.role), expanded]


def _expanded(permission: Permission, resource: Resource) -> Outcome:
    return attempt(_strings, str(permission), lambda: permission.expand(resource))


def _server_role(read: server.ServerRole) -> list[str]:
    return [str(read), read.name, read.identifier, read.dimension]


def _server_permission(permission: server.ServerPermission) -> list[Any]:
    return [str(permission), permission.type, _server_role(permission.role)]


def _reading(reading: Any) -> list[Any]:
    return [reading.method, reading.attribute, value(reading.values), list(reading.warnings)]


def _strings(items: Sequence[object]) -> list[str]:
    return [str(item) for item in items]


def _same(result: Any) -> Any:
    return value(result)


def _findings(queries: object, findings: list[QueryError]) -> list[list[Any]]:
    out = []
    for finding in findings:
        source = None
        if isinstance(queries, list) and finding.index is not None and finding.index < len(queries):
            source = queries[finding.index]
        out.append(error(finding, source))
    return out


# ----------------------------------------------------------------------------------------- access texts


def _text_observer(show: Callable[[Any], Any], run: Callable[[Any], Any]) -> Observer:
    def observe(text: str) -> Outcome:
        return attempt(show, text, lambda: run(text))

    return observe


def _list_observer(show: Callable[[Any], Any], run: Callable[[Any], Any]) -> Observer:
    def observe(values: Any) -> Outcome:
        return attempt(show, None, lambda: run(values))

    return observe


ACCESS: list[tuple[str, Observer]] = [
    ("Role.parse", _text_observer(role, Role.parse)),
    ("Permission.parse", _text_observer(_permission, Permission.parse)),
    ("ID.parse", _text_observer(_same, ID.parse)),
    ("ID.parse/no-unique", _text_observer(_same, lambda t: ID.parse(t, allow_unique=False))),
    ("ID.parse/255", _text_observer(_same, lambda t: ID.parse(t, max_length=255))),
    ("server.parse_role", _text_observer(_server_role, server.parse_role)),
    ("server.parse_permission", _text_observer(_server_permission, server.parse_permission)),
]


def _list_observers(wrap: Callable[[Any], Any]) -> list[tuple[str, Observer]]:
    """The list validators, each given ``wrap(input)`` (a one-item list for a text)."""
    observers: list[tuple[str, Observer]] = [
        ("server.check_permissions", _list_observer(_same, lambda v: server.check_permissions(wrap(v)))),
        (
            "server.check_permissions/documents",
            _list_observer(
                _same,
                lambda v: server.check_permissions(wrap(v), allowed=("read", "update", "delete", "write")),
            ),
        ),
        (
            "server.check_permissions/team-role-36",
            _list_observer(_same, lambda v: server.check_permissions(wrap(v), team_role_max=36)),
        ),
        ("server.check_roles", _list_observer(_same, lambda v: server.check_roles(wrap(v)))),
        ("server.aggregate", _list_observer(_same, lambda v: server.aggregate(wrap(v)))),
        ("validate_roles", _list_observer(_strings, lambda v: validate_roles(wrap(v)))),
    ]
    for resource in RESOURCES:
        observers += [
            (
                f"validate_permissions/{resource}",
                _list_observer(_strings, _validate_permissions(wrap, resource)),
            ),
            (f"aggregate/{resource}", _list_observer(_strings, _aggregate(wrap, resource))),
        ]
    return observers


def _validate_permissions(wrap: Callable[[Any], Any], resource: Resource) -> Callable[[Any], Any]:
    return lambda values: validate_permissions(wrap(values), resource=resource)


def _aggregate(wrap: Callable[[Any], Any], resource: Resource) -> Callable[[Any], Any]:
    return lambda values: aggregate(wrap(values), resource=resource)


ACCESS += _list_observers(lambda text: [text])
ACCESS_LISTS = _list_observers(lambda values: values)


# ---------------------------------------------------------------------------------------------- queries


@lru_cache(maxsize=1)
def configs() -> dict[str, Any]:
    """The fixed schemas, policies and validation runs (``inputs/configs.json``)."""
    data: dict[str, Any] = json.loads((INPUTS / "configs.json").read_text(encoding="utf-8"))
    return data


def _schema(spec: dict[str, Any]) -> Schema:
    return Schema(
        [Attribute(**attribute) for attribute in spec["attributes"]],
        fulltext=spec.get("fulltext"),
        schemaless=spec.get("schemaless", False),
        max_query_length=spec.get("max_query_length", 4096),
    )


@cache
def validator(run: str) -> Validator:
    """The validator of one named run of ``configs.json``."""
    spec = configs()["runs"][run]
    policy = spec.get("policy")
    schema = spec.get("schema")
    return Validator(
        schema=None if schema is None else _schema(configs()["schemas"][schema]),
        endpoint=spec.get("endpoint"),
        server_version=spec["server_version"],
        policy=None if policy is None else Policy(**configs()["policies"][policy]),
    )


def _validated(validator: Validator, queries: Any) -> Outcome:
    """``{"ok": [[str, tree], ...]}`` for the parsed queries, ``{"findings": [...]}`` for every problem (in
    the server's order, each an error with its index, kind and error type), or ``{"raises": ...}``."""
    try:
        parsed = validator.validate(queries)
    except QueryValidationError as caught:
        return {"findings": _findings(queries, caught.errors)}
    except Exception as caught:  # a TypeError for items that are not queries, ...
        return {"raises": [type(caught).__name__, str(caught)]}
    return attempt(lambda items: [[str(item), tree(item)] for item in items], None, lambda: parsed)


def _check(run: str, wrap: Callable[[Any], Any]) -> Observer:
    return lambda item: _validated(validator(run), wrap(item))


def _parse(syntax: Literal["auto", "json", "legacy"]) -> Observer:
    return lambda text: attempt(query, text, lambda: Query.parse(text, syntax))


def _read(version: str) -> Observer:
    return lambda text: attempt(_same, text, lambda: read_legacy(_str(text), version=version))


def _server_read(version: str) -> Observer:
    return lambda text: attempt(_reading, text, lambda: server_read_legacy(text, version=version))


def _query_observers() -> Iterator[tuple[str, Observer]]:
    syntaxes: tuple[Literal["auto", "json", "legacy"], ...] = ("auto", "json", "legacy")
    for syntax in syntaxes:
        yield (f"Query.parse/{syntax}", _parse(syntax))
    for version in LEGACY_VERSIONS:
        yield (f"read_legacy/{version}", _read(version))
    for version in LEGACY_VERSIONS:
        yield (f"server_read_legacy/{version}", _server_read(version))


def _str(text: str | bytes) -> str:
    return text if isinstance(text, str) else text.decode("utf-8", "surrogateescape")


QUERIES: list[tuple[str, Observer]] = list(_query_observers())


def _checks(wrap: Callable[[Any], Any]) -> list[tuple[str, Observer]]:
    return [(f"validate/{run}", _check(run, wrap)) for run in configs()["runs"]]


# ------------------------------------------------------------------------------------ validation records


def _record_schema(record: dict[str, Any]) -> Schema:
    """A conformance record's collection, read as tests/data/conformance/README.md says."""
    attributes = []
    for doc in record["schema"]:
        options = doc["options"]
        attributes.append(
            Attribute(
                doc["key"],
                doc["type"],
                array=doc["array"],
                size=doc["size"],
                signed=doc["signed"],
                encrypted="encrypt" in doc["filters"],
                relation_type=options.get("relationType"),
                two_way=bool(options.get("twoWay", False)),
                side=options.get("side"),
            )
        )
    fulltext = [
        index["attributes"][0]
        for index in record["indexes"]
        if index["type"] == "fulltext" and len(index["attributes"]) == 1
    ]
    return Schema(
        attributes,
        fulltext=fulltext,
        schemaless=record["options"]["schemaless"],
        max_query_length=record["options"]["param_length"],
    )


def _validation(record: dict[str, Any]) -> Outcome:
    return _validated(Validator(schema=_record_schema(record)), record["queries"])


# ------------------------------------------------------------------------------------------------- lint


def _finding(finding: Any) -> list[Any]:
    return [
        finding.line,
        finding.column,
        finding.end_line,
        finding.end_column,
        finding.code,
        finding.pointer,
        finding.severity,
        finding.message,
        finding.source,
        finding.source_column,
        finding.source_more,
    ]


def _lint(record: dict[str, Any]) -> Outcome:
    data = load_text(record["file"])
    raw = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
    given = record.get("options", {})
    options = Options(
        known_teams=frozenset(given.get("known_teams", ())), id_max_length=given.get("id_max_length", 36)
    )
    return attempt(
        lambda found: [_finding(f) for f in found], None, lambda: check_bytes(raw, "appwrite.json", options)
    )


# -------------------------------------------------------------------------------------------- the CLI


def _command(*arguments: str) -> Observer:
    """``appwrite-dsl <arguments> -- <text>`` run in this process: exit code, standard output and error."""

    def observe(text: str) -> Outcome:
        out, err = io.StringIO(), io.StringIO()

        def run() -> int:
            with redirect_stdout(out), redirect_stderr(err):
                return cli([*arguments, "--", text])

        return attempt(lambda code: [code, out.getvalue(), err.getvalue()], text, run)

    return observe


CLI: list[tuple[str, Observer]] = [
    ("parse", _command("parse")),
    ("parse --format json", _command("parse", "--format", "json")),
    ("explain", _command("explain")),
    ("convert --to json", _command("convert", "--to", "json")),
    ("convert --to legacy", _command("convert", "--to", "legacy")),
]


# ---------------------------------------------------------------------------------------------- areas


class Area:
    """An area: its observers in order (their names head the outcome file) and how an input record gives
    the value they observe."""

    def __init__(
        self, observers: list[tuple[str, Observer]], subject: Callable[[dict[str, Any]], Any]
    ) -> None:
        self.names = [name for name, _ in observers]
        self.observers = [observer for _, observer in observers]
        self.subject = subject

    def observe(self, record: dict[str, Any]) -> dict[str, Any]:
        subject = self.subject(record)
        return compact([observer(subject) for observer in self.observers])


def _text(record: dict[str, Any]) -> str | bytes:
    return load_text(record["text"])


def _texts_as_list(text: str | bytes) -> list[str]:
    """A text as the one item of a ``queries`` list (bytes as the str the legacy reading decodes them to)."""
    return [_str(text)]


AREAS: dict[str, Area] = {
    "access": Area(ACCESS, _text),
    "access-lists": Area(ACCESS_LISTS, lambda record: record["values"]),
    "queries": Area(QUERIES + _checks(_texts_as_list), _text),
    "query-lists": Area(
        _checks(lambda queries: queries), lambda record: [load_text(q) for q in record["queries"]]
    ),
    "validation": Area([("validate", _validation)], lambda record: record),
    "builders": Area([("call", builders.outcome)], lambda record: record["call"]),
    "lint": Area([("check_bytes", _lint)], lambda record: record),
    "cli": Area(CLI, _text),
}
"""Each area's observation of one stored input record (``inputs/<area>.jsonl``, one record a line)."""


def observe(area: str, record: dict[str, Any]) -> dict[str, Any]:
    return AREAS[area].observe(record)
