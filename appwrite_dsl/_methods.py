"""The query methods: one table of what each wire method is and how each dialect writes it.

Every other module reads its method knowledge from here: the JSON and legacy readers and writers, the tree
and its builders, the strategies, the docs. A row is one wire method (``"equal"``) with

* ``sdk``: the builders of the Python SDK 27.0.0 (``appwrite.query.Query``) that write it;
* ``values``: how the SDK writes its values (``value``: one value or a list; ``none``; ``pair``: two
  bounds; ``geometry``, ``vector``: one array; ``distance``: ``[[geometry, distance, meters]]``;
  ``alias``: an optional alias; ``condition``: ``[left, operator, right]``; ``queries``: nested queries;
  ``join``: a condition or nested :meth:`on` queries);
* ``kind``: ``filter``, or what else the server's validators type it as (``select``, ``order``, ``limit``,
  ``offset``, ``cursor``), or the SDK's ``aggregate``, ``group``, ``join``, ``logical`` kinds;
* ``arity``: the value-count rule of the server's validators (``""`` when they count nothing);
* ``dialects``: per dialect, the first Appwrite version whose server parses it, the first whose validators
  accept it, and how the dialect writes it.

Dialects: ``legacy`` (Appwrite 1.0 to 1.4, ``equal("a", ["x"])``, with the release lines of
:data:`LEGACY_RELEASES`) and ``json`` (Appwrite 1.5 to 1.9.x, ``{"method":"equal",...}``; the 1.9 servers
run utopia-php/database 7.2.6) and ``cloud`` (the parser the Python SDK 27.0.0's builders need,
utopia-php/query 0.6.0, named :data:`CLOUD`; ``accepted`` is ``""`` where that branch's API layer refuses the
method after parsing).

>>> TABLE["between"].dialects["legacy"]
Written(since='1.3', accepted='1.3', form='between')
>>> TABLE["between"].dialects["json"].since
'1.5'
>>> [m.name for m in TABLE.values() if "greater_than" in m.sdk or "created_after" in m.sdk]
['greaterThan']
"""

from __future__ import annotations

import re
from functools import cache
from types import MappingProxyType

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "CLOUD",
    "CLOUD_ACCEPTED",
    "CLOUD_METHODS",
    "DEFAULT_VERSION",
    "LEGACY_FORMS",
    "LEGACY_METHODS",
    "LEGACY_RELEASES",
    "LEGACY_SHAPES",
    "LEGACY_VALIDATED_METHODS",
    "LOGICAL_METHODS",
    "NOT_FILTERS",
    "SDK_METHODS",
    "SERVER_METHODS",
    "TABLE",
    "LegacyRelease",
    "Method",
    "Written",
    "legacy_release",
    "version_number",
]


class _Record:
    """A plain record: its fields are its ``__slots__``; equal, hashed and shown by their values."""

    __slots__: tuple[str, ...] = ()

    def _fields(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Record) or type(other) is not type(self):
            return NotImplemented
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


class Written(_Record):
    """How one dialect has a method.

    ``since``: the first Appwrite version whose server parses it. ``accepted``: the first Appwrite version
    whose query validators accept it (``since`` unless they lagged). ``form``: how the dialect writes it.
    Legacy: ``filter`` (attribute and values), ``attribute`` (attribute only), ``between`` (attribute and
    two values), ``select`` (values only), ``page`` (one value). JSON: the method's ``values`` shape.
    """

    __slots__ = ("since", "accepted", "form")  # noqa: RUF023 - the fields in order

    def __init__(self, since: str, accepted: str, form: str) -> None:
        self.since = since
        self.accepted = accepted
        self.form = form


