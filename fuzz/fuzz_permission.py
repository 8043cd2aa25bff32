"""Fuzz the permission readers: Permission.parse, validate_permissions, aggregate, the builders and the
server emulation (parse, validator, aggregate).

Only ParseError may escape them, with the right class and a well-formed span and rendering; the strict
list validator accepts exactly what Permission.parse accepts and the resource allows.

    python fuzz/fuzz_permission.py [libFuzzer options] [corpus dir]   (or: python fuzz/run.py permission)
"""

from __future__ import annotations

import _common
from _common import attempt, check_error, expect

from appwrite_dsl import (
    InvalidPermission,
    InvalidRole,
    Permission,
    Role,
    ValidationError,
    aggregate,
    server,
    validate_permissions,
)

CORPORA = ("permissions",)
DICTIONARIES = ("permissions", "roles")
EXAMPLES = (
    'read("any")',
    'read("users/verified")',
    'create("users")',
    'update("user:abc/verified")',
    'delete("team:t1/owner")',
    'write("label:vip")',
    'read("member:m1")',
    # What the server reads differently, or refuses.
    'read("user:a:b")',
    'read("any")")',
    'read("any"))',
    "read(any)",
    'read("any"',
    'read("")',
    'read("role:all")',
    'READ("any")',
    "*",
    'read("team:t1/")',
    'read("users/verified/x")',
)

ITEM_ACTIONS = ("read", "update", "delete", "write")
RESOURCES = {"collection": server.PERMISSION_TYPES, "document": ITEM_ACTIONS}
AGGREGATED = {"collection": ("create", "read", "update", "delete"), "document": ("read", "update", "delete")}


def _check_server(text: str) -> None:
    for allowed in (server.PERMISSION_TYPES, ITEM_ACTIONS):
        for team_role_max in (81, 36):
            verdict = server.check_permissions([text], allowed=allowed, team_role_max=team_role_max)
            expect(
                verdict is None or (verdict[0] == 0 and isinstance(verdict[1], str)),
                "check_permissions returns None or (0, message)",
                verdict,
            )
    attempt(lambda: server.parse_permission(text), text, InvalidPermission)
    for allowed in AGGREGATED.values():
        attempt(lambda allowed=allowed: server.aggregate([text], allowed), text, InvalidPermission)


def _check_builders(text: str) -> None:
    """A role string given to a builder is read strictly; an action must be one of the five."""
    for action in server.PERMISSION_TYPES:
        try:
            permission = Permission(action, text)
        except InvalidRole as error:
            check_error(error, text, InvalidRole)
            continue
        expect(str(permission) == f'{action}("{text}")', "a builder writes the role as given", permission)
    attempt(lambda: Permission(text, Role.any()), text, InvalidPermission)


def check(text: str) -> None:
    permission = attempt(lambda: Permission.parse(text), text, InvalidPermission)
    for resource, actions in RESOURCES.items():
        listed = attempt(lambda r=resource: validate_permissions([text], resource=r), text, ValidationError)
        allowed = permission is not None and permission.action in actions
        expect(
            (listed is not None) == allowed,
            f"validate_permissions(resource={resource!r}) accepts what parse accepts and it allows",
            permission,
            listed,
        )
        kind = InvalidPermission if permission is None else ValidationError
        stored = attempt(lambda r=resource: aggregate([text], r), text, kind)
        expect((stored is not None) == allowed, "aggregate accepts what validate_permissions does", stored)
        if permission is not None:
            expanded = attempt(lambda r=resource: permission.expand(r), text, ValidationError)
            expect((expanded is not None) == allowed, "expand accepts what validate_permissions does")
    _check_server(text)
    _check_builders(text)


if __name__ == "__main__":
    _common.fuzz(check)
