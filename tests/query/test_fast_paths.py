"""The query readers' fast paths agree with the rule functions.

``_json.read_canonical`` (one pattern for the SDK's canonical JSON text) and ``_legacy.read_common`` (one
pattern for the common legacy shapes) may decline any text; what they take must read exactly as the rule
functions read it (same method, attribute, typed values, canonical text), and what the rules take from the
fast paths' own subset must not be declined. Inputs: canonical texts, near misses (characters inserted,
deleted or replaced) and texts built from pieces just outside each subset.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl import _json
from appwrite_dsl import query as query_module
from appwrite_dsl._legacy import read_common, read_legacy
from appwrite_dsl._methods import LEGACY_FORMS, LOGICAL_METHODS, SERVER_METHODS
from appwrite_dsl._strategies_query import queries
from appwrite_dsl.query import Query

from .test_legacy import edited, outcome, typed
from .test_legacy import near_misses as legacy_near_misses


def parts(query: Query) -> tuple[Any, ...]:
    """A query's parts, values typed and nested queries taken apart."""
    values = None
    if query.values is not None:
        values = tuple(parts(value) if isinstance(value, Query) else typed(value) for value in query.values)
    return (query.method, query.attribute, values, str(query))


def fast_json(text: str) -> Query | None:
    return _json.read_canonical(text, query_module._leaf, query_module._new)


def agree_json(text: str) -> Query | None:
    """The fast path's query of ``text`` (None when it declines), after checking it against the rules."""
    fast = fast_json(text)
    full, error = outcome(_json.read, text, query_module._new)
    parsed, parse_error = outcome(Query.parse, text)
    if fast is not None:
        assert error is None, error
        assert parts(fast) == parts(full)
        assert str(fast) == text
    if text[:1] == "{":  # Query.parse (the syntax auto-detected) reads it as the rules do
        assert (parse_error is None) == (error is None)
        if error is None:
            assert parts(parsed) == parts(full)
        else:
            assert (parse_error.message, parse_error.position, parse_error.end) == (  # type: ignore[union-attr]
                error.message,
                error.position,
                error.end,
            )
    return fast


def agree_legacy(text: str) -> tuple[Any, ...] | None:
    """``read_common(text)`` (None when it declines), after checking it against ``read_legacy``."""
    fast = read_common(text)
    full, _ = outcome(read_legacy, text)
    if fast is not None:
        assert full is not None
        assert (fast[0], fast[1], typed(fast[2])) == (full[0], full[1], typed(full[2]))
        parsed = Query.parse(text)
        assert parts(parsed) == parts(query_module._legacy_query(*full))
    return fast


# ------------------------------------------------------------------------------------------ JSON inputs

# The fast path's subset: strings of printable ASCII without '"' or '\', integers of at most 18 digits.
PLAIN = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E, exclude_characters='"\\'), max_size=8)
SUBSET_SCALARS = st.one_of(PLAIN, st.integers(-(10**18) + 1, 10**18 - 1), st.booleans(), st.none())
LEAF_METHODS = sorted(SERVER_METHODS - LOGICAL_METHODS)


def written(method: str, attribute: str | None, values: list[Any] | None) -> str:
    """The SDK's text (``json.dumps`` of the members in order, without the absent ones)."""
    members = {"method": method, "attribute": attribute, "values": values}
    return json.dumps({key: part for key, part in members.items() if part is not None}, separators=(",", ":"))


@st.composite
def subset_leaves(draw: st.DrawFn) -> str:
    method = draw(st.sampled_from(LEAF_METHODS))
    values = draw(st.none() | st.lists(SUBSET_SCALARS, max_size=4))
    return written(method, draw(st.none() | PLAIN), values)


@st.composite
def subset_texts(draw: st.DrawFn) -> str:
    """A canonical text of the fast path's subset: a leaf, or a logical query of 1 to 7 leaves."""
    if draw(st.booleans()):
        return draw(subset_leaves())
    children = draw(st.lists(subset_leaves(), min_size=1, max_size=7))
    method = draw(st.sampled_from(sorted(LOGICAL_METHODS)))
    attribute = draw(st.none() | PLAIN)
    head = written(method, attribute, None)[:-1]
    return head + ',"values":[' + ",".join(children) + "]}"


