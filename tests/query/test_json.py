"""Query.parse, JSON syntax: the golden corpora, positions and carets, the round-trip laws, PHP's decoder
emulated (first problem left to right, depth, surrogates, bytes), robustness and speed."""

from __future__ import annotations

import doctest
import json
import math
import time
import timeit
from typing import Any, Callable

import pytest
from appwrite.query import Query as SDKQuery
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl import InvalidQuery, ParseError, _json, _methods, _php_json
from appwrite_dsl import query as query_module
from appwrite_dsl._strategies_query import queries
from appwrite_dsl.query import JSONObject, Query

from ..corpus import Refusal, case_id, cases, refusals
from ..property.invariants import check_error

VALID = cases("valid", "query-json")
INVALID = refusals("query-json")


def attempt(text: str | bytes) -> tuple[Query | None, ParseError | None]:
    try:
        return Query.parse(text, syntax="json"), None
    except ParseError as error:
        return None, error


def refused(text: str | bytes, syntax: str = "json") -> InvalidQuery:
    with pytest.raises(InvalidQuery) as caught:
        Query.parse(text, syntax=syntax)  # type: ignore[arg-type]
    return caught.value


# --------------------------------------------------------------------------------------------- corpora


@pytest.mark.parametrize(("text", "canonical"), VALID)
def test_valid_corpus(text: str, canonical: str) -> None:
    query = Query.parse(text, syntax="json")
    canonical = canonical or text
    assert str(query) == canonical
    again = Query.parse(canonical, syntax="json")
    assert again == query
    assert str(again) == canonical


@pytest.mark.parametrize("case", INVALID, ids=case_id)
def test_invalid_corpus(case: Refusal) -> None:
    error = refused(case.text)
    case.check(error)
    check_error(error, case.text)


def test_the_corpora_are_read() -> None:
    assert len(VALID) >= 80
    assert len(INVALID) >= 100
    assert {Query.parse(text, syntax="json").method for text, _ in VALID} == _methods.SERVER_METHODS


def test_module_examples() -> None:
    for module in (query_module, _json):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.failed == 0
    assert doctest.testmod(query_module).attempted >= 5


# ----------------------------------------------------------------------------------------- the tree read


def test_the_tree_as_the_server_holds_it() -> None:
    query = Query.parse(
        '{"method":"or","values":[{"method":"equal","attribute":"a","values":[1,[2.5,{"k":null}]]},{"method":"orderAsc"}]}'
    )
    assert (query.method, query.attribute) == ("or", None)
    first, second = query.queries
    assert (first.method, first.attribute, first.values) == (
        "equal",
        "a",
        (1, (2.5, JSONObject({"k": None}))),
    )
    assert (second.method, second.attribute, second.values) == ("orderAsc", None, None)
    values = first.values
    assert values is not None and isinstance(values[1], tuple) and isinstance(values[1][1], JSONObject)
    assert Query.parse('{"method":"equal","attribute":"a","values":[9223372036854775808]}').values == (
        2.0**63,
    )
    assert type(Query.parse('{"method":"equal","attribute":"a","values":[-0]}').values[0]) is int  # type: ignore[index]
    minus_zero = Query.parse('{"method":"equal","attribute":"a","values":[-0.0]}').values[0]  # type: ignore[index]
    assert math.copysign(1, minus_zero) == -1  # type: ignore[arg-type]


def test_parse_and_builders_give_the_same_trees() -> None:
    built = Query.or_queries([Query.equal("a", [1, "x", None]), Query.between("b", 1.5, 2**62)])
    parsed = Query.parse(str(built))
    assert parsed == built
    assert parsed.values == built.values
    assert parsed.queries[0].values == ((1, "x", None))


def test_syntax_selection() -> None:
    assert Query.parse('{"method":"limit","values":[1]}') == Query.limit(1)
    assert Query.parse(b'{"method":"limit","values":[1]}') == Query.limit(1)
    spaced = bytearray(b' {"method":"limit","values":[1]}')  # any bytes-like object, not only bytes
    assert Query.parse(spaced, syntax="json") == Query.limit(1)  # type: ignore[arg-type]
    assert refused(" {}", syntax="json").message == "Invalid query method: "
    with pytest.raises(ValueError, match="syntax must be"):
        Query.parse("{}", syntax="yaml")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="text must be a str or bytes"):
        Query.parse(1)  # type: ignore[arg-type]


