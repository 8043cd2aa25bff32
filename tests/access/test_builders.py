"""Role, Permission and ID builders, expansion, aggregation and list validation: specific cases."""

from __future__ import annotations

import copy as copy_module
import pickle
from typing import Callable

import pytest

from appwrite_dsl import (
    ID,
    UNIQUE,
    InvalidID,
    InvalidPermission,
    InvalidRole,
    Permission,
    Role,
    ValidationError,
    aggregate,
    validate_permissions,
    validate_roles,
)


@pytest.mark.parametrize(
    ("role", "text"),
    [
        (Role.any(), "any"),
        (Role.guests(), "guests"),
        (Role.users(), "users"),
        (Role.users("verified"), "users/verified"),
        (Role.users(None), "users"),
        (Role.user("u1"), "user:u1"),
        (Role.user("u1", "unverified"), "user:u1/unverified"),
        (Role.user("u1", None), "user:u1"),
        (Role.team("t1"), "team:t1"),
        (Role.team("t1", "owner"), "team:t1/owner"),
        (Role.member("m1"), "member:m1"),
        (Role.label("vip"), "label:vip"),
        (Role("team", "t1", "owner"), "team:t1/owner"),
    ],
)
def test_role_builders(role: Role, text: str) -> None:
    assert str(role) == text
    assert Role.parse(text) == role
    assert hash(Role.parse(text)) == hash(role)
    assert repr(role) == f"<Role {text!r}>"
    assert pickle.loads(pickle.dumps(role)) == role


@pytest.mark.parametrize(
    ("build", "error", "message"),
    [
        (lambda: Role.user(""), InvalidRole, "Expected a user ID"),
        (
            lambda: Role.user("u1", "Verified"),
            InvalidRole,
            "Expected 'verified' or 'unverified' as the status, found 'Verified'",
        ),
        (
            lambda: Role.team("t1", "_x"),
            InvalidRole,
            "Expected a letter or digit at the start of a team role, found '_'",
        ),
        (lambda: Role.label("a-b"), InvalidRole, "Expected a letter or digit in a label, found '-'"),
        (
            lambda: Role.member("0"),
            InvalidRole,
            "Expected a membership ID other than '0', which the server reads as no value",
        ),
        (lambda: Role("users", "x"), InvalidRole, "Expected no ID for the role 'users', found 'x'"),
        (
            lambda: Role("member", "m1", "x"),
            InvalidRole,
            "Expected no dimension for the role 'member', found 'x'",
        ),
        (
            lambda: Role("teams", "t1"),
            InvalidRole,
            "Expected a role (any, guests, users, user, team, member or label), found 'teams'",
        ),
        (
            lambda: Role.user("user:abc"),
            InvalidRole,
            "Expected a letter, digit, '.', '-' or '_' in a user ID, found ':'; the SDK would write user:user:abc, which the server reads as user:user",
        ),
        (
            lambda: Permission.read('a"b'),
            InvalidRole,
            "Expected a role (any, guests, users, user, team, member or label), found 'a'",
        ),
        (
            lambda: Permission.read("user:a:b"),
            InvalidRole,
            "Expected a letter, digit, '.', '-' or '_' in a user ID, found ':'; the SDK would write read(\"user:a:b\"), which the server reads as read(\"user:a\")",
        ),
        (
            lambda: Permission("execute", Role.any()),
            InvalidPermission,
            "Expected a permission type (create, read, update, delete or write), found 'execute'",
        ),
    ],
)
def test_builders_refuse(build: object, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as caught:
        build()  # type: ignore[operator]
    assert caught.value.message == message  # type: ignore[attr-defined]


def test_builders_refuse_other_types() -> None:
    with pytest.raises(TypeError, match="id must be a str, not int"):
        Role.user(123)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="role must be a Role or a str, not NoneType"):
        Permission.read(None)  # type: ignore[arg-type]


def test_values_are_immutable() -> None:
    role = Role.any()
    with pytest.raises(AttributeError):
        role.name = "users"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        del Permission.read(role).action


ROLE_PARTS = ("name", "identifier", "dimension")
PERMISSION_PARTS = ("action", "role")


# Fresh values from each way of making one: builders, parsers (parts read from the text when first asked
# for, here only after the checks below have pickled them), constructors, role strings given to builders.
@pytest.mark.parametrize(
    ("make", "parts"),
    [
        (lambda: Role.user("u1", "verified"), ROLE_PARTS),
        (lambda: Role.team("t1", "owner"), ROLE_PARTS),
        (lambda: Role.parse("team:t1/owner"), ROLE_PARTS),
        (lambda: Role.parse("users"), ROLE_PARTS),
        (lambda: Role("label", "vip"), ROLE_PARTS),
        (lambda: Permission.read(Role.any()), PERMISSION_PARTS),
        (lambda: Permission.write("user:u1"), PERMISSION_PARTS),
        (lambda: Permission.parse('delete("member:m1")'), PERMISSION_PARTS),
        (lambda: Permission("create", "team:t1/owner"), PERMISSION_PARTS),
    ],
)
def test_values_pickle_and_refuse_every_assignment(
    make: Callable[[], Role | Permission], parts: tuple[str, ...]
) -> None:
    value = make()
    text = str(value)
    copy = pickle.loads(pickle.dumps(make()))
    assert type(copy) is type(value)
    assert (copy, hash(copy), str(copy), repr(copy)) == (value, hash(value), text, repr(value))
    assert copy_module.deepcopy(make()) == value
    assert not hasattr(value, "__dict__")
    for name in parts:
        before = getattr(value, name)
        with pytest.raises(AttributeError):
            setattr(value, name, before)
        with pytest.raises(AttributeError):
            delattr(value, name)
        assert getattr(value, name) == getattr(copy, name) == before
    with pytest.raises(AttributeError):
        value.other = 1  # type: ignore[union-attr]
    assert str(value) == text
    assert value == make()


