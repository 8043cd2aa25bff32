"""Queries: the tree behind ``{"method":"equal","attribute":"title","values":["Iron Man"]}``.

>>> Query.equal("title", "Iron Man")
<Query '{"method":"equal","attribute":"title","values":["Iron Man"]}'>
>>> str(Query.or_queries([Query.equal("a", 1), Query.is_null("b")]))
'{"method":"or","values":[{"method":"equal","attribute":"a","values":[1]},{"method":"isNull","attribute":"b"}]}'
>>> q = Query.parse('{"values":[25],"method":"limit"}')
>>> q.method, q.attribute, q.values
('limit', None, (25,))
>>> q == Query.limit(25)
True
"""

from __future__ import annotations

import json
import json.encoder
import re
from collections.abc import Iterable, Mapping
from typing import Any, Literal, Union, cast

from . import _json
from . import _legacy as legacy
from ._cloud import JOINS, read_cloud
from ._json import JSONObject, Operand
from ._methods import CLOUD, LEGACY_FORMS, NOT_FILTERS, SDK_METHODS, SERVER_METHODS, TABLE, version_number
from ._scan import c_encoder
from ._value import Value
from .errors import InvalidQuery

__all__ = ["METHODS", "SERVER_METHODS", "JSONObject", "Operand", "Query", "QueryValue", "syntax_of"]

QueryValue = Union[Operand, "Query"]
"""What ``Query.values`` holds: operands, or nested queries for the methods that nest."""

METHODS = SDK_METHODS
"""Every wire method the Python SDK 27.0.0 writes; :data:`SERVER_METHODS` are those the server parses."""

_NESTING = frozenset(name for name, row in TABLE.items() if row.values == "queries")  # values are all queries
_JOINS = frozenset(name for name, row in TABLE.items() if row.values == "join")  # operands and queries
_SDK_HOLDS = _NESTING | _JOINS  # the SDK's builders nest queries in these
_HOLDS_QUERIES = _SDK_HOLDS | JOINS  # the cloud dialect reads queries among crossJoin's values too
_escape = _json.escape
_PREFIXES = {method: '{"method":"' + method + '"' for method in TABLE}
_VALUES_LEVEL = 2  # a query's operands sit inside its object and its values array
_NONE = (
    "Expected a value, found None: the SDK would leave out the values and the server would read none "
    "(to match null, pass [None])"
)
_PYTHON_DEPTH = "Expected a less deeply nested query: Python's recursion limit was reached while reading it"

refusal = _json.refusal


