"""Values: PHP's numeric strings, the Range validator, dates, UIDs."""

from __future__ import annotations

import re

from .._operand import JSONObject
from .._scan import INT64_MAX, INT64_MIN, PHP_NUMERIC

_PHP_SPACE = " \t\n\r\v\f"


def php_number(value: object) -> int | float | None:
    """``$value + 0`` for what PHP's ``is_numeric`` accepts (ints, floats, numeric strings); None for the
    rest. Integers beyond the signed 64-bit range are floats, as PHP holds them."""
    if type(value) is int:
        return value if INT64_MIN <= value <= INT64_MAX else float(value)
    if type(value) is float:
        return value
    if type(value) is str and PHP_NUMERIC.fullmatch(value.encode("utf-8", "surrogatepass")):
        text = value.strip(_PHP_SPACE)
        if "." in text or "e" in text or "E" in text:
            return float(text)
        number = int(text)
        return number if INT64_MIN <= number <= INT64_MAX else float(text)
    return None


def number_format(number: int) -> str:
    """PHP's ``number_format`` of an integer (it converts to a double first: PHP_INT_MAX shows ...808)."""
    return f"{int(float(number)):,}" if abs(number) > 2**53 else f"{number:,}"


def range_text(low: int, high: int) -> str:
    return f"Value must be a valid range between {number_format(low)} and {number_format(high)}"


_UID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def uid_text(length: int = 36) -> str:
    """``UID(length)``'s description."""
    return (
        f"UID must contain at most {length} chars. Valid chars are a-z, A-Z, 0-9, and underscore. "
        "Can't start with a leading underscore"
    )


UID_TEXT = uid_text()


def is_uid(value: object, length: int = 36) -> bool:
    """``UID(length)`` (a-z, A-Z, 0-9, ``.``, ``-``, ``_``; not starting with one of the last three)."""
    return type(value) is str and len(value) <= length and _UID.fullmatch(value) is not None


_UUID7 = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-7[0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}")


def _is_sequence(value: object, low: int, uuid: bool) -> bool:
    """``Sequence``: ``low`` 1 for ``$sequence`` itself (``primary``: not PHP-empty, then integer IDs as
    ``Range(1, PHP_INT_MAX)`` reads them, or UUIDv7 strings), 0 for other ``id`` attributes (a string or an
    int, or null)."""
    if not low:
        return value is None or type(value) in (str, int)
    if value in ("", "0", 0, None, False, ()) or type(value) not in (str, int):
        return False
    if uuid:
        return type(value) is str and _UUID7.fullmatch(value) is not None
    number = php_number(value)
    return type(number) is int and 1 <= number <= INT64_MAX


_BIGINT = re.compile(r"(-?)([0-9]+)\n?")


def _is_bigint(value: object, signed: bool, unsigned_max: int) -> bool:
    """``BigInt(signed, ...)``: an int (non-negative when unsigned), or a string of ASCII digits (PCRE's ``$``
    also takes one trailing newline) within the range."""
    if type(value) is int:
        return signed or value >= 0
    if type(value) is not str:
        return False
    match = _BIGINT.fullmatch(value)
    if match is None or (match.group(1) and not signed):
        return False
    number = int(match.group(2))
    if not signed:
        return number <= unsigned_max
    return number <= (2**63 if match.group(1) else 2**63 - 1)


_LIST_KEY = re.compile(r"0|-?[1-9][0-9]{0,18}")


def _int_key(key: str) -> bool:
    """Whether PHP's decoder makes an object member name an integer array key."""
    return _LIST_KEY.fullmatch(key) is not None and INT64_MIN <= int(key) <= INT64_MAX


def _mixed(value: object) -> bool:
    """An object value mixing list-style (integer) and key-style members at some level."""
    if type(value) is JSONObject:
        kinds = {_int_key(key) for key in value}
        return len(kinds) > 1 or any(_mixed(member) for member in value.values())
    if type(value) is tuple:
        return any(_mixed(item) for item in value)
    return False
