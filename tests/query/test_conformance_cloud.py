"""Every cloud-dialect conformance record (``tests/data/conformance/query-cloud.jsonl``, utopia-php/query
0.6.0), accounted for by ``Query.parse(text, server_version="cloud-2.5")``.

For each string the real parser read, one of these holds:
- 0.6.0 reads it: we read it to the same method, attribute and values (nested queries and join values
  included), and the canonical text we write reads back to the same tree;
- 0.6.0 refuses it: we refuse it with its exact message; for the PHP ``TypeError`` of a nesting method's
  child that is not an object (HTTP 500 through Appwrite) our own message, ending with the engine's;
- listed in ``DELIBERATE``: 0.6.0 reads it, but not as written, and we refuse it, for the reason given.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from appwrite_dsl import InvalidQuery, _operand
from appwrite_dsl._cloud import JOINS, NESTING
from appwrite_dsl.query import Query

from ..conformance import records
from ..property.invariants import check_error

CLOUD = "cloud-2.5"
RECORDS = records("query-cloud.jsonl")


def _values_object(record: dict[str, Any]) -> bool:
    text = record["input"]
    if not isinstance(text, str):
        return False
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return _has_values_object(data)


def _has_values_object(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    values = data.get("values")
    if isinstance(values, dict):
        return True
    method = data.get("method")
    if isinstance(values, list) and (method in NESTING or method in JOINS):
        return any(_has_values_object(child) for child in values)
    return False


# Why we refuse texts 0.6.0 reads, by the start of our message.
DELIBERATE = {
    "Expected the values as a JSON array, found an object": (
        "values given as a JSON object: 0.6.0 keeps it as a map (a list when its keys are 0, 1, ... in order; "
        "children keep their keys), which no SDK writes and 0.6.0's own toString() writes as a list"
    ),
    "Expected a finite number, found one the server reads as an infinite float": (
        "1e400 is read as infinity, which 0.6.0's toString() cannot encode (Invalid Json: Inf and NaN cannot "
        "be JSON encoded) and the SDK never writes"
    ),
    "Expected a non-empty object": "{} as an operand is read as the empty array []",
    'Expected an object whose keys are not "0", "1", ... in order': (
        'an operand {"0": ..., "1": ...} is read as an array'
    ),
}


def text_of(record: dict[str, Any]) -> str | bytes:
    value = record["input"]
    return base64.b64decode(value["$b64"]) if isinstance(value, dict) else value


def record_id(record: dict[str, Any]) -> str:
    return f"{record['kind']}:{json.dumps(record['input'], ensure_ascii=True)[:60]}"


def view(query: Query) -> str:
    """Our tree in the records' encoding: attribute "" and values [] when absent, nested queries (children
    and a join's query values) as objects of the three members."""
    items = []
    for value in query.values or ():
        items.append(view(value) if isinstance(value, Query) else _operand.encode(value))
    attribute = json.dumps(query.attribute or "")
    return f'{{"method":{json.dumps(query.method)},"attribute":{attribute},"values":[{",".join(items)}]}}'


def expected_view(server: dict[str, Any]) -> str:
    return json.dumps({key: server[key] for key in ("method", "attribute", "values")}, separators=(",", ":"))


def read(record: dict[str, Any]) -> tuple[Query | None, InvalidQuery | None]:
    try:
        return Query.parse(text_of(record), server_version=CLOUD), None
    except InvalidQuery as error:
        return None, error


def deliberate(error: InvalidQuery | None) -> str | None:
    if error is None:
        return None
    return next((reason for start, reason in DELIBERATE.items() if error.message.startswith(start)), None)


@pytest.mark.parametrize("record", RECORDS, ids=record_id)
def test_record(record: dict[str, Any]) -> None:
    server = record["cloud"]
    query, error = read(record)
    if error is not None:
        check_error(error, error.source)
    if "error" in server:
        assert error is not None, f"we accept what 0.6.0 refuses: {server['error']}"
        if server["class"] == "TypeError":
            assert error.message.endswith(server["error"]), error.message
            assert error.message.startswith("Expected a query object as each value of ")
        else:
            assert error.message == server["error"]
            assert server["class"] in (
                "Utopia\\Query\\Exception",
                "Utopia\\Query\\Exception\\ValidationException",
            )
        return
    # the server's own toString() (its canonical form) is never refused
    if "to_string" in server:
        Query.parse(server["to_string"], server_version=CLOUD)
    if error is not None:
        assert deliberate(error) is not None, f"we refuse what 0.6.0 reads: {error}"
        return
    assert query is not None
    assert view(query) == expected_view(server)
    # the canonical text reads back to the same tree
    assert Query.parse(str(query), server_version=CLOUD) == query


def test_accounting_covers_every_record() -> None:
    assert len(RECORDS) == 1678
    agree: list[dict[str, Any]] = []
    refused: list[dict[str, Any]] = []
    strict: list[tuple[dict[str, Any], str]] = []
    for record in RECORDS:
        error = read(record)[1]
        if "error" in record["cloud"]:
            refused.append(record)
        elif error is None:
            agree.append(record)
        else:
            assert deliberate(error) is not None
            strict.append((record, error.message))
    by_reason: dict[str, int] = {}
    for _, message in strict:
        start = next(start for start in DELIBERATE if message.startswith(start))
        by_reason[start] = by_reason.get(start, 0) + 1
    # the counts, so that a change in them is seen in review
    assert (len(agree), len(refused), len(strict)) == (911, 642, 125)
    assert by_reason == {
        "Expected the values as a JSON array, found an object": 121,
        "Expected a finite number, found one the server reads as an infinite float": 3,
        'Expected an object whose keys are not "0", "1", ... in order': 1,
    }
    assert sum(1 for r in refused if r["cloud"]["class"] == "TypeError") == 27
    raw = [r for r in refused if r["cloud"]["class"].endswith("ValidationException")]
    assert raw and all(r["cloud"]["error"].startswith("Raw queries cannot be parsed") for r in raw)
