"""``raw`` is never read from text: in no dialect, at no depth, whatever the server version."""

from __future__ import annotations

import pytest

from appwrite_dsl import InvalidQuery
from appwrite_dsl._cloud import RAW
from appwrite_dsl.query import Query

RAW_JSON = '{"method":"raw","attribute":"SELECT 1","values":[]}'
NESTED = [
    RAW_JSON,
    '{"method":"or","values":[{"method":"equal","attribute":"a","values":[1]},' + RAW_JSON + "]}",
    '{"method":"having","values":[' + RAW_JSON + "]}",
    '{"method":"join","attribute":"t","values":["o",' + RAW_JSON + "]}",
    '{"method":"and","values":[{"method":"leftJoin","attribute":"t","values":[' + RAW_JSON + "]}]}",
]


@pytest.mark.parametrize("text", NESTED)
def test_the_cloud_dialect_refuses_raw_at_any_depth(text: str) -> None:
    with pytest.raises(InvalidQuery) as caught:
        Query.parse(text, server_version="cloud-2.5")
    assert caught.value.message == RAW
    assert text[caught.value.position :].startswith('"raw"')


@pytest.mark.parametrize(
    ("text", "arguments"),
    [
        (RAW_JSON, {}),
        (RAW_JSON, {"syntax": "json"}),
        (RAW_JSON, {"server_version": "1.9.6"}),
        (RAW_JSON, {"server_version": "1.5"}),
        ('raw("SELECT 1")', {}),
        ('raw("SELECT 1")', {"syntax": "legacy"}),
        ('raw("SELECT 1")', {"server_version": "1.0"}),
        ('raw("SELECT 1")', {"server_version": "1.4.14"}),
        ('raw("SELECT 1")', {"server_version": "cloud-2.5"}),
    ],
)
def test_no_dialect_reads_raw(text: str, arguments: dict[str, str]) -> None:
    with pytest.raises(InvalidQuery, match=r"raw|Syntax error"):
        Query.parse(text, **arguments)  # type: ignore[arg-type]


def test_the_member_checks_come_first() -> None:
    with pytest.raises(InvalidQuery) as caught:
        Query.parse('{"method":"raw","attribute":1}', server_version="cloud-2.5")
    assert caught.value.message == "Invalid query attribute. Must be a string, got integer"


def test_the_tree_cannot_hold_raw() -> None:
    with pytest.raises(InvalidQuery):
        Query("raw", "SELECT 1")
