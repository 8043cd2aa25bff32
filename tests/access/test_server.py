"""The server emulation (appwrite_dsl.server) reproduces every permission/role conformance record."""

from __future__ import annotations

from typing import Any

import pytest

from appwrite_dsl import (
    InvalidPermission,
    InvalidRole,
    ValidationError,
    server,
    validate_permissions,
    validate_roles,
)
from appwrite_dsl.errors import LEGACY_ROLE_PREFIX, LEGACY_WILDCARD

from ..conformance import record_id, records

RECORDS = records("permissions-roles.jsonl")
DOCUMENT_TYPES = ("read", "update", "delete", "write")


def team_role_max(record: dict[str, Any]) -> int:
    return 81 if record["source"].endswith("7.2.6") else 36


def verdict(result: tuple[int | None, str] | None) -> object:
    return True if result is None else result[1]


@pytest.mark.parametrize("record", RECORDS, ids=record_id)
def test_record(record: dict[str, Any]) -> None:
    text, expected = record["input"], record["server"]
    limit = team_role_max(record)
    if record["kind"] == "permission":
        check = server.check_permissions([text] if isinstance(text, str) else text, team_role_max=limit)
        assert verdict(check) == expected["validator"]
        documents = server.check_permissions(
            [text] if isinstance(text, str) else text, allowed=DOCUMENT_TYPES, team_role_max=limit
        )
        assert verdict(documents) == expected["validator_documents"]
        items = [text] if isinstance(text, str) else [str(item) for item in text]
        if isinstance(expected["aggregate"], list):
            assert server.aggregate(items) == expected["aggregate"]
        else:
            with pytest.raises(InvalidPermission) as caught:
                server.aggregate(items)
            assert caught.value.message == expected["aggregate"]["error"]
        if isinstance(text, str):
            parsed = expected["parse"]
            if "error" in parsed:
                with pytest.raises(InvalidPermission) as caught:
                    server.parse_permission(text)
                assert caught.value.message == parsed["error"]
            else:
                permission = server.parse_permission(text)
                assert permission.type == parsed["permission"]
                role = permission.role
                assert (role.name, role.identifier, role.dimension) == (
                    parsed["role"],
                    parsed["identifier"],
                    parsed["dimension"],
                )
                assert str(permission) == parsed["to_string"]
    else:
        assert verdict(server.check_roles([text], team_role_max=limit)) == expected["validator"]
        parsed = expected["parse"]
        if "error" in parsed:
            with pytest.raises(InvalidRole) as refused:
                server.parse_role(text)
            assert refused.value.message == parsed["error"]
        else:
            role = server.parse_role(text)
            assert (role.name, role.identifier, role.dimension) == (
                parsed["role"],
                parsed["identifier"],
                parsed["dimension"],
            )
            assert str(role) == parsed["to_string"]


def test_every_record_kind_is_known() -> None:
    assert {record["kind"] for record in RECORDS} == {"permission", "role"}
    assert len(RECORDS) == 213


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ('read("any")', "Permissions must be an array of strings."),
        (['read("any")'] * 101, "You can only provide up to 100 permissions."),
    ],
)
def test_list_level_messages(values: object, message: str) -> None:
    assert server.check_permissions(values) == (None, message)


def test_role_list_level_messages() -> None:
    assert server.check_roles({"a": 1}) == (None, "Roles must be an array of strings.")
    assert server.check_roles(["any"] * 101) == (None, "You can only provide up to 100 roles.")
    assert server.check_roles(["any"] * 101, length=0) is None
    assert server.check_roles(["any", 5]) == (1, "Every role must be of type string.")


@pytest.mark.parametrize("record", RECORDS, ids=record_id)
def test_the_refusal_as_an_error_agrees_with_the_check(record: dict[str, Any]) -> None:
    """``permissions_error``/``roles_error`` carry the check's index and message, the offending item as
    source, and a kind exactly for the server's two rules against strings from before Appwrite 1.0."""
    text = record["input"]
    values = [text] if isinstance(text, str) else text
    permission = record["kind"] == "permission"
    check = server.check_permissions(values) if permission else server.check_roles(values)
    refusal = server.permissions_error(values) if permission else server.roles_error(values)
    if check is None:
        assert refusal is None
        return
    assert refusal is not None
    assert (refusal.index, refusal.message) == check
    item = values[check[0]] if check[0] is not None else ""
    assert refusal.source == (item if isinstance(item, str) else repr(item))
    assert refusal.kind == legacy_kind(item, permission=permission)


def legacy_kind(item: object, *, permission: bool) -> str | None:
    """The kind the server's rules give ``item``'s refusal, worked out from the text."""
    if not isinstance(item, str):
        return None
    if item == "*":
        return LEGACY_WILDCARD
    if "role:" in item:
        return LEGACY_ROLE_PREFIX
    if permission and item.startswith(server.PERMISSION_TYPES):
        try:
            role = server.parse_permission(item).role
        except InvalidPermission:
            return None
        return LEGACY_WILDCARD if role.name == "*" else None
    return None


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["*"], LEGACY_WILDCARD),
        (['read("*")'], LEGACY_WILDCARD),
        (['write("*/x")'], LEGACY_WILDCARD),
        (['read("role:all")'], LEGACY_ROLE_PREFIX),
        (['read("any")', 'read("user:a/role:b")'], LEGACY_ROLE_PREFIX),
        (['read("Wildcard")'], None),
        (["Wildcard"], None),
        (['read("a")("Wildcard")'], None),
        (['read("any")', 5], None),
        ('read("any")', None),
    ],
)
def test_permission_refusal_kinds(values: object, kind: str | None) -> None:
    refusal = server.permissions_error(values)
    assert refusal is not None
    assert refusal.kind == kind


@pytest.mark.parametrize(
    ("values", "kind"),
    [
        (["*"], LEGACY_WILDCARD),
        (["role:all"], LEGACY_ROLE_PREFIX),
        (["any", "team:t/role:x"], LEGACY_ROLE_PREFIX),
        (["Wildcard"], None),
        (["*/x"], None),
        (["any"] * 101, None),
    ],
)
def test_role_refusal_kinds(values: object, kind: str | None) -> None:
    refusal = server.roles_error(values)
    assert refusal is not None
    assert refusal.kind == kind


def test_the_validators_raise_the_refusal_with_its_kind() -> None:
    with pytest.raises(ValidationError) as caught:
        validate_permissions(['read("any")', 'read("role:all")'])
    assert (caught.value.kind, caught.value.index, caught.value.source) == (
        LEGACY_ROLE_PREFIX,
        1,
        'read("role:all")',
    )
    with pytest.raises(ValidationError) as caught:
        validate_roles(["*"])
    assert (caught.value.kind, caught.value.index) == (LEGACY_WILDCARD, 0)
    with pytest.raises(ValidationError) as caught:  # refused by the strict grammar only: no kind
        validate_roles(["user:a:b"])
    assert caught.value.kind is None
