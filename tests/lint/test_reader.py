"""The position-keeping JSON reader (appwrite_dsl.lint._reader)."""

from __future__ import annotations

import json
import math
import pickle
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appwrite_dsl import ParseError
from appwrite_dsl.lint._reader import (
    MAX_DEPTH,
    Array,
    Document,
    JSONSyntaxError,
    Lines,
    Literal,
    Node,
    Number,
    Object,
    Opaque,
    String,
    read,
    refused_key,
    walk,
)


def plain(node: Node) -> Any:
    """The node as json would read it (numbers as int or float)."""
    if isinstance(node, Object):
        return {key: plain(value) for key, value in node.members.items()}
    if isinstance(node, Array):
        return [plain(item) for item in node.items]
    if isinstance(node, Number):
        return json.loads(node.text)
    if isinstance(node, (String, Literal, Opaque)):
        return node.value
    raise AssertionError(node)


def error(text: str) -> JSONSyntaxError:
    with pytest.raises(JSONSyntaxError) as caught:
        read(text)
    return caught.value


# Values and positions.


def test_nodes_know_their_source_span() -> None:
    text = '{\n    "a": [1, -2.5e3, "x\\"y"],\n    "b": {"c": null, "d": true}\n}'
    document = read(text)
    root = document.root
    assert isinstance(root, Object)
    a = root.members["a"]
    assert isinstance(a, Array)
    assert [text[item.start : item.end] for item in a.items] == ["1", "-2.5e3", '"x\\"y"']
    assert isinstance(a.items[2], String)
    assert a.items[2].value == 'x"y'
    assert text[a.key_start : a.key_start + 3] == '"a"'
    assert a.items[0].key_start == -1
    assert document.position(a.items[2].start) == (2, 22)
    assert document.position(root.members["b"].start) == (3, 10)
    assert document.line(3) == '    "b": {"c": null, "d": true}'
    assert plain(root) == json.loads(text)


def test_escapes_and_surrogates_decode_like_json() -> None:
    text = r'["\u00e9\ud83d\ude00", "\ud800", "a\\\"b\/\b\f\n\r\t", "read(\"any\")"]'
    root = read(text).root
    assert isinstance(root, Array)
    values = [item.value for item in root.items if isinstance(item, String)]
    assert values == json.loads(text)
    assert values[0] == "\u00e9\U0001f600"
    assert values[1] == "\ud800"  # a lone surrogate stays, as in JavaScript


def test_numbers_keep_their_text() -> None:
    root = read("[12345678901234567890123, -0, 0.5, 1E+2]").root
    assert isinstance(root, Array)
    assert [item.text for item in root.items if isinstance(item, Number)] == [
        "12345678901234567890123",
        "-0",
        "0.5",
        "1E+2",
    ]


def test_columns_count_characters() -> None:
    document = read('{"é😀": "ü", "k": 1}')
    root = document.root
    assert isinstance(root, Object)
    assert document.position(root.members["k"].start) == (1, 18)


def test_lines_count_from_any_offset_in_any_order() -> None:
    lines = Lines("ab\ncd\r\n\nxyz")
    assert [lines.position(offset) for offset in (11, 0, 2, 3, 7, 8, 5)] == [
        (4, 4),
        (1, 1),
        (1, 3),
        (2, 1),
        (3, 1),
        (4, 1),
        (2, 3),
    ]
    assert [lines.line(number) for number in (4, 1, 3, 2, 5)] == ["xyz", "ab", "", "cd", ""]


# Issues: duplicates, refused keys, byte order mark.


def test_duplicate_keys_are_reported_and_the_last_wins() -> None:
    text = '{"x": [1, {"a": 1, "b": 0, "a": 2}]}'
    document = read(text)
    [issue] = document.issues
    assert (issue.kind, issue.key, issue.path) == ("duplicate-key", "a", ("x", 1, "a"))
    assert text[issue.start : issue.end] == '"a"'
    assert text[issue.first : issue.first + 3] == '"a"'
    assert issue.first < issue.start
    assert plain(document.root) == {"x": [1, {"a": 2, "b": 0}]}


@pytest.mark.parametrize(
    ("key", "refused"),
    [
        ("__proto__", "__proto__"),
        ("my__proto__x", "__proto__"),
        ("constructor", "constructor"),
        ("myconstructorX", "constructor"),
        ("\\u005f\\u005fproto__", "__proto__"),  # spelt with escapes in the file
        ("\\\\u005f_proto__", "__proto__"),  # the decoded key holds the six characters \u005f
        ("Constructor", None),
        ("_proto_", None),
        ("proto", None),
    ],
)
def test_refused_keys_follow_json_bigint(key: str, refused: str | None) -> None:
    document = read(f'{{"outer": {{"{key}": 1}}}}')
    found = [(issue.kind, issue.detail, issue.path) for issue in document.issues]
    decoded = json.loads(f'"{key}"')
    assert refused_key(decoded) == refused
    assert found == ([] if refused is None else [("refused-key", refused, ("outer", decoded))])


