"""The Filter validator (utopia-php/database 7.2.6, ``Validator/Query/Filter.php``): value counts, attributes, the strict type table, arrays,
relationships, spatial, vector, object and logical queries. Every case asserts the server's exact text."""

from __future__ import annotations

import json

import pytest

from appwrite_dsl.query import Query
from appwrite_dsl.validate import Attribute, Schema

from .helpers import PREFIX, culprit, message, q

AT_LEAST_ONE = ["equal", "contains", "containsAny", "containsAll", "notContains", "exists", "notExists"]
EXACTLY_ONE = [
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
]


# Value counts, checked before the attribute


@pytest.mark.parametrize("method", AT_LEAST_ONE)
@pytest.mark.parametrize("values", ["", ',"values":[]', ',"values":[[]]'])
def test_methods_needing_a_value(method: str, values: str) -> None:
    text = f'{{"method":"{method}","attribute":"nope"{values}}}'
    title = method[0].upper() + method[1:]
    assert message(text) == f"{PREFIX}{title} queries require at least one value."


@pytest.mark.parametrize("method", EXACTLY_ONE)
@pytest.mark.parametrize("values", [[], ["a", "b"]])
def test_methods_needing_exactly_one_value(method: str, values: list[str]) -> None:
    title = method[0].upper() + method[1:]
    assert message(q(method, "title", values)) == f"{PREFIX}{title} queries require exactly one value."


@pytest.mark.parametrize("method", EXACTLY_ONE)
def test_one_value_passes_the_count(method: str) -> None:
    # on "body" (a string without a fulltext index) only search and notSearch fail, later, on the index
    expected = (
        'Searching by attribute "body" requires a fulltext index.'
        if method in ("search", "notSearch")
        else None
    )
    assert message(q(method, "body", ["x"])) == expected


@pytest.mark.parametrize("method", ["between", "notBetween"])
@pytest.mark.parametrize("values", [[], [1], [1, 2, 3]])
def test_between_needs_two_values(method: str, values: list[int]) -> None:
    title = method[0].upper() + method[1:]
    assert message(q(method, "year", values)) == f"{PREFIX}{title} queries require exactly two values."


def test_between_with_two_values() -> None:
    assert message(Query.between("year", 1990, 2000)) is None
    assert message(Query.not_between("at", "2024-01-01", "2025-01-01")) is None


def test_null_checks_take_any_count_and_type_check_what_is_there() -> None:
    assert message(Query.is_null("title")) is None
    assert message(q("isNotNull", "title", ["a", "b", "c"])) is None
    assert message(q("isNull", "title", [1])) == f'{PREFIX}Query value is invalid for attribute "title"'


def test_count_rules_come_before_the_attribute() -> None:
    assert message(q("notEqual", "nope", [])) == f"{PREFIX}NotEqual queries require exactly one value."


def test_regex_is_counted_but_cannot_be_parsed() -> None:
    assert message(Query.regex("title", "^a")) == "Invalid query method: regex"


# The attribute


def test_unknown_attribute() -> None:
    assert message(q("equal", "nope", ["x"])) == f"{PREFIX}Attribute not found in schema: nope"
    assert culprit(q("equal", "nope", ["x"])) == '"nope"'


def test_missing_attribute_is_the_empty_name() -> None:
    assert message('{"method":"equal","values":["x"]}') == f"{PREFIX}Attribute not found in schema: "


def test_exists_as_the_sdk_builds_it_passes_only_without_a_schema() -> None:
    exists = Query.exists(["title"])
    assert message(exists) == f"{PREFIX}Attribute not found in schema: "
    assert message(exists, schema=Schema(schemaless=True)) is None
    assert message(q("exists", "title", ["title"])) is None


def test_dotted_names_check_only_the_first_segment() -> None:
    assert message(q("equal", "nope.name", ["x"])) == f"{PREFIX}Attribute not found in schema: nope"
    assert message(q("equal", "title.x", ["x"])) is None
    # a path below a relationship: its values are checked at the next level, not here
    assert message(q("equal", "author.age", [1])) is None