class Query(Value):
    """One query: a ``method``, an ``attribute`` and ``values`` (``None`` when left out).

    Build one with the SDK-named builders (:meth:`equal`, :meth:`or_queries`, :meth:`limit`, ...) or read
    one with :meth:`parse`; both give the same immutable, hashable tree. ``values`` is a tuple of operands
    (``str``, ``int``, ``float``, ``bool``, ``None``, tuples, :class:`JSONObject`) or, for ``and``, ``or``,
    ``elemMatch`` and the SDK's ``relationship``, ``having`` and joins, nested queries. ``str(query)`` is the
    JSON syntax, byte for byte what the Python SDK 27.0.0 writes for the same call; where the SDK would write
    something the server rejects or misreads, the builders raise :class:`~appwrite_dsl.InvalidQuery`.
    Equality and hashing follow that text.
    """

    __slots__ = ("_json", "_values", "attribute", "method")

    method: str
    attribute: str | None
    _values: Any  # a tuple, None, or _LATER: read from _json when first asked for
    _json: str | None

    def __init__(self, method: str, attribute: str | None = None, values: object = None) -> None:
        """Build a query from parts, as the SDK's ``Query(method, attribute, values)`` does.

        ``values`` is a list or tuple of values, or one value; None leaves it out. Children of the
        methods that nest may be queries, their JSON text or dicts.
        """
        if type(method) is not str or method not in METHODS:
            raise refusal(f"Expected a query method the SDK writes, found {method!r}", method)
        items = None if values is None else _values(method, values)
        _init(self, method, None if attribute is None else _attribute(attribute), items, None)

    @property
    def values(self) -> tuple[QueryValue, ...] | None:
        """The operands (or nested queries) in order; None when the query has no ``values`` member."""
        values = self._values
        if values is _LATER:  # a builder wrote the text first: read the values back from it
            values = _frozen(json.loads(self._json)["values"])  # type: ignore[arg-type]
            _set_values(self, values)
        return values  # type: ignore[no-any-return]

    def _parts(self) -> tuple[str, str | None, tuple[QueryValue, ...] | None]:
        return (self.method, self.attribute, self.values)

    def __str__(self) -> str:
        text = self._json
        if text is None:
            text = _text(self) if self.method in _HOLDS_QUERIES else _write(self)
            _set_json(self, text)
        return text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Query):
            return NotImplemented
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def to_json(self) -> str:
        """The JSON syntax (Appwrite >= 1.5), the same as ``str(query)``."""
        return str(self)

    def to_legacy(self) -> str:
        """The legacy syntax of Appwrite 1.0-1.4 (``equal("title", ["Iron Man"])``).

        Raises InvalidQuery for what that syntax cannot write so that it reads back to the same query:
        nested queries, arrays or objects among the values, an attribute or values where the method's
        legacy form has none (or none where it has one), methods the legacy server does not know, strings
        and numbers it would read back differently.
        """
        text = str(self)
        if self.method in _SDK_HOLDS or any(
            type(value) in (tuple, JSONObject, Query) for value in self.values or ()
        ):
            raise InvalidQuery(
                "Expected a query without nested queries, arrays or objects: "
                "the legacy syntax cannot write them",
                text,
                0,
                len(text),
            )
        form = LEGACY_FORMS.get(self.method, "")
        problem = None
        if form in _LEGACY_ATTRIBUTE_FORMS and self.attribute is None:
            problem = f"Expected an attribute for {self.method}: the legacy syntax cannot leave it out"
        elif form not in _LEGACY_ATTRIBUTE_FORMS and form and self.attribute is not None:
            problem = f"Expected no attribute for {self.method}: its legacy form has none"
        elif form == "attribute" and self.values is not None:
            problem = f"Expected no values for {self.method}: its legacy form has none"
        elif form not in ("attribute", "") and self.values is None:
            problem = f"Expected values for {self.method}: the legacy syntax cannot leave them out"
        if problem is not None:
            raise InvalidQuery(problem, text, 0, len(text))
        scalars = cast("tuple[legacy.LegacyValue, ...]", self.values or ())  # checked above
        return legacy.write_legacy(self.method, self.attribute or "", scalars)

    @property
    def queries(self) -> tuple[Query, ...]:
        """The nested queries among the values (of ``and``, ``or``, ``elemMatch``, ...); empty otherwise."""
        return tuple(value for value in self.values or () if isinstance(value, Query))

    @classmethod
    def parse(
        cls,
        text: str | bytes,
        syntax: Literal["auto", "json", "legacy"] = "auto",
        *,
        server_version: str | None = None,
    ) -> Query:
        """Read one query string.

        ``syntax="json"`` reads it as utopia-php/database 7.2.6 (Appwrite 1.9) does: the same methods
        (case-sensitive), key order free, null as a missing key, ``"values"`` read as written; where the
        server refuses the text, the error carries the server's message. ``"legacy"`` reads the syntax of
        Appwrite 1.0-1.4; ``"auto"`` picks JSON for a text whose first character after JSON whitespace is
        ``{`` or ``[`` and the legacy syntax otherwise. ``bytes`` are read as the server reads the
        request's UTF-8.

        ``server_version="cloud-2.5"`` reads the cloud dialect, the JSON syntax as utopia-php/query 0.6.0
        reads it (the joins, aggregates, ``groupBy``, ``having``, ... the Python SDK 27.0.0 writes); an
        Appwrite version picks the syntax of that release (legacy up to 1.4, JSON from 1.5).

        Raises InvalidQuery (a ParseError) for anything else, pointing at the culprit.
        """
        if not isinstance(text, (str, bytes, bytearray)):
            raise TypeError(f"text must be a str or bytes, not {type(text).__name__}")
        if server_version == CLOUD:
            if syntax == "legacy":
                raise ValueError(f"server_version {CLOUD!r} reads the JSON syntax only, not syntax='legacy'")
            return read_cloud(text, _new)
        if server_version is not None and syntax == "auto":
            number = version_number(server_version)
            if number is None:
                raise ValueError(
                    f"server_version must be an Appwrite version such as '1.9.6' or {CLOUD!r}, "
                    f"not {server_version!r}"
                )
            syntax = "legacy" if number < (1, 5, 0) else "json"
        if syntax == "json" or (syntax == "auto" and syntax_of(text) == "json"):
            return _json.read(text, _new)
        if syntax in ("auto", "legacy"):
            return _read_legacy(text)
        raise ValueError(f"syntax must be 'auto', 'json' or 'legacy', not {syntax!r}")

    # Builders, named and shaped as the official SDK's Query (27.0.0).

    @staticmethod
    def equal(attribute: str, value: object) -> Query:
        """``attribute`` equals the value, or one of the values of a list: ``equal``."""
        return _leaf("equal", _attribute(attribute), _wrap(value))

    @staticmethod
    def not_equal(attribute: str, value: object) -> Query:
        """``attribute`` differs from the value: ``notEqual``."""
        return _leaf("notEqual", _attribute(attribute), _wrap(value))

    @staticmethod
    def regex(attribute: str, pattern: object) -> Query:
        """``attribute`` matches a regular expression: ``regex`` (the server cannot parse it, 7.2.6)."""
        return _leaf("regex", _attribute(attribute), _wrap(pattern))

    @staticmethod
    def less_than(attribute: str, value: object) -> Query:
        """``attribute`` < value: ``lessThan``."""
        return _leaf("lessThan", _attribute(attribute), _wrap(value))

    @staticmethod
    def less_than_equal(attribute: str, value: object) -> Query:
        """``attribute`` <= value: ``lessThanEqual``."""
        return _leaf("lessThanEqual", _attribute(attribute), _wrap(value))

    @staticmethod
    def greater_than(attribute: str, value: object) -> Query:
        """``attribute`` > value: ``greaterThan``."""
        return _leaf("greaterThan", _attribute(attribute), _wrap(value))

    @staticmethod
    def greater_than_equal(attribute: str, value: object) -> Query:
        """``attribute`` >= value: ``greaterThanEqual``."""
        return _leaf("greaterThanEqual", _attribute(attribute), _wrap(value))

    @staticmethod
    def is_null(attribute: str) -> Query:
        """``attribute`` is null: ``isNull``."""
        return _leaf("isNull", _attribute(attribute), None)

    @staticmethod
    def is_not_null(attribute: str) -> Query:
        """``attribute`` is not null: ``isNotNull``."""
        return _leaf("isNotNull", _attribute(attribute), None)

    @staticmethod
    def exists(attributes: object) -> Query:
        """The attributes exist (schemaless databases): ``exists``."""
        return _leaf("exists", None, _wrap(attributes))

    @staticmethod
    def not_exists(attributes: object) -> Query:
        """The attributes do not exist (schemaless databases): ``notExists``."""
        return _leaf("notExists", None, _wrap(attributes))

    @staticmethod
    def between(attribute: str, start: object, end: object) -> Query:
        """``start`` <= ``attribute`` <= ``end``: ``between``."""
        return _leaf("between", _attribute(attribute), _pair(start, end))

    @staticmethod
    def starts_with(attribute: str, value: object) -> Query:
        """``attribute`` starts with the value: ``startsWith``."""
        return _leaf("startsWith", _attribute(attribute), _wrap(value))

    @staticmethod
    def ends_with(attribute: str, value: object) -> Query:
        """``attribute`` ends with the value: ``endsWith``."""
        return _leaf("endsWith", _attribute(attribute), _wrap(value))

    @staticmethod
    def select(attributes: object) -> Query:
        """Return only these attributes: ``select``."""
        return _leaf("select", None, _wrap(attributes))

    @staticmethod
    def search(attribute: str, value: object) -> Query:
        """Full-text search of ``attribute``: ``search``."""
        return _leaf("search", _attribute(attribute), _wrap(value))

    @staticmethod
    def order_asc(attribute: str) -> Query:
        """Sort by ``attribute``, ascending (``''``: by ``$sequence``): ``orderAsc``."""
        return _leaf("orderAsc", _attribute(attribute), None)

    @staticmethod
    def order_desc(attribute: str) -> Query:
        """Sort by ``attribute``, descending (``''``: by ``$sequence``): ``orderDesc``."""
        return _leaf("orderDesc", _attribute(attribute), None)

    @staticmethod
    def order_random() -> Query:
        """Sort randomly: ``orderRandom``."""
        return _leaf("orderRandom", None, None)

    @staticmethod
    def cursor_before(id: object) -> Query:
        """Page backwards from the document ``id``: ``cursorBefore``."""
        return _leaf("cursorBefore", None, _wrap(id))

    @staticmethod
    def cursor_after(id: object) -> Query:
        """Page forwards from the document ``id``: ``cursorAfter``."""
        return _leaf("cursorAfter", None, _wrap(id))

    @staticmethod
    def limit(limit: object) -> Query:
        """Return at most ``limit`` results: ``limit``."""
        return _leaf("limit", None, _wrap(limit))

    @staticmethod
    def offset(offset: object) -> Query:
        """Skip the first ``offset`` results: ``offset``."""
        return _leaf("offset", None, _wrap(offset))

    @staticmethod
    def contains(attribute: str, value: object) -> Query:
        """``attribute`` (a string or an array) contains the value: ``contains``."""
        return _leaf("contains", _attribute(attribute), _wrap(value))

    @staticmethod
    def contains_any(attribute: str, value: object) -> Query:
        """``attribute`` (an array) contains at least one of the values: ``containsAny``."""
        return _leaf("containsAny", _attribute(attribute), _wrap(value))

    @staticmethod
    def contains_all(attribute: str, value: object) -> Query:
        """``attribute`` (an array) contains every one of the values: ``containsAll``."""
        return _leaf("containsAll", _attribute(attribute), _wrap(value))

    @staticmethod
    def not_contains(attribute: str, value: object) -> Query:
        """``attribute`` does not contain the value: ``notContains``."""
        return _leaf("notContains", _attribute(attribute), _wrap(value))

    @staticmethod
    def not_search(attribute: str, value: object) -> Query:
        """``attribute`` does not match the full-text search: ``notSearch``."""
        return _leaf("notSearch", _attribute(attribute), _wrap(value))

    @staticmethod
    def not_between(attribute: str, start: object, end: object) -> Query:
        """``attribute`` < ``start`` or ``attribute`` > ``end``: ``notBetween``."""
        return _leaf("notBetween", _attribute(attribute), _pair(start, end))

    @staticmethod
    def not_starts_with(attribute: str, value: object) -> Query:
        """``attribute`` does not start with the value: ``notStartsWith``."""
        return _leaf("notStartsWith", _attribute(attribute), _wrap(value))

    @staticmethod
    def not_ends_with(attribute: str, value: object) -> Query:
        """``attribute`` does not end with the value: ``notEndsWith``."""
        return _leaf("notEndsWith", _attribute(attribute), _wrap(value))

    @staticmethod
    def created_before(value: object) -> Query:
        """Created before the date: ``lessThan`` on ``$createdAt``."""
        return _leaf("lessThan", "$createdAt", _wrap(value))

    @staticmethod
    def created_after(value: object) -> Query:
        """Created after the date: ``greaterThan`` on ``$createdAt``."""
        return _leaf("greaterThan", "$createdAt", _wrap(value))

    @staticmethod
    def created_between(start: object, end: object) -> Query:
        """Created between the dates: ``between`` on ``$createdAt``."""
        return _leaf("between", "$createdAt", _pair(start, end))

    @staticmethod
    def updated_before(value: object) -> Query:
        """Updated before the date: ``lessThan`` on ``$updatedAt``."""
        return _leaf("lessThan", "$updatedAt", _wrap(value))

    @staticmethod
    def updated_after(value: object) -> Query:
        """Updated after the date: ``greaterThan`` on ``$updatedAt``."""
        return _leaf("greaterThan", "$updatedAt", _wrap(value))

    @staticmethod
    def updated_between(start: object, end: object) -> Query:
        """Updated between the dates: ``between`` on ``$updatedAt``."""
        return _leaf("between", "$updatedAt", _pair(start, end))

    @staticmethod
    def or_queries(queries: Iterable[Query | str]) -> Query:
        """At least one of two or more filter queries holds: ``or``."""
        return _logical("or", None, queries)

    @staticmethod
    def and_queries(queries: Iterable[Query | str]) -> Query:
        """All of two or more filter queries hold: ``and``."""
        return _logical("and", None, queries)

    @staticmethod
    def elem_match(attribute: str, queries: Iterable[Query | str]) -> Query:
        """One element of the array ``attribute`` matches every filter query: ``elemMatch``."""
        return _logical("elemMatch", _attribute(attribute), queries)

    @staticmethod
    def relationship(attribute: str, queries: Iterable[Query | str]) -> Query:
        """Queries applied to the related documents of ``attribute``: ``relationship`` (not parsed, 7.2.6)."""
        return _new("relationship", _attribute(attribute), _nested(_children(queries)))

    @staticmethod
    def distance_equal(attribute: str, values: object, distance: object, meters: object = True) -> Query:
        """The geometry is at exactly ``distance`` from ``values``: ``distanceEqual``."""
        return _leaf("distanceEqual", _attribute(attribute), _array(([values, distance, meters],)))

    @staticmethod
    def distance_not_equal(attribute: str, values: object, distance: object, meters: object = True) -> Query:
        """The geometry is not at ``distance`` from ``values``: ``distanceNotEqual``."""
        return _leaf("distanceNotEqual", _attribute(attribute), _array(([values, distance, meters],)))

    @staticmethod
    def distance_greater_than(
        attribute: str, values: object, distance: object, meters: object = True
    ) -> Query:
        """The geometry is farther than ``distance`` from ``values``: ``distanceGreaterThan``."""
        return _leaf("distanceGreaterThan", _attribute(attribute), _array(([values, distance, meters],)))

    @staticmethod
    def distance_less_than(attribute: str, values: object, distance: object, meters: object = True) -> Query:
        """The geometry is closer than ``distance`` to ``values``: ``distanceLessThan``."""
        return _leaf("distanceLessThan", _attribute(attribute), _array(([values, distance, meters],)))

    @staticmethod
    def vector_dot(attribute: str, vector: object) -> Query:
        """Order by dot product with ``vector``: ``vectorDot``."""
        return _leaf("vectorDot", _attribute(attribute), _array((vector,)))

    @staticmethod
    def vector_cosine(attribute: str, vector: object) -> Query:
        """Order by cosine similarity with ``vector``: ``vectorCosine``."""
        return _leaf("vectorCosine", _attribute(attribute), _array((vector,)))

    @staticmethod
    def vector_euclidean(attribute: str, vector: object) -> Query:
        """Order by Euclidean distance to ``vector``: ``vectorEuclidean``."""
        return _leaf("vectorEuclidean", _attribute(attribute), _array((vector,)))

    @staticmethod
    def intersects(attribute: str, values: object) -> Query:
        """The geometry intersects ``values``: ``intersects``."""
        return _leaf("intersects", _attribute(attribute), _array((values,)))

    @staticmethod
    def not_intersects(attribute: str, values: object) -> Query:
        """The geometry does not intersect ``values``: ``notIntersects``."""
        return _leaf("notIntersects", _attribute(attribute), _array((values,)))

    @staticmethod
    def crosses(attribute: str, values: object) -> Query:
        """The geometry crosses ``values``: ``crosses``."""
        return _leaf("crosses", _attribute(attribute), _array((values,)))

    @staticmethod
    def not_crosses(attribute: str, values: object) -> Query:
        """The geometry does not cross ``values``: ``notCrosses``."""
        return _leaf("notCrosses", _attribute(attribute), _array((values,)))

    @staticmethod
    def overlaps(attribute: str, values: object) -> Query:
        """The geometry overlaps ``values``: ``overlaps``."""
        return _leaf("overlaps", _attribute(attribute), _array((values,)))

    @staticmethod
    def not_overlaps(attribute: str, values: object) -> Query:
        """The geometry does not overlap ``values``: ``notOverlaps``."""
        return _leaf("notOverlaps", _attribute(attribute), _array((values,)))

    @staticmethod
    def touches(attribute: str, values: object) -> Query:
        """The geometry touches ``values``: ``touches``."""
        return _leaf("touches", _attribute(attribute), _array((values,)))

    @staticmethod
    def not_touches(attribute: str, values: object) -> Query:
        """The geometry does not touch ``values``: ``notTouches``."""
        return _leaf("notTouches", _attribute(attribute), _array((values,)))

    @staticmethod
    def count(attribute: str = "*", alias: object = "") -> Query:
        """Count rows (``*``) or values of ``attribute``: ``count`` (not parsed, 7.2.6)."""
        return _leaf("count", _attribute(attribute), _alias(alias))

    @staticmethod
    def count_distinct(attribute: str, alias: object = "") -> Query:
        """Count distinct values: ``countDistinct`` (not parsed, 7.2.6)."""
        return _leaf("countDistinct", _attribute(attribute), _alias(alias))

    @staticmethod
    def sum(attribute: str, alias: object = "") -> Query:
        """Sum of ``attribute``: ``sum`` (not parsed, 7.2.6)."""
        return _leaf("sum", _attribute(attribute), _alias(alias))

    @staticmethod
    def avg(attribute: str, alias: object = "") -> Query:
        """Average of ``attribute``: ``avg`` (not parsed, 7.2.6)."""
        return _leaf("avg", _attribute(attribute), _alias(alias))

    @staticmethod
    def min(attribute: str, alias: object = "") -> Query:
        """Minimum of ``attribute``: ``min`` (not parsed, 7.2.6)."""
        return _leaf("min", _attribute(attribute), _alias(alias))

    @staticmethod
    def max(attribute: str, alias: object = "") -> Query:
        """Maximum of ``attribute``: ``max`` (not parsed, 7.2.6)."""
        return _leaf("max", _attribute(attribute), _alias(alias))

    @staticmethod
    def stddev(attribute: str, alias: object = "") -> Query:
        """Standard deviation of ``attribute``: ``stddev`` (not parsed, 7.2.6)."""
        return _leaf("stddev", _attribute(attribute), _alias(alias))

    @staticmethod
    def stddev_pop(attribute: str, alias: object = "") -> Query:
        """Population standard deviation: ``stddevPop`` (not parsed, 7.2.6)."""
        return _leaf("stddevPop", _attribute(attribute), _alias(alias))

    @staticmethod
    def stddev_samp(attribute: str, alias: object = "") -> Query:
        """Sample standard deviation: ``stddevSamp`` (not parsed, 7.2.6)."""
        return _leaf("stddevSamp", _attribute(attribute), _alias(alias))

    @staticmethod
    def variance(attribute: str, alias: object = "") -> Query:
        """Variance of ``attribute``: ``variance`` (not parsed, 7.2.6)."""
        return _leaf("variance", _attribute(attribute), _alias(alias))

    @staticmethod
    def var_pop(attribute: str, alias: object = "") -> Query:
        """Population variance: ``varPop`` (not parsed, 7.2.6)."""
        return _leaf("varPop", _attribute(attribute), _alias(alias))

    @staticmethod
    def var_samp(attribute: str, alias: object = "") -> Query:
        """Sample variance: ``varSamp`` (not parsed, 7.2.6)."""
        return _leaf("varSamp", _attribute(attribute), _alias(alias))

    @staticmethod
    def bit_and(attribute: str, alias: object = "") -> Query:
        """Bitwise AND of ``attribute``: ``bitAnd`` (not parsed, 7.2.6)."""
        return _leaf("bitAnd", _attribute(attribute), _alias(alias))

    @staticmethod
    def bit_or(attribute: str, alias: object = "") -> Query:
        """Bitwise OR of ``attribute``: ``bitOr`` (not parsed, 7.2.6)."""
        return _leaf("bitOr", _attribute(attribute), _alias(alias))

    @staticmethod
    def bit_xor(attribute: str, alias: object = "") -> Query:
        """Bitwise XOR of ``attribute``: ``bitXor`` (not parsed, 7.2.6)."""
        return _leaf("bitXor", _attribute(attribute), _alias(alias))

    @staticmethod
    def group_by(attributes: object) -> Query:
        """Group by these attributes: ``groupBy`` (not parsed, 7.2.6)."""
        return _leaf("groupBy", None, _wrap(attributes))

    @staticmethod
    def having(queries: Iterable[Query | str]) -> Query:
        """Filter the groups: ``having`` (not parsed, 7.2.6)."""
        return _new("having", None, _nested(_children(queries)))

    @staticmethod
    def distinct() -> Query:
        """Only distinct rows: ``distinct`` (not parsed, 7.2.6)."""
        return _leaf("distinct", None, None)

    @staticmethod
    def on(left: object, right: object, operator: object = "=") -> Query:
        """A join condition, ``left operator right``: ``on`` (not parsed, 7.2.6)."""
        return _leaf("on", None, _array((left, operator, right)))

    @staticmethod
    def join(
        table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
    ) -> Query:
        """Inner join of ``table`` on ``left operator right`` or on a list of :meth:`on` queries: ``join``."""
        return _join("join", table, left, right, operator=operator, alias=alias)

    @staticmethod
    def left_join(
        table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
    ) -> Query:
        """Left join, shaped as :meth:`join`: ``leftJoin`` (not parsed, 7.2.6)."""
        return _join("leftJoin", table, left, right, operator=operator, alias=alias)

    @staticmethod
    def right_join(
        table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
    ) -> Query:
        """Right join, shaped as :meth:`join`: ``rightJoin`` (not parsed, 7.2.6)."""
        return _join("rightJoin", table, left, right, operator=operator, alias=alias)

    @staticmethod
    def full_outer_join(
        table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
    ) -> Query:
        """Full outer join, shaped as :meth:`join`: ``fullOuterJoin`` (not parsed, 7.2.6)."""
        return _join("fullOuterJoin", table, left, right, operator=operator, alias=alias)

    @staticmethod
    def cross_join(table: str, alias: object = "") -> Query:
        """Cross join of ``table``: ``crossJoin`` (not parsed, 7.2.6)."""
        return _leaf("crossJoin", _attribute(table), _alias(alias))

    @staticmethod
    def covers(attribute: str, values: object) -> Query:
        """The geometry covers ``values``: ``covers`` (not parsed, 7.2.6)."""
        return _leaf("covers", _attribute(attribute), _array((values,)))

    @staticmethod
    def not_covers(attribute: str, values: object) -> Query:
        """The geometry does not cover ``values``: ``notCovers`` (not parsed, 7.2.6)."""
        return _leaf("notCovers", _attribute(attribute), _array((values,)))

    @staticmethod
    def spatial_equals(attribute: str, values: object) -> Query:
        """The geometry equals ``values``: ``spatialEquals`` (not parsed, 7.2.6)."""
        return _leaf("spatialEquals", _attribute(attribute), _array((values,)))

    @staticmethod
    def not_spatial_equals(attribute: str, values: object) -> Query:
        """The geometry differs from ``values``: ``notSpatialEquals`` (not parsed, 7.2.6)."""
        return _leaf("notSpatialEquals", _attribute(attribute), _array((values,)))

    @staticmethod
    def page(page: int, per_page: int = 25) -> list[Query]:
        """Page number ``page`` (from 1) of ``per_page`` results: ``[limit(per_page), offset(...)]``."""
        _whole(page, "page")
        _whole(per_page, "per_page")
        if page < 1:
            raise refusal(f"Page must be >= 1, got {page}", page)
        if per_page < 1:
            raise refusal(f"Per page must be >= 1, got {per_page}", per_page)
        return [Query.limit(per_page), Query.offset((page - 1) * per_page)]

    @staticmethod
    def builder() -> Query.Builder:
        """A :class:`Query.Builder` collecting queries by chained calls."""
        return Query.Builder()

    class Builder:
        """Collects queries by chained calls, as the SDK's ``Query.builder()``:
        ``Query.builder().equal("a", 1).limit(5).build()``."""

        __slots__ = ("_queries",)

        def __init__(self) -> None:
            self._queries: list[Query] = []

        def build(self) -> list[Query]:
            """The queries pushed so far, in order (a new list)."""
            return list(self._queries)

        def _push(self, query: Query) -> Query.Builder:
            self._queries.append(query)
            return self

        def equal(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.equal`."""
            return self._push(Query.equal(attribute, value))

        def not_equal(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.not_equal`."""
            return self._push(Query.not_equal(attribute, value))

        def less_than(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.less_than`."""
            return self._push(Query.less_than(attribute, value))

        def less_than_equal(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.less_than_equal`."""
            return self._push(Query.less_than_equal(attribute, value))

        def greater_than(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.greater_than`."""
            return self._push(Query.greater_than(attribute, value))

        def greater_than_equal(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.greater_than_equal`."""
            return self._push(Query.greater_than_equal(attribute, value))

        def search(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.search`."""
            return self._push(Query.search(attribute, value))

        def is_null(self, attribute: str) -> Query.Builder:
            """Push :meth:`Query.is_null`."""
            return self._push(Query.is_null(attribute))

        def is_not_null(self, attribute: str) -> Query.Builder:
            """Push :meth:`Query.is_not_null`."""
            return self._push(Query.is_not_null(attribute))

        def between(self, attribute: str, start: object, end: object) -> Query.Builder:
            """Push :meth:`Query.between`."""
            return self._push(Query.between(attribute, start, end))

        def starts_with(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.starts_with`."""
            return self._push(Query.starts_with(attribute, value))

        def ends_with(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.ends_with`."""
            return self._push(Query.ends_with(attribute, value))

        def select(self, attributes: object) -> Query.Builder:
            """Push :meth:`Query.select`."""
            return self._push(Query.select(attributes))

        def cursor_after(self, id: object) -> Query.Builder:
            """Push :meth:`Query.cursor_after`."""
            return self._push(Query.cursor_after(id))

        def cursor_before(self, id: object) -> Query.Builder:
            """Push :meth:`Query.cursor_before`."""
            return self._push(Query.cursor_before(id))

        def order_asc(self, attribute: str) -> Query.Builder:
            """Push :meth:`Query.order_asc`."""
            return self._push(Query.order_asc(attribute))

        def order_desc(self, attribute: str) -> Query.Builder:
            """Push :meth:`Query.order_desc`."""
            return self._push(Query.order_desc(attribute))

        def order_random(self) -> Query.Builder:
            """Push :meth:`Query.order_random`."""
            return self._push(Query.order_random())

        def limit(self, limit: object) -> Query.Builder:
            """Push :meth:`Query.limit`."""
            return self._push(Query.limit(limit))

        def offset(self, offset: object) -> Query.Builder:
            """Push :meth:`Query.offset`."""
            return self._push(Query.offset(offset))

        def contains(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.contains`."""
            return self._push(Query.contains(attribute, value))

        def contains_any(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.contains_any`."""
            return self._push(Query.contains_any(attribute, value))

        def contains_all(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.contains_all`."""
            return self._push(Query.contains_all(attribute, value))

        def not_contains(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.not_contains`."""
            return self._push(Query.not_contains(attribute, value))

        def not_search(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.not_search`."""
            return self._push(Query.not_search(attribute, value))

        def not_between(self, attribute: str, start: object, end: object) -> Query.Builder:
            """Push :meth:`Query.not_between`."""
            return self._push(Query.not_between(attribute, start, end))

        def not_starts_with(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.not_starts_with`."""
            return self._push(Query.not_starts_with(attribute, value))

        def not_ends_with(self, attribute: str, value: object) -> Query.Builder:
            """Push :meth:`Query.not_ends_with`."""
            return self._push(Query.not_ends_with(attribute, value))

        def regex(self, attribute: str, pattern: object) -> Query.Builder:
            """Push :meth:`Query.regex`."""
            return self._push(Query.regex(attribute, pattern))

        def exists(self, attributes: object) -> Query.Builder:
            """Push :meth:`Query.exists`."""
            return self._push(Query.exists(attributes))

        def not_exists(self, attributes: object) -> Query.Builder:
            """Push :meth:`Query.not_exists`."""
            return self._push(Query.not_exists(attributes))

        def created_before(self, value: object) -> Query.Builder:
            """Push :meth:`Query.created_before`."""
            return self._push(Query.created_before(value))

        def created_after(self, value: object) -> Query.Builder:
            """Push :meth:`Query.created_after`."""
            return self._push(Query.created_after(value))

        def created_between(self, start: object, end: object) -> Query.Builder:
            """Push :meth:`Query.created_between`."""
            return self._push(Query.created_between(start, end))

        def updated_before(self, value: object) -> Query.Builder:
            """Push :meth:`Query.updated_before`."""
            return self._push(Query.updated_before(value))

        def updated_after(self, value: object) -> Query.Builder:
            """Push :meth:`Query.updated_after`."""
            return self._push(Query.updated_after(value))

        def updated_between(self, start: object, end: object) -> Query.Builder:
            """Push :meth:`Query.updated_between`."""
            return self._push(Query.updated_between(start, end))

        def or_queries(self, queries: Iterable[Query | str]) -> Query.Builder:
            """Push :meth:`Query.or_queries`."""
            return self._push(Query.or_queries(queries))

        def and_queries(self, queries: Iterable[Query | str]) -> Query.Builder:
            """Push :meth:`Query.and_queries`."""
            return self._push(Query.and_queries(queries))

        def elem_match(self, attribute: str, queries: Iterable[Query | str]) -> Query.Builder:
            """Push :meth:`Query.elem_match`."""
            return self._push(Query.elem_match(attribute, queries))

        def relationship(self, attribute: str, queries: Iterable[Query | str]) -> Query.Builder:
            """Push :meth:`Query.relationship`."""
            return self._push(Query.relationship(attribute, queries))

        def distance_equal(
            self, attribute: str, values: object, distance: object, meters: object = True
        ) -> Query.Builder:
            """Push :meth:`Query.distance_equal`."""
            return self._push(Query.distance_equal(attribute, values, distance, meters))

        def distance_not_equal(
            self, attribute: str, values: object, distance: object, meters: object = True
        ) -> Query.Builder:
            """Push :meth:`Query.distance_not_equal`."""
            return self._push(Query.distance_not_equal(attribute, values, distance, meters))

        def distance_greater_than(
            self, attribute: str, values: object, distance: object, meters: object = True
        ) -> Query.Builder:
            """Push :meth:`Query.distance_greater_than`."""
            return self._push(Query.distance_greater_than(attribute, values, distance, meters))

        def distance_less_than(
            self, attribute: str, values: object, distance: object, meters: object = True
        ) -> Query.Builder:
            """Push :meth:`Query.distance_less_than`."""
            return self._push(Query.distance_less_than(attribute, values, distance, meters))

        def intersects(self, attribute: str, values: object) -> Query.Builder:
            """Push :meth:`Query.intersects`."""
            return self._push(Query.intersects(attribute, values))

        def not_intersects(self, attribute: str, values: object) -> Query.Builder:
            """Push :meth:`Query.not_intersects`."""
            return self._push(Query.not_intersects(attribute, values))

        def crosses(self, attribute: str, values: object) -> Query.Builder:
            """Push :meth:`Query.crosses`."""
            return self._push(Query.crosses(attribute, values))

        def not_crosses(self, attribute: str, values: object) -> Query.Builder:
            """Push :meth:`Query.not_crosses`."""
            return self._push(Query.not_crosses(attribute, values))

        def overlaps(self, attribute: str, values: object) -> Query.Builder:
            """Push :meth:`Query.overlaps`."""
            return self._push(Query.overlaps(attribute, values))

        def not_overlaps(self, attribute: str, values: object) -> Query.Builder:
            """Push :meth:`Query.not_overlaps`."""
            return self._push(Query.not_overlaps(attribute, values))

        def touches(self, attribute: str, values: object) -> Query.Builder:
            """Push :meth:`Query.touches`."""
            return self._push(Query.touches(attribute, values))

        def not_touches(self, attribute: str, values: object) -> Query.Builder:
            """Push :meth:`Query.not_touches`."""
            return self._push(Query.not_touches(attribute, values))

        def count(self, attribute: str = "*", alias: object = "") -> Query.Builder:
            """Push :meth:`Query.count`."""
            return self._push(Query.count(attribute, alias))

        def count_distinct(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.count_distinct`."""
            return self._push(Query.count_distinct(attribute, alias))

        def sum(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.sum`."""
            return self._push(Query.sum(attribute, alias))

        def avg(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.avg`."""
            return self._push(Query.avg(attribute, alias))

        def min(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.min`."""
            return self._push(Query.min(attribute, alias))

        def max(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.max`."""
            return self._push(Query.max(attribute, alias))

        def stddev(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.stddev`."""
            return self._push(Query.stddev(attribute, alias))

        def stddev_pop(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.stddev_pop`."""
            return self._push(Query.stddev_pop(attribute, alias))

        def stddev_samp(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.stddev_samp`."""
            return self._push(Query.stddev_samp(attribute, alias))

        def variance(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.variance`."""
            return self._push(Query.variance(attribute, alias))

        def var_pop(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.var_pop`."""
            return self._push(Query.var_pop(attribute, alias))

        def var_samp(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.var_samp`."""
            return self._push(Query.var_samp(attribute, alias))

        def bit_and(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.bit_and`."""
            return self._push(Query.bit_and(attribute, alias))

        def bit_or(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.bit_or`."""
            return self._push(Query.bit_or(attribute, alias))

        def bit_xor(self, attribute: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.bit_xor`."""
            return self._push(Query.bit_xor(attribute, alias))

        def group_by(self, attributes: object) -> Query.Builder:
            """Push :meth:`Query.group_by`."""
            return self._push(Query.group_by(attributes))

        def having(self, queries: Iterable[Query | str]) -> Query.Builder:
            """Push :meth:`Query.having`."""
            return self._push(Query.having(queries))

        def distinct(self) -> Query.Builder:
            """Push :meth:`Query.distinct`."""
            return self._push(Query.distinct())

        def join(
            self, table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
        ) -> Query.Builder:
            """Push :meth:`Query.join`."""
            return self._push(Query.join(table, left, right, operator, alias))

        def left_join(
            self, table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
        ) -> Query.Builder:
            """Push :meth:`Query.left_join`."""
            return self._push(Query.left_join(table, left, right, operator, alias))

        def right_join(
            self, table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
        ) -> Query.Builder:
            """Push :meth:`Query.right_join`."""
            return self._push(Query.right_join(table, left, right, operator, alias))

        def full_outer_join(
            self, table: str, left: object, right: object = "", operator: object = "=", alias: object = ""
        ) -> Query.Builder:
            """Push :meth:`Query.full_outer_join`."""
            return self._push(Query.full_outer_join(table, left, right, operator, alias))

        def cross_join(self, table: str, alias: object = "") -> Query.Builder:
            """Push :meth:`Query.cross_join`."""
            return self._push(Query.cross_join(table, alias))

        def vector_dot(self, attribute: str, vector: object) -> Query.Builder:
            """Push :meth:`Query.vector_dot`."""
            return self._push(Query.vector_dot(attribute, vector))

        def vector_cosine(self, attribute: str, vector: object) -> Query.Builder:
            """Push :meth:`Query.vector_cosine`."""
            return self._push(Query.vector_cosine(attribute, vector))

        def vector_euclidean(self, attribute: str, vector: object) -> Query.Builder:
            """Push :meth:`Query.vector_euclidean`."""
            return self._push(Query.vector_euclidean(attribute, vector))

        def covers(self, attribute: str, values: object) -> Query.Builder:
            """Push :meth:`Query.covers`."""
            return self._push(Query.covers(attribute, values))

        def not_covers(self, attribute: str, values: object) -> Query.Builder:
            """Push :meth:`Query.not_covers`."""
            return self._push(Query.not_covers(attribute, values))

        def spatial_equals(self, attribute: str, values: object) -> Query.Builder:
            """Push :meth:`Query.spatial_equals`."""
            return self._push(Query.spatial_equals(attribute, values))

        def not_spatial_equals(self, attribute: str, values: object) -> Query.Builder:
            """Push :meth:`Query.not_spatial_equals`."""
            return self._push(Query.not_spatial_equals(attribute, values))

        def page(self, page: int, per_page: int = 25) -> Query.Builder:
            """Push :meth:`Query.page`'s two queries."""
            self._queries.extend(Query.page(page, per_page))
            return self


# The tree's mechanics.

_new_instance = object.__new__
_LATER = object()  # Query._values of a builder's query until someone asks for them


def _init(query: Query, method: str, attribute: str | None, values: object, text: str | None) -> None:
    _set_method(query, method)
    _set_attribute(query, attribute)
    _set_values(query, values)
    _set_json(query, text)


def _new(method: str, attribute: str | None, values: tuple[Any, ...] | None) -> Query:
    """A query from checked parts, written when first asked for (the reader's, the nesting builders')."""
    query: Query = _new_instance(Query)
    _init(query, method, attribute, values, None)
    return query


def _leaf(method: str, attribute: str | None, values: str | None) -> Query:
    """A query without nested queries from its checked attribute and the JSON text of its values: the
    builders write the text first, as the SDK does, and read the values back only if asked."""
    text = _PREFIXES[method]
    if attribute is not None:
        text += ',"attribute":' + _escape(attribute)
    if values is not None:
        text += ',"values":' + values
    query: Query = _new_instance(Query)
    _init(query, method, attribute, None if values is None else _LATER, text + "}")
    return query


_set_method = Query.__dict__["method"].__set__
_set_attribute = Query.__dict__["attribute"].__set__
_set_values = Query.__dict__["_values"].__set__
_set_json = Query.__dict__["_json"].__set__


def _write(query: Query) -> str:
    """The SDK's bytes for one query whose nested queries, if any, already know theirs."""
    text = _PREFIXES[query.method]
    if query.attribute is not None:
        text += ',"attribute":' + _escape(query.attribute)
    values = query.values
    if values is None:
        return text + "}"
    if query.method not in _HOLDS_QUERIES:
        return text + ',"values":' + _json.encode(cast("tuple[Operand, ...]", values)) + "}"
    items = [str(value) if type(value) is Query else _json.encode(cast(Operand, value)) for value in values]
    return text + ',"values":[' + ",".join(items) + "]}"


def _text(query: Query) -> str:
    """Write ``query`` after every nested query not yet written, innermost first and without recursion, so
    that 254 nested ``or`` queries (the server's limit) stay within Python's stack."""
    pending, order = [query], []
    while pending:
        node = pending.pop()
        order.append(node)
        if node.method in _HOLDS_QUERIES and node.values:
            pending.extend(value for value in node.values if type(value) is Query and value._json is None)
    for node in reversed(order[1:]):
        _set_json(node, _write(node))
    return _write(query)


def _frozen(value: Any) -> Any:
    """A value read back from a builder's JSON text, made immutable: lists become tuples, objects
    JSONObjects (one Python frame per level of nesting)."""
    kind = type(value)
    if kind is list:
        items = []
        for item in value:
            items.append(_frozen(item) if type(item) is list or type(item) is dict else item)
        return tuple(items)
    if kind is dict:
        members, inner = {}, 0
        for key, member in value.items():
            members[key] = made = _frozen(member)
            inner = max(inner, _json.depth(made))
        return _json.new_object(members, 1 + inner)
    return value


def _depth(value: object, *, exact: bool = False) -> int:
    """How many nested JSON arrays and objects a query or operand is written with. For a builder's query
    whose values were not read back, unless ``exact``, its count of brackets: an upper bound."""
    if type(value) is not Query:
        return _json.depth(value)
    if value._values is _LATER and not exact:
        text: str = value._json  # type: ignore[assignment]
        return text.count("[") + text.count("{")
    deepest = 0
    for item in value.values or ():
        if type(item) is Query or type(item) is tuple or type(item) is JSONObject:
            deepest = max(deepest, _depth(item, exact=exact))
    return 1 if value.values is None else 2 + deepest


def _attribute(value: object) -> str:
    """An attribute (or a table) argument: a ``str``."""
    if type(value) is str:
        return value if value.isascii() else _json.check_text(value)
    if isinstance(value, str):
        return _json.check_text(str.__str__(value))
    if value is None:
        raise refusal(
            "Expected a str as the attribute, found None: the SDK would leave the attribute out", value
        )
    raise refusal(
        f"Expected a str as the attribute, found {type(value).__name__}: the server answers "
        "Invalid query attribute. Must be a string",
        value,
    )


def _not_json(value: object) -> object:
    """``default`` of the values encoder: what json cannot write is refused, a Mapping becomes an object."""
    if isinstance(value, Query):
        raise refusal(
            f"Expected a value, found the query {value}: only and, or, elemMatch (and the SDK's "
            "relationship, having and joins) nest queries; elsewhere the server reads it as an object",
            value,
        )
    return _json.operand(value, 0)


_encode_values = c_encoder(_not_json)
_LIMIT = _json.MAX_CONTAINERS - 1  # arrays and objects a values array may hold, itself included
# A key the encoder may have converted from 1, 1.5, True, None, nan, inf (two may then be equal).
_WRITTEN_KEY = re.compile(r'"(?=[-0-9tfnNI])(?:-?[0-9][0-9.eE+-]*|true|false|null|NaN|-?Infinity)":')
_SURROGATE_PAIR = re.compile(r"\\ud[89ab][0-9a-f]{2}\\ud[c-f][0-9a-f]{2}")  # as the encoder writes one


def _array(items: list[Any] | tuple[Any, ...]) -> str:
    """The JSON text of a values array, as the SDK writes it (the same C encoder), or InvalidQuery.

    The encoder itself refuses NaN, infinities, keys and objects JSON has no form for (``allow_nan`` off,
    ``default`` refusing); the rest is looked for in its output: objects PHP reads as arrays (``{}``,
    ``{"0":``), keys that may have been converted from numbers, booleans or None (two may then be equal),
    escapes of surrogates that are not pairs, enough brackets to pass the server's nesting limit. Only then
    :func:`_operands` walks the values, naming the culprit if there is one.
    """
    if _encode_values is None:  # pragma: no cover - CPython builds the C encoder
        return _json.encode(_operands(items))
    try:
        text = "".join(_encode_values(items, 0))
    except (ValueError, TypeError, RecursionError) as error:
        _operands(items)  # raises InvalidQuery naming the culprit, if it is one of ours
        raise refusal(f"Expected values JSON can carry: {error}", items) from None
    if (
        ("{" in text and ("{}" in text or '{"0":' in text or _WRITTEN_KEY.search(text)))
        or ("\\" in text and "\\ud" in text and _lone_surrogates(items, text))
        or (len(text) >= 2 * _LIMIT and text.find("[", 1) > 0 and text.count("[") + text.count("{") >= _LIMIT)
    ):
        _operands(items)
    return text


def _lone_surrogates(items: list[Any] | tuple[Any, ...], text: str) -> bool:
    """Whether the encoder's ``text`` of ``items`` may hold a surrogate escape that is not half of a pair."""
    try:  # a list of strings (the common case) is checked in C: UTF-8 has no surrogates
        "".join(items).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except TypeError:  # other values: look at the escapes themselves
        return "\\ud" in _SURROGATE_PAIR.sub("", text)
    return False


def _operand(value: object) -> Operand:
    if isinstance(value, Query):
        _not_json(value)
    return _json.operand(value, _VALUES_LEVEL)


def _operands(values: Iterable[object]) -> tuple[Operand, ...]:
    return tuple([_operand(value) for value in values])


def _wrap(value: object) -> str:
    """The SDK's ``values``: a list as it is, any other value as a list of one; the JSON text of it. Unlike
    the SDK, a tuple is a list too, and None is refused (the SDK would leave the values out)."""
    kind = type(value)
    if kind is str:
        text = cast(str, value)
        return "[" + _escape(text if text.isascii() else _json.check_text(text)) + "]"
    if kind is list or kind is tuple or isinstance(value, (list, tuple)):
        return _array(value)  # type: ignore[arg-type]
    if value is None:
        raise refusal(_NONE, value)
    return _array((value,))


def _pair(start: object, end: object) -> str:
    return _array((start, end))


def _alias(alias: object) -> str | None:
    """The aggregates' and ``cross_join``'s alias: no values when it is ``''`` (or None, as in the SDK)."""
    return None if alias == "" or alias is None else _wrap(alias)


def _whole(number: object, name: str) -> None:
    if type(number) is not int:
        raise refusal(f"Expected an int as {name}, found {type(number).__name__}", number)


def _values(method: str, values: object) -> tuple[QueryValue, ...]:
    """The constructor's values: children for the methods that nest, operands elsewhere."""
    items = values if isinstance(values, (list, tuple)) else [values]
    if method in _NESTING:
        return _nested(_children(items))
    if method in _JOINS:
        return _nested(tuple([_child(item) if isinstance(item, Query) else _operand(item) for item in items]))
    return _operands(items)


def _children(queries: object) -> tuple[Query, ...]:
    if isinstance(queries, (str, bytes, Query, Mapping)) or not isinstance(queries, Iterable):
        raise refusal(f"Expected a list of queries, found {type(queries).__name__}", queries)
    return tuple([_child(query) for query in queries])


def _child(query: object) -> Query:
    """A nested query: a Query, the JSON text of one (as the SDK's builders take them) or a decoded dict."""
    if isinstance(query, Query):
        return query
    if isinstance(query, str):
        return _from_text(query)
    if isinstance(query, Mapping):
        return _from_mapping(query)
    raise refusal(f"Expected a query or its JSON text, found {type(query).__name__}", query)


def _from_text(text: str) -> Query:
    """A query from the JSON text the SDK's builders return, read as the SDK reads it (``json.loads``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidQuery(f"Expected a query in the JSON syntax: {error.msg}", text, error.pos) from None
    except (ValueError, RecursionError):
        raise InvalidQuery("Expected a query in the JSON syntax", text, 0, len(text)) from None
    if not isinstance(data, dict):
        raise InvalidQuery("Expected a query in the JSON syntax: a JSON object", text, 0, len(text))
    try:
        return _from_mapping(data)
    except RecursionError:
        raise InvalidQuery(_PYTHON_DEPTH, text, 0, len(text)) from None


def _from_mapping(data: Mapping[Any, Any]) -> Query:
    extra = [key for key in data if key not in ("method", "attribute", "values")]
    if extra:
        raise refusal(
            f"Expected a query with only method, attribute and values, found {extra[0]!r}", dict(data)
        )
    return Query(data.get("method"), data.get("attribute"), data.get("values"))  # type: ignore[arg-type]


def _nested(values: tuple[QueryValue, ...]) -> tuple[QueryValue, ...]:
    """Values holding queries, after checking the nesting against the server's limit."""
    limit = _json.MAX_CONTAINERS - _VALUES_LEVEL
    if max(map(_depth, values), default=0) > limit and max(_depth(v, exact=True) for v in values) > limit:
        raise refusal(
            f"Expected at most {_json.MAX_CONTAINERS} nested arrays and objects in a query: "
            "the server answers Invalid query: Maximum stack depth exceeded",
            values,
        )
    return values


_LOGICAL_NAMES = {"and": "And", "or": "Or", "elemMatch": "elemMatch"}


def _logical(method: str, attribute: str | None, queries: Iterable[Query | str]) -> Query:
    """``and``, ``or``, ``elemMatch``: refused where the server's validator refuses them (too few children,
    children that are not filters), with its message."""
    children = _children(queries)
    name = _LOGICAL_NAMES[method]
    for child in children:
        if child.method in NOT_FILTERS:
            raise refusal(f"{name} queries can only contain filter queries", str(child))
    if method != "elemMatch" and len(children) < 2:
        raise refusal(
            f"{name} queries require at least two queries", _write(_new(method, attribute, children))
        )
    if not children:
        raise refusal(f"{name} queries require at least one query", _write(_new(method, attribute, children)))
    return _new(method, attribute, _nested(children))


def _join(
    method: str, table: object, left: object, right: object, *, operator: object, alias: object
) -> Query:
    """The SDK's join dispatch: ``left`` a list of :meth:`Query.on` queries; or ``left`` an alias and
    ``right`` the list; or ``left operator right`` and an optional alias."""
    if isinstance(left, (list, tuple)):
        return _new(method, _attribute(table), _nested(_children(left)))
    if isinstance(right, (list, tuple)):
        head = (_operand(left),) if left != "" else ()
        return _new(method, _attribute(table), _nested(head + _children(right)))
    flat = (left, operator, right) if alias == "" else (left, operator, right, alias)
    return _leaf(method, _attribute(table), _array(flat))


_LEGACY_ATTRIBUTE_FORMS = frozenset(("attribute", "filter", "between"))


def syntax_of(text: str | bytes | bytearray) -> Literal["json", "legacy"]:
    """The syntax ``Query.parse(text)`` reads ``text`` in: ``"json"`` when it starts, after JSON
    whitespace, with an object or an array (a legacy query starts with its method name), else ``"legacy"``.
    """
    if isinstance(text, str):
        first = text.lstrip(" \t\n\r")[:1] in ("{", "[")
    else:
        first = bytes(text.lstrip(b" \t\n\r")[:1]) in (b"{", b"[")
    return "json" if first else "legacy"


def _read_legacy(text: str | bytes) -> Query:
    if not isinstance(text, str):
        data = bytes(text)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            position = len(data[: error.start].decode("utf-8", "replace"))
            raise InvalidQuery(
                "Invalid query: Malformed UTF-8 characters, possibly incorrectly encoded",
                data.decode("utf-8", "replace"),
                position,
                position + 1,
            ) from None
    method, attribute, values = legacy.read_legacy(text)
    # The legacy syntax has no absent attribute or values, only empty ones: each method's form says which.
    form = LEGACY_FORMS[method]
    # The strict reader only returns what a query holds as is (scalars: strings without lone surrogates,
    # int64 integers, finite floats), so the parts need no second check.
    return _new(
        method,
        attribute if form in _LEGACY_ATTRIBUTE_FORMS else attribute or None,
        None if form == "attribute" and not values else values,
    )
