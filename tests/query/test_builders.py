"""Query builders against the official Python SDK (appwrite 27.0.0).

For every well-formed call of every builder our string is byte-identical to the SDK's; where the SDK writes
something the server rejects or misreads, the builder raises InvalidQuery instead (docs/divergences-query.md
lists each case, and so does this file). The tree itself: frozen, hashable, pickled, compared by its text.
"""

from __future__ import annotations

import copy
import enum
import inspect
import math
import pickle
from collections import OrderedDict
from types import MappingProxyType
from typing import Any, Callable, NamedTuple

import pytest
from appwrite.query import Query as SDKQuery
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl import InvalidQuery, ParseError
from appwrite_dsl.query import METHODS, SERVER_METHODS, JSONObject, Query

from ..property.invariants import check_error

SDK_BUILDERS = sorted(
    name for name, member in vars(SDKQuery).items() if isinstance(member, staticmethod) and name[0] != "_"
)


# ----------------------------------------------------------------------------------------- the catalogue


def test_every_builder_of_the_sdk_has_the_same_name_and_parameters() -> None:
    assert len(SDK_BUILDERS) == 86
    ours = sorted(
        name
        for klass in Query.__mro__
        for name, member in vars(klass).items()
        if isinstance(member, staticmethod)
    )
    assert ours == SDK_BUILDERS
    for name in SDK_BUILDERS:
        sdk = inspect.signature(getattr(SDKQuery, name)).parameters.values()
        mine = inspect.signature(getattr(Query, name)).parameters.values()
        assert [(p.name, p.kind, p.default) for p in mine] == [(p.name, p.kind, p.default) for p in sdk], name
        assert getattr(Query, name).__doc__, name


def test_the_builder_has_every_chainable_method_of_the_sdk() -> None:
    sdk = sorted(name for name in vars(SDKQuery.Builder) if name[0] != "_")
    ours = sorted(name for name in vars(Query.Builder) if name[0] != "_")
    assert ours == sdk
    for name in sdk:
        if name == "build":
            continue
        sdk_parameters = inspect.signature(getattr(SDKQuery.Builder, name)).parameters.values()
        parameters = inspect.signature(getattr(Query.Builder, name)).parameters.values()
        assert [(p.name, p.default) for p in parameters] == [(p.name, p.default) for p in sdk_parameters]


def test_the_method_sets() -> None:
    assert len(SERVER_METHODS) == 48
    assert len(METHODS) == 78
    assert {"regex", "relationship", "count", "join", "covers", "spatialEquals"} <= METHODS - SERVER_METHODS


# ---------------------------------------------------------------------------- samples: each call and the exact string it writes

SAMPLES: list[tuple[Callable[[], Query], str]] = [
    (
        lambda: Query.equal("title", "Iron Man"),
        '{"method":"equal","attribute":"title","values":["Iron Man"]}',
    ),
    (lambda: Query.equal("year", [2001, 2002]), '{"method":"equal","attribute":"year","values":[2001,2002]}'),
    (lambda: Query.greater_than("n", 1e20), '{"method":"greaterThan","attribute":"n","values":[1e+20]}'),
    (
        lambda: Query.greater_than_equal("n", -0.0),
        '{"method":"greaterThanEqual","attribute":"n","values":[-0.0]}',
    ),
    (
        lambda: Query.equal("a", 'he said "hi" \\ \n ü'),
        '{"method":"equal","attribute":"a","values":["he said \\"hi\\" \\\\ \\n \\u00fc"]}',
    ),
    (
        lambda: Query.equal("a", "😀 / </script> \t \x00 \x7f"),
        '{"method":"equal","attribute":"a","values":["\\ud83d\\ude00 / </script> \\t \\u0000 \\u007f"]}',
    ),
    (lambda: Query.equal('a"b', "x"), '{"method":"equal","attribute":"a\\"b","values":["x"]}'),
    (
        lambda: Query.equal("a", [100.0, 1e16, 1e-5, 0.1, 2**70]),
        '{"method":"equal","attribute":"a","values":[100.0,1e+16,1e-05,0.1,1180591620717411303424]}',
    ),
    (lambda: Query.is_null("a"), '{"method":"isNull","attribute":"a"}'),
    (lambda: Query.exists(["a", "b"]), '{"method":"exists","values":["a","b"]}'),
    (lambda: Query.not_exists("a"), '{"method":"notExists","values":["a"]}'),
    (
        lambda: Query.created_between("2024-01-01", "2024-12-31"),
        '{"method":"between","attribute":"$createdAt","values":["2024-01-01","2024-12-31"]}',
    ),
    (lambda: Query.select("*"), '{"method":"select","values":["*"]}'),
    (lambda: Query.order_asc(""), '{"method":"orderAsc","attribute":""}'),
    (Query.order_random, '{"method":"orderRandom"}'),
    (lambda: Query.limit(25), '{"method":"limit","values":[25]}'),
    (
        lambda: Query.or_queries([Query.equal("a", 1), Query.equal("b", 2)]),
        '{"method":"or","values":[{"method":"equal","attribute":"a","values":[1]},'
        '{"method":"equal","attribute":"b","values":[2]}]}',
    ),
    (
        lambda: Query.elem_match("items", [Query.equal("sku", "A1")]),
        '{"method":"elemMatch","attribute":"items","values":[{"method":"equal","attribute":"sku","values":["A1"]}]}',
    ),
    (
        lambda: Query.distance_equal("loc", [1.5, 2.5], 1000),
        '{"method":"distanceEqual","attribute":"loc","values":[[[1.5,2.5],1000,true]]}',
    ),
    (
        lambda: Query.overlaps("p", [[[0, 0], [1, 0], [1, 1], [0, 0]]]),
        '{"method":"overlaps","attribute":"p","values":[[[[0,0],[1,0],[1,1],[0,0]]]]}',
    ),
    (Query.count, '{"method":"count","attribute":"*"}'),
    (lambda: Query.count("a", "n"), '{"method":"count","attribute":"a","values":["n"]}'),
    (lambda: Query.on("a.x", "b.y"), '{"method":"on","values":["a.x","=","b.y"]}'),
    (
        lambda: Query.join("t", "main.x", "t.y", alias="tt"),
        '{"method":"join","attribute":"t","values":["main.x","=","t.y","tt"]}',
    ),
    (
        lambda: Query.join("t", "tt", [Query.on("main.x", "t.y")]),
        '{"method":"join","attribute":"t","values":["tt",{"method":"on","values":["main.x","=","t.y"]}]}',
    ),
    (lambda: Query.cross_join("t", "tt"), '{"method":"crossJoin","attribute":"t","values":["tt"]}'),
    (
        lambda: Query.equal("a", {"$id": "x", "n": [1, None]}),
        '{"method":"equal","attribute":"a","values":[{"$id":"x","n":[1,null]}]}',
    ),
]


