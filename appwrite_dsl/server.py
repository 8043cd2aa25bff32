"""What the Appwrite server does with permission and role strings, emulated byte for byte.

The server (utopia-php/database ``Permission::parse``, ``Role::parse``, the ``Permissions`` and ``Roles``
validators and ``Permission::aggregate``) reads these strings leniently: it deletes every ``")``, drops
``:segments`` after the second, and treats ``"0"`` as empty. This module reproduces that reading exactly,
including its messages, so that appwrite_dsl can say what the server would make of a string. It is not the
parser to build on: :meth:`appwrite_dsl.Permission.parse` and :meth:`appwrite_dsl.Role.parse` accept the
canonical grammar only.

Messages are those of utopia-php/database 7.2.6 (Appwrite 1.9). Pass ``team_role_max=36`` for servers before
Appwrite 1.9, where a team role was limited to 36 characters.
"""

from __future__ import annotations

from ._keys import (
    KEY_MAX_LENGTH,
    KEY_TEXT,
    LABEL_TEXT,
    LIMIT,
    PERMISSION_TYPES,
    ROLE_NAMES,
    TEAM_ROLE_MAX_LENGTH,
    USER_STATUSES,
    server_key_valid,
    server_label_valid,
)
from .errors import LEGACY_ROLE_PREFIX, LEGACY_WILDCARD, InvalidPermission, InvalidRole, ValidationError

__all__ = [
    "LIMIT",
    "PERMISSION_TYPES",
    "ROLE_NAMES",
    "USER_STATUSES",
    "ServerPermission",
    "ServerRole",
    "aggregate",
    "check_permissions",
    "check_roles",
    "parse_permission",
    "parse_role",
    "permissions_error",
    "roles_error",
]

AGGREGATE_TYPES: tuple[str, ...] = ("create", "read", "update", "delete")

# name -> (identifier allowed, identifier required, dimension allowed, dimension options or None)
_ROLE_RULES: dict[str, tuple[bool, bool, bool, tuple[str, ...] | None]] = {
    "any": (False, False, False, None),
    "guests": (False, False, False, None),
    "users": (False, False, True, USER_STATUSES),
    "user": (True, True, True, USER_STATUSES),
    "team": (True, True, True, None),
    "member": (True, True, False, None),
    "label": (True, True, False, None),
}


TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from typing_extensions import TypeAlias

    # the server's message and the error kind (appwrite_dsl.errors) of its refusal, None for most
    _Problem: TypeAlias = tuple[str, str | None]
    # an item check: (item, allowed names, team role maximum) -> the server's refusal or None
    _ItemCheck: TypeAlias = Callable[[str, Sequence[str], int], _Problem | None]


def _empty(value: str) -> bool:
    """PHP's ``empty()`` for a string: ``""`` and ``"0"``."""
    return value in ("", "0")


class ServerRole:
    """A role as the server holds it after ``Role::parse``: any name, any identifier and dimension."""

    __slots__ = ("dimension", "identifier", "name")

    def __init__(self, name: str, identifier: str = "", dimension: str = "") -> None:
        self.name = name
        self.identifier = identifier
        self.dimension = dimension

    def __str__(self) -> str:
        """The server's ``toString()``: identifier and dimension only when not empty."""
        text = self.name
        if not _empty(self.identifier):
            text += ":" + self.identifier
        if not _empty(self.dimension):
            text += "/" + self.dimension
        return text

    def __repr__(self) -> str:
        return f"ServerRole({self.name!r}, {self.identifier!r}, {self.dimension!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServerRole):
            return NotImplemented
        return (self.name, self.identifier, self.dimension) == (
            other.name,
            other.identifier,
            other.dimension,
        )

    def __hash__(self) -> int:
        return hash((self.name, self.identifier, self.dimension))


class ServerPermission:
    """A permission as the server holds it after ``Permission::parse``."""

    __slots__ = ("role", "type")

    def __init__(self, type: str, role: ServerRole) -> None:
        self.type = type
        self.role = role

    def __str__(self) -> str:
        return f'{self.type}("{self.role}")'

    def __repr__(self) -> str:
        return f"ServerPermission({self.type!r}, {self.role!r})"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ServerPermission):
            return NotImplemented
        return (self.type, self.role) == (other.type, other.role)

    def __hash__(self) -> int:
        return hash((self.type, self.role))


