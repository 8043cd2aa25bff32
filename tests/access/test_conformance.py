"""Every permission/role conformance record, accounted for by the strict parsers and list validators.

For each string the real server read, one of these holds:
- the server accepts it and reads it as written: we accept it with the same parts;
- the server accepts it but reads something else (``read("user:a:b")`` -> ``read("user:a")``): we refuse it,
  a deliberate strictness, and the message names what the server would read;
- the server refuses it: we refuse it too;
- listed in ``DELIBERATE`` with the reason we differ.
"""

from __future__ import annotations

from typing import Any, Callable

import pytest

from appwrite_dsl import (
    InvalidPermission,
    InvalidRole,
    Permission,
    Resource,
    Role,
    ValidationError,
    validate_permissions,
    validate_roles,
)

from ..conformance import record_id, records

RECORDS = records("permissions-roles.jsonl")
CURRENT = [r for r in RECORDS if r["source"].endswith("7.2.6")]
LEGACY = [r for r in RECORDS if r["source"].endswith("0.46.0")]

# input -> why appwrite_dsl accepts what utopia-php/database 0.46.0 (Appwrite <= 1.8) refused.
_LONG_TEAM_ROLE = "team roles of 37 to 81 characters are valid from Appwrite 1.9 on"
DELIBERATE_LEGACY = {
    'read("team:t1/' + "b" * 37 + '")': _LONG_TEAM_ROLE,
    'read("team:t1/' + "b" * 81 + '")': _LONG_TEAM_ROLE,
    "team:t1/" + "b" * 37: _LONG_TEAM_ROLE,
}


def _canonical(text: str) -> bool:
    try:
        Permission.parse(text)
    except InvalidPermission:
        return False
    return True


def server_view(record: dict[str, Any]) -> tuple[bool, str | None]:
    """(does the validator accept it, the server's re-serialisation or None on a parse error)."""
    parsed = record["server"]["parse"]
    return record["server"]["validator"] is True, parsed.get("to_string")


def strict(record: dict[str, Any]) -> tuple[Permission | Role | None, Exception | None]:
    parse: Callable[[str], Permission | Role] = (
        Permission.parse if record["kind"] == "permission" else Role.parse
    )
    try:
        return parse(record["input"]), None
    except (InvalidPermission, InvalidRole) as error:
        return None, error


@pytest.mark.parametrize("record", [r for r in CURRENT if isinstance(r["input"], str)], ids=record_id)
def test_current_server(record: dict[str, Any]) -> None:
    text = record["input"]
    accepted, reading = server_view(record)
    value, error = strict(record)
    if accepted and reading == text:
        assert value is not None, f"we refuse what the server reads as written: {error}"
        assert str(value) == text
        parsed = record["server"]["parse"]
        role = value.role if isinstance(value, Permission) else value
        assert (role.name, role.identifier, role.dimension) == (
            parsed["role"],
            parsed["identifier"],
            parsed["dimension"],
        )
    elif accepted:
        assert error is not None, "we accept what the server silently reads differently"
        assert str(error).splitlines()[0].endswith(f"; the server would read this as {reading}")
    else:
        assert error is not None, "we accept what the server refuses"


@pytest.mark.parametrize("record", LEGACY, ids=record_id)
def test_legacy_server(record: dict[str, Any]) -> None:
    accepted, reading = server_view(record)
    value, error = strict(record)
    if accepted:
        assert value is not None and str(value) == reading == record["input"]
    elif value is not None:
        assert record["input"] in DELIBERATE_LEGACY
    else:
        assert error is not None


@pytest.mark.parametrize("record", [r for r in CURRENT if isinstance(r["input"], list)], ids=record_id)
def test_lists(record: dict[str, Any]) -> None:
    values = record["input"]
    resources: list[tuple[Any, Resource]] = [
        (record["server"]["validator"], "collection"),
        (record["server"]["validator_documents"], "document"),
    ]
    for verdict, resource in resources:
        if verdict is True:
            misread = [v for v in values if not _canonical(v)]
            if misread:  # the server accepts the list; we refuse only what it would misread
                with pytest.raises(ValidationError, match="the server would read this as"):
                    validate_permissions(values, resource=resource)
            else:
                assert [str(p) for p in validate_permissions(values, resource=resource)] == values
        else:
            with pytest.raises(ValidationError) as caught:
                validate_permissions(values, resource=resource)
            assert caught.value.message == verdict


@pytest.mark.parametrize("record", [r for r in CURRENT if r["kind"] == "role"], ids=record_id)
def test_role_lists(record: dict[str, Any]) -> None:
    verdict = record["server"]["validator"]
    reading = server_view(record)[1]
    if verdict is True and reading == record["input"]:
        assert [str(r) for r in validate_roles([record["input"]])] == [record["input"]]
    else:
        with pytest.raises(ValidationError) as caught:
            validate_roles(["any", record["input"]])
        assert caught.value.index == 1
        if verdict is not True:
            assert caught.value.message == verdict


def test_accounting_covers_every_record() -> None:
    strings = [r for r in CURRENT if isinstance(r["input"], str)]
    lists = [r for r in CURRENT if isinstance(r["input"], list)]
    assert len(strings) + len(lists) + len(LEGACY) == len(RECORDS) == 213
    misread = [r["input"] for r in strings if server_view(r)[0] and server_view(r)[1] != r["input"]]
    # the deliberate strictnesses, listed so that a change in them is seen in review
    assert sorted(misread) == sorted(
        [
            'read("any',
            'read("any")")',
            'read("an")y")',
            'read("users:")',
            'read("user:a:b")',
            'read("team:a/b:c")',
            "user:u1:x",
            "users:",
            "user:a:b",
        ]
    )
