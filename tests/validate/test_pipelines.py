"""The two pipelines (Appwrite 1.9.6 list endpoints): document routes and the other list endpoints, their limits,
their error framing, the order the server meets problems in, and the document-only rules."""

from __future__ import annotations

import pickle

import pytest

from appwrite_dsl.query import Query
from appwrite_dsl.validate import (
    Attribute,
    Deployment,
    Endpoint,
    QueryError,
    QueryValidationError,
    Schema,
    Validator,
    check,
    validate,
)

from .helpers import PARAM, PREFIX, SCHEMA, message, messages, problems, q

ARRAY = (
    PARAM
    + "Value must a valid array no longer than 100 items and Value must be a valid string and at least 1 "
    "chars and no longer than 4096 chars"
)
TYPE_ERROR = "Utopia\\Database\\Query::parseQuery(): Argument #1 ($query) must be of type array, string given"


# Document routes: ArrayList(Text(4096), 100)


def test_at_most_100_queries() -> None:
    assert messages([Query.limit(1)] * 100) == []
    found = problems([Query.equal("nope", "x")] + [Query.limit(1)] * 100)
    assert [(error.message, error.index) for error in found] == [
        (ARRAY, None),
        (f"{PREFIX}Attribute not found in schema: nope", 0),
    ]
    assert found[0].source == ""
    assert found[0].error_type == "general_argument_invalid"


def test_each_query_is_1_to_4096_characters() -> None:
    padded = '{"method":"equal","attribute":"title","values":["%s"]}'
    exact = padded % ("x" * (4096 - len(padded) + 2))
    assert len(exact) == 4096
    assert messages([exact]) == []
    assert messages([exact[:-2] + 'x"]}']) == [ARRAY]
    assert messages([""]) == [ARRAY]


def test_characters_are_code_points() -> None:
    padded = '{"method":"equal","attribute":"title","values":["%s"]}'
    text = padded % ("é" * (4096 - len(padded) + 2))
    assert len(text) == 4096 and len(text.encode()) > 4096
    assert messages([text]) == []


def test_the_length_limit_of_vectorsdb() -> None:
    vectors = Schema([Attribute.vector("emb", 3)], max_query_length=524288)
    long = q("equal", "$id", ["x" * 6000])
    assert messages([long], schema=vectors) == []
    assert messages([""], schema=vectors) == [ARRAY.replace("4096", "524288")]


def test_other_endpoints_have_no_count_or_length_limit() -> None:
    long = q("equal", "name", ["x" * 6000])
    assert messages([long] * 150, endpoint="users") == []
    assert messages([""], endpoint="users") == [f"{PARAM}Invalid query: Invalid query: Syntax error"]


# Parse errors and their framing


def test_parse_errors_on_document_routes() -> None:
    (error,) = problems(["{"])
    assert (error.message, error.error_type, error.status, error.kind) == (
        f"{PREFIX}Syntax error",
        "general_query_invalid",
        400,
        "server",
    )
    assert messages(['{"method":"Equal"}']) == ["Invalid query method: Equal"]
    assert messages(['"x"']) == ["Invalid query. Must be an array, got string"]


def test_parse_errors_on_other_endpoints_are_prefixed_twice() -> None:
    (error,) = problems(["{"], endpoint="teams")
    assert (error.message, error.error_type, error.status) == (
        f"{PARAM}{PREFIX}{PREFIX}Syntax error",
        "general_argument_invalid",
        400,
    )
    assert messages(['{"method":"Equal"}'], endpoint="teams") == [
        f"{PARAM}{PREFIX}Invalid query method: Equal"
    ]


def test_a_logical_child_that_is_not_a_query_is_a_php_type_error() -> None:
    text = '{"method":"or","values":["x"]}'
    (error,) = problems([text])
    assert (error.message, error.error_type, error.status) == (TYPE_ERROR, "general_unknown", 500)
    assert error.source[error.position : error.end] == '"x"'
    assert messages([text], endpoint="users") == [f"{PARAM}{PREFIX}{TYPE_ERROR}"]


def test_legacy_strings_are_syntax_errors_for_json_servers() -> None:
    assert messages(['equal("title", ["x"])']) == [f"{PREFIX}Syntax error"]


def test_texts_the_server_accepts_but_reads_differently_are_strictness() -> None:
    for text in (
        '{"method":"equal","attribute":"title","values":{"a":"x"}}',
        '{"method":"equal","attribute":"price","values":[1e400]}',
        '{"method":"notEqual","attribute":"meta","values":[{}]}',
    ):
        (error,) = problems([text])
        assert error.kind == "strict", text
        assert error.message.startswith("Expected"), error.message
        assert error.error_type is None and error.status is None


