"""The strict reader of role and permission strings: one function per rule of the canonical grammar.

Rules work on ``(src, pos)`` and return the parts they read with the new position; a violation raises
``Fail(start, end, message)``, which the public ``parse`` methods turn into their own error class with a
note on what the server would read instead (:mod:`appwrite_dsl.server`). The grammar is that of
docs/reference/grammar.md, the canonical subset of what utopia-php/database 7.2.6's ``Permission::parse`` and
``Role::parse`` (``src/Database/Helpers/``) read.
"""

from __future__ import annotations

import re
from functools import cache

from ._keys import (
    KEY_MAX_LENGTH,
    LABEL_MAX_LENGTH,
    PERMISSION_TYPES,
    ROLE_NAMES,
    TEAM_ROLE_MAX_LENGTH,
    USER_STATUSES,
    check_key,
    check_label,
)
from ._scan import Fail, found, skip
from .errors import InvalidPermission, InvalidRole, ParseError, ValidationError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Callable, TypeVar

    from ._keys import Problem

    RoleParts = tuple[str, str, str]
    T = TypeVar("T")

_ROLE_NAME_SET = frozenset(ROLE_NAMES)
_PERMISSION_TYPE_SET = frozenset(PERMISSION_TYPES)
ID_NOUNS = {"user": "a user ID", "team": "a team ID", "member": "a membership ID"}


# The rule functions' patterns, compiled when a text first misses the fast path.
@cache
def _word() -> re.Pattern[str]:
    return re.compile(r"[A-Za-z]*")


# A part of a role runs up to the next '/', or up to the closing quote inside a permission.
@cache
def _part() -> re.Pattern[str]:
    return re.compile(r"[^/]*")


@cache
def _quoted_part() -> re.Pattern[str]:
    return re.compile(r'[^/"]*')


def _server_reading(text: str, *, permission: bool) -> str | None:
    """How the server normalises ``text`` when its validator accepts it; None when it rejects it."""
    from . import server  # noqa: PLC0415 - the server's emulation is for messages only

    try:
        if permission:
            if server.check_permissions([text]) is None:
                return str(server.parse_permission(text))
        elif server.check_roles([text]) is None:
            return str(server.parse_role(text))
    except ParseError:  # pragma: no cover - the checks above parse first
        pass
    return None


def server_note(text: str, *, permission: bool) -> str:
    """For a string the strict grammar refuses: what the server would silently read it as, if anything."""
    reading = _server_reading(text, permission=permission)
    if reading is None:
        return ""
    if reading == text:
        return "; the server accepts it as written"
    return f"; the server would read this as {reading}"


def sdk_note(sdk_text: str, *, permission: bool) -> str:
    """For a builder call we refuse: what the official SDK would write, if the server would accept it."""
    reading = _server_reading(sdk_text, permission=permission)
    if reading is None:
        return ""
    if reading == sdk_text:
        return f"; the SDK would write {sdk_text}"
    return f"; the SDK would write {sdk_text}, which the server reads as {reading}"


def _fail_part(problem: Problem, offset: int) -> Fail:
    start, end, message = problem
    return Fail(offset + start, offset + end, message)


def _canonical_pattern(terminator: str) -> str:
    """The whole canonical role grammar as one pattern, for the fast path of ``Role.parse`` and
    ``Permission.parse``.

    ``terminator`` is what follows the role; the lookaheads need it to refuse an ID, team role or label
    of exactly ``0``. The rule functions stay the reference: every text this pattern takes, they take with
    the same parts (tests/access/test_fast_path.py checks it), and they read or explain every text it
    refuses.
    """
    end = f"(?:/|{terminator})"
    key = rf"[A-Za-z0-9][A-Za-z0-9._-]{{0,{KEY_MAX_LENGTH - 1}}}"
    team_role = rf"[A-Za-z0-9][A-Za-z0-9._-]{{0,{TEAM_ROLE_MAX_LENGTH - 1}}}"
    label = rf"[A-Za-z0-9]{{1,{LABEL_MAX_LENGTH}}}"
    status = "(?:" + "|".join(USER_STATUSES) + ")"
    return (
        rf"(?:any|guests|users(?:/{status})?"
        rf"|user:(?!0{end}){key}(?:/{status})?"
        rf"|team:(?!0{end}){key}(?:/(?!0{terminator}){team_role})?"
        rf"|member:(?!0{terminator}){key}"
        rf"|label:(?!0{terminator}){label})"
    )


@cache
def canonical_role() -> re.Pattern[str]:
    """A canonical role string, whole (``fullmatch``); compiled on first use."""
    return re.compile(_canonical_pattern(r"\Z"))


@cache
def canonical_permission() -> re.Pattern[str]:
    """A canonical permission string, whole (``fullmatch``); group 1 is the permission type, the role is
    the text between ``("`` and ``")``. Compiled on first use."""
    return re.compile("(" + "|".join(PERMISSION_TYPES) + r')\("' + _canonical_pattern(chr(34)) + r'"\)')


def role_parts(text: str) -> RoleParts:
    """The name, identifier and dimension of a role string known to be canonical."""
    head, _, dimension = text.partition("/")
    name, _, identifier = head.partition(":")
    return name, identifier, dimension


def check(src: str, *, permission: bool) -> None:
    """Read ``src``, a text the fast path declined, with the rule functions: return when they accept it,
    else raise InvalidPermission (or InvalidRole) with a note on what the server would read instead."""
    try:
        if permission:
            parse_permission(src)
        else:
            parse_role(src)
    except Fail as fail:
        error = InvalidPermission if permission else InvalidRole
        message = fail.message + server_note(src, permission=permission)
        raise error(message, src, fail.start, fail.end) from None