class Method(_Record):
    """One wire method."""

    __slots__ = ("name", "sdk", "values", "kind", "arity", "dialects")  # noqa: RUF023 - the fields in order

    def __init__(  # noqa: PLR0917 - the fields in order
        self,
        name: str,
        sdk: tuple[str, ...],
        values: str,
        kind: str,
        arity: str,
        dialects: Mapping[str, Written],
    ) -> None:
        self.name = name
        self.sdk = sdk
        self.values = values
        self.kind = kind
        self.arity = arity
        self.dialects = dialects

    @property
    def nests(self) -> bool:
        """Whether its values are (or may be) nested queries."""
        return self.values in ("queries", "join")

    @property
    def filter(self) -> bool:
        """Whether the server's validators count it as a filter (``and``, ``or``, ``elemMatch`` included)."""
        return self.kind in ("filter", "logical")


def _row(
    name: str, sdk: str, values: str, kind: str, arity: str = "", **dialects: tuple[str, ...] | str
) -> Method:
    """A row; a dialect is ``since``, ``(since, form)`` or, for legacy, ``(since, form, accepted)``."""
    written = {}
    for dialect, entry in dialects.items():
        if isinstance(entry, str):
            written[dialect] = Written(entry, entry, values)
        else:
            since = entry[0]
            form = entry[1] if len(entry) > 1 else values
            written[dialect] = Written(since, entry[2] if len(entry) > 2 else since, form)
    return Method(name, tuple(sdk.split()), values, kind, arity, MappingProxyType(written))


CLOUD = "cloud-2.5"
"""The cloud dialect's version name: the server the Python SDK 27.0.0 names ("Appwrite server version 2.5.x
as shipped on Appwrite Cloud"). No public source says which build Appwrite Cloud runs; what is known is the
parser the SDK's builders need, utopia-php/query 0.6.0 (commit abaebb2f), which Appwrite's ``feat-query-lib``
branch (pull request #11649) adopts."""

