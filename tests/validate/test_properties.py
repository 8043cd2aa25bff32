"""Properties: what validates re-serializes and validates again identically, in both syntaxes; validation
depends on the tree only; a Query item and its text are validated alike; any text is handled with spans
inside it."""

from __future__ import annotations

import datetime
import json
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from appwrite_dsl.errors import InvalidQuery
from appwrite_dsl.query import Query
from appwrite_dsl.strategies import queries
from appwrite_dsl.validate import Attribute, QueryError, Schema, check, validate

SCHEMA = Schema(
    [
        Attribute.string("title"),
        Attribute.integer("year", bits=32),
        Attribute.integer("count"),
        Attribute.float("price"),
        Attribute.boolean("ok"),
        Attribute.datetime("at"),
        Attribute.string("tags", array=True),
    ],
    fulltext=["title"],
)

TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=10)
VALUES: dict[str, st.SearchStrategy[Any]] = {
    "title": TEXT,
    "year": st.integers(-(2**31), 2**31 - 1),
    "count": st.integers(-(2**63), 2**63 - 1),
    "price": st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(2**53), 2**53),
    "ok": st.booleans(),
    "at": st.datetimes(min_value=datetime.datetime(1000, 1, 2)).map(
        lambda moment: moment.isoformat(timespec="milliseconds") + "+00:00"
    ),
    "tags": TEXT,
}
SCALARS = ["title", "year", "count", "price", "ok", "at"]
COMPARE = ["equal", "notEqual", "lessThan", "lessThanEqual", "greaterThan", "greaterThanEqual"]
UIDS = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,35}", fullmatch=True)


@st.composite
def filters(draw: st.DrawFn, legacy: bool = False) -> Query:
    """A filter the schema accepts."""
    kind = draw(st.sampled_from(["compare", "between", "null", "text", "array"]))
    if kind == "array":
        methods = ["contains"] if legacy else ["contains", "containsAny", "containsAll", "notContains"]
        return Query(
            draw(st.sampled_from(methods)), "tags", draw(st.lists(VALUES["tags"], min_size=1, max_size=3))
        )
    if kind == "null":
        attribute = draw(st.sampled_from([*SCALARS, "tags"]))
        return Query(draw(st.sampled_from(["isNull", "isNotNull"])), attribute, None)
    if kind == "text":
        methods = ["startsWith", "endsWith", "contains", "search"]
        if not legacy:
            methods += ["notStartsWith", "notEndsWith", "notSearch"]
        method = draw(st.sampled_from(methods))
        return Query(method, "title", [draw(VALUES["title"])])
    attribute = draw(st.sampled_from(SCALARS))
    if kind == "between":
        method = "between" if legacy else draw(st.sampled_from(["between", "notBetween"]))
        return Query(method, attribute, [draw(VALUES[attribute]), draw(VALUES[attribute])])
    method = draw(st.sampled_from(COMPARE))
    count = draw(st.integers(1, 3)) if method == "equal" else 1
    return Query(method, attribute, draw(st.lists(VALUES[attribute], min_size=count, max_size=count)))


@st.composite
def others(draw: st.DrawFn, legacy: bool = False) -> Query:
    """A query of another type the schema accepts."""
    kind = draw(st.sampled_from(["limit", "offset", "cursor", "order", "select"]))
    if kind == "limit":
        return Query.limit(draw(st.integers(1, 2**63 - 1)))
    if kind == "offset":
        return Query.offset(draw(st.integers(0, 2**63 - 1)))
    if kind == "cursor":
        return Query(draw(st.sampled_from(["cursorAfter", "cursorBefore"])), None, [draw(UIDS)])
    if kind == "select":
        names = st.sampled_from([*SCALARS, "tags", "$id", "$createdAt", "*"])
        return Query.select(draw(st.lists(names, min_size=1, max_size=4, unique=True)))
    attribute = draw(
        st.sampled_from([*SCALARS, "$id", "$createdAt", "$updatedAt", *([] if legacy else ["$sequence", ""])])
    )
    methods = ["orderAsc", "orderDesc"] if legacy else ["orderAsc", "orderDesc", "orderRandom"]
    method = draw(st.sampled_from(methods))
    return Query.order_random() if method == "orderRandom" else Query(method, attribute or None, None)


def json_queries() -> st.SearchStrategy[Query]:
    leaves = filters() | others()
    logical = st.builds(
        lambda method, children: Query(method, None, children),
        st.sampled_from(["and", "or"]),
        st.lists(filters(), min_size=2, max_size=3),
    )
    return leaves | logical | st.builds(lambda c: Query.or_queries([c, Query.is_null("title")]), logical)