def test_a_dotted_key_of_the_schema_is_looked_up_whole() -> None:
    schema = Schema([Attribute.integer("a.b")])
    assert message(q("equal", "a.b", [1]), schema=schema) is None
    assert (
        message(q("equal", "a.b", ["x"]), schema=schema)
        == f'{PREFIX}Query value is invalid for attribute "a.b"'
    )


def test_encrypted_attribute() -> None:
    assert message(q("equal", "secret", ["x"])) == f"{PREFIX}Cannot query encrypted attribute: secret"


@pytest.mark.parametrize(("count", "valid"), [(500, True), (501, False)])
def test_at_most_500_values(count: int, valid: bool) -> None:
    found = message(q("equal", "title", [str(i) for i in range(count)]))
    assert found == (None if valid else f"{PREFIX}Query on attribute has greater than 500 values: title")


def test_the_value_count_comes_before_the_types() -> None:
    found = message(q("equal", "year", ["x"] * 501))
    assert found == f"{PREFIX}Query on attribute has greater than 500 values: year"


# The strict type table


VALID = [
    ("title", ["", "x", "ü"]),
    ("year", [-(2**31), 0, 2**31 - 1]),
    ("count", [-(2**63), 2**31, 2**63 - 1]),
    ("ucount", [0, 2**32 - 1]),
    ("ubig", [0, 2**63 - 1, -1, -(2**63)]),  # 64-bit integers are validated as signed
    ("price", [1, 1.5, -0.0, 1e300]),
    ("ok", [True, False]),
    (
        "at",
        [
            "2024-01-01",
            "2024-01-01T10:20:30.000+00:00",
            "2024-01-01 10:20",
            "1000-01-01",
            "9999-12-31T23:59:59Z",
        ],
    ),
    ("author", ["x" * 255]),
    ("loc", [[1, 2]]),
    ("path", [[[1, 2], [3, 4]]]),
    ("area", [[[[1, 2], [3, 4], [1, 2]]]]),
    ("meta", [{"a": 1}, {"a": {"b": [1, 2]}}]),
    ("$id", ["doc1"]),
    ("$createdAt", ["2024-01-01T00:00:00.000+00:00"]),
    ("$updatedAt", ["2024-06-30"]),
    ("$sequence", [1, "5", 2**63 - 1]),
]

INVALID = [
    ("title", 1),
    ("title", None),
    ("title", True),
    ("year", "5"),
    ("year", 5.0),
    ("year", 1.0),
    ("year", True),
    ("year", 2**31),
    ("year", -(2**31) - 1),
    ("ucount", -1),
    ("ucount", 2**32),
    ("at", "0999-12-31"),
    ("price", "1.5"),
    ("price", True),
    ("ok", "true"),
    ("ok", 1),
    ("at", "now"),
    ("at", "garbage"),
    ("at", ""),
    ("at", "10000-01-01"),
    ("at", "2024-13-01"),
    ("at", "2024-01-32"),
    ("at", 20240101),
    ("author", "x" * 256),
    ("author", 1),
    ("$id", 1),
    ("$createdAt", "yesterday"),
    ("$sequence", 0),
    ("$sequence", "0"),
    ("$sequence", "abc"),
    ("$sequence", -5),
    ("$sequence", 1.0),
]


@pytest.mark.parametrize(("attribute", "values"), VALID)
def test_accepted_values(attribute: str, values: list[object]) -> None:
    for value in values:
        assert message(q("equal", attribute, [value])) is None, value


@pytest.mark.parametrize(("attribute", "value"), INVALID)
def test_refused_values(attribute: str, value: object) -> None:
    text = q("equal", attribute, [value])
    assert message(text) == f'{PREFIX}Query value is invalid for attribute "{attribute}"'


def test_integers_beyond_64_bits_are_floats_on_the_server() -> None:
    text = '{"method":"equal","attribute":"count","values":[9223372036854775808]}'
    assert message(text) == f'{PREFIX}Query value is invalid for attribute "count"'
    assert message('{"method":"equal","attribute":"price","values":[9223372036854775808]}') is None


