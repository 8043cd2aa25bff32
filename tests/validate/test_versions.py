"""Server versions (Appwrite 1.0 to 1.9.6 and main): the syntax, the
methods each version parses and validates, its limits and its wording."""

from __future__ import annotations

import pytest

from appwrite_dsl.query import Query
from appwrite_dsl.validate import Attribute, Policy, Schema, check, endpoints, validate

from .helpers import PARAM, PREFIX, SCHEMA, message, messages, problems, q

RANGE_MAX = "9,223,372,036,854,775,808"


@pytest.mark.parametrize("version", ["1.0", "1.0.1", "1.4.13", "1.4", "1.5.0", "1.9", "1.9.6", "main"])
def test_versions_accepted(version: str) -> None:
    assert check([], schema=SCHEMA, server_version=version) == []


@pytest.mark.parametrize("version", ["2.0", "1.10", "1.4.x", "", "v1.4", "0.15.0", "1.4.1.2", "MAIN"])
def test_versions_refused(version: str) -> None:
    with pytest.raises(ValueError, match="Appwrite server version"):
        check([], schema=SCHEMA, server_version=version)


def test_a_version_must_be_a_str() -> None:
    with pytest.raises(ValueError, match="Appwrite server version"):
        check([], schema=SCHEMA, server_version=1.4)  # type: ignore[arg-type]


# JSON era: the methods each parser knows

ADDED = [
    ("1.8.0", Query.not_contains("title", "x")),
    ("1.8.0", Query.not_search("title", "x")),
    ("1.8.0", Query.not_between("year", 1, 2)),
    ("1.8.0", Query.not_starts_with("title", "x")),
    ("1.8.0", Query.not_ends_with("title", "x")),
    ("1.8.0", Query.order_random()),
    ("1.8.0", Query.crosses("path", [[1, 2], [3, 4]])),
    ("1.8.0", Query.distance_less_than("loc", [1, 2], 10)),
    ("1.8.1", Query.vector_dot("emb", [1, 2, 3])),
    ("1.9.0", Query.contains_any("tags", ["a"])),
    ("1.9.0", Query.contains_all("tags", ["a"])),
    ("1.9.0", Query("exists", "title", ["title"])),
    ("1.9.0", Query("notExists", "title", ["title"])),
]


def _before(version: str) -> str:
    return {"1.8.0": "1.7.5", "1.8.1": "1.8.0", "1.9.0": "1.8.1"}[version]


@pytest.mark.parametrize(("since", "query"), ADDED)
def test_methods_arrive_with_their_version(since: str, query: Query) -> None:
    assert message(query, server_version=since) is None
    assert message(str(query), server_version=since) is None
    assert message(query, server_version=_before(since)) == f"Invalid query method: {query.method}"
    assert message(str(query), server_version=_before(since)) == f"Invalid query method: {query.method}"
    assert messages([query], endpoint="users", server_version=_before(since)) == [
        f"{PARAM}{PREFIX}Invalid query method: {query.method}"
    ]


def test_base_methods_of_1_5() -> None:
    base = [
        Query.equal("title", "x"),
        Query.search("title", "x"),
        Query.between("year", 1, 2),
        Query.or_queries([Query.is_null("title"), Query.starts_with("body", "a")]),
        Query.select(["title"]),
        Query.order_desc("year"),
        Query.cursor_before("a"),
        Query.limit(1),
        Query.offset(1),
    ]
    assert messages(base, server_version="1.5.0") == []


def test_an_unknown_method_inside_a_logical_query() -> None:
    nested = Query.or_queries([Query.equal("title", "x"), Query.not_contains("body", "y")])
    (error,) = problems([str(nested)], server_version="1.7")
    assert error.message == "Invalid query method: notContains"
    assert error.source[error.position : error.end] == '"notContains"'


def test_older_parsers_stop_at_the_first_unknown_method() -> None:
    text = '{"method":"or","values":[{"method":"notContains"},{"method":1}]}'
    assert messages([text], server_version="1.7") == ["Invalid query method: notContains"]
    assert messages([text]) == ["Invalid query method. Must be a string, got integer"]
    later = '{"method":"or","values":[{"method":"equal","attribute":1},{"method":"notContains"}]}'
    assert messages([later], server_version="1.7") == [
        "Invalid query attribute. Must be a string, got integer"
    ]


def test_sdk_only_methods_are_never_parsed() -> None:
    for query in (Query.regex("title", "x"), Query.covers("area", [[1, 2]]), Query.distinct()):
        assert message(query) == f"Invalid query method: {query.method}"