def test_the_legacy_syntax_is_read_when_asked_or_detected() -> None:
    pytest.importorskip("appwrite_dsl._legacy")
    assert Query.parse('equal("title", ["Iron Man"])') == Query.equal("title", "Iron Man")
    assert Query.parse('equal("title", ["Iron Man"])', syntax="legacy") == Query.equal("title", "Iron Man")
    assert Query.parse(b"limit(25)") == Query.limit(25)
    assert Query.parse('isNull("a")', syntax="auto") == Query.is_null("a")
    # JSON after JSON whitespace is JSON in auto mode (the server's json_decode skips it)
    assert Query.parse(' {"method":"limit","values":[1]}', syntax="auto") == Query.limit(1)
    assert refused(' {"method":"limit","values":[1]}', syntax="legacy").message.startswith(
        "Expected a query method"
    )
    assert refused('equal("a", [1])', syntax="json").message == "Invalid query: Syntax error"
    error = refused(b"limit(\xff)", syntax="legacy")
    assert error.message == "Invalid query: Malformed UTF-8 characters, possibly incorrectly encoded"
    assert error.position == 6
    assert refused("limit(1e999)", syntax="legacy").position == 6


# ------------------------------------------------------------------------------------ positions and carets


@pytest.mark.parametrize(
    ("text", "culprit"),
    [
        ('{"method":"equal","attribute":1}', "1"),
        ('{"method":"Equal"}', '"Equal"'),
        ('{"method":1, "method" : "x" }', '"x"'),
        ('{"method":"equal","attribute":"a","values":"x"}', '"x"'),
        ('{"method":"equal","attribute":"a","values":{"k":1}}', '{"k":1}'),
        ('{"method":"or","values":[{"method":"isNull","attribute":"a"}, 5 ]}', "5"),
        ('{"method":"or","values":[{"method":"and","values":[{"method":"x"}]}]}', '"x"'),
        ('{"method":"equal","attribute":"a","values":[1,[2,1e400]]}', "1e400"),
        ('{"method":"equal","attribute":"a","values":[{"k":{"0":1}}]}', '{"0":1}'),
        ('{"method":"equal","attribute":"a","values":[{"k":1,"k":{}}]}', "{}"),
        ('{"method":"equal","attribute":"a","values":[NaN]}', "N"),
        ('{"method":"equal","attribute":"a","values":[-Infinity]}', "-"),
        ('{"method":"limit","values":[1],}', "}"),
        ('{"method":"limit","values":[1]]', "]"),
        ('{"method":"equal","attribute":"a","values":["x\\ud800y"]}', "\\ud800"),
        ('{"method":"equal","attribute":"a","values":["\\q"]}', "\\q"),
        ('{"method":"equal","attribute":"a","values":["tab\there"]}', "\t"),
        ('{"method":"limit","values":[1]} x', "x"),
        ('  "x"  ', '"x"'),
    ],
)
def test_the_span_is_the_culprit(text: str, culprit: str) -> None:
    error = refused(text)
    assert text[error.position : error.end] == culprit
    assert text.index(culprit) == error.position or text.rindex(culprit) == error.position
    check_error(error, text)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ('{"attribute":"a"}', (0, 17)),
        ("[]", (0, 2)),
        (' ["equal"] ', (1, 10)),
        ('{"method":"lim', (14, 14)),
        ("", (0, 0)),
        ("   ", (3, 3)),
        ("[" * 600, (511, 512)),
        ('{"values":' + "[" * 520, (520, 521)),
    ],
)
def test_spans_of_whole_values_and_of_the_end(text: str, span: tuple[int, int]) -> None:
    error = refused(text)
    assert error.span == span
    check_error(error, text)


def test_the_caret_rendering() -> None:
    assert str(refused('{"method":"equal","attribute":1}')) == (
        "Invalid query attribute. Must be a string, got integer\n"
        '    {"method":"equal","attribute":1}\n'
        "                                  ^"
    )
    assert str(refused('{"method":"equal","attribute":"a","values":["a\tb"]}')) == (
        "Invalid query: Control character error, possibly incorrectly encoded\n"
        '    {"method":"equal","attribute":"a","values":["a\u2409b"]}\n'
        "                                                  ^"
    )
    assert str(refused('{"method":"or","values":[1]}')) == (
        "Utopia\\Database\\Query::parseQuery(): Argument #1 ($query) must be of type array, int given\n"
        '    {"method":"or","values":[1]}\n'
        "                             ^"
    )


