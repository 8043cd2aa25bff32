"""The fast paths agree with the reference: the parsers' pattern (one for the whole canonical grammar) with the
rule functions, the builders' plain-argument path with the constructor's checks.

The rule functions are the reference: the pattern must take exactly the texts they take, with the same
parts, so that the fast path changes nothing but speed.
"""

from __future__ import annotations

from typing import Callable

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl import InvalidRole, Role
from appwrite_dsl import _permissions as grammar
from appwrite_dsl._scan import Fail
from appwrite_dsl.role import _argument, _build

from ..property.invariants import permission_texts, role_texts
from .test_reference import CORPUS, TEXTS


def by_rules_role(text: str) -> tuple[str, str, str] | None:
    try:
        name, identifier, dimension, pos = grammar._parse_role(text, 0, grammar._part())
    except Fail:
        return None
    return (name, identifier, dimension) if pos == len(text) else None


def by_pattern_role(text: str) -> tuple[str, str, str] | None:
    return grammar.role_parts(text) if grammar.canonical_role().fullmatch(text) else None


def by_rules_permission(text: str) -> str | None:
    """The role text of a permission the rule functions accept, else None."""
    try:
        end = grammar._parse_perm_type(text, 0)[1]
        if not text.startswith('("', end):
            return None
        *_, pos = grammar._parse_role(text, end + 2, grammar._quoted_part())
    except Fail:
        return None
    return text[end + 2 : pos] if text[pos:] == '")' else None


def by_pattern_permission(text: str) -> str | None:
    match = grammar.canonical_permission().fullmatch(text)
    return None if match is None else text[match.end(1) + 2 : -2]


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


@given(role_texts)
def test_generated_canonical_and_near_canonical_roles(text: str) -> None:
    assert by_pattern_role(text) == by_rules_role(text)


@given(permission_texts)
def test_generated_canonical_and_near_canonical_permissions(text: str) -> None:
    assert by_pattern_permission(text) == by_rules_permission(text)


@given(TEXTS)
@example("users/verified")
@example("team:t1/owner")
def test_the_parts_read_back_from_an_accepted_text_are_the_rules_parts(text: str) -> None:
    """A parsed role keeps its text and reads its parts from it when first asked for."""
    parts = by_rules_role(text)
    if parts is not None:
        assert grammar.role_parts(text) == parts
        assert (Role.parse(text).name, Role.parse(text).identifier, Role.parse(text).dimension) == parts


# The builders' fast path takes letters and digits and a known status; anything else goes to the
# constructor. Arguments on both sides of that line, and of the length limits:
EDGES = ("", "0", "00", "a", "verified", "unverified", "Verified", "a" * 36, "a" * 37, "a" * 81, "a" * 82,
         "a_b", "\u00e9", None, 0)  # fmt: skip
ARGUMENTS = st.one_of(
    st.text(alphabet="aZ09_.-:/\u00e9 ", max_size=40), st.sampled_from(EDGES), st.integers()
)


# builder -> the builder without its fast path: the constructor checks every argument.
SLOW_PATHS: dict[str, Callable[..., Role]] = {
    "users": lambda status: _build("users", "", _argument(status, "status")),
    "user": lambda id, status: _build(
        "user", _argument(id, "id", optional=False), _argument(status, "status")
    ),
    "team": lambda id, role: _build("team", _argument(id, "id", optional=False), _argument(role, "role")),
    "member": lambda id: _build("member", _argument(id, "id", optional=False), ""),
    "label": lambda name: _build("label", _argument(name, "name", optional=False), ""),
}


def outcome(call: Callable[..., Role], *args: object) -> tuple[object, ...]:
    try:
        role = call(*args)
    except InvalidRole as error:
        return (type(error), error.message, error.source, error.span)
    except TypeError as error:
        return (TypeError, str(error))
    return (type(role), str(role), role.name, role.identifier, role.dimension)


def check_builder(name: str, first: object, second: object) -> None:
    builder = getattr(Role, name)
    args = (first, second)[: builder.__code__.co_argcount]
    assert outcome(builder, *args) == outcome(SLOW_PATHS[name], *args)


@pytest.mark.parametrize("name", sorted(SLOW_PATHS))
def test_builders_fast_path_agrees_with_the_constructor_at_the_edges(name: str) -> None:
    for first in EDGES:
        for second in EDGES:
            check_builder(name, first, second)


@given(st.sampled_from(sorted(SLOW_PATHS)), ARGUMENTS, ARGUMENTS)
def test_builders_fast_path_agrees_with_the_constructor(name: str, first: object, second: object) -> None:
    check_builder(name, first, second)
