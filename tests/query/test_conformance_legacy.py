"""Every legacy-query conformance record (what utopia-php/database 0.46.0 ``Query::parse`` returned).

For each record:
- the server emulation reproduces it exactly: method, attribute, values with their types (int or float,
  bytes that are not UTF-8), PHP warnings, or the error message and class;
- the strict reader either reads the same triple, or refuses the input and the record is listed in
  ``DELIBERATE`` with the reason, the message refusing it, and a note naming the server's reading.

The byte scanner of the emulation takes runs of bytes at once; it is compared here with a byte-by-byte
transcription of the server's argument scan (``Query::parse`` of utopia-php/database 0.46.0,
``src/Database/Query.php``), on every record and on generated text.
"""

from __future__ import annotations

import base64
import math
from typing import Any, NamedTuple

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl._legacy import read_legacy
from appwrite_dsl._legacy_server import ServerError, _split_parameters, server_read_legacy

from ..conformance import record_id, records
from .test_legacy import outcome, same, typed

RECORDS = records("legacy-queries.jsonl")


def record_input(record: dict[str, Any]) -> str | bytes:
    raw = record["input"]
    return base64.b64decode(raw["$b64"]) if isinstance(raw, dict) else raw


def record_text(record: dict[str, Any]) -> str:
    """The input as a str; bytes that are not UTF-8 become lone surrogates (``surrogateescape``)."""
    raw = record_input(record)
    return raw.decode("utf-8", "surrogateescape") if isinstance(raw, bytes) else raw


def decoded(value: Any) -> Any:
    """A value of a record as Python holds it (conformance/README.md, "Value encoding")."""
    if isinstance(value, list):
        return [decoded(item) for item in value]
    if isinstance(value, dict) and "$b64" in value:
        return base64.b64decode(value["$b64"]).decode("utf-8", "surrogateescape")
    if isinstance(value, dict) and "$float" in value:
        return {"INF": math.inf, "-INF": -math.inf, "NAN": math.nan}[value["$float"]]
    return value


# ------------------------------------------------------------------------------------- the emulation


@pytest.mark.parametrize("record", RECORDS, ids=record_id)
def test_the_emulation_reproduces_the_server(record: dict[str, Any]) -> None:
    server = record["server"]
    warnings = tuple(server.get("warnings", ()))
    for given_as in (record_input(record), record_text(record)):  # bytes and str say the same
        if "error" in server:
            with pytest.raises(ServerError) as caught:
                server_read_legacy(given_as)
            assert caught.value.message == server["error"]
            assert caught.value.php_class == server["class"]
            assert caught.value.warnings == warnings
            continue
        reading = server_read_legacy(given_as)
        assert reading.method == decoded(server["method"])
        assert reading.attribute == decoded(server["attribute"])
        assert typed(reading.values) == typed(decoded(server["values"]))
        assert reading.warnings == warnings


def test_the_records_are_all_there() -> None:
    assert len(RECORDS) == 187
    assert {record["source"] for record in RECORDS} == {"utopia-php/database 0.46.0"}


# Readings of the server that no record holds (bytes that are not UTF-8, version differences), per version.
SPEC_READINGS: list[tuple[str, bytes, tuple[str, str, list[Any]]]] = [
    ("1.4", b"\xc3(1)", ("\udcc3(", "", [])),
    ("1.4", b'equal("a", ["x"]) \xe2\x9c\x93', ("equal", "a", ["x"])),
    ("1.4", b"limit\x80(5)", ("limit", "", ["(5"])),  # the scan starts one byte early, at '('
    ("1.0", b'equal("a", [0])', ("equal", "a", [])),
    ("1.0", b'equal("a", [1, 0])', ("equal", "a", [1])),
    ("1.0", b'equal("a", 0, 1)', ("equal", "a", [1])),
    ("1.0", b"limit(0)", ("limit", "", [0])),
    ("1.0.2", b'equal("a", [0])', ("equal", "a", [0])),
    ("1.2", b"limit 25", ("", "", [])),
    ("1.2", b"", ("", "", [])),
    ("1.2", b'isNull("a")', ("isNull", "", [])),
    ("1.2", b'contains("a", ["x"])', ("contains", "a", ["x"])),
    ("1.3", b'between("n", [1], [])', ("between", "n", [[1], [1]])),
    # PHP's numeric strings at their edges, from _is_numeric_string_ex (php-src Zend/zend_operators.c):
    # a form feed survives trim(); LONG_MIN's digits are compared with strcmp(), trailing whitespace included
    ("1.4", b'equal("n", [-9223372036854775808\x0c])', ("equal", "n", [-9.223372036854776e18])),
    ("1.4", b'equal("n", [\x0c-9223372036854775808])', ("equal", "n", [-9223372036854775808])),
    ("1.4", b'equal("n", [9223372036854775807\x0c,00000000000000000000001])', ("equal", "n", [2**63 - 1, 1])),
]


