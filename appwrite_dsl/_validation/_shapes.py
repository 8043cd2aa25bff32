"""Methods a server version cannot parse (JSON era)."""

from __future__ import annotations

from .._methods import LOGICAL_METHODS
from .._scan import php_type
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


def shape_problem(data: object, methods: frozenset[str], path: Path = ()) -> tuple[str, Path] | None:
    """``Query::parseQuery`` (the method, attribute and values checks) over a decoded query, with a version's
    method set: the first problem and its path, or None."""
    if type(data) is dict:
        method, attribute, values = data.get("method"), data.get("attribute"), data.get("values")
    elif type(data) is list:
        method = attribute = values = None
    else:
        return None
    if method is None:
        method = ""
    if type(method) is not str:
        return f"Invalid query method. Must be a string, got {php_type(method)}", (*path, "method")
    if method not in methods:
        return "Invalid query method: " + method, (*path, "method") if type(
            data
        ) is dict and "method" in data else path
    if attribute is not None and type(attribute) is not str:
        return f"Invalid query attribute. Must be a string, got {php_type(attribute)}", (*path, "attribute")
    if values is None or method not in LOGICAL_METHODS:
        if values is not None and type(values) not in (list, dict):
            return f"Invalid query values. Must be an array, got {php_type(values)}", (*path, "values")
        return None
    children = list(values.values()) if type(values) is dict else values
    if type(children) is not list:
        return f"Invalid query values. Must be an array, got {php_type(values)}", (*path, "values")
    for index, child in enumerate(children):
        if type(child) not in (dict, list):
            given = {"NULL": "null", "boolean": "bool", "integer": "int", "double": "float"}.get(
                php_type(child), php_type(child)
            )
            return (
                "Utopia\\Database\\Query::parseQuery(): Argument #1 ($query) must be of type array, "
                f"{given} given",
                (*path, "values", index),
            )
        found = shape_problem(child, methods, (*path, "values", index))
        if found is not None:
            return found
    return None