def test_the_first_bad_value_is_pointed_at() -> None:
    text = '{"method":"equal","attribute":"year","values":[1, 2, "3", 4.0]}'
    assert culprit(text) == '"3"'


def test_spatial_values_must_be_arrays() -> None:
    assert message(q("equal", "loc", ["x"])) == f"{PREFIX}Spatial data must be an array"


def test_vector_values() -> None:
    assert message(q("vectorDot", "emb", [[1, 2.5, "3"]])) is None  # numeric strings are numeric to PHP
    assert message(q("vectorDot", "emb", ["x"])) == f"{PREFIX}Vector query value must be an array"
    assert (
        message(q("vectorDot", "emb", [[1, "a", 3]]))
        == f"{PREFIX}Vector query value must contain only numeric values"
    )
    assert (
        message(q("vectorDot", "emb", [[1, True, 3]]))
        == f"{PREFIX}Vector query value must contain only numeric values"
    )
    assert message(q("vectorDot", "emb", [[1, 2]])) == f"{PREFIX}Vector query value must have 3 elements"
    assert message(q("equal", "emb", [[1, 2, 3]])) is None


def test_object_values_may_not_mix_list_and_key_members() -> None:
    mixed = '{"method":"equal","attribute":"meta","values":[{"0":1,"a":2}]}'
    deep = '{"method":"contains","attribute":"meta","values":[{"a":[{"0":1,"b":2}]}]}'
    assert message(mixed) == f'{PREFIX}Invalid object query structure for attribute "meta"'
    assert message(deep) == f'{PREFIX}Invalid object query structure for attribute "meta"'
    assert message(mixed.replace("equal", "lessThan")) is None  # only equality and contains look inside


def test_an_attribute_type_the_server_does_not_know() -> None:
    assert message(q("equal", "shape", ["x"])) == f"{PREFIX}Unknown Data type"


# After the values: relationships, contains, arrays, vectors


SPATIAL_ONLY = [
    "crosses",
    "notCrosses",
    "intersects",
    "notIntersects",
    "overlaps",
    "notOverlaps",
    "touches",
    "notTouches",
]


@pytest.mark.parametrize("method", SPATIAL_ONLY)
def test_spatial_methods_on_spatial_attributes(method: str) -> None:
    assert message(q(method, "area", [[[[1, 2], [3, 4], [1, 2]]]])) is None
    expected = f'{PREFIX}Spatial query "{method}" cannot be applied on non-spatial attribute: title'
    assert message(q(method, "title", [[1, 2]])) == expected


@pytest.mark.parametrize("method", SPATIAL_ONLY)
def test_spatial_methods_need_a_value(method: str) -> None:
    title = method[0].upper() + method[1:]
    assert message(q(method, "loc", [])) == f"{PREFIX}{title} queries require at least one value."


@pytest.mark.parametrize(
    "method", ["distanceEqual", "distanceNotEqual", "distanceGreaterThan", "distanceLessThan"]
)
def test_distance_queries(method: str) -> None:
    assert message(q(method, "loc", [[[1, 2], 100, True]])) is None
    for values in ([], [[[1, 2], 100]], [[1, 2], 100, True], [[[1, 2], 100, True], 5]):
        assert (
            message(q(method, "loc", values))
            == f"{PREFIX}Distance query requires [[geometry, distance]] parameters"
        )
    expected = f'{PREFIX}Spatial query "{method}" cannot be applied on non-spatial attribute: year'
    assert message(q(method, "year", [[[1, 2], 100, True]])) == expected


@pytest.mark.parametrize("attribute", ["comments", "profile", "groups", "editor"])
def test_virtual_relationship_sides(attribute: str) -> None:
    assert message(q("equal", attribute, ["x"])) == f"{PREFIX}Cannot query on virtual relationship attribute"


@pytest.mark.parametrize("attribute", ["author", "partner"])
def test_relationship_sides_with_a_column(attribute: str) -> None:
    assert message(q("equal", attribute, ["x"])) is None


