"""The chained builder, as the SDK's ``Query.builder()``: one method per builder of
:class:`~appwrite_dsl.query.Query`, each pushing what that builder returns.
"""

from __future__ import annotations

from . import query as tree

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from collections.abc import Iterable

    from .query import Query

__all__ = ["Builder"]


class Builder:
    """Collects queries by chained calls, as the SDK's ``Query.builder()``:
    ``Query.builder().equal("a", 1).limit(5).build()``."""

    __slots__ = ("_queries",)

    def __init__(self) -> None:
        self._queries: list[Query] = []

    def build(self) -> list[Query]:
        """The queries pushed so far, in order (a new list)."""
        return list(self._queries)

    def _push(self, query: Query) -> Builder:
        self._queries.append(query)
        return self

    def equal(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.equal`."""
        return self._push(tree.Query.equal(attribute, value))

    def not_equal(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.not_equal`."""
        return self._push(tree.Query.not_equal(attribute, value))

    def less_than(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.less_than`."""
        return self._push(tree.Query.less_than(attribute, value))

    def less_than_equal(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.less_than_equal`."""
        return self._push(tree.Query.less_than_equal(attribute, value))

    def greater_than(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.greater_than`."""
        return self._push(tree.Query.greater_than(attribute, value))

    def greater_than_equal(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.greater_than_equal`."""
        return self._push(tree.Query.greater_than_equal(attribute, value))

    def search(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.search`."""
        return self._push(tree.Query.search(attribute, value))

    def is_null(self, attribute: str) -> Builder:
        """Push :meth:`Query.is_null`."""
        return self._push(tree.Query.is_null(attribute))

    def is_not_null(self, attribute: str) -> Builder:
        """Push :meth:`Query.is_not_null`."""
        return self._push(tree.Query.is_not_null(attribute))

    def between(self, attribute: str, start: object, end: object) -> Builder:
        """Push :meth:`Query.between`."""
        return self._push(tree.Query.between(attribute, start, end))

    def starts_with(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.starts_with`."""
        return self._push(tree.Query.starts_with(attribute, value))

    def ends_with(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.ends_with`."""
        return self._push(tree.Query.ends_with(attribute, value))

    def select(self, attributes: object) -> Builder:
        """Push :meth:`Query.select`."""
        return self._push(tree.Query.select(attributes))

    def cursor_after(self, id: object) -> Builder:
        """Push :meth:`Query.cursor_after`."""
        return self._push(tree.Query.cursor_after(id))

    def cursor_before(self, id: object) -> Builder:
        """Push :meth:`Query.cursor_before`."""
        return self._push(tree.Query.cursor_before(id))

    def order_asc(self, attribute: str) -> Builder:
        """Push :meth:`Query.order_asc`."""
        return self._push(tree.Query.order_asc(attribute))

    def order_desc(self, attribute: str) -> Builder:
        """Push :meth:`Query.order_desc`."""
        return self._push(tree.Query.order_desc(attribute))

    def order_random(self) -> Builder:
        """Push :meth:`Query.order_random`."""
        return self._push(tree.Query.order_random())

    def limit(self, limit: object) -> Builder:
        """Push :meth:`Query.limit`."""
        return self._push(tree.Query.limit(limit))

    def offset(self, offset: object) -> Builder:
        """Push :meth:`Query.offset`."""
        return self._push(tree.Query.offset(offset))

    def contains(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.contains`."""
        return self._push(tree.Query.contains(attribute, value))

    def contains_any(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.contains_any`."""
        return self._push(tree.Query.contains_any(attribute, value))

    def contains_all(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.contains_all`."""
        return self._push(tree.Query.contains_all(attribute, value))

    def not_contains(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.not_contains`."""
        return self._push(tree.Query.not_contains(attribute, value))

    def not_search(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.not_search`."""
        return self._push(tree.Query.not_search(attribute, value))

    def not_between(self, attribute: str, start: object, end: object) -> Builder:
        """Push :meth:`Query.not_between`."""
        return self._push(tree.Query.not_between(attribute, start, end))

    def not_starts_with(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.not_starts_with`."""
        return self._push(tree.Query.not_starts_with(attribute, value))

    def not_ends_with(self, attribute: str, value: object) -> Builder:
        """Push :meth:`Query.not_ends_with`."""
        return self._push(tree.Query.not_ends_with(attribute, value))

    def regex(self, attribute: str, pattern: object) -> Builder:
        """Push :meth:`Query.regex`."""
        return self._push(tree.Query.regex(attribute, pattern))

    def exists(self, attributes: object) -> Builder:
        """Push :meth:`Query.exists`."""
        return self._push(tree.Query.exists(attributes))

    def not_exists(self, attributes: object) -> Builder:
        """Push :meth:`Query.not_exists`."""
        return self._push(tree.Query.not_exists(attributes))

    def created_before(self, value: object) -> Builder:
        """Push :meth:`Query.created_before`."""
        return self._push(tree.Query.created_before(value))

    def created_after(self, value: object) -> Builder:
        """Push :meth:`Query.created_after`."""
        return self._push(tree.Query.created_after(value))

    def created_between(self, start: object, end: object) -> Builder:
        """Push :meth:`Query.created_between`."""
        return self._push(tree.Query.created_between(start, end))

    def updated_before(self, value: object) -> Builder:
        """Push :meth:`Query.updated_before`."""
        return self._push(tree.Query.updated_before(value))

    def updated_after(self, value: object) -> Builder:
        """Push :meth:`Query.updated_after`."""
        return self._push(tree.Query.updated_after(value))

    def updated_between(self, start: object, end: object) -> Builder:
        """Push :meth:`Query.updated_between`."""
        return self._push(tree.Query.updated_between(start, end))

    def or_queries(self, queries: Iterable[Query | str]) -> Builder:
        """Push :meth:`Query.or_queries`."""
        return self._push(tree.Query.or_queries(queries))

    def and_queries(self, queries: Iterable[Query | str]) -> Builder:
        """Push :meth:`Query.and_queries`."""
        return self._push(tree.Query.and_queries(queries))

    def elem_match(self, attribute: str, queries: Iterable[Query | str]) -> Builder:
        """Push :meth:`Query.elem_match`."""
        return self._push(tree.Query.elem_match(attribute, queries))

    def relationship(self, attribute: str, queries: Iterable[Query | str]) -> Builder:
        """Push :meth:`Query.relationship`."""
        return self._push(tree.Query.relationship(attribute, queries))

    def distance_equal(
        self, attribute: str, values: object, distance: object, meters: object = True
    ) -> Builder:
        """Push :meth:`Query.distance_equal`."""
        return self._push(tree.Query.distance_equal(attribute, values, distance, meters))

    def distance_not_equal(
        self, attribute: str, values: object, distance: object, meters: object = True
    ) -> Builder:
        """Push :meth:`Query.distance_not_equal`."""
        return self._push(tree.Query.distance_not_equal(attribute, values, distance, meters))

    def distance_greater_than(
        self, attribute: str, values: object, distance: object, meters: object = True
    ) -> Builder:
        """Push :meth:`Query.distance_greater_than`."""
        return self._push(tree.Query.distance_greater_than(attribute, values, distance, meters))

    def distance_less_than(
        self, attribute: str, values: object, distance: object, meters: object = True
    ) -> Builder:
        """Push :meth:`Query.distance_less_than`."""
        return self._push(tree.Query.distance_less_than(attribute, values, distance, meters))

    def intersects(self, attribute: str, values: object) -> Builder:
        """Push :meth:`Query.intersects`."""
        return self._push(tree.Query.intersects(attribute, values))

    def not_intersects(self, attribute: str, values: object) -> Builder:
        """Push :meth:`Query.not_intersects`."""
        return self._push(tree.Query.not_intersects(attribute, values))

    def crosses(self, attribute: str, values: object) -> Builder:
        """Push :meth:`Query.crosses`."""
        return self._push(tree.Query.crosses(attribute, values))

    def not_crosses(self, attribute: str, values: object) -> Builder:
        """Push :meth:`Query.not_crosses`."""
        return self._push(tree.Query.not_crosses(attribute, values))

    def overlaps(self, attribute: str, values: object) -> Builder:
        """Push :meth:`Query.overlaps`."""
        return self._push(tree.Query.overlaps(attribute, values))

    def not_overlaps(self, attribute: str, values: object) -> Builder:
        """Push :meth:`Query.not_overlaps`."""
        return self._push(tree.Query.not_overlaps(attribute, values))

    def touches(self, attribute: str, values: object) -> Builder:
        """Push :meth:`Query.touches`."""
        return self._push(tree.Query.touches(attribute, values))

    def not_touches(self, attribute: str, values: object) -> Builder:
        """Push :meth:`Query.not_touches`."""
        return self._push(tree.Query.not_touches(attribute, values))

    def count(self, attribute: str = "*", alias: object = "") -> Builder:
        """Push :meth:`Query.count`."""
        return self._push(tree.Query.count(attribute, alias))

    def count_distinct(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.count_distinct`."""
        return self._push(tree.Query.count_distinct(attribute, alias))

    def sum(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.sum`."""
        return self._push(tree.Query.sum(attribute, alias))

    def avg(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.avg`."""
        return self._push(tree.Query.avg(attribute, alias))

    def min(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.min`."""
        return self._push(tree.Query.min(attribute, alias))

    def max(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.max`."""
        return self._push(tree.Query.max(attribute, alias))

    def stddev(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.stddev`."""
        return self._push(tree.Query.stddev(attribute, alias))

    def stddev_pop(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.stddev_pop`."""
        return self._push(tree.Query.stddev_pop(attribute, alias))

    def stddev_samp(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.stddev_samp`."""
        return self._push(tree.Query.stddev_samp(attribute, alias))

    def variance(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.variance`."""
        return self._push(tree.Query.variance(attribute, alias))

    def var_pop(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.var_pop`."""
        return self._push(tree.Query.var_pop(attribute, alias))

    def var_samp(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.var_samp`."""
        return self._push(tree.Query.var_samp(attribute, alias))

    def bit_and(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.bit_and`."""
        return self._push(tree.Query.bit_and(attribute, alias))

    def bit_or(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.bit_or`."""
        return self._push(tree.Query.bit_or(attribute, alias))

    def bit_xor(self, attribute: str, alias: object = "") -> Builder:
        """Push :meth:`Query.bit_xor`."""
        return self._push(tree.Query.bit_xor(attribute, alias))

    def group_by(self, attributes: object) -> Builder:
        """Push :meth:`Query.group_by`."""
        return self._push(tree.Query.group_by(attributes))

    def having(self, queries: Iterable[Query | str]) -> Builder:
        """Push :meth:`Query.having`."""
        return self._push(tree.Query.having(queries))

    def distinct(self) -> Builder:
        """Push :meth:`Query.distinct`."""
        return self._push(tree.Query.distinct())

    def join(
        self, table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
    ) -> Builder:
        """Push :meth:`Query.join`."""
        return self._push(tree.Query.join(table, left, right, operator, alias))

    def left_join(
        self, table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
    ) -> Builder:
        """Push :meth:`Query.left_join`."""
        return self._push(tree.Query.left_join(table, left, right, operator, alias))

    def right_join(
        self, table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
    ) -> Builder:
        """Push :meth:`Query.right_join`."""
        return self._push(tree.Query.right_join(table, left, right, operator, alias))

    def full_outer_join(
        self, table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
    ) -> Builder:
        """Push :meth:`Query.full_outer_join`."""
        return self._push(tree.Query.full_outer_join(table, left, right, operator, alias))

    def cross_join(self, table: str, alias: object = "") -> Builder:
        """Push :meth:`Query.cross_join`."""
        return self._push(tree.Query.cross_join(table, alias))

    def vector_dot(self, attribute: str, vector: object) -> Builder:
        """Push :meth:`Query.vector_dot`."""
        return self._push(tree.Query.vector_dot(attribute, vector))

    def vector_cosine(self, attribute: str, vector: object) -> Builder:
        """Push :meth:`Query.vector_cosine`."""
        return self._push(tree.Query.vector_cosine(attribute, vector))

    def vector_euclidean(self, attribute: str, vector: object) -> Builder:
        """Push :meth:`Query.vector_euclidean`."""
        return self._push(tree.Query.vector_euclidean(attribute, vector))

    def covers(self, attribute: str, values: object) -> Builder:
        """Push :meth:`Query.covers`."""
        return self._push(tree.Query.covers(attribute, values))

    def not_covers(self, attribute: str, values: object) -> Builder:
        """Push :meth:`Query.not_covers`."""
        return self._push(tree.Query.not_covers(attribute, values))

    def spatial_equals(self, attribute: str, values: object) -> Builder:
        """Push :meth:`Query.spatial_equals`."""
        return self._push(tree.Query.spatial_equals(attribute, values))

    def not_spatial_equals(self, attribute: str, values: object) -> Builder:
        """Push :meth:`Query.not_spatial_equals`."""
        return self._push(tree.Query.not_spatial_equals(attribute, values))

    def page(self, page: int, per_page: int = 25) -> Builder:
        """Push :meth:`Query.page`'s two queries."""
        self._queries.extend(tree.Query.page(page, per_page))
        return self


Builder.__qualname__ = "Query.Builder"  # documented, and shown, where the SDK has it
Builder.__module__ = "appwrite_dsl.query"
