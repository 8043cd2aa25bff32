"""The cloud dialect: JSON queries read as utopia-php/query 0.6.0 reads them.

That is the parser the Python SDK 27.0.0's query builders need (joins, aggregates, ``groupBy``, ``having``,
``regex``, ...): ``Query::parse`` of utopia-php/query 0.6.0 (commit abaebb2f), which Appwrite's
``feat-query-lib`` branch (pull request #11649) adopts. No public source says which build Appwrite Cloud
runs, so the dialect is named after the server the SDK names, :data:`~appwrite_dsl._methods.CLOUD`.

The JSON decoding, its messages and positions are 7.2.6's (:func:`appwrite_dsl._json.read`); what differs is
``Query::parseQuery``:

* 86 methods parse (:data:`~appwrite_dsl._methods.CLOUD_METHODS`); ``raw``, the 87th name, is refused after
  the member checks, at any depth;
* ``and``, ``or``, ``elemMatch``, ``having``, ``union`` and ``unionAll`` hold nested queries;
* the six joins hold operands and queries: an element that is an object with a string ``method`` is a
  query, every other element an operand.

Where the server reads a text differently from how it looks, the text is refused with appwrite_dsl's own
message, as in the 7.2.6 dialect: ``values`` given as an object, numbers read as infinity, objects read as
arrays.

>>> from appwrite_dsl.query import Query
>>> q = Query.parse('{"method":"count","attribute":"id","values":["total"]}', server_version="cloud-2.5")
>>> q.method, q.attribute, q.values
('count', 'id', ('total',))
"""

from __future__ import annotations

from ._json import _decoded, _misfit, _operands, _refused, members, read
from ._methods import CLOUD_METHODS, TABLE
from ._scan import Fail, parameter_type, php_type

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from typing import Any

    from ._json import Make, Node

__all__ = ["JOINS", "NESTING", "RAW", "read_cloud"]

NESTING = frozenset(name for name in CLOUD_METHODS if TABLE[name].values == "queries")
"""The methods whose values are all nested queries."""

JOINS = frozenset(name for name in CLOUD_METHODS if TABLE[name].kind == "join" and name != "on")
"""The joins: their values mix operands and nested queries."""

RAW = "Raw queries cannot be parsed from untrusted input; construct via Query::raw() in code"
"""The message of ``Utopia\\Query\\Exception\\ValidationException`` for ``raw``."""

_NAMES = CLOUD_METHODS | {"raw"}


def read_cloud(text: str | bytes, make: Make[Node]) -> Node:
    """Read one JSON query as utopia-php/query 0.6.0 does (see :func:`appwrite_dsl._json.read`)."""
    return read(text, make, _query)


def _query(data: dict[str, Any] | list[Any], make: Make[Node]) -> Node:
    """``Query::parseQuery`` of 0.6.0: the member checks in its order, then the values."""
    method, attribute, values = members(data, _NAMES)
    if values is not None and type(values) is not list and type(values) is not dict:
        raise _refused(f"Invalid query values. Must be an array, got {php_type(values)}", ("values",))
    if method == "raw":
        raise _refused(RAW, ("method",))
    if values is None:
        return make(method, attribute, None)
    items = list(values.items()) if type(values) is dict else list(enumerate(values))
    read_values: tuple[Any, ...] = ()
    try:
        if method in NESTING:
            read_values = _children(method, items, make)
        elif method in JOINS:
            read_values = _join_values(items, make)
        elif type(values) is list:
            return make(method, attribute, _operands(values))
    except Fail as misfit:
        raise misfit.within("values") from None
    if type(values) is dict:  # the server reads it (children first, their errors are its errors)
        nests = method in NESTING or method in JOINS
        reading = "each member as a nested query, keys kept" if nests else "a map of its members"
        raise _misfit(
            f"Expected the values as a JSON array, found an object (the server reads {reading})", ("values",)
        )
    return make(method, attribute, read_values)


def _children(method: str, items: list[tuple[Any, Any]], make: Make[Node]) -> tuple[Node, ...]:
    children = []
    for index, child in items:
        if type(child) is not dict and type(child) is not list:
            given = parameter_type(child)
            raise _refused(
                f"Expected a query object as each value of {method}, found {php_type(child)}: the server "
                "fails (HTTP 500) with Utopia\\Query\\Query::parseQuery(): Argument #1 ($query) must be of "
                f"type array, {given} given",
                (index,),
                status=500,
            )
        children.append(_child(index, child, make))
    return tuple(children)


def _join_values(items: list[tuple[Any, Any]], make: Make[Node]) -> tuple[Any, ...]:
    """A join's values: objects with a string ``method`` are queries, every other element an operand."""
    kept: list[Any] = []
    for index, value in items:
        if type(value) is dict and type(value.get("method")) is str:
            kept.append(_child(index, value, make))
            continue
        try:
            kept.append(_decoded(value))
        except Fail as misfit:
            raise misfit.within(index) from None
    return tuple(kept)


def _child(index: str | int, child: dict[str, Any] | list[Any], make: Make[Node]) -> Node:
    try:
        return _query(child, make)
    except Fail as misfit:
        raise misfit.within(index) from None