# The order the server meets problems in


def test_document_routes_parse_every_query_before_validating() -> None:
    found = problems([Query.equal("nope", "x"), "garbage", Query.equal("year", "1")])
    assert [(error.index, error.message) for error in found] == [
        (1, f"{PREFIX}Syntax error"),
        (0, f"{PREFIX}Attribute not found in schema: nope"),
        (2, f'{PREFIX}Query value is invalid for attribute "year"'),
    ]


def test_document_routes_check_the_cursor_before_validating() -> None:
    found = problems([Query.equal("nope", "x"), q("cursorAfter", None, ["_x"])])
    assert [error.index for error in found] == [1, 0]
    assert found[0].message.startswith("Invalid cursor: ")


def test_other_endpoints_go_query_by_query() -> None:
    found = problems([Query.equal("nope", "x"), "garbage"], endpoint="users")
    assert [(error.index, error.message) for error in found] == [
        (0, f"{PARAM}{PREFIX}Attribute not found in schema: nope"),
        (1, f"{PARAM}{PREFIX}{PREFIX}Syntax error"),
    ]


def test_one_server_problem_per_query() -> None:
    # the first failing check of a query is its only server problem, as on the server
    assert messages([q("equal", "nope", [1] * 600)]) == [f"{PREFIX}Attribute not found in schema: nope"]


# Document-only rules


def test_search_needs_a_fulltext_index_when_indexes_are_known() -> None:
    assert messages([Query.search("title", "x")]) == []
    assert messages([Query.search("body", "x")]) == [
        'Searching by attribute "body" requires a fulltext index.'
    ]
    assert messages([Query.not_search("body", "x")]) == [
        'Searching by attribute "body" requires a fulltext index.'
    ]
    unknown = Schema([Attribute.string("body")], fulltext=None)  # the rule switched off, explicitly
    assert messages([Query.search("body", "x")], schema=unknown) == []
    none = Schema([Attribute.string("body")])  # no index information: no fulltext index
    assert messages([Query.search("body", "x")], schema=none) == [
        'Searching by attribute "body" requires a fulltext index.'
    ]


def test_search_rule_applies_inside_logical_queries_and_after_the_validators() -> None:
    nested = Query.or_queries([Query.equal("title", "a"), Query.search("body", "x")])
    found = problems([Query.equal("nope", "x"), nested])
    assert [(error.index, error.message) for error in found] == [
        (0, f"{PREFIX}Attribute not found in schema: nope"),
        (1, 'Searching by attribute "body" requires a fulltext index.'),
    ]
    assert found[1].source[found[1].position : found[1].end] == '"body"'


def test_search_is_not_a_document_rule_elsewhere() -> None:
    assert messages([Query.search("name", "x")], endpoint="users") == []


def test_one_vector_query_per_request() -> None:
    one = Query.vector_dot("emb", [1, 2, 3])
    assert messages([one]) == []
    found = problems([one, Query.limit(5), Query.vector_cosine("emb", [1, 2, 3])])
    assert [(error.index, error.message) for error in found] == [
        (2, "Cannot use multiple vector queries in a single request")
    ]
    nested = Query.or_queries([Query.vector_dot("emb", [1, 2, 3]), Query.vector_euclidean("emb", [1, 2, 3])])
    assert messages([nested]) == ["Cannot use multiple vector queries in a single request"]


# Endpoint presets


def test_select_only_where_the_endpoint_allows_it() -> None:
    select = Query.select(["name"])
    assert messages([select], endpoint="users") == [f"{PARAM}Invalid query method: select"]
    assert messages([select], endpoint="projects") == []
    assert messages([Query.select(["status", "$id"])], endpoint="deployments") == []
    assert messages([Query.select(["nope"])], endpoint="deployments") == [
        f"{PARAM}{PREFIX}Attribute not found in schema: nope"
    ]


@pytest.mark.parametrize(
    ("endpoint", "attribute"),
    [
        ("tables", "rowSecurity"),
        ("teams", "billingPlan"),
        ("fileTokens", "expire"),
        ("functions", "scheduleNext"),
        ("topics", "description"),
        ("messages", "description"),
        ("platforms", "packageName"),
    ],
)
def test_allowed_names_the_collection_lacks(endpoint: str, attribute: str) -> None:
    assert messages([Query.equal(attribute, "x")], endpoint=endpoint) == [
        f"{PARAM}{PREFIX}Attribute not found in schema: {attribute}"
    ]


