"""The pyparsing reference grammar (tests/reference/legacy_grammar.py) as an independent oracle.

The grammar is written from query-legacy.md, not from appwrite_dsl._legacy: where both accept a string they
must give the same triple, and each must refuse what the other refuses, on the corpora, on every
conformance input and on generated text.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl import InvalidQuery
from appwrite_dsl._legacy import read_legacy
from appwrite_dsl._legacy_writer import write_legacy

from ..conformance import records
from ..corpus import cases
from ..reference import legacy_grammar as reference
from .test_legacy import TEXTS, near_misses, same, triples, typed


def ours(text: str) -> tuple[str, str, tuple[Any, ...]] | None:
    try:
        return read_legacy(text)
    except InvalidQuery:
        return None


def check_agreement(text: str) -> bool:
    """Both refuse, or both read the same triple (types included); returns whether they read it."""
    expected = reference.parse_legacy(text)
    got = ours(text)
    assert (got is None) == (expected is None), f"oracle {expected!r}, appwrite_dsl {got!r}"
    if expected is not None:
        assert got is not None
        assert same(got, expected)
    return expected is not None


# ---------------------------------------------------------------------------------- the oracle itself

# Hand-written from the grammar, the shapes and the writer's rules of docs/reference/grammar.md, not from
# either implementation.
ORACLE_READS = [
    ('equal("title", ["Iron Man","Ant Man"])', ("equal", "title", ("Iron Man", "Ant Man"))),
    ('equal("title", "Iron Man")', ("equal", "title", ("Iron Man",))),
    ('lessThan("year", [2001])', ("lessThan", "year", (2001,))),
    ('between("age", 18, 30)', ("between", "age", (18, 30))),
    ('isNull("a")', ("isNull", "a", ())),
    ('orderAsc("a")', ("orderAsc", "a", ())),
    ("limit(25)", ("limit", "", (25,))),
    ('cursorAfter("doc1")', ("cursorAfter", "", ("doc1",))),
    ('select(["a","b"])', ("select", "", ("a", "b"))),
    ('equal("a", [null,true,false,1.5,-7,1e+16])', ("equal", "a", (None, True, False, 1.5, -7, 1e16))),
    ('equal("a", ["x\\"y"])', ("equal", "a", ('x"y',))),
    ('equal("a", ["x\\\\"])', ("equal", "a", ("x\\\\",))),
    ('equal("a", ["x\\\\\\"y"])', ("equal", "a", ('x\\\\"y',))),
    ('equal("a", ["x\\ny"])', ("equal", "a", ("x\\ny",))),
    ('equal("a", ["x\\\\,y"])', ("equal", "a", ("x\\\\,y",))),
    ('equal( "a" , [ 1 , 2 ] )', ("equal", "a", (1, 2))),
]
ORACLE_REFUSES = [
    'equal("a", ["x\\,y"])',  # rule 2: odd run before ','
    'equal("a", ["x\\"])',  # the string never closes
    'equal("a", [1e3])',  # 'e' needs a sign
    'equal("a", [-0.0])',  # rule 3
    'equal("a", [9223372036854775808])',  # rule 3
    'equal("a", [1e+999])',  # rule 3
    'equal("a", [[1]])',  # rule 5
    "equal('a', ['x'])",
    'equal("a", [None])',
    'equal("a", ["x"]) ',
    "limit (5)",
    'foo("a", [1])',
    'equal(1, ["v"])',
    'between("a", [1,2])',
    'isNull("a", [1])',
    "limit()",
    'select("a")',
    'equal("a", ["\ud800"])',  # rule 6
    'equal("a",\t[1])',
]


@pytest.mark.parametrize(("text", "triple"), ORACLE_READS)
def test_the_oracle_reads_the_spec_examples(text: str, triple: tuple[str, str, tuple[Any, ...]]) -> None:
    result = reference.parse_legacy(text)
    assert result is not None
    assert typed(result) == typed(triple)


@pytest.mark.parametrize("text", ORACLE_REFUSES)
def test_the_oracle_refuses_the_spec_counterexamples(text: str) -> None:
    assert reference.parse_legacy(text) is None


def test_every_rule_is_named() -> None:
    names = {
        reference.QUERY: "query",
        reference.METHOD: "method",
        reference.ARGUMENT: "argument",
        reference.ARRAY: "array",
        reference.SCALAR: "scalar",
        reference.STRING: "string",
        reference.STR_CHAR: "str-char",
        reference.BACKSLASH_RUN: "backslash-run",
        reference.NUMBER: "number",
        reference.DIGITS: "digits",
        reference.BOOLEAN: "boolean",
        reference.NULL: "null",
        reference.SP: "sp",
    }
    assert {element.name: name for element, name in names.items()} == {name: name for name in names.values()}


# ------------------------------------------------------------------------------------------- agreement

CORPUS = [text for kind in ("valid", "invalid") for text, _ in cases(kind, "query-legacy")]
CONFORMANCE = [
    record["input"] for record in records("legacy-queries.jsonl") if isinstance(record["input"], str)
]


@pytest.mark.parametrize("text", CORPUS)
def test_agreement_on_the_corpora(text: str) -> None:
    check_agreement(text)


@pytest.mark.parametrize("text", CONFORMANCE)
def test_agreement_on_the_conformance_inputs(text: str) -> None:
    check_agreement(text)


def test_the_corpora_exercise_both_answers() -> None:
    read = [check_agreement(text) for text in CORPUS + CONFORMANCE]
    assert 100 < sum(read) < len(read) - 200


@given(triples())
def test_agreement_on_canonical_strings(triple: tuple[str, str, tuple[Any, ...]]) -> None:
    assert check_agreement(write_legacy(*triple))


@given(near_misses())
@example('equal("a", ["\\\\\\,"])')
@example('equal("a", [1.5e-7])')
@example('between("a", "x",[1])')
def test_agreement_on_near_misses(text: str) -> None:
    check_agreement(text)


@given(TEXTS)
def test_agreement_on_any_text(text: str) -> None:
    check_agreement(text)


@given(st.lists(st.sampled_from(['"', "\\", ",", "[", "]", "'", " ", "a", "1", "-", ".", "e+"]), max_size=10))
def test_agreement_inside_an_array(pieces: list[str]) -> None:
    check_agreement('equal("a", [' + "".join(pieces) + "])")
    check_agreement('equal("a", ["' + "".join(pieces) + '"])')
