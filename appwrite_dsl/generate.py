"""Typed Python from an Appwrite project file: row types, type-checked query builders and schemas.

:func:`generate` reads the ``collections`` (legacy Databases) and ``tables`` (TablesDB) of a project file
(``appwrite.config.json`` or ``appwrite.json``) and writes one module that holds, per collection or table:

- ``<Name>Row`` (``<Name>Document`` for a collection): a ``TypedDict`` of what Appwrite returns, the
  system fields (``$id``, ``$sequence``, ``$tableId`` or ``$collectionId``, ``$databaseId``,
  ``$createdAt``, ``$updatedAt``, ``$permissions``) and every column with its Python type;
- ``<Name>Query``: the query builders of :class:`appwrite_dsl.query.Query`, each taking only the
  attribute names it applies to (``Literal`` types) with their value types, so that mypy and pyright
  refuse a misspelt name, a value of the wrong type and a method that does not apply; they build the very
  same queries as ``Query``;
- ``<NAME>_SCHEMA``: the :class:`appwrite_dsl.validate.Schema` that ``validate`` checks queries against.

The output depends on the project file only: regenerating an unchanged project gives the same bytes.
``appwrite-dsl generate [PATH] [-o FILE]`` runs it from the command line.
"""

from __future__ import annotations

import dataclasses
import inspect
import json
import os
import re
from collections.abc import Iterator, Mapping
from typing import Any

from ._validation import SPATIAL_TYPES, STRING_TYPES
from .validate import Attribute, Schema

__all__ = ["Entity", "entities", "generate", "load_project", "method_table", "schema_code"]


@dataclasses.dataclass(frozen=True)
class Entity:
    """A collection or a table of the project file, with the names its generated code uses."""

    id: str
    database: str
    kind: str
    """``"collection"`` or ``"table"``."""
    data: Mapping[str, Any]
    name: str
    """The Python name stem: ``Books`` for ``books``."""

    @property
    def columns(self) -> list[Mapping[str, Any]]:
        key = "attributes" if self.kind == "collection" else "columns"
        found = self.data.get(key)
        return [item for item in found if isinstance(item, Mapping)] if isinstance(found, list) else []


def _plain(text: str) -> str:
    """``text`` for a docstring: IDs keep their characters; anything else (a hand-edited file) is a ``?``."""
    return re.sub(r"[^A-Za-z0-9._ -]", "?", text)


def _pascal(text: str) -> str:
    words = [word for word in re.split(r"[^A-Za-z0-9]+", text) if word]
    name = "".join(word[:1].upper() + word[1:] for word in words) or "Entity"
    return name if name[0].isalpha() else "N" + name


def entities(project: Mapping[str, Any]) -> list[Entity]:
    """The collections, then the tables, of a decoded project file, in file order, each with a Python name
    that is unique in the module (the database's name is prefixed when two share one)."""
    found: list[tuple[str, str, str, Mapping[str, Any]]] = []
    for key, kind in (("collections", "collection"), ("tables", "table")):
        items = project.get(key)
        for item in items if isinstance(items, list) else ():
            if isinstance(item, Mapping) and isinstance(item.get("$id"), str):
                found.append((item["$id"], str(item.get("databaseId", "")), kind, item))
    stems = [_pascal(id) for id, _, _, _ in found]
    result: list[Entity] = []
    taken: set[str] = set()
    for (id, database, kind, item), stem in zip(found, stems):
        name = stem if stems.count(stem) == 1 else _pascal(database) + stem
        while name in taken:
            name += "_"
        taken.add(name)
        result.append(Entity(id, database, kind, item, name))
    return result


# --------------------------------------------------------------------------------------------------------
# Types of values


