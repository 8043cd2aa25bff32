"""The legacy query syntax of Appwrite 1.0 to 1.4, ``equal("title", ["Iron Man","Ant Man"])``.

Four parts, all working on ``(method, attribute, values)`` triples; with :mod:`appwrite_dsl._legacy_writer`
and :mod:`appwrite_dsl._legacy_server` the only modules that know the syntax's escapes (the server's reader
is ``Query::parse`` in ``src/Database/Query.php`` of utopia-php/database 0.46.0,
https://github.com/utopia-php/database/blob/0.46.0/src/Database/Query.php):

* :func:`read_legacy`, a strict reader of the canonical grammar. It accepts a string only when the server
  reads it exactly as written, and otherwise says what was expected and what the server would read instead.
  :func:`read_common` reads the common shapes with one pattern, to the same result, and declines the rest.
* :func:`~appwrite_dsl._legacy_writer.write_legacy` (in :mod:`appwrite_dsl._legacy_writer`), the canonical
  writer. Its output is read back by the server to the same triple; it refuses what the syntax cannot carry
  instead of writing something the server would misread.
* :func:`legacy_span`, where a path (the method, the attribute, a value) lies in a string the reader
  accepts, found by the reader's own rules (the validators' spans).
* :func:`server_read_legacy` (in :mod:`appwrite_dsl._legacy_server`), a byte-exact emulation of
  ``Query::parse`` of utopia-php/database 0.46.0 (and of the older tags behind Appwrite 1.0 to 1.2), quirks
  included.

>>> read_legacy('equal("name", ["x", "y"])')
('equal', 'name', ('x', 'y'))
>>> from appwrite_dsl._legacy_server import server_read_legacy
>>> server_read_legacy('equal("role", ["x", "admin"])').values
['x', 'admin']

The grammar the reader accepts is the canonical grammar (docs/reference/grammar.md), with spaces allowed
between the tokens inside the parentheses (the server drops spaces outside strings, step 4.4 of
:func:`server_read_legacy`, so ``equal("a", ["x", "y"])`` means what it says), and with each method's
argument shape::

    query     = method "(" sp [ argument sp { "," sp argument sp } ] ")" ;
    method    = ALPHA { ALPHA } ;             (* a method of the target version, case-sensitive *)
    argument  = scalar | array ;
    array     = "[" sp [ scalar sp { "," sp scalar sp } ] "]" ;
    scalar    = string | number | boolean | null ;
    string    = '"' { str-char | '\\"' | backslash-run } '"' ;
    number    = [ "-" ] digits [ "." digits ] [ "e" ( "+" | "-" ) digits ] ;
    boolean   = "true" | "false" ;
    null      = "null" ;
    sp        = { " " } ;

    filter    equal("a", [v, ...])   also equal("a", v)      equal notEqual lessThan lessThanEqual
                                                             greaterThan greaterThanEqual contains
                                                             search startsWith endsWith
    attribute isNull("a")                                    isNull isNotNull orderAsc orderDesc
    between   between("a", v, v)
    select    select([v, ...])
    page      limit(v)                                       limit offset cursorAfter cursorBefore

The attribute is always a string. Inside a string an odd run of backslashes is allowed only before ``"``
(where it escapes the quote) or before a character other than ``, [ ] '``: the server drops one backslash
of an odd run before ``, [ ] '``. Numbers must read back as the same value: integers within the signed
64-bit range, finite floats other than ``-0.0``. Values shown in messages are written as JSON strings, with
``\\xNN`` for a byte that is not UTF-8.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache

from . import _scan
from ._methods import (
    DEFAULT_VERSION,
    LEGACY_FORMS,
    LEGACY_METHODS,
    LEGACY_SHAPES,
    TABLE,
    LegacyRelease,
    legacy_release,
)
from ._scan import CLOSING_QUOTE, INT64_DIGITS, INT64_MAX, INT64_MIN, Fail, found, skip
from .errors import InvalidQuery

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from typing import Union

    from ._legacy_server import ServerReading

    LegacyValue = Union[str, int, float, bool, None]
    """A value the legacy syntax carries: a string, a number, a boolean or null (lists are flat)."""

__all__ = ["legacy_span", "read_common", "read_legacy"]


# --------------------------------------------------------------------------------------------------------
# Showing values and server readings in messages

_SHOWN_CHARS = 60
_SHOWN_ITEMS = 8


@cache
def _unsafe() -> re.Pattern[str]:
    """What a message shows escaped (compiled on first use: messages only)."""
    return re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def _escape_unsafe(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def _show(value: object) -> str:
    """One value as it appears in a message: JSON-like, on one line, long strings and lists cut."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        text = value if len(value) <= _SHOWN_CHARS else value[: _SHOWN_CHARS - 3]
        shown = _unsafe().sub(_escape_unsafe, json.dumps(text, ensure_ascii=False))
        return shown if text is value else shown[:-1] + '..."'
    if isinstance(value, float):
        if math.isinf(value):
            return "INF" if value > 0 else "-INF"
        return repr(value)
    if isinstance(value, list):
        items = [_show(item) for item in value[:_SHOWN_ITEMS]]
        if len(value) > _SHOWN_ITEMS:
            items.append("...")
        return "[" + ", ".join(items) + "]"
    return repr(value)


