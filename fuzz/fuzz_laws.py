"""Fuzz the round-trip laws of roles and permissions, and their agreement with the server emulation.

For every string the strict readers accept: parse -> str -> parse gives the same value and the same
string; the constructors and builders rebuild it from its parts; the server emulation
(``appwrite_dsl.server``) accepts it and reads it as written; expansion matches the server's aggregate.
Conversely, a string the server accepts and reads as written is accepted.
The text is tried as a role, as a permission, and wrapped as ``read("<text>")``.

    python fuzz/fuzz_laws.py [libFuzzer options] [corpus dir]    (or: python fuzz/run.py laws)
"""

from __future__ import annotations

import _common
from _common import expect

from appwrite_dsl import (
    ParseError,
    Permission,
    Role,
    aggregate,
    server,
    validate_permissions,
    validate_roles,
)

CORPORA = ("roles", "permissions")
DICTIONARIES = ("permissions", "roles")
EXAMPLES = (
    "any",
    "users/verified",
    "user:abc/verified",
    "team:t1/owner",
    "member:m1",
    "label:vip",
    'read("any")',
    'write("team:t1/owner")',
    'create("user:abc/unverified")',
    'delete("label:vip")',
    'update("member:m1")',
    "user:a:b",
    'read("user:a:b")',
)

_BUILDERS = {
    "any": lambda role: Role.any(),
    "guests": lambda role: Role.guests(),
    "users": lambda role: Role.users(role.dimension),
    "user": lambda role: Role.user(role.identifier, role.dimension),
    "team": lambda role: Role.team(role.identifier, role.dimension),
    "member": lambda role: Role.member(role.identifier),
    "label": lambda role: Role.label(role.identifier),
}
_ITEM_ACTIONS = ("read", "update", "delete", "write")
_AGGREGATED = {"collection": ("create", "read", "update", "delete"), "document": ("read", "update", "delete")}


def _strict(parse: type[Role] | type[Permission], text: str) -> Role | Permission | None:
    try:
        return parse.parse(text)
    except ParseError:  # the per-parser harnesses check the errors
        return None


def role_laws(text: str) -> None:
    role = _strict(Role, text)
    if not isinstance(role, Role):
        # The strict grammar is exactly what the server accepts and reads as written.
        as_written = server.check_roles([text]) is None and str(server.parse_role(text)) == text
        expect(not as_written, "Role.parse accepts what the server reads as written")
        return
    canonical = str(role)
    expect(canonical == text, "str(Role.parse(s)) == s", role)
    again = Role.parse(canonical)
    expect(again == role and str(again) == canonical, "Role.parse(str(r)) == r", again, role)
    expect(hash(again) == hash(role), "equal roles hash alike", again)
    parts = (role.name, role.identifier, role.dimension)
    rebuilt = Role(*parts)
    expect(rebuilt == role and str(rebuilt) == canonical, "Role(*parts) == r", rebuilt)
    built = _BUILDERS[role.name](role)
    expect(built == role and str(built) == canonical, "the SDK-named builder rebuilds r", built)
    expect(validate_roles([canonical]) == [role], "validate_roles([s]) == [Role.parse(s)]")
    # The server reads it as written.
    seen = server.parse_role(canonical)
    expect(str(seen) == canonical, "str(server.parse_role(s)) == s", seen)
    expect((seen.name, seen.identifier, seen.dimension) == parts, "the server reads the same parts", seen)
    expect(server.check_roles([canonical]) is None, "server.check_roles([s]) is None")
    for action in server.PERMISSION_TYPES:
        permission = Permission(action, role)
        expect(str(permission) == f'{action}("{canonical}")', "a permission writes its role as is")
        expect(Permission.parse(str(permission)) == permission, "a built permission re-parses")


def permission_laws(text: str) -> None:
    permission = _strict(Permission, text)
    if not isinstance(permission, Permission):
        as_written = server.check_permissions([text]) is None and str(server.parse_permission(text)) == text
        expect(not as_written, "Permission.parse accepts what the server reads as written")
        return
    canonical = str(permission)
    expect(canonical == text, "str(Permission.parse(s)) == s", permission)
    again = Permission.parse(canonical)
    expect(again == permission and str(again) == canonical, "Permission.parse(str(p)) == p", again)
    expect(hash(again) == hash(permission), "equal permissions hash alike", again)
    action, role = permission.action, permission.role
    expect(Role.parse(str(role)) == role, "the role of a permission parses alone", role)
    for rebuilt in (
        Permission(action, role),
        Permission(action, str(role)),
        getattr(Permission, action)(role),
    ):
        expect(rebuilt == permission and str(rebuilt) == canonical, "the builders rebuild p", rebuilt)
    # The server reads it as written.
    seen = server.parse_permission(canonical)
    expect(str(seen) == canonical, "str(server.parse_permission(s)) == s", seen)
    expect(server.check_permissions([canonical]) is None, "server.check_permissions([s]) is None")
    expect(validate_permissions([canonical]) == [permission], "validate_permissions([s]) == [p]")
    # Expansion is the server's aggregate.
    for resource, allowed in _AGGREGATED.items():
        if resource == "document" and action == "create":
            continue
        ours = [str(p) for p in permission.expand(resource)]
        expect(ours == server.aggregate([canonical], allowed), f"expand({resource!r}) is the server's", ours)
        expect([str(p) for p in aggregate([canonical], resource)] == ours, "aggregate of one is expand")
        if resource == "document":
            expect(server.check_permissions([canonical], allowed=_ITEM_ACTIONS) is None, "items allow it")


def check(text: str) -> None:
    role_laws(text)
    permission_laws(text)
    permission_laws(f'read("{text}")')


if __name__ == "__main__":
    _common.fuzz(check)
