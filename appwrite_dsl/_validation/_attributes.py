"""Attributes as the checks see them: compiled attributes, the internal ones, the target of a request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .._scan import INT64_MAX, INT64_MIN
from ._deployment import DEFAULT_DEPLOYMENT, Deployment
from ._versions import Profile

if TYPE_CHECKING:
    from typing import Any

STRING, INTEGER, FLOAT, BOOLEAN, DATETIME = "string", "integer", "float", "boolean", "datetime"
BIGINT = "bigint"
RELATIONSHIP, SPATIAL, VECTOR, OBJECT, SEQUENCE, UNKNOWN = (
    "relationship",
    "spatial",
    "vector",
    "object",
    "sequence",
    "unknown",
)
STRING_TYPES = frozenset(("string", "varchar", "text", "mediumtext", "longtext"))
SPATIAL_TYPES = frozenset(("point", "linestring", "polygon"))

QUERY_LENGTH = 4096
"""The characters Appwrite's ``queries`` parameter allows per query string (``APP_LIMIT_ARRAY_ELEMENT_SIZE``
of ``app/init/constants.php``: ``ArrayList(Text(4096), 100)``); VectorsDB collections allow 524288."""

INT32 = (-(2**31), 2**31 - 1)
UINT32 = (0, 2**32 - 1)


class Attr:
    """One attribute, compiled for the checks: ``code`` (one of the constants above), integer bounds,
    vector dimensions, and the type name the legacy validators print."""

    __slots__ = ("array", "code", "dimensions", "encrypted", "high", "legacy_type", "low", "virtual")

    def __init__(
        self,
        code: str,
        *,
        array: bool = False,
        low: int = 0,
        high: int = 0,
        dimensions: int = 0,
        encrypted: bool = False,
        virtual: bool = False,
        legacy_type: str = "",
    ) -> None:
        self.code, self.array, self.low, self.high = code, array, low, high
        self.dimensions, self.encrypted, self.virtual = dimensions, encrypted, virtual
        self.legacy_type = legacy_type or code


def compile_attribute(
    type_: str,
    *,
    array: bool = False,
    size: int = 0,
    signed: bool = True,
    encrypted: bool = False,
    relation_type: str | None = None,
    two_way: bool = False,
    side: str | None = None,
) -> Attr:
    """An :class:`Attr` from an Appwrite attribute's ``type`` and options (``Filter``'s type switch)."""
    options: dict[str, Any] = {"array": array, "encrypted": encrypted, "legacy_type": type_}
    if type_ in STRING_TYPES:
        return Attr(STRING, **options)
    if type_ == "integer":
        # Filter validates 64-bit integers as signed whatever ``signed`` says (PHP has no unsigned int64).
        low, high = (INT64_MIN, INT64_MAX) if size >= 8 else INT32 if signed else UINT32
        return Attr(INTEGER, low=low, high=high, **options)
    if type_ == "bigint":
        return Attr(BIGINT, low=INT64_MIN if signed else 0, **options)
    if type_ in ("float", "double"):
        options["legacy_type"] = "double"
        return Attr(FLOAT, **options)
    if type_ == "boolean":
        return Attr(BOOLEAN, **options)
    if type_ == "datetime":
        return Attr(DATETIME, **options)
    if type_ == "relationship":
        virtual = (
            relation_type == "manyToMany"
            or (relation_type == "oneToOne" and not two_way and side == "child")
            or (relation_type == "oneToMany" and side == "parent")
            or (relation_type == "manyToOne" and side == "child")
        )
        return Attr(RELATIONSHIP, virtual=virtual, **options)
    if type_ in SPATIAL_TYPES:
        return Attr(SPATIAL, **options)
    if type_ == "vector":
        return Attr(VECTOR, dimensions=size, **options)
    if type_ == "object":
        return Attr(OBJECT, **options)
    if type_ == "id":
        return Attr(SEQUENCE, low=0, **options)  # not $sequence itself: any string or int
    return Attr(UNKNOWN, **options)


def internal_attributes(profile: Profile, *, documents: bool) -> dict[str, Attr]:
    """``$id``, ``$createdAt``, ``$updatedAt`` and (1.8 on) ``$sequence``: an integer or a numeric string on
    document endpoints (the Sequence validator), a 32-bit integer elsewhere."""
    attributes = {
        "$id": Attr(STRING),
        "$createdAt": Attr(DATETIME),
        "$updatedAt": Attr(DATETIME),
    }
    if profile.sequence:
        attributes["$sequence"] = (
            Attr(SEQUENCE, low=1, legacy_type="id")
            if documents
            else Attr(INTEGER, low=INT32[0], high=INT32[1])
        )
    return attributes


SELECT_INTERNAL = frozenset(
    ("*", "$id", "$sequence", "$collection", "$tenant", "$createdAt", "$updatedAt", "$permissions")
)
_SELECTABLE = frozenset(("$id", "$sequence", "$collection", "$createdAt", "$updatedAt", "$permissions"))


class Target:
    """Where the queries go, compiled for one server version: the attributes (internal ones included), the
    validator types registered, the pipeline, and the endpoint's special rules."""

    __slots__ = (
        "attributes",
        "dates",
        "datetimes",
        "deployment",
        "documents",
        "filters",
        "fulltext",
        "max_length",
        "max_values",
        "plain",
        "profile",
        "registered",
        "rewrites",
        "schemaless",
        "selectable",
        "special",
        "uid_length",
        "unsigned_bigint",
        "uuid_sequence",
    )

    def __init__(
        self,
        profile: Profile,
        attributes: dict[str, Attr],
        *,
        documents: bool,
        select: bool,
        fulltext: frozenset[str] | None = None,
        schemaless: bool = False,
        max_length: int = QUERY_LENGTH,
        special: str = "",
        rewrites: tuple[tuple[str, str], ...] = (),
        deployment: Deployment = DEFAULT_DEPLOYMENT,
    ) -> None:
        self.profile = profile
        self.attributes = {**internal_attributes(profile, documents=documents), **attributes}
        self.deployment = deployment
        self.dates = deployment.date_bounds()
        self.uid_length = deployment.max_uid_length if documents else 36
        self.unsigned_bigint = deployment._values.unsigned_bigint
        self.uuid_sequence = documents and deployment._values.sequence == "uuid7"
        # Database::convertQueries re-reads the values of queries on these; validateSelections allows these.
        self.datetimes = frozenset(key for key, found in self.attributes.items() if found.code is DATETIME)
        self.selectable = (
            _SELECTABLE
            | ({"$tenant"} if deployment.shared_tables else set())
            | {key for key, found in attributes.items() if found.code is not RELATIONSHIP}
        )
        self.documents = documents
        # The attributes a filter names the common way: in the schema, not encrypted, schema checked.
        self.plain = {} if schemaless else {k: a for k, a in self.attributes.items() if not a.encrypted}
        self.fulltext = fulltext
        self.schemaless = schemaless
        self.max_length = max_length
        self.max_values = profile.values_documents if documents else profile.values_other
        self.special = special
        self.rewrites = rewrites
        registered = {"limit", "offset", "cursor", "order", "filter"}
        if (documents or select) and "select" in profile.typed:
            registered.add("select")
        if special == "branches":
            registered = {"limit", "offset", "cursor"}
        elif special == "vcsRepositories":
            registered = {"limit", "offset", "filter"}
        self.registered = frozenset(registered)
        self.filters = "filter" in registered
