"""The parsers' fast path (one pattern for the whole canonical grammar) agrees with the rule functions.

The rule functions are the reference: the pattern must take exactly the texts they take, with the same
parts, so that the fast path changes nothing but speed.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given

from appwrite_dsl import _permissions as grammar
from appwrite_dsl._scan import Fail

from .test_reference import CORPUS, TEXTS


def by_rules_role(text: str) -> tuple[str, str, str] | None:
    try:
        name, identifier, dimension, pos = grammar._parse_role(text, 0, grammar._PART)
    except Fail:
        return None
    return (name, identifier, dimension) if pos == len(text) else None


def by_pattern_role(text: str) -> tuple[str, str, str] | None:
    return grammar._role_parts(text) if grammar._CANONICAL_ROLE.fullmatch(text) else None


def by_rules_permission(text: str) -> str | None:
    """The role text of a permission the rule functions accept, else None."""
    try:
        end = grammar._parse_perm_type(text, 0)[1]
        if not text.startswith('("', end):
            return None
        *_, pos = grammar._parse_role(text, end + 2, grammar._QUOTED_PART)
    except Fail:
        return None
    return text[end + 2 : pos] if text[pos:] == '")' else None


def by_pattern_permission(text: str) -> str | None:
    match = grammar._CANONICAL_PERMISSION.fullmatch(text)
    return None if match is None else match.group(2)


@pytest.mark.parametrize("text", CORPUS)
def test_corpus(text: str) -> None:
    assert by_pattern_role(text) == by_rules_role(text)
    assert by_pattern_permission(text) == by_rules_permission(text)


@given(TEXTS)
@example("team:t1/0")
@example("user:0/verified")
@example("user:00/verified")
@example("label:0")
def test_generated(text: str) -> None:
    assert by_pattern_role(text) == by_rules_role(text)
    quoted = f'read("{text}")'
    assert by_pattern_permission(quoted) == by_rules_permission(quoted)