def _split_role(text: str, error: type[InvalidRole] | type[InvalidPermission], source: str) -> ServerRole:
    """``Role::parse`` (utopia-php/database 7.2.6 ``src/Database/Helpers/Role.php``): split the role at
    ``:`` (segments after the second dropped) and ``/``, ``"0"`` counting as empty; shared by both parsers."""
    parts = text.split(":")
    name = parts[0]
    has_identifier = len(parts) > 1
    if "/" not in text:
        return ServerRole(name, parts[1] if has_identifier else "")
    if has_identifier:
        pieces = parts[1].split("/")
        if len(pieces) != 2:
            raise error("Only one dimension can be provided", source, 0, len(source))
        identifier, dimension = pieces
    else:
        pieces = text.split("/")
        if len(pieces) != 2:
            raise error("Only one dimension can be provided", source, 0, len(source))
        name, dimension = pieces
        identifier = ""
    if _empty(dimension):
        raise error("Dimension must not be empty", source, 0, len(source))
    return ServerRole(name, identifier, dimension)


def parse_role(text: str) -> ServerRole:
    """``Role::parse``: read a bare role string as the server does; raise InvalidRole on its errors."""
    return _split_role(text, InvalidRole, text)


def parse_permission(text: str) -> ServerPermission:
    """``Permission::parse``: read a permission string as the server does.

    Raises InvalidPermission with the server's message when the server throws.
    """
    parts = text.split('("')
    if len(parts) != 2:
        raise InvalidPermission(f'Invalid permission string format: "{text}".', text, 0, len(text))
    type_, rest = parts
    if type_ not in PERMISSION_TYPES:
        raise InvalidPermission(f'Invalid permission type: "{type_}".', text, 0, len(type_))
    return ServerPermission(type_, _split_role(rest.replace('")', ""), InvalidPermission, text))


def _role_problem(role: ServerRole, team_role_max: int) -> _Problem | None:
    """The ``Roles::isValidRole`` checks (a) to (g), in the server's order; a role named ``*`` is the
    wildcard of before Appwrite 1.0."""
    if role.name not in _ROLE_RULES:
        message = f'Role "{role.name}" is not allowed. Must be one of: {", ".join(ROLE_NAMES)}.'
        return (message, LEGACY_WILDCARD if role.name == "*" else None)
    problem = _role_rules_problem(role, team_role_max)
    return None if problem is None else (problem, None)


def _role_rules_problem(role: ServerRole, team_role_max: int) -> str | None:
    """Checks (b) to (g) of ``Roles::isValidRole``, for a role of a known name."""
    rules = _ROLE_RULES[role.name]
    id_allowed, id_required, dim_allowed, dim_options = rules
    identifier, dimension = role.identifier, role.dimension
    if not id_allowed and not _empty(identifier):
        return f'Role "{role.name}" can not have an ID value.'
    if id_allowed and id_required and _empty(identifier):
        return f'Role "{role.name}" must have an ID value.'
    if id_allowed and not _empty(identifier):
        if role.name == "label":
            if not server_label_valid(identifier):
                return f'Role "label" identifier value is invalid: {LABEL_TEXT}'
        elif not server_key_valid(identifier):
            return f'Role "{role.name}" identifier value is invalid: ' + KEY_TEXT.format(max=KEY_MAX_LENGTH)
    if not dim_allowed and not _empty(dimension):
        return f'Role "{role.name}" can not have a dimension value.'
    if dim_allowed and not _empty(dimension):
        if dim_options is not None and dimension not in dim_options:
            return f'Role "{role.name}" dimension value is invalid. Must be one of: {", ".join(dim_options)}.'
        if not server_key_valid(dimension, team_role_max):
            return f'Role "{role.name}" dimension value is invalid: ' + KEY_TEXT.format(max=team_role_max)
    return None


def _check_list(
    values: object,
    *,
    noun: str,
    allowed: Sequence[str],
    length: int,
    item_problem: _ItemCheck,
    team_role_max: int,
) -> ValidationError | None:
    if not isinstance(values, (list, tuple)):
        return ValidationError(f"{noun.capitalize()}s must be an array of strings.", "", 0)
    if length and len(values) > length:
        return ValidationError(f"You can only provide up to {length} {noun}s.", "", 0)
    for index, value in enumerate(values):
        if not isinstance(value, str):
            source = repr(value)
            return ValidationError(
                f"Every {noun} must be of type string.", source, 0, len(source), index=index
            )
        problem = item_problem(value, allowed, team_role_max)
        if problem is not None:
            message, kind = problem
            return ValidationError(message, value, 0, len(value), index=index, kind=kind)
    return None