@pytest.mark.parametrize(("build", "text"), SAMPLES)
def test_samples(build: Callable[[], Query], text: str) -> None:
    query = build()
    assert str(query) == query.to_json() == text
    assert repr(query) == f"<Query {text!r}>"


def test_page_is_a_limit_and_an_offset() -> None:
    assert [str(q) for q in Query.page(3, 10)] == SDKQuery.page(3, 10)
    assert [str(q) for q in Query.page(1)] == SDKQuery.page(1)
    for args, message in [((0,), "Page must be >= 1, got 0"), ((1, 0), "Per page must be >= 1, got 0")]:
        with pytest.raises(ValueError, match=message):
            SDKQuery.page(*args)
        with pytest.raises(InvalidQuery) as caught:
            Query.page(*args)
        assert caught.value.message == message
        check_error(caught.value, caught.value.source)


# ---------------------------------------------------------------------------------- the SDK differential


class Call(NamedTuple):
    """A builder call that can be made on both libraries; nested calls stand for nested queries."""

    name: str
    args: tuple[Any, ...]

    def run(self, library: Any) -> Any:
        return getattr(library, self.name)(*[_run(arg, library) for arg in self.args])


def _run(arg: Any, library: Any) -> Any:
    if isinstance(arg, Call):
        return arg.run(library)
    if isinstance(arg, list) and arg and all(isinstance(item, Call) for item in arg):
        return [item.run(library) for item in arg]
    return arg


def _kept_as_object(members: dict[str, Any]) -> bool:
    return bool(members) and list(members) != [str(i) for i in range(len(members))]


texts = st.text(st.characters(exclude_categories=["Cs"]), max_size=8)
attributes = texts | st.sampled_from(["$id", "$createdAt", "title", "a.b", ""])
scalars = st.one_of(
    texts,
    st.integers(),
    st.integers(-(2**80), 2**80),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
)
objects = st.dictionaries(texts, scalars | st.none(), min_size=1, max_size=3).filter(_kept_as_object)


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.one_of(
        st.lists(children, max_size=3),
        st.lists(children, max_size=3).map(tuple),  # nested tuples are arrays for both
        st.dictionaries(texts, children, min_size=1, max_size=3).filter(_kept_as_object),
    )


json_values = st.recursive(scalars | st.none(), _containers, max_leaves=6)
value_args = scalars | objects | st.lists(json_values, max_size=4)  # what ``value`` may be: not None
any_args = json_values  # wrapped once more by the spatial builders: None is a value there
aliases = st.sampled_from(["", None]) | texts

ONE_VALUE = [
    "equal",
    "not_equal",
    "regex",
    "less_than",
    "less_than_equal",
    "greater_than",
    "greater_than_equal",
    "starts_with",
    "ends_with",
    "search",
    "contains",
    "contains_any",
    "contains_all",
    "not_contains",
    "not_search",
    "not_starts_with",
    "not_ends_with",
]
ATTRIBUTE_ONLY = ["is_null", "is_not_null", "order_asc", "order_desc"]
NO_ATTRIBUTE = [
    "exists",
    "not_exists",
    "select",
    "cursor_before",
    "cursor_after",
    "limit",
    "offset",
    "group_by",
]
SHAPES = [
    "vector_dot",
    "vector_cosine",
    "vector_euclidean",
    "intersects",
    "not_intersects",
    "crosses",
    "not_crosses",
    "overlaps",
    "not_overlaps",
    "touches",
    "not_touches",
    "covers",
    "not_covers",
    "spatial_equals",
    "not_spatial_equals",
]
DISTANCES = ["distance_equal", "distance_not_equal", "distance_greater_than", "distance_less_than"]
AGGREGATES = [
    "count_distinct",
    "sum",
    "avg",
    "min",
    "max",
    "stddev",
    "stddev_pop",
    "stddev_samp",
    "variance",
    "var_pop",
    "var_samp",
    "bit_and",
    "bit_or",
    "bit_xor",
]
JOINS = ["join", "left_join", "right_join", "full_outer_join"]


