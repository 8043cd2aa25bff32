"""The pydantic types: our parsers' verdicts and messages as pydantic errors at the right location, and
JSON Schemas that accept nothing the parsers refuse."""

from __future__ import annotations

import doctest
import re
from typing import Annotated

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from pydantic import BaseModel, TypeAdapter, ValidationError

import appwrite_dsl.pydantic
from appwrite_dsl import ID, Permission, Role
from appwrite_dsl.errors import ParseError
from appwrite_dsl.pydantic import IDString, PermissionString, Queries, QueryString, RoleString, patterns
from appwrite_dsl.strategies import ids, permission_strings, role_strings
from appwrite_dsl.validate import Attribute, Policy, Schema, check

BOOKS = Schema([Attribute.string("title"), Attribute.integer("year", bits=32)])
LIMIT = '{"method":"limit","values":[5]}'


class Book(BaseModel):
    id: IDString
    permissions: list[PermissionString] = []
    readers: list[RoleString] = []


class Search(BaseModel):
    queries: Annotated[list[str], Queries(schema=BOOKS, policy=Policy(max_limit=50))] = []


def test_valid_values_are_kept_canonical() -> None:
    book = Book(id="unique()", permissions=['read("user:abc/verified")'], readers=["team:t1/owner"])
    assert book.model_dump() == {
        "id": "unique()",
        "permissions": ['read("user:abc/verified")'],
        "readers": ["team:t1/owner"],
    }
    assert TypeAdapter(QueryString).validate_python('{ "values": [5], "method": "limit" }') == LIMIT


@pytest.mark.parametrize(
    ("data", "loc", "parser"),
    [
        ({"id": "_x"}, ("id",), lambda: ID.parse("_x")),
        (
            {"id": "a", "permissions": ['read("any")', 'read("user:a:b")']},
            ("permissions", 1),
            lambda: Permission.parse('read("user:a:b")'),
        ),
        ({"id": "a", "readers": ["users/blocked"]}, ("readers", 0), lambda: Role.parse("users/blocked")),
    ],
)
def test_errors_carry_our_message_and_span(
    data: dict[str, object], loc: tuple[object, ...], parser: object
) -> None:
    with pytest.raises(ParseError) as ours:
        parser()  # type: ignore[operator]
    with pytest.raises(ValidationError) as caught:
        Book.model_validate(data)
    [error] = caught.value.errors()
    assert error["loc"] == loc
    assert error["msg"] == ours.value.message
    assert error["type"] == "pydantic_appwrite_dsl"
    assert error["ctx"]["position"] == ours.value.position
    assert error["ctx"]["end"] == ours.value.end


def test_query_string_refuses_what_the_parser_refuses() -> None:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(QueryString).validate_python("limit(5)")
    assert caught.value.errors()[0]["msg"] == "Invalid query: Syntax error"


def test_query_list_errors_are_located_at_each_index() -> None:
    texts = [
        LIMIT,
        '{"method":"equal","attribute":"year","values":["1999"]}',
        '{"method":"limit","values":[500]}',
    ]
    expected = check(texts, schema=BOOKS, policy=Policy(max_limit=50))
    with pytest.raises(ValidationError) as caught:
        Search(queries=texts)
    errors = caught.value.errors()
    assert [(e["loc"], e["msg"], e["ctx"]["position"], e["ctx"]["kind"]) for e in errors] == [
        (("queries", q.index), q.message, q.position, q.kind) for q in expected
    ]
    assert [e["input"] for e in errors] == [texts[1], texts[2]]
    assert Search(queries=['{ "method" : "limit", "values" : [ 5 ] }']).queries == [LIMIT]


def test_query_list_error_of_the_whole_list() -> None:
    with pytest.raises(ValidationError) as caught:
        Search(queries=[LIMIT] * 101)
    [error] = caught.value.errors()
    assert error["loc"] == ("queries",)
    assert error["msg"].startswith(
        "Invalid `queries` param: Value must a valid array no longer than 100 items"
    )


