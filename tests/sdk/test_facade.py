"""appwrite_dsl.sdk against the official Python SDK 27: the same names and parameters, the same ``str`` for
every call the tree builders accept, and the tree builders' refusal (same error, same message) for the rest.

The generated calls are those of the tree's differential tests (tests/query/test_builders.py,
tests/access/test_sdk.py), run once on the SDK and once on the facade.
"""

from __future__ import annotations

import doctest
import inspect
import json
import math
from typing import Any, Callable

import pytest
from appwrite.id import ID as SDKID
from appwrite.permission import Permission as SDKPermission
from appwrite.query import Query as SDKQuery
from appwrite.role import Role as SDKRole
from hypothesis import example, given
from hypothesis import strategies as st

import appwrite_dsl
from appwrite_dsl import ParseError, sdk
from appwrite_dsl.strategies import ids

from ..access.test_sdk import ACTIONS, INVALID_CALLS, ROLE_CALLS, role_calls
from ..query.test_builders import CALLS, SDK_BUILDERS, Call, _run, attributes, json_values

TREES: dict[type, type] = {
    sdk.Query: appwrite_dsl.Query,
    sdk.Permission: appwrite_dsl.Permission,
    sdk.Role: appwrite_dsl.Role,
}


def public(cls: type) -> list[str]:
    return sorted(name for name in vars(cls) if name[0] != "_")


def parameters(function: Callable[..., Any]) -> list[tuple[str, Any, Any]]:
    return [(p.name, p.kind, p.default) for p in inspect.signature(function).parameters.values()]


def outcome(function: Callable[..., Any], *args: Any) -> tuple[str, Any]:
    """What a call gives: its result, or the ParseError it raises (type, message, source and span)."""
    try:
        return ("value", function(*args))
    except ParseError as error:
        return ("error", (type(error), error.message, error.source, error.position, error.end))


# ----------------------------------------------------------------------------------------- the catalogue


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [(sdk.Query, SDKQuery), (sdk.Permission, SDKPermission), (sdk.Role, SDKRole)],
    ids=["Query", "Permission", "Role"],
)
def test_every_builder_of_the_sdk_has_the_same_name_and_parameters(ours: type, theirs: type) -> None:
    names = [name for name in public(theirs) if isinstance(vars(theirs)[name], staticmethod)]
    assert [name for name in public(ours) if isinstance(vars(ours)[name], staticmethod)] == names
    for name in names:
        assert parameters(getattr(ours, name)) == parameters(getattr(theirs, name)), name
        if name != "builder":
            assert getattr(ours, name).__doc__ == getattr(TREES[ours], name).__doc__
            assert inspect.signature(getattr(ours, name)).return_annotation in ("str", "list[str]")


def test_the_builder_has_every_chainable_method_of_the_sdk() -> None:
    assert public(sdk.Query.Builder) == public(SDKQuery.Builder)
    for name in public(SDKQuery.Builder):
        assert (
            parameters(getattr(sdk.Query.Builder, name))[1:]
            == parameters(getattr(SDKQuery.Builder, name))[1:]
        )


def test_id_is_the_trees() -> None:
    assert sdk.ID is appwrite_dsl.ID
    for name in ("custom", "unique"):
        sdk_parameters = parameters(getattr(SDKID, name))
        assert parameters(getattr(sdk.ID, name))[: len(sdk_parameters)] == sdk_parameters


def test_the_sdk_builders_count() -> None:
    assert len(SDK_BUILDERS) == 86
    assert len(public(sdk.Query.Builder)) == 85


# ---------------------------------------------------------------------------------- the SDK differential


@pytest.mark.parametrize("name", sorted(CALLS))
@given(data=st.data())
def test_every_query_builder_returns_the_sdk_str(name: str, data: st.DataObject) -> None:
    call = Call(name, data.draw(CALLS[name], label="args"))
    expected = call.run(SDKQuery)
    got = call.run(sdk.Query)  # nested queries are the facade's own strings, as they are the SDK's
    assert got == expected
    assert type(got) is type(expected)
    if name == "page":
        assert all(type(item) is str for item in got)
    # Nested queries built by the SDK are taken as they are.
    assert Call(name, tuple(_run(arg, SDKQuery) for arg in call.args)).run(sdk.Query) == expected


@given(st.lists(st.tuples(st.sampled_from(sorted(CALLS)), st.data()), max_size=5))
def test_the_builder_pushes_what_the_sdk_pushes(steps: list[tuple[str, st.DataObject]]) -> None:
    ours, theirs = sdk.Query.builder(), SDKQuery.builder()
    for name, data in steps:
        if name == "on":  # not chainable, in either library
            continue
        call = Call(name, data.draw(CALLS[name]))
        assert getattr(ours, name)(*[_run(a, sdk.Query) for a in call.args]) is ours
        getattr(theirs, name)(*[_run(a, SDKQuery) for a in call.args])
    built = ours.build()
    assert built == theirs.build()
    assert type(built) is list and all(type(text) is str for text in built)
    assert ours.build() is not built


@given(role_calls)
def test_role_builders_return_the_sdk_str(call: tuple[str, tuple[Any, ...]]) -> None:
    name, args = call
    keywords = dict(zip(ROLE_CALLS[name][1], args))
    expected = getattr(SDKRole, name)(*args)
    assert getattr(sdk.Role, name)(*args) == getattr(sdk.Role, name)(**keywords) == expected
    assert type(getattr(sdk.Role, name)(*args)) is str