def test_bytes_are_read_as_the_server_reads_utf8() -> None:
    assert Query.parse('{"method":"equal","attribute":"é","values":["😀"]}'.encode()) == Query.equal(
        "é", "😀"
    )
    error = refused(b'{"method":"equal","attribute":"a","values":["\xff"]}')
    assert error.message == "Invalid query: Malformed UTF-8 characters, possibly incorrectly encoded"
    assert error.source == '{"method":"equal","attribute":"a","values":["\ufffd"]}'
    assert error.span == (45, 46)
    # the first problem from the left wins, so a syntax error before a bad byte is a syntax error
    assert refused(b"[1,]\xff").message == "Invalid query: Syntax error"
    assert refused(b"x\xff").message == "Invalid query: Syntax error"
    assert (
        refused(b"\xe2\x82").message
        == "Invalid query: Malformed UTF-8 characters, possibly incorrectly encoded"
    )
    assert refused(b'"\xed\xa0\x80"').message == (
        "Invalid query: Malformed UTF-8 characters, possibly incorrectly encoded"
    )
    assert refused(b'{"method":1,"x":"\xff"}').message == (
        "Invalid query: Malformed UTF-8 characters, possibly incorrectly encoded"
    )
    error = refused(b'{"method":"\xc3\xa9x"}')
    assert (error.message, error.source, error.span) == (
        "Invalid query method: \xe9x",
        '{"method":"\xe9x"}',
        (10, 14),
    )


# ------------------------------------------------------------------------------------------ the laws


@given(queries())
def test_parse_of_str_is_the_query(query: Query) -> None:
    text = str(query)
    parsed = Query.parse(text, syntax="json")
    assert parsed == query
    assert str(parsed) == text
    assert parsed.values == query.values


@given(queries(max_depth=3))
def test_str_of_parse_of_canonical_text_is_the_text(query: Query) -> None:
    text = str(query)
    assert str(Query.parse(text)) == text
    # the SDK reads it back to the same JSON value (what it would re-send)
    assert json.loads(text) == json.loads(str(Query.parse(text)))


@given(queries(methods=["equal", "or", "elemMatch"], max_depth=0))
def test_methods_and_depth_can_be_chosen(query: Query) -> None:
    assert query.method in ("equal", "or", "elemMatch")
    assert query.queries == ()


def test_strategy_arguments_are_checked() -> None:
    wrong: list[dict[str, Any]] = [
        {"methods": ["regex"]},
        {"methods": []},
        {"syntax": "yaml"},
        {"max_depth": -1},
    ]
    for kwargs in wrong:
        with pytest.raises(ValueError):  # noqa: PT011 - each message names its argument
            queries(**kwargs)


@given(queries(syntax="legacy"))
def test_legacy_json_legacy_keeps_the_tree(query: Query) -> None:
    pytest.importorskip("appwrite_dsl._legacy")
    legacy = query.to_legacy()
    assert Query.parse(legacy, syntax="legacy") == query
    assert Query.parse(str(query), syntax="json") == query
    assert Query.parse(str(query)).to_legacy() == legacy


JSON_CHARS = '{}[]:,"\\ \t\n\r0123456789.-+eEtrufalsn/bfnrtuxdD8CF\x00\x01\x7fé\ud800😀'
JSON_TOKENS = [
    '{"method":',
    '"equal"',
    '"or"',
    '"attribute":',
    '"values":',
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    '"a"',
    "1",
    "-0.5e3",
    "1e400",
    "true",
    "null",
    "NaN",
    '"\\ud83d\\ude00"',
    '"\\ud800"',
    "\\u00e9",
    '"\\',
    " ",
    "\t",
    '{"0":1}',
    "{}",
    "99999999999999999999",
]
json_like = st.text(st.sampled_from(JSON_CHARS), max_size=40) | st.lists(
    st.sampled_from(JSON_TOKENS), max_size=16
).map("".join)


@given(st.text() | json_like)
@example("[" * 100_000)
@example('{"a":' * 50_000)
@example("[" * 700 + "]" * 700)
@example('{"method":"equal","attribute":"a","values":[' + "9" * 5000 + "]}")
@example("\ud800")
def test_any_text_is_read_or_refused_with_a_span(text: str) -> None:
    query, error = attempt(text)
    if error is None:
        assert query is not None
        assert Query.parse(str(query), syntax="json") == query
    else:
        assert isinstance(error, InvalidQuery)
        assert 0 <= error.position <= error.end <= len(text)
        check_error(error, text)


