"""Roles: who a permission is granted to (``any``, ``user:abc/verified``, ``team:t1/owner``, ...).

>>> Role.team("t1", "owner")
<Role 'team:t1/owner'>
>>> Role.parse("user:abc/verified").identifier
'abc'
>>> str(Role.users("verified"))
'users/verified'
"""

from __future__ import annotations

from . import _permissions as grammar
from ._keys import (
    KEY_MAX_LENGTH,
    LABEL_MAX_LENGTH,
    LIMIT,
    ROLE_NAMES,
    TEAM_ROLE_MAX_LENGTH,
    USER_STATUSES,
    check_key,
    check_label,
)
from ._scan import on_first_use
from ._value import Value
from .errors import InvalidRole

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from collections.abc import Sequence

    from ._permissions import RoleParts
    from .errors import ValidationError

__all__ = ["Role", "validate_roles"]

_new = object.__new__
_canonical = on_first_use(globals(), "_canonical", lambda: grammar.canonical_role().fullmatch)
_USER_DIMENSIONS = frozenset(("", *USER_STATUSES))


def _text(name: str, identifier: str, dimension: str) -> str:
    text = name
    if identifier:
        text += ":" + identifier
    if dimension:
        text += "/" + dimension
    return text


def _check_parts(name: str, identifier: str, dimension: str) -> None:
    """Raise InvalidRole, pointing into the offending part, unless the parts make a canonical role."""
    if name not in ROLE_NAMES:
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
        if dimension not in USER_STATUSES:
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

    # A role is its canonical text; the parts, None in a role the builders or the parser made, are read
    # from it when first asked for, or set by the constructor.
    __slots__ = ("_split", "_text")

    _text: str
    _split: RoleParts | None

    def __init__(self, name: str, identifier: str = "", dimension: str = "") -> None:
        for part, what in ((name, "name"), (identifier, "identifier"), (dimension, "dimension")):
            if not isinstance(part, str):
                raise TypeError(f"{what} must be a str, not {type(part).__name__}")
        _check_parts(name, identifier, dimension)
        self._text = _text(name, identifier, dimension)
        self._split = (name, identifier, dimension)

    @property
    def name(self) -> str:
        """``any``, ``guests``, ``users``, ``user``, ``team``, ``member`` or ``label``."""
        return self._parts()[0]

    @property
    def identifier(self) -> str:
        """The user, team or membership ID, or the label; "" for the others."""
        return self._parts()[1]

    @property
    def dimension(self) -> str:
        """The user status (``users``, ``user``) or the team role (``team``); "" when absent."""
        return self._parts()[2]

    def _parts(self) -> RoleParts:
        parts = self._split
        if parts is None:  # not read from the text yet
            parts = self._split = grammar.role_parts(self._text)
        return parts

    def __str__(self) -> str:
        return self._text

    @classmethod
    def parse(cls, text: str) -> Role:
        """Read a canonical role string.

        Raises InvalidRole for anything else; when the server would read the text as another role, the
        message says which (``user:a:b`` is read by the server as ``user:a``).
        """
        if _canonical(text) is None:
            grammar.check(text, permission=False)
        return _new_role(text)

    # Builders, named and shaped as the official SDK's Role (static methods, as there). Each writes plain
    # arguments (letters and digits, a known status) at once and leaves the rest to the constructor's
    # checks.

    @staticmethod
    def any() -> Role:
        """Anyone, signed in or not: ``any``."""
        return _new_role("any")

    @staticmethod
    def guests() -> Role:
        """Callers without a session: ``guests``."""
        return _new_role("guests")

    @staticmethod
    def users(status: str | None = "") -> Role:
        """Every signed-in user, optionally only ``verified`` or ``unverified`` ones: ``users/verified``."""
        if type(status) is str and status in _USER_DIMENSIONS:
            return _new_role("users/" + status if status else "users")
        return _build("users", "", _argument(status, "status"))

    @staticmethod
    def user(id: str, status: str | None = "") -> Role:
        """One user, optionally only while ``verified`` or ``unverified``: ``user:abc/verified``."""
        # A plain ID (as _plain() tells it) and a known status, written out: a call costs what the checks do.
        if (
            type(id) is str
            and id.isalnum()
            and id.isascii()
            and len(id) <= KEY_MAX_LENGTH
            and id != "0"
            and type(status) is str
            and status in _USER_DIMENSIONS
        ):
            role: Role = _new(Role)  # the trusted constructor, written out
            role._text = f"user:{id}/{status}" if status else "user:" + id
            role._split = None
            return role
        return _build("user", _argument(id, "id", optional=False), _argument(status, "status"))

    @staticmethod
    def team(id: str, role: str | None = "") -> Role:
        """Confirmed members of a team, optionally only those with a team role: ``team:t1/owner``."""
        if (  # as in user()
            type(id) is str
            and id.isalnum()
            and id.isascii()
            and len(id) <= KEY_MAX_LENGTH
            and id != "0"
            and type(role) is str
            and (not role or _plain(role, TEAM_ROLE_MAX_LENGTH))
        ):
            team: Role = _new(Role)
            team._text = f"team:{id}/{role}" if role else "team:" + id
            team._split = None
            return team
        return _build("team", _argument(id, "id", optional=False), _argument(role, "role"))

    @staticmethod
    def member(id: str) -> Role:
        """One team membership: ``member:m1``."""
        if _plain(id):
            return _new_role("member:" + id)
        return _build("member", _argument(id, "id", optional=False), "")

    @staticmethod
    def label(name: str) -> Role:
        """Users carrying a label: ``label:vip``."""
        if _plain(name, LABEL_MAX_LENGTH):
            return _new_role("label:" + name)
        return _build("label", _argument(name, "name", optional=False), "")


def _plain(value: object, max_length: int = KEY_MAX_LENGTH) -> bool:
    """Whether ``value`` is a str of 1 to ``max_length`` ASCII letters and digits other than ``0``: an ID,
    team role or label every rule accepts, told without a regex (the constructor checks anything else)."""
    return (
        type(value) is str
        and value.isalnum()
        and value.isascii()
        and len(value) <= max_length
        and value != "0"
    )


def _new_role(text: str) -> Role:
    """The trusted constructor: a Role from its canonical text."""
    role: Role = _new(Role)
    role._text = text
    role._split = None
    return role


def _build(name: str, identifier: str, dimension: str) -> Role:
    """A builder's role from arguments that are not plain: the constructor checks them; the error says
    what the SDK would have written, if the server accepts that."""
    try:
        return Role(name, identifier, dimension)
    except InvalidRole as error:
        note = grammar.sdk_note(_text(name, identifier, dimension), permission=False)
        if not note:
            raise
        raise InvalidRole(error.message + note, error.source, error.position, error.end) from None


def validate_roles(values: Sequence[object], *, limit: int = LIMIT) -> list[Role]:
    """Check a role list (a function's ``execute``, a topic's ``subscribe``) as the server does, then
    strictly.

    Raises ValidationError with the server's exact message (and ``kind`` for a role from before Appwrite
    1.0, see :mod:`appwrite_dsl.errors`) for what the server rejects, and with
    appwrite_dsl's message for what the server would accept but read differently; returns the roles.
    """

    def server_check() -> ValidationError | None:
        from . import server  # noqa: PLC0415 - the server's emulation, for a list the fast path refuses

        return server.roles_error(values, length=limit)

    return grammar.validate_list(
        values, limit=limit, parse=Role.parse, accept=lambda _: True, server_check=server_check
    )