def test_issues_inside_opaque_values_are_found_too() -> None:
    text = '{"attributes": [{"k": 1, "k": 2}], "other": {"__proto__": 1}, "plain": [{"constructor": 0}]}'
    document = read(text, opaque={"attributes", "other", "plain"})
    assert [(issue.kind, issue.path) for issue in document.issues] == [
        ("duplicate-key", ("attributes", 0, "k")),
        ("refused-key", ("other", "__proto__")),
        ("refused-key", ("plain", 0, "constructor")),
    ]


def test_byte_order_mark_is_skipped_and_reported() -> None:
    document = read("\ufeff {}")
    assert [(issue.kind, issue.start, issue.end) for issue in document.issues] == [("byte-order-mark", 0, 1)]
    assert isinstance(document.root, Object)
    assert document.root.start == 2


# Opaque values: skimmed by the C scanner, identical values, positions on demand.


def test_opaque_members_are_skimmed_with_the_same_value() -> None:
    text = '{"attributes": [{"key": "a", "size": 255}], "name": "n", "x": {"attributes": 5}}'
    document = read(text, opaque={"attributes"})
    root = document.root
    assert isinstance(root, Object)
    attributes = root.members["attributes"]
    assert isinstance(attributes, Opaque)
    assert attributes.value == [{"key": "a", "size": 255}]
    assert text[attributes.start : attributes.end] == '[{"key": "a", "size": 255}]'
    expanded = document.expand(attributes)
    assert isinstance(expanded, Array)
    assert plain(expanded) == attributes.value
    assert text[expanded.items[0].start : expanded.items[0].end] == '{"key": "a", "size": 255}'
    inner = root.members["x"]
    assert isinstance(inner, Object)
    assert isinstance(inner.members["attributes"], Number)  # scalars are read as usual
    assert document.expand(inner) is inner


def outcome(text: str, opaque: tuple[str, ...] = ()) -> Document | JSONSyntaxError:
    try:
        return read(text, opaque=opaque)
    except JSONSyntaxError as caught:
        return caught


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("[NaN]", "error"),
        ('{"a": Infinity}', "error"),
        ("[1e400000000]", Opaque),  # valid JSON: the scanner reads it (as inf)
        ("[" + "9" * 5000 + "]", Array),  # too long for int(): the rules read it
        ('{"a": 1, "a": 2}', Object),  # a duplicate: the rules read it and report it
        ('{"b": {"constructor": 1}}', Object),
    ],
)
def test_what_the_scanner_refuses_is_read_by_the_rules(value: str, expected: object) -> None:
    text = f'{{"o": {value}}}'
    direct, skimmed = outcome(text), outcome(text, ("o",))
    if expected == "error":
        assert isinstance(direct, JSONSyntaxError)
        assert isinstance(skimmed, JSONSyntaxError)
        assert (skimmed.message, skimmed.position) == (direct.message, direct.position)
        return
    assert isinstance(direct, Document)
    assert isinstance(skimmed, Document)
    assert isinstance(skimmed.root, Object)
    assert type(skimmed.root.members["o"]) is expected
    assert [(i.kind, i.path) for i in skimmed.issues] == [(i.kind, i.path) for i in direct.issues]


# Errors: message, line and column of the first one.

ERRORS = [
    ("", "Expected a value (object, array, string, number, true, false or null), found end of file", 1, 1),
    ("{", "Expected a key (a string in double quotes) or '}' after '{', found end of file", 1, 2),
    ('{"a" 1}', "Expected ':' after the key, found '1'", 1, 6),
    ('{"a": 1,}', "Expected a key after ',', found '}' (JSON has no trailing commas)", 1, 9),
    ("[1,]", "Expected a value after ',', found ']' (JSON has no trailing commas)", 1, 4),
    ("[1 2]", "Expected ',' or ']' after an element, found '2'", 1, 4),
    ('{"a": 1 "b": 2}', "Expected ',' or '}' after a member, found '\"'", 1, 9),
    ("[01]", "Expected no leading zero in a number", 1, 2),
    ("-", "Expected a digit after '-', found end of file", 1, 2),
    ("1.", "Expected a digit after '.', found end of file", 1, 3),
    ("[1e+]", "Expected a digit in the exponent, found ']'", 1, 5),
    ("tru", "Expected 'true', found 'tru'", 1, 1),
    ("[NaN]", "Expected a value (object, array, string, number, true, false or null), found 'N'", 1, 2),
    ('"abc', "Expected '\"' to close the string, found end of file", 1, 1),
    (
        '["a\\x"]',
        'Expected an escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u and 4 hex digits) in the string, '
        "found '\\\\x'",
        1,
        4,
    ),
    (
        '"a\\u12"',
        'Expected an escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u and 4 hex digits) '
        "in the string, found '\\\\u12\"'",
        1,
        3,
    ),
    ('{"a":\n"x\ny"}', "Expected \\n instead of the raw control character U+000A in the string", 2, 3),
    ('{"a": 1}\n\nx', "Expected end of file after the value, found 'x'", 3, 1),
    ("[]]", "Expected end of file after the value, found ']'", 1, 3),
    (
        '{\n  "a": [1, 2',
        "Expected ',' or ']' after an element, found end of file; the array opened at line 2, column 8 is "
        "not closed",
        2,
        13,
    ),
    (
        "\ufeff",
        "Expected a value (object, array, string, number, true, false or null), found end of file",
        1,
        2,
    ),
]


