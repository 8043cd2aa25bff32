"""The legacy query syntax: the strict reader, the canonical writer and the laws that bind them.

Expectations are written from the grammar, the shapes and the writer's rules (docs/reference/grammar.md), the
server's reading (``Query::parse`` of utopia-php/database 0.46.0, ``src/Database/Query.php``, and of the
releases each Appwrite version from 1.0 to 1.4 shipped) and checked against the server emulation, whose own
exactness is tested record by record in test_conformance_legacy.py.
"""

from __future__ import annotations

import doctest
import importlib
import math
from typing import Any, Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl import InvalidQuery, ParseError
from appwrite_dsl._legacy import read_legacy
from appwrite_dsl._legacy_server import ServerError, server_read_legacy
from appwrite_dsl._legacy_writer import write_legacy
from appwrite_dsl._methods import (
    LEGACY_METHODS,
    LEGACY_RELEASES,
    LEGACY_SHAPES,
    LEGACY_VALIDATED_METHODS,
    legacy_release,
)

from ..corpus import Refusal, case_id, cases, refusals

Triple = tuple[str, str, tuple[Any, ...]]

# ----------------------------------------------------------------------------------------------- helpers


def typed(value: object) -> object:
    """A value with its type made part of equality (1, 1.0 and True differ; so do 0.0 and -0.0)."""
    if isinstance(value, (list, tuple)):
        return ("list", [typed(item) for item in value])
    if isinstance(value, float):
        return ("float", repr(value))
    return (type(value).__name__, value)


def same(reading: object, triple: Triple) -> bool:
    """A server reading (or a triple) equals ``triple``, types included."""
    method, attribute, values = reading[:3]  # type: ignore[index]
    return (method, attribute, typed(list(values))) == (triple[0], triple[1], typed(list(triple[2])))


def outcome(function: Callable[..., Any], *args: Any, **kwargs: Any) -> tuple[Any, ParseError | None]:
    """``(result, None)``, or ``(None, error)`` when ``function`` raises a ParseError."""
    try:
        return function(*args, **kwargs), None
    except ParseError as error:
        return None, error


def refused(function: Callable[..., object], *args: Any, **kwargs: Any) -> InvalidQuery:
    with pytest.raises(InvalidQuery) as caught:
        function(*args, **kwargs)
    return caught.value


# The canonical form of each method's arguments, written out here independently of the module.
FORMS = {
    **dict.fromkeys(
        (
            "equal",
            "notEqual",
            "lessThan",
            "lessThanEqual",
            "greaterThan",
            "greaterThanEqual",
            "contains",
            "search",
            "startsWith",
            "endsWith",
        ),
        "filter",
    ),
    **dict.fromkeys(("isNull", "isNotNull", "orderAsc", "orderDesc"), "attribute"),
    "between": "between",
    "select": "select",
    **dict.fromkeys(("limit", "offset", "cursorAfter", "cursorBefore"), "page"),
}
VERSIONS = ("1.0", "1.0.2", "1.2", "1.3", "1.4")
ESCAPABLE = ",[]\"'"  # the server reads a backslash before these as an escape


def representable(value: str) -> bool:
    """The writer's representability rule: no odd run of backslashes before , [ ] " ' or at the end."""
    index = 0
    while index < len(value):
        if value[index] != "\\":
            index += 1
            continue
        end = index
        while end < len(value) and value[end] == "\\":
            end += 1
        if (end - index) % 2 and (end == len(value) or value[end] in ESCAPABLE):
            return False
        index = end
    return True


# ------------------------------------------------------------------------------------------- strategies

ORDINARY = st.characters(exclude_categories=["Cs"], exclude_characters="\\")
AFTER_ODD_RUN = st.characters(exclude_categories=["Cs"], exclude_characters="\\" + ESCAPABLE)
NEAR_SYNTAX = st.sampled_from(list(ESCAPABLE + " ()n\t\n\x00é😀\u2028"))


@st.composite
def legacy_strings(draw: st.DrawFn) -> str:
    """Representable strings (see ``representable``), biased towards quotes, brackets, commas and
    backslashes."""
    chunks = draw(
        st.lists(
            st.one_of(
                st.text(st.one_of(ORDINARY, NEAR_SYNTAX), max_size=6),
                st.integers(1, 3).map(lambda n: "\\" * (2 * n)),  # an even run: anything may follow
                st.tuples(st.integers(0, 2), st.one_of(AFTER_ODD_RUN, st.sampled_from("n )"))).map(
                    lambda run: "\\" * (2 * run[0] + 1) + run[1]  # an odd run before an ordinary char
                ),
            ),
            max_size=5,
        )
    )
    return "".join(chunks)