@pytest.mark.parametrize("method", ["contains", "containsAny", "containsAll"])
def test_contains_on_a_scalar(method: str) -> None:
    expected = (
        f'{PREFIX}Cannot query contains on attribute "year" because it is not an array, string, or object.'
    )
    assert message(q(method, "year", [1])) == expected
    assert culprit(q(method, "year", [1])) == f'"{method}"'


def test_not_contains_on_a_scalar() -> None:
    expected = (
        f'{PREFIX}Cannot query notContains on attribute "ok" because it is not an array, string, or object.'
    )
    assert message(q("notContains", "ok", [True])) == expected


@pytest.mark.parametrize("attribute", ["title", "meta", "loc", "tags", "scores"])
def test_contains_where_it_applies(attribute: str) -> None:
    value = {"title": "x", "meta": {"a": 1}, "loc": [1, 2], "tags": "x", "scores": 1}[attribute]
    assert message(q("contains", attribute, [value])) is None


@pytest.mark.parametrize("method", ["equal", "notEqual", "lessThan", "startsWith", "search", "between"])
def test_arrays_refuse_other_methods(method: str) -> None:
    values = ["a", "b"] if method == "between" else ["a"]
    expected = f'{PREFIX}Cannot query {method} on attribute "tags" because it is an array.'
    assert message(q(method, "tags", values)) == expected


@pytest.mark.parametrize(
    "query",
    [
        Query.contains("tags", "a"),
        Query.contains_any("tags", ["a", "b"]),
        Query.contains_all("tags", ["a"]),
        Query.not_contains("tags", "a"),
        Query.is_null("tags"),
        Query.is_not_null("tags"),
        Query("exists", "tags", ["tags"]),
        Query("notExists", "tags", ["tags"]),
    ],
)
def test_arrays_take_the_contains_family_and_null_checks(query: Query) -> None:
    assert message(query) is None


def test_the_type_check_comes_before_the_array_rule() -> None:
    assert message(q("equal", "tags", [1])) == f'{PREFIX}Query value is invalid for attribute "tags"'
    assert message(q("contains", "scores", ["1"])) == f'{PREFIX}Query value is invalid for attribute "scores"'


@pytest.mark.parametrize("method", ["vectorDot", "vectorCosine", "vectorEuclidean"])
def test_vector_methods(method: str) -> None:
    title = method[0].upper() + method[1:]
    assert message(q(method, "emb", [[1, 2, 3]])) is None
    assert (
        message(q(method, "title", [[1, 2, 3]]))
        == f"{PREFIX}Vector queries can only be used on vector attributes"
    )
    assert message(q(method, "emb", [])) == f"{PREFIX}{title} queries require exactly one vector value."
    assert (
        message(q(method, "emb", [[1, 2, 3], [1, 2, 3]]))
        == f"{PREFIX}{title} queries require exactly one vector value."
    )
    # the attribute is looked up before the count
    assert message(q(method, "nope", [])) == f"{PREFIX}Attribute not found in schema: nope"
    assert (
        message(q(method, "author.emb", [[1, 2, 3]]))
        == f"{PREFIX}Vector queries can only be used on vector attributes"
    )
    # on an array of vectors, the array rule speaks first
    expected = f'{PREFIX}Cannot query {method} on attribute "embs" because it is an array.'
    assert message(q(method, "embs", [[1, 2, 3]])) == expected


# Logical queries


def test_and_or_need_two_filter_children() -> None:
    one = Query("or", None, [Query.equal("title", "a")])
    assert message(one) == f"{PREFIX}Or queries require at least two queries"
    assert message(Query("and", None, [])) == f"{PREFIX}And queries require at least two queries"
    assert message('{"method":"and"}') == f"{PREFIX}And queries require at least two queries"
    assert message(Query.or_queries([Query.equal("title", "a"), Query.is_null("year")])) is None