def leaf_calls() -> st.SearchStrategy[Call]:
    """Calls of the builders that make filters without nested queries."""
    return st.one_of(
        st.builds(Call, st.sampled_from(ONE_VALUE), st.tuples(attributes, value_args)),
        st.builds(Call, st.sampled_from(["is_null", "is_not_null"]), st.tuples(attributes)),
        st.builds(
            Call, st.sampled_from(["between", "not_between"]), st.tuples(attributes, any_args, any_args)
        ),
        st.builds(Call, st.sampled_from(["exists", "not_exists"]), st.tuples(value_args)),
        st.builds(Call, st.sampled_from(SHAPES), st.tuples(attributes, any_args)),
        st.builds(
            Call,
            st.sampled_from(["created_before", "created_after", "updated_before", "updated_after"]),
            st.tuples(value_args),
        ),
        st.builds(
            Call, st.sampled_from(["created_between", "updated_between"]), st.tuples(any_args, any_args)
        ),
    )


filter_calls: st.SearchStrategy[Call] = st.deferred(
    lambda: (
        leaf_calls()
        | st.builds(
            Call,
            st.sampled_from(["or_queries", "and_queries"]),
            st.tuples(st.lists(filter_calls, min_size=2, max_size=3)),
        )
        | st.builds(
            Call, st.just("elem_match"), st.tuples(attributes, st.lists(filter_calls, min_size=1, max_size=3))
        )
    )
)
any_calls = st.deferred(
    lambda: (
        filter_calls
        | st.builds(Call, st.sampled_from(["limit", "offset", "select", "order_asc"]), st.tuples(texts))
    )
)
on_calls = st.builds(Call, st.just("on"), st.tuples(texts, texts) | st.tuples(texts, texts, texts))
join_args = st.one_of(
    st.tuples(texts, texts),
    st.tuples(texts, texts, texts),
    st.tuples(texts, texts, texts, texts, aliases),
    st.tuples(texts, st.lists(on_calls, max_size=2)),
    st.tuples(texts, texts, st.lists(on_calls, max_size=2)),
)

CALLS: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
    **{name: st.tuples(attributes, value_args) for name in ONE_VALUE},
    **{name: st.tuples(attributes) for name in ATTRIBUTE_ONLY},
    **{name: st.tuples(value_args) for name in NO_ATTRIBUTE},
    **{name: st.tuples(attributes, any_args) for name in SHAPES},
    **{
        name: st.tuples(attributes, any_args, any_args) | st.tuples(attributes, any_args, any_args, any_args)
        for name in DISTANCES
    },
    **{name: st.tuples(attributes) | st.tuples(attributes, aliases) for name in AGGREGATES},
    **dict.fromkeys(JOINS, join_args),
    "count": st.just(()) | st.tuples(attributes) | st.tuples(attributes, aliases),
    "cross_join": st.tuples(texts) | st.tuples(texts, aliases),
    "between": st.tuples(attributes, any_args, any_args),
    "not_between": st.tuples(attributes, any_args, any_args),
    "created_before": st.tuples(value_args),
    "created_after": st.tuples(value_args),
    "updated_before": st.tuples(value_args),
    "updated_after": st.tuples(value_args),
    "created_between": st.tuples(any_args, any_args),
    "updated_between": st.tuples(any_args, any_args),
    "order_random": st.just(()),
    "distinct": st.just(()),
    "on": st.tuples(any_args, any_args) | st.tuples(any_args, any_args, any_args),
    "or_queries": st.tuples(st.lists(filter_calls, min_size=2, max_size=3)),
    "and_queries": st.tuples(st.lists(filter_calls, min_size=2, max_size=3)),
    "elem_match": st.tuples(attributes, st.lists(filter_calls, min_size=1, max_size=3)),
    "relationship": st.tuples(attributes, st.lists(any_calls, max_size=3)),
    "having": st.tuples(st.lists(any_calls, max_size=3)),
    "page": st.tuples(st.integers(1, 10**6)) | st.tuples(st.integers(1, 10**6), st.integers(1, 10**4)),
}


def test_every_builder_is_generated() -> None:
    assert sorted(CALLS) == sorted(set(SDK_BUILDERS) - {"builder"})