JSON_EDITS = ' {}[]",:\\0129-.eE+tnul\x7f\x00é'


@st.composite
def json_near_misses(draw: st.DrawFn) -> str:
    return edited(draw, draw(subset_texts()), JSON_EDITS)


OUTSIDE = st.one_of(  # values just outside the subset
    st.sampled_from(["é", "a\\b", 'q"', "\x00", "\x7f", "\ud800", "\U0001f600"]),
    st.sampled_from([10**18, -(10**18), 2**63 - 1, 2**63, -(2**63) - 1, 10**30]),
    st.floats(allow_nan=False, allow_infinity=False),
    st.lists(st.integers(0, 3), max_size=2),
    st.dictionaries(st.sampled_from(["0", "k"]), st.integers(0, 3), max_size=2),
)


@st.composite
def json_outside(draw: st.DrawFn) -> str:
    """A canonical-looking text with one part just outside the subset: a value, the method (cloud-only,
    unknown, a logical one as a leaf), a nested logical query, a null member."""
    kind = draw(st.sampled_from(("value", "method", "nested", "null", "whitespace")))
    method = draw(st.sampled_from(LEAF_METHODS))
    if kind == "value":
        values = [*draw(st.lists(SUBSET_SCALARS, max_size=2)), draw(OUTSIDE)]
        return written(method, "a", values)
    if kind == "method":
        other = draw(st.sampled_from(["count", "raw", "Equal", "or", "and", "elemMatch", "having", "x"]))
        return written(other, draw(st.none() | PLAIN), draw(st.none() | st.lists(SUBSET_SCALARS, max_size=2)))
    if kind == "nested":
        inner = draw(subset_texts())
        return '{"method":"or","values":[' + inner + "," + draw(subset_leaves()) + "]}"
    if kind == "null":
        return draw(
            st.sampled_from(['{"method":"isNull","attribute":null}', '{"method":"limit","values":null}'])
        )
    text = draw(subset_texts())
    return text.replace(",", ", ", 1)


# ---------------------------------------------------------------------------------------- JSON: tests


@given(subset_texts())
def test_json_subset_is_taken_and_agrees(text: str) -> None:
    assert agree_json(text) is not None


@given(st.one_of(json_near_misses(), json_outside(), queries().map(str)))
@example('{"method":"equal","attribute":"a","values":[-0]}')
@example('{"method":"equal","attribute":"a","values":[1.0]}')
@example('{"method":"or","values":[]}')
@example('{"method":"or","values":[{"method":"limit","values":[1]},{"method":"or","values":[]}]}')
def test_json_near_misses_agree(text: str) -> None:
    agree_json(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"method":"equal","attribute":"title","values":["Iron Man","Hulk","Thor"]}',
        '{"method":"isNull","attribute":"a"}',
        '{"method":"limit","values":[25]}',
        '{"method":"equal","attribute":"","values":[]}',
        '{"method":"equal","attribute":"n","values":[999999999999999999,-999999999999999999,0,true,false,null]}',
        '{"method":"elemMatch","attribute":"tags","values":[{"method":"equal","attribute":"x","values":[1]}]}',
        '{"method":"or","values":[{"method":"limit","values":[1]},{"method":"isNull","attribute":"b"}]}',
        '{"method":"and","values":['
        + ",".join(f'{{"method":"equal","attribute":"a{i}","values":[{i}]}}' for i in range(9))
        + "]}",
    ],
)
def test_json_taken(text: str) -> None:
    query = agree_json(text)
    assert query is not None
    assert query == Query.parse(text, "json")