def not_negative_zero(value: float) -> bool:
    return not (value == 0 and math.copysign(1.0, value) < 0)


SCALARS = st.one_of(
    legacy_strings(),
    st.integers(-(2**63), 2**63 - 1),
    st.floats(allow_nan=False, allow_infinity=False).filter(not_negative_zero),
    st.booleans(),
    st.none(),
)


@st.composite
def triples(draw: st.DrawFn, version: str = "1.4") -> Triple:
    """A (method, attribute, values) triple the legacy syntax carries, for a method of ``version``."""
    method = draw(st.sampled_from(LEGACY_METHODS[version[:3]]))
    form = FORMS[method]
    if form == "page":
        return method, "", (draw(SCALARS),)
    if form == "select":
        return method, "", tuple(draw(st.lists(SCALARS, max_size=4)))
    attribute = draw(legacy_strings())
    if form == "attribute":
        return method, attribute, ()
    if form == "between":
        return method, attribute, (draw(SCALARS), draw(SCALARS))
    return method, attribute, tuple(draw(st.lists(SCALARS, max_size=4)))


@st.composite
def versioned_triples(draw: st.DrawFn) -> tuple[str, Triple]:
    version = draw(st.sampled_from(VERSIONS))
    return version, draw(triples(version))


def edited(draw: st.DrawFn, text: str, chars: str) -> str:
    """``text`` with one to three of ``chars`` inserted, or characters deleted or replaced by them."""
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        edit = draw(st.sampled_from(("insert", "delete", "replace")))
        char = draw(st.sampled_from(list(chars)))
        if edit == "insert":
            text = text[:at] + char + text[at:]
        elif edit == "delete":
            text = text[:at] + text[at + 1 :]
        else:
            text = text[:at] + char + text[at + 1 :]
    return text


@st.composite
def near_misses(draw: st.DrawFn) -> str:
    """A canonical string with a few characters inserted, deleted or replaced."""
    return edited(draw, write_legacy(*draw(triples())), ESCAPABLE + "\\ ()01e.-+tn\t")


TEXTS = st.one_of(
    near_misses(),
    st.text(st.sampled_from(list(ESCAPABLE + '\\ ()[]01.-e5"tnulfaqx')), max_size=30).map(
        lambda t: "equal(" + t
    ),
    st.text(max_size=40),
)

# ---------------------------------------------------------------------------------------- golden corpora

VALID = cases("valid", "query-legacy")
INVALID = refusals("query-legacy")


@pytest.mark.parametrize(("text", "canonical"), VALID)
def test_valid_corpus(text: str, canonical: str) -> None:
    triple = read_legacy(text)
    assert write_legacy(*triple) == (canonical or text)
    assert same(read_legacy(canonical or text), triple)
    assert same(server_read_legacy(text), triple)
    assert same(server_read_legacy(canonical or text), triple)


@pytest.mark.parametrize("case", INVALID, ids=case_id)
def test_invalid_corpus(case: Refusal) -> None:
    case.check(refused(read_legacy, case.text))


def test_the_corpora_are_read() -> None:
    assert len(VALID) > 60
    assert len(INVALID) > 100
    assert sum(1 for _, canonical in VALID if canonical) > 10  # some inputs are not canonical


# ------------------------------------------------------------------------------------------- the reader


def test_the_module_examples_run() -> None:
    result = doctest.testmod(importlib.import_module("appwrite_dsl._legacy"))
    assert result.attempted >= 3
    assert result.failed == 0


def test_the_interface() -> None:
    assert read_legacy('equal("name", ["x", "y"])') == ("equal", "name", ("x", "y"))
    assert read_legacy("limit(25)") == ("limit", "", (25,))
    assert read_legacy('isNull("a")') == ("isNull", "a", ())
    method, attribute, values = read_legacy('between("n", 1, 2.5)')
    assert (method, attribute, values) == ("between", "n", (1, 2.5))
    assert type(values) is tuple
    assert [type(v) for v in read_legacy('equal("a", [1,1.0,true,null,"1"])')[2]] == [
        int,
        float,
        bool,
        type(None),
        str,
    ]


