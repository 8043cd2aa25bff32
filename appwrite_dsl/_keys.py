"""Identifier rules shared by roles, permissions and IDs: the server's Key and Label validators, and the
words of the role and permission grammar.

Key: 1 to ``max_length`` characters of ``[A-Za-z0-9._-]``, the first one a letter or a digit, ASCII only.
Label: 1 to 36 characters of ``[A-Za-z0-9]``. The server treats a value of exactly ``0`` as no value at all
(PHP's ``empty("0")``), so a strict reader refuses it.

Each check returns ``None`` for a valid value, else ``(start, end, message)`` with the span inside the value.
"""

from __future__ import annotations

PERMISSION_TYPES: tuple[str, ...] = ("create", "read", "update", "delete", "write")
ROLE_NAMES: tuple[str, ...] = ("any", "guests", "users", "user", "team", "member", "label")
USER_STATUSES: tuple[str, ...] = ("verified", "unverified")
LIMIT = 100  # APP_LIMIT_ARRAY_PARAMS_SIZE: the most items a permissions or roles list may hold

KEY_MAX_LENGTH = 36
TEAM_ROLE_MAX_LENGTH = 81
LABEL_MAX_LENGTH = 36

KEY_TEXT = (
    "Parameter must contain at most {max} chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, "
    "and underscore. Can't start with a special char"
)
LABEL_TEXT = "Value must be a valid string between 1 and 36 chars containing only alphanumeric chars"

_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
_KEY_CHARS = _ALNUM | frozenset("._-")

Problem = tuple[int, int, str]


def _alnum(value: str) -> bool:
    """Whether ``value`` holds only ASCII letters and digits (``str.isalnum`` is that on ASCII text)."""
    return value.isascii() and value.isalnum()


def _key_chars(value: str) -> bool:
    """Whether ``value`` holds only ``[A-Za-z0-9._-]`` (most keys are letters and digits only)."""
    return _alnum(value) or _KEY_CHARS.issuperset(value)


def _first_bad(value: str, allowed: frozenset[str]) -> int:
    """The index of the first character of ``value`` not in ``allowed`` (there is one)."""
    return next(i for i, char in enumerate(value) if char not in allowed)


def server_key_valid(value: str, max_length: int = KEY_MAX_LENGTH) -> bool:
    """The server's ``Key(false, max_length)`` validator: True when ``value`` passes."""
    return value != "" and value[0] in _ALNUM and _key_chars(value) and len(value) <= max_length


def server_label_valid(value: str) -> bool:
    """The server's ``Label`` validator: True when ``value`` passes."""
    return _alnum(value) and len(value) <= LABEL_MAX_LENGTH


def check_key(
    value: str, noun: str, max_length: int = KEY_MAX_LENGTH, *, zero_is_empty: bool = True
) -> Problem | None:
    """Explain why ``value`` is not a strict key (``noun`` names it: "a user ID"), or return None.

    ``zero_is_empty``: the value is part of a role, where the server reads ``0`` as no value at all.
    """
    if value == "":
        return (0, 0, f"Expected {noun}")
    if value == "0" and zero_is_empty:
        return (0, 1, f"Expected {noun} other than '0', which the server reads as no value")
    if value[0] not in _ALNUM:
        return (0, 1, f"Expected a letter or digit at the start of {noun}, found {value[0]!r}")
    if not _key_chars(value):
        i = _first_bad(value, _KEY_CHARS)
        return (
            i,
            i + 1,
            f"Expected a letter, digit, '.', '-' or '_' in {noun}, found {value[i]!r}",
        )
    if len(value) > max_length:
        return (
            max_length,
            len(value),
            f"Expected at most {max_length} characters in {noun}, found {len(value)}",
        )
    return None


def check_label(value: str, noun: str = "a label") -> Problem | None:
    """Explain why ``value`` is not a strict label, or return None."""
    if value == "":
        return (0, 0, f"Expected {noun}")
    if value == "0":
        return (0, 1, f"Expected {noun} other than '0', which the server reads as no value")
    if not _alnum(value):
        i = _first_bad(value, _ALNUM)
        return (i, i + 1, f"Expected a letter or digit in {noun}, found {value[i]!r}")
    if len(value) > LABEL_MAX_LENGTH:
        return (
            LABEL_MAX_LENGTH,
            len(value),
            f"Expected at most {LABEL_MAX_LENGTH} characters in {noun}, found {len(value)}",
        )
    return None
