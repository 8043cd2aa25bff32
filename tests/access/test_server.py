"""The server emulation (appwrite_dsl.server) reproduces every permission/role conformance record."""

from __future__ import annotations

from typing import Any

import pytest

from appwrite_dsl import InvalidPermission, InvalidRole, server

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