def _show_reading(reading: ServerReading, release: LegacyRelease) -> str:
    """A server reading in the legacy notation of its method's shape."""
    method, attribute, values = reading.method, reading.attribute, reading.values
    shape = LEGACY_SHAPES.get(method) if method in release.methods else None
    if shape is None:
        return f"an unknown method {method!r} with no attribute and no values"
    attr = _show(attribute)
    if shape == "order" or (method in ("isNull", "isNotNull") and not values):
        return f"{method}({attr})"
    if shape == "filter":
        return f"{method}({attr}, {_show(values)})"
    if shape == "between":
        return f"{method}({attr}, {', '.join(_show(v) for v in values)})"
    if shape == "select":
        return f"{method}({_show(values)})"
    return f"{method}({_show(values[0])})" if values else f"{method}()"


def _server_note(text: str, version: str) -> str:
    """``"; the server would read this as ..."`` (or its error) for a string the strict reader refuses."""
    from ._legacy_server import ServerError, server_read_legacy  # noqa: PLC0415 - on the error path only

    release = legacy_release(version)
    try:
        reading = server_read_legacy(text, version=version)
    except ServerError as error:
        if error.php_class == "TypeError":
            return f"; the server would fail with a PHP TypeError: {error.message}"
        return f"; the server would refuse it: {error.message}"
    note = f"; the server would read this as {_show_reading(reading, release)}"
    if reading.warnings:
        note += " with PHP warnings (" + ", ".join(w.split(": ", 1)[-1] for w in reading.warnings) + ")"
    return note


# --------------------------------------------------------------------------------------------------------
# The strict reader


def _cut(text: str) -> str:
    """A piece of the input for a message: its repr, cut when long."""
    return repr(text) if len(text) <= _SHOWN_CHARS else repr(text[: _SHOWN_CHARS - 3]) + "..."


_HEAD = re.compile(r"([A-Za-z]+)\( *")
_WORD = re.compile(r"[A-Za-z]*")
_SP = re.compile(r" *")
_PLAIN_STRING = re.compile(r'"([^"\\]*)"')  # plain unless it holds a lone surrogate
_DROPPED_ESCAPE = re.compile(r"(?<!\\)(?:\\\\)*\\(?=[,\[\]'])")  # an odd run before , [ ] or '
_BARE = re.compile(r"""[^\s,\[\]()"'\\]+""")  # a token that is not delimited by quotes
_NUMBER = re.compile(r"(-?)([0-9]+)(\.[0-9]+)?(e[+-][0-9]+)?")
_NUMBER_START = frozenset("+-.0123456789")
_CONSTANTS: dict[str, LegacyValue] = {"true": True, "false": False, "null": None}
_DROPPED_AFTER_BACKSLASH = frozenset(",[]'")

_VALUE = "a value (a string in double quotes, a number, true, false or null)"


def read_legacy(text: str, *, version: str = DEFAULT_VERSION) -> tuple[str, str, tuple[LegacyValue, ...]]:
    """Read a canonical legacy query string into ``(method, attribute, values)``.

    ``attribute`` is ``""`` for methods without one (``limit``, ``select``, ...). Raises InvalidQuery for
    anything the server of ``version`` would not read exactly as written; the message says what was
    expected and what the server would read instead (or how it would fail).
    """
    release = legacy_release(version)
    try:
        return _parse_query(text, release)
    except Fail as fail:
        message = fail.message + _server_note(text, version)
        raise InvalidQuery(message, text, fail.start, fail.end) from None