@pytest.mark.parametrize("name", sorted(CALLS))
@given(data=st.data())
def test_every_builder_writes_the_sdk_bytes(name: str, data: st.DataObject) -> None:
    call = Call(name, data.draw(CALLS[name], label="args"))
    sdk = call.run(SDKQuery)
    ours = call.run(Query)
    if name == "page":
        assert [str(query) for query in ours] == sdk
        return
    assert str(ours) == sdk
    if name in ("or_queries", "and_queries", "elem_match", "relationship", "having"):
        # The SDK's builders take the children's JSON text: ours do too.
        texts_call = Call(name, tuple(_run(arg, SDKQuery) for arg in call.args))
        assert str(texts_call.run(Query)) == sdk


@given(st.lists(st.tuples(st.sampled_from(sorted(CALLS)), st.data()), max_size=5))
def test_the_builder_pushes_what_the_sdk_pushes(steps: list[tuple[str, st.DataObject]]) -> None:
    ours, sdk = Query.builder(), SDKQuery.builder()
    assert isinstance(ours, Query.Builder)
    for name, data in steps:
        if name == "on":  # not chainable, in either library
            continue
        call = Call(name, data.draw(CALLS[name]))
        assert getattr(ours, name)(*[_run(a, Query) for a in call.args]) is ours
        getattr(sdk, name)(*[_run(a, SDKQuery) for a in call.args])
    built = ours.build()
    assert [str(query) for query in built] == sdk.build()
    assert all(isinstance(query, Query) for query in built)
    assert ours.build() == built and ours.build() is not built


# -------------------------------------------------------------------------------------- the divergences

NONE = (
    "Expected a value, found None: the SDK would leave out the values and the server would read none "
    "(to match null, pass [None])"
)
NAN = "JSON has no NaN or Infinity, the SDK would write it bare and the server answers Invalid query: Syntax error"

DIVERGENCES: list[tuple[Callable[[], object], Callable[[], object], str]] = [
    # (ours, the SDK's call, our message); the SDK's output is checked to be what the server misreads
    (lambda: Query.equal("a", None), lambda: SDKQuery.equal("a", None), NONE),
    (lambda: Query.limit(None), lambda: SDKQuery.limit(None), NONE),
    (lambda: Query.cursor_after(None), lambda: SDKQuery.cursor_after(None), NONE),
    (lambda: Query.select(None), lambda: SDKQuery.select(None), NONE),
    (
        lambda: Query.equal("a", math.nan),
        lambda: SDKQuery.equal("a", math.nan),
        f"Expected a finite number, found nan: {NAN}",
    ),
    (
        lambda: Query.equal("a", [1, math.inf]),
        lambda: SDKQuery.equal("a", [1, math.inf]),
        f"Expected a finite number, found inf: {NAN}",
    ),
    (
        lambda: Query.vector_dot("v", [-math.inf]),
        lambda: SDKQuery.vector_dot("v", [-math.inf]),
        f"Expected a finite number, found -inf: {NAN}",
    ),
    (
        lambda: Query.equal(1, "x"),  # type: ignore[arg-type]
        lambda: SDKQuery.equal(1, "x"),
        "Expected a str as the attribute, found int: the server answers Invalid query attribute. Must be a string",
    ),
    (
        lambda: Query.equal(None, "x"),  # type: ignore[arg-type]
        lambda: SDKQuery.equal(None, "x"),
        "Expected a str as the attribute, found None: the SDK would leave the attribute out",
    ),
    (
        lambda: Query.equal("a", "x\ud800"),
        lambda: SDKQuery.equal("a", "x\ud800"),
        "Expected valid Unicode text, found the lone surrogate '\\ud800': the server answers Invalid query: "
        "Single unpaired UTF-16 surrogate in unicode escape",
    ),
    (
        lambda: Query.equal("a", [{}]),
        lambda: SDKQuery.equal("a", [{}]),
        "Expected a non-empty object: the server reads {} as the empty array []",
    ),
    (
        lambda: Query.equal("a", {"0": "x", "1": "y"}),
        lambda: SDKQuery.equal("a", {"0": "x", "1": "y"}),
        'Expected an object whose keys are not "0", "1", ... in order: the server reads it as the array ["x","y"]',
    ),
    (
        lambda: Query.equal("a", {1: "x", "1": "y"}),
        lambda: SDKQuery.equal("a", {1: "x", "1": "y"}),
        "Expected distinct keys in an object, found the key '1' twice once written",
    ),
    (
        lambda: Query.or_queries([]),
        lambda: SDKQuery.or_queries([]),
        "Or queries require at least two queries",
    ),
    (
        lambda: Query.and_queries([Query.equal("a", 1)]),
        lambda: SDKQuery.and_queries([SDKQuery.equal("a", 1)]),
        "And queries require at least two queries",
    ),
    (
        lambda: Query.or_queries([Query.equal("a", 1), Query.limit(1)]),
        lambda: SDKQuery.or_queries([SDKQuery.equal("a", 1), SDKQuery.limit(1)]),
        "Or queries can only contain filter queries",
    ),
    (
        lambda: Query.elem_match("a", []),
        lambda: SDKQuery.elem_match("a", []),
        "elemMatch queries require at least one query",
    ),
    (
        lambda: Query.elem_match("a", [Query.order_asc("x")]),
        lambda: SDKQuery.elem_match("a", [SDKQuery.order_asc("x")]),
        "elemMatch queries can only contain filter queries",
    ),
    (lambda: Query.page(1.5), lambda: SDKQuery.page(1.5), "Expected an int as page, found float"),  # type: ignore[arg-type]
    (lambda: Query.page(2, True), lambda: SDKQuery.page(2, True), "Expected an int as per_page, found bool"),
]


