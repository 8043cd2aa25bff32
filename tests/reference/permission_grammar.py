"""Reference pyparsing grammar for permission and role strings (test oracle, not runtime code).

Written from the grammar alone, not from the library: the EBNF of docs/reference/grammar.md, which states
the rules of utopia-php/database 7.2.6 (``src/Database/Helpers/Permission.php`` and ``Role.php``, with the
validators ``src/Database/Validator/Key.php`` and ``Label.php``). One pyparsing element per EBNF rule, named
exactly like the rule so that ``pyparsing.diagram`` can draw railroad diagrams of it; ``key-first`` and
``key-char`` are folded into the character classes of the ``key`` and ``team-role`` regexes.

Strictness beyond the EBNF, from the same page:

* a key, team role or label equal to exactly ``0`` is never valid (the server treats ``"0"`` as empty);
* lengths: key 1..36, team role 1..``team_role_max`` (81; 36 for servers before Appwrite 1.9), label 1..36;
* ASCII only, case-sensitive, no whitespace anywhere, whole string only.

Whitespace: every element is built with ``leave_whitespace()`` (per element, so the process-wide pyparsing
defaults stay untouched) and the grammars end in an explicit whitespace-free ``StringEnd``, because
``parse_string(parse_all=True)`` alone skips trailing default whitespace before checking the end.
"""

from __future__ import annotations

from functools import cache

import pyparsing as pp

__all__ = [
    "KEY",
    "LABEL",
    "PERMISSION",
    "PERM_TYPE",
    "ROLE",
    "TEAM_ROLE",
    "USER_STATUS",
    "build_grammar",
    "parse_permission",
    "parse_role",
]

KEY_MAX = 36
LABEL_MAX = 36
TEAM_ROLE_MAX = 81

_ALNUM = "A-Za-z0-9"  # key-first, and the Label alphabet (explicit ASCII ranges)
_KEY_CHAR = "A-Za-z0-9._-"  # key-char


def _lit(text: str) -> pp.ParserElement:
    return pp.Literal(text).leave_whitespace()


def _not_zero(tokens: pp.ParseResults) -> bool:
    return bool(tokens[0] != "0")


def _identifier(rule: str, first: str, rest: str, max_len: int) -> pp.ParserElement:
    """``first {rest}``, 1..max_len characters in total, never exactly ``0``."""
    regex = pp.Regex(f"[{first}][{rest}]{{0,{max_len - 1}}}").leave_whitespace()
    return regex.add_condition(_not_zero, message=f"{rule} must not be 0").set_name(rule)


PERM_TYPE: pp.ParserElement = pp.MatchFirst(
    [_lit(t) for t in ("create", "read", "update", "delete", "write")]
)
PERM_TYPE = PERM_TYPE.leave_whitespace().set_name("perm-type")
USER_STATUS = pp.MatchFirst([_lit("verified"), _lit("unverified")]).leave_whitespace().set_name("user-status")
KEY = _identifier("key", _ALNUM, _KEY_CHAR, KEY_MAX)
LABEL = _identifier("label", _ALNUM, _ALNUM, LABEL_MAX)


@cache
def _team_role(team_role_max: int) -> pp.ParserElement:
    if team_role_max < 1:
        raise ValueError("team_role_max must be at least 1")
    return _identifier("team-role", _ALNUM, _KEY_CHAR, team_role_max)


@cache
def build_grammar(team_role_max: int = TEAM_ROLE_MAX) -> tuple[pp.ParserElement, pp.ParserElement]:
    """Return ``(role, permission)`` elements whose ``team-role`` allows 1..team_role_max characters."""
    team_role = _team_role(team_role_max)

    def name(text: str) -> pp.ParserElement:
        return _lit(text).set_results_name("name")

    def dimension(expr: pp.ParserElement) -> pp.ParserElement:
        return pp.Opt(_lit("/") + expr.set_results_name("dimension"))

    identifier = KEY.set_results_name("identifier")
    role: pp.ParserElement = pp.MatchFirst(
        [
            name("any"),
            name("guests"),
            name("users") + dimension(USER_STATUS),
            name("user") + _lit(":") + identifier + dimension(USER_STATUS),
            name("team") + _lit(":") + identifier + dimension(team_role),
            name("member") + _lit(":") + identifier,
            name("label") + _lit(":") + LABEL.set_results_name("identifier"),
        ]
    )
    role = role.leave_whitespace().set_name("role")
    permission = PERM_TYPE.set_results_name("type") + _lit('("') + role + _lit('")')
    permission = permission.leave_whitespace().set_name("permission")
    return role, permission


ROLE, PERMISSION = build_grammar()
TEAM_ROLE = _team_role(TEAM_ROLE_MAX)


@cache
def _whole(expr: pp.ParserElement) -> pp.ParserElement:
    return (expr + pp.StringEnd().leave_whitespace()).leave_whitespace().parse_with_tabs()


def _parse(expr: pp.ParserElement, text: str) -> pp.ParseResults | None:
    try:
        return _whole(expr).parse_string(text, parse_all=True)
    except pp.ParseBaseException:
        return None


def _parts(result: pp.ParseResults) -> tuple[str, str, str]:
    # pyparsing leaves ParseResults.get unannotated
    identifier = result.get("identifier", "")  # type: ignore[no-untyped-call]
    dimension = result.get("dimension", "")  # type: ignore[no-untyped-call]
    return (result["name"], identifier, dimension)


def parse_role(text: str, *, team_role_max: int = TEAM_ROLE_MAX) -> tuple[str, str, str] | None:
    """``(name, identifier, dimension)`` with ``""`` for absent parts, or None if ``text`` is not a role."""
    result = _parse(build_grammar(team_role_max)[0], text)
    return None if result is None else _parts(result)


def parse_permission(
    text: str, *, team_role_max: int = TEAM_ROLE_MAX
) -> tuple[str, tuple[str, str, str]] | None:
    """``(type, (name, identifier, dimension))``, or None if ``text`` is not a permission."""
    result = _parse(build_grammar(team_role_max)[1], text)
    return None if result is None else (result["type"], _parts(result))