def _permission_problem(value: str, allowed: Sequence[str], team_role_max: int) -> _Problem | None:
    if value == "*":
        return ('Wildcard permission "*" has been replaced. Use "any" instead.', LEGACY_WILDCARD)
    if "role:" in value:
        return (
            'Permissions using the "role:" prefix have been replaced. '
            'Use "users", "guests", or "any" instead.',
            LEGACY_ROLE_PREFIX,
        )
    if not value.startswith(tuple(allowed)):
        return (f'Permission "{value}" is not allowed. Must be one of: {", ".join(allowed)}.', None)
    try:
        permission = parse_permission(value)
    except InvalidPermission as error:
        return (error.message, error.kind)
    return _role_problem(permission.role, team_role_max)


def _role_string_problem(value: str, allowed: Sequence[str], team_role_max: int) -> _Problem | None:
    if value == "*":
        return ('Wildcard role "*" has been replaced. Use "any" instead.', LEGACY_WILDCARD)
    if "role:" in value:
        return (
            'Roles using the "role:" prefix have been removed. Use "users", "guests", or "any" instead.',
            LEGACY_ROLE_PREFIX,
        )
    if not value.startswith(tuple(allowed)):
        return (f'Role "{value}" is not allowed. Must be one of: {", ".join(allowed)}.', None)
    try:
        role = parse_role(value)
    except InvalidRole as error:
        return (error.message, error.kind)
    return _role_problem(role, team_role_max)


def check_permissions(
    values: object,
    *,
    allowed: Sequence[str] = PERMISSION_TYPES,
    length: int = LIMIT,
    team_role_max: int = TEAM_ROLE_MAX_LENGTH,
) -> tuple[int | None, str] | None:
    """The server's ``Permissions(length, allowed)`` validator.

    Returns None when the server accepts ``values``, else ``(index, message)``: the index of the first
    offending item (None when the list itself is at fault) and the server's exact description. Appwrite
    uses ``length=100``; documents, rows and files use ``allowed=("read", "update", "delete", "write")``.
    """
    refusal = permissions_error(values, allowed=allowed, length=length, team_role_max=team_role_max)
    return None if refusal is None else (refusal.index, refusal.message)


def permissions_error(
    values: object,
    *,
    allowed: Sequence[str] = PERMISSION_TYPES,
    length: int = LIMIT,
    team_role_max: int = TEAM_ROLE_MAX_LENGTH,
) -> ValidationError | None:
    """:func:`check_permissions`'s refusal as a ValidationError (None when the server accepts ``values``):
    the server's message, the offending item as ``source`` with its ``index``, and the rule's ``kind``
    (:data:`~appwrite_dsl.errors.LEGACY_WILDCARD`, :data:`~appwrite_dsl.errors.LEGACY_ROLE_PREFIX` or None).

    >>> permissions_error(['read("role:all")']).kind
    'legacy-role-prefix'
    """
    return _check_list(
        values,
        noun="permission",
        allowed=allowed,
        length=length,
        item_problem=_permission_problem,
        team_role_max=team_role_max,
    )


def check_roles(
    values: object,
    *,
    allowed: Sequence[str] = ROLE_NAMES,
    length: int = LIMIT,
    team_role_max: int = TEAM_ROLE_MAX_LENGTH,
) -> tuple[int | None, str] | None:
    """The server's ``Roles(length, allowed)`` validator, as used for function ``execute`` and topic
    ``subscribe``; returns None or ``(index, message)`` like :func:`check_permissions`."""
    refusal = roles_error(values, allowed=allowed, length=length, team_role_max=team_role_max)
    return None if refusal is None else (refusal.index, refusal.message)


def roles_error(
    values: object,
    *,
    allowed: Sequence[str] = ROLE_NAMES,
    length: int = LIMIT,
    team_role_max: int = TEAM_ROLE_MAX_LENGTH,
) -> ValidationError | None:
    """:func:`check_roles`'s refusal as a ValidationError, like :func:`permissions_error`.

    >>> roles_error(["*"]).kind
    'legacy-wildcard'
    """
    return _check_list(
        values,
        noun="role",
        allowed=allowed,
        length=length,
        item_problem=_role_string_problem,
        team_role_max=team_role_max,
    )


def aggregate(values: Iterable[str], allowed: Sequence[str] = AGGREGATE_TYPES) -> list[str]:
    """``Permission::aggregate``: parse and re-serialise each string, expand ``write`` into the
    ``allowed`` among create, update and delete, and drop duplicates keeping the first.

    Raises InvalidPermission with the server's message when a string does not parse.
    """
    seen: dict[str, None] = {}
    for value in values:
        permission = parse_permission(value)
        if permission.type == "write":
            for type_ in ("create", "update", "delete"):
                if type_ in allowed:
                    seen.setdefault(str(ServerPermission(type_, permission.role)), None)
        else:
            seen.setdefault(str(permission), None)
    return list(seen)