def test_query_list_for_an_endpoint() -> None:
    adapter = TypeAdapter(Annotated[list[str], Queries(endpoint="users", server_version="1.6.0")])
    assert adapter.validate_python(['{"method":"equal","attribute":"email","values":["a@b.c"]}'])
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(['{"method":"select","values":["name"]}'])
    assert caught.value.errors()[0]["msg"] == "Invalid `queries` param: Invalid query method: select"
    schema = adapter.json_schema()
    assert "users list endpoint" in schema["description"]
    assert "maxItems" not in schema


def test_json_schemas() -> None:
    schema = Book.model_json_schema()
    properties = schema["properties"]
    assert properties["id"]["pattern"] == patterns()["id"]
    assert properties["permissions"]["items"]["pattern"] == patterns()["permission"]
    assert properties["readers"]["items"]["pattern"] == patterns()["role"]
    assert all(
        properties[name].get("description") or properties[name]["items"]["description"] for name in properties
    )
    queries = Search.model_json_schema()["properties"]["queries"]
    assert queries["type"] == "array"
    assert queries["maxItems"] == 100
    assert queries["items"] == {
        "type": "string",
        "format": "appwrite-query",
        "minLength": 1,
        "maxLength": 4096,
        "description": 'An Appwrite query in the JSON syntax, such as {"method":"limit","values":[25]}.',
    }
    assert TypeAdapter(QueryString).json_schema()["format"] == "appwrite-query"


# The schema may be stricter than the parser, never looser: what its pattern accepts, the parser accepts.
VALIDATORS = {
    name: Draft202012Validator({"type": "string", "pattern": pattern}) for name, pattern in patterns().items()
}
READERS = {"permission": Permission.parse, "role": Role.parse, "id": ID.parse}

# Mutations of valid strings: a character inserted, removed or replaced, near the places that matter.
ALPHABET: st.SearchStrategy[str] = st.sampled_from(
    [*'abz09._-:/()"\n \t\x00é0', "unique()", "user:", "team:", "label:", "verified"]
)


def _mutated(valid: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw: st.DrawFn) -> str:
        text = draw(valid)
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "replace", "truncate", "append"]))
        piece = draw(ALPHABET)
        if action == "insert":
            return text[:at] + piece + text[at:]
        if action == "delete":
            return text[:at] + text[at + 1 :]
        if action == "replace":
            return text[:at] + piece + text[at + 1 :]
        if action == "truncate":
            return text[:at]
        return text + piece

    return build()


STRATEGIES = {
    "permission": permission_strings(),
    "role": role_strings(),
    "id": st.one_of(ids(allow_unique=True), st.just("unique()")),
}


def _accepts(reader: object, text: str) -> bool:
    try:
        reader(text)  # type: ignore[operator]
    except ParseError:
        return False
    return True


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_pattern_accepts_every_valid_string(name: str) -> None:
    @given(STRATEGIES[name])
    def run(text: str) -> None:
        assert VALIDATORS[name].is_valid(text), text

    run()


@pytest.mark.parametrize("name", sorted(STRATEGIES))
def test_pattern_accepts_nothing_the_parser_refuses(name: str) -> None:
    @given(st.one_of(_mutated(STRATEGIES[name]), st.text(max_size=50)))
    @example("0")
    @example("any\n")
    @example('read("user:0")')
    @example("label:0")
    @example("team:t/0")
    def run(text: str) -> None:
        if VALIDATORS[name].is_valid(text):
            assert _accepts(READERS[name], text), text

    run()


def test_patterns_are_ecma_and_python_regular_expressions() -> None:
    for pattern in patterns().values():
        re.compile(pattern)
        assert "\\Z" not in pattern
        assert "(?P" not in pattern


def test_module_docstring() -> None:
    result = doctest.testmod(appwrite_dsl.pydantic, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 5
    assert result.failed == 0


def test_value_objects_are_not_accepted_as_text() -> None:
    with pytest.raises(ValidationError):
        Book(id="a", permissions=[Permission.read(Role.any())])  # type: ignore[list-item]