def _scalar(column: Mapping[str, Any]) -> str | None:
    """The Python type of one value of a column, as a query takes it; None for a type queries compare no
    plain value with (geometries, vectors, objects)."""
    kind = column.get("type")
    if kind in STRING_TYPES:
        elements = column.get("elements")
        if column.get("format") == "enum" and isinstance(elements, list) and elements:
            return "Literal[" + ", ".join(repr(str(e)) for e in elements) + "]"
        return "str"
    return {
        "integer": "int",
        "bigint": "int",
        "double": "float",
        "float": "float",
        "boolean": "bool",
        "datetime": "str",
        "relationship": "str",
    }.get(str(kind))


_GEOMETRY = {"point": "list[float]", "linestring": "list[list[float]]", "polygon": "list[list[list[float]]]"}


def _field_type(column: Mapping[str, Any]) -> str:
    """The Python type of a column in a returned row."""
    kind = column.get("type")
    if kind == "relationship":
        return "Any"  # the related row, a list of them, or their IDs, depending on the select queries
    if kind in _GEOMETRY:
        text = _GEOMETRY[str(kind)]
    elif kind == "vector":
        text = "list[float]"
    elif kind == "object":
        text = "dict[str, Any]"
    else:
        text = _scalar(column) or "Any"
    if column.get("array"):
        text = f"list[{text}]"
    return text if column.get("required") else f"Optional[{text}]"


# --------------------------------------------------------------------------------------------------------
# Which methods apply to which attribute, with what value types

_COMPARISONS = ("less_than", "less_than_equal", "greater_than", "greater_than_equal")
_TEXT = ("starts_with", "not_starts_with", "ends_with", "not_ends_with")
_SEARCH = ("search", "not_search")
_CONTAINS = ("contains", "not_contains")
_ARRAY_CONTAINS = ("contains", "contains_any", "contains_all", "not_contains")
_NULL = ("is_null", "is_not_null")
_ORDER = ("order_asc", "order_desc")
_RANGE = ("between", "not_between")
_SPATIAL = (
    "intersects",
    "not_intersects",
    "crosses",
    "not_crosses",
    "overlaps",
    "not_overlaps",
    "touches",
    "not_touches",
)
_DISTANCE = ("distance_equal", "distance_not_equal", "distance_greater_than", "distance_less_than")
_VECTOR = ("vector_dot", "vector_cosine", "vector_euclidean")

# method -> (parameters after the attribute, with {T} for the value type; the Query call's arguments)
_SHAPES: dict[str, tuple[str, str]] = {
    **dict.fromkeys(("equal", "not_equal"), ("value: Union[{T}, Sequence[{T}]]", "value")),
    **dict.fromkeys(_COMPARISONS + _TEXT + _SEARCH, ("value: {T}", "value")),
    **dict.fromkeys(_ARRAY_CONTAINS, ("value: Union[{T}, Sequence[{T}]]", "value")),
    **dict.fromkeys(_RANGE, ("start: {T}, end: {T}", "start, end")),
    **dict.fromkeys(_NULL + _ORDER, ("", "")),
    **dict.fromkeys(_SPATIAL, ("values: Sequence[Any]", "values")),
    **dict.fromkeys(
        _DISTANCE,
        ("values: Sequence[Any], distance: float, meters: bool = True", "values, distance, meters"),
    ),
    **dict.fromkeys(_VECTOR, ("vector: Sequence[float]", "vector")),
}
_ORDERED_KINDS = ("integer", "bigint", "double", "float", "datetime")