@pytest.mark.parametrize(("ours", "sdk", "message"), DIVERGENCES)
def test_what_the_sdk_writes_wrongly_is_refused(
    ours: Callable[[], object], sdk: Callable[[], object], message: str
) -> None:
    sdk()  # the SDK writes something (checked by name below)
    with pytest.raises(InvalidQuery) as caught:
        ours()
    assert caught.value.message == message
    check_error(caught.value, caught.value.source)


def test_what_the_sdk_writes_for_the_refused_calls() -> None:
    """The SDK's outputs behind the divergences, as docs/divergences-query.md describes them."""
    assert SDKQuery.equal("a", None) == '{"method":"equal","attribute":"a"}'
    assert SDKQuery.limit(None) == '{"method":"limit"}'
    assert SDKQuery.equal("a", math.nan) == '{"method":"equal","attribute":"a","values":[NaN]}'
    assert SDKQuery.equal(1, "x") == '{"method":"equal","attribute":1,"values":["x"]}'
    assert SDKQuery.equal(None, "x") == '{"method":"equal","values":["x"]}'
    assert SDKQuery.equal("a", "x\ud800") == '{"method":"equal","attribute":"a","values":["x\\ud800"]}'
    assert (
        SDKQuery.equal("a", {1: "x", "1": "y"})
        == '{"method":"equal","attribute":"a","values":[{"1":"x","1":"y"}]}'
    )
    assert SDKQuery.or_queries([]) == '{"method":"or","values":[]}'


def test_tuples_are_lists() -> None:
    """The SDK wraps a tuple as one value; we spread it like a list (nested tuples are arrays for both)."""
    assert SDKQuery.equal("a", ("x", "y")) == '{"method":"equal","attribute":"a","values":[["x","y"]]}'
    assert str(Query.equal("a", ("x", "y"))) == '{"method":"equal","attribute":"a","values":["x","y"]}'
    assert str(Query.select(("a", "b"))) == '{"method":"select","values":["a","b"]}'
    point = NamedPoint(1, 2)
    assert str(Query.equal("a", point)) == '{"method":"equal","attribute":"a","values":[1,2]}'
    assert str(Query.intersects("a", (1, 2))) == SDKQuery.intersects("a", (1, 2))
    assert str(Query.join("t", (Query.on("a", "b"),))) == SDKQuery.join("t", [SDKQuery.on("a", "b")])


class NamedPoint(NamedTuple):
    x: int
    y: int


class Colour(str, enum.Enum):
    RED = "red"


class Size(enum.IntEnum):
    BIG = 3


class Plain(enum.Enum):
    A = 1


class Record:
    def __init__(self) -> None:
        self.x = 1


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Colour.RED, '["red"]'),
        ([Size.BIG, Colour.RED], '[3,"red"]'),
        (OrderedDict(b=1, a=2), '[{"b":1,"a":2}]'),
        ({1: "x", 1.5: "y", False: "z", None: "w"}, '[{"1":"x","1.5":"y","false":"z","null":"w"}]'),
        ({"k": (1, [2, (3,)])}, '[{"k":[1,[2,[3]]]}]'),
        ([[], [[]]], "[[],[[]]]"),
        (-0.0, "[-0.0]"),
        (2**64, "[18446744073709551616]"),
        (JSONObject({"a": [1]}), '[{"a":[1]}]'),
    ],
)
def test_values_are_written_as_the_sdk_writes_them(value: object, text: str) -> None:
    assert SDKQuery.equal("a", value) == '{"method":"equal","attribute":"a","values":' + text + "}"
    assert str(Query.equal("a", value)) == '{"method":"equal","attribute":"a","values":' + text + "}"


UNSUPPORTED = "Expected a str, int, float, bool, None, list, tuple or dict as a value, found "
WRITES_DICT = " (the SDK would write its __dict__, or fail)"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (Plain.A, f"{UNSUPPORTED}tests.query.test_builders.Plain{WRITES_DICT}"),
        (Record(), f"{UNSUPPORTED}tests.query.test_builders.Record{WRITES_DICT}"),
        ({1, 2}, f"{UNSUPPORTED}builtins.set{WRITES_DICT}"),
        (b"x", f"{UNSUPPORTED}builtins.bytes{WRITES_DICT}"),
        ([1, [object()]], f"{UNSUPPORTED}builtins.object{WRITES_DICT}"),
        ({(1, 2): "x"}, "Expected str keys in an object, found the tuple key (1, 2)"),
        (
            Query.limit(1),
            'Expected a value, found the query {"method":"limit","values":[1]}: only and, or, elemMatch (and '
            "the SDK's relationship, having and joins) nest queries; elsewhere the server reads it as an object",
        ),
    ],
)
def test_values_json_cannot_carry_are_refused(value: object, message: str) -> None:
    builds: tuple[Callable[[], Query], ...] = (
        lambda: Query.equal("a", value),
        lambda: Query.equal("a", [1, value]),
        lambda: Query("equal", "a", [value]),
    )
    for build in builds:
        with pytest.raises(InvalidQuery) as caught:
            build()
        assert caught.value.message == message
        check_error(caught.value, caught.value.source)