@pytest.mark.parametrize(
    "text",
    [
        '{"method":"equal","attribute":"a","values":[1000000000000000000]}',  # 19 digits
        '{"method":"equal","attribute":"a","values":[-0]}',  # the server reads 0
        '{"method":"equal","attribute":"a","values":[01]}',
        '{"method":"equal","attribute":"a","values":[1e2]}',
        '{"method":"equal","attribute":"a","values":["\\u00e9"]}',
        '{"method":"equal","attribute":"a","values":["\u00e9"]}',
        '{"method":"equal","attribute":"a","values":["\x7f"]}',
        '{"method":"equal","attribute":"a","values":[[1]]}',
        '{"method":"equal","attribute":"a","values":{"0":1}}',
        '{"method":"equal","values":["x"],"attribute":"a"}',
        '{"method":"equal","attribute":"a","values":["x"]} ',
        '{"method":"equal", "attribute":"a"}',
        '{"method":"isNull","attribute":null}',
        '{"method":"count","attribute":"a"}',  # the cloud dialect's
        '{"method":"or","values":[]}',
        '{"method":"equal","values":[{"method":"isNull","attribute":"a"}]}',
        '{"method":"or","values":[{"method":"or","values":[{"method":"isNull","attribute":"a"}]}]}',
        '{"method":"and","attribute":"a","values":[{"method":"count","attribute":"a"}]}',
        '{"method":"equal","attribute":"a","values":["' + "x" * 5000 + '"]}',  # too long for the pattern
    ],
)
def test_json_declined(text: str) -> None:
    assert agree_json(text) is None


def test_the_auto_syntax_still_reads_json_after_whitespace() -> None:
    text = ' \n{"method":"isNull","attribute":"a"}'
    assert Query.parse(text) == Query.parse(text.strip()) == Query.is_null("a")


def test_lazily_read_values_are_the_rules_values() -> None:
    text = '{"method":"equal","attribute":"a","values":["x",1,true,null]}'
    query = fast_json(text)
    assert query is not None
    assert query.values == ("x", 1, True, None)
    assert [type(value) for value in query.values] == [str, int, bool, type(None)]


# ---------------------------------------------------------------------------------------- legacy inputs

SPACES = st.text(" ", max_size=2)
LEGACY_PLAIN = st.text(st.characters(exclude_categories=["Cs"], exclude_characters='"\\'), max_size=6).map(
    lambda value: f'"{value}"'
)
LEGACY_BARE = st.one_of(
    st.integers(-(10**18) + 1, 10**18 - 1).map(str),
    st.sampled_from(["true", "false", "null", "-0", "007", "0"]),
)
LEGACY_OUTSIDE = st.sampled_from(
    ["1.5", "1e+2", "1" * 19, "-" + "9" * 19, '"a\\"b"', '"\ud800"', "True", "nul", "'a'", "[1]", "+1", ""]
)


@st.composite
def legacy_arguments(draw: st.DrawFn, scalars: st.SearchStrategy[str]) -> str:
    """An argument list: up to four scalars or arrays of scalars, with spaces where the grammar allows."""
    arguments = []
    for _ in range(draw(st.integers(0, 4))):
        if draw(st.booleans()):
            arguments.append(draw(scalars))
        else:
            items = draw(st.lists(scalars, max_size=4))
            separator = draw(SPACES) + "," + draw(SPACES)
            arguments.append("[" + draw(SPACES) + separator.join(items) + draw(SPACES) + "]")
    separator = draw(SPACES) + "," + draw(SPACES)
    return draw(SPACES) + separator.join(arguments) + draw(SPACES)


@st.composite
def legacy_shapes(draw: st.DrawFn, outside: bool = False) -> str:
    """A method of the legacy table (or a near one) with arguments from the fast path's subset (with one
    piece just outside it when ``outside``)."""
    method = draw(st.sampled_from([*sorted(LEGACY_FORMS), "notContains", "Equal", "select "]))
    scalars = st.one_of(LEGACY_PLAIN, LEGACY_BARE)
    if outside:
        scalars = st.one_of(scalars, LEGACY_OUTSIDE)
    return f"{method}({draw(legacy_arguments(scalars))})"


