"""Properties of Permission: round trips, agreement with the server's reading and validator, errors,
builders, validate_permissions, aggregate and expand."""

from __future__ import annotations

import pickle
from typing import Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl import (
    InvalidPermission,
    InvalidRole,
    ParseError,
    Permission,
    Role,
    ValidationError,
    aggregate,
    server,
    validate_permissions,
)
from appwrite_dsl.strategies import permission_strings, permissions, roles

from .invariants import (
    attempt,
    check_error,
    check_server_note,
    near_misses,
    non_str,
    permission_texts,
    role_texts,
)

ACTIONS = ("create", "read", "update", "delete", "write")
ITEM_ACTIONS = ("read", "update", "delete", "write")
CONTAINERS = ("collection", "table", "bucket")
ITEMS = ("document", "row", "file")
RESOURCES = CONTAINERS + ITEMS


def allowed_types(resource: str) -> tuple[str, ...]:
    """The Permissions validator's `allowed` for the resource's create/update actions."""
    return ACTIONS if resource in CONTAINERS else ITEM_ACTIONS


def aggregate_allowed(resource: str) -> tuple[str, ...]:
    """Permission::aggregate's `allowed` as Appwrite passes it for the resource."""
    return ("create", "read", "update", "delete") if resource in CONTAINERS else ("read", "update", "delete")


def can_parse(text: str) -> bool:
    return attempt(InvalidPermission, Permission.parse, text)[1] is None


def validate(values: list[str], resource: str = "collection", limit: int = server.LIMIT) -> list[Permission]:
    return validate_permissions(values, resource=resource, limit=limit)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------------ round trips


@given(permissions(), permissions())
def test_round_trips_equality_and_hash(permission: Permission, other: Permission) -> None:
    text = str(permission)
    assert text == f'{permission.action}("{permission.role}")'
    parsed = Permission.parse(text)
    assert parsed == permission
    assert hash(parsed) == hash(permission)
    assert str(parsed) == text  # str(Permission.parse(s)) == s for the canonical s
    assert parsed.role == permission.role
    assert str(parsed.role) == str(permission.role)
    # The constructor and the builders, given the Role or its string, make the parsed canonical form.
    builder = getattr(Permission, permission.action)
    for role in (permission.role, str(permission.role)):
        assert Permission(permission.action, role) == permission
        assert builder(role) == permission
        assert hash(builder(role)) == hash(permission)
        assert str(builder(role)) == text
    assert repr(permission) == f"<Permission {text!r}>"
    copy = pickle.loads(pickle.dumps(permission))
    assert (type(copy), type(copy.role)) == (Permission, Role)
    assert (copy, hash(copy), str(copy)) == (permission, hash(permission), text)
    # The strict grammar never accepts what the server reads differently.
    assert server.check_permissions([text]) is None
    assert str(server.parse_permission(text)) == text
    # Equality and hash follow the canonical string.
    assert (permission == other) == (text == str(other))
    assert (permission != other) == (text != str(other))
    if permission == other:
        assert hash(permission) == hash(other)
    assert len({permission, other, parsed, Permission.parse(str(other))}) == len({text, str(other)})


# ----------------------------------------------------------------------------------------------- errors


@given(permission_texts)
@example('read("user:a:b")')
@example('read("an")y")')
@example('read("any")\n')
@example('read("\u2028")')
def test_parse_returns_a_permission_or_raises_invalid_permission(text: str) -> None:
    permission, error = attempt(InvalidPermission, Permission.parse, text)
    if error is not None:
        assert type(error) is InvalidPermission
        check_error(error, text)
        check_server_note(error.message, text, permission=True)
        # aggregate reads strings strictly too.
        again = attempt(ParseError, aggregate, [text])[1]
        assert again is not None
        assert (type(again), again.message, again.span) == (InvalidPermission, error.message, error.span)
    else:
        # Whatever the strict grammar accepts is canonical, and the server reads it as written.
        assert str(permission) == text
        assert server.check_permissions([text]) is None
        assert str(server.parse_permission(text)) == text
        assert [str(p) for p in aggregate([text])] == server.aggregate([text])