def _parse_query(src: str, release: LegacyRelease) -> tuple[str, str, tuple[LegacyValue, ...]]:
    """query = method "(" sp [ argument sp { "," sp argument sp } ] ")" END ;"""
    method, pos = _parse_method(src, release)
    args: list[LegacyValue | tuple[LegacyValue, ...]] = []
    spans: list[tuple[int, int]] = []  # of each argument and the spaces after it
    char = src[pos : pos + 1]
    while char != ")":
        start = pos
        value, pos = _parse_argument(src, pos)
        args.append(value)
        char = src[pos : pos + 1]
        if char == " ":
            pos = skip(_SP, src, pos)
            char = src[pos : pos + 1]
        spans.append((start, pos))
        if char == ",":
            pos += 1
            if src[pos : pos + 1] == " ":
                pos = skip(_SP, src, pos)
            char = ""  # an argument must follow
        elif char != ")":
            raise Fail(pos, pos + 1, "Expected ',' or ')' after an argument, " + found(src, pos))
    if pos + 1 != len(src):
        raise Fail(pos + 1, len(src), "Expected end of query after ')', " + found(src, pos + 1))
    return _take_shape(src, method, args, spans, close=pos, release=release)


def _parse_method(src: str, release: LegacyRelease) -> tuple[str, int]:
    """method = ALPHA { ALPHA } ;  (* then "(" sp; the method must be known to the target version *)"""
    head = _HEAD.match(src)
    if head is not None and head[1] in release.methods:
        return head[1], head.end()
    end = skip(_WORD, src, 0)
    word = src[:end]
    if not word:
        raise Fail(0, 1, "Expected a query method, " + found(src, 0))
    if head is None:
        raise Fail(end, end + 1, f"Expected '(' after {_cut(word)}, " + found(src, end))
    raise Fail(0, end, _unknown_method(word, release))


def _unknown_method(word: str, release: LegacyRelease) -> str:
    message = f"Expected a query method of Appwrite {release.appwrite}, found {_cut(word)}"
    known = {m.lower(): m for m in release.methods}
    if word in LEGACY_FORMS:
        return message + f" ({word} arrived in Appwrite {TABLE[word].dialects['legacy'].since})"
    if word.lower() in known:
        return message + f" (methods are case-sensitive: {known[word.lower()]!r})"
    return message


def _parse_argument(src: str, pos: int) -> tuple[LegacyValue | tuple[LegacyValue, ...], int]:
    """argument = scalar | array ;"""
    char = src[pos : pos + 1]
    if char == '"':
        return _parse_string(src, pos)
    if char == "[":
        return _parse_array(src, pos)
    return _parse_scalar(src, pos, "")


def _parse_array(src: str, pos: int) -> tuple[tuple[LegacyValue, ...], int]:
    """array = "[" sp [ scalar sp { "," sp scalar sp } ] "]" ;"""
    pos += 1
    char = src[pos : pos + 1]
    if char == " ":
        pos = skip(_SP, src, pos)
        char = src[pos : pos + 1]
    if char == "]":
        return (), pos + 1
    items: list[LegacyValue] = []
    item: LegacyValue
    while True:
        if char == '"':
            item, pos = _parse_string(src, pos)
        else:
            item, pos = _parse_scalar(src, pos, " in an array (arrays cannot be nested)")
        items.append(item)
        char = src[pos : pos + 1]
        if char == " ":
            pos = skip(_SP, src, pos)
            char = src[pos : pos + 1]
        if char == ",":
            pos += 1
            char = src[pos : pos + 1]
            if char == " ":
                pos = skip(_SP, src, pos)
                char = src[pos : pos + 1]
        elif char == "]":
            return tuple(items), pos + 1
        else:
            raise Fail(pos, pos + 1, "Expected ',' or ']' after an array item, " + found(src, pos))


