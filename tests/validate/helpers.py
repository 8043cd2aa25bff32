"""Shared schema and shortcuts for the validation tests."""

from __future__ import annotations

from typing import Any

from appwrite_dsl.query import Query
from appwrite_dsl.validate import Attribute, QueryError, Schema, check

SCHEMA = Schema(
    [
        Attribute.string("title"),
        Attribute.string("body"),
        Attribute.integer("year", bits=32),
        Attribute.integer("count", bits=64),
        Attribute.integer("ucount", bits=32, signed=False),
        Attribute.integer("ubig", bits=64, signed=False),
        Attribute.float("price"),
        Attribute.boolean("ok"),
        Attribute.datetime("at"),
        Attribute.string("tags", array=True),
        Attribute.integer("scores", array=True),
        Attribute.relationship("author", "manyToOne", side="parent"),
        Attribute.relationship("comments", "oneToMany", side="parent"),
        Attribute.relationship("profile", "oneToOne", side="child"),
        Attribute.relationship("partner", "oneToOne", two_way=True, side="child"),
        Attribute.relationship("groups", "manyToMany", two_way=True),
        Attribute.relationship("editor", "manyToOne", side="child"),
        Attribute.point("loc"),
        Attribute.linestring("path"),
        Attribute.polygon("area"),
        Attribute.vector("emb", 3),
        Attribute("embs", "vector", array=True, size=3),
        Attribute.object("meta"),
        Attribute.string("secret", encrypted=True),
        Attribute("shape", "geojson"),
    ],
    fulltext=["title"],
)
"""A collection with one attribute of every kind the validator distinguishes."""

PREFIX = "Invalid query: "
PARAM = "Invalid `queries` param: "


def q(method: str, attribute: str | None = None, values: Any = None) -> str:
    """The JSON text of a query built from parts."""
    return str(Query(method, attribute, values))


def problems(queries: object, **options: Any) -> list[QueryError]:
    options.setdefault("schema", None if "endpoint" in options else SCHEMA)
    return check(queries, **options)  # type: ignore[arg-type]  # the tests hand it anything a caller might


def messages(queries: object, **options: Any) -> list[str]:
    return [error.message for error in problems(queries, **options)]


def message(query: Any, **options: Any) -> str | None:
    """The one message for a single query, or None when it is valid (fails if there are several)."""
    found = problems([query], **options)
    assert len(found) <= 1, found
    for error in found:
        assert error.index == 0
        assert 0 <= error.position <= error.end <= len(error.source)
    return found[0].message if found else None


def culprit(query: Any, **options: Any) -> str:
    """The text the single error of a single query points at."""
    (error,) = problems([query], **options)
    return error.source[error.position : error.end]