NON_STR_SLOTS: list[tuple[Callable[..., object], tuple[object, ...], int]] = [
    (Permission.parse, ("",), 0),
    *[(getattr(Permission, action), ("any",), 0) for action in ACTIONS],
    (Permission, ("read", "any"), 0),
    (Permission, ("read", "any"), 1),
]


@given(st.sampled_from(NON_STR_SLOTS), st.none() | non_str)
@example((Permission, ("read", "any"), 0), b"")
@example((Permission, ("read", "any"), 0), ["read"])
def test_a_non_str_argument_is_a_type_error(
    slot: tuple[Callable[..., object], tuple[object, ...], int], value: object
) -> None:
    call, valid, index = slot
    args = list(valid)
    args[index] = value
    with pytest.raises(TypeError):
        call(*args)


# --------------------------------------------------------------------------------------------- builders


@given(st.sampled_from(ACTIONS), role_texts)
def test_builders_given_a_role_string_accept_exactly_canonical_roles(action: str, text: str) -> None:
    expected, strict = attempt(InvalidRole, Role.parse, text)
    permission, error = attempt(InvalidRole, getattr(Permission, action), text)
    if strict is not None:
        assert error is not None
        check_error(error, text)
    else:
        assert error is None
        assert permission == Permission(action, expected)  # type: ignore[arg-type]


@given(
    st.sampled_from(ACTIONS) | st.text() | st.sampled_from(["Read", "READ", "reader", "", "write "]), roles()
)
def test_constructor_accepts_exactly_the_five_actions(action: str, role: Role) -> None:
    permission, error = attempt(InvalidPermission, Permission, action, role)
    if error is not None:
        assert action not in ACTIONS
        check_error(error, action)
    else:
        assert action in ACTIONS
        assert str(permission) == f'{action}("{role}")'


# --------------------------------------------------------------------------------- validate_permissions


@given(
    st.sampled_from(RESOURCES),
    st.lists(permission_strings(), max_size=5),
    st.just(server.LIMIT) | st.integers(1, 5),
    st.sampled_from((None, "none")) | non_str,
    st.data(),
)
def test_validate_permissions_on_canonical_lists(
    resource: str, values: list[object], limit: int, item: object, data: st.DataObject
) -> None:
    """The parsed permissions; else the server's verdict: too many items (index None), an item that is not
    a str, or create on a document, row or file (its index)."""
    if item is not None:
        index = data.draw(st.integers(0, len(values)), label="index")
        values = [*values[:index], None if item == "none" else item, *values[index:]]
    problem = server.check_permissions(values, allowed=allowed_types(resource), length=limit)
    result, error = attempt(ValidationError, validate, values, resource, limit)
    if problem is None:
        assert error is None
        assert result == [Permission.parse(value) for value in values]  # type: ignore[arg-type]
        return
    assert error is not None
    assert (error.index, error.message) == problem
    if len(values) > limit:
        assert problem == (None, f"You can only provide up to {limit} permissions.")
        return
    # The first item that is not a str, or that is a create on a document, row or file.
    assert error.index is not None
    allowed = allowed_types(resource)
    assert all(isinstance(v, str) and Permission.parse(v).action in allowed for v in values[: error.index])
    item = values[error.index]
    if not isinstance(item, str):
        assert (error.message, error.source) == ("Every permission must be of type string.", repr(item))
    else:
        assert error.source == item
        assert Permission.parse(item).action not in allowed
        check_error(error, item)