def _parse_scalar(src: str, pos: int, context: str) -> tuple[LegacyValue, int]:
    """scalar = string | number | boolean | null ;"""
    char = src[pos : pos + 1]
    if char == '"':
        return _parse_string(src, pos)
    token = _BARE.match(src, pos)
    if token is None:
        if char == "[" and context:
            raise Fail(pos, pos + 1, f"Expected {_VALUE}{context}, found '['")
        hint = " (strings take double quotes)" if char == "'" else ""
        raise Fail(pos, pos + 1, f"Expected {_VALUE}, " + found(src, pos) + hint)
    if char in _NUMBER_START:
        return _parse_number(src, pos, token.end())
    return _parse_constant(src, pos, token.end())


def _parse_constant(src: str, pos: int, end: int) -> tuple[LegacyValue, int]:
    """boolean = "true" | "false" ;  null = "null" ;"""
    word = src[pos:end]
    if word in _CONSTANTS:
        return _CONSTANTS[word], end
    raise Fail(pos, end, f"Expected {_VALUE}, found {_cut(word)}")


def _parse_string(src: str, pos: int) -> tuple[str, int]:
    """string = '"' { str-char | '\\"' | backslash-run } '"' ;"""
    plain = _PLAIN_STRING.match(src, pos)
    if plain is not None and (plain[1].isascii() or _scan.SURROGATE.search(plain[1]) is None):
        return plain[1], plain.end()
    closing = CLOSING_QUOTE.search(src, pos + 1)
    stop = len(src) if closing is None else closing.end() - 1
    body = src[pos + 1 : stop]
    escape = _DROPPED_ESCAPE.search(body)
    surrogate = _scan.SURROGATE.search(body)
    if escape is not None and (surrogate is None or escape.end() < surrogate.start()):
        at = pos + escape.end()  # the last backslash of the run
        after = src[at + 1]
        raise Fail(
            at,
            at + 2,
            f"Expected no backslash before {after!r} in a string (the server drops one backslash of an odd "
            f"run before , [ ] and '), found {_cut(escape.group() + after)}",
        )
    if surrogate is not None:
        at = pos + 1 + surrogate.start()
        raise Fail(
            at, at + 1, f"Expected a Unicode character, found the lone surrogate {surrogate.group()!r}"
        )
    if closing is None:
        raise Fail(stop, stop, "Expected '\"' to close the string, found end of input")
    return body.replace('\\"', '"'), stop + 1  # each '"' of the body follows the backslash escaping it


def _parse_number(src: str, pos: int, end: int) -> tuple[int | float, int]:
    """number = [ "-" ] digits [ "." digits ] [ "e" ( "+" | "-" ) digits ] ;"""
    text = src[pos:end]
    if text.isascii() and text.isdigit() and len(text) < INT64_DIGITS:
        return int(text), end
    number = _NUMBER.fullmatch(text)
    if number is None:
        raise Fail(pos, end, f"Expected a number ([-]digits[.digits][e+digits|e-digits]), found {_cut(text)}")
    if number[3] is None and number[4] is None:
        significant = number[2].lstrip("0")  # leading zeros could exceed int()'s digit limit
        if len(significant) <= INT64_DIGITS:
            value = int(number[1] + (significant or "0"))
            if INT64_MIN <= value <= INT64_MAX:
                return value, end
        raise Fail(pos, end, f"Expected an integer within the signed 64-bit range, found {_cut(text)}")
    real = float(text)
    if math.isinf(real):
        raise Fail(pos, end, f"Expected a finite number, found {_cut(text)}")
    if real == 0.0 and number[1]:
        raise Fail(pos, end, f"Expected a number other than -0.0 (the server reads 0.0), found {_cut(text)}")
    return real, end


