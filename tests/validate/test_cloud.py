"""validate(..., server_version="cloud-2.5"): parsing as utopia-php/query 0.6.0, then what the API layer of
Appwrite's feat-query-lib branch refuses (Validator\\Queries and its Join and Having validators)."""

from __future__ import annotations

import pytest
from appwrite.query import Query as SDKQuery

from appwrite_dsl.query import Query
from appwrite_dsl.validate import Attribute, Policy, QueryValidationError, Schema, check, validate

CLOUD = "cloud-2.5"
SCHEMA = Schema([Attribute.string("title"), Attribute.integer("year", bits=32)])


def messages(queries: list[str]) -> list[tuple[str, str | None, str]]:
    return [(e.kind, e.stage, e.message) for e in check(queries, schema=SCHEMA, server_version=CLOUD)]


ACCEPTED = [
    SDKQuery.count(),
    SDKQuery.sum("year", "total"),
    SDKQuery.stddev_pop("year"),
    SDKQuery.group_by(["title"]),
    SDKQuery.having([SDKQuery.greater_than("total", 5)]),
    SDKQuery.distinct(),
    SDKQuery.regex("title", "^a"),
    SDKQuery.covers("area", [1, 2]),
    SDKQuery.join("orders", "users.id", "orders.user_id"),
    SDKQuery.join("orders", "o", [SDKQuery.on("users.id", "o.user_id"), SDKQuery.equal("o.status", "paid")]),
    SDKQuery.left_join("t", [SDKQuery.on("a", "b", "<>")]),
    SDKQuery.cross_join("t", "tt"),
    SDKQuery.join("t", []),  # a flat join: the Join validator checks only the table
    SDKQuery.or_queries([SDKQuery.equal("title", "a"), SDKQuery.regex("title", "b")]),
]


@pytest.mark.parametrize("text", ACCEPTED)
def test_what_the_api_layer_accepts(text: str) -> None:
    assert validate([text], schema=SCHEMA, server_version=CLOUD) == [Query.parse(text, server_version=CLOUD)]


REFUSED = [
    (
        '{"method":"groupByTimeBucket","attribute":"t","values":["1h"]}',
        "Invalid query method: groupByTimeBucket",
    ),
    ('{"method":"union","values":[{"method":"limit","values":[1]}]}', "Invalid query method: union"),
    ('{"method":"unionAll","values":[]}', "Invalid query method: unionAll"),
    ('{"method":"jsonContains","attribute":"a","values":[1]}', "Invalid query method: jsonContains"),
    ('{"method":"jsonPath","attribute":"a","values":["$.a",">",5]}', "Invalid query method: jsonPath"),
    ('{"method":"orderVectorDistance","attribute":"v"}', "Invalid query method: orderVectorDistance"),
    ('{"method":"on","values":["a","=","b"]}', "Invalid query method: on"),
    (SDKQuery.and_queries([SDKQuery.on("a", "b"), SDKQuery.equal("title", "x")]), "Invalid query method: on"),
    (
        '{"method":"join","attribute":"t","values":[{"method":"jsonOverlaps","attribute":"a","values":[[1]]}]}',
        "Invalid query method: jsonOverlaps",
    ),
    ('{"method":"naturalJoin","attribute":"t"}', "Invalid query: Natural joins are not supported"),
    ('{"method":"join","attribute":"","values":["a","=","b"]}', "Invalid query: Join requires a table name"),
    ('{"method":"crossJoin","attribute":"0"}', "Invalid query: Join requires a table name"),  # PHP empty("0")
    (SDKQuery.join("t", [SDKQuery.on("", "b")]), "Invalid query: Join ON requires left and right columns"),
    (
        '{"method":"join","attribute":"t","values":[{"method":"on","values":["a","=",1]}]}',
        "Invalid query: Join ON requires left and right columns",
    ),
    (SDKQuery.join("t", [SDKQuery.on("a", "b", "~")]), "Invalid query: Invalid join operator: ~"),
    (
        '{"method":"join","attribute":"t","values":[{"method":"on","values":["a",1,"b"]}]}',
        "Invalid query: Invalid join operator: integer",
    ),
    (SDKQuery.having([]), "Invalid query: Having requires at least one condition"),
]


@pytest.mark.parametrize(("text", "message"), REFUSED)
def test_what_the_api_layer_refuses(text: str, message: str) -> None:
    assert messages([text]) == [("server", "validator", message)]
    with pytest.raises(QueryValidationError):
        validate([text], schema=SCHEMA, server_version=CLOUD)


def test_parsing_comes_first_and_keeps_the_parsers_messages() -> None:
    assert messages(["limit(5)"]) == [("server", "parse", "Invalid query: Syntax error")]
    assert messages([SDKQuery.relationship("a", [])]) == [
        ("server", "parse", "Invalid query method: relationship")
    ]
    raw = '{"method":"raw","attribute":"SELECT 1"}'
    assert messages([raw]) == [
        (
            "server",
            "parse",
            "Raw queries cannot be parsed from untrusted input; construct via Query::raw() in code",
        )
    ]
    (error,) = check(['{"method":"having","values":[1]}'], schema=SCHEMA, server_version=CLOUD)
    assert (error.kind, error.error_type) == ("server", "general_unknown")  # a PHP TypeError, HTTP 500
    (error,) = check(
        ['{"method":"equal","attribute":"a","values":{"x":1}}'], schema=SCHEMA, server_version=CLOUD
    )
    assert error.kind == "strict"


def test_the_parameter() -> None:
    assert [e.stage for e in check(["x" * 4097], schema=SCHEMA, server_version=CLOUD)] == ["param"]
    assert [e.stage for e in check([SDKQuery.limit(1)] * 101, schema=SCHEMA, server_version=CLOUD)] == [
        "param"
    ]


def test_policy_applies() -> None:
    policy = Policy(forbidden=["select"], max_limit=10)
    errors = check([Query.limit(50)], schema=SCHEMA, server_version=CLOUD, policy=policy)
    assert [(e.kind, e.message) for e in errors] == [
        ("policy", "The policy allows a limit of at most 10, found 50")
    ]


def test_list_endpoints_are_a_documented_gap() -> None:
    with pytest.raises(ValueError, match="document and row endpoints only"):
        check([Query.limit(1)], endpoint="users", server_version=CLOUD)
