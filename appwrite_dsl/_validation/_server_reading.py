"""The server's side of a query list beyond the per-query validators: how ``Query::parse`` reads a text that
appwrite_dsl's own reader refuses as misleading, and the two checks ``Database::find()`` runs after the
validator (utopia-php/database 7.2.6, ``src/Database/Query.php`` and ``src/Database/Database.php``:
``convertQueries``, ``validateSelections``).

A :class:`Reading` has the attributes of a :class:`~appwrite_dsl.query.Query` the checks look at
(``method``, ``attribute``, ``values``, ``queries``), with values as PHP holds them: JSON arrays and objects
that PHP reads as lists are tuples, other objects are :class:`~appwrite_dsl._operand.JSONObject`, integers
beyond 64 bits are floats, and ``values`` given as an object keeps its members' values in order,
``values[0]`` being the member named ``"0"`` (None when there is none), as ``$values[0]`` is in PHP.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._methods import LOGICAL_METHODS, SERVER_METHODS
from .._operand import JSONObject, depth, new_object
from .._scan import INT64_MAX, INT64_MIN, parameter_type, php_type
from . import _datetime

if TYPE_CHECKING:
    from typing import Any

    from ._versions import Path

__all__ = [
    "Members",
    "Reading",
    "convert_problem",
    "mentions",
    "php_parse",
    "selection_problem",
]


class Members(tuple):  # type: ignore[type-arg]
    """The values of a query given as a JSON object: its members' values, with PHP's ``$values[0]``."""

    zero: object = None

    def __getitem__(self, index: Any) -> Any:
        if index == 0 and type(index) is int:
            return self.zero
        return tuple.__getitem__(self, index)


class Reading:
    """One query as the server reads it."""

    __slots__ = ("attribute", "method", "values")

    def __init__(self, method: str, attribute: str, values: tuple[Any, ...]) -> None:
        self.method = method
        self.attribute = attribute
        self.values = values

    @property
    def queries(self) -> tuple[Reading, ...]:
        return self.values if self.method in LOGICAL_METHODS else ()


class _Refused(Exception):
    def __init__(self, message: str, path: Path, status: int = 400) -> None:
        super().__init__(message)
        self.message, self.path, self.status = message, path, status


def php_parse(data: object, methods: frozenset[str] = SERVER_METHODS) -> Reading | tuple[str, Path, int]:
    """``Query::parseQuery`` of a decoded query (a dict or list): the reading, or the server's message, the
    path of the culprit and the HTTP status (500 for a PHP TypeError). ``methods`` are those the release's
    ``Query::isMethod`` knows."""
    try:
        return _query(data, (), methods)
    except _Refused as refused:
        return refused.message, refused.path, refused.status


def _query(data: object, path: Path, methods: frozenset[str]) -> Reading:
    if type(data) is dict:
        method, attribute, values = data.get("method"), data.get("attribute"), data.get("values")
    else:
        method = attribute = values = None
    method = "" if method is None else method
    if type(method) is not str:
        raise _Refused(f"Invalid query method. Must be a string, got {php_type(method)}", (*path, "method"))
    if method not in methods:
        where = (*path, "method") if type(data) is dict and "method" in data else path
        raise _Refused("Invalid query method: " + method, where)
    attribute = "" if attribute is None else attribute
    if type(attribute) is not str:
        raise _Refused(
            f"Invalid query attribute. Must be a string, got {php_type(attribute)}", (*path, "attribute")
        )
    values = [] if values is None else values
    if type(values) is not list and type(values) is not dict:
        raise _Refused(f"Invalid query values. Must be an array, got {php_type(values)}", (*path, "values"))
    if type(values) is dict and not _is_list(values):
        members = Members(_members(values, method, (*path, "values"), methods))
        members.zero = _zero(values, members)
        return Reading(method, attribute, members)
    items: list[Any] = list(values.values()) if type(values) is dict else values  # type: ignore[assignment]
    return Reading(method, attribute, _members_list(items, method, (*path, "values"), methods))


def _zero(values: dict[str, Any], members: Members) -> object:
    for position, key in enumerate(values):
        if _int_key(key) == 0:
            return tuple.__getitem__(members, position)
    return None


def _members(values: dict[str, Any], method: str, path: Path, methods: frozenset[str]) -> tuple[Any, ...]:
    return _members_list(list(values.values()), method, path, methods)


def _members_list(items: list[Any], method: str, path: Path, methods: frozenset[str]) -> tuple[Any, ...]:
    if method not in LOGICAL_METHODS:
        return tuple(_operand(item) for item in items)
    children = []
    for index, child in enumerate(items):
        if type(child) is not dict and type(child) is not list:
            raise _Refused(
                "Utopia\\Database\\Query::parseQuery(): Argument #1 ($query) must be of type array, "
                f"{parameter_type(child)} given",
                (*path, index),
                500,
            )
        children.append(_query(child, (*path, index), methods))
    return tuple(children)


def _int_key(key: str) -> int | None:
    """The integer PHP's decoder makes of an object member name, or None."""
    canonical = key == "0" or (key[:1] in "-123456789" and not key.startswith("-0"))
    if not canonical or not key.isascii() or not key.lstrip("-").isdigit():
        return None
    number = int(key)
    return number if INT64_MIN <= number <= INT64_MAX else None


