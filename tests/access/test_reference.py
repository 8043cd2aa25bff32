"""The strict parsers agree with the pyparsing reference grammar (tests/reference), written from the documented
grammar (docs/reference/grammar.md).

Agreement means: the same strings are accepted, with the same parts, and the rest are refused.
"""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl import InvalidPermission, InvalidRole, Permission, Role
from appwrite_dsl import strategies as dsl

from ..conformance import records
from ..corpus import cases
from ..reference import permission_grammar as oracle

# characters that matter to the grammar, a few that must be refused, and digits for the "0" rule
ALPHABET = st.sampled_from(list('anyusertmbglid:/"()vfwcpk0123456789._- \nAZ\u00fc$*'))
FRAGMENTS = st.sampled_from(
    [
        "any",
        "guests",
        "users",
        "user",
        "team",
        "member",
        "label",
        "verified",
        "unverified",
        ":",
        "/",
        "0",
        "read",
        "write",
        '("',
        '")',
    ]
)
TEXTS = st.lists(st.one_of(ALPHABET, FRAGMENTS), max_size=14).map("".join)


def ours_role(text: str) -> tuple[str, str, str] | None:
    try:
        role = Role.parse(text)
    except InvalidRole:
        return None
    return (role.name, role.identifier, role.dimension)


def ours_permission(text: str) -> tuple[str, tuple[str, str, str]] | None:
    try:
        permission = Permission.parse(text)
    except InvalidPermission:
        return None
    role = permission.role
    return (permission.action, (role.name, role.identifier, role.dimension))


CORPUS = sorted(
    {
        text
        for kind in ("valid", "invalid")
        for name in ("roles", "permissions")
        for text, _ in cases(kind, name)
    }
    | {r["input"] for r in records("permissions-roles.jsonl") if isinstance(r["input"], str)}
)


@pytest.mark.parametrize("text", CORPUS)
def test_corpus_and_conformance_inputs(text: str) -> None:
    assert ours_role(text) == oracle.parse_role(text)
    assert ours_permission(text) == oracle.parse_permission(text)


@given(TEXTS)
@example("team:t1/" + "b" * 81)
@example("team:00")
def test_generated_role_texts(text: str) -> None:
    assert ours_role(text) == oracle.parse_role(text)


@given(TEXTS.map(lambda t: f'read("{t}")') | TEXTS)
def test_generated_permission_texts(text: str) -> None:
    assert ours_permission(text) == oracle.parse_permission(text)


@given(dsl.permissions())
def test_generated_canonical_permissions(permission: Permission) -> None:
    text = str(permission)
    assert oracle.parse_permission(text) == ours_permission(text)
    assert oracle.parse_permission(text) is not None