@pytest.mark.parametrize(("version", "data", "expected"), SPEC_READINGS)
def test_the_emulation_follows_the_spec_examples(version: str, data: bytes, expected: Any) -> None:
    reading = server_read_legacy(data, version=version)
    assert (reading.method, reading.attribute, typed(reading.values)) == (
        expected[0],
        expected[1],
        typed(expected[2]),
    )


@pytest.mark.parametrize(
    ("version", "data", "message"),
    [
        ("1.4", b"\xe2(.)", "Invalid query method"),
        ("1.3", b"limit 25", "Invalid query"),
        ("1.0", b"collection.equal(1)", "Invalid query method"),
    ],
)
def test_the_emulation_fails_as_the_spec_says(version: str, data: bytes, message: str) -> None:
    with pytest.raises(ServerError) as caught:
        server_read_legacy(data, version=version)
    assert (caught.value.message, caught.value.php_class) == (message, "QueryException")


def naive_parameters(data: bytes, start: int, end: int, drops_zero: bool) -> list[Any]:
    """The server's argument scan, one byte at a time, as ``Query::parse`` does it."""
    params: list[Any] = []
    cur, arr, quote, depth = b"", [], None, 0

    def append(token: bytes, byte: bytes) -> bytes:  # step 4.4
        return token + byte if quote is not None or byte not in (b" ", b",") else token

    def kept(token: bytes) -> bool:
        return bool(token) and not (drops_zero and token == b"0")

    i = start
    while i < end:
        byte = data[i : i + 1]
        if byte == b"\\":  # step 4.1
            following = data[i + 1 : i + 2]
            if following not in (b",", b"[", b"]", b'"', b"'"):
                cur = append(cur, b"\\")
            cur = append(cur, following)
            i += 2
            continue
        if byte in (b'"', b"'") and (data[i - 1] != 0x5C or data[i - 2] == 0x5C):  # step 4.2
            if quote is None:
                quote = byte
            elif byte == quote:
                quote = None
            cur += byte
        elif quote is None and byte == b"[":  # step 4.3
            depth += 1
        elif quote is None and byte == b"]":
            depth -= 1
            if kept(cur):
                arr.append(cur)
            params.append(arr)
            cur, arr = b"", []
        elif quote is None and byte == b",":
            if depth > 0:
                arr.append(cur)
            elif kept(cur):
                params.append(cur)
            cur = b""
        else:
            cur = append(cur, byte)
        i += 1
    if cur:  # step 5
        params.append(cur)
    return params


@pytest.mark.parametrize("record", RECORDS, ids=record_id)
def test_the_scanner_matches_the_byte_by_byte_transcription(record: dict[str, Any]) -> None:
    raw = record_input(record)
    data = raw if isinstance(raw, bytes) else raw.encode("utf-8")
    if b"(" in data and data.find(b"(") + 1 <= len(data) - 1:
        start = data.find(b"(") + 1
        for drops_zero in (False, True):
            params, _ = _split_parameters(data, start, len(data) - 1, drops_zero)
            assert params == naive_parameters(data, start, len(data) - 1, drops_zero)[:3]


@given(
    st.binary(max_size=40).map(lambda b: b.replace(b"\xff", b"\\"))
    | st.text(st.sampled_from(list("\\\"',[] a0é(")), max_size=40).map(str.encode),
    st.integers(1, 40),
    st.booleans(),
)
@example(b'a\\"b"c', 2, False)
@example(b"x\\'y\"", 2, False)
@example(b"[0,0]0,", 1, True)
def test_the_scanner_matches_the_transcription_anywhere(data: bytes, start: int, drops_zero: bool) -> None:
    data = b"m(" + data
    start = min(start, len(data))  # any start: the scan may begin after a backslash (step 2)
    end = len(data) - 1
    params, spans = _split_parameters(data, start, end, drops_zero)
    assert params == naive_parameters(data, start, end, drops_zero)[:3]
    assert all(start <= a <= b <= end + 1 for a, b in spans)


# -------------------------------------------------------------------------------------- the reader


class Reason(NamedTuple):
    why: str
    messages: tuple[str, ...]  # how the strict reader's message begins