@st.composite
def legacy_forms(draw: st.DrawFn, outside: bool = False) -> str:
    """A text of the shape the method's legacy form takes, the scalars from the subset (or just outside)."""
    method = draw(st.sampled_from(sorted(LEGACY_FORMS)))
    scalars = st.one_of(LEGACY_PLAIN, LEGACY_BARE, *([LEGACY_OUTSIDE] if outside else []))
    items = draw(st.lists(scalars, max_size=4))
    array = "[" + draw(SPACES) + (draw(SPACES) + "," + draw(SPACES)).join(items) + draw(SPACES) + "]"
    form = LEGACY_FORMS[method]
    attribute = draw(LEGACY_PLAIN)
    arguments = {
        "filter": [attribute, draw(st.sampled_from([array, draw(scalars)]))],
        "attribute": [attribute],
        "between": [attribute, draw(scalars), draw(scalars)],
        "select": [array],
        "page": [draw(scalars)],
    }[form]
    separator = draw(SPACES) + "," + draw(SPACES)
    return f"{method}({draw(SPACES)}{separator.join(arguments)}{draw(SPACES)})"


# -------------------------------------------------------------------------------------- legacy: tests


@given(st.one_of(legacy_shapes(), legacy_forms()))
@example('equal("a", [ ])')
@example('limit("a", 5)')
def test_legacy_subset_is_taken_when_the_rules_read_it(text: str) -> None:
    fast = agree_legacy(text)
    assert (fast is None) == (outcome(read_legacy, text)[0] is None)


@given(st.one_of(legacy_shapes(outside=True), legacy_forms(outside=True), legacy_near_misses()))
def test_legacy_near_misses_agree(text: str) -> None:
    agree_legacy(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('select(["a","b","c"])', ("select", "", ("a", "b", "c"))),
        ('equal("t", ["a","b","c"])', ("equal", "t", ("a", "b", "c"))),
        ('equal( "t" , [ "a" , 1 ,true,null ] )', ("equal", "t", ("a", 1, True, None))),
        ('equal("a", 5)', ("equal", "a", (5,))),
        ('equal("a", [-0, 007])', ("equal", "a", (0, 7))),
        ('contains("a", ["x)y", "é, ["])', ("contains", "a", ("x)y", "é, ["))),
        ('isNull("a")', ("isNull", "a", ())),
        ('orderDesc("")', ("orderDesc", "", ())),
        ('between("a", 1, "z")', ("between", "a", (1, "z"))),
        ("limit(25)", ("limit", "", (25,))),
        ('cursorAfter("x")', ("cursorAfter", "", ("x",))),
        ("select([])", ("select", "", ())),
    ],
)
def test_legacy_taken(text: str, expected: tuple[Any, ...]) -> None:
    fast = agree_legacy(text)
    assert fast is not None
    assert (fast[0], fast[1], typed(fast[2])) == (expected[0], expected[1], typed(expected[2]))


@pytest.mark.parametrize(
    "text",
    [
        'limit("a", 5)',
        'equal("a")',
        'select("a")',
        'select("a", ["x"])',
        'isNull("a", "b")',
        "isNull(1)",
        'between("a", 1)',
        'between("a", [1], 2)',
        "limit(1, 2)",
        "limit()",
        'equal("a", )',
        'equal("a",)',
        'equal("a", [1.5])',
        'equal("a", [1000000000000000000])',  # 19 digits
        'equal("a", ["x\\"y"])',
        'Equal("a", ["x"])',
        'notContains("a", ["x"])',  # not a legacy method
        'equal ("a", ["x"])',
        'equal("a", ["x"]) ',
        'equal("a", [1,])',
        'equal("a",\t["x"])',
        'equal("a", ["\ud800"])',
        'equal("a", [1"x"])',
        'equal("a", ' + '"x", ' * 1000 + '"x")',  # too long for the pattern
    ],
)
def test_legacy_declined(text: str) -> None:
    assert agree_legacy(text) is None