def rendered(text: str, **kwargs: Any) -> str:
    return str(refused(read_legacy, text, **kwargs))


def test_the_caret_points_at_the_dropped_backslash() -> None:
    assert rendered('equal("a", ["x\\,y"])') == (
        "Expected no backslash before ',' in a string (the server drops one backslash of an odd run before "
        ', [ ] and \'), found \'\\\\,\'; the server would read this as equal("a", ["x,y"])\n'
        '    equal("a", ["x\\,y"])\n'
        "                  ^~"
    )


def test_the_caret_points_at_what_follows_the_query() -> None:
    assert rendered("limit(25) ") == (
        "Expected end of query after ')', found ' '; the server would read this as limit(\"25)\")\n"
        "    limit(25) \n"
        "             ^"
    )


def test_the_caret_sits_after_an_unterminated_string() -> None:
    assert rendered('equal("a", ["trail\\"])') == (
        "Expected '\"' to close the string, found end of input; the server would read this as "
        'equal("a", ["trail\\""])\n'
        '    equal("a", ["trail\\"])\n'
        "                          ^"
    )


def test_the_span_covers_a_bareword() -> None:
    assert rendered('equal("a", [None])') == (
        "Expected a value (a string in double quotes, a number, true, false or null), found 'None'; "
        'the server would read this as equal("a", ["None"])\n'
        '    equal("a", [None])\n'
        "                ^~~~"
    )


def test_the_server_error_is_named() -> None:
    assert rendered('select("a")').splitlines()[0] == (
        "Expected the attributes of select as an array, found '\"a\"'; the server would fail with a PHP "
        "TypeError: Utopia\\Database\\Query::__construct(): Argument #3 ($values) must be of type array, "
        "string given"
    )
    assert rendered("limit").splitlines()[0] == (
        "Expected '(' after 'limit', found end of input; the server would refuse it: Invalid query"
    )


@pytest.mark.parametrize(
    ("text", "offender"),
    [
        ('equal("a", [1 2])', "2"),
        ('equal(1, ["v"])', "1"),
        ('equal("a", ["x"], "extra")', ","),
        ('equal("a", [1e3])', "1"),
        ('equal("a", [-0.0])', "-"),
        ("equal('a', ['x'])", "'"),
        ('equal("a", [[1]])', "["),
        ("limit (5)", " "),
        ('collection.equal("a", [1])', "."),
        ('equal("a", ["x\\\'y"])', "\\"),
        ('equal("a", ["x\ud800"])', "\ud800"),
        ('between("a", [1], 2)', "["),
        ('isNull("a", [1])', ","),
        ('equal(\t"a", [1])', "\t"),
    ],
)
def test_positions_point_at_the_offending_character(text: str, offender: str) -> None:
    error = refused(read_legacy, text)
    assert text[error.position] == offender


def test_the_unknown_method_hints() -> None:
    assert refused(read_legacy, 'EQUAL("a", [1])').message.startswith(
        "Expected a query method of Appwrite 1.4.0-1.4.14, found 'EQUAL' (methods are case-sensitive: 'equal')"
    )
    assert refused(read_legacy, 'isNull("a")', version="1.2").message == (
        "Expected a query method of Appwrite 1.1.0-1.2.x, found 'isNull' (isNull arrived in Appwrite 1.3); "
        "the server would read this as an unknown method 'isNull' with no attribute and no values"
    )


def test_long_pieces_are_cut_in_messages() -> None:
    error = refused(read_legacy, 'equal("a", [' + "x" * 500 + "])")
    assert len(error.message) < 400
    assert "..." in error.message


# ------------------------------------------------------------------------------------------- the writer


