"""The JSON query syntax read as utopia-php/database 7.2.6 reads it: PHP's ``json_decode``
(:mod:`appwrite_dsl._php_json`) followed by ``Query::parseQuery``, with lean shape checks. Writing is the
SDK's, in :mod:`appwrite_dsl._operand` and the tree.
"""

from __future__ import annotations

import re
from functools import cache

from . import _scan
from ._methods import LOGICAL_METHODS, SERVER_METHODS
from ._operand import depth, list_like_message, new_object, php_list
from ._php_json import PYTHON_DEPTH, decode, locate
from ._scan import INT64_MAX, INT64_MIN, Fail, parameter_type, php_type
from .errors import InvalidQuery

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from typing import Any, Callable, Optional, TypeVar

    from ._operand import Operand

    Node = TypeVar("Node")
    Make = Callable[[str, Optional[str], Optional[tuple[Any, ...]]], Node]

__all__ = ["read", "read_canonical"]


# Reading: the fast path for canonical text

# A text in the exact form the SDK writes (members in the order method, attribute, values; no whitespace;
# ASCII escapes) whose strings hold no escape and whose values are strings, integers of at most 18 digits,
# booleans or null: a leaf query, or an and/or/elemMatch of leaves. The server reads such a text as written
# (its checks pass, nothing is converted), so its parts need no further check. Texts longer than _LONGEST
# go to the C scanner, which keeps the matcher's backtracking state small.
_CHARS = r"[ !#-\[\]-~]*"  # what the SDK's encoder writes as is: printable ASCII but " and \
_SCALAR = rf'"{_CHARS}"|0|-?[1-9][0-9]{{0,17}}|true|false|null'
# Optional parts are written (?:x|), not (?:x)?: the matcher saves fewer groups for them. Arrays of
# strings, the most common, have their own branch: it is quicker to run than the alternatives per value.
_VALUES = rf'\[(?:"{_CHARS}"(?:,"{_CHARS}")*|(?:{_SCALAR})(?:,(?:{_SCALAR}))*|)\]'
_LONGEST = 4096
_LEAVES = SERVER_METHODS - LOGICAL_METHODS
_GROUPED = 4  # the leaves of a logical query matched with groups; finditer finds those after them
_GROUPS = range(2, 2 + 3 * _GROUPED, 3)  # where each of those leaves' groups start


def _pattern(group: str, values: str) -> str:
    """A query's pattern; ``group`` opens the method's and attribute's groups (``(`` captures them)."""
    head = rf'\{{"method":"{group}[A-Za-z]+)"(?:,"attribute":"{group}{_CHARS})"|)'
    return rf'{head}(?:,"values":{values}|)\}}'


@cache
def _canonical_leaf() -> re.Pattern[str]:
    """A leaf query: method, attribute and the text of its values (compiled on first use)."""
    return re.compile(_pattern("(", f"({_VALUES})"))


_leaf_match = _scan.on_first_use(globals(), "_leaf_match", lambda: _canonical_leaf().fullmatch)


@cache
def _canonical_logical() -> re.Pattern[str]:
    """A query whose values are leaves: method, attribute, then method, attribute and values of each of
    the first leaves, then the text of the others (compiled on first use: it is large)."""
    grouped, bare = _canonical_leaf().pattern, _pattern("(?:", _VALUES)
    leaves = f"(?:,({bare}(?:,{bare})*)|)"
    for _ in range(_GROUPED - 1):
        leaves = f"(?:,{grouped}{leaves}|)"
    return re.compile(_pattern("(", rf"\[{grouped}{leaves}\]"))


def read_canonical(
    text: str, leaf: Callable[[str, str | None, str | None], Node], make: Make[Node]
) -> Node | None:
    """The query of a canonical ``text`` (see above), or None, when :func:`read` gives the same result.
    ``leaf(method, attribute, values_text)`` builds a query from the JSON text of its values."""
    if len(text) > _LONGEST:
        return None
    if not text.endswith("}]}"):  # not a query of leaves: a leaf, if canonical
        match = _leaf_match(text)
        if match is None:
            return None
        method, attribute, values = match.groups()
        return leaf(method, attribute, values) if method in _LEAVES else None
    match = _canonical_logical().fullmatch(text)
    if match is None:
        return None
    parts = match.groups()
    if parts[0] not in LOGICAL_METHODS:
        return None
    nodes = []
    for index in _GROUPS:
        method = parts[index]
        if method is None:
            break
        if method not in _LEAVES:
            return None
        nodes.append(leaf(method, parts[index + 1], parts[index + 2]))
    else:  # every grouped leaf was there: the others, if any, are in the last group
        for child in _canonical_leaf().finditer(parts[-1] or ""):
            if child[1] not in _LEAVES:
                return None
            nodes.append(leaf(child[1], child[2], child[3]))
    return make(parts[0], parts[1], tuple(nodes))


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
        shown = _scan.SURROGATE.sub("\ufffd", source)
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
        raise misfit.within("values") from None


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
            raise misfit.within("values", index) from None
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
                raise misfit.within(index) from None
        return tuple(elements)
    if kind is dict:
        members: dict[str, Operand] = {}
        for key, member in value.items():
            try:
                members[key] = _decoded(member)
            except Fail as misfit:
                raise misfit.within(key) from None
        if php_list(members):
            raise _misfit(list_like_message(members))
        return new_object(members, 1 + max(map(depth, members.values()), default=0))
    return value  # type: ignore[no-any-return]
