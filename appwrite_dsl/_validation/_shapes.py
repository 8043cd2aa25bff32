"""Methods a server version cannot parse (JSON era)."""

from __future__ import annotations

from .._methods import LOGICAL_METHODS
from ..query import Query
from ._json_checks import _METHOD
from ._versions import Path


def unknown_method(query: Query, methods: frozenset[str]) -> Path | None:
    """The path of the first query (depth first, in order) whose method the version cannot parse."""
    if query.method not in methods:
        return _METHOD
    if query.method in LOGICAL_METHODS and query.values:
        for index, child in enumerate(query.queries):
            found = unknown_method(child, methods)
            if found is not None:
                return ("values", index, *found)
    return None
