"""Limit, Offset, Cursor, Order and Select, as utopia-php/database 7.2.6 behaves."""

from __future__ import annotations

import pytest

from appwrite_dsl.query import Query

from .helpers import PREFIX, culprit, message, messages, problems, q

RANGE_LIMIT = f"{PREFIX}Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,808"
RANGE_OFFSET = f"{PREFIX}Invalid offset: Value must be a valid range between 0 and 9,223,372,036,854,775,808"
NUMBER = f"{PREFIX}Invalid limit: Value must be a valid number"
UID = (
    "Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, A-Z, 0-9, and underscore. "
    "Can't start with a leading underscore"
)


@pytest.mark.parametrize("value", [25, "25", " 5", "5 ", "\t7\n", 1, 2**63 - 1, "+3", "007"])
def test_limits_accepted(value: object) -> None:
    assert message(q("limit", None, [value])) is None


@pytest.mark.parametrize("value", [0, -1, 2.5, 1000.0, "2.5", "1e3", 2**63])
def test_limits_out_of_range(value: object) -> None:
    assert message(q("limit", None, [value])) == RANGE_LIMIT


@pytest.mark.parametrize("value", [True, "abc", "", None, "0x1A", [5], {"a": 5}])
def test_limits_that_are_not_numbers(value: object) -> None:
    assert message(q("limit", None, [value])) == NUMBER


def test_a_limit_without_values() -> None:
    assert message('{"method":"limit"}') == NUMBER
    assert message('{"method":"limit","values":[]}') == NUMBER
    assert culprit('{"method":"limit","values":[]}') == "[]"


def test_only_the_first_value_counts() -> None:
    # The server reads limit(5); appwrite_dsl notes the second value it ignores (strictness).
    (error,) = problems([q("limit", None, [5, "x"])])
    assert (error.kind, error.stage, error.message) == (
        "strict",
        None,
        "Expected one value in limit, found 2: the server reads only the first",
    )
    assert error.source[error.position : error.end] == '"x"'
    assert culprit(q("limit", None, [0, 5])) == "0"
    (error,) = problems([q("limit", None, [0, 5])])
    assert error.kind == "server"


@pytest.mark.parametrize("value", [0, "0", 5000, 10**12])
def test_offsets_accepted(value: object) -> None:
    assert message(q("offset", None, [value])) is None


@pytest.mark.parametrize("value", [-1, 1.5, 0.0])
def test_offsets_out_of_range(value: object) -> None:
    assert message(q("offset", None, [value])) == RANGE_OFFSET


@pytest.mark.parametrize("value", ["x", False, None])
def test_offsets_that_are_not_numbers_say_limit(value: object) -> None:
    assert message(q("offset", None, [value])) == NUMBER  # sic: the server's Offset validator says "limit"


@pytest.mark.parametrize("value", ["doc1", "a" * 36, "A.b-c_9", "0"])
def test_cursors_accepted(value: str) -> None:
    assert message(Query.cursor_after(value)) is None
    assert message(Query.cursor_before(value)) is None


@pytest.mark.parametrize(
    "value", ["unique()", 5, "a" * 37, "_x", ".x", "-x", "$id", "a b", "é", "", None, ["a"]]
)
def test_cursors_refused(value: object) -> None:
    # the document routes check the first cursor query themselves: no "Invalid query: " prefix
    assert message(q("cursorAfter", None, [value])) == UID


def test_a_cursor_without_a_value() -> None:
    assert message('{"method":"cursorBefore"}') == UID


def test_only_the_first_cursor_is_checked_by_the_route() -> None:
    found = messages([Query.cursor_after("ok"), q("cursorBefore", None, ["_no"])])
    assert found == [PREFIX + UID]


def test_orders() -> None:
    assert message(Query.order_asc("title")) is None
    assert message(Query.order_desc("$createdAt")) is None
    assert message(Query.order_asc("$sequence")) is None
    assert message('{"method":"orderAsc"}') is None  # the server orders by $sequence
    assert message(Query.order_asc("")) is None
    assert message(Query.order_random()) is None
    assert message(Query.order_asc("tags")) is None  # order checks only that the attribute exists


def test_order_on_unknown_attributes() -> None:
    assert message(Query.order_asc("nope")) == f"{PREFIX}Attribute not found in schema: nope"
    assert message(Query.order_desc("nope.x")) == f"{PREFIX}Attribute not found in schema: nope"
    assert message(Query.order_desc("author.name")) == f"{PREFIX}Cannot order by nested attribute: author"
    assert culprit(Query.order_desc("author.name")) == '"author.name"'


def test_selects_accepted() -> None:
    for values in (
        ["*"],
        ["title", "year"],
        ["$id", "$permissions", "$collection", "$sequence"],
        ["author.name", "author.*"],
        ["$createdAt", "$updatedAt"],
    ):
        assert message(Query.select(values)) is None, values


@pytest.mark.parametrize(
    ("values", "expected", "at"),
    [
        ([], "No attributes selected", "[]"),
        ([1], "Attribute selection must be a string, got int", "1"),
        (["title", 1.5], "Attribute selection must be a string, got float", "1.5"),
        ([True], "Attribute selection must be a string, got bool", "true"),
        ([None], "Attribute selection must be a string, got null", "null"),
        ([["title"]], "Attribute selection must be a string, got array", '["title"]'),
        (["title", "year", "title"], "Duplicate attributes selected", '"title"'),
        (["title", "title", 1], "Attribute selection must be a string, got int", "1"),
        (["nope"], "Attribute not found in schema: nope", '"nope"'),
        (["title", "nope.x"], "Attribute not found in schema: nope", '"nope.x"'),
    ],
)
def test_selects_refused(values: list[object], expected: str, at: str) -> None:
    text = q("select", None, values)
    assert message(text) == PREFIX + expected
    assert culprit(text) == at


def test_a_select_without_values() -> None:
    assert message('{"method":"select"}') == f"{PREFIX}No attributes selected"