def _methods(column: Mapping[str, Any], fulltext: frozenset[str] | None) -> Iterator[tuple[str, str]]:
    """``(method, value type)`` for every method that applies to a user column (the value type is "" for
    methods without a value)."""
    kind, key = column.get("type"), column.get("key")
    if column.get("encrypt"):  # the server refuses every query on an encrypted attribute
        return
    if kind == "relationship":
        if not Attribute.from_config(column)._compiled().virtual:
            yield from (("equal", "str"), ("not_equal", "str"), ("is_null", ""), ("is_not_null", ""))
        return
    yield from ((method, "") for method in _NULL)
    scalar = _scalar(column)
    if column.get("array"):
        if scalar is not None:
            yield from ((method, scalar) for method in _ARRAY_CONTAINS)
        return
    if kind in SPATIAL_TYPES:
        yield from ((method, "") for method in _SPATIAL + _DISTANCE)
        return
    if kind == "vector":
        yield from ((method, "") for method in _VECTOR)
        return
    if scalar is None:
        return
    yield from ((method, scalar) for method in ("equal", "not_equal", *_ORDER))
    if kind in STRING_TYPES or kind in _ORDERED_KINDS:
        yield from ((method, scalar) for method in _COMPARISONS + _RANGE)
    if kind in STRING_TYPES:
        yield from ((method, "str") for method in _TEXT)
        yield from ((method, "str") for method in _CONTAINS)
        if fulltext is None or key in fulltext:
            yield from ((method, "str") for method in _SEARCH)


def _system_methods() -> Iterator[tuple[str, str, str]]:
    """``(attribute, method, value type)`` for the system attributes queries may use."""
    for key, scalar in (("$id", "str"), ("$createdAt", "str"), ("$updatedAt", "str")):
        for method in ("equal", "not_equal", *_ORDER, *_COMPARISONS, *_RANGE):
            yield key, method, scalar
    for method in ("equal", "not_equal", *_ORDER, *_COMPARISONS, *_RANGE):
        yield "$sequence", method, "int | str"
    yield "$id", "starts_with", "str"


_METHOD_ORDER = tuple(_SHAPES)


def method_table(entity: Entity, schema: Schema) -> dict[str, dict[str, list[str]]]:
    """method -> value type -> the attributes it applies to with that value type, as the builder has it."""
    table: dict[str, dict[str, list[str]]] = {}
    for key, method, scalar in _system_methods():
        table.setdefault(method, {}).setdefault(scalar, []).append(key)
    for column in entity.columns:
        for method, scalar in _methods(column, schema.fulltext):
            table.setdefault(method, {}).setdefault(scalar, []).append(str(column["key"]))
    return table


def _builder(entity: Entity, schema: Schema) -> list[str]:
    """The lines of the ``<Name>Query`` class."""
    table = method_table(entity, schema)
    noun = "documents" if entity.kind == "collection" else "rows"
    lines = [
        f"class {entity.name}Query:",
        f'    """Queries on the {noun} of the {entity.kind} {_plain(entity.id)}: each method takes the',
        "    attributes it applies to, with their value types, and returns the query appwrite_dsl.Query",
        '    would build."""',
        "",
        "    @staticmethod",
        f"    def select(attributes: Sequence[{entity.name}Attribute]) -> Query:",
        "        return Query.select(list(attributes))",
    ]
    for method in sorted(table, key=_METHOD_ORDER.index):
        groups = table[method]
        parameters, arguments = _SHAPES[method]
        call = f"Query.{method}(attribute{', ' + arguments if arguments else ''})"
        signatures = []
        for scalar, keys in groups.items():
            names = "Literal[" + ", ".join(repr(key) for key in keys) + "]"
            rest = parameters.replace("{T}", scalar)
            signatures.append(f"attribute: {names}{', ' + rest if rest else ''}")
        lines.append("")
        if len(signatures) == 1:
            lines += [
                "    @staticmethod",
                f"    def {method}({signatures[0]}) -> Query:",
                f"        return {call}",
            ]
            continue
        for signature in signatures:
            lines += ["    @overload", "    @staticmethod", f"    def {method}({signature}) -> Query: ..."]
        general = parameters.split(":")[0] + ": Any" if parameters else ""
        if method in _RANGE:
            general = "start: Any, end: Any"
        elif method in _DISTANCE:
            general = "values: Any, distance: Any, meters: Any = True"
        lines += [
            "    @staticmethod",
            f"    def {method}(attribute: str{', ' + general if general else ''}) -> Query:",
            f"        return {call}",
        ]
    return lines