def legacy_queries() -> st.SearchStrategy[Query]:
    return filters(legacy=True) | others(legacy=True)


def outcome(errors: list[QueryError]) -> list[tuple[str, str, int | None]]:
    return [(error.kind, error.message, error.index) for error in errors]


@given(json_queries())
def test_valid_json_queries_validate_again_identically(query: Query) -> None:
    text = str(query)
    (parsed,) = validate([text], schema=SCHEMA)
    assert parsed == query
    assert str(parsed) == text
    assert validate([str(parsed)], schema=SCHEMA) == [parsed]
    assert validate([parsed], schema=SCHEMA)[0] is parsed


@given(legacy_queries(), st.sampled_from(["1.4", "1.4.14"]))
def test_valid_legacy_queries_validate_again_identically(query: Query, version: str) -> None:
    try:
        text = query.to_legacy()
    except InvalidQuery:
        assume(False)  # a string the legacy syntax cannot carry
        raise
    (parsed,) = validate([text], schema=SCHEMA, server_version=version)
    assert parsed == query
    assert parsed.to_legacy() == text
    assert validate([parsed.to_legacy()], schema=SCHEMA, server_version=version) == [parsed]
    assert validate([parsed], schema=SCHEMA, server_version=version)[0] is parsed


def _rewritten(text: str, order: list[str], indent: int | None) -> str:
    """The same query written another way: other key order, spaces, escapes."""
    data = json.loads(text)
    members = {key: data[key] for key in order if key in data}
    return json.dumps(members, indent=indent, ensure_ascii=indent is None)


@given(
    queries(max_depth=2),
    st.permutations(["method", "attribute", "values"]),
    st.none() | st.integers(0, 2),
    st.sampled_from(["1.9.6", "1.7", "main"]),
)
def test_validation_depends_on_the_tree_only(
    query: Query, order: list[str], indent: int | None, version: str
) -> None:
    text = str(query)
    other = _rewritten(text, order, indent)
    assume(len(other) <= 4096 and len(text) <= 4096)
    assert outcome(check([other], schema=SCHEMA, server_version=version)) == outcome(
        check([text], schema=SCHEMA, server_version=version)
    )
    assert outcome(check([other], endpoint="users", server_version=version)) == outcome(
        check([text], endpoint="users", server_version=version)
    )


def _spans(errors: list[QueryError]) -> list[tuple[str, str, int | None, int, int, str]]:
    return [(e.kind, e.message, e.index, e.position, e.end, e.source) for e in errors]


@given(queries(max_depth=2))
def test_a_query_item_is_validated_like_its_text(query: Query) -> None:
    assert _spans(check([query], schema=SCHEMA)) == _spans(check([str(query)], schema=SCHEMA))
    assert _spans(check([query], endpoint="webhooks")) == _spans(check([str(query)], endpoint="webhooks"))


@given(queries(syntax="legacy"), st.sampled_from(["1.0.2", "1.3", "1.4"]))
def test_a_legacy_query_item_is_validated_like_its_text(query: Query, version: str) -> None:
    text = query.to_legacy()
    assert _spans(check([query], schema=SCHEMA, server_version=version)) == _spans(
        check([text], schema=SCHEMA, server_version=version)
    )


NEAR_QUERIES = st.one_of(
    st.text(max_size=40),
    queries(max_depth=1).map(str),
    queries(syntax="legacy").map(lambda query: query.to_legacy()),
    st.builds(lambda a, b: a + b, queries(max_depth=1).map(str), st.text(max_size=3)),
    st.builds(lambda text, cut: text[:cut], queries(max_depth=1).map(str), st.integers(0, 60)),
)


@given(
    st.lists(NEAR_QUERIES, max_size=4),
    st.sampled_from(["1.0.0", "1.2", "1.3", "1.4", "1.7", "1.9.6"]),
    st.booleans(),
)
def test_any_text_gets_spans_inside_it(texts: list[str], version: str, documents: bool) -> None:
    target: dict[str, Any] = {"schema": SCHEMA} if documents else {"endpoint": "webhooks"}
    errors = check(texts, server_version=version, **target)
    server = [error.index for error in errors if error.kind == "server"]
    assert len(server) == len(set(server))  # one server problem per query at most
    for error in errors:
        assert error.kind in ("server", "strict")
        assert error.index is not None
        assert error.source == texts[error.index]
        assert 0 <= error.position <= error.end <= len(error.source)
        assert error.message
    if not errors:
        assert len(validate(texts, server_version=version, **target)) == len(texts)