SINGLE_QUOTES = Reason(
    "single-quoted strings: the canonical syntax writes double quotes only",
    ('Expected a value (a string in double quotes, a number, true, false or null), found "\'"',),
)
BAREWORDS = Reason(
    "unquoted words: the server reads them as strings (None, TRUE, NaN) where a value was meant",
    ("Expected a value",),
)
SPACES_IN_TOKENS = Reason(
    "spaces inside a token vanish on the server: 1 2 is 12, tr ue is true, my title is mytitle",
    ("Expected a value", "Expected ',' or "),
)
WHITESPACE = Reason(
    "tabs and vertical tabs between tokens: only spaces are insignificant (the server trims some "
    "whitespace and keeps the rest inside the value)",
    ("Expected a value", "Expected ',' or "),
)
GLUED = Reason(
    "tokens without a separator (unescaped quotes inside a string, as SDKs before the escaping writer "
    "wrote them, or a missing comma): the server glues them into one value",
    ("Expected ',' or ", "Expected a value"),
)
EMPTY = Reason(
    "empty arguments or array items: the server drops some (0,) and (, , ,) and keeps others ([1,,2])",
    ("Expected a value",),
)
UNBALANCED = Reason(
    "unbalanced brackets or a missing ')': the server never checks them; it drops the last byte and loses "
    "or keeps items",
    ("Expected ',' or ", "Expected a value"),
)
AFTER_THE_QUERY = Reason(
    "bytes after ')' (a second query, spaces, a newline): the server drops only the last byte and reads "
    "the rest into an argument",
    ("Expected end of query after ')'",),
)
UNTERMINATED = Reason(
    "an unterminated string (an odd run of backslashes before the closing quote escapes it): the server "
    "reads to the end",
    ("Expected '\"' to close the string",),
)
DROPPED_BACKSLASH = Reason(
    "a backslash before , [ ] or ': the server drops it, so the value read differs from the value written",
    ("Expected no backslash before",),
)
NOT_UTF8 = Reason("bytes that are not UTF-8 in a string", ("Expected a Unicode character",))
NUMBERS = Reason(
    "numbers outside the canonical form (1e3, +5, .5, 01e, 0x1A) or read as another value (-0.0, "
    "integers beyond 64 bits, 1e999)",
    ("Expected a number", "Expected an integer", "Expected a finite number"),
)
ATTRIBUTE = Reason(
    "an attribute that is not a string: PHP converts it (1 -> '1', null -> '', true -> '1') or fails",
    ("Expected the attribute of",),
)
MISSING = Reason(
    "a missing attribute or value: the server fills in '', [] or null (with PHP warnings) or fails",
    (
        "Expected the attribute of",
        "Expected a single value for",
        "Expected the attributes of select",
        "Expected ',' and the",
    ),
)
ARRAYS = Reason(
    "an array where a single value goes, a single value where an array goes, or nested arrays: the server "
    "flattens arrays into one shared accumulator, keeps the array as a value, or fails",
    (
        "Expected a single value",
        "Expected the attributes of select as an array",
        "Expected a value (a string in double quotes, a number, true, false or null) in an array",
    ),
)
EXTRA = Reason("arguments beyond the method's shape: the server ignores them", ("Expected ')' after",))
UNKNOWN_METHOD = Reason(
    "methods Appwrite 1.4 does not know (or with other case): the server reads them with no attribute and "
    "no values",
    ("Expected a query method of Appwrite",),
)
METHOD_SYNTAX = Reason(
    "no method word right before '(' (spaces, a dot, no parenthesis at all): the server keeps the "
    "spaces in the method, refuses the dot, or refuses the string",
    ("Expected a query method,", "Expected '(' after"),
)