def test_integers_python_cannot_write_are_refused() -> None:
    with pytest.raises(ValueError, match="4300 digits"):
        SDKQuery.equal("a", 10**5000)
    with pytest.raises(InvalidQuery) as caught:
        Query.equal("a", [1, 10**5000])
    assert caught.value.message.startswith("Expected values JSON can carry: Exceeds the limit (4300 digits)")
    check_error(caught.value, caught.value.source)


def test_mappings_that_are_not_dicts_are_objects() -> None:
    """The SDK fails on them (no __dict__); their JSON form is plain."""
    proxy = MappingProxyType({"k": [1]})
    with pytest.raises(AttributeError):
        SDKQuery.equal("a", proxy)
    assert str(Query.equal("a", proxy)) == '{"method":"equal","attribute":"a","values":[{"k":[1]}]}'
    assert str(Query.equal("a", [1, proxy])) == '{"method":"equal","attribute":"a","values":[1,{"k":[1]}]}'


def test_nesting_is_bounded_by_the_server_limit() -> None:
    value: list[Any] = []
    for _ in range(508):
        value = [value]
    # 1 object + 1 values array + 509 arrays = 511 containers: the most the server reads
    query = Query.equal("a", [value])
    assert str(query).count("[") == 510
    assert Query.parse(str(query), syntax="json") == query
    for deeper in ([[value]], [[[[value]]]]):
        with pytest.raises(InvalidQuery) as caught:
            Query.equal("a", deeper)
        assert caught.value.message == (
            "Expected at most 511 nested arrays and objects in a query: the server answers Invalid query: "
            "Maximum stack depth exceeded"
        )
    cycle: list[Any] = []
    cycle.append(cycle)
    with pytest.raises(InvalidQuery):
        Query.equal("a", cycle)
    chain = Query.equal("a", 1)
    for _ in range(254):
        chain = Query.or_queries([chain, Query.is_null("b")])
    assert str(chain).count("{") == 254 + 254 + 1
    assert Query.parse(str(chain), syntax="json") == chain
    with pytest.raises(InvalidQuery, match="Maximum stack depth exceeded"):
        Query.or_queries([chain, Query.is_null("b")])


def test_parsed_queries_nest_like_built_ones() -> None:
    parsed = Query.parse(
        '{"method":"or","values":[{"method":"isNull","attribute":"a"},{"method":"isNull","attribute":"b"}]}'
    )
    nested = Query.and_queries([parsed, Query.parse('{"method":"isNull","attribute":"c"}')])
    assert str(nested) == SDKQuery.and_queries([str(parsed), SDKQuery.is_null("c")])
    with pytest.raises(InvalidQuery) as caught:
        Query.or_queries([Query.parse('{"method":"isNull","attribute":"a"}')])
    assert caught.value.message == "Or queries require at least two queries"
    assert caught.value.source == '{"method":"or","values":[{"method":"isNull","attribute":"a"}]}'


def test_children_as_text_are_read_as_the_sdk_reads_them() -> None:
    child = SDKQuery.equal("a", 2**70)
    assert str(Query.or_queries([child, Query.is_null("b")])) == SDKQuery.or_queries(
        [child, SDKQuery.is_null("b")]
    )
    spaced = ' { "method" : "equal" , "attribute" : "a" , "values" : [ 1 ] } '
    assert str(Query.and_queries([spaced, spaced])) == SDKQuery.and_queries([spaced, spaced])
    # key order is canonical, unlike the SDK, which keeps the child's own order
    reordered = '{"values":[1],"attribute":"a","method":"equal"}'
    assert SDKQuery.and_queries([reordered, reordered]).startswith('{"method":"and","values":[{"values"')
    assert str(Query.and_queries([reordered, reordered])) == str(Query.and_queries([Query.equal("a", 1)] * 2))
    for bad, message in [
        ("{", "Expected a query in the JSON syntax: Expecting property name enclosed in double quotes"),
        ("[1]", "Expected a query in the JSON syntax: a JSON object"),
        (
            '{"method":"equal","extra":1}',
            "Expected a query with only method, attribute and values, found 'extra'",
        ),
        ('{"method":"nope"}', "Expected a query method the SDK writes, found 'nope'"),
        ('{"method":"equal","attribute":"a","values":[NaN]}', f"Expected a finite number, found nan: {NAN}"),
    ]:
        with pytest.raises(InvalidQuery) as caught:
            Query.or_queries([bad, Query.is_null("b")])
        assert caught.value.message == message
    with pytest.raises(InvalidQuery, match="Expected a list of queries, found str"):
        Query.or_queries('{"method":"isNull","attribute":"a"}')
    with pytest.raises(InvalidQuery, match="Expected a query or its JSON text, found int"):
        Query.or_queries([1, 2])  # type: ignore[list-item]