def _take_shape(
    src: str,
    method: str,
    args: list[LegacyValue | tuple[LegacyValue, ...]],
    spans: list[tuple[int, int]],
    *,
    close: int,
    release: LegacyRelease,
) -> tuple[str, str, tuple[LegacyValue, ...]]:
    """Map the arguments to ``(method, attribute, values)`` by the method's legacy form."""
    form = LEGACY_FORMS[method]
    count = len(args)
    first = args[0] if count else None
    if form == "filter":
        if count == 2 and isinstance(first, str):
            values = args[1]
            if not isinstance(values, tuple):
                return method, first, (values,)
            if release.drops_bare_zero:
                _check_zero(src, spans[1], values, release)
            return method, first, values
    elif form == "page":
        if count == 1 and not isinstance(first, tuple):
            return method, "", (first,)
    elif form == "attribute":
        if count == 1 and isinstance(first, str):
            return method, first, ()
    elif form == "select":
        if count == 1 and isinstance(first, tuple):
            if release.drops_bare_zero:
                _check_zero(src, spans[0], first, release)
            return method, "", first
    elif count == 3 and isinstance(first, str):
        low, high = args[1], args[2]
        if not isinstance(low, tuple) and not isinstance(high, tuple):
            return method, first, (low, high)
    raise _shape_failure(src, method, args, spans, close)


# The arguments of each form: (kind, what is expected, its name in "Expected ')' after <name>").
_EXPECTED: dict[str, tuple[tuple[str, str, str], ...]] = {
    "filter": (
        ("string", "the attribute of {} as a string", "the attribute of {}"),
        ("any", "the values of {}", "the values of {}"),
    ),
    "attribute": (("string", "the attribute of {} as a string", "the attribute of {}"),),
    "between": (
        ("string", "the attribute of {} as a string", "the attribute of {}"),
        ("scalar", "a single value as the lower bound of {}", "the lower bound of {}"),
        ("scalar", "a single value as the upper bound of {}", "the upper bound of {}"),
    ),
    "select": (("array", "the attributes of {} as an array", "the attributes of {}"),),
    "page": (("scalar", "a single value for {}", "the value of {}"),),
}


def _shape_failure(
    src: str,
    method: str,
    args: list[LegacyValue | tuple[LegacyValue, ...]],
    spans: list[tuple[int, int]],
    close: int,
) -> Fail:
    """The first argument that is missing, of the wrong kind, or one too many, for the method's form."""
    expected = _EXPECTED[LEGACY_FORMS[method]]
    for index, (kind, what, name) in enumerate(expected):
        if index >= len(args):
            missing = what if index == 0 else "',' and " + name
            return Fail(close, close + 1, f"Expected {missing.format(method)}, found ')'")
        arg = args[index]
        if kind == "string":
            fits = type(arg) is str
        else:
            fits = kind == "any" or (type(arg) is tuple) == (kind == "array")
        if not fits:
            start, end = spans[index]
            text = src[start:end].rstrip(" ")
            return Fail(start, start + len(text), f"Expected {what.format(method)}, found {_cut(text)}")
    limit = len(expected)
    comma = src.rindex(",", spans[limit - 1][1], spans[limit][0])
    return Fail(comma, comma + 1, f"Expected ')' after {expected[-1][2].format(method)}, found ','")


def _check_zero(
    src: str, span: tuple[int, int], values: tuple[LegacyValue, ...], release: LegacyRelease
) -> None:
    """Appwrite 1.0.0-1.0.1 drop a bare ``0`` before ``]``; ``-0`` reads as the same integer there."""
    if not values or values[-1] != 0 or type(values[-1]) is not int:
        return
    start, end = span
    token = src[start : end - 1].rstrip(" ")
    if token.endswith("0") and token[-2:-1] in ("[", ",", " "):
        zero = start + len(token) - 1
        raise Fail(
            zero,
            zero + 1,
            f"Expected -0 for a final 0 in an array (Appwrite {release.appwrite} drops a bare 0 before ']'), "
            "found '0'",
        )


# --------------------------------------------------------------------------------------------------------
# The fast path: the common shapes in one pattern

# A method, then an attribute and an array or one or two values, or an array, or one value; strings without
# backslashes or lone surrogates, integers of at most 18 digits, true, false, null; spaces where the grammar
# allows them. The shape is checked against the method's form below; any other text goes to the rules.
# Texts longer than _LONGEST go to the rules too, which keeps the matcher's backtracking state small.
_PLAIN = r'"[^"\\]*"'  # as _PLAIN_STRING (lone surrogates: declined below)
_ITEM = rf"{_PLAIN}|-?[0-9]{{1,18}}|true|false|null"
_COMMON = re.compile(  # optional parts written (?:x|), not (?:x)?: the matcher saves fewer groups for them
    rf'([A-Za-z]+)\( *(?:(?:"([^"\\]*)" *, *|)'  # method, attribute
    rf"(?:\[ *(?:((?:{_PLAIN} *, *)*{_PLAIN}) *\]|((?:(?:{_ITEM}) *, *)*(?:{_ITEM})) *\]|(\])) *"  # array
    rf"|({_ITEM}) *(?:, *({_ITEM}) *|))|)\)"  # or one or two values
)
_TOKENS = re.compile(r'"[^"]*"|[^ ,]+')
_LONGEST = 4096
_DEFAULT_FORMS = {method: LEGACY_FORMS[method] for method in LEGACY_METHODS[DEFAULT_VERSION]}  # read_legacy's