@pytest.mark.parametrize(
    ("triple", "text"),
    [
        (("equal", "title", ["Iron Man", "Ant Man"]), 'equal("title", ["Iron Man","Ant Man"])'),
        (("lessThan", "year", [2001]), 'lessThan("year", [2001])'),
        (("notEqual", "a", [None, True, False, 1.5, -7]), 'notEqual("a", [null,true,false,1.5,-7])'),
        (("equal", "a", []), 'equal("a", [])'),
        (("equal", "n", [1e16, 1e-05, 100.0]), 'equal("n", [1e+16,1e-05,100.0])'),
        (("between", "age", (18, 30)), 'between("age", 18, 30)'),
        (("isNull", "a", ()), 'isNull("a")'),
        (("orderDesc", "$createdAt", ()), 'orderDesc("$createdAt")'),
        (("limit", "", [25]), "limit(25)"),
        (("cursorAfter", "", ["doc1"]), 'cursorAfter("doc1")'),
        (("select", "", ["a", "b"]), 'select(["a","b"])'),
        (("equal", 'a"b', ['x"y', "\\\\", 'z\\\\"']), 'equal("a\\"b", ["x\\"y","\\\\","z\\\\\\""])'),
    ],
)
def test_the_writer_writes_each_shape(triple: tuple[str, str, Any], text: str) -> None:
    assert write_legacy(*triple) == text
    assert same(server_read_legacy(text), (triple[0], triple[1], tuple(triple[2])))


def test_the_writer_escapes_what_old_sdks_did_not() -> None:
    value = 'x", "admin'
    unescaped = f'equal("role", ["{value}"])'  # Python SDK 4.1.0's string
    assert same(server_read_legacy(unescaped), ("equal", "role", ("x", "admin")))  # one value became two
    written = write_legacy("equal", "role", [value])
    assert written == 'equal("role", ["x\\", \\"admin"])'
    assert same(server_read_legacy(written), ("equal", "role", (value,)))
    assert read_legacy(written) == ("equal", "role", (value,))


@pytest.mark.parametrize(
    ("value", "message", "position"),
    [
        ("trail\\", "an odd run of backslashes escapes the closing quote", 5),
        ("x\\,y", "the server drops one backslash of an odd run before , [ ] and '", 1),
        ("x\\\\\\[y", "the server drops one backslash of an odd run before , [ ] and '", 3),
        ("it\\'s", "the server drops one backslash of an odd run before , [ ] and '", 2),
        ('a\\"b', 'an odd run of backslashes before " cannot be told from an escaped quote', 1),
    ],
)
def test_the_writer_refuses_strings_it_cannot_carry(value: str, message: str, position: int) -> None:
    error = refused(write_legacy, "equal", "a", [value])
    assert error.message == f"Cannot write values[0] in the legacy syntax: {message}"
    assert (error.source, error.position, error.end) == (value, position, position + 1)
    assert value[error.position] == "\\"
    error = refused(write_legacy, "equal", value, ["x"])
    assert error.message == f"Cannot write the attribute in the legacy syntax: {message}"


@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (float("inf"), "infinity and NaN have no canonical form (NaN reads as a string)"),
        (float("-inf"), "infinity and NaN have no canonical form (NaN reads as a string)"),
        (float("nan"), "infinity and NaN have no canonical form (NaN reads as a string)"),
        (-0.0, "-0.0 is read back as 0.0"),
        (2**63, "the server reads integers outside the signed 64-bit range as floats"),
        (-(2**63) - 1, "the server reads integers outside the signed 64-bit range as floats"),
        ([1, 2], "lists cannot be nested (the server flattens them)"),
        (b"x", "expected str, int, float, bool or None, found bytes"),
        ({"a": 1}, "expected str, int, float, bool or None, found dict"),
    ],
)
def test_the_writer_refuses_values_it_cannot_carry(value: object, problem: str) -> None:
    error = refused(write_legacy, "equal", "a", ["ok", value])
    assert error.message == f"Cannot write values[1] in the legacy syntax: {problem}"
    assert error.source == repr(value)


def test_the_writer_refuses_lone_surrogates() -> None:
    error = refused(write_legacy, "equal", "a", ["ab\udcc3"])
    assert error.message == (
        "Cannot write values[0] in the legacy syntax: it holds the lone surrogate '\\udcc3', which is not Unicode"
    )
    assert error.position == 2


@pytest.mark.parametrize(
    ("triple", "message"),
    [
        (("between", "a", [1]), "Expected exactly 2 values for between (its bounds), found 1"),
        (("between", "a", [1, 2, 3]), "Expected exactly 2 values for between (its bounds), found 3"),
        (("isNull", "a", [1]), "Expected no values for isNull, found 1"),
        (("orderAsc", "a", ["b"]), "Expected no values for orderAsc, found 1"),
        (("limit", "", []), "Expected exactly 1 value for limit, found 0"),
        (("offset", "", [1, 2]), "Expected exactly 1 value for offset, found 2"),
        (("limit", "n", [1]), "Expected no attribute for limit, found 'n'"),
        (("select", "a", ["b"]), "Expected no attribute for select, found 'a'"),
        (("equal", "a", "xyz"), "Expected the values as a list or tuple, found str"),
        (("equal", 1, ["x"]), "Expected the attribute as a str, found int"),
        (("foo", "a", []), "Expected a query method of Appwrite 1.4.0-1.4.14, found 'foo'"),
        (("or", "", []), "Expected a query method of Appwrite 1.4.0-1.4.14, found 'or'"),
    ],
)
def test_the_writer_refuses_shapes_and_methods(triple: tuple[Any, Any, Any], message: str) -> None:
    assert refused(write_legacy, *triple).message == message