@given(st.binary(max_size=40) | json_like.map(lambda t: t.encode("utf-8", "surrogatepass")))
def test_any_bytes_are_read_or_refused(data: bytes) -> None:
    _, error = attempt(data)
    if error is not None:
        assert 0 <= error.position <= error.end <= len(error.source)
        check_error(error, error.source)


@given(queries(), st.data())
def test_edited_canonical_text_is_read_or_refused(query: Query, data: st.DataObject) -> None:
    text = str(query)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, min(len(text), start + 3)))
    edited = text[:start] + data.draw(st.sampled_from(["", *JSON_TOKENS])) + text[end:]
    _, error = attempt(edited)
    if error is not None:
        check_error(error, edited)


# --------------------------------------------------------------------- PHP's decoder against Python's


def python_reading(text: str) -> bool:
    """Whether Python's json module reads ``text`` and PHP's would too: no NaN/Infinity, no lone surrogate
    (escaped or raw), at most 511 nested containers (an independent reference for first_problem)."""
    try:
        value = json.loads(text, parse_constant=lambda name: math.nan)
    except (ValueError, RecursionError):
        return False
    if any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        return False
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, float) and math.isnan(item):
            return False
        if isinstance(item, str) and any(0xD800 <= ord(c) <= 0xDFFF for c in item):
            return False
        if isinstance(item, (list, dict)):
            if level + 1 > 511:
                return False
            members = list(item.items()) if isinstance(item, dict) else [(None, v) for v in item]
            for key, member in members:
                stack.append((member, level + 1))
                if key is not None:
                    stack.append((key, level + 1))
    return True


@given(json_like | st.text(max_size=20))
@example('"\\ud83d\\ude00"')
@example('"\\ud83d\\u0041"')
@example("[" * 511 + "]" * 511)
@example("[" * 512 + "]" * 512)
def test_first_problem_agrees_with_pythons_json(text: str) -> None:
    problem = _php_json.first_problem(text)
    assert (problem is None) == python_reading(text)
    if problem is not None:
        _, start, end = problem
        assert 0 <= start <= end <= len(text)


@given(json_like)
def test_syntax_error_positions_are_pythons(text: str) -> None:
    """Where both decoders see the same syntax error, the position is json.JSONDecodeError's."""
    problem = _php_json.first_problem(text)
    python = python_error(text)
    if problem is None or python is None or problem[0] != "Syntax error":
        return
    position, message = python
    if "NaN" in text or "Infinity" in text or message.startswith(("Invalid \\uXXXX", "Unterminated string")):
        return  # Python reads NaN and Infinity; at a bad \\u escape or an unterminated string it points elsewhere
    if (
        "\\" in text
    ):  # an error inside a string token: PHP's scanner stops at the bad escape, Python at the token
        assert position <= problem[1], (problem, python)
    else:
        assert problem[1] == position, (problem, python)


def python_error(text: str) -> tuple[int, str] | None:
    try:
        json.loads(text)
    except json.JSONDecodeError as error:
        return error.pos, error.msg
    except (ValueError, RecursionError):
        return None
    return None


def test_php_messages_for_every_error_kind() -> None:
    assert _php_json.first_problem("[1,2]") is None
    assert _php_json.first_problem("[1,") == ("Syntax error", 3, 3)
    assert _php_json.first_problem('["\\ud83d"]') == (
        "Single unpaired UTF-16 surrogate in unicode escape",
        2,
        8,
    )
    assert _php_json.first_problem('"\x1f"') == (
        "Control character error, possibly incorrectly encoded",
        1,
        2,
    )
    assert _php_json.first_problem("\x00") == ("Control character error, possibly incorrectly encoded", 0, 1)
    assert _php_json.first_problem("[\udc80]") == (
        "Malformed UTF-8 characters, possibly incorrectly encoded",
        1,
        2,
    )
    assert _php_json.first_problem("[" * 512) == ("Maximum stack depth exceeded", 511, 512)
    assert _php_json.first_problem("[1}") == ("State mismatch (invalid or malformed JSON)", 2, 3)


# ------------------------------------------------------------------------------------ speed and size


def best_cpu_time(function: Callable[[], object], number: int, repeat: int = 5) -> float:
    timer = timeit.Timer(function, timer=time.process_time)
    return min(timer.repeat(repeat=repeat, number=number)) / number