def parse_role(src: str) -> RoleParts:
    """role-string = role END ;"""
    name, identifier, dimension, pos = _parse_role(src, 0, _part())
    if pos != len(src):
        raise Fail(pos, len(src), f"Expected end of role after {src[:pos]!r}, {found(src, pos)}")
    return name, identifier, dimension


def parse_permission(src: str) -> tuple[str, RoleParts]:
    """permission = perm-type '("' role '")' END ;"""
    action, pos = _parse_perm_type(src, 0)
    if not src.startswith('("', pos):
        raise Fail(pos, pos + 1, f"Expected '(\"' after {action!r}, {found(src, pos)}")
    name, identifier, dimension, pos = _parse_role(src, pos + 2, _quoted_part())
    if not src.startswith('")', pos):
        raise Fail(pos, pos + 1, f"Expected '\")' after the role, {found(src, pos)}")
    pos += 2
    if pos != len(src):
        raise Fail(pos, len(src), f"Expected end of permission after '\")', {found(src, pos)}")
    return action, (name, identifier, dimension)


def _parse_perm_type(src: str, pos: int) -> tuple[str, int]:
    """perm-type = "create" | "read" | "update" | "delete" | "write" ;"""
    end = skip(_word(), src, pos)
    word = src[pos:end]
    if word not in _PERMISSION_TYPE_SET:
        what = f", found {word!r}" if word else ", " + found(src, pos)
        raise Fail(
            pos,
            max(end, pos + 1),
            f"Expected a permission type (create, read, update, delete or write){what}",
        )
    return word, end


def _parse_role(src: str, pos: int, part: re.Pattern[str]) -> tuple[str, str, str, int]:
    """role = "any" | "guests" | "users" [ "/" user-status ] | "user:" key [ "/" user-status ]
    | "team:" key [ "/" team-role ] | "member:" key | "label:" label ;"""
    end = skip(_word(), src, pos)
    name = src[pos:end]
    if name not in _ROLE_NAME_SET:
        what = f", found {name!r}" if name else ", " + found(src, pos)
        raise Fail(
            pos,
            max(end, pos + 1),
            f"Expected a role (any, guests, users, user, team, member or label){what}",
        )
    pos = end
    identifier = dimension = ""
    if name in ("any", "guests"):
        return name, identifier, dimension, pos
    if name != "users":
        if not src.startswith(":", pos):
            raise Fail(pos, pos + 1, f"Expected ':' after {name!r}, {found(src, pos)}")
        if name == "label":
            identifier, pos = _parse_label(src, pos + 1, part)
        else:
            identifier, pos = _parse_key(src, pos + 1, part, ID_NOUNS[name])
    if name in ("users", "user") and src.startswith("/", pos):
        dimension, pos = _parse_user_status(src, pos + 1, part)
    elif name == "team" and src.startswith("/", pos):
        dimension, pos = _parse_team_role(src, pos + 1, part)
    return name, identifier, dimension, pos


def _parse_key(src: str, pos: int, part: re.Pattern[str], noun: str) -> tuple[str, int]:
    """key = key-first { key-char } ;  (* 1..36 characters, not "0" *)"""
    end = skip(part, src, pos)
    problem = check_key(src[pos:end], noun)
    if problem is not None:
        raise _fail_part(problem, pos)
    return src[pos:end], end


def _parse_team_role(src: str, pos: int, part: re.Pattern[str]) -> tuple[str, int]:
    """team-role = key-first { key-char } ;  (* 1..81 characters, not "0" *)"""
    end = skip(part, src, pos)
    problem = check_key(src[pos:end], "a team role", TEAM_ROLE_MAX_LENGTH)
    if problem is not None:
        raise _fail_part(problem, pos)
    return src[pos:end], end


def _parse_label(src: str, pos: int, part: re.Pattern[str]) -> tuple[str, int]:
    """label = ( ALPHA | DIGIT ) { ALPHA | DIGIT } ;  (* 1..36 characters, not "0" *)"""
    end = skip(part, src, pos)
    problem = check_label(src[pos:end])
    if problem is not None:
        raise _fail_part(problem, pos)
    return src[pos:end], end


def _parse_user_status(src: str, pos: int, part: re.Pattern[str]) -> tuple[str, int]:
    """user-status = "verified" | "unverified" ;"""
    end = skip(part, src, pos)
    status = src[pos:end]
    if status not in USER_STATUSES:
        what = f", found {status!r}" if status else ", " + found(src, pos)
        raise Fail(pos, max(end, pos + 1), f"Expected 'verified' or 'unverified' after '/'{what}")
    return status, end


def validate_list(
    values: Sequence[object],
    *,
    limit: int,
    parse: Callable[[str], T],
    accept: Callable[[T], bool],
    server_check: Callable[[], ValidationError | None],
) -> list[T]:
    """Validate a list as the server does, then strictly; return the items read with ``parse``.

    The common case is fast: when every item reads strictly and ``accept`` takes it, the server accepts the
    list too (the strict grammar only admits strings the server reads as written). Otherwise the server's
    verdict (``server_check``, its refusal as an error) decides, and what it accepts but would misread is
    refused with the strict parser's message.
    """
    if isinstance(values, (list, tuple)) and not (limit and len(values) > limit):
        parsed = []
        for value in values:
            if not isinstance(value, str):
                break
            try:
                item = parse(value)
            except ParseError:
                break
            if not accept(item):
                break
            parsed.append(item)
        else:
            return parsed
    refusal = server_check()
    if refusal is not None:
        raise refusal
    for index, value in enumerate(values):
        try:
            parse(str(value))
        except ParseError as error:
            raise ValidationError(
                error.message, error.source, error.position, error.end, index=index
            ) from None
    raise AssertionError("unreachable: the server and the strict grammar disagree")  # pragma: no cover
