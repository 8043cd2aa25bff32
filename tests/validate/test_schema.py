"""Schemas by hand and from project files, and the endpoint presets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from appwrite_dsl.query import Query
from appwrite_dsl.validate import DEFAULT_VERSION, Attribute, Endpoint, Schema, endpoint, endpoints

from .helpers import PREFIX, message, messages, q

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "appwrite.config.json"


def test_builders() -> None:
    assert Attribute.string("a") == Attribute("a", "string")
    assert Attribute.integer("a") == Attribute("a", "integer", size=8)
    assert Attribute.integer("a", bits=32, signed=False) == Attribute("a", "integer", size=4, signed=False)
    assert Attribute.float("a").type == "double"
    assert Attribute.boolean("a", array=True).array
    assert Attribute.relationship("a", "oneToOne", two_way=True, side="child") == Attribute(
        "a", "relationship", relation_type="oneToOne", two_way=True, side="child"
    )
    assert [Attribute.point("a").type, Attribute.linestring("a").type, Attribute.polygon("a").type] == [
        "point",
        "linestring",
        "polygon",
    ]
    assert Attribute.vector("a", 1536).size == 1536
    assert Attribute.object("a").type == "object"
    assert Attribute.datetime("a").type == "datetime"
    assert Attribute.string("a", encrypted=True).encrypted


def test_attribute_arguments() -> None:
    with pytest.raises(ValueError, match="non-empty str"):
        Attribute("", "string")
    with pytest.raises(TypeError, match="type must be a str"):
        Attribute("a", 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="bits must be 32 or 64"):
        Attribute.integer("a", bits=16)


@pytest.mark.parametrize("kind", ["varchar", "text", "mediumtext", "longtext"])
def test_text_types_are_strings(kind: str) -> None:
    schema = Schema([Attribute("a", kind)])
    assert message(q("equal", "a", ["x"]), schema=schema) is None
    assert message(q("equal", "a", [1]), schema=schema) == f'{PREFIX}Query value is invalid for attribute "a"'


def test_bigint_follows_its_signedness() -> None:
    schema = Schema([Attribute("s", "bigint"), Attribute("u", "bigint", signed=False)])
    assert message(q("equal", "s", [-(2**63)]), schema=schema) is None
    assert (
        message(q("equal", "u", [-1]), schema=schema) == f'{PREFIX}Query value is invalid for attribute "u"'
    )


def test_schema_arguments() -> None:
    with pytest.raises(ValueError, match="'a' is defined twice"):
        Schema([Attribute.string("a"), Attribute.integer("a")])
    with pytest.raises(TypeError, match="Expected Attribute items"):
        Schema([{"key": "a", "type": "string"}])  # type: ignore[list-item]
    with pytest.raises(TypeError, match="fulltext must be an iterable"):
        Schema(fulltext="title")
    with pytest.raises(ValueError, match="max_query_length"):
        Schema(max_query_length=0)


def test_schemas_are_values() -> None:
    one = Schema([Attribute.string("a")], fulltext=["a"])
    assert one == Schema([Attribute.string("a")], fulltext=("a",))
    assert hash(one) == hash(Schema([Attribute.string("a")], fulltext={"a"}))
    assert one != Schema([Attribute.string("a")])
    assert "fulltext=frozenset({'a'})" in repr(one)
    with pytest.raises(AttributeError):
        one.schemaless = True  # type: ignore[misc]


def test_from_config() -> None:
    assert Attribute.from_config(
        {"key": "t", "type": "string", "size": 255, "required": True}
    ) == Attribute.string("t")
    small = Attribute.from_config({"key": "n", "type": "integer", "min": 0, "max": 100})
    assert (small.size, small.signed) == (4, True)
    assert Attribute.from_config({"key": "n", "type": "integer", "max": 2**31}).size == 8
    assert Attribute.from_config({"key": "n", "type": "integer", "max": None}).size == 8
    assert Attribute.from_config({"key": "v", "type": "vector", "size": 3}).size == 3
    assert Attribute.from_config({"key": "s", "type": "string", "encrypt": True}).encrypted
    relation = Attribute.from_config(
        {"key": "r", "type": "relationship", "relationType": "oneToMany", "twoWay": True, "side": "parent"}
    )
    assert (relation.relation_type, relation.two_way, relation.side) == ("oneToMany", True, "parent")
    with pytest.raises(ValueError, match="needs a string 'key' and 'type'"):
        Attribute.from_config({"key": "a"})
    with pytest.raises(TypeError, match="JSON object"):
        Attribute.from_config(["a"])  # type: ignore[arg-type]


def test_small_integers_from_a_project_file_are_32_bit() -> None:
    schema = Schema.from_collection(
        {"attributes": [{"key": "n", "type": "integer", "min": 0, "max": 10}], "indexes": []}
    )
    assert (
        message(q("equal", "n", [2**31]), schema=schema)
        == f'{PREFIX}Query value is invalid for attribute "n"'
    )


def test_from_collection_reads_fulltext_indexes() -> None:
    collection = {
        "attributes": [
            {"key": "a", "type": "string"},
            {"key": "b", "type": "string"},
            {"key": "c", "type": "string"},
        ],
        "indexes": [
            {"key": "i1", "type": "fulltext", "status": "available", "attributes": ["a"]},
            {"key": "i2", "type": "fulltext", "status": "processing", "attributes": ["b"]},
            {"key": "i3", "type": "fulltext", "attributes": ["b", "c"]},
            {"key": "i4", "type": "key", "attributes": ["c"]},
            "junk",
        ],
    }
    assert Schema.from_collection(collection).fulltext == frozenset({"a"})
    table = {"columns": [{"key": "a", "type": "string"}], "indexes": [{"type": "fulltext", "columns": ["a"]}]}
    assert Schema.from_collection(table).fulltext == frozenset({"a"})
    assert Schema.from_collection({"columns": []}).fulltext == frozenset()
    with pytest.raises(ValueError, match="must be a list"):
        Schema.from_collection({"attributes": {}})
    with pytest.raises(TypeError, match="JSON object"):
        Schema.from_collection([])  # type: ignore[arg-type]


def test_from_the_example_project_file() -> None:
    posts = Schema.from_project(EXAMPLE, "posts")
    assert [attribute.key for attribute in posts.attributes] == ["title"]
    assert posts.fulltext == frozenset()  # its only index is a key index
    assert (
        messages([Query.equal("title", "x"), Query.order_asc("title"), Query.limit(10)], schema=posts) == []
    )
    assert messages([Query.equal("body", "x")], schema=posts) == [
        f"{PREFIX}Attribute not found in schema: body"
    ]
    assert messages([Query.search("title", "x")], schema=posts) == [
        'Searching by attribute "title" requires a fulltext index.'
    ]
    notes = Schema.from_project(str(EXAMPLE), "notes")
    assert messages([Query.starts_with("body", "x")], schema=notes) == []
    audit = Schema.from_project(json.loads(EXAMPLE.read_text()), "audit_log")
    assert audit.attributes == ()
    assert messages([Query.equal("$id", "x"), Query.order_desc("$createdAt")], schema=audit) == []


def test_a_missing_collection() -> None:
    with pytest.raises(KeyError, match="found: notes, posts, audit_log"):
        Schema.from_project(EXAMPLE, "nope")
    with pytest.raises(KeyError, match="found: none"):
        Schema.from_project({"collections": "x"}, "nope")


def test_a_project_file_that_is_not_an_object(tmp_path: Path) -> None:
    path = tmp_path / "appwrite.config.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(ValueError, match="JSON object"):
        Schema.from_project(path, "x")


ENDPOINTS = [
    "attributes",
    "branches",
    "buckets",
    "collections",
    "columns",
    "databases",
    "deployments",
    "devKeys",
    "executions",
    "fileTokens",
    "files",
    "functions",
    "identities",
    "indexes",
    "insights",
    "installations",
    "keys",
    "logs",
    "memberships",
    "messages",
    "migrations",
    "notifications",
    "platforms",
    "presences",
    "projects",
    "providers",
    "reports",
    "rules",
    "schedules",
    "sites",
    "subscribers",
    "tables",
    "targets",
    "teams",
    "topics",
    "transactions",
    "users",
    "variables",
    "vcsRepositories",
    "webhooks",
]


def test_every_endpoint_of_the_specification() -> None:
    presets = endpoints()
    assert sorted(presets) == sorted(ENDPOINTS)
    assert all(isinstance(preset, Endpoint) and preset.version == "1.9.6" for preset in presets.values())
    assert endpoints(DEFAULT_VERSION) is presets  # built once


def test_one_endpoint() -> None:
    users = endpoint("users")
    assert [attribute.key for attribute in users.attributes] == [
        "name",
        "email",
        "phone",
        "status",
        "passwordUpdate",
        "registration",
        "emailVerification",
        "phoneVerification",
        "labels",
        "impersonator",
        "accessedAt",
    ]
    assert users.attributes[8] == Attribute("labels", "string", array=True)
    assert (endpoint("projects").select, endpoint("users").select) == (True, False)
    assert endpoint("webhooks").rewrites == (('"tls"', '"security"'), ('"authUsername"', '"httpUser"'))
    assert endpoint("branches").special == "branches"
    with pytest.raises(ValueError, match=r"Expected a list endpoint .*found 'Users'"):
        endpoint("Users")


def test_an_endpoint_object_can_be_passed() -> None:
    custom = Endpoint("things", "1.9.6", (Attribute.string("name"),))
    assert messages([Query.equal("name", "x")], endpoint=custom) == []
    assert messages([Query.select(["name"])], endpoint=custom) == [
        "Invalid `queries` param: Invalid query method: select"
    ]


def test_the_preset_table_of_a_version(monkeypatch: pytest.MonkeyPatch) -> None:
    from types import MappingProxyType

    from appwrite_dsl import _presets

    older = MappingProxyType({"users": _presets.EndpointData(("name:s",))})
    monkeypatch.setattr(_presets, "TABLES", MappingProxyType({**_presets.TABLES, "1.5.0": older}))
    assert _presets.table((1, 4, 0))[0] == "1.5.0"  # before the oldest table: the oldest
    assert _presets.table((1, 8, 0))[0] == "1.5.0"
    assert _presets.table((1, 9, 6))[0] == "1.9.6"
    assert _presets.table((1, 9, 1000))[0] == "1.9.6"
