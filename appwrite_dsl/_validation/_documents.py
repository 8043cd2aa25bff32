"""Document-only rules (IndexedQueries): one vector query per request, search needs a fulltext index."""

from __future__ import annotations

from collections.abc import Sequence

from .._methods import LOGICAL_METHODS
from ..query import Query
from ._attributes import Target
from ._json_checks import _ATTRIBUTE, _METHOD, SEARCHES
from ._versions import _VECTOR, Path


def document_rules(
    queries: Sequence[Query], target: Target, triggers: Sequence[int] | None = None
) -> tuple[int, str, Path] | None:
    """IndexedQueries after the per-query checks passed: nested queries first (depth first), then the
    vector count, then search on the queries of this level. Returns ``(index, description, path)``.
    ``triggers`` holds :func:`triggers_of` for each query, when known."""
    if triggers is None:
        triggers = [triggers_of(query) for query in queries]
    for index, query in enumerate(queries):
        if triggers[index] and query.method in LOGICAL_METHODS:
            found = document_rules(query.queries, target)
            if found is not None:
                return index, found[1], ("values", found[0], *found[2])
    held = 0
    for marks in triggers:
        held |= marks
    if held & _VECTORS and sum(map(_count_vectors, queries)) > 1:
        holding = [index for index, query in enumerate(queries) if _count_vectors(query)]
        index = holding[1] if len(holding) > 1 else holding[0]
        return index, "Cannot use multiple vector queries in a single request", _METHOD
    if target.fulltext is not None:
        for index, query in enumerate(queries):
            if query.method in SEARCHES and (query.attribute or "") not in target.fulltext:
                return (
                    index,
                    f'Searching by attribute "{query.attribute or ""}" requires a fulltext index.',
                    _ATTRIBUTE,
                )
    return None


def _count_vectors(query: Query) -> int:
    if query.method in _VECTOR:
        return 1
    if query.method in LOGICAL_METHODS and query.values:
        return sum(_count_vectors(child) for child in query.queries)
    return 0


_VECTORS, _SEARCHES = 1, 2
_TRIGGERS = _VECTOR | SEARCHES | LOGICAL_METHODS
_MARKS = {**dict.fromkeys(_VECTOR, _VECTORS), **dict.fromkeys(SEARCHES, _SEARCHES)}  # a leaf's mark by method


def triggers_of(query: Query) -> int:
    """Whether a query that passed the validators holds vector queries (1) or searches (2), nested ones
    included (the validators read every value of a logical query as a query: they are its ``queries``)."""
    method = query.method
    if method not in LOGICAL_METHODS:
        return _MARKS.get(method, 0)
    found = 0
    for child in query.values or ():
        inner = child.method  # type: ignore[union-attr]
        found |= triggers_of(child) if inner in LOGICAL_METHODS else _MARKS.get(inner, 0)  # type: ignore[arg-type]
    return found
