"""Permissions: an action granted to a role, ``read("user:abc/verified")``.

>>> str(Permission.read(Role.user("abc", "verified")))
'read("user:abc/verified")'
>>> Permission.parse('write("team:t1")').expand("document")
(<Permission 'update("team:t1")'>, <Permission 'delete("team:t1")'>)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Literal, Union

from . import _permissions as grammar
from . import server
from ._scan import Fail
from ._value import Value
from .errors import InvalidPermission, InvalidRole, ValidationError
from .role import Role

__all__ = ["Permission", "Resource", "aggregate", "validate_permissions"]

Resource = Literal["collection", "table", "bucket", "document", "row", "file"]
"""What a permission list belongs to. Collections, tables and buckets take all five actions and ``write``
means create + update + delete; documents, rows and files refuse ``create`` and ``write`` means update +
delete."""

_CONTAINERS = frozenset(("collection", "table", "bucket"))
_ITEMS = frozenset(("document", "row", "file"))
_ITEM_TYPES = ("read", "update", "delete", "write")
_WRITE_EXPANSION = {True: ("create", "update", "delete"), False: ("update", "delete")}

RoleLike = Union[Role, str]


def _allowed_types(resource: str) -> tuple[str, ...]:
    if resource in _CONTAINERS:
        return server.PERMISSION_TYPES
    if resource in _ITEMS:
        return _ITEM_TYPES
    raise ValueError(
        f"resource must be one of collection, table, bucket, document, row or file, not {resource!r}"
    )


class Permission(Value):
    """A permission: an ``action`` (create, read, update, delete or write) granted to a :class:`Role`.

    Build one with the SDK-named builders (:meth:`read`, :meth:`write`, ...) from a Role or a role string,
    or read one with :meth:`parse`; ``str()`` gives the canonical string, byte-identical to the official
    SDK's for valid input.
    """

    __slots__ = ("_text", "action", "role")

    action: str
    role: Role
    _text: str

    def __init__(self, action: str, role: RoleLike) -> None:
        if not isinstance(action, str):
            raise TypeError(f"action must be a str, not {type(action).__name__}")
        if action not in server.PERMISSION_TYPES:
            raise InvalidPermission(
                f"Expected a permission type (create, read, update, delete or write), found {action!r}",
                action,
                0,
                len(action),
            )
        if not isinstance(role, Role):
            if not isinstance(role, str):
                raise TypeError(f"role must be a Role or a str, not {type(role).__name__}")
            role = _role_argument(action, role)
        self._set(action, role, f'{action}("{role}")')

    def _set(self, action: str, role: Role, text: str) -> None:
        object.__setattr__(self, "action", action)
        object.__setattr__(self, "role", role)
        object.__setattr__(self, "_text", text)

    def _parts(self) -> tuple[str, Role]:
        return (self.action, self.role)

    def __str__(self) -> str:
        return self._text

    @classmethod
    def parse(cls, text: str) -> Permission:
        """Read a canonical permission string.

        Raises InvalidPermission for anything else; when the server would read the text as another
        permission, the message says which (``read("user:a:b")`` is read by the server as
        ``read("user:a")``).
        """
        try:
            action, (name, identifier, dimension) = grammar.parse_permission(text)
        except Fail as fail:
            message = fail.message + grammar.server_note(text, permission=True)
            raise InvalidPermission(message, text, fail.start, fail.end) from None
        start = len(action) + 2
        role = Role._trusted(name, identifier, dimension, text[start:-2])
        permission = object.__new__(cls)
        permission._set(action, role, text)
        return permission

    def expand(self, resource: Resource = "collection") -> tuple[Permission, ...]:
        """The permissions the server stores for this one on ``resource``: ``write`` becomes create,
        update and delete (update and delete on documents, rows and files); others stay as they are.

        Raises ValidationError with the server's message for ``create`` on a document, row or file.
        """
        container = resource in _CONTAINERS
        if self.action not in _allowed_types(resource):
            message = f'Permission "{self}" is not allowed. Must be one of: {", ".join(_ITEM_TYPES)}.'
            raise ValidationError(message, self._text, 0, len(self.action))
        if self.action != "write":
            return (self,)
        return tuple(Permission(action, self.role) for action in _WRITE_EXPANSION[container])

    # Builders, named as the official SDK's Permission.

    @classmethod
    def read(cls, role: RoleLike) -> Permission:
        """Read access: ``read("<role>")``."""
        return cls("read", role)

    @classmethod
    def write(cls, role: RoleLike) -> Permission:
        """Create, update and delete access: ``write("<role>")`` (see :meth:`expand`)."""
        return cls("write", role)

    @classmethod
    def create(cls, role: RoleLike) -> Permission:
        """Create access: ``create("<role>")``."""
        return cls("create", role)

    @classmethod
    def update(cls, role: RoleLike) -> Permission:
        """Update access: ``update("<role>")``."""
        return cls("update", role)

    @classmethod
    def delete(cls, role: RoleLike) -> Permission:
        """Delete access: ``delete("<role>")``."""
        return cls("delete", role)


def _role_argument(action: str, text: str) -> Role:
    """A role string given to a builder, read strictly; the error says what the SDK would have sent."""
    try:
        name, identifier, dimension = grammar.parse_role(text)
    except Fail as fail:
        note = grammar.sdk_note(f'{action}("{text}")', permission=True)
        raise InvalidRole(fail.message + note, text, fail.start, fail.end) from None
    return Role._trusted(name, identifier, dimension, text)


def _coerce(value: Permission | str) -> Permission:
    if isinstance(value, Permission):
        return value
    if isinstance(value, str):
        return Permission.parse(value)
    raise TypeError(f"expected a Permission or a str, not {type(value).__name__}")


def aggregate(permissions: Iterable[Permission | str], resource: Resource = "collection") -> list[Permission]:
    """What the server stores for a permission list on ``resource``: each permission expanded
    (:meth:`Permission.expand`), duplicates dropped keeping the first.

    Strings are read strictly (:meth:`Permission.parse`).
    """
    seen: dict[Permission, None] = {}
    for value in permissions:
        for permission in _coerce(value).expand(resource):
            seen.setdefault(permission, None)
    return list(seen)


def validate_permissions(
    values: Sequence[object], *, resource: Resource = "collection", limit: int = server.LIMIT
) -> list[Permission]:
    """Check a ``permissions`` parameter as the server does for ``resource``, then strictly.

    Raises ValidationError with the server's exact message (and the offending item's ``index``, and its
    ``kind`` for a string from before Appwrite 1.0, see :mod:`appwrite_dsl.errors`) for what the server
    rejects, and with appwrite_dsl's message for what the server would accept but read
    differently (``read("user:a:b")``). Returns the permissions, not expanded.
    """
    allowed = _allowed_types(resource)
    return grammar.validate_list(
        values,
        limit=limit,
        parse=Permission.parse,
        accept=lambda permission: permission.action in allowed,
        server_check=lambda: server.permissions_error(values, allowed=allowed, length=limit),
    )
