"""Properties of Role: round trips, agreement with the server's reading, errors, builders, validate_roles."""

from __future__ import annotations

import pickle
from typing import Any, Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl import InvalidRole, Role, ValidationError, server, validate_roles
from appwrite_dsl.strategies import keys, labels, role_strings, roles, team_roles

from .invariants import attempt, check_error, check_server_note, near_misses, non_str, role_texts

STATUSES = ("verified", "unverified")


def role_text(name: str, identifier: str = "", dimension: str = "") -> str:
    """The role string, written out independently of the library (and as the SDK writes it)."""
    return name + (":" + identifier if identifier else "") + ("/" + dimension if dimension else "")


def can_parse(text: str) -> bool:
    return attempt(InvalidRole, Role.parse, text)[1] is None


def canonical_parts(parts: tuple[str, str, str]) -> bool:
    """Independently of the builders: the parts are those of a canonical role string."""
    role, _ = attempt(InvalidRole, Role.parse, role_text(*parts))
    return role is not None and (role.name, role.identifier, role.dimension) == parts


# ------------------------------------------------------------------------------------------ round trips


@given(roles(), roles())
def test_round_trips_equality_and_hash(role: Role, other: Role) -> None:
    text = str(role)
    assert text == role_text(role.name, role.identifier, role.dimension)
    parsed = Role.parse(text)
    assert parsed == role
    assert hash(parsed) == hash(role)
    assert str(parsed) == text  # str(Role.parse(s)) == s for the canonical s
    assert (parsed.name, parsed.identifier, parsed.dimension) == (role.name, role.identifier, role.dimension)
    assert Role(role.name, role.identifier, role.dimension) == role
    assert repr(role) == f"<Role {text!r}>"
    copy = pickle.loads(pickle.dumps(role))
    assert type(copy) is Role
    assert (copy, hash(copy), str(copy)) == (role, hash(role), text)
    with pytest.raises(AttributeError):
        role.name = "any"  # type: ignore[misc]
    # The strict grammar never accepts what the server reads differently.
    assert server.check_roles([text]) is None
    assert str(server.parse_role(text)) == text
    # Equality and hash follow the canonical string.
    assert (role == other) == (text == str(other))
    assert (role != other) == (text != str(other))
    if role == other:
        assert hash(role) == hash(other)
    assert len({role, other, parsed, Role.parse(str(other))}) == len({text, str(other)})


# ----------------------------------------------------------------------------------------------- errors


@given(role_texts)
@example("user:a:b")
@example("users/verified:x")
@example("\x85")
def test_parse_returns_a_role_or_raises_invalid_role(text: str) -> None:
    role, error = attempt(InvalidRole, Role.parse, text)
    if error is not None:
        assert type(error) is InvalidRole
        check_error(error, text)
        check_server_note(error.message, text, permission=False)
    else:
        # Whatever the strict grammar accepts is canonical, and the server reads it as written.
        assert role is not None
        assert str(role) == text
        assert server.check_roles([text]) is None
        assert str(server.parse_role(text)) == text


# Where a non-str may go: Role.parse, each argument of each builder, each part given to the constructor;
# and what None means there: a TypeError, the default (a builder's optional argument), or not specified
# here (a builder's required argument, read as "": see the report on Role.user(None)).
NON_STR_SLOTS: list[tuple[Callable[..., object], tuple[str, ...], int, str]] = [
    (Role.parse, ("",), 0, "type error"),
    (Role.users, ("",), 0, "default"),
    (Role.user, ("u1", "verified"), 0, "unspecified"),
    (Role.user, ("u1", "verified"), 1, "default"),
    (Role.team, ("t1", "owner"), 0, "unspecified"),
    (Role.team, ("t1", "owner"), 1, "default"),
    (Role.member, ("m1",), 0, "unspecified"),
    (Role.label, ("vip",), 0, "unspecified"),
    *[(Role, ("user", "u1", "verified"), slot, "type error") for slot in range(3)],
    *[(Role, ("users", "", "verified"), slot, "type error") for slot in range(3)],
    *[(Role, ("team", "t1", "owner"), slot, "type error") for slot in range(3)],
]


