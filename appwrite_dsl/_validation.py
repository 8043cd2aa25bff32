"""The mechanics behind :mod:`appwrite_dsl.validate`: server versions, the per-query checks of the server's
validators, the two pipelines, and where in a query string each problem lies.

Everything here follows the validators of utopia-php/database 7.2.6 (``src/Database/Validator/``) and the
list endpoints of appwrite/appwrite 1.9.6, with older versions' differences; the checks
return a problem as ``(description, path)``: the server's description (``"Invalid query: ..."`` or
``"Invalid query method: ..."``) and the path of the culprit inside the query (JSON keys and indexes, as
:func:`appwrite_dsl._php_json.locate` takes them). Paths and texts are only built when something fails, so a
valid query costs a few dictionary lookups and type tests per value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, NamedTuple, Optional, Union

from . import _datetime, _legacy, _legacy_server, _methods, _php_json, _server_reading
from ._deployment import DEFAULT_DEPLOYMENT, Deployment
from ._methods import LOGICAL_METHODS, SERVER_METHODS
from ._operand import JSONObject
from ._server_reading import debug_type, php_type
from .errors import InvalidQuery
from .query import Query

__all__ = [
    "MAIN",
    "Attr",
    "Issue",
    "PolicyRules",
    "Profile",
    "Run",
    "Target",
    "check_json",
    "check_legacy",
    "compile_attribute",
    "document_rules",
    "is_uid",
    "php_number",
    "policy_problems",
    "profile",
    "triggers_of",
    "version_number",
]

Path = tuple[Union[str, int], ...]
Problem = Optional[tuple[str, Path]]

INT32 = (-(2**31), 2**31 - 1)
UINT32 = (0, 2**32 - 1)
INT64 = (-(2**63), 2**63 - 1)
PHP_INT_MAX = 2**63 - 1

# --------------------------------------------------------------------------------------------------------
# Server versions: the methods each parser knows, the limits and the wording of each release line

_JSON_SINCE = {
    name: _methods.version_number(_methods.TABLE[name].dialects["json"].since) for name in SERVER_METHODS
}


def _known_by(number: tuple[int, int, int]) -> frozenset[str]:
    """The methods the JSON parser of a release knows (the table's ``json`` dialect)."""
    return frozenset(name for name, since in _JSON_SINCE.items() if since is not None and since <= number)


_SPATIAL_ONLY = frozenset(m for m in SERVER_METHODS if _methods.TABLE[m].values in ("geometry", "distance"))
_VECTOR = frozenset(m for m in SERVER_METHODS if _methods.TABLE[m].values == "vector")
_JSON_1_5, _JSON_1_8_0 = _known_by((1, 5, 0)), _known_by((1, 8, 0))
_JSON_1_8_1, _JSON_1_9_0 = _known_by((1, 8, 1)), _known_by((1, 9, 0))
assert _JSON_1_9_0 == SERVER_METHODS

MAIN = "main"
DATABASE_7_2_6 = "7.2.6"
_MAIN_PATCH = 1000  # "main" sorts after every 1.9.x release


class Profile(NamedTuple):
    """What one Appwrite version does with a ``queries`` parameter."""

    version: str
    """The version as given (``"1.4.13"``, ``"1.9"``, ``"main"``)."""
    number: tuple[int, int, int]
    """``(1, minor, patch)``; a version without a patch is its line's first release; main is (1, 9, 1000)."""
    legacy: bool
    """Appwrite 1.0 to 1.4: the legacy syntax."""
    methods: frozenset[str]
    """The methods the server's parser knows."""
    typed: frozenset[str]
    """The methods the validators map to a type (the others: ``Invalid query method``)."""
    wording: str
    """Whose validators run: ``"appwrite-1.0"`` (1.0-1.2), ``"appwrite-1.3"``, ``"utopia-1.4"``, ``"json"``
    (1.5 on)."""
    limit: tuple[int, int]
    offset: tuple[int, int]
    numeric_first: bool
    """The Numeric check (``Value must be a valid number``) runs before the Range check (1.4 on)."""
    values_documents: int
    """Most values per filter query on document and row endpoints."""
    values_other: int
    """Most values per filter query on the other list endpoints."""
    sequence: bool
    """``$sequence`` is an internal attribute (1.8 on)."""
    count_rules: bool
    """The value-count rules of ``Filter`` apply (1.4 on)."""
    nested: str
    """A dotted attribute whose first segment is a key: ``"unknown"`` (1.0-1.2, looked up whole),
    ``"refused"`` (1.3-1.4, ``Cannot query nested attribute on``), ``"first"`` (1.5 on, passes)."""
    release: _methods.LegacyRelease | None


def version_number(version: str) -> tuple[int, int, int]:
    """``"1.4.13"`` -> ``(1, 4, 13)``; ValueError for anything but 1.0 to 1.9 (with or without a patch
    number) and ``"main"``."""
    if version == MAIN:
        return (1, 9, _MAIN_PATCH)
    if version == DATABASE_7_2_6:
        return (1, 9, 6)  # the database library's version of the same behaviour
    number = _methods.version_number(version)
    if number is None:
        raise ValueError(
            f"Expected an Appwrite server version from 1.0 to 1.9 ('1.4', '1.4.13', ...), 'main' or "
            f"utopia-php/database's '7.2.6' (the same as '1.9.6'), "
            f"found {version!r}"
        )
    return number


@lru_cache(maxsize=64)
def profile(version: str) -> Profile:
    """The :class:`Profile` of an Appwrite version (see :func:`version_number`)."""
    number = version_number(version)
    minor = number[1]
    if minor <= 4:
        release = _methods.legacy_release(f"1.{minor}.{number[2]}")
        wording = "appwrite-1.0" if minor <= 2 else "appwrite-1.3" if minor == 3 else "utopia-1.4"
        limit = (0, 100) if minor <= 2 else (0, PHP_INT_MAX) if minor == 3 else (1, PHP_INT_MAX)
        return Profile(
            version=version,
            number=number,
            legacy=True,
            methods=release.methods,
            typed=release.validated,
            wording=wording,
            limit=limit,
            offset=(0, 5000) if minor <= 2 else (0, PHP_INT_MAX),
            numeric_first=minor == 4,
            values_documents=100,
            values_other=100,
            sequence=False,
            count_rules=minor == 4,
            nested="unknown" if minor <= 2 else "refused",
            release=release,
        )
    if number >= (1, 9, 0):
        methods = SERVER_METHODS  # the same object: the readers skip the method check for it
    elif number >= (1, 8, 1):
        methods = _JSON_1_8_1
    elif number >= (1, 8, 0):
        methods = _JSON_1_8_0
    else:
        methods = _JSON_1_5
    if number < (1, 6, 1):
        other = 100
    elif number < (1, 8, 0) or version == MAIN:
        other = 500
    else:
        other = 5000  # 1.8.0-1.9.6: APP_DATABASE_QUERY_MAX_VALUES landed in the wrong constructor argument
    return Profile(
        version=version,
        number=number,
        legacy=False,
        methods=methods,
        typed=methods,
        wording="json",
        limit=(1, PHP_INT_MAX),
        offset=(0, PHP_INT_MAX),
        numeric_first=True,
        values_documents=100 if number < (1, 6, 1) else 500,
        values_other=other,
        sequence=number >= (1, 8, 0),
        count_rules=True,
        nested="first",
        release=None,
    )


# --------------------------------------------------------------------------------------------------------
# Attributes as the checks see them

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
        self.code = code
        self.array = array
        self.low = low
        self.high = high
        self.dimensions = dimensions
        self.encrypted = encrypted
        self.virtual = virtual
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
        low, high = INT64 if size >= 8 else INT32 if signed else UINT32
        return Attr(INTEGER, low=low, high=high, **options)
    if type_ == "bigint":
        return Attr(BIGINT, low=INT64[0] if signed else 0, **options)
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
        max_length: int = 4096,
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


# --------------------------------------------------------------------------------------------------------
# Values: PHP's numeric strings, the Range validator, dates, UIDs


_PHP_NUMERIC = re.compile(
    r"[ \t\n\r\v\f]*[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?[ \t\n\r\v\f]*"
)
_PHP_SPACE = " \t\n\r\v\f"


def php_number(value: object) -> int | float | None:
    """``$value + 0`` for what PHP's ``is_numeric`` accepts (ints, floats, numeric strings); None for the
    rest. Integers beyond the signed 64-bit range are floats, as PHP holds them."""
    if type(value) is int:
        return value if INT64[0] <= value <= INT64[1] else float(value)
    if type(value) is float:
        return value
    if type(value) is str and _PHP_NUMERIC.fullmatch(value):
        text = value.strip(_PHP_SPACE)
        if "." in text or "e" in text or "E" in text:
            return float(text)
        number = int(text)
        return number if INT64[0] <= number <= INT64[1] else float(text)
    return None


def number_format(number: int) -> str:
    """PHP's ``number_format`` of an integer (it converts to a double first: PHP_INT_MAX shows ...808)."""
    return f"{int(float(number)):,}" if abs(number) > 2**53 else f"{number:,}"


def range_text(low: int, high: int) -> str:
    return f"Value must be a valid range between {number_format(low)} and {number_format(high)}"


_UID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def uid_text(length: int = 36) -> str:
    """``UID(length)``'s description."""
    return (
        f"UID must contain at most {length} chars. Valid chars are a-z, A-Z, 0-9, and underscore. "
        "Can't start with a leading underscore"
    )


UID_TEXT = uid_text()


def is_uid(value: object, length: int = 36) -> bool:
    """``UID(length)`` (a-z, A-Z, 0-9, ``.``, ``-``, ``_``; not starting with one of the last three)."""
    return type(value) is str and len(value) <= length and _UID.fullmatch(value) is not None


_UUID7 = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-7[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}")


def _is_sequence(value: object, low: int, uuid: bool) -> bool:
    """``Sequence``: ``low`` 1 for ``$sequence`` itself (``primary``: not PHP-empty, then integer IDs as
    ``Range(1, PHP_INT_MAX)`` reads them, or UUIDv7 strings), 0 for other ``id`` attributes (a string or an
    int, or null)."""
    if not low:
        return value is None or type(value) in (str, int)
    if value in ("", "0", 0, None, False, ()) or type(value) not in (str, int):
        return False
    if uuid:
        return type(value) is str and _UUID7.fullmatch(value) is not None
    number = php_number(value)
    return type(number) is int and 1 <= number <= PHP_INT_MAX


_BIGINT = re.compile(r"(-?)([0-9]+)\n?")


def _is_bigint(value: object, signed: bool, unsigned_max: int) -> bool:
    """``BigInt(signed, ...)``: an int (non-negative when unsigned), or a string of ASCII digits (PCRE's ``$``
    also takes one trailing newline) within the range."""
    if type(value) is int:
        return signed or value >= 0
    if type(value) is not str:
        return False
    match = _BIGINT.fullmatch(value)
    if match is None or (match.group(1) and not signed):
        return False
    number = int(match.group(2))
    if not signed:
        return number <= unsigned_max
    return number <= (2**63 if match.group(1) else 2**63 - 1)


_LIST_KEY = re.compile(r"0|-?[1-9][0-9]{0,18}")


def _int_key(key: str) -> bool:
    """Whether PHP's decoder makes an object member name an integer array key."""
    return _LIST_KEY.fullmatch(key) is not None and INT64[0] <= int(key) <= INT64[1]


def _mixed(value: object) -> bool:
    """An object value mixing list-style (integer) and key-style members at some level."""
    if type(value) is JSONObject:
        kinds = {_int_key(key) for key in value}
        return len(kinds) > 1 or any(_mixed(member) for member in value.values())
    if type(value) is tuple:
        return any(_mixed(item) for item in value)
    return False


# --------------------------------------------------------------------------------------------------------
# The checks of the current validators (JSON syntax, Appwrite 1.5 on)

_ORDERS = frozenset(("orderAsc", "orderDesc", "orderRandom"))
_TYPES = {
    "select": "select",
    "limit": "limit",
    "offset": "offset",
    "cursorAfter": "cursor",
    "cursorBefore": "cursor",
    **dict.fromkeys(_ORDERS, "order"),
}
NOT_FILTERS = frozenset(_TYPES)
AT_LEAST_ONE = frozenset(
    ("equal", "contains", "containsAny", "containsAll", "notContains", "exists", "notExists")
)
EXACTLY_ONE = frozenset(
    (
        "notEqual",
        "lessThan",
        "lessThanEqual",
        "greaterThan",
        "greaterThanEqual",
        "search",
        "notSearch",
        "startsWith",
        "notStartsWith",
        "endsWith",
        "notEndsWith",
        "regex",
    )
)
EXACTLY_TWO = frozenset(("between", "notBetween"))
_DISTANCE = frozenset(("distanceEqual", "distanceNotEqual", "distanceGreaterThan", "distanceLessThan"))
CONTAINS = frozenset(("contains", "containsAny", "containsAll", "notContains"))
_ON_ARRAYS = CONTAINS | {"isNull", "isNotNull", "exists", "notExists"}
_OBJECT_CHECKED = CONTAINS | {"equal", "notEqual"}
SEARCHES = frozenset(("search", "notSearch"))

_METHOD: Path = ("method",)
_ATTRIBUTE: Path = ("attribute",)
_VALUES: Path = ("values",)
_FIRST: Path = ("values", 0)


def _title(method: str) -> str:
    return method[:1].upper() + method[1:]


def _invalid(description: str, path: Path) -> tuple[str, Path]:
    return ("Invalid query: " + description, path)


def check_json(query: Query, target: Target) -> Problem:
    """``Validator\\Queries::isValid`` for one query of the JSON era: its children first, then its type's
    validator."""
    method = query.method
    values = query.values
    kind = _TYPES.get(method)
    if kind is None:  # a filter
        if method in LOGICAL_METHODS and values:
            for index, child in enumerate(values):
                problem = check_json(child, target)  # type: ignore[arg-type]  # logical: queries only
                if problem is not None:
                    return problem[0], ("values", index, *problem[1])
        if not target.filters:
            return ("Invalid query method: " + method, _METHOD)
        if target.special:
            return _vcs_namespace(query)
        return _filter(method, query.attribute or "", values or (), target)
    if kind not in target.registered:
        return ("Invalid query method: " + method, _METHOD)
    if kind == "order":
        return _order(method, query.attribute, target)
    if kind == "limit" or kind == "offset":  # noqa: PLR1714 - two identity tests are faster than a tuple
        return _page(kind, values, target.profile)
    if kind == "cursor":
        if target.special == "branches":
            return _branch_cursor(values)
        if values and is_uid(values[0], target.uid_length):
            return None
        return _invalid("Invalid cursor: " + uid_text(target.uid_length), _page_path(values))
    return _select(values or (), target)


def _page_path(values: Sequence[object] | None) -> Path:
    return _FIRST if values else _VALUES


def _page(kind: str, values: Sequence[object] | None, profile: Profile) -> Problem:
    """Limit and Offset (1.0-1.3: the Range validator alone)."""
    value = values[0] if values else None
    number = php_number(value)
    low, high = profile.limit if kind == "limit" else profile.offset
    if number is None and profile.numeric_first:
        return _invalid("Invalid limit: Value must be a valid number", _page_path(values))  # sic for offset
    if type(number) is not int or not low <= number <= high:
        return _invalid(f"Invalid {kind}: " + range_text(low, high), _page_path(values))
    return None


def _order(method: str, attribute: str | None, target: Target) -> Problem:
    if method == "orderRandom" or not attribute or attribute in target.attributes:
        return None
    head, dot, _ = attribute.partition(".")
    if target.schemaless and not (dot and head in target.attributes):
        return None
    if dot and target.profile.nested == "first" and head in target.attributes:
        return _invalid("Cannot order by nested attribute: " + head, _ATTRIBUTE)
    shown = head if dot and target.profile.nested == "first" else attribute
    return _invalid("Attribute not found in schema: " + shown, _ATTRIBUTE)


def _select(values: Sequence[object], target: Target) -> Problem:
    if not values:
        return _invalid("No attributes selected", _VALUES)
    for index, value in enumerate(values):
        if type(value) is not str:
            return _invalid(
                f"Attribute selection must be a string, got {debug_type(value)}", ("values", index)
            )
    if len(set(values)) != len(values):
        seen: set[object] = set()
        for index, value in enumerate(values):
            if value in seen:
                return _invalid("Duplicate attributes selected", ("values", index))
            seen.add(value)
    attributes = target.attributes
    for index, value in enumerate(values):
        name: str = value  # type: ignore[assignment]
        if name in SELECT_INTERNAL or name in attributes or target.schemaless:
            continue
        head = name.partition(".")[0]
        if head != name and (head in SELECT_INTERNAL or head in attributes):
            continue
        shown = head if target.profile.nested == "first" else name
        return _invalid("Attribute not found in schema: " + shown, ("values", index))
    return None


_AT_LEAST_ONE, _EXACTLY_ONE, _EXACTLY_TWO, _DISTANCE_RULE, _VECTOR_RULE, _AND_OR, _ELEM_MATCH = range(1, 8)
_COUNT_RULES = {
    **dict.fromkeys(AT_LEAST_ONE | (_SPATIAL_ONLY - _DISTANCE), _AT_LEAST_ONE),
    **dict.fromkeys(EXACTLY_ONE, _EXACTLY_ONE),
    **dict.fromkeys(EXACTLY_TWO, _EXACTLY_TWO),
    **dict.fromkeys(_DISTANCE, _DISTANCE_RULE),
    **dict.fromkeys(_VECTOR, _VECTOR_RULE),
    "and": _AND_OR,
    "or": _AND_OR,
    "elemMatch": _ELEM_MATCH,
}


_SCALARS = frozenset((INTEGER, FLOAT, BOOLEAN))
# Methods with nothing to check beyond the values' types and the array rule (for strings, contains too).
_PLAIN = frozenset(
    (
        *EXACTLY_ONE,
        *EXACTLY_TWO,
        "equal",
        "isNull",
        "isNotNull",
        "contains",
        "containsAny",
        "containsAll",
        "notContains",
    )
) - {"regex"}


def _filter(method: str, attribute: str, values: Sequence[Any], target: Target) -> Problem:  # noqa: PLR0915
    """The Filter validator: the count rules, then ``isValidAttributeAndValues``."""
    rule = _COUNT_RULES.get(method, 0)
    if rule == _AT_LEAST_ONE:
        if not values or (type(values[0]) is tuple and not values[0]):
            return _invalid(f"{_title(method)} queries require at least one value.", _VALUES)
    elif rule == _EXACTLY_ONE:
        if len(values) != 1:
            return _invalid(f"{_title(method)} queries require exactly one value.", _VALUES)
    elif rule == _EXACTLY_TWO:
        if len(values) != 2:
            return _invalid(f"{_title(method)} queries require exactly two values.", _VALUES)
    elif rule == _DISTANCE_RULE:
        first = values[0] if len(values) == 1 else None
        if type(first) not in (tuple, JSONObject) or len(first) != 3:  # type: ignore[arg-type]
            return _invalid("Distance query requires [[geometry, distance]] parameters", _VALUES)
    elif rule == _VECTOR_RULE:
        return _vector(method, attribute, values, target)
    elif rule == _AND_OR:
        return _logical(method, values, 2)
    elif rule == _ELEM_MATCH:
        if not target.schemaless:
            return _invalid("elemMatch is not supported by the database", _METHOD)
        problem = _is_valid_attribute(attribute, target)
        return problem if problem is not None else _logical(method, values, 1)
    found = target.plain.get(attribute)
    if found is not None:
        name = attribute
    else:
        found = target.attributes.get(attribute)
        problem = _is_valid_attribute(attribute, target)
        if problem is not None:
            return problem
        name = attribute
        if "." in attribute and found is None:
            name = attribute.partition(".")[0]
            found = target.attributes.get(name)
        if method in _EXISTS:
            return _is_valid_attribute(name, target)
        if found is None:  # schemaless, not in the schema
            if len(values) > target.max_values:
                return _invalid(
                    f"Query on attribute has greater than {target.max_values} values: {name}", _VALUES
                )
            return None
        if found.code is RELATIONSHIP and name != attribute:
            return None  # a path below a relationship: checked on the related collection
    if method in _EXISTS:
        return None
    if len(values) > target.max_values:
        return _invalid(f"Query on attribute has greater than {target.max_values} values: {name}", _VALUES)
    # The common cases inline: plain methods on strings, numbers and booleans whose values all fit.
    code = found.code
    if (
        name is attribute
        and method in _PLAIN
        and (code is STRING or (code in _SCALARS and (found.array or method not in CONTAINS)))
    ):
        fits = True
        if code is STRING:
            for value in values:
                if type(value) is not str:
                    fits = False
                    break
        elif code is INTEGER:
            low, high = found.low, found.high
            for value in values:
                if type(value) is not int or not low <= value <= high:
                    fits = False
                    break
        else:
            kinds = (float, int) if code is FLOAT else (bool, bool)
            for value in values:
                if type(value) not in kinds:
                    fits = False
                    break
        if fits:
            if found.array and method not in _ON_ARRAYS:
                return _invalid(
                    f'Cannot query {method} on attribute "{name}" because it is an array.', _METHOD
                )
            return None
    return _attribute_and_values(method, name, found, values, target, dotted="." in attribute)


_EXISTS = frozenset(("exists", "notExists"))


def _logical(method: str, children: Sequence[Any], least: int) -> Problem:
    name = _title(method) if method != "elemMatch" else method
    for index, child in enumerate(children):
        if child.method in NOT_FILTERS:
            return _invalid(f"{name} queries can only contain filter queries", ("values", index))
    if len(children) < least:
        need = "at least two queries" if least == 2 else "at least one query"
        return _invalid(f"{name} queries require {need}", _VALUES)
    return None


def _is_valid_attribute(attribute: str, target: Target) -> Problem:
    """``Filter::isValidAttribute``: encryption of the full name, then the name (a dotted name not in the
    schema by its first segment)."""
    attributes = target.attributes
    found = attributes.get(attribute)
    if found is not None and found.encrypted:
        return _invalid("Cannot query encrypted attribute: " + attribute, _ATTRIBUTE)
    if found is None and not target.schemaless:
        head = attribute.partition(".")[0]
        if head not in attributes:
            return _invalid("Attribute not found in schema: " + head, _ATTRIBUTE)
    return None


def _lookup(attribute: str, target: Target) -> tuple[Attr | None, str, Problem]:
    """The lookup of the legacy validators: the attribute (None for a path below a relationship, which is
    not checked there), the name the messages use, or the problem."""
    attributes = target.attributes
    found = attributes.get(attribute)
    if found is not None:
        if found.encrypted:
            return None, attribute, _invalid("Cannot query encrypted attribute: " + attribute, _ATTRIBUTE)
        return found, attribute, None
    head, dot, _ = attribute.partition(".")
    nested = target.profile.nested
    if dot and nested != "unknown":
        found = attributes.get(head)
        if found is None:
            return None, head, _invalid("Attribute not found in schema: " + head, _ATTRIBUTE)
        if nested == "refused":
            return None, head, _invalid("Cannot query nested attribute on: " + head, _ATTRIBUTE)
        return (None if found.code is RELATIONSHIP else found), head, None
    return None, attribute, _invalid("Attribute not found in schema: " + attribute, _ATTRIBUTE)


def _vector(method: str, attribute: str, values: Sequence[Any], target: Target) -> Problem:
    problem = _is_valid_attribute(attribute, target)
    if problem is not None:
        return problem
    found = target.attributes.get(attribute)
    name = attribute if found is not None else attribute.partition(".")[0]
    found = found or target.attributes.get(name)
    if found is None or found.code is not VECTOR:
        return _invalid("Vector queries can only be used on vector attributes", _ATTRIBUTE)
    if len(values) != 1:
        return _invalid(f"{_title(method)} queries require exactly one vector value.", _VALUES)
    return _attribute_and_values(method, name, found, values, target, dotted="." in attribute)


def _attribute_and_values(
    method: str, name: str, found: Attr, values: Sequence[Any], target: Target, *, dotted: bool = False
) -> Problem:
    """``isValidAttributeAndValues`` after the lookup and the number of values."""
    code = found.code
    if method in _SPATIAL_ONLY and code is not SPATIAL:
        return _invalid(
            f'Spatial query "{method}" cannot be applied on non-spatial attribute: {name}', _ATTRIBUTE
        )
    if dotted and code is OBJECT:  # a path below an object attribute: its values are texts
        index = next((i for i, value in enumerate(values) if type(value) is not str), None)
    else:
        index = _bad_value(found, method, values, target)
    if index is not None:
        message = _value_message(found, name, values[index], target, dotted=dotted)
        assert message is not None  # a value was refused
        return _invalid(message, ("values", index))
    if found.virtual:
        return _invalid("Cannot query on virtual relationship attribute", _ATTRIBUTE)
    if (
        method in CONTAINS
        and not found.array
        and code is not STRING
        and code is not OBJECT
        and code is not SPATIAL
    ):
        which = "notContains" if method == "notContains" else "contains"
        return _invalid(
            f'Cannot query {which} on attribute "{name}" because it is not an array, string, or object.',
            _METHOD,
        )
    if found.array and method not in _ON_ARRAYS:
        return _invalid(f'Cannot query {method} on attribute "{name}" because it is an array.', _METHOD)
    # Vector methods only reach here on vector attributes (_vector), and an array refuses them above.
    return None


def _bad_value(found: Attr, method: str, values: Sequence[Any], target: Target) -> int | None:
    """The index of the first value the attribute's type refuses, or None."""
    code = found.code
    if code is STRING:
        for index, value in enumerate(values):
            if type(value) is not str:
                return index
        return None
    if code is INTEGER:
        low, high = found.low, found.high
        for index, value in enumerate(values):
            if type(value) is not int or not low <= value <= high:
                return index
        return None
    if code is BIGINT:
        signed = found.low < 0
        for index, value in enumerate(values):
            if not _is_bigint(value, signed, target.unsigned_bigint):
                return index
        return None
    if code is FLOAT:
        for index, value in enumerate(values):
            kind = type(value)
            if kind is not float and kind is not int:
                return index
        return None
    if code is BOOLEAN:
        for index, value in enumerate(values):
            if type(value) is not bool:
                return index
        return None
    if code is DATETIME:
        bounds = target.dates
        for index, value in enumerate(values):
            if _datetime.valid(value, *bounds) is False:
                return index
        return None
    if code is RELATIONSHIP:
        for index, value in enumerate(values):
            if type(value) is not str or len(value) > 255:
                return index
        return None
    if code is SEQUENCE:
        low, uuid = found.low, target.uuid_sequence
        for index, value in enumerate(values):
            if not _is_sequence(value, low, uuid):
                return index
        return None
    if code is OBJECT:
        if method in _OBJECT_CHECKED:
            for index, value in enumerate(values):
                if _mixed(value):
                    return index
        return None
    for index, value in enumerate(values):
        if _value_message(found, "", value, target) is not None:
            return index
    return None


def _value_message(
    found: Attr, name: str, value: object, target: Target, *, dotted: bool = False
) -> str | None:
    """The message for a value the type refuses (None for spatial and vector values that pass)."""
    code = found.code
    if code is SPATIAL:
        return None if type(value) in (tuple, JSONObject) else "Spatial data must be an array"
    if code is VECTOR:
        if type(value) not in (tuple, JSONObject):
            return "Vector query value must be an array"
        items = value.values() if type(value) is JSONObject else value
        if any(php_number(item) is None for item in items):  # type: ignore[attr-defined]
            return "Vector query value must contain only numeric values"
        if len(value) != found.dimensions:  # type: ignore[arg-type]
            return f"Vector query value must have {found.dimensions} elements"
        return None
    if code is OBJECT and not dotted:
        return f'Invalid object query structure for attribute "{name}"'
    if code is UNKNOWN:
        return "Unknown Data type"
    return f'Query value is invalid for attribute "{name}"'


def _branch_cursor(values: Sequence[object] | None) -> Problem:
    value = values[0] if values else None
    if type(value) is str and 1 <= len(value) <= 256:
        return None
    return _invalid(
        "Invalid cursor: Value must be a valid string and at least 1 chars and no longer than 256 chars",
        _page_path(values),
    )


def _vcs_namespace(query: Query) -> Problem:
    """VcsRepositories: only ``equal("namespace", [<string of 1-256 chars>])``."""
    if query.method != "equal":
        return _invalid("Only equal queries are supported for namespace", _METHOD)
    if query.attribute != "namespace":
        return _invalid("Only namespace can be queried", _ATTRIBUTE)
    values = query.values or ()
    if len(values) != 1:
        return _invalid("Namespace query must have exactly one value", _VALUES)
    value = values[0]
    if type(value) is not str or not 1 <= len(value) <= 256:
        return _invalid(
            "Namespace query value must be a string with a maximum length of 256 characters", _FIRST
        )
    return None


# --------------------------------------------------------------------------------------------------------
# The checks of the legacy validators (Appwrite 1.0-1.4)

_LEGACY_TYPES = {
    "select": "select",
    "limit": "limit",
    "offset": "offset",
    "cursorAfter": "cursor",
    "cursorBefore": "cursor",
    "orderAsc": "order",
    "orderDesc": "order",
}


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


# --------------------------------------------------------------------------------------------------------
# Document-only rules (IndexedQueries): one vector query per request, search needs a fulltext index


def document_rules(
    queries: Sequence[Query], target: Target, triggers: Sequence[int] | None = None
) -> tuple[int, str, Path] | None:
    """IndexedQueries after the per-query checks passed: nested queries first (depth first), then the
    vector count, then search on the queries of this level. Returns ``(index, description, path)``.
    ``triggers`` holds :func:`triggers_of` for each query, when known."""
    if triggers is None:
        triggers = [triggers_of(query) for query in queries]
    for index, query in enumerate(queries):
        if triggers[index] and query.method in LOGICAL_METHODS:
            found = document_rules(query.queries, target)
            if found is not None:
                return index, found[1], ("values", found[0], *found[2])
    if any(found & _VECTORS for found in triggers) and sum(map(_count_vectors, queries)) > 1:
        holding = [index for index, query in enumerate(queries) if _count_vectors(query)]
        index = holding[1] if len(holding) > 1 else holding[0]
        return index, "Cannot use multiple vector queries in a single request", _METHOD
    if target.fulltext is not None:
        for index, query in enumerate(queries):
            if query.method in SEARCHES and (query.attribute or "") not in target.fulltext:
                return (
                    index,
                    f'Searching by attribute "{query.attribute or ""}" requires a fulltext index.',
                    _ATTRIBUTE,
                )
    return None


def _count_vectors(query: Query) -> int:
    if query.method in _VECTOR:
        return 1
    if query.method in LOGICAL_METHODS and query.values:
        return sum(_count_vectors(child) for child in query.queries)
    return 0


# --------------------------------------------------------------------------------------------------------
# Methods a server version cannot parse (JSON era)


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


# --------------------------------------------------------------------------------------------------------
# Where a path lies in a query string


def json_span(text: str, path: Path) -> tuple[int, int]:
    """The span of ``path`` in a JSON query (the whole text when it cannot be located)."""
    try:
        return _php_json.locate(text, path)
    except (ValueError, IndexError, StopIteration):  # pragma: no cover - the texts given are valid JSON
        return 0, len(text)


_CLOSING_QUOTE = re.compile(r'(?<!\\)(?:\\\\)*"')
_TOKEN_END = re.compile(r"[^,\[\]) ]*")


def _legacy_layout(text: str) -> tuple[tuple[int, int], list[tuple[int, int, list[tuple[int, int]]]]]:
    """The method's span and each argument's span (with its items' spans, for arrays) in a canonical legacy
    query, ``equal("a", ["x", "y"])``."""
    paren = text.index("(")
    args: list[tuple[int, int, list[tuple[int, int]]]] = []
    position, end = paren + 1, len(text) - 1
    while position < end:
        char = text[position]
        if char in " ,":
            position += 1
            continue
        if char == "[":
            items: list[tuple[int, int]] = []
            start = position
            position += 1
            while position < end and text[position] != "]":
                if text[position] in " ,":
                    position += 1
                    continue
                stop = _scalar_end(text, position)
                items.append((position, stop))
                position = stop
            position += 1
            args.append((start, position, items))
        else:
            stop = _scalar_end(text, position)
            args.append((position, stop, []))
            position = stop
    return (0, paren), args


def _scalar_end(text: str, position: int) -> int:
    if text[position] == '"':
        closing = _CLOSING_QUOTE.search(text, position + 1)
        return len(text) - 1 if closing is None else closing.end()
    match = _TOKEN_END.match(text, position)
    assert match is not None  # the pattern matches the empty string
    return max(match.end(), position + 1)


def legacy_span(text: str, path: Path) -> tuple[int, int]:
    """The span of ``path`` (``("attribute",)``, ``("values", i)``, ...) in a canonical legacy query."""
    try:
        method, args = _legacy_layout(text)
    except ValueError:  # pragma: no cover - the texts given were read by the strict reader
        return 0, len(text)
    name = text[: method[1]]
    shape = _methods.LEGACY_SHAPES.get(name, "")
    step = path[0] if path else ""
    if step == "method" or not args:
        return method
    has_attribute = shape in ("filter", "between", "order")
    if step == "attribute":
        return args[0][:2] if has_attribute else method
    rest = args[1:] if has_attribute else args
    if not rest:
        return args[-1][:2]
    if len(path) == 1:
        return rest[0][0], rest[-1][1]
    index = path[1]
    assert isinstance(index, int)
    first = rest[0]
    if first[2] and index < len(first[2]):
        return first[2][index]
    return rest[min(index, len(rest) - 1)][:2]


# --------------------------------------------------------------------------------------------------------
# The endpoint's textual rewrites (webhooks: "tls" -> "security")


def rewrite(text: str, rewrites: Iterable[tuple[str, str]]) -> tuple[str, list[tuple[int, int, int]]]:
    """``text`` with every occurrence replaced, and the replacements as ``(start in the result, new
    length, old length)``, in order, for :func:`original_span`."""
    spots: list[tuple[int, str, str]] = []
    for old, new in rewrites:
        start = text.find(old)
        while start >= 0:
            spots.append((start, old, new))
            start = text.find(old, start + len(old))
    if not spots:
        return text, []
    spots.sort()
    pieces, moved, cursor = [], [], 0
    for start, old, new in spots:
        if start < cursor:  # pragma: no cover - the rewrites of one endpoint never overlap
            continue
        pieces.append(text[cursor:start])
        moved.append((sum(map(len, pieces)), len(new), len(old)))
        pieces.append(new)
        cursor = start + len(old)
    pieces.append(text[cursor:])
    return "".join(pieces), moved


def original_span(span: tuple[int, int], moved: Sequence[tuple[int, int, int]]) -> tuple[int, int]:
    """A span of the rewritten text as a span of the original one."""

    def back(position: int) -> int:
        shift = 0
        for start, new, old in moved:
            if position >= start + new:
                shift += new - old
            elif position > start:
                return start - shift + min(position - start, old)
        return position - shift

    return back(span[0]), back(span[1])


# --------------------------------------------------------------------------------------------------------
# Reading one item


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


# --------------------------------------------------------------------------------------------------------
# The pipelines: reading, the list limits, the cursor, the validators, the document-only rules, what
# Database::find() checks after them

PARAM = "Invalid `queries` param: "
_ARGUMENT, _QUERY, _UNKNOWN = "general_argument_invalid", "general_query_invalid", "general_unknown"
SERVER, STRICT, POLICY = "server", "strict", "policy"


def array_text(max_length: int) -> str:
    """``ArrayList(Text(max_length), 100)``'s description (Appwrite's ``queries`` parameter)."""
    return (
        "Value must a valid array no longer than 100 items and Value must be a valid string and at least 1 "
        f"chars and no longer than {max_length} chars"
    )


class Issue(NamedTuple):
    """One problem found: ``rank`` orders them as the server would meet them."""

    rank: tuple[int, int, int]
    item: int | None
    source: str
    start: int
    end: int
    message: str
    kind: str
    error_type: str | None

    @property
    def stage(self) -> str | None:
        """Which of the server's steps refuses the list (None for other kinds of problem)."""
        return STAGES[self.rank[1]] if self.kind is SERVER else None


STAGES = ("param", "parse", "cursor", "validator", "validator", "convert", "find")
"""The server's steps by rank: the parameter check, parsing, the first cursor, the validator (and the
document-only rules of ``IndexedQueries``), ``Database::convertQueries``, ``Database::validateSelections``.
The other list endpoints do all of it in their parameter's validator: their problems are all ``param``."""
_SINGLE_VALUE = frozenset(("limit", "offset", "cursorAfter", "cursorBefore"))
_CURSORS = frozenset(("cursorAfter", "cursorBefore"))
_NOTED = _SINGLE_VALUE | _VECTOR | LOGICAL_METHODS | {"search", "notSearch", "select"}  # see Run._check


class _Item:
    """One item of the list as read: its text, the tree returned to the caller, the tree the server checks
    (they differ only after an endpoint's rewrites), and how to map positions back. The class attributes
    are the defaults (one instance per query: setting only what differs keeps the hot path short)."""

    syntax = "json"
    query: Query | None = None
    checked: Query | None = None
    moved: Sequence[tuple[int, int, int]] = ()
    failed = False

    def __init__(self, text: str) -> None:
        self.text = text


class Run:
    """Validate one list of queries against a target; ``issues`` and ``queries`` hold the outcome."""

    first_cursor: Query | None = None

    def __init__(self, items: Sequence[object] | None, target: Target, rules: PolicyRules | None) -> None:
        self.target = target
        self.issues: list[Issue] = []
        documents = target.documents
        profile = target.profile
        if items is None:  # not a list at all
            message = array_text(target.max_length) if documents else "Queries must be an array"
            self.issues.append(Issue((0, 0, -1), None, "", 0, 0, PARAM + message, SERVER, _ARGUMENT))
            self.items, self.queries = [], []
            return
        if documents and len(items) > 100:
            self.issues.append(
                Issue((0, 0, -1), None, "", 0, 0, PARAM + array_text(target.max_length), SERVER, _ARGUMENT)
            )
        records: list[_Item] = []
        self.items = records
        # Plain JSON strings take the short way: length, parse, nothing else to read.
        fast = not profile.legacy and not target.rewrites
        every_method = profile.methods is SERVER_METHODS
        max_length = target.max_length
        parse = Query.parse
        for index, value in enumerate(items):
            if fast and type(value) is str:
                item = _Item(value)
                records.append(item)
                if documents and not 0 < len(value) <= max_length:
                    self._too_long(index, item)
                    continue
                try:
                    tree = parse(value, "json")
                except InvalidQuery as error:
                    self._json_failure(index, item, value, error)
                    continue
                item.checked = item.query = tree
                if not every_method:
                    self._known_methods(index, item, tree)
            else:
                records.append(self._read(index, value))
        self._check(documents)
        if len(self.issues) > 1:
            self._drop_shadowed()
        if rules is not None:
            for index, item in enumerate(records):
                if item.query is not None:
                    for message, path in policy_problems(item.query, rules):
                        start, end = self._span(item, path)
                        self.issues.append(
                            Issue((2, index, 0), index, item.text, start, end, message, POLICY, None)
                        )
        if len(self.issues) > 1:
            self.issues.sort(key=_rank)
        self.queries = [item.query for item in records]

    def _drop_shadowed(self) -> None:
        """A query the server refuses needs no note of appwrite_dsl's on how it would be read."""
        refused = {issue.item for issue in self.issues if issue.kind is SERVER}
        self.issues = [issue for issue in self.issues if issue.kind is SERVER or issue.item not in refused]

    # Reporting

    def _span(self, item: _Item, path: Path) -> tuple[int, int]:
        """Where ``path`` lies in the item's text. A rewrite (webhooks) only changes the content of strings,
        so a path leads to the same place in the text as given."""
        if item.syntax == "legacy":
            return legacy_span(item.text, path)
        return json_span(item.text, path)

    def _server(self, phase: int, index: int, item: _Item, description: str, span: tuple[int, int]) -> None:
        """A validator's description, as the pipeline reports it."""
        item.failed = True
        if self.target.documents:
            message, error_type = description, _QUERY
        else:
            message, error_type = PARAM + description, _ARGUMENT
        rank = (0, phase if self.target.documents else 0, index)
        self.issues.append(Issue(rank, index, item.text, span[0], span[1], message, SERVER, error_type))

    def _too_long(self, index: int, item: _Item) -> None:
        item.failed = True
        text = item.text
        message = PARAM + array_text(self.target.max_length)
        self.issues.append(Issue((0, 0, index), index, text, 0, len(text), message, SERVER, _ARGUMENT))

    def _parse_failure(self, index: int, item: _Item, message: str, span: tuple[int, int]) -> None:
        """The parser's message, as the version and the pipeline report it."""
        item.failed = True
        wording = self.target.profile.wording
        if self.target.documents:
            full, error_type = message, (_UNKNOWN if message.startswith("Utopia\\") else _QUERY)
        elif wording == "appwrite-1.0":
            full, error_type = PARAM + "Invalid query: ${query}", _ARGUMENT  # sic: not interpolated
        elif wording == "appwrite-1.3":
            full, error_type = PARAM + "Invalid query: " + item.text, _ARGUMENT
        else:
            full, error_type = PARAM + "Invalid query: " + message, _ARGUMENT
        rank = (0, 1 if self.target.documents else 0, index)
        self.issues.append(Issue(rank, index, item.text, span[0], span[1], full, SERVER, error_type))

    def _refusal(self, index: int, item: _Item, message: str, span: tuple[int, int]) -> None:
        """appwrite_dsl's own refusal of a text the server would read differently from what it says."""
        item.failed = True
        self.issues.append(Issue((1, 0, index), index, item.text, span[0], span[1], message, STRICT, None))

    # Reading

    def _read(self, index: int, value: object) -> _Item:
        target = self.target
        legacy = target.profile.legacy
        if isinstance(value, str):
            item = _Item(str.__str__(value))
        elif isinstance(value, Query):
            item = _Item(str(value))
            if legacy:
                try:
                    item.text = value.to_legacy()
                except InvalidQuery as error:
                    self._refusal(index, item, error.message, (0, len(item.text)))
                    return item
        else:
            return self._not_text(index, value)
        item.syntax = "legacy" if legacy else "json"
        text = item.text
        if target.documents and not 0 < len(text) <= target.max_length:
            self._too_long(index, item)
            return item
        read = text
        if target.rewrites:
            read, item.moved = rewrite(text, target.rewrites)
        given = value if isinstance(value, Query) else None
        if legacy:
            self._read_legacy(index, item, read, given)
        else:
            self._read_json(index, item, read, given)
        return item

    def _not_text(self, index: int, value: object) -> _Item:
        """An item that is not a string: the document routes' parameter check refuses it; the other list
        endpoints hand it to ``Query::parse(string)``, which PHP calls with the value as a string (arrays
        cannot be: a TypeError the validator reports)."""
        if value is None or type(value) in (bool, int, float):
            text = "1" if value is True else "" if value in (None, False) else _php_string(value)  # type: ignore[arg-type]
        elif isinstance(value, (list, tuple, dict)):
            text = ""
        else:
            raise TypeError(
                f"queries must hold str or Query items, not {type(value).__name__} (item {index})"
            )
        item = _Item(text)
        if self.target.documents:
            self._too_long(index, item)
        elif text or value in (None, False):
            self._read_json(index, item, text, None) if not self.target.profile.legacy else self._read_legacy(
                index, item, text, None
            )
        else:
            message = (
                "Utopia\\Database\\Query::parse(): Argument #1 ($query) must be of type string, array given"
            )
            self._parse_failure(index, item, message, (0, 0))
        return item

    def _json_failure(self, index: int, item: _Item, text: str, error: InvalidQuery) -> None:
        message, span = error.message, (error.position, error.end)
        methods = self.target.profile.methods
        if methods is SERVER_METHODS and not is_server_message(message) and not item.moved:
            reading = _server_reading.php_parse(_php_json.decode(text))
            if type(reading) is tuple:
                self._parse_failure(index, item, reading[0], json_span(text, reading[1]))
                return
            self._refusal(index, item, message, span)
            item.failed = False
            item.checked = reading  # type: ignore[assignment]  # the checks read it like a Query
            return
        if methods is not SERVER_METHODS and not is_decoding_error(error):
            found = shape_problem(_php_json.decode(text), methods)
            if found is not None:
                message, span = found[0], json_span(text, found[1])
        if item.moved:
            span = original_span(span, item.moved)
        if is_server_message(message):
            self._parse_failure(index, item, message, span)
        else:
            self._refusal(index, item, message, span)

    def _known_methods(self, index: int, item: _Item, tree: Query) -> None:
        path = unknown_method(tree, self.target.profile.methods)
        if path is not None:
            node = _node(tree, path)
            self._parse_failure(index, item, "Invalid query method: " + node.method, self._span(item, path))

    def _read_json(self, index: int, item: _Item, text: str, given: Query | None) -> None:
        try:
            tree = given if given is not None and not item.moved else Query.parse(text, syntax="json")
        except InvalidQuery as error:
            self._json_failure(index, item, text, error)
            return
        item.checked = tree
        item.query = given if given is not None else tree if not item.moved else _reparse(item.text, tree)
        self._known_methods(index, item, tree)

    def _read_legacy(self, index: int, item: _Item, text: str, given: Query | None) -> None:
        profile = self.target.profile
        if given is not None and not item.moved:
            release = profile.release
            if release is not None and release.drops_bare_zero:
                try:
                    _legacy.read_legacy(text, version=profile.version)
                except InvalidQuery as error:
                    self._refusal(index, item, error.message, (error.position, error.end))
                    return
            item.query = item.checked = given
            return
        try:
            tree = legacy_strict(text, profile)
        except InvalidQuery as strict:
            try:
                reading = _legacy_server.server_read_legacy(text, version=profile.version)
            except _legacy_server.ServerError as error:
                span = original_span((error.position, error.end), item.moved)
                self._parse_failure(index, item, error.message, span)
                return
            problem = check_legacy(reading.method, reading.attribute, reading.values, self.target)
            if problem is not None:
                self._server(3, index, item, problem[0], (0, len(item.text)))
            else:
                span = original_span((strict.position, strict.end), item.moved)
                self._refusal(index, item, strict.message, span)
            return
        item.checked = tree
        item.query = given if given is not None else tree

    # Checking

    def _check(self, documents: bool) -> None:
        """The cursor (document routes), every query's validators, then the document-only rules."""
        target = self.target
        legacy = target.profile.legacy
        records = self.items
        if documents:
            self._cursor()
        triggered = 0
        triggers = self.triggers = [0] * len(records)
        datetimes = target.datetimes if documents else frozenset()
        later = []  # what Database::find() looks at after the validator: dates, selections
        for index, item in enumerate(records):
            tree = item.checked
            if tree is None or item.failed:
                continue
            if legacy:
                problem = check_legacy(tree.method, tree.attribute or "", tree.values or (), target)
            else:
                problem = check_json(tree, target)
            if problem is not None:
                self._server(3, index, item, problem[0], self._span(item, problem[1]))
                continue
            if tree.attribute in datetimes:
                later.append(index)
            method = tree.method
            if method not in _NOTED:
                continue
            if method in _SINGLE_VALUE:
                if tree.values and len(tree.values) > 1:
                    count = len(tree.values)
                    message = (
                        f"Expected one value in {method}, found {count}: the server reads only the first"
                    )
                    self._refusal(index, item, message, self._span(item, ("values", 1)))
                    item.failed = False
            elif documents:
                if method in _TRIGGERS:
                    triggers[index] = found = triggers_of(tree)
                    triggered |= found
                listed = later and later[-1] == index
                if not listed and (
                    method == "select"
                    or (datetimes and method in LOGICAL_METHODS and _server_reading.mentions(tree, datetimes))
                ):
                    later.append(index)
        if triggered & _VECTORS or (triggered & _SEARCHES and target.fulltext is not None):
            self._document_rules()
        if later and not legacy:
            self._after_validation(later)

    def _after_validation(self, later: list[int]) -> None:
        """``Database::find()`` after the validator: ``convertQueries`` re-reads dates, then
        ``validateSelections``; both run only when every query passed. Dates in forms appwrite_dsl does not
        read are noted as strictness. ``later`` holds the indexes of the queries they may concern."""
        target = self.target
        items = [self.items[index] for index in later]
        trees: list[Query] = [item.checked for item in items]  # type: ignore[misc]
        refused = any(issue.kind is SERVER for issue in self.issues) or any(
            item.failed for item in self.items
        )
        if target.datetimes:
            unread: list[tuple[int, str, Path]] = []
            found = _server_reading.convert_problem(
                trees, target.datetimes, target.uuid_sequence, self.first_cursor, unread
            )
            for index, value, path in unread:
                item = items[index]
                message = (
                    "Expected a date in a form appwrite_dsl reads (ISO 8601 and the common PHP forms), "
                    f"found {value!r}: whether the server's date reader takes it is not known here"
                )
                self._refusal(later[index], item, message, self._span(item, path))
                item.failed = False
            if refused:
                return
            if found is not None:
                index, message, path = found
                self._stage(5, later[index], message, path)
                return
        if refused:
            return
        if not target.schemaless:
            chosen = _server_reading.selection_problem(trees, target.selectable)
            if chosen is not None:
                self._stage(6, later[chosen[0]], chosen[1], _VALUES)

    def _stage(self, phase: int, index: int, message: str, path: Path) -> None:
        item = self.items[index]
        item.failed = True
        start, end = self._span(item, path)
        self.issues.append(Issue((0, phase, index), index, item.text, start, end, message, SERVER, _QUERY))

    def _cursor(self) -> None:
        """Document routes check the first cursor query's value (``UID(36)``) before the validators."""
        for index, item in enumerate(self.items):
            tree = item.checked
            if tree is None or item.failed or tree.method not in _CURSORS:
                continue
            self.first_cursor = tree  # Appwrite replaces its value with the document
            values = tree.values
            if not (values and is_uid(values[0])):
                item.failed = True
                start, end = self._span(item, _page_path(values))
                message = "Invalid cursor: " + UID_TEXT
                self.issues.append(
                    Issue((0, 2, index), index, item.text, start, end, message, SERVER, _QUERY)
                )
            return

    def _document_rules(self) -> None:
        passed = [
            index for index, item in enumerate(self.items) if not item.failed and item.checked is not None
        ]
        trees: list[Query] = [self.items[index].checked for index in passed]  # type: ignore[misc]
        found = document_rules(trees, self.target, [self.triggers[index] for index in passed])
        if found is not None:
            index = passed[found[0]]
            item = self.items[index]
            self._server(4, index, item, found[1], self._span(item, found[2]))


def _php_string(number: float) -> str:
    """PHP's string of a number (``1.0`` is ``"1"``, ``1e25`` is ``"1.0E+25"``)."""
    if type(number) is int or (number.is_integer() and abs(number) < 1e15):
        return str(int(number))
    text = repr(number)
    if "e" in text:
        mantissa, _, exponent = text.partition("e")
        mantissa = mantissa if "." in mantissa else mantissa + ".0"
        text = f"{mantissa}E{'+' if not exponent.startswith('-') else '-'}{exponent.lstrip('+-')}"
    return text


def _rank(issue: Issue) -> tuple[int, int, int]:
    return issue.rank


_VECTORS, _SEARCHES = 1, 2
_TRIGGERS = _VECTOR | SEARCHES | LOGICAL_METHODS


def triggers_of(query: Query) -> int:
    """Whether a query holds vector queries (1) or searches (2), nested ones included."""
    method = query.method
    if method in _VECTOR:
        return _VECTORS
    if method in SEARCHES:
        return _SEARCHES
    found = 0
    if method in LOGICAL_METHODS:
        for child in query.queries:
            found |= triggers_of(child)
    return found


def _node(query: Query, path: Path) -> Query:
    """The query a path of the form ``("values", i, "values", j, ..., "method")`` leads to."""
    for step in path[1:-1:2]:
        query = query.values[step]  # type: ignore[index, assignment]
    return query


def _reparse(text: str, fallback: Query) -> Query:
    try:
        return Query.parse(text, syntax="json")
    except InvalidQuery:  # pragma: no cover - a rewrite never turns an invalid text into a valid one
        return fallback
