"""Self-test of the reference pyparsing grammar (tests/reference/permission_grammar.py).

Every expectation is hand-written from the server's rules, not from the library under test: the permission
and role grammar of utopia-php/database 7.2.6 (``src/Database/Helpers/Permission.php``, ``Helpers/Role.php``,
``Validator/Roles.php``) and its ``Validator/Key.php`` rule for IDs (at most 36 characters of a-z, A-Z, 0-9,
period, hyphen and underscore, not starting with a special character).
"""

from __future__ import annotations

import pyparsing as pp
import pytest

from ..reference.permission_grammar import (
    KEY,
    LABEL,
    PERM_TYPE,
    PERMISSION,
    ROLE,
    TEAM_ROLE,
    USER_STATUS,
    parse_permission,
    parse_role,
)

KEY36 = "a" + "b.-_9" * 7  # 36 characters, alphanumeric first
KEY37 = KEY36 + "x"
TEAM81 = "O" + "w-._1" * 16  # 81 characters
TEAM82 = TEAM81 + "x"
TEAM36 = TEAM81[:36]
TEAM37 = TEAM81[:37]
LABEL36 = "L" * 18 + "0" * 18
LABEL37 = LABEL36 + "1"


def test_fixture_lengths() -> None:
    assert (len(KEY36), len(KEY37), len(TEAM81), len(TEAM82), len(TEAM37)) == (36, 37, 81, 82, 37)
    assert (len(LABEL36), len(LABEL37)) == (36, 37)


VALID_ROLES = [
    ("any", ("any", "", "")),
    ("guests", ("guests", "", "")),
    ("users", ("users", "", "")),
    ("users/verified", ("users", "", "verified")),
    ("users/unverified", ("users", "", "unverified")),
    ("user:abc", ("user", "abc", "")),
    ("user:a.b-c_d/unverified", ("user", "a.b-c_d", "unverified")),
    ("user:X1/verified", ("user", "X1", "verified")),
    ("user:00", ("user", "00", "")),  # only exactly "0" is empty to the server
    ("user:0a", ("user", "0a", "")),
    ("user:9", ("user", "9", "")),
    (f"user:{KEY36}", ("user", KEY36, "")),
    ("team:t1", ("team", "t1", "")),
    ("team:t1/owner-1.x_y", ("team", "t1", "owner-1.x_y")),
    ("team:t1/00", ("team", "t1", "00")),
    (f"team:{KEY36}/{TEAM81}", ("team", KEY36, TEAM81)),
    ("member:m1", ("member", "m1", "")),
    (f"member:{KEY36}", ("member", KEY36, "")),
    ("label:VIP2", ("label", "VIP2", "")),
    ("label:00", ("label", "00", "")),
    (f"label:{LABEL36}", ("label", LABEL36, "")),
]

INVALID_ROLES = [
    # "0" is never valid (the server treats "0" as empty)
    "user:0",
    "team:0",
    "member:0",
    "label:0",
    "team:t1/0",
    "user:0/verified",
    # Key rules (utopia-php/database 7.2.6 src/Database/Validator/Key.php)
    "user:_x",
    "user:.x",
    "user:-x",
    "user:$id",
    "user:a b",
    "user:a+b",
    "user:é",
    "user:a\u0663",  # ARABIC-INDIC DIGIT THREE: not ASCII
    "user:\uff21",  # FULLWIDTH LATIN CAPITAL LETTER A
    f"user:{KEY37}",
    f"team:{KEY37}",
    f"member:{KEY37}",
    f"team:t1/{TEAM82}",
    "team:t1/_owner",
    "team:t1/ow ner",
    # missing or forbidden parts (the role table of docs/reference/grammar.md)
    "",
    "user:",
    "user",
    "team",
    "team:",
    "team/owner",
    "team:t1/",
    "member",
    "member:",
    "member:m1/x",
    "label",
    "label:",
    "label:vip/x",
    "any:x",
    "any/x",
    "guests:x",
    "guests/x",
    "users:",
    "users:x",
    "users/",
    "users/verified/x",
    "user:a/owner",
    "user:a/",
    "team:t1/a/b",
    "team:a/b:c",
    "user:a:b",
    # label rules
    "label:vip-1",
    "label:vip_1",
    "label:vip.1",
    "label:_v",
    f"label:{LABEL37}",
    # case sensitivity and unknown names
    "Any",
    "ANY",
    "Users",
    "User:a",
    "users/Verified",
    "users/VERIFIED",
    "user:a/Unverified",
    "teams:t1",
    "anyx",
    "userss",
    "role:all",
    "*",
    ":",
    "/x",
    # whitespace anywhere
    " any",
    "any ",
    "\tany",
    "any\t",
    "any\n",
    "\nany",
    "user: a",
    "user :a",
    "users/ verified",
    "team:t1 /owner",
    # a permission is not a role
    'read("any")',
]


