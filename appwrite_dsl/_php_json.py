"""PHP's ``json_decode($text, true, 512, JSON_THROW_ON_ERROR)`` as Appwrite's servers run it.

The fast path is the standard library's C scanner; PHP's decoder differs from Python's in a few places
(``NaN``, lone surrogate escapes, integers beyond 64 bits, the 512-level limit, which error is reported
first), so whenever the fast path fails or meets one of those, :func:`first_problem` re-reads the text the way
PHP's re2c scanner and bison parser do, left to right, and names the first problem with its position.
:func:`locate` finds the span of a decoded value in the text by its path.

>>> decode('{"a":[1,2.5]}')
{'a': [1, 2.5]}
>>> first_problem('[1,]')
('Syntax error', 3, 4)
>>> locate('{"a":[1,2.5]}', ("a", 1))
(8, 11)
"""

from __future__ import annotations

import json
import re
from functools import cache

from . import _scan
from ._scan import INT64_MAX, INT64_MIN, Fail, skip
from .errors import InvalidQuery

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from typing import Any, Callable, NoReturn

__all__ = [
    "CONTROL",
    "DEPTH",
    "MAX_CONTAINERS",
    "MISMATCH",
    "PYTHON_DEPTH",
    "SYNTAX",
    "UTF8",
    "UTF16",
    "decode",
    "first_problem",
    "locate",
]

MAX_CONTAINERS = 511
"""PHP's ``json_decode`` depth 512 allows 511 nested arrays and objects."""

# PHP's json_last_error_msg() texts.
SYNTAX = "Syntax error"
CONTROL = "Control character error, possibly incorrectly encoded"
UTF8 = "Malformed UTF-8 characters, possibly incorrectly encoded"
UTF16 = "Single unpaired UTF-16 surrogate in unicode escape"
DEPTH = "Maximum stack depth exceeded"
MISMATCH = "State mismatch (invalid or malformed JSON)"

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SHORT_ESCAPES = frozenset('"\\/bfnrt')
_PUNCTUATION = frozenset("{}[]:,")


# Reading: PHP's decoder


class _NotJSON(Exception):
    """Python's decoder met a token PHP's does not accept (NaN, Infinity)."""


def _no_constant(name: str) -> NoReturn:
    raise _NotJSON(name)


def _php_int(digits: str) -> int | float:
    """PHP keeps an integer token within int64 and reads any other one as a double."""
    if len(digits) < 19:
        return int(digits)
    if len(digits) > 20:
        return float(digits)
    value = int(digits)
    return value if INT64_MIN <= value <= INT64_MAX else float(digits)


def _scanner(**hooks: Any) -> Callable[[str, int], tuple[Any, int]]:
    """The C scanner a ``json.JSONDecoder`` with these hooks builds: ``(text, index) -> (value, end)``."""
    scan: Callable[[str, int], tuple[Any, int]] = vars(json.JSONDecoder(**hooks))["scan_once"]
    return scan


_scan_python = _scanner(parse_constant=_no_constant)
_scan_php = _scanner(parse_int=_php_int, parse_constant=_no_constant)


def _skip(text: str, position: int) -> int:
    return skip(_WHITESPACE, text, position)


def decode(text: str) -> Any:
    """``json_decode($text, true)`` of PHP: the decoded value, or InvalidQuery with PHP's message.

    Integers beyond int64 are not converted here (the shape checks do it); integer tokens of more than 4300
    digits, which Python refuses, are read as PHP reads them.
    """
    try:
        start = 0 if text.startswith("{") else _skip(text, 0)
        value, end = _scan_python(text, start)
    except (ValueError, StopIteration, RecursionError, _NotJSON):
        return _decode_slowly(text)
    if end != len(text) and _skip(text, end) != len(text):
        return _decode_slowly(text)
    if (
        ("\\u" in text and _SURROGATE_ESCAPE.search(text) is not None)
        or (not text.isascii() and _scan.SURROGATE.search(text) is not None)
        or text.count("[") + text.count("{") > MAX_CONTAINERS
    ):
        _raise_first_problem(text)
    return value