@pytest.mark.parametrize(("text", "message", "line", "column"), ERRORS)
def test_syntax_errors_have_message_line_and_column(text: str, message: str, line: int, column: int) -> None:
    caught = error(text)
    assert (caught.message, caught.line, caught.column) == (message, line, column)
    assert isinstance(caught, ParseError)
    assert caught.source == text


def test_syntax_error_renders_a_caret_and_pickles() -> None:
    caught = error('{"a": tru}')
    assert str(caught) == "Expected 'true', found 'tru}'\n    {\"a\": tru}\n          ^~~~"
    copy = pickle.loads(pickle.dumps(caught))
    assert (copy.message, copy.line, copy.column) == (caught.message, caught.line, caught.column)
    assert repr(caught) == "JSONSyntaxError(\"Expected 'true', found 'tru}'\", line=1, column=7)"


# Depth: no recursion anywhere, a clean error past MAX_DEPTH.


def test_nesting_100000_deep_is_a_clean_error() -> None:
    caught = error("[" * 100_000 + "]" * 100_000)
    assert (caught.message, caught.line, caught.column) == (
        f"Expected at most {MAX_DEPTH} levels of nesting",
        1,
        MAX_DEPTH + 1,
    )
    caught = error('{"a":' * 100_000)
    assert caught.message == f"Expected at most {MAX_DEPTH} levels of nesting"


def test_nesting_up_to_the_limit_reads_without_recursion() -> None:
    document = read("[" * MAX_DEPTH + "]" * MAX_DEPTH)
    assert sum(1 for _ in walk(document.root)) == MAX_DEPTH


@pytest.mark.parametrize("depth", [MAX_DEPTH - 1, MAX_DEPTH])
def test_depth_limit_is_the_same_for_skimmed_values(depth: int) -> None:
    text = '{"o": ' + "[" * depth + "]" * depth + "}"
    if depth < MAX_DEPTH:
        assert isinstance(read(text, opaque={"o"}).root, Object)
        assert isinstance(read(text).root, Object)
    else:
        for opaque in ((), ("o",)):
            with pytest.raises(JSONSyntaxError, match="levels of nesting"):
                read(text, opaque=opaque)


# Properties against the standard library.

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=6), children, max_size=4)
    ),
    max_leaves=20,
)


@given(json_values, st.sampled_from([None, 0, 2, 4]), st.booleans())
def test_reads_what_json_writes(value: Any, indent: int | None, ascii_only: bool) -> None:
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    document = read(text)
    result = plain(document.root)
    assert result == value or (isinstance(value, float) and math.isclose(result, value))
    for node in walk(document.root):
        assert json.loads(text[node.start : node.end]) == plain(node)


@given(json_values, st.data())
def test_skimming_changes_nothing_but_positions(value: Any, data: st.DataObject) -> None:
    text = json.dumps({"o": value, "p": [value]})
    opaque = data.draw(st.sampled_from([(), ("o",), ("o", "p")]))
    assert plain(read(text, opaque=opaque).root) == plain(read(text).root)


@given(
    json_values,
    st.integers(min_value=0),
    st.text(alphabet='{}[],:"\\ 0123456789.eE-+tfnul\n\x01', max_size=3),
)
def test_accepts_exactly_what_json_accepts(value: Any, cut: int, insert: str) -> None:
    text = json.dumps({"o": value})
    at = cut % (len(text) + 1)
    mutated = text[:at] + insert + text[at:]
    try:
        json.loads(mutated, parse_constant=lambda name: pytest.fail("no constants in the alphabet"))
        accepted = True
    except ValueError:
        accepted = False
    for opaque in ((), ("o",)):
        result = outcome(mutated, opaque)
        if isinstance(result, JSONSyntaxError):
            assert not accepted, (mutated, result)
            assert 0 <= result.position <= len(mutated)
        else:
            assert accepted, mutated
            assert plain(result.root) == json.loads(mutated)


def test_document_holds_text_root_and_issues() -> None:
    document = read("[]")
    assert isinstance(document, Document)
    assert (document.text, document.issues) == ("[]", [])