DELIBERATE: dict[str, Reason] = {
    # single quotes
    'equal("actors", [ " Johnny Depp ",  " Brad Pitt" , \'Al Pacino \' ])': SINGLE_QUOTES,
    "equal(\"One\",[55.55,'Works',true])": SINGLE_QUOTES,
    "equal(\"One\" , [55.55, 'Works',true])": SINGLE_QUOTES,
    "cursorAfter(['x',\"y\"])": SINGLE_QUOTES,
    "equal('a', ['it\\'s'])": SINGLE_QUOTES,
    'equal("a", [\'x"y\'])': SINGLE_QUOTES,
    "equal('a', [\"x'y\"])": SINGLE_QUOTES,
    'equal("a", [\'abc"])': SINGLE_QUOTES,
    # barewords
    'equal("a", [None])': BAREWORDS,
    'equal("a", [x\\ y])': BAREWORDS,
    'equal("a", \\"x\\")': BAREWORDS,
    'equal("n", [TRUE, True, Null, nil, None, "true", "null", "1"])': BAREWORDS,
    "limit(é": BAREWORDS,
    # spaces inside tokens
    'equal("a", [1 2])': SPACES_IN_TOKENS,
    "limit(2 5)": SPACES_IN_TOKENS,
    'equal("a", [tr ue, n u l l, - 1])': SPACES_IN_TOKENS,
    'equal("a", ["x", y z, "w"])': SPACES_IN_TOKENS,
    "equal(my title, [a b])": SPACES_IN_TOKENS,
    # other whitespace
    'equal(\t"a",\t["x"])': WHITESPACE,
    'equal("a", [\t1\t])': WHITESPACE,
    'equal("a", [1\t2])': WHITESPACE,
    'equal("a", [\x0b5\x0b])': WHITESPACE,
    # glued tokens
    'equal("value", "{"type":"json","somekey":"someval"}")': GLUED,
    'equal("value", ""NormalStringInDoubleQuotes"")': GLUED,
    'equal("value", "{"NormalStringInDoubleQuotesAndBraces"}")': GLUED,
    'equal("value", "DoubleQuote"InMiddle")': GLUED,
    'equal("value", ""quoted":"colon"")': GLUED,
    'equal("a", ["he said "hi there""])': GLUED,
    'select(["a"b"])': GLUED,
    'equal("a", ["say "hi""])': GLUED,
    'equal("a", ["a"b","c"])': GLUED,
    'search("title", [""phrase""])': GLUED,
    'equal("a", ["x" "y"])': GLUED,
    'equal("a", "x"y")': GLUED,
    'equal("a", [x"y z"])': GLUED,
    'equal("a" ["x"])': GLUED,
    # empty arguments and items
    'equal("attr", 0,)': EMPTY,
    'equal(1, , , ["[Hello] World"], , , )': EMPTY,
    'equal("a", [1,,2])': EMPTY,
    'equal("a", [,])': EMPTY,
    'equal("a", [1,2,])': EMPTY,
    # unbalanced
    "limit(25": UNBALANCED,
    'equal("a", ["x"]': UNBALANCED,
    'equal("a", ["x"]]': UNBALANCED,
    'equal("a", [1, 2': UNBALANCED,
    'equal("a", ]1])': UNBALANCED,
    'equal("a", 1])': UNBALANCED,
    'equal("a", ["x", "y")': UNBALANCED,
    'equal("a", ["x"\\]])': UNBALANCED,
    # after the query
    'equal("a", ["x"]), limit(1), equal("b", ["z"])': AFTER_THE_QUERY,
    'cursorAfter("x"), limit(1")': AFTER_THE_QUERY,
    "limit(25) ": AFTER_THE_QUERY,
    "limit(25)xyz": AFTER_THE_QUERY,
    "limit(25))": AFTER_THE_QUERY,
    "limit(25)\n": AFTER_THE_QUERY,
    'equal("a", ["b"]) extra': AFTER_THE_QUERY,
    "limit(25)é": AFTER_THE_QUERY,
    # unterminated strings
    'equal("a", ["trail\\"])': UNTERMINATED,
    'equal("a", "x\\")': UNTERMINATED,
    'equal("a", "x\\': UNTERMINATED,
    'equal("a", ["\\"])': UNTERMINATED,
    'equal("a", ["abc])': UNTERMINATED,
    'equal("a", ["abc\'])': UNTERMINATED,
    'equal("a", ["xé)': UNTERMINATED,
    # dropped backslashes
    'equal("a", ["x\\,y"])': DROPPED_BACKSLASH,
    'equal("a", ["x\\[y"])': DROPPED_BACKSLASH,
    'equal("a", ["x\\]y"])': DROPPED_BACKSLASH,
    'equal("a", ["x\\\'y"])': DROPPED_BACKSLASH,
    # bytes that are not UTF-8
    'equal("a", ["\udcff\udcfe"])': NOT_UTF8,
    'equal("a", ["\udcc3"])': NOT_UTF8,
    # numbers
    "limit(1e3)": NUMBERS,
    'equal("n", [1, 1.5, -2, 1e3, 1E3, true, false, null])': NUMBERS,
    'equal("n", [01, 0.0, -0, -0.0, .5, 5., +1, +0])': NUMBERS,
    'equal("n", [1_000, 0x1A, 0b11, 0o7, 1e, e3, 1e+3, 1e-3, -.5e2])': NUMBERS,
    'equal("n", [9223372036854775807, 9223372036854775808, -9223372036854775808, -9223372036854775809])': NUMBERS,
    'equal("n", [1e999, -1e999, NaN, INF, Infinity])': NUMBERS,
    "limit(+5)": NUMBERS,
    'equal(1e3, ["v"])': NUMBERS,
    # attributes that are not strings
    'equal(1, ["[Hello] World"])': ATTRIBUTE,
    'equal(1, ["(Hello) World"])': ATTRIBUTE,
    'equal(1, ["Hello , World"])': ATTRIBUTE,
    'equal(1, ["Hello /\\ World"])': ATTRIBUTE,
    'equal(1, ["I\'m [**awesome**], \\"Dev\\"eloper"])': ATTRIBUTE,
    'equal(1, "\\\\")': ATTRIBUTE,
    'equal(1, "Hello\\\\")': ATTRIBUTE,
    'equal(1, "Hello\\\\", "World")': ATTRIBUTE,
    'equal(1, "Hello\\", World")': ATTRIBUTE,
    'equal(1, "Hello\\\\\\", ", "World")': ATTRIBUTE,
    'orderAsc(["a"])': ATTRIBUTE,
    "orderAsc(null)": ATTRIBUTE,
    "orderAsc(1)": ATTRIBUTE,
    'equal(["a"], [1])': ATTRIBUTE,
    'equal(1, ["v"])': ATTRIBUTE,
    'equal(1.5, ["v"])': ATTRIBUTE,
    'equal(true, ["v"])': ATTRIBUTE,
    'equal(false, ["v"])': ATTRIBUTE,
    'equal(null, ["v"])': ATTRIBUTE,
    "between(null, 1, 2)": ATTRIBUTE,
    "between(1, 2, 3)": ATTRIBUTE,
    # missing arguments
    "equal()": MISSING,
    "limit()": MISSING,
    "offset()": MISSING,
    "cursorAfter()": MISSING,
    "orderDesc()": MISSING,
    "select()": MISSING,
    'between("age", 15)': MISSING,
    'between("age")': MISSING,
    "between()": MISSING,
    # arrays
    'between("age", [1,10])': ARRAYS,
    'between("n", [1], [2])': ARRAYS,
    'between("n", [1], [])': ARRAYS,
    'select("a")': ARRAYS,
    "limit([5])": ARRAYS,
    'equal("a", [[1, 2], [3]])': ARRAYS,
    'equal("a", [[]])': ARRAYS,
    # extra arguments
    'select(["a"], ["b"])': EXTRA,
    'isNull("a", [1])': EXTRA,
    'equal("a", [1], [2])': EXTRA,
    'equal("a", ["x"], "extra")': EXTRA,
    'between("a", 1, 2, 3)': EXTRA,
    # methods
    "foo(1, 2)": UNKNOWN_METHOD,
    'EQUAL("a", [1])': UNKNOWN_METHOD,
    'or(equal("a", [1]), equal("b", [2]))': UNKNOWN_METHOD,
    'notContains("a", ["x"])': UNKNOWN_METHOD,
    'regex("a", ["x"])': UNKNOWN_METHOD,
    "  limit(5)": METHOD_SYNTAX,
    "limit (5)": METHOD_SYNTAX,
    'collection.equal("a", [1])': METHOD_SYNTAX,
    "limit": METHOD_SYNTAX,
    "": METHOD_SYNTAX,
    "()": METHOD_SYNTAX,
    "(": METHOD_SYNTAX,
    ")": METHOD_SYNTAX,
    'équal("a", ["x"])': METHOD_SYNTAX,
}