def _raise_first_problem(text: str) -> None:
    problem = first_problem(text)
    if problem is not None:
        message, start, end = problem
        raise InvalidQuery("Invalid query: " + message, text, start, end, stage="decode", status=400)


def _decode_slowly(text: str) -> Any:
    _raise_first_problem(text)
    # PHP reads it: Python failed on an integer of more than 4300 digits or on its recursion limit.
    try:
        return _scan_php(text, _skip(text, 0))[0]
    except RecursionError:
        raise InvalidQuery(PYTHON_DEPTH, text, 0, len(text)) from None
    except (ValueError, StopIteration) as error:  # pragma: no cover - first_problem reports every such text
        position = getattr(error, "pos", 0)
        raise InvalidQuery("Invalid query: " + SYNTAX, text, position, stage="decode", status=400) from None


PYTHON_DEPTH = "Expected a less deeply nested query: Python's recursion limit was reached while reading it"


_VALUE, _STRING, _END = "value", "string", "end"


def _token(text: str, position: int) -> tuple[str, int, int]:
    """Read the next token of PHP's JSON scanner after whitespace: ``(kind, start, end)``.

    token = "{" | "}" | "[" | "]" | ":" | "," | string | number | "true" | "false" | "null" | end ;
    number = [ "-" ] ( "0" | digit1-9 { digit } ) [ "." digit { digit } ]
             [ ( "e" | "E" ) [ "+" | "-" ] digit { digit } ] ;
    whitespace = { " " | "\\t" | "\\n" | "\\r" } ;

    A control character outside a string is a control-character error, a lone surrogate (an invalid UTF-8
    byte on the wire) a UTF-8 error, any other character a syntax error.
    """
    start = _skip(text, position)
    if start == len(text):
        return _END, start, start
    char = text[start]
    if char in _PUNCTUATION:
        return char, start, start + 1
    if char == '"':
        return _STRING, start, _string_end(text, start)
    if char == "-" or "0" <= char <= "9":
        number = _scan.JSON_NUMBER.match(text, start)  # compiled on first use: errors only
        if number is not None:
            return _VALUE, start, number.end()
    for word in ("true", "false", "null"):
        if text.startswith(word, start):
            return _VALUE, start, start + len(word)
    if char < " ":
        raise Fail(start, start + 1, CONTROL)
    if "\ud800" <= char <= "\udfff":
        raise Fail(start, start + 1, UTF8)
    raise Fail(start, start + 1, SYNTAX)


@cache
def _string_run() -> re.Pattern[str]:
    """The characters of a string PHP's scanner takes as they are (compiled on first use: errors only)."""
    return re.compile(r'[^"\\\x00-\x1f\ud800-\udfff]*')


def _string_end(text: str, start: int) -> int:
    """The end of the string token at ``start``.

    string = '"' { character | escape } '"' ;
    character = ? any code point from U+0020 except '"', "\\" and lone surrogates ? ;

    PHP reads its input's terminating NUL as a control character, so an unterminated string is a
    control-character error at the end of the text.
    """
    position = start + 1
    run = _string_run()
    while True:
        match = run.match(text, position)
        assert match is not None  # the pattern matches the empty string
        position = match.end()
        if position == len(text):
            raise Fail(position, position, CONTROL)
        char = text[position]
        if char == '"':
            return position + 1
        if char == "\\":
            position = _escape_end(text, position)
        elif char < " ":
            raise Fail(position, position + 1, CONTROL)
        else:
            raise Fail(position, position + 1, UTF8)


