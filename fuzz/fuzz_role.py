"""Fuzz the role readers: Role.parse, validate_roles, the SDK-named builders and the server emulation.

Only ParseError may escape them, with the right class and a well-formed span and rendering; the strict
reader and the strict list validator agree; the server's validator never raises.

    python fuzz/fuzz_role.py [libFuzzer options] [corpus dir]     (or: python fuzz/run.py role)
"""

from __future__ import annotations

import _common
from _common import attempt, check_error, expect

from appwrite_dsl import InvalidRole, Role, ValidationError, server, validate_roles

CORPORA = ("roles",)
DICTIONARIES = ("roles",)
EXAMPLES = (
    "any",
    "guests",
    "users",
    "users/verified",
    "users/unverified",
    "user:abc",
    "user:abc/verified",
    "team:t1",
    "team:t1/owner",
    "member:m1",
    "label:vip",
    # What the server reads differently, or refuses.
    "user:a:b",
    "users:",
    "user:0",
    "team:t1/",
    "team:t1/0",
    "user:abc/verified/x",
    "label:0",
    "role:all",
    "*",
    "Any",
    "user:\u00e9",
    "team:t1/" + "b" * 82,
)


def _check_server(text: str) -> None:
    for team_role_max in (81, 36):
        verdict = server.check_roles([text], team_role_max=team_role_max)
        expect(
            verdict is None or (verdict[0] == 0 and isinstance(verdict[1], str)),
            "check_roles returns None or (0, message)",
            verdict,
        )
    attempt(lambda: server.parse_role(text), text, InvalidRole)


def _check_builders(text: str) -> None:
    """The builders take any strings: feed them the text split at the first '/'."""
    head, _, tail = text.partition("/")
    builds = (
        lambda: Role.users(text),
        lambda: Role.user(head, tail),
        lambda: Role.team(head, tail),
        lambda: Role.member(text),
        lambda: Role.label(text),
    )
    for build in builds:
        try:
            role = build()
        except InvalidRole as error:  # its source is the offending argument
            check_error(error, error.source, InvalidRole)
            continue
        expect(Role.parse(str(role)) == role, "a built role re-parses to itself", role)


def check(text: str) -> None:
    role = attempt(lambda: Role.parse(text), text, InvalidRole)
    listed = attempt(lambda: validate_roles([text]), text, ValidationError)
    expect((role is None) == (listed is None), "validate_roles accepts what Role.parse accepts", role, listed)
    if role is not None:
        expect(listed == [role], "validate_roles returns the parsed role", listed, role)
        expect(str(role) == text, "str(Role.parse(s)) == s", role)
    _check_server(text)
    _check_builders(text)


if __name__ == "__main__":
    _common.fuzz(check)