@pytest.mark.parametrize(
    "other",
    [
        Query.limit(5),
        Query.offset(0),
        Query.order_asc("title"),
        Query.cursor_after("a"),
        Query.select(["title"]),
        Query.order_random(),
    ],
)
def test_and_or_take_only_filters(other: Query) -> None:
    both = Query("and", None, [Query.equal("title", "a"), other])
    assert message(both) == f"{PREFIX}And queries can only contain filter queries"
    assert culprit(both) == str(other)
    # the kind is checked before the count
    assert message(Query("or", None, [other])) == f"{PREFIX}Or queries can only contain filter queries"


def test_children_are_validated_first() -> None:
    nested = Query("or", None, [Query.equal("nope", "a"), Query.limit(5)])
    assert message(nested) == f"{PREFIX}Attribute not found in schema: nope"
    assert culprit(nested) == '"nope"'
    bad_limit = Query("and", None, [Query.limit(0), Query.equal("title", "a")])
    expected = f"{PREFIX}Invalid limit: Value must be a valid range between 1 and 9,223,372,036,854,775,808"
    assert message(bad_limit) == expected


def test_nested_logical_queries_count_as_filters() -> None:
    inner = Query.and_queries([Query.equal("title", "a"), Query.equal("year", 1)])
    assert message(Query.or_queries([inner, Query.is_null("ok")])) is None
    deep = Query.or_queries(
        [Query.and_queries([Query.equal("title", "a"), Query.equal("year", "1")]), Query.is_null("ok")]
    )
    assert message(deep) == f'{PREFIX}Query value is invalid for attribute "year"'
    assert culprit(deep) == '"1"'


def test_elem_match_needs_a_schemaless_database() -> None:
    match = Query.elem_match("tags", [Query.equal("title", "a")])
    assert message(match) == f"{PREFIX}elemMatch is not supported by the database"
    schemaless = Schema(schemaless=True)
    assert message(match, schema=schemaless) is None
    assert (
        message(Query("elemMatch", "tags", []), schema=schemaless)
        == f"{PREFIX}elemMatch queries require at least one query"
    )
    only_limit = Query("elemMatch", "tags", [Query.limit(1)])
    assert (
        message(only_limit, schema=schemaless) == f"{PREFIX}elemMatch queries can only contain filter queries"
    )


def test_schemaless_databases_check_counts_but_not_attributes() -> None:
    schemaless = Schema(schemaless=True)
    assert message(q("equal", "anything", [1, "x", None]), schema=schemaless) is None
    assert (
        message(q("equal", "anything", []), schema=schemaless)
        == f"{PREFIX}Equal queries require at least one value."
    )
    # Filter reads the type of an attribute the schema does not have as null: not a vector.
    assert (
        message(q("vectorDot", "emb", []), schema=schemaless)
        == f"{PREFIX}Vector queries can only be used on vector attributes"
    )
    with_vector = Schema([Attribute.vector("emb", 2)], schemaless=True)
    assert (
        message(q("vectorDot", "emb", []), schema=with_vector)
        == f"{PREFIX}VectorDot queries require exactly one vector value."
    )


def test_messages_name_the_attribute_as_written() -> None:
    text = json.dumps({"method": "equal", "attribute": "year", "values": ["x"]}, separators=(",", ":"))
    assert message(text) == f'{PREFIX}Query value is invalid for attribute "year"'


def test_exists_values_are_not_checked() -> None:
    # Filter returns right after the attribute check for exists and notExists.
    assert message(Query("exists", "price", ["x"])) is None
    assert message(Query("exists", "ok", [1])) is None
    assert message(Query("notExists", "year", [1.5])) is None
    assert message(Query("exists", "price", [1, 2.5])) is None
    assert message(Query("isNull", "ok", [1])) == f'{PREFIX}Query value is invalid for attribute "ok"'


def test_schemaless_vector_queries_need_a_vector_attribute() -> None:
    with_vector = Schema([Attribute.vector("emb", 2)], schemaless=True)
    assert message(q("vectorDot", "emb", [[1, 2]]), schema=with_vector) is None
    assert (
        message(q("vectorDot", "anything", [[1, 2]]), schema=Schema(schemaless=True))
        == f"{PREFIX}Vector queries can only be used on vector attributes"
    )