# ------------------------------------------------------------------------------------------- the tree


def test_parts_and_immutability() -> None:
    query = Query.equal("title", ["a", 1, None])
    assert (query.method, query.attribute, query.values) == ("equal", "title", ("a", 1, None))
    assert query.queries == ()
    with pytest.raises(AttributeError):
        query.method = "notEqual"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        query.values = ()  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del query.attribute
    logical = Query.or_queries([query, Query.is_null("b")])
    assert logical.queries == (query, Query.is_null("b"))
    assert logical.values == logical.queries
    assert isinstance(Query.equal("a", {"k": [1]}).values[0], JSONObject)  # type: ignore[index]


@pytest.mark.parametrize(
    "text",
    [
        '{"method":"equal","attribute":"a","values":[1]}',
        '{"method":"or","values":[{"method":"isNull","attribute":"b"},{"method":"equal","attribute":"a","values":[1]}]}',
        'equal("a", [1])',
        '{"method":"limit","values":[25]}',
    ],
)
def test_every_public_name_is_read_only(text: str) -> None:
    for query in (
        Query.parse(text),
        copy.deepcopy(Query.parse(text)),
        pickle.loads(pickle.dumps(Query.parse(text))),
    ):
        parts = (query.method, query.attribute, query.values)
        for name in ("method", "attribute", "values", "queries"):
            with pytest.raises(AttributeError):
                setattr(query, name, None)
            with pytest.raises(AttributeError):
                delattr(query, name)
        with pytest.raises(AttributeError):
            query.other = 1  # type: ignore[union-attr]
        assert not hasattr(query, "__dict__")
        assert (query.method, query.attribute, query.values) == parts
        assert query == Query.parse(text)


def test_values_read_back_from_the_text_are_immutable() -> None:
    query = Query.equal("a", [[1, {"k": [2, {"j": 3}]}], 2**70, -0.0, 1e16, "é"])
    values = query.values
    assert values == ((1, JSONObject({"k": [2, {"j": 3}]})), 2**70, -0.0, 1e16, "é")
    assert math.copysign(1, values[2]) == -1
    nested = values[0][1]
    with pytest.raises(TypeError):
        nested["k"] = 1
    with pytest.raises(TypeError):
        nested.update(k=1)
    assert query.values is values  # read once


def test_equality_and_hash_follow_the_text() -> None:
    assert (
        Query.equal("a", 1)
        == Query.equal("a", [1])
        == Query("equal", "a", [1])
        == Query.parse('{"method":"equal","attribute":"a","values":[1]}')
    )
    assert (
        len(
            {
                Query.equal("a", 1),
                Query.equal("a", [1]),
                Query.parse('{"attribute":"a","values":[1],"method":"equal"}'),
            }
        )
        == 1
    )
    assert Query.equal("a", 1) != Query.equal("a", True) != Query.equal("a", 1.0)
    assert Query.equal("a", 0.0) != Query.equal("a", -0.0)
    assert Query.order_asc("") != Query("orderAsc")
    assert Query.equal("a", []) != Query("equal", "a")
    assert Query.equal("a", 1) != '{"method":"equal","attribute":"a","values":[1]}'
    assert JSONObject({"k": 1}) != JSONObject({"k": True})
    assert JSONObject({"a": 1, "b": 2}) != JSONObject({"b": 2, "a": 1})
    assert JSONObject({"k": 1}) == {"k": 1}
    assert JSONObject({"k": 1}) != {"k": True}
    assert JSONObject({"k": 1}) != {"k": math.nan}
    assert hash(JSONObject({"k": [1]})) == hash(JSONObject({"k": (1,)}))


def test_pickle_copy_and_repr() -> None:
    for query in [
        Query.equal("a", [1, {"k": [2]}]),
        Query.or_queries([Query.equal("a", 1), Query.is_null("b")]),
        Query.join("t", "tt", [Query.on("a", "b")]),
        Query.parse('{"method":"orderAsc","attribute":""}'),
    ]:
        assert pickle.loads(pickle.dumps(query)) == query
        assert copy.deepcopy(query) == query
        assert str(pickle.loads(pickle.dumps(query))) == str(query)
    assert repr(JSONObject({"a": (1,)})) == "JSONObject({'a': (1,)})"
    assert str(JSONObject({"a": (1,)})) == '{"a":[1]}'


