"""``--server-version`` of ``appwrite-dsl parse``, ``explain`` and ``convert``: queries read in the dialect of
one server version, the dialect shown, and conversions out of the cloud dialect refused by method.

>>> dialect("cloud-2.5")
'cloud-2.5 (utopia-php/query 0.6.0)'
"""

from __future__ import annotations

import argparse
import json

from ._methods import CLOUD, SERVER_METHODS, TABLE, version_number
from .errors import InvalidQuery
from .query import Query

__all__ = ["add_option", "convert", "dialect", "explain_query", "explain_text", "parse_query"]

_NAMES = {
    "json": "the JSON syntax (Appwrite 1.5 to 1.9.x)",
    "legacy": "the legacy syntax (Appwrite 1.0 to 1.4)",
}


def add_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--server-version`` to a subcommand."""
    parser.add_argument(
        "--server-version",
        metavar="VERSION",
        type=_version,
        help=f"read queries as this server does: an Appwrite version (1.0 to 1.9.x) or {CLOUD} (the dialect "
        "the Python SDK 27.0.0 writes: joins, aggregates, ...; utopia-php/query 0.6.0)",
    )


def _version(text: str) -> str:
    try:
        dialect(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    return text


def dialect(server_version: str) -> str:
    """The dialect a server version reads, named by what is known of its parser."""
    if server_version == CLOUD:
        return f"{CLOUD} (utopia-php/query 0.6.0)"
    number = version_number(server_version)
    if number is None:
        raise ValueError(f"Expected an Appwrite version such as 1.9.6 or {CLOUD}, found {server_version!r}")
    if number < (1, 5, 0):
        return "legacy (Appwrite 1.0 to 1.4)"
    return "json (Appwrite 1.5 to 1.9.x, utopia-php/database 7.2.6)"


def _first(method: str) -> str:
    """The first version whose server parses ``method``, with its dialect."""
    dialects = TABLE[method].dialects
    if "legacy" in dialects:
        return "Appwrite " + dialects["legacy"].since
    if "json" in dialects:
        return "Appwrite " + dialects["json"].since
    return f"{CLOUD} (utopia-php/query 0.6.0)"


def convert(query: Query, to: str) -> str:
    """``query`` in the ``to`` syntax (``json`` or ``legacy``); InvalidQuery when it holds a method only the
    cloud dialect has, naming it and the first version that has it."""
    pending = [query]
    while pending:
        node = pending.pop(0)
        if node.method not in SERVER_METHODS:  # for the others, to_legacy names what the syntax cannot hold
            text = str(query)
            start = max(text.find('"' + node.method + '"'), 0)
            raise InvalidQuery(
                f"Expected a method of {_NAMES[to]}, found {node.method}: it first appears in "
                + _first(node.method),
                text,
                start,
                start + len(node.method) + 2,
            )
        pending.extend(node.queries)
    return query.to_json() if to == "json" else query.to_legacy()


def parse_query(text: str, server_version: str) -> dict[str, str]:
    """``appwrite-dsl parse --server-version``: a query's parts as that server reads them."""
    query = Query.parse(text, server_version=server_version)
    return {
        "kind": "query",
        "dialect": dialect(server_version),
        "canonical": str(query),
        "method": query.method,
        "attribute": "(none)" if query.attribute is None else query.attribute,
        "values": "(none)" if query.values is None else json.dumps(json.loads(str(query)).get("values")),
    }


def explain_query(text: str, server_version: str) -> dict[str, object]:
    """``appwrite-dsl explain --server-version``: whether that server reads the query as written."""
    fields: dict[str, object] = {"input": text, "kind": "query", "dialect": dialect(server_version)}
    try:
        query = Query.parse(text, server_version=server_version)
    except InvalidQuery as error:
        return {**fields, "accepted": False, "as_written": False, "message": error.message}
    reading = str(query)
    return {**fields, "accepted": True, "as_written": True, "reading": reading}


def explain_text(fields: dict[str, object]) -> str:
    lines = [str(fields["input"]), f"  kind: {fields['kind']}", f"  dialect: {fields['dialect']}"]
    if fields["accepted"]:
        lines.append(f"  reads: {fields['reading']}")
    else:
        lines.append(f"  refused: {fields['message']}")
    return "\n".join(lines) + "\n"