# The legacy methods and their server mapping come from Query::parse of the utopia-php/database tags of each
# Appwrite release (composer.lock); the JSON methods from Query::isMethod of the tags of 1.5.0 to 1.9.x
# (database 7.2.6 for 1.9); the SDK names from appwrite==27.0.0. Rows in the legacy reader's order first.
_ROWS = (
    _row(
        "equal", "equal", "value", "filter", "at-least-one", legacy=("1.0", "filter"), json="1.5", cloud=CLOUD
    ),
    _row(
        "notEqual",
        "not_equal",
        "value",
        "filter",
        "exactly-one",
        legacy=("1.0", "filter"),
        json="1.5",
        cloud=CLOUD,
    ),
    _row(
        "lessThan",
        "less_than created_before updated_before",
        "value",
        "filter",
        "exactly-one",
        legacy=("1.0", "filter"),
        json="1.5",
        cloud=CLOUD,
    ),
    _row(
        "lessThanEqual",
        "less_than_equal",
        "value",
        "filter",
        "exactly-one",
        legacy=("1.0", "filter"),
        json="1.5",
        cloud=CLOUD,
    ),
    _row(
        "greaterThan",
        "greater_than created_after updated_after",
        "value",
        "filter",
        "exactly-one",
        legacy=("1.0", "filter"),
        json="1.5",
        cloud=CLOUD,
    ),
    _row(
        "greaterThanEqual",
        "greater_than_equal",
        "value",
        "filter",
        "exactly-one",
        legacy=("1.0", "filter"),
        json="1.5",
        cloud=CLOUD,
    ),
    _row(
        "contains",
        "contains",
        "value",
        "filter",
        "at-least-one",
        legacy=("1.0", "filter", "1.4"),
        json="1.5",
        cloud=CLOUD,
    ),
    _row(
        "search",
        "search",
        "value",
        "filter",
        "exactly-one",
        legacy=("1.0", "filter"),
        json="1.5",
        cloud=CLOUD,
    ),
    _row("orderAsc", "order_asc", "none", "order", legacy=("1.0", "attribute"), json="1.5", cloud=CLOUD),
    _row("orderDesc", "order_desc", "none", "order", legacy=("1.0", "attribute"), json="1.5", cloud=CLOUD),
    _row("limit", "limit page", "value", "limit", legacy=("1.0", "page"), json="1.5", cloud=CLOUD),
    _row("offset", "offset page", "value", "offset", legacy=("1.0", "page"), json="1.5", cloud=CLOUD),
    _row("cursorAfter", "cursor_after", "value", "cursor", legacy=("1.0", "page"), json="1.5", cloud=CLOUD),
    _row("cursorBefore", "cursor_before", "value", "cursor", legacy=("1.0", "page"), json="1.5", cloud=CLOUD),
    _row("isNull", "is_null", "none", "filter", legacy=("1.3", "attribute"), json="1.5", cloud=CLOUD),
    _row("isNotNull", "is_not_null", "none", "filter", legacy=("1.3", "attribute"), json="1.5", cloud=CLOUD),
    _row(
        "between",
        "between created_between updated_between",
        "pair",
        "filter",
        "exactly-two",
        legacy=("1.3", "between"),
        json="1.5",
        cloud=CLOUD,
    ),
    _row(
        "startsWith",
        "starts_with",
        "value",
        "filter",
        "exactly-one",
        legacy=("1.3", "filter"),
        json="1.5",
        cloud=CLOUD,
    ),
    _row(
        "endsWith",
        "ends_with",
        "value",
        "filter",
        "exactly-one",
        legacy=("1.3", "filter"),
        json="1.5",
        cloud=CLOUD,
    ),
    _row("select", "select", "value", "select", legacy=("1.3", "select"), json="1.5", cloud=CLOUD),
    _row("and", "and_queries", "queries", "logical", "two-queries", json="1.5", cloud=CLOUD),
    _row("or", "or_queries", "queries", "logical", "two-queries", json="1.5", cloud=CLOUD),
    _row("notContains", "not_contains", "value", "filter", "at-least-one", json="1.8.0", cloud=CLOUD),
    _row("notSearch", "not_search", "value", "filter", "exactly-one", json="1.8.0", cloud=CLOUD),
    _row("notBetween", "not_between", "pair", "filter", "exactly-two", json="1.8.0", cloud=CLOUD),
    _row("notStartsWith", "not_starts_with", "value", "filter", "exactly-one", json="1.8.0", cloud=CLOUD),
    _row("notEndsWith", "not_ends_with", "value", "filter", "exactly-one", json="1.8.0", cloud=CLOUD),
    _row("orderRandom", "order_random", "none", "order", json="1.8.0", cloud=CLOUD),
    _row("crosses", "crosses", "geometry", "filter", "at-least-one", json="1.8.0", cloud=CLOUD),
    _row("notCrosses", "not_crosses", "geometry", "filter", "at-least-one", json="1.8.0", cloud=CLOUD),
    _row("distanceEqual", "distance_equal", "distance", "filter", "distance", json="1.8.0", cloud=CLOUD),
    _row(
        "distanceNotEqual", "distance_not_equal", "distance", "filter", "distance", json="1.8.0", cloud=CLOUD
    ),
    _row(
        "distanceGreaterThan",
        "distance_greater_than",
        "distance",
        "filter",
        "distance",
        json="1.8.0",
        cloud=CLOUD,
    ),
    _row(
        "distanceLessThan", "distance_less_than", "distance", "filter", "distance", json="1.8.0", cloud=CLOUD
    ),
    _row("intersects", "intersects", "geometry", "filter", "at-least-one", json="1.8.0", cloud=CLOUD),
    _row("notIntersects", "not_intersects", "geometry", "filter", "at-least-one", json="1.8.0", cloud=CLOUD),
    _row("overlaps", "overlaps", "geometry", "filter", "at-least-one", json="1.8.0", cloud=CLOUD),
    _row("notOverlaps", "not_overlaps", "geometry", "filter", "at-least-one", json="1.8.0", cloud=CLOUD),
    _row("touches", "touches", "geometry", "filter", "at-least-one", json="1.8.0", cloud=CLOUD),
    _row("notTouches", "not_touches", "geometry", "filter", "at-least-one", json="1.8.0", cloud=CLOUD),
    _row("vectorDot", "vector_dot", "vector", "filter", "vector", json="1.8.1", cloud=CLOUD),
    _row("vectorCosine", "vector_cosine", "vector", "filter", "vector", json="1.8.1", cloud=CLOUD),
    _row("vectorEuclidean", "vector_euclidean", "vector", "filter", "vector", json="1.8.1", cloud=CLOUD),
    _row("elemMatch", "elem_match", "queries", "logical", "one-query", json="1.9.0", cloud=CLOUD),
    _row("exists", "exists", "value", "filter", "at-least-one", json="1.9.0", cloud=CLOUD),
    _row("notExists", "not_exists", "value", "filter", "at-least-one", json="1.9.0", cloud=CLOUD),
    _row("containsAny", "contains_any", "value", "filter", "at-least-one", json="1.9.0", cloud=CLOUD),
    _row("containsAll", "contains_all", "value", "filter", "at-least-one", json="1.9.0", cloud=CLOUD),
    # Written by the SDK 27.0.0, parsed by no server (Query::isMethod of database 7.2.6 refuses them).
    _row("regex", "regex", "value", "filter", "exactly-one", cloud=CLOUD),
    _row("relationship", "relationship", "queries", "filter"),
    _row("count", "count", "alias", "aggregate", cloud=CLOUD),
    _row("countDistinct", "count_distinct", "alias", "aggregate", cloud=CLOUD),
    _row("sum", "sum", "alias", "aggregate", cloud=CLOUD),
    _row("avg", "avg", "alias", "aggregate", cloud=CLOUD),
    _row("min", "min", "alias", "aggregate", cloud=CLOUD),
    _row("max", "max", "alias", "aggregate", cloud=CLOUD),
    _row("stddev", "stddev", "alias", "aggregate", cloud=CLOUD),
    _row("stddevPop", "stddev_pop", "alias", "aggregate", cloud=CLOUD),
    _row("stddevSamp", "stddev_samp", "alias", "aggregate", cloud=CLOUD),
    _row("variance", "variance", "alias", "aggregate", cloud=CLOUD),
    _row("varPop", "var_pop", "alias", "aggregate", cloud=CLOUD),
    _row("varSamp", "var_samp", "alias", "aggregate", cloud=CLOUD),
    _row("bitAnd", "bit_and", "alias", "aggregate", cloud=CLOUD),
    _row("bitOr", "bit_or", "alias", "aggregate", cloud=CLOUD),
    _row("bitXor", "bit_xor", "alias", "aggregate", cloud=CLOUD),
    _row("groupBy", "group_by", "value", "group", cloud=CLOUD),
    _row("having", "having", "queries", "group", cloud=CLOUD),
    _row("distinct", "distinct", "none", "group", cloud=CLOUD),
    _row("on", "on", "condition", "join", cloud=CLOUD),
    _row("join", "join", "join", "join", cloud=CLOUD),
    _row("leftJoin", "left_join", "join", "join", cloud=CLOUD),
    _row("rightJoin", "right_join", "join", "join", cloud=CLOUD),
    _row("fullOuterJoin", "full_outer_join", "join", "join", cloud=CLOUD),
    _row("crossJoin", "cross_join", "alias", "join", cloud=CLOUD),
    _row("covers", "covers", "geometry", "filter", cloud=CLOUD),
    _row("notCovers", "not_covers", "geometry", "filter", cloud=CLOUD),
    _row("spatialEquals", "spatial_equals", "geometry", "filter", cloud=CLOUD),
    _row("notSpatialEquals", "not_spatial_equals", "geometry", "filter", cloud=CLOUD),
    # Parsed by utopia-php/query 0.6.0 only, written by no SDK 27.0.0 builder; Appwrite's API layer on the
    # feat-query-lib branch refuses all of them after parsing (no validator: "Invalid query method: <name>",
    # naturalJoin: "Invalid query: Natural joins are not supported").
    _row("orderVectorDistance", "", "value", "order", cloud=(CLOUD, "value", "")),
    _row("groupByTimeBucket", "", "value", "group", cloud=(CLOUD, "value", "")),
    _row("naturalJoin", "", "alias", "join", cloud=(CLOUD, "alias", "")),
    _row("union", "", "queries", "union", cloud=(CLOUD, "queries", "")),
    _row("unionAll", "", "queries", "union", cloud=(CLOUD, "queries", "")),
    _row("jsonContains", "", "value", "json", cloud=(CLOUD, "value", "")),
    _row("jsonNotContains", "", "value", "json", cloud=(CLOUD, "value", "")),
    _row("jsonOverlaps", "", "value", "json", cloud=(CLOUD, "value", "")),
    _row("jsonPath", "", "value", "json", cloud=(CLOUD, "value", "")),
)

