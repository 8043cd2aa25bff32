"""read_queries: the list PHP (and so the server) builds from a query string, for every container a web
framework holds query parameters in.

The expected lists follow php_register_variable_ex (php-src main/php_variables.c, which Swoole calls from
thirdparty/php/main/SAPI.h for Appwrite) and the Zend hash rules; each case says which rule it exercises.
"""

from __future__ import annotations

import doctest
from urllib.parse import parse_qs, parse_qsl, urlencode

import pytest
from hypothesis import given
from hypothesis import strategies as st

import appwrite_dsl.params
from appwrite_dsl.params import parameter_pairs, read_queries
from appwrite_dsl.transport.params import encode_query
from appwrite_dsl.validate import QueryValidationError

LIMIT = '{"method":"limit","values":[5]}'
EQUAL = '{"method":"equal","attribute":"title","values":["a b","c&d=e"]}'

# (query string, the list the server iterates): the three forms, mixed orders, gaps and duplicates.
CASES = [
    ("", []),
    ("total=false", []),
    ("queries[0]=a&queries[1]=b", ["a", "b"]),
    ("queries[]=a&queries[]=b", ["a", "b"]),
    ("queries=a&queries=b", ["a", "b"]),  # bare: read as queries[]= (PHP would keep "b" alone, a string)
    ("queries[1]=b&queries[0]=a", ["b", "a"]),  # insertion order, not key order
    ("queries[0]=a&queries[5]=f", ["a", "f"]),  # gaps are iterated over
    ("queries[0]=a&queries[0]=A", ["A"]),  # a later value replaces, in place
    ("queries[0]=a&queries[1]=b&queries[0]=A", ["A", "b"]),
    ("queries[5]=f&queries[]=g", ["f", "g"]),  # [] appends after the largest integer key
    ("queries[]=a&queries[0]=A&queries[]=c", ["A", "c"]),
    ("queries[1]=x&queries[]=y&queries[0]=z&queries[]=w", ["x", "y", "z", "w"]),
    ("queries[x]=a&queries[]=b", ["a", "b"]),  # a string key does not move the next integer key
    ("queries[-5]=a&queries[]=b", ["a", "b"]),  # PHP 8.3+: after -5 comes -4
    ("queries[-5]=a&queries[]=b&queries[-4]=B", ["a", "B"]),
    ("queries[07]=a&queries[7]=b&queries[07]=c", ["c", "b"]),  # "07" is a string key, 7 an integer
    ("queries[-0]=a&queries[0]=b", ["a", "b"]),  # "-0" is a string key
    ("queries[ ]=a&queries[ ]=b", ["a", "b"]),  # one space inside the brackets counts as []
    ("queries[ 0]=a&queries[0]=b", ["a", "b"]),  # " 0" is a string key
    ("queries[0]x=a&queries[1]]=b", ["a", "b"]),  # text after ] that is not [ is ignored
    ("queries[0=a&queries[]=b", ["b"]),  # an unclosed bracket: the name is queries_0
    ("+queries[]=a&%20queries[]=b", ["a", "b"]),  # leading spaces of a name are dropped
    ("queries%5B0%5D=a&queries%5B%5D=b", ["a", "b"]),  # brackets percent-encoded, as the SDKs send
    ("queries[9223372036854775807]=a&queries[]=b", ["a"]),  # no next key after PHP_INT_MAX
    ("queries[9223372036854775808]=a&queries[]=b", ["a", "b"]),  # out of range: a string key
    ("queries[]=a&&queries[]=b&", ["a", "b"]),  # empty pairs are skipped
    ("queries[]&queries[]=b", ["", "b"]),  # a name without = has an empty value
    ("queries[0]=a&queries" + "[0]" * 65 + "=b&queries[]=c", ["c"]),  # past 64 levels: dropped entirely
    ("queries.x[]=a&queries[]=b", ["b"]),  # another variable (queries_x)
    ("queries%00x[]=a&queries[]=b", ["a", "b"]),  # a name ends at NUL: a bare queries
    ("queries[0%00]=a&queries[]=b", ["b"]),  # ... so this bracket is unclosed: queries_0
    ("x=1&" * 999 + "queries[]=a&queries[]=b", ["a"]),  # PHP reads the first 1000 parameters only
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_query_strings(text: str, expected: list[str]) -> None:
    assert read_queries(text) == expected
    assert read_queries(text.encode()) == expected
    assert read_queries(parse_qsl(text, keep_blank_values=True)) == expected


def test_values_are_decoded_as_php_does() -> None:
    text = urlencode([("queries[0]", EQUAL), ("queries[1]", LIMIT)])
    assert read_queries(text) == [EQUAL, LIMIT]
    assert read_queries("queries[]=a+b%2Bc%zz") == ["a b+c%zz"]  # an invalid escape stays as it is
    assert read_queries(b"queries[]=%C3%A9\xc3\xa9") == ["\xe9\xe9"]
    assert read_queries(b"queries[]=%FF") == ["\udcff"]  # invalid UTF-8, which the query parser refuses


def test_a_nested_item_is_refused_at_its_index() -> None:
    with pytest.raises(QueryValidationError) as caught:
        read_queries("queries[0]=a&queries[1][x]=b&queries[2][]=c")
    assert [(e.index, e.kind, e.stage, e.error_type, e.source) for e in caught.value.errors] == [
        (1, "server", "param", "general_argument_invalid", "queries[1][x]"),
        (2, "server", "param", "general_argument_invalid", "queries[2][]"),
    ]
    assert str(caught.value) == (
        "Invalid `queries` param: Value must a valid array no longer than 100 items and Value must be a valid "
        "string and at least 1 chars and no longer than 4096 chars\n    queries[1][x]\n           ^~~~~~"
    )


def test_sixty_four_levels_are_kept() -> None:
    with pytest.raises(QueryValidationError) as caught:
        read_queries("queries" + "[0]" * 64 + "=b")
    assert caught.value.index == 0


def test_another_name() -> None:
    assert read_queries("filters[]=a&queries[]=b", "filters") == ["a"]


def test_mappings_and_pairs() -> None:
    assert read_queries({"queries": [LIMIT, EQUAL]}) == [LIMIT, EQUAL]
    assert read_queries({"queries": LIMIT}) == [LIMIT]
    assert read_queries({"queries[1]": "b", "queries[0]": "a"}) == ["b", "a"]
    assert read_queries(parse_qs("queries[]=a&queries[]=b&x=1")) == ["a", "b"]
    assert read_queries([("queries[]", "a"), ("queries[]", "b")]) == ["a", "b"]


MIXED = "queries[1]=x&queries[]=y&queries[0]=z&queries[]=w"


def test_starlette_query_params_keep_the_order() -> None:
    from starlette.datastructures import QueryParams

    assert read_queries(QueryParams(MIXED)) == ["x", "y", "z", "w"]
    assert read_queries(QueryParams("queries=a&queries=b")) == ["a", "b"]


def test_werkzeug_multidict() -> None:
    from werkzeug.datastructures import MultiDict

    params = MultiDict(parse_qsl("queries=a&queries=b&queries[2]=c"))
    assert read_queries(params) == ["a", "b", "c"]
    # Werkzeug groups the values of a name: interleaved names lose their relative order.
    assert parameter_pairs(MultiDict(parse_qsl(MIXED))) == [
        ("queries[1]", "x"),
        ("queries[]", "y"),
        ("queries[]", "w"),
        ("queries[0]", "z"),
    ]
    assert read_queries(MultiDict(parse_qsl(MIXED))) == ["x", "y", "w", "z"]


def test_flask_request_args_and_raw_query_string() -> None:
    from flask import Flask, request

    app = Flask(__name__)
    with app.test_request_context("/books?" + MIXED):
        assert read_queries(request.args) == ["x", "y", "w", "z"]
        assert read_queries(request.query_string) == ["x", "y", "z", "w"]


def test_django_querydict() -> None:
    from django.conf import settings

    if not settings.configured:
        settings.configure(DEFAULT_CHARSET="utf-8")
    from django.http import QueryDict

    assert read_queries(QueryDict("queries[]=a&queries[]=b&queries[5]=f")) == ["a", "b", "f"]
    assert read_queries(QueryDict("queries=a&queries=b")) == ["a", "b"]


def test_module_docstring() -> None:
    result = doctest.testmod(appwrite_dsl.params, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 3
    assert result.failed == 0


@given(st.lists(st.text(max_size=20), max_size=8), st.sampled_from(["indexed", "brackets", "repeated"]))
def test_what_the_encoders_write_reads_back(texts: list[str], style: str) -> None:
    """The SDKs' form, the REST documentation's and requests' repeated names all read back as sent."""
    if style == "repeated":
        encoded = urlencode([("queries", text) for text in texts])
    else:
        encoded = encode_query({"queries": texts, "total": False}, style=style)  # type: ignore[arg-type]
    assert read_queries(encoded) == texts
    assert read_queries(parse_qsl(encoded, keep_blank_values=True)) == texts