def test_parsing_a_typical_query_costs_at_most_two_json_loads() -> None:
    text = '{"method":"equal","attribute":"name","values":["x","y"]}'
    assert Query.parse(text) == Query.equal("name", ["x", "y"])
    ratios = []
    for _ in range(5):  # interleaved, best of each, so that a busy machine slows both alike
        baseline = best_cpu_time(lambda: json.loads(text), 2000)
        ours = best_cpu_time(lambda: Query.parse(text), 2000)
        ratios.append(ours / baseline)
    assert min(ratios) <= 2.0, ratios


TYPICAL_CALLS: list[tuple[Callable[[], object], Callable[[], object]]] = [
    (lambda: str(Query.equal("title", "Iron Man")), lambda: SDKQuery.equal("title", "Iron Man")),
    (
        lambda: str(Query.equal("year", [2001, 2002, 2003])),
        lambda: SDKQuery.equal("year", [2001, 2002, 2003]),
    ),
    (lambda: str(Query.less_than("n", 5.5)), lambda: SDKQuery.less_than("n", 5.5)),
    (lambda: str(Query.is_null("a")), lambda: SDKQuery.is_null("a")),
    (lambda: str(Query.limit(25)), lambda: SDKQuery.limit(25)),
    (lambda: str(Query.cursor_after({"$id": "x"})), lambda: SDKQuery.cursor_after({"$id": "x"})),
    (
        lambda: str(Query.or_queries([Query.equal("a", 1), Query.greater_than("b", 2)])),
        lambda: SDKQuery.or_queries([SDKQuery.equal("a", 1), SDKQuery.greater_than("b", 2)]),
    ),
    (
        lambda: str(Query.distance_less_than("loc", [1.5, 2.5], 1000)),
        lambda: SDKQuery.distance_less_than("loc", [1.5, 2.5], 1000),
    ),
    (lambda: [str(q) for q in Query.page(3, 10)], lambda: SDKQuery.page(3, 10)),
    (
        lambda: str(Query.equal("tags", ["é", "😀", "x"] * 10)),
        lambda: SDKQuery.equal("tags", ["é", "😀", "x"] * 10),
    ),
]


@pytest.mark.parametrize(("ours", "sdk"), TYPICAL_CALLS)
def test_builders_are_faster_than_the_sdk(ours: Callable[[], object], sdk: Callable[[], object]) -> None:
    assert ours() == sdk()
    ratios = []
    for _ in range(5):
        baseline = best_cpu_time(sdk, 1000)
        ratios.append(best_cpu_time(ours, 1000) / baseline)
    assert min(ratios) < 1.0, ratios


LARGE_INPUTS: dict[str, Callable[[int], str]] = {
    "long string": lambda n: '{"method":"equal","attribute":"a","values":["' + "x" * n + '"]}',
    "many values": lambda n: (
        '{"method":"equal","attribute":"a","values":[' + ",".join(["1"] * (n // 2)) + "]}"
    ),
    "many escapes": lambda n: (
        '{"method":"equal","attribute":"a","values":["' + "\\ud83d\\ude00" * (n // 12) + '"]}'
    ),
    "unterminated": lambda n: '{"method":"equal","attribute":"a","values":["' + "x" * n,
    "error at the end": lambda n: '{"method":"equal","attribute":"a","values":[' + "1," * (n // 2) + "NaN]}",
    "surrogate at the end": lambda n: (
        '{"method":"equal","attribute":"a","values":["' + "é" * n + '\\ud800"]}'
    ),
    "many members": lambda n: '{"method":"equal","attribute":"a",' + '"x":1,' * (n // 6) + '"values":5}',
    "open brackets": lambda n: "[" * n,
    "whitespace": lambda n: " " * n + "{}",
}


@pytest.mark.parametrize("shape", list(LARGE_INPUTS))
def test_time_grows_linearly_with_the_input(shape: str) -> None:
    small, large = LARGE_INPUTS[shape](50_000), LARGE_INPUTS[shape](400_000)
    attempt(small)  # warm up
    ratio = best_cpu_time(lambda: attempt(large), 1, 3) / max(
        best_cpu_time(lambda: attempt(small), 1, 3), 1e-4
    )
    # 8x the input: about 8x the time when linear, 64x when quadratic
    assert ratio < 16, f"{shape}: 8x the input took {ratio:.1f}x the time"


@pytest.mark.parametrize(
    "text", [' {"method":"limit","values":[1]}', '\r\n\t{"method":"limit","values":[1]} ']
)
def test_auto_detection_skips_json_whitespace(text: str) -> None:
    assert Query.parse(text) == Query.parse(text, syntax="json") == Query.limit(1)
    assert Query.parse(text.encode()) == Query.limit(1)