TABLE: Mapping[str, Method] = MappingProxyType({row.name: row for row in _ROWS})
"""Every wire method the Python SDK 27.0.0 writes or a server parses, by name."""

SDK_METHODS = frozenset(name for name, row in TABLE.items() if row.sdk)
"""The methods the Python SDK 27.0.0 writes."""

CLOUD_METHODS = frozenset(name for name, row in TABLE.items() if "cloud" in row.dialects)
"""The 86 methods ``Query::parse`` of utopia-php/query 0.6.0 parses (``raw``, its 87th, is refused)."""

CLOUD_ACCEPTED = frozenset(name for name in CLOUD_METHODS if TABLE[name].dialects["cloud"].accepted)
"""The methods the document and row list endpoints of Appwrite's ``feat-query-lib`` branch accept after
parsing (``on`` only inside a join)."""

SERVER_METHODS = frozenset(name for name, row in TABLE.items() if "json" in row.dialects)
"""The 48 methods ``Query::parse`` of utopia-php/database 7.2.6 knows (``Query::isMethod``)."""

LOGICAL_METHODS = frozenset(name for name, row in TABLE.items() if row.kind == "logical")
"""The methods whose values the server reads as nested queries."""

NOT_FILTERS = frozenset(
    name for name, row in TABLE.items() if row.kind in ("select", "order", "limit", "offset", "cursor")
)
"""The parsed methods that ``and``, ``or`` and ``elemMatch`` refuse as children."""