def _escape_end(text: str, start: int) -> int:
    """The end of the escape at ``start`` (a backslash).

    escape = "\\" ( '"' | "\\" | "/" | "b" | "f" | "n" | "r" | "t" | unicode ) ;
    unicode = "u" hex4 ;  (* not D800-DFFF, unless a high surrogate is followed by "\\u" and a low one *)
    """
    after = text[start + 1 : start + 2]
    if after and after in _SHORT_ESCAPES:
        return start + 2
    if after == "u" and _HEX4.match(text, start + 2):
        code = int(text[start + 2 : start + 6], 16)
        if 0xD800 <= code <= 0xDBFF:
            low = text[start + 8 : start + 12] if text.startswith("\\u", start + 6) else ""
            if _HEX4.fullmatch(low) and 0xDC00 <= int(low, 16) <= 0xDFFF:
                return start + 12
            raise Fail(start, start + 6, UTF16)
        if 0xDC00 <= code <= 0xDFFF:
            raise Fail(start, start + 6, UTF16)
        return start + 6
    raise Fail(start, min(start + 2, len(text)), SYNTAX)


# What the parser expects next.
_ANY_VALUE, _FIRST_ELEMENT, _FIRST_KEY, _KEY, _COLON, _AFTER_VALUE = range(6)


def first_problem(text: str) -> tuple[str, int, int] | None:
    """The first error PHP's ``json_decode`` meets in ``text``: ``(message, start, end)``, or None.

    document = value end ;
    value = object | array | string | number | "true" | "false" | "null" ;
    object = "{" [ string ":" value { "," string ":" value } ] "}" ;
    array = "[" [ value { "," value } ] "]" ;

    PHP's bison parser pulls one token at a time, so a token the scanner refuses wins over a grammar error
    further on, and a grammar error over a bad token after it. An object closed by ``]`` or an array closed
    by ``}`` is a state mismatch; the 512th nested array or object exceeds the depth. Iterative: any depth
    of input is read without recursion.
    """
    stack: list[str] = []
    expect = _ANY_VALUE
    position = 0
    try:
        while True:
            kind, start, position = _token(text, position)
            if expect == _COLON and kind == ":":
                expect = _ANY_VALUE
            elif expect in (_FIRST_KEY, _KEY) and kind == _STRING:
                expect = _COLON
            elif expect in (_ANY_VALUE, _FIRST_ELEMENT) and kind in (_VALUE, _STRING):
                expect = _AFTER_VALUE
            elif expect in (_ANY_VALUE, _FIRST_ELEMENT) and kind in ("{", "["):
                if len(stack) >= MAX_CONTAINERS:
                    return (DEPTH, start, position)
                stack.append(kind)
                expect = _FIRST_KEY if kind == "{" else _FIRST_ELEMENT
            elif expect == _AFTER_VALUE and kind == "," and stack:
                expect = _KEY if stack[-1] == "{" else _ANY_VALUE
            elif expect == _AFTER_VALUE and kind == _END and not stack:
                return None
            elif kind in ("}", "]") and (
                expect in (_FIRST_KEY, _FIRST_ELEMENT) or (expect == _AFTER_VALUE and stack)
            ):
                # the grammar allows the open container to end here; PHP checks the bracket's kind afterwards
                if (stack.pop() == "{") != (kind == "}"):
                    return (MISMATCH, start, position)
                expect = _AFTER_VALUE
            else:
                return (SYNTAX, start, position)
    except Fail as error:
        return (error.message, error.start, error.end)


# Reading: positions of values


def locate(text: str, path: tuple[str | int, ...]) -> tuple[int, int]:
    """The span of the value reached by ``path`` (object keys, array indexes) in valid JSON ``text``.

    For a repeated key the last member counts, as in PHP; where a key is missing, the span of the object.
    """
    position = _skip(text, 0)
    for step in path:
        found = _member(text, position, step) if isinstance(step, str) else _element(text, position, step)
        if found is None:
            break
        position = found
    return position, _scan_php(text, position)[1]


def _member(text: str, position: int, name: str) -> int | None:
    found = None
    position = _skip(text, position + 1)
    while text[position] == '"':
        key, position = _scan_php(text, position)
        position = _skip(text, _skip(text, position) + 1)
        if key == name:
            found = position
        position = _skip(text, _scan_php(text, position)[1])
        if text[position] == ",":
            position = _skip(text, position + 1)
    return found


def _element(text: str, position: int, index: int) -> int:
    position = _skip(text, position + 1)
    for _ in range(index):
        position = _skip(text, _scan_php(text, position)[1])
        position = _skip(text, position + 1)
    return position
