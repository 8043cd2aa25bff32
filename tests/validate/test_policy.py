"""The application's policy on top of the server's rules."""

from __future__ import annotations

import pytest

from appwrite_dsl.query import Query
from appwrite_dsl.validate import METHOD_FAMILIES, Policy, QueryError, QueryValidationError, validate

from .helpers import PREFIX, SCHEMA, problems, q


def policy_problems(
    queries: list[object], policy: Policy, **options: object
) -> list[tuple[int | None, str, str]]:
    found = problems(queries, policy=policy, **options)
    for error in found:
        assert error.kind == "policy"
        assert error.error_type is None and error.status is None
    return [(error.index, error.message, error.source[error.position : error.end]) for error in found]


def test_forbidden_methods() -> None:
    policy = Policy(forbidden=["select", "search", "notSearch", "regex"])
    assert policy_problems([Query.select(["title"]), Query.search("title", "x"), Query.limit(5)], policy) == [
        (0, "The policy forbids select queries", '"select"'),
        (1, "The policy forbids search queries", '"search"'),
    ]


def test_forbidden_methods_inside_logical_queries() -> None:
    nested = Query.or_queries([Query.equal("title", "a"), Query.search("title", "x")])
    assert policy_problems([nested], Policy(forbidden=METHOD_FAMILIES["search"])) == [
        (0, "The policy forbids search queries", '"search"')
    ]


def test_forbidden_methods_come_in_whole_families() -> None:
    with pytest.raises(ValueError, match="forbidden names search but not notSearch of the same family"):
        Policy(forbidden=["search"])
    with pytest.raises(ValueError, match="but not containsAll, containsAny, notContains"):
        Policy(forbidden=["contains"])
    policy = Policy(forbidden=METHOD_FAMILIES["search"])
    assert policy_problems([Query.not_search("title", "x")], policy) == [
        (0, "The policy forbids notSearch queries", '"notSearch"')
    ]
    for family in METHOD_FAMILIES.values():
        assert Policy(forbidden=family).forbidden == family


def test_allowed_methods() -> None:
    policy = Policy(methods=["equal", "limit", "or"])
    queries = [
        Query.equal("title", "x"),
        Query.order_asc("title"),
        Query.or_queries([Query.equal("title", "a"), Query.greater_than("year", 1)]),
    ]
    assert policy_problems(queries, policy) == [
        (1, "The policy does not allow orderAsc queries", '"orderAsc"'),
        (2, "The policy does not allow greaterThan queries", '"greaterThan"'),
    ]


def test_forbidden_wins_over_allowed() -> None:
    policy = Policy(methods=["select"], forbidden=["select"])
    assert policy_problems([Query.select(["title"])], policy) == [
        (0, "The policy forbids select queries", '"select"')
    ]


def test_allowed_attributes() -> None:
    policy = Policy(attributes=["title", "$id"])
    queries = [
        Query.equal("title", "x"),
        Query.equal("year", 1),
        Query.select(["title", "year", "$id"]),
        Query.order_desc("ok"),
        Query.order_asc(""),
        Query("exists", "title", ["title", "price"]),
        Query.limit(5),
        Query.cursor_after("abc"),
    ]
    assert policy_problems(queries, policy) == [
        (1, 'The policy does not allow queries on the attribute "year"', '"year"'),
        (2, 'The policy does not allow queries on the attribute "year"', '"year"'),
        (3, 'The policy does not allow queries on the attribute "ok"', '"ok"'),
        # an order without attribute orders by $sequence, which the list does not allow
        (4, 'The policy does not allow queries on the attribute "$sequence"', '""'),
        (5, 'The policy does not allow queries on the attribute "price"', '"price"'),
    ]
    assert policy_problems([Query.order_desc("")], Policy(attributes=["$sequence"])) == []


def test_select_star_is_an_attribute_for_the_policy() -> None:
    assert policy_problems([Query.select(["*"])], Policy(attributes=["title"])) == [
        (0, 'The policy does not allow queries on the attribute "*"', '"*"')
    ]


