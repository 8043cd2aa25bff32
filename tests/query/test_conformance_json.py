"""Every JSON query conformance record (``tests/data/conformance/json-queries.jsonl``, utopia-php/database
7.2.6), accounted for by ``Query.parse(text, syntax="json")``.

For each string the real server read, one of these holds:
- the server reads it: we read it to the same method, attribute and values (nested queries included);
- the server refuses it: we refuse it with the server's exact message (a ``QueryException`` or the PHP
  ``TypeError`` of a logical child that is not an object);
- listed in ``DELIBERATE``: the server reads it, but not as written, and we refuse it, for the reason given.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from appwrite_dsl import InvalidQuery, _methods, _operand
from appwrite_dsl.query import Query, QueryValue

from ..conformance import record_id, records
from ..property.invariants import check_error

RECORDS = records("json-queries.jsonl")

_VALUES_OBJECT = (
    "values given as a JSON object: the server takes its members (keys dropped, or kept as keys of nested "
    "queries), which no SDK writes and a careful client never sends"
)
DELIBERATE = {
    '{"method":"equal","attribute":"a","values":{"x":"y"}}': _VALUES_OBJECT,
    '{"method":"equal","attribute":"a","values":{"1":"b","0":"a"}}': _VALUES_OBJECT,
    '{"method":"equal","attribute":"a","values":{"0":"a","1":"b"}}': _VALUES_OBJECT,
    '{"method":"or","values":{"k":{"method":"isNull","attribute":"a"}}}': _VALUES_OBJECT,
    '{"method":"equal","attribute":"a","values":[1e400]}': (
        "1e400 is read as infinity, which the server cannot encode again (Invalid Json: Inf and NaN cannot be "
        "JSON encoded) and the SDK never writes"
    ),
}


def text_of(record: dict[str, Any]) -> str | bytes:
    value = record["input"]
    return base64.b64decode(value["$b64"]) if isinstance(value, dict) else value


def _operand_of(value: QueryValue) -> _operand.Operand:
    assert not isinstance(value, Query), "only and, or and elemMatch nest queries"
    return value


def server_view(query: Query) -> str:
    """Our tree as the server holds it, in the records' encoding: attribute "" and values [] when absent,
    ``$sequence`` for an order without attribute, nested queries as objects."""
    attribute = query.attribute or ""
    if query.method in ("orderAsc", "orderDesc") and not attribute:
        attribute = "$sequence"
    if query.method in _methods.LOGICAL_METHODS:
        values = "[" + ",".join(server_view(child) for child in query.queries) + "]"
    else:
        values = _operand.encode(tuple(_operand_of(value) for value in query.values or ()))
    return f'{{"method":{json.dumps(query.method)},"attribute":{json.dumps(attribute)},"values":{values}}}'


def expected_view(server: dict[str, Any]) -> str:
    view = {key: server[key] for key in ("method", "attribute", "values")}
    return json.dumps(view, separators=(",", ":"))


def read(record: dict[str, Any]) -> tuple[Query | None, InvalidQuery | None]:
    try:
        return Query.parse(text_of(record), syntax="json"), None
    except InvalidQuery as error:
        return None, error


@pytest.mark.parametrize("record", RECORDS, ids=record_id)
def test_record(record: dict[str, Any]) -> None:
    server = record["server"]
    query, error = read(record)
    if error is not None:
        check_error(error, error.source)
    if isinstance(record["input"], str) and record["input"] in DELIBERATE:
        assert "error" not in server, "a deliberate strictness must be about a string the server reads"
        assert error is not None, "we accept what we list as refused"
        assert not error.message.startswith("Invalid query"), "the message must be ours, naming the reading"
    elif "error" in server:
        assert error is not None, f"we accept what the server refuses: {server['error']}"
        assert error.message == server["error"]
        assert server["class"] in ("QueryException", "TypeError")
    else:
        assert query is not None, f"we refuse what the server reads as written: {error}"
        assert server_view(query) == expected_view(server)
        # and the canonical text reads back to the same tree
        assert Query.parse(str(query), syntax="json") == query


def test_accounting_covers_every_record() -> None:
    assert len(RECORDS) == 140
    assert all(record["source"] == "utopia-php/database 7.2.6" for record in RECORDS)
    accepted = [r for r in RECORDS if "error" not in r["server"]]
    refused = [r for r in RECORDS if "error" in r["server"]]
    deliberate = [r for r in accepted if r["input"] in DELIBERATE]
    assert sorted(r["input"] for r in deliberate) == sorted(DELIBERATE)
    agree = [r for r in accepted if r["input"] not in DELIBERATE]
    assert len(agree) + len(refused) + len(deliberate) == len(RECORDS)
    # the counts, so that a change in them is seen in review
    assert (len(agree), len(refused), len(deliberate)) == (72, 63, 5)
    assert sum(1 for r in refused if r["server"]["class"] == "TypeError") == 2
