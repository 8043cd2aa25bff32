"""Validate user-supplied queries exactly as the Appwrite server does, before sending them on.

Give :func:`validate` the ``queries`` parameter as a client sent it (strings, or
:class:`~appwrite_dsl.query.Query` trees) and where it goes: a collection :class:`Schema` (the document and
row endpoints) or a built-in list ``endpoint`` (``"users"``, ``"files"``, ...). It returns the parsed
queries, or raises :class:`QueryValidationError` listing every problem with the server's own message, the
query's index and the span of the culprit inside its string:

>>> from appwrite_dsl.query import Query
>>> from appwrite_dsl.validate import Attribute, Policy, Schema, check, validate
>>> schema = Schema([Attribute.string("title"), Attribute.integer("year", bits=32)])
>>> validate(['{"method":"equal","attribute":"year","values":[1999]}', Query.limit(25)], schema=schema)
[<Query '{"method":"equal","attribute":"year","values":[1999]}'>, <Query '{"method":"limit","values":[25]}'>]
>>> validate(['{"method":"equal","attribute":"year","values":["1999"]}', 'limit(25)'], schema=schema)
Traceback (most recent call last):
  ...
appwrite_dsl.validate.QueryValidationError: Invalid query: Syntax error
    limit(25)
    ^

The server parses every query before it validates any, so the parse error of the second query is what it
answers (``limit(25)`` is the legacy syntax, which Appwrite 1.5 and later do not read); the error's
``errors`` lists both problems. :func:`check` returns them instead of raising (an empty list when the server
accepts every query):

>>> for error in check(['{"method":"equal","attribute":"year","values":["1999"]}'], schema=schema):
...     print(error)
Invalid query: Query value is invalid for attribute "year"
    {"method":"equal","attribute":"year","values":["1999"]}
                                                   ^~~~~~

The list endpoints use the server's own error framing (``Invalid `queries` param: ...``):

>>> [e.message for e in check(['{"method":"select","values":["name"]}'], endpoint="users")]
['Invalid `queries` param: Invalid query method: select']

``server_version`` picks the syntax (legacy up to 1.4), the methods, the limits and the wording of that
version; a :class:`Policy` adds the application's own rules, reported with ``kind == "policy"``:

>>> [e.message for e in check(['limit(500)'], schema=schema, server_version="1.2")]
['Query not valid: Invalid limit: Value must be a valid range between 0 and 100']
>>> policy = Policy(forbidden=["select"], max_limit=100)
>>> [(e.kind, e.message) for e in check([Query.limit(500)], schema=schema, policy=policy)]
[('policy', 'The policy allows a limit of at most 100, found 500')]

What each server version accepts, and the few places where this module is less exact than the server, are
in docs/validation.md.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Union

from . import _presets, _validation, _validation_cloud
from ._deployment import DEFAULT_DEPLOYMENT, Deployment
from ._methods import CLOUD
from .errors import ValidationError
from .query import METHODS, Query

__all__ = [
    "DEFAULT_VERSION",
    "KINDS",
    "METHOD_FAMILIES",
    "Attribute",
    "Deployment",
    "Endpoint",
    "Policy",
    "QueryError",
    "QueryValidationError",
    "Schema",
    "Validator",
    "check",
    "endpoint",
    "endpoints",
    "validate",
]

DEFAULT_VERSION = "1.9.6"
"""The server version assumed when none is given: the latest release (``APP_VERSION_STABLE``)."""

QueryLike = Union[str, Query]

KINDS = ("server", "strict", "policy")
"""The kinds of :class:`QueryError`, in the order a list reports them."""


# --------------------------------------------------------------------------------------------------------
# Errors


class QueryError(ValidationError):
    """One problem with one query (or with the list, when ``index`` is None).

    ``kind`` says whose rule it is, one of :data:`KINDS`: ``"server"`` (the server refuses the list with this
    problem: ``message`` is its exact text, ``error_type`` its error type, such as
    ``general_query_invalid``, and ``status`` its HTTP status), ``"strict"`` (appwrite_dsl's deliberate
    strictness: the server would accept the text but read it the way the message says, or the query cannot be
    written in that version's syntax; the message is appwrite_dsl's) or ``"policy"`` (the application's
    :class:`Policy`). A problem the server refuses is never ``"strict"``.
    ``position``/``end`` span the culprit inside ``source``, the query's text.
    ``stage`` says which step of the server refuses it (``"param"``, ``"parse"``, ``"cursor"``,
    ``"validator"``, ``"convert"``, ``"find"``; None for the other kinds).
    """

    kind: str  # never None here, unlike ParseError.kind

    def __init__(
        self,
        message: str,
        source: str,
        position: int = 0,
        end: int | None = None,
        *,
        index: int | None = None,
        kind: str = "server",
        error_type: str | None = None,
        stage: str | None = None,
    ) -> None:
        super().__init__(message, source, position, end, index=index)
        self.kind = kind
        self.error_type = error_type
        self.stage = stage

    @property
    def status(self) -> int | None:
        """The HTTP status the server answers with (400, or 500 for an uncaught PHP TypeError); None for a
        problem of another kind."""
        if self.kind != "server":
            return None
        return 500 if self.error_type == "general_unknown" else 400

    def __reduce__(self) -> tuple[Any, ...]:
        state = {"index": self.index, "kind": self.kind, "error_type": self.error_type, "stage": self.stage}
        return (_rebuild, (type(self), (self.message, self.source, self.position, self.end), state))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, index={self.index}, kind={self.kind!r})"


def _rebuild(cls: type[QueryError], parts: tuple[str, str, int, int], state: dict[str, Any]) -> QueryError:
    return cls(*parts, **state)


class QueryValidationError(ValidationError):
    """The queries break the server's rules or the policy: ``errors`` lists every :class:`QueryError`, in
    the order the server meets them; this error's own message, index, source and span are the first one's
    (what the server answers), and so are ``kind`` and ``error_type``."""

    kind: str

    def __init__(self, errors: Sequence[QueryError]) -> None:
        if not errors:
            raise ValueError("QueryValidationError needs at least one error")
        first = errors[0]
        super().__init__(first.message, first.source, first.position, first.end, index=first.index)
        self.errors: list[QueryError] = list(errors)
        self.kind = first.kind
        self.error_type = first.error_type
        self.stage = first.stage

    def __reduce__(self) -> tuple[Any, ...]:
        return (QueryValidationError, (self.errors,))

    def __repr__(self) -> str:
        return f"QueryValidationError({self.message!r}, index={self.index}, errors={len(self.errors)})"


# --------------------------------------------------------------------------------------------------------
# Schemas


@dataclass(frozen=True)
class Attribute:
    """An attribute (a column) as the server's validators see it.

    ``type`` is Appwrite's: ``string`` (or ``varchar``, ``text``, ``mediumtext``, ``longtext``),
    ``integer``, ``bigint``, ``double`` (or ``float``), ``boolean``, ``datetime``, ``relationship``,
    ``point``, ``linestring``, ``polygon``, ``vector``, ``object``; another type is refused by the server's
    validator (``Unknown Data type``) and so here. ``size`` is the integer size in bytes (below 8: 32-bit;
    Appwrite makes an integer 64-bit when its ``max`` exceeds 2^31 - 1, which an unset ``max`` does) or the
    vector's dimensions. The builders (:meth:`string`, :meth:`integer`, ...) set the options that matter.
    """

    key: str
    type: str
    array: bool = False
    size: int = 0
    signed: bool = True
    encrypted: bool = False
    relation_type: str | None = None
    """``oneToOne``, ``oneToMany``, ``manyToOne`` or ``manyToMany``."""
    two_way: bool = False
    side: str | None = None
    """``parent`` or ``child``."""

    def __post_init__(self) -> None:
        if not isinstance(self.key, str) or not self.key:
            raise ValueError(f"An attribute's key must be a non-empty str, not {self.key!r}")
        if not isinstance(self.type, str):
            raise TypeError(f"An attribute's type must be a str, not {type(self.type).__name__}")

    @staticmethod
    def string(key: str, *, array: bool = False, encrypted: bool = False) -> Attribute:
        """A string attribute (any size, format, or ``enum`` element list)."""
        return Attribute(key, "string", array=array, encrypted=encrypted)

    @staticmethod
    def integer(key: str, *, bits: int = 64, signed: bool = True, array: bool = False) -> Attribute:
        """An integer attribute of 32 or 64 bits. The server checks an unsigned 32-bit integer against
        0 to 2^32 - 1, but a 64-bit one as signed (PHP has no unsigned 64-bit int)."""
        if bits not in (32, 64):
            raise ValueError(f"bits must be 32 or 64, not {bits!r}")
        return Attribute(key, "integer", array=array, size=bits // 8, signed=signed)

    @staticmethod
    def bigint(key: str, *, signed: bool = True, array: bool = False) -> Attribute:
        """A ``bigint`` attribute: its values are ints or strings of digits (``"9223372036854775808"``
        fits when unsigned on MariaDB and MySQL)."""
        return Attribute(key, "bigint", array=array, size=8, signed=signed)

    @staticmethod
    def float(key: str, *, array: bool = False) -> Attribute:
        """A float attribute (Appwrite's ``double``)."""
        return Attribute(key, "double", array=array)

    @staticmethod
    def boolean(key: str, *, array: bool = False) -> Attribute:
        """A boolean attribute."""
        return Attribute(key, "boolean", array=array)

    @staticmethod
    def datetime(key: str, *, array: bool = False) -> Attribute:
        """A datetime attribute."""
        return Attribute(key, "datetime", array=array)

    @staticmethod
    def relationship(
        key: str, relation_type: str, *, two_way: bool = False, side: str = "parent"
    ) -> Attribute:
        """A relationship attribute; the side the server keeps no column for (the child of a one-way
        one-to-one, the parent of one-to-many, the child of many-to-one, any many-to-many) cannot be
        queried."""
        return Attribute(key, "relationship", relation_type=relation_type, two_way=two_way, side=side)

    @staticmethod
    def point(key: str) -> Attribute:
        """A point attribute."""
        return Attribute(key, "point")

    @staticmethod
    def linestring(key: str) -> Attribute:
        """A line attribute (``linestring``)."""
        return Attribute(key, "linestring")

    @staticmethod
    def polygon(key: str) -> Attribute:
        """A polygon attribute."""
        return Attribute(key, "polygon")

    @staticmethod
    def vector(key: str, dimensions: int) -> Attribute:
        """A vector attribute of ``dimensions`` numbers."""
        return Attribute(key, "vector", size=dimensions)

    @staticmethod
    def object(key: str) -> Attribute:
        """An object attribute (schemaless JSON)."""
        return Attribute(key, "object")

    @staticmethod
    def from_config(data: Mapping[str, Any]) -> Attribute:
        """An attribute (or column) of an Appwrite project file (``appwrite.config.json``): ``key``, ``type``,
        ``array``, ``min``/``max`` (an integer's size), ``size`` (a vector's dimensions), ``signed``,
        ``encrypt``, ``relationType``, ``twoWay``, ``side``. Appwrite's API creates signed integers; a
        ``bigint`` keeps its ``signed``."""
        if not isinstance(data, Mapping):
            raise TypeError(f"An attribute must be a JSON object, not {type(data).__name__}")
        key, kind = data.get("key"), data.get("type")
        if not isinstance(key, str) or not isinstance(kind, str):
            raise ValueError(f"An attribute needs a string 'key' and 'type': {dict(data)!r}")
        size = 0
        if kind == "integer":
            high = data.get("max")
            size = 8 if not isinstance(high, (int, float)) or high > 2**31 - 1 else 4
        elif kind == "bigint":
            size = 8
        elif kind == "vector":
            size = int(data.get("size") or data.get("dimensions") or 0)
        return Attribute(
            key,
            kind,
            array=bool(data.get("array", False)),
            size=size,
            signed=bool(data.get("signed", True)),
            encrypted=bool(data.get("encrypt", False)),
            relation_type=data.get("relationType"),
            two_way=bool(data.get("twoWay", False)),
            side=data.get("side"),
        )

    def _compiled(self) -> _validation.Attr:
        return _validation.compile_attribute(
            self.type,
            array=self.array,
            size=self.size,
            signed=self.signed,
            encrypted=self.encrypted,
            relation_type=self.relation_type,
            two_way=self.two_way,
            side=self.side,
        )


@dataclass(frozen=True, init=False)
class Schema:
    """A collection's (or table's) attributes for the document and row endpoints.

    ``Schema(attributes, *, fulltext=(), schemaless=False, max_query_length=4096)``, every argument after
    the attributes by keyword. ``attributes`` are :class:`Attribute` items with distinct keys (``$id``,
    ``$sequence``, ``$createdAt``, ``$updatedAt`` are added by the validator; do not list them).
    ``fulltext`` names the attributes that have a fulltext index of their own (exactly one attribute),
    which ``search`` and ``notSearch`` need. The default, ``()``, is a collection without fulltext indexes:
    every search is refused, as the server does. ``fulltext=None`` says the indexes are not known and turns
    that one rule off (say it only when some other check covers it). :meth:`from_collection` and
    :meth:`from_project` read the indexes of a project file.
    ``schemaless`` is a schemaless database (attributes are not checked; ``elemMatch`` is allowed);
    ``max_query_length`` the characters allowed per query string (524288 on VectorsDB, 4096 elsewhere).
    """

    attributes: tuple[Attribute, ...]
    fulltext: frozenset[str] | None
    schemaless: bool
    max_query_length: int
    _targets: dict[tuple[str, str, bool], _validation.Target] = field(repr=False, compare=False, hash=False)

    def __init__(
        self,
        attributes: Iterable[Attribute] = (),
        *,
        fulltext: Iterable[str] | None = (),
        schemaless: bool = False,
        max_query_length: int = 4096,
    ) -> None:
        items = tuple(attributes)
        keys: set[str] = set()
        for item in items:
            if not isinstance(item, Attribute):
                raise TypeError(f"Expected Attribute items, found {type(item).__name__}")
            if item.key in keys:
                raise ValueError(f"Attribute {item.key!r} is defined twice")
            keys.add(item.key)
        if isinstance(fulltext, str):
            raise TypeError("fulltext must be an iterable of attribute keys, not a str")
        if max_query_length < 1:
            raise ValueError(f"max_query_length must be at least 1, not {max_query_length}")
        object.__setattr__(self, "attributes", items)
        object.__setattr__(self, "fulltext", None if fulltext is None else frozenset(fulltext))
        object.__setattr__(self, "schemaless", bool(schemaless))
        object.__setattr__(self, "max_query_length", max_query_length)
        object.__setattr__(self, "_targets", {})

    @classmethod
    def from_collection(cls, collection: Mapping[str, Any]) -> Schema:
        """The schema of a ``collections`` or ``tables`` entry of an Appwrite project file: its
        ``attributes`` (or ``columns``) and the single-attribute fulltext indexes among its ``indexes``
        (those with a ``status`` other than ``available`` are not built yet; no ``indexes`` key: none)."""
        if not isinstance(collection, Mapping):
            raise TypeError(f"A collection must be a JSON object, not {type(collection).__name__}")
        attributes = collection.get("attributes", collection.get("columns", []))
        if not isinstance(attributes, list):
            raise ValueError("A collection's 'attributes' (or a table's 'columns') must be a list")
        indexes = collection.get("indexes")
        fulltext: set[str] = set()
        for index in indexes if isinstance(indexes, list) else ():
            if not isinstance(index, Mapping) or index.get("type") != "fulltext":
                continue
            keys = index.get("attributes", index.get("columns"))
            available = index.get("status", "available") == "available"
            if isinstance(keys, list) and len(keys) == 1 and isinstance(keys[0], str) and available:
                fulltext.add(keys[0])
        return cls([Attribute.from_config(item) for item in attributes], fulltext=fulltext)

    @classmethod
    def from_project(cls, project: Mapping[str, Any] | str | os.PathLike[str], id: str) -> Schema:
        """The schema of the collection or table ``id`` of a project file (a path, or its decoded JSON)."""
        if not isinstance(project, Mapping):
            with open(project, encoding="utf-8") as file:
                project = json.load(file)
            if not isinstance(project, Mapping):
                raise ValueError("A project file must hold a JSON object")
        found = []
        for key in ("collections", "tables"):
            entries = project.get(key)
            for entry in entries if isinstance(entries, list) else ():
                if isinstance(entry, Mapping):
                    if entry.get("$id") == id:
                        return cls.from_collection(entry)
                    found.append(str(entry.get("$id")))
        raise KeyError(f"No collection or table {id!r} in the project (found: {', '.join(found) or 'none'})")

    def _target(
        self, profile: _validation.Profile, deployment: Deployment = DEFAULT_DEPLOYMENT
    ) -> _validation.Target:
        key = (profile.version, *deployment.key)
        target = self._targets.get(key)
        if target is None:
            target = _validation.Target(
                profile,
                {attribute.key: attribute._compiled() for attribute in self.attributes},
                documents=True,
                select=True,
                fulltext=self.fulltext,
                schemaless=self.schemaless,
                max_length=self.max_query_length,
                deployment=deployment,
            )
            self._targets[key] = target
        return target


@dataclass(frozen=True)
class Endpoint:
    """A built-in list endpoint's preset (Appwrite's ``src/Appwrite/Utopia/Database/Validator/Queries/``):
    the attributes its queries may use, whether it takes ``select``, and the table version it comes from."""

    name: str
    version: str
    """The version of the preset table (see :func:`endpoints`)."""
    attributes: tuple[Attribute, ...]
    select: bool = False
    special: str = ""
    """``"branches"`` and ``"vcsRepositories"`` take only a few queries of their own."""
    rewrites: tuple[tuple[str, str], ...] = ()
    """Texts replaced in the raw query string before validation (webhooks)."""
    _targets: dict[str, _validation.Target] = field(
        default_factory=dict, repr=False, compare=False, hash=False
    )

    def _target(
        self, profile: _validation.Profile, deployment: Deployment = DEFAULT_DEPLOYMENT
    ) -> _validation.Target:
        target = self._targets.get(profile.version)  # the list endpoints do not depend on the deployment
        if target is None:
            target = _validation.Target(
                profile,
                {attribute.key: attribute._compiled() for attribute in self.attributes},
                documents=False,
                select=self.select,
                special=self.special,
                rewrites=self.rewrites,
            )
            self._targets[profile.version] = target
        return target


_ENDPOINTS: dict[str, Mapping[str, Endpoint]] = {}


def endpoints(server_version: str = DEFAULT_VERSION) -> Mapping[str, Endpoint]:
    """The built-in list endpoints' presets for a server version, by name (``"users"``, ``"fileTokens"``,
    ``"vcsRepositories"``, ...: the server's validator class names with a lower-case first letter).

    Only the table of 1.9.6 (and main) is shipped so far; other versions get it too, so for endpoints
    whose attributes changed the preset may differ from that version's server (docs/validation.md).

    >>> sorted(endpoints())[:5]
    ['attributes', 'branches', 'buckets', 'collections', 'columns']
    >>> [a.key for a in endpoints()["teams"].attributes]
    ['name', 'total']
    """
    number = _validation.version_number(server_version)
    version, table = _presets.table(number)
    presets = _ENDPOINTS.get(version)
    if presets is None:
        built = {name: _endpoint(name, version, data) for name, data in table.items()}
        presets = _ENDPOINTS[version] = MappingProxyType(built)
    return presets


def endpoint(name: str, server_version: str = DEFAULT_VERSION) -> Endpoint:
    """One endpoint's preset; ValueError naming the known ones for any other name."""
    return _preset(name, server_version)


def _preset(name: str, server_version: str) -> Endpoint:
    presets = endpoints(server_version)
    found = presets.get(name)
    if found is None:
        raise ValueError(f"Expected a list endpoint ({', '.join(sorted(presets))}), found {name!r}")
    return found


def _endpoint(name: str, version: str, data: _presets.EndpointData) -> Endpoint:
    attributes = []
    for entry in data.attributes:
        key, _, code = entry.partition(":")
        array = code.endswith("[]")
        kind, size, signed = _presets.TYPES[code.removesuffix("[]") if array else code]
        attributes.append(Attribute(key, kind, array=array, size=size, signed=signed))
    return Endpoint(name, version, tuple(attributes), data.select, data.special, data.rewrites)


# --------------------------------------------------------------------------------------------------------
# The policy


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

    def _rules(self) -> _validation.PolicyRules:
        return _validation.PolicyRules(
            self.attributes, self.methods, self.forbidden, self.max_limit, self.max_offset, self.max_depth
        )


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


# --------------------------------------------------------------------------------------------------------
# Validating


class Validator:
    """Validation against one target, server version and policy, set up once for many lists.

    >>> validator = Validator(endpoint="users", policy=Policy(max_limit=100))
    >>> limit = '{"method":"limit","values":[50]}'
    >>> for query in validator.validate([Query.equal("email", "a@example.com"), limit]):
    ...     print(query)
    {"method":"equal","attribute":"email","values":["a@example.com"]}
    {"method":"limit","values":[50]}
    >>> [e.message for e in validator.check([Query.equal("status", "true")])]
    ['Invalid `queries` param: Invalid query: Query value is invalid for attribute "status"']
    """

    __slots__ = ("_rules", "_target", "deployment", "policy", "server_version", "target")

    def __init__(
        self,
        *,
        schema: Schema | None = None,
        endpoint: str | Endpoint | None = None,
        server_version: str = DEFAULT_VERSION,
        policy: Policy | None = None,
        deployment: Deployment | None = None,
    ) -> None:
        if (schema is None) == (endpoint is None):
            raise TypeError(
                "Validator needs either schema= (a collection or table) or endpoint= (a list endpoint)"
            )
        if server_version == CLOUD and schema is None:
            raise ValueError(
                f"server_version {CLOUD!r} is known for the document and row endpoints only (schema=)"
            )
        profile = _validation.profile("1.9.6" if server_version == CLOUD else server_version)
        if schema is not None:
            if not isinstance(schema, Schema):
                raise TypeError(f"schema must be a Schema, not {type(schema).__name__}")
            self.target: Schema | Endpoint = schema
        else:
            self.target = endpoint if isinstance(endpoint, Endpoint) else _preset(endpoint, server_version)  # type: ignore[arg-type]
        if policy is not None and not isinstance(policy, Policy):
            raise TypeError(f"policy must be a Policy, not {type(policy).__name__}")
        if deployment is None:
            deployment = DEFAULT_DEPLOYMENT
        elif not isinstance(deployment, Deployment):
            raise TypeError(f"deployment must be a Deployment, not {type(deployment).__name__}")
        self.deployment = deployment
        self._target = self.target._target(profile, deployment)
        self.server_version = server_version
        self.policy = policy
        self._rules = None if policy is None else policy._rules()

    def check(self, queries: Iterable[QueryLike]) -> list[QueryError]:
        """Every problem, in the order the server meets them; an empty list when all is well."""
        return self._run(queries)[1]

    def validate(self, queries: Iterable[QueryLike]) -> list[Query]:
        """The parsed queries, or :class:`QueryValidationError` listing every problem."""
        parsed, errors = self._run(queries)
        if errors:
            raise QueryValidationError(errors)
        return parsed  # type: ignore[return-value]

    def _run(self, queries: Iterable[QueryLike]) -> tuple[list[Query | None], list[QueryError]]:
        items: list[object] | None
        if isinstance(queries, (str, bytes, Query)):
            items = None  # the server's parameter check refuses a value that is not an array
        elif isinstance(queries, Mapping):
            items = list(queries.values())  # PHP reads a JSON object as an array of its members' values
        else:
            try:
                items = list(queries)
            except TypeError:
                items = None
        if self.server_version == CLOUD:
            parsed, issues = _validation_cloud.run(items, self._target.max_length, self._rules)
        else:
            run = _validation.Run(items, self._target, self._rules)
            parsed, issues = run.queries, run.issues
        errors = [
            QueryError(
                issue.message,
                issue.source,
                issue.start,
                issue.end,
                index=issue.item,
                kind=issue.kind,
                error_type=issue.error_type,
                stage=issue.stage,
            )
            for issue in issues
        ]
        return parsed, errors


def validate(
    queries: Iterable[QueryLike],
    *,
    schema: Schema | None = None,
    endpoint: str | Endpoint | None = None,
    server_version: str = DEFAULT_VERSION,
    policy: Policy | None = None,
    deployment: Deployment | None = None,
) -> list[Query]:
    """Validate a ``queries`` parameter as the server of ``server_version`` does, for a collection or
    table ``schema`` (document and row endpoints) or a list ``endpoint`` (``"users"``, ...), then against
    the ``policy``. Returns the parsed queries; raises :class:`QueryValidationError`."""
    return Validator(
        schema=schema, endpoint=endpoint, server_version=server_version, policy=policy, deployment=deployment
    ).validate(queries)


def check(
    queries: Iterable[QueryLike],
    *,
    schema: Schema | None = None,
    endpoint: str | Endpoint | None = None,
    server_version: str = DEFAULT_VERSION,
    policy: Policy | None = None,
    deployment: Deployment | None = None,
) -> list[QueryError]:
    """:func:`validate` without raising: the list of problems, empty when the server accepts the list."""
    return Validator(
        schema=schema, endpoint=endpoint, server_version=server_version, policy=policy, deployment=deployment
    ).check(queries)
