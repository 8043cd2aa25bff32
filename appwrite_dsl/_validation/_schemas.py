"""The targets of validation as the caller describes them: a collection's (or table's) :class:`Attribute`
items and :class:`Schema`, and the built-in list endpoints' presets (:class:`Endpoint`), each compiled once
per server version into the :class:`~._attributes.Target` the checks read. All three are public as
``appwrite_dsl.validate.Attribute``, ``.Schema`` and ``.Endpoint``."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .. import _presets
from ._attributes import QUERY_LENGTH, Attr, Target, compile_attribute
from ._deployment import DEFAULT_DEPLOYMENT, Deployment

if TYPE_CHECKING:
    from typing import Any

    from ._versions import Profile

__all__ = ["Attribute", "Endpoint", "Schema", "endpoint_preset"]


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

    def _compiled(self) -> Attr:
        return compile_attribute(
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
    _targets: dict[tuple[str, str, bool], Target] = field(repr=False, compare=False, hash=False)

    def __init__(
        self,
        attributes: Iterable[Attribute] = (),
        *,
        fulltext: Iterable[str] | None = (),
        schemaless: bool = False,
        max_query_length: int = QUERY_LENGTH,
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

    def _target(self, profile: Profile, deployment: Deployment = DEFAULT_DEPLOYMENT) -> Target:
        key = (profile.version, *deployment.key)
        target = self._targets.get(key)
        if target is None:
            target = Target(
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
    _targets: dict[str, Target] = field(default_factory=dict, repr=False, compare=False, hash=False)

    def _target(self, profile: Profile, deployment: Deployment = DEFAULT_DEPLOYMENT) -> Target:
        target = self._targets.get(profile.version)  # the list endpoints do not depend on the deployment
        if target is None:
            target = Target(
                profile,
                {attribute.key: attribute._compiled() for attribute in self.attributes},
                documents=False,
                select=self.select,
                special=self.special,
                rewrites=self.rewrites,
            )
            self._targets[profile.version] = target
        return target


def endpoint_preset(name: str, version: str, data: _presets.EndpointData) -> Endpoint:
    """The :class:`Endpoint` of one entry of a preset table (:mod:`appwrite_dsl._presets`)."""
    attributes = []
    for entry in data.attributes:
        key, _, code = entry.partition(":")
        array = code.endswith("[]")
        kind, size, signed = _presets.TYPES[code.removesuffix("[]") if array else code]
        attributes.append(Attribute(key, kind, array=array, size=size, signed=signed))
    return Endpoint(name, version, tuple(attributes), data.select, data.special, data.rewrites)