@pytest.mark.parametrize(("text", "expected"), VALID_ROLES)
def test_valid_role(text: str, expected: tuple[str, str, str]) -> None:
    assert parse_role(text) == expected


@pytest.mark.parametrize("text", INVALID_ROLES)
def test_invalid_role(text: str) -> None:
    assert parse_role(text) is None


@pytest.mark.parametrize(("text", "expected"), VALID_ROLES)
def test_valid_role_in_every_permission_type(text: str, expected: tuple[str, str, str]) -> None:
    for perm_type in ("create", "read", "update", "delete", "write"):
        assert parse_permission(f'{perm_type}("{text}")') == (perm_type, expected)


@pytest.mark.parametrize("text", INVALID_ROLES)
def test_invalid_role_in_permission(text: str) -> None:
    assert parse_permission(f'read("{text}")') is None


@pytest.mark.parametrize(
    ("text", "max_len", "expected"),
    [
        (f"team:t1/{TEAM36}", 36, ("team", "t1", TEAM36)),
        (f"team:t1/{TEAM37}", 36, None),
        (f"team:t1/{TEAM37}", 81, ("team", "t1", TEAM37)),
        (f"team:t1/{TEAM81}", 81, ("team", "t1", TEAM81)),
        (f"team:t1/{TEAM82}", 81, None),
        (f"team:t1/{TEAM82}", 82, ("team", "t1", TEAM82)),
        ("team:t1/0", 36, None),
        # the parameter affects only team roles, never keys or labels
        (f"user:{KEY37}", 81, None),
        (f"team:{KEY37}", 81, None),
        (f"label:{LABEL37}", 81, None),
    ],
)
def test_team_role_max(text: str, max_len: int, expected: tuple[str, str, str] | None) -> None:
    assert parse_role(text, team_role_max=max_len) == expected
    as_permission = None if expected is None else ("update", expected)
    assert parse_permission(f'update("{text}")', team_role_max=max_len) == as_permission


def test_team_role_max_default_is_81() -> None:
    assert parse_role(f"team:t1/{TEAM81}") == ("team", "t1", TEAM81)
    assert parse_role(f"team:t1/{TEAM82}") is None


def test_team_role_max_must_be_positive() -> None:
    with pytest.raises(ValueError, match="team_role_max"):
        parse_role("any", team_role_max=0)


@pytest.mark.parametrize(
    "text",
    [
        # strings that the lenient server parser accepts or rejects; all are outside the strict grammar
        "read",
        "read(any)",
        "read('any')",
        'read( "any")',
        'read("any" )',
        'read ("any")',
        ' read("any")',
        'read("any") ',
        'read("any")\n',
        'read("any")\t',
        'read("any")("x")',
        'read(("any")',
        'read("any")x',
        'read("any"',
        'read("any',
        'read("any")")',
        'read("an")y")',
        'read("any"))',
        'read(""any")',
        'READ("any")',
        'Read("any")',
        'reader("any")',
        'readx("any")',
        'read_("any")',
        '("any")',
        'execute("any")',
        'read("")',
        'read("user:0")',
        'read("team:0/owner")',
        'read("users:")',
        'read("user:a:b")',
        'read("team:a/b:c")',
        'read("*")',
        'read("role:all")',
        "read(\u201cany\u201d)",
        "*",
        "any",
        "",
    ],
)
def test_invalid_permission(text: str) -> None:
    assert parse_permission(text) is None


def test_rule_names_match_the_ebnf() -> None:
    names = {e.customName for e in (PERMISSION, PERM_TYPE, ROLE, USER_STATUS, KEY, TEAM_ROLE, LABEL)}
    assert names == {"permission", "perm-type", "role", "user-status", "key", "team-role", "label"}


def test_default_whitespace_is_not_changed() -> None:
    assert pp.Word(pp.alphas).parse_string("  abc", parse_all=True).as_list() == ["abc"]
    assert pp.ParserElement.DEFAULT_WHITE_CHARS == " \n\t\r"