# Limits by version


@pytest.mark.parametrize(
    ("version", "most"), [("1.6.0", 100), ("1.6.1", 500), ("1.7.5", 500), ("1.8.0", 500), ("main", 500)]
)
def test_values_per_filter_on_document_routes(version: str, most: int) -> None:
    assert message(q("equal", "title", ["x"] * most), server_version=version) is None
    expected = f"{PREFIX}Query on attribute has greater than {most} values: title"
    assert message(q("equal", "title", ["x"] * (most + 1)), server_version=version) == expected


@pytest.mark.parametrize(
    ("version", "most"),
    [
        ("1.5.0", 100),
        ("1.6.0", 100),
        ("1.6.1", 500),
        ("1.7.5", 500),
        ("1.8.0", 5000),
        ("1.9.6", 5000),
        ("main", 500),
    ],
)
def test_values_per_filter_on_other_endpoints(version: str, most: int) -> None:
    assert messages([q("equal", "name", ["x"] * most)], endpoint="users", server_version=version) == []
    expected = f"{PARAM}{PREFIX}Query on attribute has greater than {most} values: name"
    assert messages([q("equal", "name", ["x"] * (most + 1))], endpoint="users", server_version=version) == [
        expected
    ]


def test_sequence_is_internal_from_1_8() -> None:
    assert message(Query.equal("$sequence", 5), server_version="1.8.0") is None
    assert message(Query.equal("$sequence", 5), server_version="1.7.5") == (
        f"{PREFIX}Attribute not found in schema: $sequence"
    )
    assert message(Query.select(["$sequence"]), server_version="1.7.5") is None  # select knows it anyway


# Legacy era: the syntax


def test_legacy_servers_read_the_legacy_syntax() -> None:
    found = validate(
        ['equal("title", ["x", "y"])', "limit(25)", 'between("year", 1990, 2000)'],
        schema=SCHEMA,
        server_version="1.4.13",
    )
    assert found == [Query.equal("title", ["x", "y"]), Query.limit(25), Query.between("year", 1990, 2000)]


def test_json_on_a_legacy_server() -> None:
    text = str(Query.limit(5))
    assert messages([text], server_version="1.4") == ["Invalid query"]
    assert messages([text], endpoint="users", server_version="1.4") == [f"{PARAM}{PREFIX}Invalid query"]


def test_legacy_parse_error_wording() -> None:
    dotted = 'collection.equal("a", [1])'
    assert messages([dotted], server_version="1.4") == ["Invalid query method"]
    assert messages([dotted], endpoint="users", server_version="1.4") == [
        f"{PARAM}{PREFIX}Invalid query method"
    ]
    # Appwrite 1.3 interpolates the string, 1.0-1.2 do not (a bug in their validator)
    assert messages([dotted], endpoint="users", server_version="1.3") == [f"{PARAM}Invalid query: {dotted}"]
    assert messages([dotted], endpoint="users", server_version="1.2") == [f"{PARAM}Invalid query: ${{query}}"]


def test_a_missing_parenthesis() -> None:
    assert messages(["limit 25"], server_version="1.4") == ["Invalid query"]
    assert messages(["limit 25"], server_version="1.3") == ["Invalid query"]
    # up to 1.2 the reader reads a method "" and the validator refuses it
    assert messages(["limit 25"], server_version="1.2") == ["Query method not valid: "]


def test_php_type_errors_of_the_legacy_reader() -> None:
    (error,) = problems(["between(null, 1, 2)"], server_version="1.4")
    assert error.message.startswith("Utopia\\Database\\Query::__construct(): Argument #2 ($attribute)")
    assert (error.error_type, error.status) == ("general_unknown", 500)


def test_strings_the_legacy_server_reads_differently() -> None:
    (error,) = problems(["equal('title', ['x'])"], server_version="1.4")
    assert error.kind == "strict"
    assert "the server would read this as" in error.message
    # when the server's own reading fails, its message is given
    assert messages(["equal('nope', ['x'])"], server_version="1.4") == [
        f"{PREFIX}Attribute not found in schema: nope"
    ]
    assert messages(["equal('nope', ['x'])"], server_version="1.2") == [
        "Query not valid: Attribute not found in schema: nope"
    ]


def test_the_bare_zero_of_1_0_0() -> None:
    for item in ('equal("year", [1, 0])', Query.equal("year", [1, 0])):
        (error,) = problems([item], server_version="1.0.1")
        assert error.kind == "strict"
        assert "drops a bare 0" in error.message
        assert problems([item], server_version="1.0.2") == []