# --------------------------------------------------------------------------------------------------------
# The module


def schema_code(schema: Schema) -> str:
    """Python source that builds ``schema``: every option that differs from its default, so options
    that Attribute and Schema gain later are written without a change here."""
    attributes = []
    for attribute in schema.attributes:
        options = [repr(attribute.key), repr(attribute.type)]
        for field in dataclasses.fields(Attribute)[2:]:
            value = getattr(attribute, field.name)
            if value != field.default:
                options.append(f"{field.name}={value!r}")
        attributes.append(f"        Attribute({', '.join(options)}),")
    extra = []
    for name, parameter in inspect.signature(Schema.__init__).parameters.items():
        if parameter.kind is not parameter.KEYWORD_ONLY:
            continue
        value = getattr(schema, name)
        if value != parameter.default:
            if isinstance(value, frozenset):
                value = sorted(value)
            extra.append(f"    {name}={value!r},")
    return "\n".join(["Schema(", "    [", *attributes, "    ],", *extra, ")"])


def _row_type(entity: Entity) -> list[str]:
    container = "$collectionId" if entity.kind == "collection" else "$tableId"
    fields = [
        ("$id", "str"),
        ("$sequence", "str"),
        (container, "str"),
        ("$databaseId", "str"),
        ("$createdAt", "str"),
        ("$updatedAt", "str"),
        ("$permissions", "list[str]"),
    ]
    fields += [(str(column["key"]), _field_type(column)) for column in entity.columns]
    suffix = "Document" if entity.kind == "collection" else "Row"
    return [
        f"{entity.name}{suffix} = TypedDict(",
        f'    "{entity.name}{suffix}",',
        "    {",
        *(f"        {key!r}: {kind}," for key, kind in fields),
        "    },",
        ")",
        f'"""A {suffix.lower()} of the {entity.kind} {_plain(entity.id)} (database'
        f' {_plain(entity.database)}), as Appwrite returns it."""',
    ]


def generate(project: Mapping[str, Any], *, source: str = "appwrite.config.json") -> str:
    """The typed module for the decoded project file ``project``; ``source`` is the file name its
    docstring cites."""
    header = (
        f'"""Types, queries and schemas of the Appwrite project {_plain(str(project.get("projectId", "")))}.'
        f"\n\nGenerated by appwrite-dsl from {_plain(source)}: regenerate it with ``appwrite-dsl generate``;"
        ' do not edit it.\n"""\n\n'
        "from __future__ import annotations\n\n"
        "from collections.abc import Sequence\n"
        "from typing import Any, Literal, Optional, TypedDict, Union, overload\n\n"
        "from appwrite_dsl.query import Query\n"
        "from appwrite_dsl.validate import Attribute, Schema"
    )
    blocks = [header]
    names = []
    for entity in entities(project):
        schema = Schema.from_collection(entity.data)
        constant = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", entity.name).upper() + "_SCHEMA"
        keys = ["$id", "$createdAt", "$updatedAt", "$sequence", *(str(c["key"]) for c in entity.columns)]
        blocks += [
            "\n".join(_row_type(entity)),
            f"{entity.name}Attribute = Literal[{', '.join(repr(key) for key in keys)}]",
            f"{constant}: Schema = {schema_code(schema)}",
            "\n".join(_builder(entity, schema)),
        ]
        suffix = "Document" if entity.kind == "collection" else "Row"
        names += [f"{entity.name}{suffix}", f"{entity.name}Attribute", constant, f"{entity.name}Query"]
    blocks.insert(1, "__all__ = [" + ", ".join(repr(name) for name in sorted(names)) + "]")
    return "\n\n\n".join(blocks) + "\n"


def load_project(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The decoded project file at ``path`` (ValueError when it is not a JSON object)."""
    with open(path, encoding="utf-8") as file:
        data = json.load(file)
    if not isinstance(data, dict):
        raise ValueError(f"{os.fspath(path)}: a project file must hold a JSON object")
    return data