# --------------------------------------------------------------------------------------------------------
# Versions and the legacy release lines


@cache
def _version() -> re.Pattern[str]:
    return re.compile(r"1\.([0-9])(?:\.([0-9]{1,3}))?")


def version_number(version: object) -> tuple[int, int, int] | None:
    """``(1, minor, patch)`` of ``"1.minor"`` or ``"1.minor.patch"`` (a missing patch is 0); else None."""
    match = _version().fullmatch(version) if isinstance(version, str) else None
    return None if match is None else (1, int(match[1]), int(match[2] or 0))


# The legacy rows with the minor versions (every legacy version in the table is "1.minor") of their
# ``since`` and ``accepted``.
_LEGACY_MINORS = tuple(
    (name, int(row.dialects["legacy"].since[2:]), int(row.dialects["legacy"].accepted[2:]))
    for name, row in TABLE.items()
    if "legacy" in row.dialects
)


def _legacy_methods(minor: int, *, accepted: bool) -> tuple[str, ...]:
    return tuple(name for name, since, valid in _LEGACY_MINORS if (valid if accepted else since) <= minor)


LEGACY_METHODS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {f"1.{minor}": _legacy_methods(minor, accepted=False) for minor in range(5)}
)
"""The methods ``Query::parse`` knows, by Appwrite version; any other method is read with no attribute
and no values. The writer writes only these."""

LEGACY_VALIDATED_METHODS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {f"1.{minor}": _legacy_methods(minor, accepted=True) for minor in range(5)}
)
"""The methods Appwrite's query validators accept, by version: ``contains`` is parsed from 1.0 on but
refused (``Query method not valid: contains``) until 1.4."""

LEGACY_FORMS: Mapping[str, str] = MappingProxyType(
    {name: row.dialects["legacy"].form for name, row in TABLE.items() if "legacy" in row.dialects}
)
"""How the legacy syntax writes each method (as the Python SDK 4.1.0 wrote it)."""