@given(st.sampled_from(ACTIONS), role_calls)
def test_permission_builders_return_the_sdk_str(action: str, call: tuple[str, tuple[Any, ...]]) -> None:
    name, args = call
    expected = getattr(SDKPermission, action)(getattr(SDKRole, name)(*args))
    ours = getattr(sdk.Permission, action)
    # Given the facade's role string, the SDK's, or a tree Role; positionally or by the SDK's keyword.
    assert ours(getattr(sdk.Role, name)(*args)) == expected
    assert ours(role=getattr(SDKRole, name)(*args)) == expected
    assert ours(getattr(appwrite_dsl.Role, name)(*args)) == expected
    assert type(ours(getattr(sdk.Role, name)(*args))) is str


@given(ids())
@example("0")
def test_id_builders_return_the_sdk_str(value: str) -> None:
    assert sdk.ID.custom(value) == SDKID.custom(value) == value
    assert len(sdk.ID.unique()) == len(SDKID.unique()) == 20


# ----------------------------------------------------------------------------------- refused as the tree

invalid_values = st.one_of(
    st.none(),
    st.sampled_from([math.nan, math.inf, -math.inf, "x\ud800", {}, {"0": 1}, {1: "x", "1": "y"}, [None]]),
    st.lists(st.none() | st.just(math.nan) | json_values, max_size=3),
    json_values,
)
invalid_attributes = attributes | st.none() | st.integers() | st.just("a\udc00")


@given(
    st.sampled_from(["equal", "not_equal", "contains", "search", "limit", "select", "cursor_after"]),
    st.data(),
)
def test_query_builders_refuse_as_the_tree(name: str, data: st.DataObject) -> None:
    tree, facade = getattr(appwrite_dsl.Query, name), getattr(sdk.Query, name)
    if len(inspect.signature(facade).parameters) == 2:
        args: tuple[Any, ...] = (data.draw(invalid_attributes), data.draw(invalid_values))
    else:
        args = (data.draw(invalid_values),)
    expected = outcome(lambda *a: str(tree(*a)), *args)
    assert outcome(facade, *args) == expected


@given(st.sampled_from(sorted(INVALID_CALLS)), st.data())
def test_role_builders_refuse_as_the_tree(name: str, data: st.DataObject) -> None:
    args = data.draw(INVALID_CALLS[name])
    tree = getattr(appwrite_dsl.Role, name)
    assert outcome(getattr(sdk.Role, name), *args) == outcome(lambda *a: str(tree(*a)), *args)


@given(st.sampled_from(ACTIONS), st.sampled_from(sorted(INVALID_CALLS)), st.data())
def test_permission_builders_refuse_as_the_tree(action: str, name: str, data: st.DataObject) -> None:
    role = getattr(SDKRole, name)(*data.draw(INVALID_CALLS[name]))  # the SDK writes any role string
    tree = getattr(appwrite_dsl.Permission, action)
    assert outcome(getattr(sdk.Permission, action), role) == outcome(lambda r: str(tree(r)), role)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: sdk.Query.equal("a", None), "Expected a value, found None"),
        (lambda: sdk.Query.equal("a", math.nan), "Expected a finite number, found nan"),
        (lambda: sdk.Query.or_queries([sdk.Query.equal("a", 1)]), "Or queries require at least two queries"),
        (lambda: sdk.Role.user("user:abc"), "Expected a letter, digit, '.', '-' or '_' in a user ID"),
        (lambda: sdk.Permission.read("user:a:b"), "Expected a letter, digit, '.', '-' or '_' in a user ID"),
        (lambda: sdk.ID.custom("_hidden"), "Expected a letter or digit at the start of an ID"),
        (lambda: sdk.Query.builder().equal("a", None), "Expected a value, found None"),
        (lambda: sdk.Query.page(0), "Page must be >= 1, got 0"),
    ],
)
def test_refusals_are_parse_errors(call: Callable[[], object], message: str) -> None:
    with pytest.raises(ParseError) as caught:
        call()
    assert caught.value.message.startswith(message)


def test_a_refused_push_leaves_the_builder_as_it_was() -> None:
    builder = sdk.Query.builder().limit(5)
    with pytest.raises(ParseError):
        builder.equal("a", math.nan)
    assert builder.build() == [SDKQuery.limit(5)]


# ------------------------------------------------------------------- wherever the SDK's string works


def test_values_are_plain_strings() -> None:
    permission = sdk.Permission.read(sdk.Role.any())
    query = sdk.Query.equal("a", "x")
    for ours, theirs in [
        (permission, SDKPermission.read(SDKRole.any())),
        (query, SDKQuery.equal("a", "x")),
        (sdk.Role.team("t1", "owner"), SDKRole.team("t1", "owner")),
    ]:
        assert isinstance(ours, str) and type(ours) is str
        assert ours == theirs and hash(ours) == hash(theirs) and {ours: 1}[theirs] == 1
        assert json.dumps([ours]) == json.dumps([theirs])
        assert json.dumps({"v": ours}, separators=(",", ":")) == json.dumps(
            {"v": theirs}, separators=(",", ":")
        )
        assert ",".join([ours, ours]) == ",".join([theirs, theirs])
        assert f"<{ours}>" == f"<{theirs}>"
        assert ours.encode() == theirs.encode()
    assert json.loads(query) == {"method": "equal", "attribute": "a", "values": ["x"]}
    assert json.dumps(sdk.Query.builder().equal("a", "x").build()) == json.dumps([SDKQuery.equal("a", "x")])


def test_the_module_docstring_runs() -> None:
    result = doctest.testmod(sdk, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 5
    assert result.failed == 0
