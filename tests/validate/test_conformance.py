"""Every record of tests/data/conformance/validation.jsonl: what the real server code (utopia-php/database 7.2.6
behind Appwrite 1.9.6's document list endpoint) answered, replayed through ``check`` with the record's
schema, indexes and deployment. Every adapter, shared tables or not, schemaless or not; no record skipped.

For each record: the same accept/reject (a list is accepted when no problem of kind ``"server"`` is found),
and for a rejected list the same first message, from the same stage, with the same error type, from the
query the server stops at. The records do not name that query; the server's order (every query parsed
before any is validated, the per-query validators in list order before the document-only rules) gives it.
"""

from __future__ import annotations

import functools
import json
from typing import Any

import pytest

from appwrite_dsl.validate import Attribute, Deployment, QueryError, Schema, check

from ..conformance import records

RECORDS = records("validation.jsonl")
_DOCUMENT_RULES = ("Searching by attribute", "Cannot use multiple vector queries")


def attribute(doc: dict[str, Any]) -> Attribute:
    options = doc["options"]
    return Attribute(
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


@functools.cache
def _schema(text: str) -> Schema:
    record = json.loads(text)
    fulltext = [
        index["attributes"][0]
        for index in record["indexes"]
        if index["type"] == "fulltext" and len(index["attributes"]) == 1
    ]
    return Schema(
        [attribute(doc) for doc in record["schema"]],
        fulltext=fulltext,
        schemaless=record["options"]["schemaless"],
        max_query_length=record["options"]["param_length"],
    )


def schema(record: dict[str, Any]) -> Schema:
    parts = {key: record[key] for key in ("schema", "indexes", "options")}
    return _schema(json.dumps(parts, sort_keys=True))


def deployment(record: dict[str, Any]) -> Deployment:
    options = record["options"]
    return Deployment(options["adapter"], options["shared_tables"])


def server_problems(queries: Any, record: dict[str, Any]) -> list[QueryError]:
    found = check(queries, schema=schema(record), deployment=deployment(record))
    return [error for error in found if error.kind == "server"]


def expected_index(record: dict[str, Any]) -> int | str | None:
    """The index of the query the server stops at, from the server's order; ``"?"`` when only the list as a
    whole tells (the document-only rules, the checks after the validator)."""
    queries, server = record["queries"], record["server"]
    stage = server["stage"]
    if stage == "param":
        if not isinstance(queries, list) or len(queries) > record["options"]["param_count"]:
            return None
        length = record["options"]["param_length"]
        return next(
            i for i, item in enumerate(queries) if not isinstance(item, str) or not 0 < len(item) <= length
        )
    if len(queries) == 1:
        return 0
    if stage == "parse":
        return next(i for i, text in enumerate(queries) if _alone(text, record, ("parse",)))
    if stage == "cursor":  # the first cursor query, whatever comes before it
        return next(i for i, text in enumerate(queries) if '"method":"cursor' in text.replace(" ", ""))
    if stage == "validator" and not server["message"].startswith(_DOCUMENT_RULES):
        return next(i for i, text in enumerate(queries) if _alone(text, record, ("cursor", "validator")))
    return "?"


def _alone(text: str, record: dict[str, Any], stages: tuple[str, ...]) -> bool:
    """Whether the query, alone in a list, fails at one of these stages (the document-only rules aside)."""
    return any(
        error.stage in stages and not error.message.startswith(_DOCUMENT_RULES)
        for error in server_problems([text], record)
    )


@pytest.mark.parametrize("record", RECORDS, ids=[f"line{n + 1}" for n in range(len(RECORDS))])
def test_the_server_answer(record: dict[str, Any]) -> None:
    server = record["server"]
    found = server_problems(record["queries"], record)
    if server["valid"]:
        assert found == [], found[0].message
        return
    assert found, f"accepted; the server answers {server['message']!r}"
    first = found[0]
    assert (first.message, first.stage) == (server["message"], server["stage"])
    assert first.error_type == (
        "general_argument_invalid"
        if server["stage"] == "param"
        else "general_unknown"
        if server.get("uncaught")
        else "general_query_invalid"
    )
    assert first.status == (500 if server.get("uncaught") else 400)
    index = expected_index(record)
    if index != "?":
        assert first.index == index


def test_every_record_is_replayed() -> None:
    assert len(RECORDS) == 3334
    assert {record["options"]["adapter"] for record in RECORDS} == {"mariadb", "mysql", "postgres", "mongodb"}
    assert {record["options"]["shared_tables"] for record in RECORDS} == {True, False}
    assert {record["options"]["schemaless"] for record in RECORDS} == {True, False}


def test_strictness_is_never_a_server_refusal() -> None:
    """Where the record says the server accepts, any finding is strictness; where it refuses, the refusal
    comes first and no note of appwrite_dsl's is made on the query it refuses."""
    kinds: dict[str, int] = {}
    for record in RECORDS:
        found = check(record["queries"], schema=schema(record), deployment=deployment(record))
        for error in found:
            kinds[error.kind] = kinds.get(error.kind, 0) + 1
        if found and not record["server"]["valid"]:
            assert found[0].kind == "server"
            refused = {error.index for error in found if error.kind == "server"}
            assert not any(error.kind == "strict" and error.index in refused for error in found)
    assert set(kinds) <= {"server", "strict"}
    assert kinds["strict"] > 0