def test_the_constructor_checks_its_parts() -> None:
    assert str(Query("equal", "a", "x")) == SDKQuery("equal", "a", "x").__str__()
    assert str(
        Query(
            "or",
            None,
            [
                Query.is_null("a"),
                '{"method":"isNull","attribute":"b"}',
                {"method": "isNull", "attribute": "c"},
            ],
        )
    ) == (
        '{"method":"or","values":[{"method":"isNull","attribute":"a"},{"method":"isNull","attribute":"b"},'
        '{"method":"isNull","attribute":"c"}]}'
    )
    assert Query("or", None, []).values == ()
    assert str(Query("join", "t", ["tt", Query.on("a", "b")])) == SDKQuery.join(
        "t", "tt", [SDKQuery.on("a", "b")]
    )
    refusals: list[tuple[Callable[[], Query], str]] = [
        (lambda: Query("Equal", "a", 1), "Expected a query method the SDK writes, found 'Equal'"),
        (lambda: Query(1, "a", 1), "Expected a query method the SDK writes, found 1"),  # type: ignore[arg-type]
        (lambda: Query("equal", 1, 1), "Expected a str as the attribute, found int"),  # type: ignore[arg-type]
        (lambda: Query("equal", "a", [Query.limit(1)]), "Expected a value, found the query"),
        (lambda: Query("or", None, [1]), "Expected a query or its JSON text, found int"),
    ]
    for build, message in refusals:
        with pytest.raises(InvalidQuery) as caught:
            build()
        assert caught.value.message.startswith(message)
        check_error(caught.value, caught.value.source)


def test_json_objects() -> None:
    empty_ok = JSONObject({"a": {"b": (1, [2])}})
    assert empty_ok == {"a": {"b": [1, [2]]}}
    assert isinstance(empty_ok["a"], JSONObject)
    assert dict(empty_ok) == {"a": JSONObject({"b": (1, (2,))})}
    assert pickle.loads(pickle.dumps(empty_ok)) == empty_ok
    changes: tuple[Callable[[JSONObject], object], ...] = (
        lambda o: o.__setitem__("a", 1),
        lambda o: o.__delitem__("a"),
        lambda o: o.clear(),
        lambda o: o.pop("a"),
        lambda o: o.popitem(),
        lambda o: o.setdefault("x", 1),
        lambda o: o.update(x=1),
    )
    for change in changes:
        with pytest.raises(TypeError, match="immutable"):
            change(empty_ok)
    with pytest.raises(InvalidQuery, match="non-empty object"):
        JSONObject()
    with pytest.raises(InvalidQuery, match="finite"):
        JSONObject({"a": math.nan})


@pytest.mark.parametrize("name", ["clear", "pop", "popitem", "setdefault", "update"])
def test_json_object_changing_methods_say_they_raise(name: str) -> None:
    """Their docstrings (shown in the API reference) are JSONObject's, not dict's."""
    assert "Raise TypeError" in (getattr(JSONObject, name).__doc__ or "")
    with pytest.raises(TypeError, match="JSONObject objects are immutable"):
        getattr(JSONObject({"a": 1}), name)("a")


@given(json_values)
@example({"a": 1})
def test_python_and_c_writers_agree(value: Any) -> None:
    from appwrite_dsl import _operand

    try:
        stored = _operand.operand(value, 0)
    except InvalidQuery:
        return
    assert _operand.write_python(stored) == _operand.encode(stored)


# ------------------------------------------------------------------------------------------- the legacy syntax


def test_to_legacy_writes_the_legacy_syntax() -> None:
    pytest.importorskip("appwrite_dsl._legacy")
    assert (
        Query.equal("title", ["Iron Man", "Ant Man"]).to_legacy() == 'equal("title", ["Iron Man","Ant Man"])'
    )
    assert Query.limit(25).to_legacy() == "limit(25)"
    assert Query.is_null("a").to_legacy() == 'isNull("a")'
    assert Query.between("age", 18, 30).to_legacy() == 'between("age", 18, 30)'
    for query in (
        Query.or_queries([Query.equal("a", 1), Query.is_null("b")]),
        Query.equal("a", [[1, 2]]),
        Query.equal("a", {"k": 1}),
    ):
        with pytest.raises(InvalidQuery) as caught:
            query.to_legacy()
        assert caught.value.message == (
            "Expected a query without nested queries, arrays or objects: the legacy syntax cannot write them"
        )
        assert caught.value.source == str(query)
    with pytest.raises(InvalidQuery, match="regex"):
        Query.regex("a", "x").to_legacy()
    for query, message in [
        (Query("equal", None, [1]), "Expected an attribute for equal: the legacy syntax cannot leave it out"),
        (Query("equal", "a"), "Expected values for equal: the legacy syntax cannot leave them out"),
        (Query("select"), "Expected values for select: the legacy syntax cannot leave them out"),
        (Query("limit", "", [1]), "Expected no attribute for limit: its legacy form has none"),
        (Query("isNull", "a", []), "Expected no values for isNull: its legacy form has none"),
    ]:
        with pytest.raises(InvalidQuery) as caught:
            query.to_legacy()
        assert caught.value.message == message
        check_error(caught.value, str(query))


@pytest.mark.parametrize(
    "query",
    [
        Query.equal("", []),
        Query.order_asc(""),
        Query.is_null(""),
        Query.select([]),
        Query.between("", None, True),
        Query.cursor_after("d1"),
    ],
)
def test_empty_attributes_and_values_survive_the_legacy_syntax(query: Query) -> None:
    pytest.importorskip("appwrite_dsl._legacy")
    assert Query.parse(query.to_legacy(), syntax="legacy") == query


def test_errors_are_parse_errors() -> None:
    with pytest.raises(ParseError):
        Query.equal("a", None)
    assert issubclass(InvalidQuery, ValueError)
