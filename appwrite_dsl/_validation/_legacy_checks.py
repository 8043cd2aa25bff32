"""The checks of the legacy validators (Appwrite 1.0-1.4)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .._methods import TABLE
from .._scan import php_type
from ._attributes import DATETIME, FLOAT, RELATIONSHIP, Target
from ._json_checks import (
    _METHOD,
    _TYPES,
    _VALUES,
    EXACTLY_ONE,
    EXACTLY_TWO,
    _invalid,
    _lookup,
    _order,
    _page,
    _page_path,
    _select,
    _title,
)
from ._values import UID_TEXT, is_uid
from ._versions import Problem

_LEGACY_TYPES = {name: kind for name, kind in _TYPES.items() if "legacy" in TABLE[name].dialects}


def check_legacy(method: str, attribute: str, values: Sequence[Any], target: Target) -> Problem:
    """One legacy query (a parsed tree's parts, or the server's own reading of a string)."""
    profile = target.profile
    utopia = profile.wording == "utopia-1.4"
    kind = _LEGACY_TYPES.get(method, "filter") if method in profile.typed else ""
    if kind not in target.registered:
        return ("Invalid query method: " if utopia else "Query method not valid: ") + method, _METHOD
    if kind == "filter":
        problem = _legacy_filter(method, attribute, values, target)
    elif kind == "order":
        problem = _order(method, attribute, target)
    elif kind in ("limit", "offset"):
        problem = _page(kind, values, profile)
    elif kind == "cursor":
        problem = (
            None
            if values and is_uid(values[0])
            else _invalid("Invalid cursor: " + UID_TEXT, _page_path(values))
        )
    else:
        problem = _select(values, target)
    if problem is None or utopia:
        return problem
    return "Query not valid: " + problem[0][len("Invalid query: ") :], problem[1]


def _legacy_filter(method: str, attribute: str, values: Sequence[Any], target: Target) -> Problem:
    """Count rules (1.4), attribute, number of values, PHP type (``gettype``)."""
    if target.profile.count_rules:
        if method in ("equal", "contains"):
            if not values or (type(values[0]) in (tuple, list) and not values[0]):
                return _invalid(f"{_title(method)} queries require at least one value.", _VALUES)
        elif method in EXACTLY_ONE:
            if len(values) != 1:
                return _invalid(f"{_title(method)} queries require exactly one value.", _VALUES)
        elif method in EXACTLY_TWO and len(values) != 2:  # pragma: no cover - the reader gives two bounds
            return _invalid(f"{_title(method)} queries require exactly two values.", _VALUES)
    found, name, problem = _lookup(attribute, target)
    if found is None:
        return problem
    if len(values) > target.max_values:
        return _invalid(f"Query on attribute has greater than {target.max_values} values: {name}", _VALUES)
    expected = found.legacy_type
    for index, value in enumerate(values):
        given = php_type(value)
        if found.code is RELATIONSHIP:
            continue
        if found.code is DATETIME:
            fits = given == "string"
        elif found.code is FLOAT:
            fits = given in ("double", "integer")
        else:
            fits = given == expected
        if not fits:
            return _invalid("Query type does not match expected: " + expected, ("values", index))
    return None
