"""Hypothesis strategies for :class:`~appwrite_dsl.query.Query` trees (re-exported by
``appwrite_dsl.strategies``).

Hypothesis is not a dependency of appwrite_dsl: it is imported when a strategy is asked for. Every query
drawn is canonical for its syntax: ``Query.parse(str(q)) == q`` (JSON) or
``Query.parse(q.to_legacy(), syntax="legacy") == q`` (legacy) holds, and the server reads it as written.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

from ._methods import LEGACY_FORMS, LOGICAL_METHODS, SERVER_METHODS, TABLE
from ._operand import JSONObject
from ._scan import INT64_MAX, INT64_MIN
from .query import Query

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

__all__ = ["LEGACY_SHAPES", "queries"]


def _drawn_shape(method: str) -> str:
    """What to draw for a legacy method: its form in the legacy syntax, pages split into numbers
    (limit, offset) and cursors."""
    form = LEGACY_FORMS[method]
    if form == "page":
        return "number" if TABLE[method].kind in ("limit", "offset") else "cursor"
    return form


LEGACY_SHAPES = {method: _drawn_shape(method) for method in LEGACY_FORMS}
"""The methods of the legacy syntax (Appwrite 1.3-1.4) and the shape of their arguments."""


def queries(
    *,
    syntax: Literal["json", "legacy"] = "json",
    methods: Iterable[str] | None = None,
    max_depth: int = 2,
) -> SearchStrategy[Query]:
    """Queries the server reads as written, for property tests.

    ``syntax="json"``: any of the 48 methods of utopia-php/database 7.2.6 (or ``methods``), with any
    attribute and operands (strings without lone surrogates, 64-bit integers, finite floats, booleans,
    null, arrays, objects PHP keeps as objects); ``and``/``or``/``elemMatch`` nest up to ``max_depth``
    levels of queries. ``syntax="legacy"``: the 20 methods of the legacy syntax in their argument shapes,
    with flat values the legacy syntax carries unchanged.
    """
    from hypothesis import strategies as st  # noqa: PLC0415 - hypothesis is optional

    if syntax == "legacy":
        return _legacy_queries(st, _chosen(methods, tuple(LEGACY_SHAPES), "legacy"))
    if syntax != "json":
        raise ValueError(f"syntax must be 'json' or 'legacy', not {syntax!r}")
    if max_depth < 0:
        raise ValueError(f"max_depth must be >= 0, not {max_depth}")
    return _json_queries(st, _chosen(methods, tuple(sorted(SERVER_METHODS)), "JSON"), max_depth)


def _chosen(methods: Iterable[str] | None, universe: tuple[str, ...], syntax: str) -> tuple[str, ...]:
    if methods is None:
        return universe
    chosen = tuple(methods)
    unknown = [method for method in chosen if method not in universe]
    if unknown or not chosen:
        raise ValueError(f"methods must be some of the {syntax} syntax's {universe}, not {unknown or chosen}")
    return chosen


def _text(st: Any) -> SearchStrategy[str]:
    return st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)  # type: ignore[no-any-return]


def _operands(st: Any) -> SearchStrategy[Any]:
    scalars = st.one_of(
        _text(st),
        st.integers(INT64_MIN, INT64_MAX),
        st.floats(allow_nan=False, allow_infinity=False),
        st.booleans(),
        st.none(),
    )

    def containers(children: SearchStrategy[Any]) -> SearchStrategy[Any]:
        arrays = st.lists(children, max_size=4).map(tuple)
        objects = st.dictionaries(_text(st), children, max_size=4).filter(_kept_as_object).map(JSONObject)
        return st.one_of(arrays, objects)  # type: ignore[no-any-return]

    return st.recursive(scalars, containers, max_leaves=8)  # type: ignore[no-any-return]


def _kept_as_object(members: dict[str, Any]) -> bool:
    """PHP reads an object with no key, or with keys "0", "1", ... in order, as an array."""
    return bool(members) and list(members) != [str(index) for index in range(len(members))]


def _json_queries(st: Any, methods: tuple[str, ...], max_depth: int) -> SearchStrategy[Query]:
    attributes = st.none() | _text(st)
    operand_lists = st.none() | st.lists(_operands(st), max_size=4).map(tuple)
    leaves = [m for m in methods if m not in LOGICAL_METHODS]
    logical = [m for m in methods if m in LOGICAL_METHODS]
    options = []
    if leaves:
        options.append(st.builds(Query, st.sampled_from(leaves), attributes, operand_lists))
    if logical:
        if max_depth == 0:
            children = st.none() | st.just(())
        else:
            nested = queries(methods=methods, max_depth=max_depth - 1)
            children = st.none() | st.lists(nested, max_size=3).map(tuple)
        options.append(st.builds(Query, st.sampled_from(logical), attributes, children))
    return st.one_of(options)  # type: ignore[no-any-return]


def _legacy_queries(st: Any, methods: tuple[str, ...]) -> SearchStrategy[Query]:
    # Backslashes are left out: the legacy syntax cannot carry some of their runs (an odd run before a
    # quote, a comma, a bracket or the end).
    text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\\"), max_size=12)
    attribute = text
    number = st.integers(INT64_MIN, INT64_MAX) | st.floats(allow_nan=False, allow_infinity=False).filter(
        lambda x: x != 0.0 or str(x) == "0.0"  # -0.0 reads back as 0.0
    )
    scalar = st.one_of(text, number, st.booleans(), st.none())
    shapes = {
        "filter": st.tuples(attribute, st.lists(scalar, max_size=4).map(tuple)),
        "attribute": st.tuples(attribute, st.none()),
        "between": st.tuples(attribute, st.tuples(scalar, scalar)),
        "select": st.tuples(st.none(), st.lists(text, max_size=4).map(tuple)),
        "number": st.tuples(st.none(), st.tuples(st.integers(0, INT64_MAX))),
        "cursor": st.tuples(st.none(), st.tuples(text.filter(bool))),
    }
    return st.one_of(  # type: ignore[no-any-return]
        [shapes[LEGACY_SHAPES[m]].map(lambda parts, m=m: Query(m, *parts)) for m in methods]
    )
