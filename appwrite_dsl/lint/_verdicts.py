"""What the server makes of one permission or role string of a project file: the lint code to report (if
any), the action, and the server's reading of the role, with the strict parser's message where it differs."""

from __future__ import annotations

from typing import Union

from .. import server
from ..errors import LEGACY_ROLE_PREFIX, LEGACY_WILDCARD, ParseError
from ..permission import Permission
from ..role import Role
from ._reader import String

__all__ = [
    "CONTAINER_TYPES",
    "WRITE_ACTIONS",
    "Entry",
    "Verdict",
    "permission_verdict",
    "role_verdict",
    "wider",
]

CONTAINER_TYPES = server.PERMISSION_TYPES  # collections, tables and buckets take all five types
WRITE_ACTIONS = ("create", "update", "delete")
_LEGACY_KINDS = (LEGACY_WILDCARD, LEGACY_ROLE_PREFIX)  # the server's refusals of pre-1.0 strings

# A string's verdict: the code and message to report ("" for none), the action and the server's reading
# of the role (None when the server rejects the string).
Verdict = tuple[str, str, str, Union[server.ServerRole, None]]


class Entry:
    """A permission or role string of a list that the server accepts, with its server reading."""

    __slots__ = ("actions", "index", "node", "role", "text")

    def __init__(self, index: int, node: String, action: str, role: server.ServerRole) -> None:
        self.index = index
        self.node = node
        self.text = node.value
        self.role = role
        self.actions: tuple[str, ...] = WRITE_ACTIONS if action == "write" else (action,)


def wider(role: server.ServerRole) -> tuple[str, ...]:
    """The roles strictly broader than ``role`` (as the server writes them): everyone holding ``role`` holds
    them too (see :func:`appwrite_dsl.access.describe_role`). ``any`` is held by all; only signed-in users,
    who all hold ``users``, hold user, team, member and label roles."""
    name, identifier, dimension = role.name, role.identifier, role.dimension
    if name == "any":
        return ()
    if name in ("guests", "users") and not dimension:
        return ("any",)
    if name == "users":
        return ("any", "users")
    if name == "user" and dimension:
        return ("any", "users", f"users/{dimension}", f"user:{identifier}")
    if name == "team" and dimension:
        return ("any", "users", f"team:{identifier}")
    return ("any", "users")


def _server_role(role: Role) -> server.ServerRole:
    return server.ServerRole(role.name, role.identifier, role.dimension)


def permission_verdict(text: str) -> Verdict:
    """Strictness first (a canonical string is read as written by the server too), then server validity
    (AW101, AW104), then what the server would misread (AW201), of a permission on a container."""
    try:
        permission = Permission.parse(text)
    except ParseError as error:
        strict = error
    else:
        return ("", "", permission.action, _server_role(permission.role))
    refusal = server.permissions_error([text], allowed=CONTAINER_TYPES)
    if refusal is not None:
        return ("AW104" if refusal.kind in _LEGACY_KINDS else "AW101", refusal.message, "", None)
    reading = server.parse_permission(text)
    return ("AW201", strict.message, reading.type, reading.role)


def role_verdict(text: str) -> Verdict:
    """Strictness first, then server validity (AW102, AW104), then what the server would misread (AW202),
    of a role string."""
    try:
        role = Role.parse(text)
    except ParseError as error:
        strict = error
    else:
        return ("", "", "", _server_role(role))
    refusal = server.roles_error([text])
    if refusal is not None:
        return ("AW104" if refusal.kind in _LEGACY_KINDS else "AW102", refusal.message, "", None)
    return ("AW202", strict.message, "", server.parse_role(text))