def test_legacy_query_items() -> None:
    given = Query.equal("title", "x")
    assert validate([given], schema=SCHEMA, server_version="1.4")[0] is given
    (error,) = problems([Query.or_queries([given, Query.is_null("year")])], server_version="1.4")
    assert error.kind == "strict"
    assert error.message.startswith("Expected a query without nested queries")
    (error,) = problems([Query.not_contains("title", "x")], server_version="1.4")
    assert error.kind == "strict"


def test_legacy_spans() -> None:
    (error,) = problems(['equal("year", [1, "x"])'], server_version="1.4")
    assert error.source[error.position : error.end] == '"x"'
    (error,) = problems(['equal("nope", [1])'], server_version="1.4")
    assert error.source[error.position : error.end] == '"nope"'
    (error,) = problems(["limit(0)"], server_version="1.4")
    assert error.source[error.position : error.end] == "0"
    (error,) = problems(['between("year", 1, "x")'], server_version="1.4")
    assert error.source[error.position : error.end] == '"x"'
    (error,) = problems(['select(["title", "nope"])'], server_version="1.4")
    assert error.source[error.position : error.end] == '"nope"'
    (error,) = problems(['equal("year", "x")'], server_version="1.4")
    assert error.source[error.position : error.end] == '"x"'
    (error,) = problems(['equal("year", [])'], server_version="1.4")
    assert error.source[error.position : error.end] == "[]"


# Legacy era: methods and validators


def test_methods_by_legacy_version() -> None:
    contains = 'contains("tags", ["x"])'
    assert messages([contains], server_version="1.4") == []
    assert messages([contains], server_version="1.3") == ["Query method not valid: contains"]
    for method in (
        'isNull("title")',
        'startsWith("title", ["a"])',
        'between("year", 1, 2)',
        'select(["title"])',
    ):
        assert messages([method], server_version="1.3") == [], method
        name = method.split("(")[0]
        assert messages([method], server_version="1.2") == [f"Query method not valid: {name}"]
    assert messages(['foo("a")'], server_version="1.4") == ["Invalid query method: foo"]
    assert messages(['foo("a")'], endpoint="users", server_version="1.4") == [
        f"{PARAM}Invalid query method: foo"
    ]
    assert messages(['select(["name"])'], endpoint="users", server_version="1.3") == [
        f"{PARAM}Query method not valid: select"
    ]


@pytest.mark.parametrize(
    ("version", "text", "expected"),
    [
        ("1.4", "limit(0)", f"{PREFIX}Invalid limit: Value must be a valid range between 1 and {RANGE_MAX}"),
        ("1.4", 'limit("abc")', f"{PREFIX}Invalid limit: Value must be a valid number"),
        (
            "1.4",
            "offset(-1)",
            f"{PREFIX}Invalid offset: Value must be a valid range between 0 and {RANGE_MAX}",
        ),
        ("1.3", "limit(0)", None),
        (
            "1.3",
            "limit(-1)",
            f"Query not valid: Invalid limit: Value must be a valid range between 0 and {RANGE_MAX}",
        ),
        ("1.3", "offset(10000)", None),
        ("1.2", "limit(100)", None),
        (
            "1.2",
            "limit(101)",
            "Query not valid: Invalid limit: Value must be a valid range between 0 and 100",
        ),
        (
            "1.2",
            'limit("abc")',
            "Query not valid: Invalid limit: Value must be a valid range between 0 and 100",
        ),
        ("1.2", "offset(5000)", None),
        (
            "1.2",
            "offset(5001)",
            "Query not valid: Invalid offset: Value must be a valid range between 0 and 5,000",
        ),
        ("1.1", "limit(0)", None),
    ],
)
def test_limit_and_offset_by_legacy_version(version: str, text: str, expected: str | None) -> None:
    assert message(text, server_version=version) == expected


def test_legacy_cursors() -> None:
    assert messages(['cursorAfter("doc1")'], server_version="1.2") == []
    assert messages(['cursorAfter("_x")'], endpoint="users", server_version="1.2") == [
        f"{PARAM}Query not valid: Invalid cursor: UID must contain at most 36 chars. Valid chars are a-z, "
        "A-Z, 0-9, and underscore. Can't start with a leading underscore"
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('equal("year", ["5"])', "integer"),
        ('equal("year", [1.5])', "integer"),
        ('equal("title", [1])', "string"),
        ('equal("ok", [1])', "boolean"),
        ('equal("at", [20240101])', "datetime"),
        ('equal("price", ["1.5"])', "double"),
        ('equal("title", [null])', "string"),
    ],
)
def test_legacy_type_check(text: str, expected: str) -> None:
    assert message(text, server_version="1.4") == f"{PREFIX}Query type does not match expected: {expected}"
    assert (
        message(text, server_version="1.3")
        == f"Query not valid: Query type does not match expected: {expected}"
    )