@given(
    st.sampled_from(RESOURCES),
    st.lists(permission_strings(ITEM_ACTIONS), max_size=3),
    near_misses(permission_strings()).filter(lambda text: not can_parse(text)),
    st.data(),
)
def test_validate_permissions_reports_the_one_invalid_item(
    resource: str, valid: list[str], bad: str, data: st.DataObject
) -> None:
    index = data.draw(st.integers(0, len(valid)), label="index")
    values = [*valid[:index], bad, *valid[index:]]
    error = attempt(ValidationError, validate, values, resource)[1]
    assert error is not None
    assert error.index == index
    problem = server.check_permissions(values, allowed=allowed_types(resource))
    if problem is not None:
        # The server's exact message, pointing at the whole item.
        assert problem == (index, error.message)
        assert (error.source, error.position, error.end) == (bad, 0, len(bad))
    else:
        # The server would accept it but read it differently: the strict parser's error.
        strict = attempt(InvalidPermission, Permission.parse, bad)[1]
        assert strict is not None
        assert (error.message, error.source, error.position, error.end) == (
            strict.message,
            bad,
            strict.position,
            strict.end,
        )
        assert "; the server would read this as " in error.message
    check_error(error, bad)


@pytest.mark.parametrize("bad", ['read("any")', "\n", 'read("\n")', "x\ny"])
def test_validation_errors_render_in_three_lines(bad: str) -> None:
    """The examples behind test_validate_permissions_reports_the_one_invalid_item: whatever the server's
    message quotes, the error renders as three lines."""
    error = attempt(ValidationError, validate, ['read("any")', bad])[1]
    if bad == 'read("any")':
        assert error is None
        return
    assert error is not None
    assert error.index == 1
    check_error(error, bad)


@given(st.sampled_from(RESOURCES), st.lists(permission_texts, max_size=4))
def test_validate_permissions_agrees_with_the_server_then_the_strict_grammar(
    resource: str, values: list[str]
) -> None:
    problem = server.check_permissions(values, allowed=allowed_types(resource))
    result, error = attempt(ValidationError, validate, values, resource)
    if error is not None:
        if problem is not None:
            assert (error.index, error.message) == problem
        else:
            first = next(i for i, value in enumerate(values) if not can_parse(value))
            assert error.index == first
            strict = attempt(InvalidPermission, Permission.parse, values[first])[1]
            assert strict is not None
            assert error.message == strict.message
    else:
        assert problem is None
        assert result == [Permission.parse(value) for value in values]


# ---------------------------------------------------------------------------------- aggregate and expand


# Indexes into a few roles and into the resource's actions, and whether to give the permission as a string.
_ITEMS = st.lists(st.tuples(st.integers(0, 2), st.integers(0, 4), st.booleans()), max_size=8)
_POOL = st.lists(roles(), min_size=3, max_size=3)


@st.composite
def resource_and_permissions(draw: st.DrawFn) -> tuple[str, list[Permission | str]]:
    """A resource and a list of its permissions, as Permission objects or canonical strings, over a few
    roles so that the same role often comes with several actions (and write overlaps the others)."""
    resource = draw(st.sampled_from(RESOURCES))
    pool = draw(_POOL)
    actions = allowed_types(resource)
    values: list[Permission | str] = []
    for role, action, as_text in draw(_ITEMS):
        permission = Permission(actions[action % len(actions)], pool[role])
        values.append(str(permission) if as_text else permission)
    return resource, values


@given(resource_and_permissions())
def test_aggregate_agrees_with_the_server(case: tuple[str, list[Permission | str]]) -> None:
    resource, values = case
    texts = [str(value) for value in values]
    ours = aggregate(values, resource)  # type: ignore[arg-type]
    assert [str(permission) for permission in ours] == server.aggregate(texts, aggregate_allowed(resource))
    assert all(type(permission) is Permission for permission in ours)
    assert aggregate(texts, resource) == ours  # type: ignore[arg-type]


@given(st.sampled_from(RESOURCES), permissions())
def test_expand_agrees_with_the_server(resource: str, permission: Permission) -> None:
    text = str(permission)
    expanded, error = attempt(ValidationError, permission.expand, resource)
    problem = server.check_permissions([text], allowed=allowed_types(resource))
    if error is not None:
        # create on a document, row or file: the validator's message.
        assert problem == (0, error.message)
        check_error(error, text)
        assert attempt(ValidationError, aggregate, [permission], resource)[1] is not None
    else:
        assert problem is None
        assert expanded is not None
        assert [str(p) for p in expanded] == server.aggregate([text], aggregate_allowed(resource))
        assert all(p.role == permission.role for p in expanded)