# ------------------------------------------------------------------------------------------ versions


def test_the_method_tables() -> None:
    base = {
        "equal",
        "notEqual",
        "lessThan",
        "lessThanEqual",
        "greaterThan",
        "greaterThanEqual",
        "contains",
        "search",
        "orderAsc",
        "orderDesc",
        "limit",
        "offset",
        "cursorAfter",
        "cursorBefore",
    }
    later = {"isNull", "isNotNull", "between", "startsWith", "endsWith", "select"}
    assert {version: set(methods) for version, methods in LEGACY_METHODS.items()} == {
        "1.0": base,
        "1.1": base,
        "1.2": base,
        "1.3": base | later,
        "1.4": base | later,
    }
    assert set(LEGACY_VALIDATED_METHODS["1.2"]) == base - {"contains"}
    assert set(LEGACY_VALIDATED_METHODS["1.3"]) == (base | later) - {"contains"}
    assert set(LEGACY_VALIDATED_METHODS["1.4"]) == base | later
    assert set(LEGACY_SHAPES) == base | later
    assert [release.database for release in LEGACY_RELEASES] == [
        "0.25.4",
        "0.25.5",
        "0.28.0",
        "0.35.0-0.36.1",
        "0.43.0-0.45.2",
    ]


@pytest.mark.parametrize(
    ("version", "database"),
    [
        ("1.0", "0.25.4"),
        ("1.0.0", "0.25.4"),
        ("1.0.1", "0.25.4"),
        ("1.0.2", "0.25.5"),
        ("1.0.3", "0.25.5"),
        ("1.1", "0.28.0"),
        ("1.2.1", "0.28.0"),
        ("1.3.8", "0.35.0-0.36.1"),
        ("1.4", "0.43.0-0.45.2"),
        ("1.4.14", "0.43.0-0.45.2"),
    ],
)
def test_versions_map_to_their_release_line(version: str, database: str) -> None:
    assert legacy_release(version).database == database


@pytest.mark.parametrize("version", ["1.5", "0.9", "2", "1.4.x", "", " 1.4", "1.4.0.1"])
def test_other_versions_are_refused(version: str) -> None:
    with pytest.raises(ValueError, match=r"Expected an Appwrite version from 1\.0 to 1\.4"):
        legacy_release(version)
    with pytest.raises(ValueError, match="Expected an Appwrite version"):
        read_legacy("limit(1)", version=version)


def test_methods_by_version() -> None:
    assert read_legacy('contains("tags", ["x"])', version="1.0") == ("contains", "tags", ("x",))
    assert refused(write_legacy, "select", "", ["a"], version="1.2").message == (
        "Expected a query method of Appwrite 1.1.0-1.2.x, found 'select' (select arrived in Appwrite 1.3)"
    )
    assert write_legacy("select", "", ["a"], version="1.3") == 'select(["a"])'


def test_appwrite_1_0_0_drops_a_bare_zero_before_a_bracket() -> None:
    """Appwrite 1.0.0 (utopia-php/database 0.25.4) drops a token 0 pushed at ']'; -0 is the same integer
    and survives."""
    written = write_legacy("equal", "count", [1, 0], version="1.0")
    assert written == 'equal("count", [1,-0])'
    assert same(server_read_legacy(written, version="1.0"), ("equal", "count", (1, 0)))
    assert same(server_read_legacy('equal("count", [1,0])', version="1.0"), ("equal", "count", (1,)))
    assert read_legacy(written, version="1.0") == ("equal", "count", (1, 0))
    error = refused(read_legacy, 'equal("count", [0])', version="1.0.1")
    assert error.message == (
        "Expected -0 for a final 0 in an array (Appwrite 1.0.0-1.0.1 drops a bare 0 before ']'), found '0'; "
        'the server would read this as equal("count", [])'
    )
    assert error.position == 16
    assert read_legacy('equal("count", [0])', version="1.0.2") == ("equal", "count", (0,))
    assert write_legacy("equal", "count", [0], version="1.0.2") == 'equal("count", [0])'
    assert write_legacy("limit", "", [0], version="1.0") == "limit(0)"  # a last top-level 0 survives