@pytest.mark.parametrize(
    ("endpoint", "query"),
    [
        ("users", Query.equal("status", True)),
        ("users", Query.contains("labels", "vip")),
        ("users", Query.greater_than("registration", "2024-01-01")),
        ("teams", Query.greater_than("total", 5)),
        ("memberships", Query.contains("roles", "owner")),
        ("files", Query.less_than("sizeOriginal", 10**12)),
        ("buckets", Query.greater_than("maximumFileSize", 2**40)),
        ("executions", Query.greater_than("duration", 1.5)),
        ("executions", Query.equal("responseStatusCode", 200)),
        ("collections", Query.equal("documentSecurity", False)),
        ("indexes", Query.contains("attributes", "title")),
        ("keys", Query.contains("scopes", "users.read")),
        ("presences", Query.equal("userInternalId", "12")),
        ("users", Query.order_desc("$sequence")),
        ("users", Query.cursor_after("user1")),
    ],
)
def test_preset_types(endpoint: str, query: Query) -> None:
    assert messages([query], endpoint=endpoint) == []


@pytest.mark.parametrize(
    ("endpoint", "query", "attribute"),
    [
        ("users", Query.equal("status", "true"), "status"),
        ("teams", Query.equal("total", 2**31), "total"),
        ("files", Query.equal("chunksTotal", -1), "chunksTotal"),
        ("executions", Query.equal("duration", "1.5"), "duration"),
        ("users", Query.equal("$sequence", "5"), "$sequence"),  # a 32-bit integer outside document routes
        ("users", Query.equal("$createdAt", "soon"), "$createdAt"),
    ],
)
def test_preset_types_refused(endpoint: str, query: Query, attribute: str) -> None:
    assert messages([query], endpoint=endpoint) == [
        f'{PARAM}{PREFIX}Query value is invalid for attribute "{attribute}"'
    ]


def test_preset_arrays() -> None:
    assert messages([Query.equal("labels", "vip")], endpoint="users") == [
        f'{PARAM}{PREFIX}Cannot query equal on attribute "labels" because it is an array.'
    ]


def test_webhooks_rename_tls_and_auth_username_in_the_raw_text() -> None:
    assert messages([Query.equal("tls", True), Query.equal("authUsername", "bob")], endpoint="webhooks") == []
    assert (
        messages([Query.equal("security", True), Query.equal("httpUser", "bob")], endpoint="webhooks") == []
    )
    # values are rewritten too: "tls" becomes "security", still a string for url
    assert messages([Query.equal("url", "tls")], endpoint="webhooks") == []
    (error,) = problems([Query.equal("tls", "yes")], endpoint="webhooks")
    assert error.message == f'{PARAM}{PREFIX}Query value is invalid for attribute "security"'
    assert error.source == str(Query.equal("tls", "yes"))
    assert error.source[error.position : error.end] == '"yes"'
    (error,) = problems(['{"method":"equal","attribute":"tls","values":["tls"]'], endpoint="webhooks")
    assert error.message == f"{PARAM}{PREFIX}{PREFIX}Syntax error"
    assert error.position == error.end == len(error.source)


def test_webhooks_return_the_queries_as_given() -> None:
    text = q("equal", "tls", [True])
    (parsed,) = validate([text], endpoint="webhooks")
    assert parsed == Query.parse(text)
    given = Query.equal("authUsername", "bob")
    assert validate([given], endpoint="webhooks")[0] is given


CURSOR_TEXT = "Invalid cursor: Value must be a valid string and at least 1 chars and no longer than 256 chars"