def _scalar(token: str) -> LegacyValue:
    """A value of the pattern: a string, an integer or a constant."""
    if token[0] == '"':
        return token[1:-1]
    return _CONSTANTS[token] if token in _CONSTANTS else int(token)


def read_common(text: str) -> tuple[str, str, tuple[LegacyValue, ...]] | None:
    """:func:`read_legacy` of a text in one of the common shapes (see above), with the same result; None
    for any other text, which only the rules read (or explain)."""
    match = _COMMON.fullmatch(text) if len(text) <= _LONGEST else None
    if match is None or (not text.isascii() and _scan.SURROGATE.search(text) is not None):
        return None
    method, attribute, strings, items, empty, value, high = match.groups()
    form = _DEFAULT_FORMS.get(method)
    if strings is not None:
        values: tuple[LegacyValue, ...] | None = tuple(strings.split('"')[1::2])  # '"' only delimits
    elif items is not None:
        values = tuple([_scalar(token) for token in _TOKENS.findall(items)])
    else:
        values = None if empty is None else ()
    if form == "filter":
        if attribute is not None and high is None:
            return method, attribute, (_scalar(value),) if values is None else values
    elif form == "select":
        if attribute is None and values is not None:
            return method, "", values
    elif form == "between":
        if high is not None and attribute is not None:
            return method, attribute, (_scalar(value), _scalar(high))
    elif attribute is None and values is None and value is not None and high is None:
        if form == "page":
            return method, "", (_scalar(value),)
        if form == "attribute" and value[0] == '"':
            return method, value[1:-1], ()
    return None


# --------------------------------------------------------------------------------------------------------
# Spans


def legacy_span(text: str, path: tuple[str | int, ...]) -> tuple[int, int]:
    """The span of ``path`` (``("method",)``, ``("attribute",)``, ``("values", i)``, ...) in a query that
    :func:`read_legacy` accepts, found by its rules: the method, the argument, or the array item it names."""
    head = _HEAD.match(text)
    args: list[tuple[int, int, list[tuple[int, int]]]] = []  # each argument's span, with its items' spans
    try:
        pos = head.end() if head is not None else len(text)
        while text[pos] != ")":
            start, items = pos, []
            if text[pos] == "[":
                pos = skip(_SP, text, pos + 1)
                while text[pos] != "]":
                    end = _parse_scalar(text, pos, "")[1]
                    items.append((pos, end))
                    pos = _next_item(text, end)
                pos += 1
            else:
                pos = _parse_scalar(text, pos, "")[1]
            args.append((start, pos, items))
            pos = _next_item(text, pos)
    except (Fail, IndexError):  # pragma: no cover - the texts given were read by the strict reader
        return 0, len(text)
    method = (0, head.end(1)) if head is not None else (0, len(text))
    step = path[0] if path else ""
    if step == "method" or not args:
        return method
    has_attribute = LEGACY_SHAPES.get(text[: method[1]], "") in ("filter", "between", "order")
    if step == "attribute":
        return args[0][:2] if has_attribute else method
    rest = args[1:] if has_attribute else args
    if not rest:
        return args[-1][:2]
    if len(path) == 1:
        return rest[0][0], rest[-1][1]
    index = path[1]
    assert isinstance(index, int)
    if rest[0][2] and index < len(rest[0][2]):
        return rest[0][2][index]
    return rest[min(index, len(rest) - 1)][:2]


def _next_item(text: str, pos: int) -> int:
    """Past the spaces, the comma and the spaces after an argument or an array item."""
    pos = skip(_SP, text, pos)
    return skip(_SP, text, pos + 1) if text[pos : pos + 1] == "," else pos