@given(st.sampled_from(NON_STR_SLOTS), st.none() | non_str)
@example((Role, ("users", "", "verified"), 1, "type error"), ())
@example((Role, ("user", "u1", "verified"), 1, "type error"), ())
@example((Role, ("users", "", "verified"), 2, "type error"), [""])
@example((Role, ("users", "", "verified"), 1, "type error"), None)
def test_a_non_str_argument_is_a_type_error(
    slot: tuple[Callable[..., object], tuple[str, ...], int, str], value: object
) -> None:
    call, valid, index, none = slot
    args: list[object] = list(valid)
    args[index] = value
    if value is None and none == "default":
        assert call(*args) == call(*valid[:index])
    elif value is not None or none == "type error":
        with pytest.raises(TypeError):
            call(*args)
    else:
        with pytest.raises((TypeError, InvalidRole)):
            call(*args)


# --------------------------------------------------------------------------------------------- builders

status_args = st.sampled_from(("", None, *STATUSES))
team_role_args = st.sampled_from(("", None)) | team_roles()

# name -> (valid positional arguments, the role string written out independently)
VALID_CALLS: dict[str, tuple[st.SearchStrategy[tuple[Any, ...]], Callable[..., str]]] = {
    "any": (st.just(()), lambda: "any"),
    "guests": (st.just(()), lambda: "guests"),
    "users": (st.tuples(status_args), lambda s: role_text("users", "", s or "")),
    "user": (st.tuples(keys(), status_args), lambda i, s: role_text("user", i, s or "")),
    "team": (st.tuples(keys(), team_role_args), lambda i, r: role_text("team", i, r or "")),
    "member": (st.tuples(keys()), lambda i: role_text("member", i)),
    "label": (st.tuples(labels()), lambda n: role_text("label", n)),
}
valid_calls = st.one_of([st.tuples(st.just(name), args) for name, (args, _) in VALID_CALLS.items()])


@given(valid_calls)
def test_builders_equal_the_parsed_canonical_form(call: tuple[str, tuple[Any, ...]]) -> None:
    name, args = call
    role = getattr(Role, name)(*args)
    text = VALID_CALLS[name][1](*args)
    assert str(role) == text
    assert role == Role.parse(text)
    assert hash(role) == hash(Role.parse(text))


# Arguments of every kind: valid ones, near misses and arbitrary text.
any_text = st.one_of(keys(), labels(), team_roles(), st.sampled_from(("", "0", *STATUSES)), role_texts)
optional_text = st.none() | any_text

# name -> (arguments, the parts they ask for)
BUILDER_ARGS: dict[str, tuple[st.SearchStrategy[tuple[Any, ...]], Callable[..., tuple[str, str, str]]]] = {
    "users": (st.tuples(optional_text), lambda s: ("users", "", s or "")),
    "user": (st.tuples(any_text, optional_text), lambda i, s: ("user", i, s or "")),
    "team": (st.tuples(any_text, optional_text), lambda i, r: ("team", i, r or "")),
    "member": (st.tuples(any_text), lambda i: ("member", i, "")),
    "label": (st.tuples(any_text), lambda n: ("label", n, "")),
}
builder_calls = st.one_of([st.tuples(st.just(name), args) for name, (args, _) in BUILDER_ARGS.items()])


@given(builder_calls)
@example(("user", ("user:abc", None)))
@example(("team", ("t1", "owner:x")))
@example(("users", ("\x85",)))
def test_builders_accept_exactly_the_canonical_parts(call: tuple[str, tuple[Any, ...]]) -> None:
    name, args = call
    parts = BUILDER_ARGS[name][1](*args)
    role, error = attempt(InvalidRole, getattr(Role, name), *args)
    if error is not None:
        assert not canonical_parts(parts)
        assert error.source in parts
        check_error(error, error.source)
    else:
        assert role is not None
        assert canonical_parts(parts)
        assert (role.name, role.identifier, role.dimension) == parts
        assert str(role) == role_text(*parts)