def test_branches_take_only_pages_and_free_text_cursors() -> None:
    assert (
        messages(
            [
                Query.limit(5),
                Query.offset(5),
                Query.cursor_after("x" * 256),
                Query.cursor_before("feature/x"),
            ],
            endpoint="branches",
        )
        == []
    )
    assert messages([Query.cursor_after("")], endpoint="branches") == [f"{PARAM}{PREFIX}{CURSOR_TEXT}"]
    assert messages([Query.cursor_after("x" * 257)], endpoint="branches") == [f"{PARAM}{PREFIX}{CURSOR_TEXT}"]
    assert messages([q("cursorAfter", None, [5])], endpoint="branches") == [f"{PARAM}{PREFIX}{CURSOR_TEXT}"]
    assert messages([Query.equal("name", "x")], endpoint="branches") == [
        f"{PARAM}Invalid query method: equal"
    ]
    assert messages([Query.order_asc("name")], endpoint="branches") == [
        f"{PARAM}Invalid query method: orderAsc"
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (Query.equal("namespace", "acme"), None),
        (Query.not_equal("namespace", "acme"), "Only equal queries are supported for namespace"),
        (Query.equal("name", "acme"), "Only namespace can be queried"),
        (Query.equal("namespace", ["a", "b"]), "Namespace query must have exactly one value"),
        (q("equal", "namespace", []), "Namespace query must have exactly one value"),
        (
            Query.equal("namespace", 5),
            "Namespace query value must be a string with a maximum length of 256 characters",
        ),
        (
            Query.equal("namespace", "x" * 257),
            "Namespace query value must be a string with a maximum length of 256 characters",
        ),
        (
            Query.equal("namespace", ""),
            "Namespace query value must be a string with a maximum length of 256 characters",
        ),
    ],
)
def test_vcs_repositories_take_one_namespace_filter(query: object, expected: str | None) -> None:
    assert messages([query], endpoint="vcsRepositories") == (
        [] if expected is None else [f"{PARAM}{PREFIX}{expected}"]
    )


def test_vcs_repositories_take_no_cursor_or_order() -> None:
    assert messages([Query.limit(5), Query.offset(1)], endpoint="vcsRepositories") == []
    assert messages([Query.cursor_after("x")], endpoint="vcsRepositories") == [
        f"{PARAM}Invalid query method: cursorAfter"
    ]
    assert messages([Query.order_desc("x")], endpoint="vcsRepositories") == [
        f"{PARAM}Invalid query method: orderDesc"
    ]


# Items, results and errors


def test_validate_returns_the_parsed_queries_and_keeps_query_items() -> None:
    given = Query.equal("title", "x")
    text = '{ "values": [2000], "method": "greaterThan", "attribute": "year" }'
    parsed = validate([given, text], schema=SCHEMA)
    assert parsed[0] is given
    assert parsed[1] == Query.greater_than("year", 2000)


def test_query_items_are_validated_like_their_text() -> None:
    for query in (
        Query.equal("nope", 1),
        Query.limit(0),
        Query.or_queries([Query.equal("year", "x"), Query.is_null("ok")]),
    ):
        by_tree = [(e.message, e.position, e.end, e.source) for e in problems([query])]
        by_text = [(e.message, e.position, e.end, e.source) for e in problems([str(query)])]
        assert by_tree == by_text and by_tree


def test_the_error_of_validate() -> None:
    with pytest.raises(QueryValidationError) as caught:
        validate([Query.equal("title", "x"), Query.equal("year", "1"), "{"], schema=SCHEMA)
    error = caught.value
    assert [e.index for e in error.errors] == [2, 1]
    assert (error.message, error.index, error.source, error.kind, error.error_type) == (
        f"{PREFIX}Syntax error",
        2,
        "{",
        "server",
        "general_query_invalid",
    )
    assert (error.position, error.end) == (error.errors[0].position, error.errors[0].end)
    assert str(error) == str(error.errors[0])
    assert repr(error) == f"QueryValidationError('{PREFIX}Syntax error', index=2, errors=2)"
    assert repr(error.errors[1]) == (
        "QueryError('Invalid query: Query value is invalid for attribute \"year\"', index=1, kind='server')"
    )


def test_errors_pickle() -> None:
    with pytest.raises(QueryValidationError) as caught:
        validate([Query.equal("year", "1"), Query.limit(0)], schema=SCHEMA)
    copy = pickle.loads(pickle.dumps(caught.value))
    assert [(e.message, e.index, e.kind, e.error_type, e.position, e.end) for e in copy.errors] == [
        (e.message, e.index, e.kind, e.error_type, e.position, e.end) for e in caught.value.errors
    ]
    assert copy.message == caught.value.message
    single = pickle.loads(pickle.dumps(caught.value.errors[0]))
    assert isinstance(single, QueryError) and single.kind == "server" and single.index == 0


def test_an_error_needs_errors() -> None:
    with pytest.raises(ValueError, match="at least one error"):
        QueryValidationError([])


def test_arguments_are_checked() -> None:
    with pytest.raises(TypeError, match="str or Query items"):
        check([b"{}"], schema=SCHEMA)  # type: ignore[list-item]
    with pytest.raises(TypeError, match="either schema"):
        check([], schema=SCHEMA, endpoint="users")
    with pytest.raises(TypeError, match="either schema"):
        check([])
    with pytest.raises(TypeError, match="schema must be a Schema"):
        check([], schema=[Attribute.string("a")])  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="policy must be a Policy"):
        check([], schema=SCHEMA, policy={"forbidden": ["select"]})  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="Expected a list endpoint"):
        check([], endpoint="user")


