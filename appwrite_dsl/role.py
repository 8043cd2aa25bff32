"""Roles: who a permission is granted to (``any``, ``user:abc/verified``, ``team:t1/owner``, ...).

>>> Role.team("t1", "owner")
<Role 'team:t1/owner'>
>>> Role.parse("user:abc/verified").identifier
'abc'
>>> str(Role.users("verified"))
'users/verified'
"""

from __future__ import annotations

from collections.abc import Sequence

from . import _permissions as grammar
from . import server
from ._keys import TEAM_ROLE_MAX_LENGTH, check_key, check_label
from ._scan import Fail
from ._value import Value
from .errors import InvalidRole

__all__ = ["Role", "validate_roles"]


def _text(name: str, identifier: str, dimension: str) -> str:
    text = name
    if identifier:
        text += ":" + identifier
    if dimension:
        text += "/" + dimension
    return text


def _check_parts(name: str, identifier: str, dimension: str) -> None:
    """Raise InvalidRole, pointing into the offending part, unless the parts make a canonical role."""
    if name not in server.ROLE_NAMES:
        raise InvalidRole(
            f"Expected a role (any, guests, users, user, team, member or label), found {name!r}",
            name,
            0,
            len(name),
        )
    if name in ("any", "guests", "users"):
        if identifier:
            raise InvalidRole(
                f"Expected no ID for the role {name!r}, found {identifier!r}", identifier, 0, len(identifier)
            )
    else:
        problem = (
            check_label(identifier) if name == "label" else check_key(identifier, grammar.ID_NOUNS[name])
        )
        if problem is not None:
            raise InvalidRole(problem[2], identifier, problem[0], problem[1])
    if not dimension:
        return
    if name in ("users", "user"):
        if dimension not in server.USER_STATUSES:
            raise InvalidRole(
                f"Expected 'verified' or 'unverified' as the status, found {dimension!r}",
                dimension,
                0,
                len(dimension),
            )
    elif name == "team":
        problem = check_key(dimension, "a team role", TEAM_ROLE_MAX_LENGTH)
        if problem is not None:
            raise InvalidRole(problem[2], dimension, problem[0], problem[1])
    else:
        raise InvalidRole(
            f"Expected no dimension for the role {name!r}, found {dimension!r}", dimension, 0, len(dimension)
        )


def _argument(value: object, what: str, *, optional: bool = True) -> str:
    """A builder's argument: a str, or None for an optional one (the SDK writes nothing for it)."""
    if value is None and optional:
        return ""
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    return value


class Role(Value):
    """A role, made of a ``name``, an ``identifier`` and a ``dimension`` ("" when absent).

    Build one with the SDK-named builders (:meth:`any`, :meth:`user`, :meth:`team`, ...) or read one with
    :meth:`parse`; ``str()`` gives the canonical role string. Unlike the official SDK, the builders check
    the server's rules (IDs, statuses, labels, team roles) and raise :class:`~appwrite_dsl.InvalidRole`.
    """

    __slots__ = ("_text", "dimension", "identifier", "name")

    name: str
    identifier: str
    dimension: str
    _text: str

    def __init__(self, name: str, identifier: str = "", dimension: str = "") -> None:
        for part, what in ((name, "name"), (identifier, "identifier"), (dimension, "dimension")):
            if not isinstance(part, str):
                raise TypeError(f"{what} must be a str, not {type(part).__name__}")
        _check_parts(name, identifier, dimension)
        self._set(name, identifier, dimension, _text(name, identifier, dimension))

    def _set(self, name: str, identifier: str, dimension: str, text: str) -> None:
        object.__setattr__(self, "name", name)
        object.__setattr__(self, "identifier", identifier)
        object.__setattr__(self, "dimension", dimension)
        object.__setattr__(self, "_text", text)

    @classmethod
    def _trusted(cls, name: str, identifier: str, dimension: str, text: str) -> Role:
        role = object.__new__(cls)
        role._set(name, identifier, dimension, text)
        return role

    def _parts(self) -> tuple[str, str, str]:
        return (self.name, self.identifier, self.dimension)

    def __str__(self) -> str:
        return self._text

    @classmethod
    def parse(cls, text: str) -> Role:
        """Read a canonical role string.

        Raises InvalidRole for anything else; when the server would read the text as another role, the
        message says which (``user:a:b`` is read by the server as ``user:a``).
        """
        try:
            name, identifier, dimension = grammar.parse_role(text)
        except Fail as fail:
            message = fail.message + grammar.server_note(text, permission=False)
            raise InvalidRole(message, text, fail.start, fail.end) from None
        return cls._trusted(name, identifier, dimension, text)

    @classmethod
    def _build(cls, name: str, identifier: str, dimension: str) -> Role:
        try:
            return cls(name, identifier, dimension)
        except InvalidRole as error:
            note = grammar.sdk_note(_text(name, identifier, dimension), permission=False)
            if not note:
                raise
            raise InvalidRole(error.message + note, error.source, error.position, error.end) from None

    # Builders, named and shaped as the official SDK's Role.

    @classmethod
    def any(cls) -> Role:
        """Anyone, signed in or not: ``any``."""
        return cls._trusted("any", "", "", "any")

    @classmethod
    def guests(cls) -> Role:
        """Callers without a session: ``guests``."""
        return cls._trusted("guests", "", "", "guests")

    @classmethod
    def users(cls, status: str | None = "") -> Role:
        """Every signed-in user, optionally only ``verified`` or ``unverified`` ones: ``users/verified``."""
        return cls._build("users", "", _argument(status, "status"))

    @classmethod
    def user(cls, id: str, status: str | None = "") -> Role:
        """One user, optionally only while ``verified`` or ``unverified``: ``user:abc/verified``."""
        return cls._build("user", _argument(id, "id", optional=False), _argument(status, "status"))

    @classmethod
    def team(cls, id: str, role: str | None = "") -> Role:
        """Confirmed members of a team, optionally only those with a team role: ``team:t1/owner``."""
        return cls._build("team", _argument(id, "id", optional=False), _argument(role, "role"))

    @classmethod
    def member(cls, id: str) -> Role:
        """One team membership: ``member:m1``."""
        return cls._build("member", _argument(id, "id", optional=False), "")

    @classmethod
    def label(cls, name: str) -> Role:
        """Users carrying a label: ``label:vip``."""
        return cls._build("label", _argument(name, "name", optional=False), "")


def validate_roles(values: Sequence[object], *, limit: int = server.LIMIT) -> list[Role]:
    """Check a role list (a function's ``execute``, a topic's ``subscribe``) as the server does, then
    strictly.

    Raises ValidationError with the server's exact message (and ``kind`` for a role from before Appwrite
    1.0, see :mod:`appwrite_dsl.errors`) for what the server rejects, and with
    appwrite_dsl's message for what the server would accept but read differently; returns the roles.
    """
    return grammar.validate_list(
        values,
        limit=limit,
        parse=Role.parse,
        accept=lambda _: True,
        server_check=lambda: server.roles_error(values, length=limit),
    )