@pytest.mark.parametrize("action", ["read", "create", "update", "delete", "write"])
def test_permission_builders(action: str) -> None:
    built = getattr(Permission, action)(Role.team("t1", "owner"))
    from_string = getattr(Permission, action)("team:t1/owner")
    assert built == from_string == Permission.parse(f'{action}("team:t1/owner")')
    assert (built.action, built.role) == (action, Role.team("t1", "owner"))
    assert repr(built) == f"<Permission '{action}(\"team:t1/owner\")'>"


def test_permission_and_role_are_not_equal_to_strings() -> None:
    assert Role.any() != "any"
    assert Permission.read(Role.any()) != 'read("any")'
    assert len({Role.any(), Role.parse("any"), Role.guests()}) == 2


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        ("collection", ['create("any")', 'update("any")', 'delete("any")']),
        ("table", ['create("any")', 'update("any")', 'delete("any")']),
        ("bucket", ['create("any")', 'update("any")', 'delete("any")']),
        ("document", ['update("any")', 'delete("any")']),
        ("row", ['update("any")', 'delete("any")']),
        ("file", ['update("any")', 'delete("any")']),
    ],
)
def test_write_expansion(resource: str, expected: list[str]) -> None:
    assert [str(p) for p in Permission.write(Role.any()).expand(resource)] == expected  # type: ignore[arg-type]


def test_create_is_refused_on_documents() -> None:
    with pytest.raises(ValidationError) as caught:
        Permission.create(Role.any()).expand("document")
    assert (
        caught.value.message
        == 'Permission "create("any")" is not allowed. Must be one of: read, update, delete, write.'
    )


def test_unknown_resource() -> None:
    with pytest.raises(ValueError, match="resource must be one of"):
        Permission.read(Role.any()).expand("database")  # type: ignore[arg-type]


def test_aggregate_keeps_the_first_of_duplicates() -> None:
    result = aggregate(['write("any")', Permission.update(Role.any()), 'read("any")', 'read("any")'])
    assert [str(p) for p in result] == ['create("any")', 'update("any")', 'delete("any")', 'read("any")']


def test_validate_permissions_reports_the_index_and_the_server_message() -> None:
    values = ['read("any")', 'write("users")', "*"]
    with pytest.raises(ValidationError) as caught:
        validate_permissions(values)
    assert (caught.value.index, caught.value.message) == (
        2,
        'Wildcard permission "*" has been replaced. Use "any" instead.',
    )
    with pytest.raises(ValidationError) as caught:
        validate_permissions(['read("any")'] * 101)
    assert (caught.value.index, caught.value.message) == (None, "You can only provide up to 100 permissions.")
    assert len(validate_permissions(['read("any")'] * 101, limit=0)) == 101


def test_validate_permissions_refuses_what_the_server_misreads() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_permissions(['read("any")', 'read("user:a:b")'])
    assert caught.value.index == 1
    assert caught.value.position == 12
    assert caught.value.message.endswith('the server would read this as read("user:a")')


def test_validate_roles() -> None:
    assert validate_roles(["any", "team:t1/owner"]) == [Role.any(), Role.team("t1", "owner")]
    with pytest.raises(ValidationError) as caught:
        validate_roles(["any", 'read("any")'])
    assert (
        caught.value.message
        == 'Role "read("any")" is not allowed. Must be one of: any, guests, users, user, team, member, label.'
    )
    with pytest.raises(ValidationError) as caught:
        validate_roles(["users:"])
    assert (
        caught.value.message
        == "Expected end of role after 'users', found ':'; the server would read this as users"
    )


def test_id_unique_layout() -> None:
    instant = 1_700_000_000 * 10**9 + 123_456_789  # microseconds 123456 -> 456 after modulo 1000
    value = ID.unique(clock=lambda: instant, random=lambda n: bytes(range(1, n + 1)))
    assert value == f"{1_700_000_000:08x}{456:05x}" + "0102030"
    assert len(ID.unique(0)) == 13
    assert len(ID.unique(23)) == 36


@pytest.mark.parametrize("padding", [-1, 24])
def test_id_unique_refuses_impossible_lengths(padding: int) -> None:
    with pytest.raises(InvalidID, match="Expected a padding from 0 to 23"):
        ID.unique(padding)


def test_id_unique_refuses_non_int_padding() -> None:
    with pytest.raises(TypeError):
        ID.unique(7.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ID.unique(True)


def test_id_parse_and_unique_literal() -> None:
    assert ID.UNIQUE == UNIQUE == "unique()"
    assert ID.parse("unique()") == "unique()"
    assert ID.is_valid("unique()")
    assert not ID.is_valid("unique()", allow_unique=False)
    with pytest.raises(InvalidID) as caught:
        ID.parse("unique()", allow_unique=False)
    assert caught.value.message == "Expected an ID; unique() is not accepted here"
    assert ID.is_valid("a" * 255, max_length=255)
    assert not ID.is_valid("a" * 37)
    assert ID.custom("0") == "0"