def test_a_validator_is_reusable() -> None:
    validator = Validator(endpoint="users", server_version="1.9.6")
    assert validator.server_version == "1.9.6"
    assert isinstance(validator.target, Endpoint) and validator.target.name == "users"
    assert validator.check([Query.equal("email", "a@b.c")]) == []
    assert [e.message for e in validator.check([Query.equal("nope", 1)])] == [
        f"{PARAM}{PREFIX}Attribute not found in schema: nope"
    ]
    assert validator.validate([]) == []


def test_str_subclasses_are_text() -> None:
    class Text(str):
        pass

    assert validate([Text('{"method":"limit","values":[5]}')], schema=SCHEMA) == [Query.limit(5)]
    assert message(Text("{")) == f"{PREFIX}Syntax error"


def test_a_query_item_too_long_for_a_document_route() -> None:
    long = Query.equal("title", "x" * 5000)
    (error,) = problems([long])
    assert (error.message, error.source, error.position, error.end) == (ARRAY, str(long), 0, len(str(long)))


def test_vector_queries_are_counted_across_levels() -> None:
    nested = Query.or_queries([Query.vector_dot("emb", [1, 2, 3]), Query.equal("title", "x")])
    found = problems([nested, Query.vector_cosine("emb", [1, 2, 3])])
    assert [(error.index, error.message) for error in found] == [
        (1, "Cannot use multiple vector queries in a single request")
    ]
    found = problems([Query.vector_cosine("emb", [1, 2, 3]), nested])
    assert [error.index for error in found] == [1]


def test_what_is_not_a_list_of_strings_gets_the_parameter_error() -> None:
    param = (
        "Invalid `queries` param: Value must a valid array no longer than 100 items and Value must be a valid "
        "string and at least 1 chars and no longer than 4096 chars"
    )
    limit = '{"method":"limit","values":[1]}'
    for queries in (limit, [limit, 5], [None], [[limit]], [{"a": limit}], [True], 5, None):
        (error,) = problems(queries)  # type: ignore[arg-type]
        assert (error.kind, error.stage, error.message, error.status) == ("server", "param", param, 400)
    assert problems({"a": limit}) == []  # PHP reads a JSON object as the array of its values
    assert problems(text for text in [limit]) == []


def test_items_that_are_not_strings_on_the_other_endpoints() -> None:
    # Query::parse(string) receives them converted to a string by PHP; a list cannot be.
    assert messages([5], endpoint="users") == [
        "Invalid `queries` param: Invalid query: Invalid query. Must be an array, got integer"
    ]
    assert messages([None], endpoint="users") == [
        "Invalid `queries` param: Invalid query: Invalid query: Syntax error"
    ]
    assert messages([[1]], endpoint="users") == [
        "Invalid `queries` param: Invalid query: Utopia\\Database\\Query::parse(): Argument #1 ($query) must be of "
        "type string, array given"
    ]
    assert messages("x", endpoint="users") == ["Invalid `queries` param: Queries must be an array"]


def test_deployments() -> None:
    assert Deployment() == Deployment("mariadb", False)
    assert Deployment("postgresql").max_uid_length == Deployment("postgres").max_uid_length == 36
    assert Deployment("mongodb").max_uid_length == 255
    with pytest.raises(ValueError, match="Expected a database adapter"):
        Deployment("sqlite")
    with pytest.raises(TypeError, match="shared_tables must be a bool"):
        Deployment("mariadb", "yes")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="deployment must be a Deployment"):
        check([], schema=SCHEMA, deployment="mariadb")  # type: ignore[arg-type]
    select = Query.select(["$tenant"])
    assert messages([select]) == ["Cannot select attributes: $tenant"]
    assert messages([select], deployment=Deployment(shared_tables=True)) == []
    born = Query.equal("at", "0500-06-01")
    assert messages([born]) == [f'{PREFIX}Query value is invalid for attribute "at"']
    for adapter in ("postgres", "postgresql", "mongodb"):
        assert messages([born], deployment=Deployment(adapter)) == []


def test_the_database_release_names_the_same_behaviour() -> None:
    lists = (
        [Query.equal("year", "1999")],
        ['{"method":"exists","attribute":"at","values":["at"]}'],
        [Query.select(["author"])],
        ['{"method":"regex","attribute":"title","values":["x"]}'],
    )
    for queries in lists:
        assert messages(queries, server_version="7.2.6") == messages(queries, server_version="1.9.6") != []