def test_most_limit_and_offset() -> None:
    policy = Policy(max_limit=100, max_offset=5000)
    queries = [
        Query.limit(100),
        Query.limit(101),
        q("limit", None, ["150"]),
        Query.offset(5000),
        Query.offset(5001),
    ]
    assert policy_problems(queries, policy) == [
        (1, "The policy allows a limit of at most 100, found 101", "101"),
        (2, "The policy allows a limit of at most 100, found 150", '"150"'),
        (4, "The policy allows an offset of at most 5000, found 5001", "5001"),
    ]


def test_a_value_the_server_refuses_is_not_also_a_policy_problem() -> None:
    found = problems([Query.limit(2.5)], policy=Policy(max_limit=1))
    assert [(error.kind, error.message) for error in found] == [
        (
            "server",
            f"{PREFIX}Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,808",
        )
    ]


def test_nesting_depth() -> None:
    flat = Query.or_queries([Query.equal("title", "a"), Query.equal("title", "b")])
    deep = Query.or_queries(
        [Query.and_queries([Query.equal("title", "a"), Query.is_null("year")]), Query.is_null("ok")]
    )
    assert policy_problems([flat], Policy(max_depth=1)) == []
    assert policy_problems([deep], Policy(max_depth=1)) == [
        (0, "The policy allows logical queries (and, or, elemMatch) nested at most 1 deep, found 2", '"and"')
    ]
    assert policy_problems([flat, deep], Policy(max_depth=0)) == [
        (0, "The policy allows logical queries (and, or, elemMatch) nested at most 0 deep, found 1", '"or"'),
        (1, "The policy allows logical queries (and, or, elemMatch) nested at most 0 deep, found 1", '"or"'),
    ]


def test_server_problems_come_first() -> None:
    found = problems([Query.select(["title"]), Query.equal("nope", 1)], policy=Policy(forbidden=["select"]))
    assert [(error.kind, error.index) for error in found] == [("server", 1), ("policy", 0)]
    with pytest.raises(QueryValidationError) as caught:
        validate([Query.select(["title"])], schema=SCHEMA, policy=Policy(forbidden=["select"]))
    assert caught.value.kind == "policy"
    assert caught.value.message == "The policy forbids select queries"
    assert all(isinstance(error, QueryError) for error in caught.value.errors)


def test_a_query_with_a_server_problem_is_still_checked_against_the_policy() -> None:
    found = problems([Query.select(["nope"])], policy=Policy(forbidden=["select"]))
    assert [(error.kind, error.message) for error in found] == [
        ("server", f"{PREFIX}Attribute not found in schema: nope"),
        ("policy", "The policy forbids select queries"),
    ]


def test_policies_on_endpoints() -> None:
    found = problems([Query.limit(1000)], endpoint="users", policy=Policy(max_limit=100))
    assert [error.message for error in found] == ["The policy allows a limit of at most 100, found 1000"]


def test_policy_arguments() -> None:
    policy = Policy(
        attributes=("a",), methods={"equal"}, forbidden=iter(["select"]), max_limit=0, max_depth=2
    )
    assert (policy.attributes, policy.methods, policy.forbidden) == (
        frozenset({"a"}),
        frozenset({"equal"}),
        frozenset({"select"}),
    )
    assert (policy.max_limit, policy.max_offset, policy.max_depth) == (0, None, 2)
    assert Policy() == Policy(forbidden=[])
    with pytest.raises(TypeError, match="not a str"):
        Policy(forbidden="select")
    with pytest.raises(TypeError, match="str items"):
        Policy(attributes=[1])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="unknown query methods 'Select'"):
        Policy(forbidden=["Select"])
    with pytest.raises(ValueError, match="max_limit must be None or an int >= 0"):
        Policy(max_limit=-1)
    with pytest.raises(ValueError, match="max_depth must be None or an int >= 0"):
        Policy(max_depth=True)
