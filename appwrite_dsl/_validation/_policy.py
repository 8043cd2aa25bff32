"""Reading one item, and the application's policy."""

from __future__ import annotations

from typing import NamedTuple

from .. import _legacy
from .._methods import LOGICAL_METHODS
from ..errors import InvalidQuery
from ..query import Query
from ._json_checks import _ATTRIBUTE, _FIRST, _METHOD
from ._values import php_number
from ._versions import Path, Profile


def is_decoding_error(error: InvalidQuery) -> bool:
    """Whether the JSON reader failed before the query's shape was looked at (PHP's decoder, a scalar)."""
    return error.message.startswith(("Invalid query: ", "Invalid query. "))


def is_server_message(message: str) -> bool:
    """Whether a reader's message is the server's own (rather than appwrite_dsl's note on a misreading)."""
    return message.startswith(("Invalid query", "Utopia\\"))


def legacy_strict(text: str, profile: Profile) -> Query:
    """A legacy string read strictly (``Query.parse(text, syntax="legacy")``), and for the 1.0.0-1.0.1
    servers that drop a bare ``0``, read again as that version does."""
    query = Query.parse(text, syntax="legacy")
    release = profile.release
    if release is not None and release.drops_bare_zero:
        _legacy.read_legacy(text, version=profile.version)
    return query


# --------------------------------------------------------------------------------------------------------
# The application's policy


class PolicyRules(NamedTuple):
    """A :class:`~appwrite_dsl.validate.Policy` as the checks read it."""

    attributes: frozenset[str] | None
    methods: frozenset[str] | None
    forbidden: frozenset[str]
    max_limit: int | None
    max_offset: int | None
    max_depth: int | None


_NAMED_IN_VALUES = frozenset(("select", "exists", "notExists"))
_ORDERED_BY_SEQUENCE = frozenset(("orderAsc", "orderDesc"))
_NO_ATTRIBUTE = frozenset(
    ("limit", "offset", "cursorAfter", "cursorBefore", "orderRandom", "and", "or", "select")
)


def policy_problems(query: Query, rules: PolicyRules, depth: int = 0) -> list[tuple[str, Path]]:
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