@pytest.mark.parametrize("record", RECORDS, ids=record_id)
def test_the_reader_agrees_with_the_server_or_refuses_for_a_reason(record: dict[str, Any]) -> None:
    text = record_text(record)
    server = record["server"]
    triple, error = outcome(read_legacy, text)
    if error is not None:
        reason = DELIBERATE.get(text)
        assert reason is not None, f"refused without a listed reason: {error.message}"
        assert error.message.startswith(reason.messages), (reason.why, error.message)
        if "error" in server:  # the note names the server's failure
            assert error.message.endswith(server["error"])
            verb = "fail with a PHP TypeError" if server["class"] == "TypeError" else "refuse it"
            assert f"; the server would {verb}: " in error.message
        else:
            assert "; the server would read this as " in error.message
        return
    assert text not in DELIBERATE, "listed as refused, but read"
    assert "error" not in server
    assert "warnings" not in server
    values = tuple(decoded(server["values"]))
    assert same(triple, (decoded(server["method"]), decoded(server["attribute"]), values))


def test_every_listed_input_is_a_record() -> None:
    inputs = {record_text(record) for record in RECORDS}
    assert set(DELIBERATE) <= inputs
    read = len(inputs) - len(DELIBERATE)
    assert read > 50  # the canonical and near-canonical records are read, not refused
