"""The application's policy: :class:`Policy` (public as ``appwrite_dsl.validate.Policy``), the method
families it forbids whole, and the problems a query has with it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType

from .._methods import LOGICAL_METHODS
from ..query import METHODS, Query
from ._json_checks import _ATTRIBUTE, _FIRST, _METHOD
from ._values import php_number
from ._versions import Path

__all__ = ["METHOD_FAMILIES", "Policy", "policy_problems"]


@dataclass(frozen=True, init=False)
class Policy:
    """The application's own rules, checked on top of the server's (appwrite/appwrite#8602).

    ``attributes``: the only attributes queries may name (filters, orders, ``select``, ``exists``; an
    ``orderAsc``/``orderDesc`` without attribute names ``$sequence``, which the server orders by), None
    for any; ``methods``: the only methods allowed, None for any (an allow-list: the safer choice);
    ``forbidden``: methods refused, by whole families (:data:`METHOD_FAMILIES`: forbidding ``search``
    without ``notSearch`` is a ValueError, so a sibling cannot slip through; write
    ``forbidden=METHOD_FAMILIES["search"]``); ``max_limit``, ``max_offset``: the largest ``limit`` and
    ``offset``; ``max_depth``: how deep ``and``/``or``/``elemMatch`` may nest (0: not at all). Violations
    are :class:`QueryError` of kind ``"policy"`` with messages of appwrite_dsl's.
    """

    attributes: frozenset[str] | None
    methods: frozenset[str] | None
    forbidden: frozenset[str]
    max_limit: int | None
    max_offset: int | None
    max_depth: int | None

    def __init__(
        self,
        *,
        attributes: Iterable[str] | None = None,
        methods: Iterable[str] | None = None,
        forbidden: Iterable[str] = (),
        max_limit: int | None = None,
        max_offset: int | None = None,
        max_depth: int | None = None,
    ) -> None:
        object.__setattr__(self, "attributes", _names(attributes, "attributes"))
        object.__setattr__(self, "methods", _methods(methods, "methods"))
        refused = _methods(forbidden, "forbidden") or frozenset()
        for family in METHOD_FAMILIES.values():
            missing = family - refused
            if missing and missing != family:
                named = ", ".join(sorted(family & refused))
                raise ValueError(
                    f"forbidden names {named} but not {', '.join(sorted(missing))} of the same family: "
                    "forbid the whole family (METHOD_FAMILIES) or allow methods with methods="
                )
        object.__setattr__(self, "forbidden", refused)
        for name, value in (("max_limit", max_limit), ("max_offset", max_offset), ("max_depth", max_depth)):
            if value is not None and (type(value) is not int or value < 0):
                raise ValueError(f"{name} must be None or an int >= 0, not {value!r}")
            object.__setattr__(self, name, value)


METHOD_FAMILIES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        name: frozenset(members.split())
        for name, members in {
            "equal": "equal notEqual",
            "compare": "lessThan lessThanEqual greaterThan greaterThanEqual",
            "between": "between notBetween",
            "contains": "contains containsAny containsAll notContains",
            "search": "search notSearch",
            "startsWith": "startsWith notStartsWith",
            "endsWith": "endsWith notEndsWith",
            "null": "isNull isNotNull",
            "exists": "exists notExists",
            "spatial": "crosses notCrosses intersects notIntersects overlaps notOverlaps touches notTouches",
            "distance": "distanceEqual distanceNotEqual distanceGreaterThan distanceLessThan",
            "vector": "vectorDot vectorCosine vectorEuclidean",
            "order": "orderAsc orderDesc orderRandom",
            "cursor": "cursorAfter cursorBefore",
        }.items()
    }
)
"""Methods that ask the same kind of question: a :class:`Policy` forbids a family whole."""


def _names(values: Iterable[str] | None, what: str) -> frozenset[str] | None:
    if values is None:
        return None
    if isinstance(values, str):
        raise TypeError(f"{what} must be an iterable of names, not a str")
    names = frozenset(values)
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"{what} must hold str items, not {type(name).__name__}")
    return names


def _methods(values: Iterable[str] | None, what: str) -> frozenset[str] | None:
    names = _names(values, what)
    unknown = sorted(names - METHODS) if names is not None else []
    if unknown:
        raise ValueError(f"{what}: unknown query methods {', '.join(map(repr, unknown))}")
    return names


_NAMED_IN_VALUES = frozenset(("select", "exists", "notExists"))
_ORDERED_BY_SEQUENCE = frozenset(("orderAsc", "orderDesc"))
_NO_ATTRIBUTE = frozenset(
    ("limit", "offset", "cursorAfter", "cursorBefore", "orderRandom", "and", "or", "select")
)


def policy_problems(query: Query, rules: Policy, depth: int = 0) -> list[tuple[str, Path]]:
    """Every way ``query`` (and its nested queries) breaks the policy, in order, with paths."""
    found: list[tuple[str, Path]] = []
    method = query.method
    if method in rules.forbidden:
        found.append((f"The policy forbids {method} queries", _METHOD))
    elif rules.methods is not None and method not in rules.methods:
        found.append((f"The policy does not allow {method} queries", _METHOD))
    allowed = rules.attributes
    values = query.values or ()
    if allowed is not None:
        attribute = query.attribute
        if not attribute and method in _ORDERED_BY_SEQUENCE:
            attribute = "$sequence"  # the Query constructor orders by $sequence when no attribute is named
        if attribute and method not in _NO_ATTRIBUTE and attribute not in allowed:
            found.append((f'The policy does not allow queries on the attribute "{attribute}"', _ATTRIBUTE))
        if method in _NAMED_IN_VALUES:
            for index, value in enumerate(values):
                if type(value) is str and value not in allowed:
                    found.append(
                        (f'The policy does not allow queries on the attribute "{value}"', ("values", index))
                    )
    if method in ("limit", "offset"):
        most = rules.max_limit if method == "limit" else rules.max_offset
        number = php_number(values[0]) if values else None
        if most is not None and type(number) is int and number > most:
            what = "a limit" if method == "limit" else "an offset"
            found.append((f"The policy allows {what} of at most {most}, found {number}", _FIRST))
    if method in LOGICAL_METHODS:
        depth += 1
        if rules.max_depth is not None and depth == rules.max_depth + 1:
            found.append(
                (
                    "The policy allows logical queries (and, or, elemMatch) nested at most "
                    f"{rules.max_depth} deep, found {depth}",
                    _METHOD,
                )
            )
        for index, child in enumerate(values):
            if type(child) is Query:
                for message, path in policy_problems(child, rules, depth):
                    found.append((message, ("values", index, *path)))
    return found