@pytest.mark.parametrize(
    "text",
    [
        'equal("price", [1])',
        'equal("price", [1.5])',
        'equal("at", ["now"])',
        'equal("author", [5])',
        'equal("year", [2147483648])',
    ],
)
def test_legacy_type_check_passes(text: str) -> None:
    assert message(text, server_version="1.4") is None


def test_legacy_nested_attributes() -> None:
    nested = 'equal("author.name", ["x"])'
    assert message(nested, server_version="1.4") == f"{PREFIX}Cannot query nested attribute on: author"
    assert (
        message(nested, server_version="1.3") == "Query not valid: Cannot query nested attribute on: author"
    )
    assert (
        message(nested, server_version="1.2") == "Query not valid: Attribute not found in schema: author.name"
    )
    assert message('equal("nope.x", ["x"])', server_version="1.3") == (
        "Query not valid: Attribute not found in schema: nope"
    )
    assert (
        message('orderAsc("nope.x")', server_version="1.3")
        == "Query not valid: Attribute not found in schema: nope.x"
    )


def test_value_counts_from_1_4() -> None:
    assert (
        message('equal("title", [])', server_version="1.4")
        == f"{PREFIX}Equal queries require at least one value."
    )
    assert message('notEqual("title", [])', server_version="1.4") == (
        f"{PREFIX}NotEqual queries require exactly one value."
    )
    assert (
        message('between("year", 1, null)', server_version="1.4")
        == f"{PREFIX}Query type does not match expected: integer"
    )
    assert (
        message('equal("title", [])', server_version="1.3") is None
    )  # Appwrite's own validators did not count
    assert message(Query.equal("title", ["x"] * 101), server_version="1.4") == (
        f"{PREFIX}Query on attribute has greater than 100 values: title"
    )


def test_legacy_versions_use_the_latest_presets() -> None:
    assert endpoints("1.4")["users"].version == "1.9.6"
    assert messages(['equal("email", ["a@b.c"])', "limit(5)"], endpoint="users", server_version="1.4") == []


def test_policies_apply_to_legacy_queries() -> None:
    found = problems(['select(["title"])'], server_version="1.4", policy=Policy(forbidden=["select"]))
    assert [(error.kind, error.message) for error in found] == [
        ("policy", "The policy forbids select queries")
    ]
    assert found[0].source[found[0].position : found[0].end] == "select"


def test_legacy_schema_internal_attributes() -> None:
    schema = Schema([Attribute.string("name")])
    assert (
        messages(['orderDesc("$createdAt")', 'equal("$id", ["a"])'], schema=schema, server_version="1.4")
        == []
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the 7.2.6 reader refuses these for a later reason; 1.7's reader stops at its unknown method first
        ('{"method":"or","values":{"a":{"method":"notContains"}}}', "Invalid query method: notContains"),
        ('{"method":"or","values":[{"method":"notSearch"},[]]}', "Invalid query method: notSearch"),
        # the same problem as on 7.2.6, found by 1.7's reading
        (
            '{"method":"or","values":[null]}',
            "Utopia\\Database\\Query::parseQuery(): Argument #1 ($query) must be of type array, null given",
        ),
        (
            '{"method":"or","values":[true]}',
            "Utopia\\Database\\Query::parseQuery(): Argument #1 ($query) must be of type array, bool given",
        ),
        ('{"method":"or","values":"x"}', "Invalid query values. Must be an array, got string"),
        (
            '{"method":"equal","attribute":"a","values":5}',
            "Invalid query values. Must be an array, got integer",
        ),
        ('{"method":[],"values":[]}', "Invalid query method. Must be a string, got array"),
        ('{"method":"or","values":[[]]}', "Invalid query method: "),
        (
            '{"method":"or","values":[{"method":"equal","attribute":false}]}',
            "Invalid query attribute. Must be a string, got boolean",
        ),
    ],
)
def test_shape_errors_read_with_an_older_method_set(text: str, expected: str) -> None:
    assert messages([text], server_version="1.7") == [expected]


def test_what_an_older_reader_accepts_but_appwrite_dsl_refuses() -> None:
    (error,) = problems(['{"method":"equal","attribute":"title","values":{"a":"x"}}'], server_version="1.7")
    assert error.kind == "strict"
