"""Permissions: an action granted to a role, ``read("user:abc/verified")``.

>>> str(Permission.read(Role.user("abc", "verified")))
'read("user:abc/verified")'
>>> Permission.parse('write("team:t1")').expand("document")
(<Permission 'update("team:t1")'>, <Permission 'delete("team:t1")'>)
"""

from __future__ import annotations

from . import _permissions as grammar
from ._keys import LIMIT, PERMISSION_TYPES
from ._scan import Fail, on_first_use
from ._value import Value
from .errors import InvalidPermission, InvalidRole, ValidationError
from .role import Role, _new_role

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Literal, Union

    from typing_extensions import TypeAlias

    RoleLike: TypeAlias = Union[Role, str]

Resource: TypeAlias = 'Literal["collection", "table", "bucket", "document", "row", "file"]'
"""What a permission list belongs to. Collections, tables and buckets take all five actions and ``write``
means create + update + delete; documents, rows and files refuse ``create`` and ``write`` means update +
delete."""

__all__ = ["Permission", "Resource", "aggregate", "validate_permissions"]

_new = object.__new__
_canonical = on_first_use(globals(), "_canonical", lambda: grammar.canonical_permission().fullmatch)
_canonical_role = on_first_use(globals(), "_canonical_role", lambda: grammar.canonical_role().fullmatch)
_CONTAINERS = frozenset(("collection", "table", "bucket"))
_ITEMS = frozenset(("document", "row", "file"))
_ITEM_TYPES = ("read", "update", "delete", "write")
_WRITE_EXPANSION = {True: ("create", "update", "delete"), False: ("update", "delete")}


def _allowed_types(resource: str) -> tuple[str, ...]:
    if resource in _CONTAINERS:
        return PERMISSION_TYPES
    if resource in _ITEMS:
        return _ITEM_TYPES
    raise ValueError(
        f"resource must be one of collection, table, bucket, document, row or file, not {resource!r}"
    )


def _builder(action: str, doc: str) -> staticmethod[[RoleLike], Permission]:
    """The SDK-named builder of ``action``: a Role or a role string (read strictly) granted that action."""

    def build(role: RoleLike) -> Permission:
        if type(role) is not Role:
            role = _role_argument(action, role)
        permission: Permission = _new(Permission)  # the trusted constructor, written out
        permission._text = f'{action}("{role._text}")'
        permission._role = role
        return permission

    build.__name__ = action
    build.__qualname__ = "Permission." + action
    build.__doc__ = doc
    return staticmethod(build)


class Permission(Value):
    """A permission: an ``action`` (create, read, update, delete or write) granted to a :class:`Role`.

    Build one with the SDK-named builders (:meth:`read`, :meth:`write`, ...) from a Role or a role string,
    or read one with :meth:`parse`; ``str()`` gives the canonical string, byte-identical to the official
    SDK's for valid input.
    """

    # A permission is its canonical text: its type is read from it, and its Role (None in a parsed one) when
    # first asked for.
    __slots__ = ("_role", "_text")

    _text: str
    _role: Role | None

    def __init__(self, action: str, role: RoleLike) -> None:
        if not isinstance(action, str):
            raise TypeError(f"action must be a str, not {type(action).__name__}")
        if action not in PERMISSION_TYPES:
            raise InvalidPermission(
                f"Expected a permission type (create, read, update, delete or write), found {action!r}",
                action,
                0,
                len(action),
            )
        if type(role) is not Role:
            role = _role_argument(action, role)
        self._text = f'{action}("{role._text}")'
        self._role = role

    @property
    def action(self) -> str:
        """``create``, ``read``, ``update``, ``delete`` or ``write``."""
        text = self._text
        return text[: text.index("(")]

    @property
    def role(self) -> Role:
        """Who the action is granted to."""
        role = self._role
        if role is None:  # not read from the text yet
            role = self._role = _new_role(self._text[self._text.index("(") + 2 : -2])
        return role

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
        if _canonical(text) is None:
            grammar.check(text, permission=True)
        permission: Permission = _new(Permission)  # the trusted constructor, written out
        permission._text = text
        permission._role = None
        return permission

    def expand(self, resource: Resource = "collection") -> tuple[Permission, ...]:
        """The permissions the server stores for this one on ``resource``: ``write`` becomes create,
        update and delete (update and delete on documents, rows and files); others stay as they are.

        Raises ValidationError with the server's message for ``create`` on a document, row or file.
        """
        container = resource in _CONTAINERS
        action = self.action
        if action not in _allowed_types(resource):
            message = f'Permission "{self}" is not allowed. Must be one of: {", ".join(_ITEM_TYPES)}.'
            raise ValidationError(message, self._text, 0, len(action))
        if action != "write":
            return (self,)
        return tuple(Permission(action, self.role) for action in _WRITE_EXPANSION[container])

    # Builders, named and shaped as the official SDK's Permission (static methods, as there).

    read = _builder("read", 'Read access: ``read("<role>")``.')
    write = _builder("write", 'Create, update and delete access: ``write("<role>")`` (see :meth:`expand`).')
    create = _builder("create", 'Create access: ``create("<role>")``.')
    update = _builder("update", 'Update access: ``update("<role>")``.')
    delete = _builder("delete", 'Delete access: ``delete("<role>")``.')


def _role_argument(action: str, role: object) -> Role:
    """A builder's role that is not a plain Role: a Role's subclass, or a role string read strictly (the
    error says what the SDK would have sent)."""
    if isinstance(role, Role):
        return role
    if not isinstance(role, str):
        raise TypeError(f"role must be a Role or a str, not {type(role).__name__}")
    if _canonical_role(role) is None:
        try:
            grammar.parse_role(role)
        except Fail as fail:
            note = grammar.sdk_note(f'{action}("{role}")', permission=True)
            raise InvalidRole(fail.message + note, role, fail.start, fail.end) from None
    return _new_role(role)


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
    values: Sequence[object], *, resource: Resource = "collection", limit: int = LIMIT
) -> list[Permission]:
    """Check a ``permissions`` parameter as the server does for ``resource``, then strictly.

    Raises ValidationError with the server's exact message (and the offending item's ``index``, and its
    ``kind`` for a string from before Appwrite 1.0, see :mod:`appwrite_dsl.errors`) for what the server
    rejects, and with appwrite_dsl's message for what the server would accept but read
    differently (``read("user:a:b")``). Returns the permissions, not expanded.
    """
    allowed = _allowed_types(resource)

    def server_check() -> ValidationError | None:
        from . import server  # noqa: PLC0415 - the server's emulation, for a list the fast path refuses

        return server.permissions_error(values, allowed=allowed, length=limit)

    return grammar.validate_list(
        values,
        limit=limit,
        parse=Permission.parse,
        accept=lambda permission: permission.action in allowed,
        server_check=server_check,
    )