LEGACY_SHAPES: Mapping[str, str] = MappingProxyType(
    {
        name: "order" if TABLE[name].kind == "order" else "filter" if form == "attribute" else form
        for name, form in LEGACY_FORMS.items()
    }
)
"""How the server maps the parameters of each legacy method (the end of ``Query::parse``): ``filter``
(attribute, then values), ``between`` (attribute and two values), ``select`` (values only), ``order``
(attribute only) and ``page`` (one value)."""


class LegacyRelease(_Record):
    """How one line of Appwrite releases reads legacy query strings.

    ``appwrite``: the Appwrite releases, e.g. ``"1.4.0-1.4.14"``. ``database``: the utopia-php/database tags
    they pin. ``methods``: the methods ``Query::parse`` knows. ``validated``: the methods Appwrite's query
    validators accept. ``drops_bare_zero``: a token ``0`` pushed at ``]`` or at a top-level ``,`` is dropped
    (``equal("a", [0])`` reads ``[]``). ``requires_parenthesis``: a string without ``(`` is an error
    (``Invalid query``) rather than a query with method ``""``.
    """

    __slots__ = ("appwrite", "database", "methods", "validated", "drops_bare_zero", "requires_parenthesis")  # noqa: RUF023 - the fields in order

    def __init__(  # noqa: PLR0917 - the fields in order
        self,
        appwrite: str,
        database: str,
        methods: frozenset[str],
        validated: frozenset[str],
        drops_bare_zero: bool,
        requires_parenthesis: bool,
    ) -> None:
        self.appwrite = appwrite
        self.database = database
        self.methods = methods
        self.validated = validated
        self.drops_bare_zero = drops_bare_zero
        self.requires_parenthesis = requires_parenthesis


def _line(
    appwrite: str,
    database: str,
    minor: str,
    *,
    drops_bare_zero: bool = False,
    requires_parenthesis: bool = True,
) -> LegacyRelease:
    methods, validated = LEGACY_METHODS[minor], LEGACY_VALIDATED_METHODS[minor]
    return LegacyRelease(
        appwrite, database, frozenset(methods), frozenset(validated), drops_bare_zero, requires_parenthesis
    )


LEGACY_RELEASES: tuple[LegacyRelease, ...] = (
    _line("1.0.0-1.0.1", "0.25.4", "1.0", drops_bare_zero=True, requires_parenthesis=False),
    _line("1.0.2-1.0.3", "0.25.5", "1.0", requires_parenthesis=False),
    _line("1.1.0-1.2.x", "0.28.0", "1.2", requires_parenthesis=False),
    _line("1.3.0-1.3.8", "0.35.0-0.36.1", "1.3"),
    _line("1.4.0-1.4.14", "0.43.0-0.45.2", "1.4"),
)
"""The legacy-era release lines, oldest first: Appwrite versions and the utopia-php/database tags their
``composer.lock`` pins."""

DEFAULT_VERSION = "1.4"
_RELEASE_CACHE: dict[str, LegacyRelease] = {}


def legacy_release(version: str = DEFAULT_VERSION) -> LegacyRelease:
    """The release line of an Appwrite version from ``"1.0"`` to ``"1.4.14"``.

    A version without a patch number stands for every release of that line, so ``"1.0"`` is read as 1.0.0,
    whose quirks the later 1.0 releases fixed. Raises ValueError for any other version.
    """
    release = _RELEASE_CACHE.get(version)
    if release is not None:
        return release
    number = version_number(version)
    if number is None or number[1] > 4:
        raise ValueError(
            f"Expected an Appwrite version from 1.0 to 1.4 (the legacy syntax), found {version!r}"
        )
    minor, patch = number[1], number[2]
    index = {0: 0 if patch <= 1 else 1, 1: 2, 2: 2, 3: 3, 4: 4}[minor]
    release = _RELEASE_CACHE[version] = LEGACY_RELEASES[index]
    return release
