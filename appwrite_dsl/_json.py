"""The JSON query syntax read as utopia-php/database 7.2.6 reads it: PHP's ``json_decode``
(:mod:`appwrite_dsl._php_json`) followed by ``Query::parseQuery``, with lean shape checks. Writing is the
SDK's, in :mod:`appwrite_dsl._operand` and the tree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._methods import LOGICAL_METHODS, SERVER_METHODS
from ._operand import Operand, depth, list_like_message, new_object, php_list
from ._php_json import PYTHON_DEPTH, SURROGATE, decode, locate
from ._scan import INT64_MAX, INT64_MIN, Fail, parameter_type, php_type
from .errors import InvalidQuery

__all__ = ["read"]

if TYPE_CHECKING:
    from typing import Any, Callable, Optional, TypeVar

    Node = TypeVar("Node")
    Make = Callable[[str, Optional[str], Optional[tuple[Any, ...]]], Node]


# Reading: the shape of a query


def _misfit(message: str, path: tuple[str | int, ...] = ()) -> Fail:
    """The decoded value is not a query the server reads as written: message and path of the culprit."""
    return Fail(0, 0, message, path)


def _refused(
    message: str, path: tuple[str | int, ...] = (), *, stage: str = "parse", status: int = 400
) -> Fail:
    """The server refuses the decoded value: its message, the path of the culprit, its stage and status."""
    return Fail(0, 0, message, path, stage=stage, status=status)


def read(
    text: str | bytes,
    make: Make[Node],
    query: Callable[[dict[str, Any] | list[Any], Make[Node]], Node] | None = None,
) -> Node:
    """Read one JSON query as utopia-php/database 7.2.6 does; ``make(method, attribute, values)`` builds
    each node (``attribute``/``values`` None when absent or null, values as tuples of operands and nodes).
    ``query`` reads the decoded object instead of 7.2.6's ``Query::parseQuery`` (another dialect's rules).

    Raises InvalidQuery: the server's own message where it refuses the text, appwrite_dsl's where the server
    would read it differently from what it says (values given as an object, numbers it reads as infinity,
    objects it reads as arrays).
    """
    if isinstance(text, str):
        source = shown = text
    else:
        source = bytes(text).decode("utf-8", "surrogateescape")
        shown = SURROGATE.sub("\ufffd", source)
    try:
        data = decode(source)
        if type(data) is dict or type(data) is list:
            return (query or _query)(data, make)
        raise _refused(f"Invalid query. Must be an array, got {php_type(data)}", stage="decode")
    except Fail as misfit:
        try:
            start, end = locate(source, misfit.path)
        except RecursionError:  # pragma: no cover - only when the caller's stack is nearly full
            start, end = 0, len(source)
        raise InvalidQuery(
            misfit.message, shown, start, end, stage=misfit.stage, status=misfit.status
        ) from None
    except InvalidQuery as error:
        if shown is source:
            raise
        raise InvalidQuery(
            error.message, shown, error.position, error.end, stage=error.stage, status=error.status
        ) from None
    except RecursionError:
        raise InvalidQuery(PYTHON_DEPTH, shown, 0, len(shown)) from None


def members(data: dict[str, Any] | list[Any], names: frozenset[str]) -> tuple[str, str | None, Any]:
    """Method, attribute and values (a missing key or null meaning absent), after ``parseQuery``'s checks of
    the method (a string, one of ``names``) and the attribute (a string)."""
    if type(data) is dict:
        method, attribute, values = data.get("method"), data.get("attribute"), data.get("values")
    else:  # a JSON array has none of the keys
        method = attribute = values = None
    if type(method) is not str:
        if method is not None:
            raise _refused(f"Invalid query method. Must be a string, got {php_type(method)}", ("method",))
        method = ""
    if method not in names:
        present = type(data) is dict and "method" in data
        raise _refused("Invalid query method: " + method, ("method",) if present else ())
    if attribute is not None and type(attribute) is not str:
        message = f"Invalid query attribute. Must be a string, got {php_type(attribute)}"
        raise _refused(message, ("attribute",))
    return method, attribute, values


def _query(data: dict[str, Any] | list[Any], make: Make[Node]) -> Node:
    """``Query::parseQuery``: method, attribute and values, a missing key or null meaning absent."""
    method, attribute, values = members(data, SERVER_METHODS)
    if values is None:
        return make(method, attribute, None)
    if type(values) is not list:
        if type(values) is dict:
            reading = "each member as a nested query" if method in LOGICAL_METHODS else "its members' values"
            raise _misfit(
                f"Expected the values as a JSON array, found an object (the server reads {reading})",
                ("values",),
            )
        raise _refused(f"Invalid query values. Must be an array, got {php_type(values)}", ("values",))
    if method in LOGICAL_METHODS:
        return make(method, attribute, _children(values, make))
    try:
        return make(method, attribute, _operands(values))
    except Fail as misfit:
        misfit.path = ("values", *misfit.path)
        raise


def _children(values: list[Any], make: Make[Node]) -> tuple[Node, ...]:
    children = []
    for index, child in enumerate(values):
        if type(child) is not dict and type(child) is not list:
            given = parameter_type(child)
            raise _refused(
                "Utopia\\Database\\Query::parseQuery(): Argument #1 ($query) must be of type array, "
                f"{given} given",
                ("values", index),
                status=500,
            )
        try:
            children.append(_query(child, make))
        except Fail as misfit:
            misfit.path = ("values", index, *misfit.path)
            raise
    return tuple(children)


def _operands(values: list[Any]) -> tuple[Operand, ...]:
    """The values of a non-logical query; a flat list of plain values is kept as it is."""
    for value in values:
        kind = type(value)
        if kind is str or kind is bool or value is None:
            continue
        if kind is int:
            if INT64_MIN <= value <= INT64_MAX:
                continue
        elif kind is float and value - value == 0.0:
            continue
        break
    else:
        return tuple(values)
    return _decoded(values)  # type: ignore[return-value]


def _decoded(value: Any) -> Operand:
    """One decoded operand as the server holds it: integers beyond int64 become floats.

    One Python frame per level of nesting: 509 nested arrays (the most a query can hold) fit in the stack.
    """
    kind = type(value)
    if kind is int:
        if INT64_MIN <= value <= INT64_MAX:
            return value  # type: ignore[no-any-return]
        try:
            value = float(value)
        except OverflowError:
            value = float("inf") if value > 0 else float("-inf")
        kind = float
    if kind is float:
        if value - value == 0.0:
            return value  # type: ignore[no-any-return]
        raise _misfit(
            "Expected a finite number, found one the server reads as an infinite float "
            "(its own re-encoding then fails: Invalid Json: Inf and NaN cannot be JSON encoded)"
        )
    if kind is list:
        elements: list[Operand] = []
        for index, element in enumerate(value):
            try:
                elements.append(_decoded(element))
            except Fail as misfit:
                misfit.path = (index, *misfit.path)
                raise
        return tuple(elements)
    if kind is dict:
        members: dict[str, Operand] = {}
        for key, member in value.items():
            try:
                members[key] = _decoded(member)
            except Fail as misfit:
                misfit.path = (key, *misfit.path)
                raise
        if php_list(members):
            raise _misfit(list_like_message(members))
        return new_object(members, 1 + max(map(depth, members.values()), default=0))
    return value  # type: ignore[no-any-return]
