"""The SDK's builders: every static method of ``appwrite.query.Query`` (27.0.0), named and shaped as
there, building :class:`~appwrite_dsl.query.Query` trees.

:class:`~appwrite_dsl.query.Query` inherits them; the tree's mechanics (checking and writing the values)
are in :mod:`appwrite_dsl.query`, the chained ``Query.builder()`` in :mod:`appwrite_dsl._chain`.
"""

from __future__ import annotations

from . import _operand as operands

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from collections.abc import Iterable

    from typing_extensions import TypeAlias

    from . import _chain
    from .query import Query

__all__ = ["Builders"]


class _ChainedBuilder:
    """``Query.Builder``, the chained builder's class: :mod:`appwrite_dsl._chain` is imported on first use."""

    def __get__(self, instance: object, owner: object = None) -> type[_chain.Builder]:
        from ._chain import Builder  # noqa: PLC0415 - off the import path of Query

        return Builder


class Builders:
    """The SDK's builders, as static methods of :class:`~appwrite_dsl.query.Query`."""

    __slots__ = ()

    if TYPE_CHECKING:
        Builder: TypeAlias = _chain.Builder
    else:
        Builder = _ChainedBuilder()

    @staticmethod
    def equal(attribute: str, value: object) -> Query:
        """``attribute`` equals the value, or one of the values of a list: ``equal``."""
        return tree._leaf("equal", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def not_equal(attribute: str, value: object) -> Query:
        """``attribute`` differs from the value: ``notEqual``."""
        return tree._leaf("notEqual", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def regex(attribute: str, pattern: object) -> Query:
        """``attribute`` matches a regular expression: ``regex`` (the server cannot parse it, 7.2.6)."""
        return tree._leaf("regex", tree._attribute(attribute), tree._wrap(pattern))

    @staticmethod
    def less_than(attribute: str, value: object) -> Query:
        """``attribute`` < value: ``lessThan``."""
        return tree._leaf("lessThan", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def less_than_equal(attribute: str, value: object) -> Query:
        """``attribute`` <= value: ``lessThanEqual``."""
        return tree._leaf("lessThanEqual", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def greater_than(attribute: str, value: object) -> Query:
        """``attribute`` > value: ``greaterThan``."""
        return tree._leaf("greaterThan", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def greater_than_equal(attribute: str, value: object) -> Query:
        """``attribute`` >= value: ``greaterThanEqual``."""
        return tree._leaf("greaterThanEqual", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def is_null(attribute: str) -> Query:
        """``attribute`` is null: ``isNull``."""
        return tree._leaf("isNull", tree._attribute(attribute), None)

    @staticmethod
    def is_not_null(attribute: str) -> Query:
        """``attribute`` is not null: ``isNotNull``."""
        return tree._leaf("isNotNull", tree._attribute(attribute), None)

    @staticmethod
    def exists(attributes: object) -> Query:
        """The attributes exist (schemaless databases): ``exists``."""
        return tree._leaf("exists", None, tree._wrap(attributes))

    @staticmethod
    def not_exists(attributes: object) -> Query:
        """The attributes do not exist (schemaless databases): ``notExists``."""
        return tree._leaf("notExists", None, tree._wrap(attributes))

    @staticmethod
    def between(attribute: str, start: object, end: object) -> Query:
        """``start`` <= ``attribute`` <= ``end``: ``between``."""
        return tree._leaf("between", tree._attribute(attribute), tree._pair(start, end))

    @staticmethod
    def starts_with(attribute: str, value: object) -> Query:
        """``attribute`` starts with the value: ``startsWith``."""
        return tree._leaf("startsWith", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def ends_with(attribute: str, value: object) -> Query:
        """``attribute`` ends with the value: ``endsWith``."""
        return tree._leaf("endsWith", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def select(attributes: object) -> Query:
        """Return only these attributes: ``select``."""
        return tree._leaf("select", None, tree._wrap(attributes))

    @staticmethod
    def search(attribute: str, value: object) -> Query:
        """Full-text search of ``attribute``: ``search``."""
        return tree._leaf("search", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def order_asc(attribute: str) -> Query:
        """Sort by ``attribute``, ascending (``''``: by ``$sequence``): ``orderAsc``."""
        return tree._leaf("orderAsc", tree._attribute(attribute), None)

    @staticmethod
    def order_desc(attribute: str) -> Query:
        """Sort by ``attribute``, descending (``''``: by ``$sequence``): ``orderDesc``."""
        return tree._leaf("orderDesc", tree._attribute(attribute), None)

    @staticmethod
    def order_random() -> Query:
        """Sort randomly: ``orderRandom``."""
        return tree._leaf("orderRandom", None, None)

    @staticmethod
    def cursor_before(id: object) -> Query:
        """Page backwards from the document ``id``: ``cursorBefore``."""
        return tree._leaf("cursorBefore", None, tree._wrap(id))

    @staticmethod
    def cursor_after(id: object) -> Query:
        """Page forwards from the document ``id``: ``cursorAfter``."""
        return tree._leaf("cursorAfter", None, tree._wrap(id))

    @staticmethod
    def limit(limit: object) -> Query:
        """Return at most ``limit`` results: ``limit``."""
        return tree._leaf("limit", None, tree._wrap(limit))

    @staticmethod
    def offset(offset: object) -> Query:
        """Skip the first ``offset`` results: ``offset``."""
        return tree._leaf("offset", None, tree._wrap(offset))

    @staticmethod
    def contains(attribute: str, value: object) -> Query:
        """``attribute`` (a string or an array) contains the value: ``contains``."""
        return tree._leaf("contains", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def contains_any(attribute: str, value: object) -> Query:
        """``attribute`` (an array) contains at least one of the values: ``containsAny``."""
        return tree._leaf("containsAny", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def contains_all(attribute: str, value: object) -> Query:
        """``attribute`` (an array) contains every one of the values: ``containsAll``."""
        return tree._leaf("containsAll", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def not_contains(attribute: str, value: object) -> Query:
        """``attribute`` does not contain the value: ``notContains``."""
        return tree._leaf("notContains", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def not_search(attribute: str, value: object) -> Query:
        """``attribute`` does not match the full-text search: ``notSearch``."""
        return tree._leaf("notSearch", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def not_between(attribute: str, start: object, end: object) -> Query:
        """``attribute`` < ``start`` or ``attribute`` > ``end``: ``notBetween``."""
        return tree._leaf("notBetween", tree._attribute(attribute), tree._pair(start, end))

    @staticmethod
    def not_starts_with(attribute: str, value: object) -> Query:
        """``attribute`` does not start with the value: ``notStartsWith``."""
        return tree._leaf("notStartsWith", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def not_ends_with(attribute: str, value: object) -> Query:
        """``attribute`` does not end with the value: ``notEndsWith``."""
        return tree._leaf("notEndsWith", tree._attribute(attribute), tree._wrap(value))

    @staticmethod
    def created_before(value: object) -> Query:
        """Created before the date: ``lessThan`` on ``$createdAt``."""
        return tree._leaf("lessThan", "$createdAt", tree._wrap(value))

    @staticmethod
    def created_after(value: object) -> Query:
        """Created after the date: ``greaterThan`` on ``$createdAt``."""
        return tree._leaf("greaterThan", "$createdAt", tree._wrap(value))

    @staticmethod
    def created_between(start: object, end: object) -> Query:
        """Created between the dates: ``between`` on ``$createdAt``."""
        return tree._leaf("between", "$createdAt", tree._pair(start, end))

    @staticmethod
    def updated_before(value: object) -> Query:
        """Updated before the date: ``lessThan`` on ``$updatedAt``."""
        return tree._leaf("lessThan", "$updatedAt", tree._wrap(value))

    @staticmethod
    def updated_after(value: object) -> Query:
        """Updated after the date: ``greaterThan`` on ``$updatedAt``."""
        return tree._leaf("greaterThan", "$updatedAt", tree._wrap(value))

    @staticmethod
    def updated_between(start: object, end: object) -> Query:
        """Updated between the dates: ``between`` on ``$updatedAt``."""
        return tree._leaf("between", "$updatedAt", tree._pair(start, end))

    @staticmethod
    def or_queries(queries: Iterable[Query | str]) -> Query:
        """At least one of two or more filter queries holds: ``or``."""
        return tree._logical("or", None, queries)

    @staticmethod
    def and_queries(queries: Iterable[Query | str]) -> Query:
        """All of two or more filter queries hold: ``and``."""
        return tree._logical("and", None, queries)

    @staticmethod
    def elem_match(attribute: str, queries: Iterable[Query | str]) -> Query:
        """One element of the array ``attribute`` matches every filter query: ``elemMatch``."""
        return tree._logical("elemMatch", tree._attribute(attribute), queries)

    @staticmethod
    def relationship(attribute: str, queries: Iterable[Query | str]) -> Query:
        """Queries applied to the related documents of ``attribute``: ``relationship`` (not parsed, 7.2.6)."""
        return tree._new("relationship", tree._attribute(attribute), tree._nested(tree._children(queries)))

    @staticmethod
    def distance_equal(attribute: str, values: object, distance: object, meters: object = True) -> Query:
        """The geometry is at exactly ``distance`` from ``values``: ``distanceEqual``."""
        return tree._leaf(
            "distanceEqual", tree._attribute(attribute), tree._array(([values, distance, meters],))
        )

    @staticmethod
    def distance_not_equal(attribute: str, values: object, distance: object, meters: object = True) -> Query:
        """The geometry is not at ``distance`` from ``values``: ``distanceNotEqual``."""
        return tree._leaf(
            "distanceNotEqual", tree._attribute(attribute), tree._array(([values, distance, meters],))
        )

    @staticmethod
    def distance_greater_than(
        attribute: str, values: object, distance: object, meters: object = True
    ) -> Query:
        """The geometry is farther than ``distance`` from ``values``: ``distanceGreaterThan``."""
        return tree._leaf(
            "distanceGreaterThan", tree._attribute(attribute), tree._array(([values, distance, meters],))
        )

    @staticmethod
    def distance_less_than(attribute: str, values: object, distance: object, meters: object = True) -> Query:
        """The geometry is closer than ``distance`` to ``values``: ``distanceLessThan``."""
        return tree._leaf(
            "distanceLessThan", tree._attribute(attribute), tree._array(([values, distance, meters],))
        )

    @staticmethod
    def vector_dot(attribute: str, vector: object) -> Query:
        """Order by dot product with ``vector``: ``vectorDot``."""
        return tree._leaf("vectorDot", tree._attribute(attribute), tree._array((vector,)))

    @staticmethod
    def vector_cosine(attribute: str, vector: object) -> Query:
        """Order by cosine similarity with ``vector``: ``vectorCosine``."""
        return tree._leaf("vectorCosine", tree._attribute(attribute), tree._array((vector,)))

    @staticmethod
    def vector_euclidean(attribute: str, vector: object) -> Query:
        """Order by Euclidean distance to ``vector``: ``vectorEuclidean``."""
        return tree._leaf("vectorEuclidean", tree._attribute(attribute), tree._array((vector,)))

    @staticmethod
    def intersects(attribute: str, values: object) -> Query:
        """The geometry intersects ``values``: ``intersects``."""
        return tree._leaf("intersects", tree._attribute(attribute), tree._array((values,)))

    @staticmethod
    def not_intersects(attribute: str, values: object) -> Query:
        """The geometry does not intersect ``values``: ``notIntersects``."""
        return tree._leaf("notIntersects", tree._attribute(attribute), tree._array((values,)))

    @staticmethod
    def crosses(attribute: str, values: object) -> Query:
        """The geometry crosses ``values``: ``crosses``."""
        return tree._leaf("crosses", tree._attribute(attribute), tree._array((values,)))

    @staticmethod
    def not_crosses(attribute: str, values: object) -> Query:
        """The geometry does not cross ``values``: ``notCrosses``."""
        return tree._leaf("notCrosses", tree._attribute(attribute), tree._array((values,)))

    @staticmethod
    def overlaps(attribute: str, values: object) -> Query:
        """The geometry overlaps ``values``: ``overlaps``."""
        return tree._leaf("overlaps", tree._attribute(attribute), tree._array((values,)))

    @staticmethod
    def not_overlaps(attribute: str, values: object) -> Query:
        """The geometry does not overlap ``values``: ``notOverlaps``."""
        return tree._leaf("notOverlaps", tree._attribute(attribute), tree._array((values,)))

    @staticmethod
    def touches(attribute: str, values: object) -> Query:
        """The geometry touches ``values``: ``touches``."""
        return tree._leaf("touches", tree._attribute(attribute), tree._array((values,)))

    @staticmethod
    def not_touches(attribute: str, values: object) -> Query:
        """The geometry does not touch ``values``: ``notTouches``."""
        return tree._leaf("notTouches", tree._attribute(attribute), tree._array((values,)))

    @staticmethod
    def count(attribute: str = "*", alias: object = "") -> Query:
        """Count rows (``*``) or values of ``attribute``: ``count`` (not parsed, 7.2.6)."""
        return tree._leaf("count", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def count_distinct(attribute: str, alias: object = "") -> Query:
        """Count distinct values: ``countDistinct`` (not parsed, 7.2.6)."""
        return tree._leaf("countDistinct", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def sum(attribute: str, alias: object = "") -> Query:
        """Sum of ``attribute``: ``sum`` (not parsed, 7.2.6)."""
        return tree._leaf("sum", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def avg(attribute: str, alias: object = "") -> Query:
        """Average of ``attribute``: ``avg`` (not parsed, 7.2.6)."""
        return tree._leaf("avg", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def min(attribute: str, alias: object = "") -> Query:
        """Minimum of ``attribute``: ``min`` (not parsed, 7.2.6)."""
        return tree._leaf("min", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def max(attribute: str, alias: object = "") -> Query:
        """Maximum of ``attribute``: ``max`` (not parsed, 7.2.6)."""
        return tree._leaf("max", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def stddev(attribute: str, alias: object = "") -> Query:
        """Standard deviation of ``attribute``: ``stddev`` (not parsed, 7.2.6)."""
        return tree._leaf("stddev", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def stddev_pop(attribute: str, alias: object = "") -> Query:
        """Population standard deviation: ``stddevPop`` (not parsed, 7.2.6)."""
        return tree._leaf("stddevPop", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def stddev_samp(attribute: str, alias: object = "") -> Query:
        """Sample standard deviation: ``stddevSamp`` (not parsed, 7.2.6)."""
        return tree._leaf("stddevSamp", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def variance(attribute: str, alias: object = "") -> Query:
        """Variance of ``attribute``: ``variance`` (not parsed, 7.2.6)."""
        return tree._leaf("variance", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def var_pop(attribute: str, alias: object = "") -> Query:
        """Population variance: ``varPop`` (not parsed, 7.2.6)."""
        return tree._leaf("varPop", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def var_samp(attribute: str, alias: object = "") -> Query:
        """Sample variance: ``varSamp`` (not parsed, 7.2.6)."""
        return tree._leaf("varSamp", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def bit_and(attribute: str, alias: object = "") -> Query:
        """Bitwise AND of ``attribute``: ``bitAnd`` (not parsed, 7.2.6)."""
        return tree._leaf("bitAnd", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def bit_or(attribute: str, alias: object = "") -> Query:
        """Bitwise OR of ``attribute``: ``bitOr`` (not parsed, 7.2.6)."""
        return tree._leaf("bitOr", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def bit_xor(attribute: str, alias: object = "") -> Query:
        """Bitwise XOR of ``attribute``: ``bitXor`` (not parsed, 7.2.6)."""
        return tree._leaf("bitXor", tree._attribute(attribute), tree._alias(alias))

    @staticmethod
    def group_by(attributes: object) -> Query:
        """Group by these attributes: ``groupBy`` (not parsed, 7.2.6)."""
        return tree._leaf("groupBy", None, tree._wrap(attributes))

    @staticmethod
    def having(queries: Iterable[Query | str]) -> Query:
        """Filter the groups: ``having`` (not parsed, 7.2.6)."""
        return tree._new("having", None, tree._nested(tree._children(queries)))

    @staticmethod
    def distinct() -> Query:
        """Only distinct rows: ``distinct`` (not parsed, 7.2.6)."""
        return tree._leaf("distinct", None, None)

    @staticmethod
    def on(left: object, right: object, operator: object = "=") -> Query:
        """A join condition, ``left operator right``: ``on`` (not parsed, 7.2.6)."""
        return tree._leaf("on", None, tree._array((left, operator, right)))

    @staticmethod
    def join(
        table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
    ) -> Query:
        """Inner join of ``table`` on ``left operator right`` or on a list of :meth:`on` queries: ``join``."""
        return tree._join("join", table, left, right, operator=operator, alias=alias)

    @staticmethod
    def left_join(
        table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
    ) -> Query:
        """Left join, shaped as :meth:`join`: ``leftJoin`` (not parsed, 7.2.6)."""
        return tree._join("leftJoin", table, left, right, operator=operator, alias=alias)

    @staticmethod
    def right_join(
        table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
    ) -> Query:
        """Right join, shaped as :meth:`join`: ``rightJoin`` (not parsed, 7.2.6)."""
        return tree._join("rightJoin", table, left, right, operator=operator, alias=alias)

    @staticmethod
    def full_outer_join(
        table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
    ) -> Query:
        """Full outer join, shaped as :meth:`join`: ``fullOuterJoin`` (not parsed, 7.2.6)."""
        return tree._join("fullOuterJoin", table, left, right, operator=operator, alias=alias)

    @staticmethod
    def cross_join(table: str, alias: object = "") -> Query:
        """Cross join of ``table``: ``crossJoin`` (not parsed, 7.2.6)."""
        return tree._leaf("crossJoin", tree._attribute(table), tree._alias(alias))

    @staticmethod
    def covers(attribute: str, values: object) -> Query:
        """The geometry covers ``values``: ``covers`` (not parsed, 7.2.6)."""
        return tree._leaf("covers", tree._attribute(attribute), tree._array((values,)))

    @staticmethod
    def not_covers(attribute: str, values: object) -> Query:
        """The geometry does not cover ``values``: ``notCovers`` (not parsed, 7.2.6)."""
        return tree._leaf("notCovers", tree._attribute(attribute), tree._array((values,)))

    @staticmethod
    def spatial_equals(attribute: str, values: object) -> Query:
        """The geometry equals ``values``: ``spatialEquals`` (not parsed, 7.2.6)."""
        return tree._leaf("spatialEquals", tree._attribute(attribute), tree._array((values,)))

    @staticmethod
    def not_spatial_equals(attribute: str, values: object) -> Query:
        """The geometry differs from ``values``: ``notSpatialEquals`` (not parsed, 7.2.6)."""
        return tree._leaf("notSpatialEquals", tree._attribute(attribute), tree._array((values,)))

    @staticmethod
    def page(page: int, per_page: int = 25) -> list[Query]:
        """Page number ``page`` (from 1) of ``per_page`` results: ``[limit(per_page), offset(...)]``."""
        tree._whole(page, "page")
        tree._whole(per_page, "per_page")
        if page < 1:
            raise operands.refusal(f"Page must be >= 1, got {page}", page)
        if per_page < 1:
            raise operands.refusal(f"Per page must be >= 1, got {per_page}", per_page)
        return [Builders.limit(per_page), Builders.offset((page - 1) * per_page)]

    @staticmethod
    def builder() -> Query.Builder:
        """A :class:`Query.Builder` collecting queries by chained calls."""
        return Builders.Builder()


# The tree's mechanics, imported last: query.py imports this module for Builders, so either may be imported
# first.
from . import query as tree  # noqa: E402