def _is_list(members: dict[str, Any]) -> bool:
    """Whether PHP holds the decoded object as a list (keys 0, 1, ... in order, or none)."""
    return all(_int_key(key) == position for position, key in enumerate(members))


def _operand(value: Any) -> Any:
    kind = type(value)
    if kind is int:
        return value if INT64_MIN <= value <= INT64_MAX else _float(value)
    if kind is list:
        return tuple(_operand(item) for item in value)
    if kind is dict:
        if _is_list(value):
            return tuple(_operand(item) for item in value.values())
        members = {key: _operand(member) for key, member in value.items()}
        return new_object(members, 1 + max(map(depth, members.values()), default=0))
    return value


def _float(value: int) -> float:
    try:
        return float(value)
    except OverflowError:
        return float("inf") if value > 0 else float("-inf")


# Database::convertQueries: the values of queries on datetime attributes are read again.

_VALIDATED = frozenset(
    SERVER_METHODS
    - {
        "exists",
        "notExists",
        "select",
        "limit",
        "offset",
        "cursorAfter",
        "cursorBefore",
        "orderAsc",
        "orderDesc",
        "orderRandom",
    }
    - LOGICAL_METHODS
)


def convert_problem(
    queries: Sequence[Any],
    datetimes: frozenset[str],
    mongo: bool,
    first_cursor: object,
    unread: list[tuple[int, str, Path]],
) -> tuple[int, str, Path] | None:
    """The first value ``convertQueries`` fails on: ``(index, PHP's message, path)``, or None; and in
    ``unread``, every date string on a datetime attribute whose reading appwrite_dsl does not model.

    ``first_cursor`` is the query whose value Appwrite replaced with the cursor document."""
    problem = None
    for index, query in enumerate(queries):
        method = query.method
        if method in LOGICAL_METHODS:
            inner: list[tuple[int, str, Path]] = []
            found = convert_problem(query.values, datetimes, mongo, first_cursor, inner)
            unread.extend((index, value, ("values", child, *path)) for child, value, path in inner)
            if found is not None and problem is None:
                problem = index, found[1], ("values", found[0], *found[2])
            continue
        if (query.attribute or "") not in datetimes:
            continue
        checked = method in _VALIDATED  # the validator read these values already
        for position, value in enumerate(query.values or ()):
            if type(value) is str and _datetime.read(value) is _datetime.UNREAD:
                unread.append((index, value, ("values", position)))
            elif not checked and problem is None:
                given = "Utopia\\Database\\Document" if query is first_cursor and position == 0 else None
                message = _reread(value, mongo, given)
                if message is not None:
                    problem = index, message, ("values", position)
    return problem


def mentions(query: Any, names: frozenset[str]) -> bool:
    """Whether a logical query holds a query on one of ``names``, at any depth."""
    for child in query.values or ():
        if child.method in LOGICAL_METHODS:
            if mentions(child, names):
                return True
        elif (child.attribute or "") in names:
            return True
    return False


def _reread(value: object, mongo: bool, given: str | None) -> str | None:
    """``DateTime::setTimezone($value)`` (SQL) or ``Mongo::setUTCDatetime($value)``: PHP's message, or None
    (also for a form appwrite_dsl does not read)."""
    kind = type(value)
    if given is None and (value is None or kind in (tuple, JSONObject, Members)):
        given = parameter_type(value)
    if given is not None:
        if mongo:
            return (
                "Utopia\\Database\\Adapter\\Mongo::setUTCDatetime(): Argument #1 ($value) must be of type "
                f"string, {given} given"
            )
        return (
            "Utopia\\Database\\DateTime::setTimezone(): Argument #1 ($datetime) must be of type string, "
            f"{given} given"
        )
    if kind is float or value is False:
        return None  # PHP writes them as "1.5", "-0.5", "": forms its reader takes
    text = "1" if value is True else str(value)
    found = _datetime.read(text)
    return found if type(found) is str and found is not _datetime.UNREAD else None


# Database::validateSelections


def selection_problem(queries: Sequence[Any], selectable: frozenset[str]) -> tuple[int, str] | None:
    """``Cannot select attributes: <a>, <b>`` for the select values without a dot that are neither internal
    (``$tenant`` only with shared tables) nor a non-relationship attribute, unless ``*`` is among them;
    with the index of the first select query holding one."""
    refused: list[str] = []
    first = -1
    for index, query in enumerate(queries):
        if query.method != "select":
            continue
        for value in query.values or ():
            if type(value) is str and "." not in value and value not in selectable:
                refused.append(value)
                if first < 0:
                    first = index
    if not refused or "*" in refused:
        return None
    return first, "Cannot select attributes: " + ", ".join(refused)