# ----------------------------------------------------------------------------------------------- laws


@given(versioned_triples())
@example(("1.4", ("equal", "a", ('x", "admin',))))
@example(("1.4", ("equal", "", ("",))))
@example(("1.0", ("equal", "", (0,))))
@example(("1.4", ("between", "a\\\\", ("\\\\", 'z\\\\"'))))
def test_write_then_read_gives_the_triple_back(case: tuple[str, Triple]) -> None:
    version, triple = case
    text = write_legacy(*triple, version=version)
    assert same(read_legacy(text, version=version), triple)
    assert write_legacy(*read_legacy(text, version=version), version=version) == text


@given(versioned_triples())
def test_the_server_reads_what_the_writer_wrote(case: tuple[str, Triple]) -> None:
    version, triple = case
    text = write_legacy(*triple, version=version)
    reading = server_read_legacy(text, version=version)
    assert same(reading, triple)
    assert same(reading, read_legacy(text, version=version))
    assert reading.warnings == ()


@given(TEXTS)
@example('equal("a", ["x"]) ')
@example('equal("a", [0x1])')
@example('equal("a", ["\\\\\\"])')
def test_any_text_is_read_faithfully_or_refused(text: str) -> None:
    triple, error = outcome(read_legacy, text)
    if error is not None:
        assert isinstance(error, InvalidQuery)
        assert error.source == text
        assert 0 <= error.position <= error.end <= len(text)
        assert str(error).splitlines()[0] == error.message
        return
    assert same(server_read_legacy(text), triple)  # accepted: the server reads exactly that
    canonical = write_legacy(*triple)
    assert same(read_legacy(canonical), triple)


@given(TEXTS, st.sampled_from(VERSIONS))
def test_the_server_emulation_only_raises_server_errors(text: str, version: str) -> None:
    reading, error = outcome(server_read_legacy, text, version=version)
    if error is not None:
        assert isinstance(error, ServerError)
        assert error.php_class in ("QueryException", "TypeError")
        assert 0 <= error.position <= error.end <= len(text)
        return
    assert isinstance(reading.values, list)


@given(st.text(st.sampled_from(list("a\\\"',[] é()n")), max_size=12))
@example("x\\")
@example("\\\\\\,")
def test_representable_strings_read_back_and_no_others(value: str) -> None:
    """The representability rule, as observed on the server: a value written with only '"' escaped reads back unchanged
    exactly when it has no odd run of backslashes before , [ ] " ' or at its end."""
    escaped = value.replace('"', '\\"')
    reading = server_read_legacy(f'equal("a", ["{escaped}"])')
    assert (list(reading.values) == [value]) == representable(value)
    if representable(value):
        assert write_legacy("equal", "a", [value]) == f'equal("a", ["{escaped}"])'
    else:
        error = refused(write_legacy, "equal", "a", [value])
        assert value[error.position] == "\\"


# ------------------------------------------------------------------------------------------------ size
# (timings are measured by bench/bench.py and bench/bench_worst_case.py, not asserted here)


def test_leading_zeros_do_not_reach_the_integer_digit_limit() -> None:
    zeros = "0" * 5000  # int() refuses strings of more than 4300 digits (Python 3.11+)
    assert read_legacy(f"limit(-{zeros}7)") == ("limit", "", (-7,))
    assert same(server_read_legacy(f"limit(-{zeros}7)"), ("limit", "", (-7,)))
    assert same(server_read_legacy(f'equal("a", [{zeros}, {zeros}1.5])'), ("equal", "a", (0, 1.5)))


def test_ten_megabytes_are_read_or_refused() -> None:
    value = "é" * 5_000_000
    assert read_legacy(f'equal("a", ["{value}"])') == ("equal", "a", (value,))
    error = refused(read_legacy, 'equal("a", ["' + "x" * 10_000_000)
    assert error.position == 10_000_013
    assert error.message.startswith("Expected '\"' to close the string, found end of input;")