@given(
    st.sampled_from(server.ROLE_NAMES) | any_text,
    st.sampled_from(("",)) | any_text,
    st.sampled_from(("",)) | any_text,
)
def test_constructor_accepts_exactly_the_canonical_parts(name: str, identifier: str, dimension: str) -> None:
    parts = (name, identifier, dimension)
    role, error = attempt(InvalidRole, Role, *parts)
    if error is not None:
        assert not canonical_parts(parts)
        assert error.source in parts
        check_error(error, error.source)
    else:
        assert canonical_parts(parts)
        assert str(role) == role_text(*parts)


# --------------------------------------------------------------------------------------- validate_roles


@given(
    st.lists(role_strings(), max_size=3),
    near_misses(role_strings()).filter(lambda text: not can_parse(text)),
    st.data(),
)
def test_validate_roles_reports_the_one_invalid_item(valid: list[str], bad: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(valid)), label="index")
    values = [*valid[:index], bad, *valid[index:]]
    error = attempt(ValidationError, validate_roles, values)[1]
    assert error is not None
    assert error.index == index
    problem = server.check_roles(values)
    if problem is not None:
        # The server's exact message, pointing at the whole item.
        assert problem == (index, error.message)
        assert (error.source, error.position, error.end) == (bad, 0, len(bad))
    else:
        # The server would accept it but read it differently: the strict parser's error.
        strict = attempt(InvalidRole, Role.parse, bad)[1]
        assert strict is not None
        assert (error.message, error.source, error.position, error.end) == (
            strict.message,
            bad,
            strict.position,
            strict.end,
        )
        assert "; the server would read this as " in error.message
    check_error(error, bad)


@pytest.mark.parametrize("bad", ["\n", "x\ny", "user:a\n", "\u2028"])
def test_validation_errors_render_in_three_lines(bad: str) -> None:
    """The examples behind test_validate_roles_reports_the_one_invalid_item: whatever the server's
    message quotes (``Role "<raw item>" is not allowed``), the error renders as three lines."""
    error = attempt(ValidationError, validate_roles, ["any", bad])[1]
    assert error is not None
    assert error.index == 1
    check_error(error, bad)


@given(st.lists(role_texts, max_size=4))
def test_validate_roles_agrees_with_the_server_then_the_strict_grammar(values: list[str]) -> None:
    problem = server.check_roles(values)
    result, error = attempt(ValidationError, validate_roles, values)
    if error is not None:
        if problem is not None:
            assert (error.index, error.message) == problem
        else:
            first = next(i for i, value in enumerate(values) if not can_parse(value))
            assert error.index == first
            strict = attempt(InvalidRole, Role.parse, values[first])[1]
            assert strict is not None
            assert error.message == strict.message
    else:
        assert problem is None
        assert result == [Role.parse(value) for value in values]


@given(
    st.lists(role_strings(), max_size=5),
    st.just(server.LIMIT) | st.integers(1, 5),
    st.sampled_from((None, "none")) | non_str,
    st.data(),
)
def test_validate_roles_on_canonical_lists(
    values: list[object], limit: int, item: object, data: st.DataObject
) -> None:
    """The parsed roles; else too many items (index None) or an item that is not a str (its index), with
    the server's message."""
    if item is not None:
        index = data.draw(st.integers(0, len(values)), label="index")
        values = [*values[:index], None if item == "none" else item, *values[index:]]
    problem = server.check_roles(values, length=limit)
    result, error = attempt(ValidationError, lambda: validate_roles(values, limit=limit))
    if len(values) > limit:
        assert error is not None
        assert (error.index, error.message) == (None, f"You can only provide up to {limit} roles.") == problem
    elif any(not isinstance(value, str) for value in values):
        assert error is not None
        index = next(i for i, value in enumerate(values) if not isinstance(value, str))
        assert (error.index, error.message) == (index, "Every role must be of type string.") == problem
    else:
        assert problem is None
        assert result == [Role.parse(value) for value in values]  # type: ignore[arg-type]
