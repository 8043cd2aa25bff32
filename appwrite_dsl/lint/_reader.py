"""A JSON reader that keeps positions, for linting Appwrite CLI project files.

The standard ``json`` module returns values without positions and silently merges duplicate keys. This
reader returns a tree of nodes (:mod:`._nodes`) that know where they are (``start``/``end`` offsets into the
text, and the offset of the key they were read under), records duplicate keys and the keys the Appwrite CLI
refuses (``__proto__``, ``constructor``, as json-bigint does), and raises :class:`JSONSyntaxError` with the
line and column of the first syntax error (:mod:`._positions`).

Grammar (RFC 8259); one ``_parse_<rule>`` function per rule, its docstring the rule::

    document = [ BOM ] ws value ws ;
    value    = object | array | string | number | literal ;
    literal  = "true" | "false" | "null" ;
    object   = "{" ws [ member { ws "," ws member } ws ] "}" ;
    member   = string ws ":" ws value ;
    array    = "[" ws [ value { ws "," ws value } ws ] "]" ;
    string   = '"' { char | escape } '"' ;        (* char: any but '"', '\\' and U+0000..U+001F *)
    escape   = "\\" ( '"' | "\\" | "/" | "b" | "f" | "n" | "r" | "t" | "u" 4 * HEXDIG ) ;
    number   = [ "-" ] ( "0" | DIGIT1-9 { DIGIT } ) [ "." DIGIT { DIGIT } ]
               [ ( "e" | "E" ) [ "+" | "-" ] DIGIT { DIGIT } ] ;
    ws       = { " " | "\\t" | "\\n" | "\\r" } ;

Values nest without recursion: containers live on an explicit stack, so depth costs no Python stack and a
document nested deeper than ``MAX_DEPTH`` ends in a clean :class:`JSONSyntaxError`. The object and array
rules are therefore split where a value begins: ``_parse_object`` / ``_parse_array`` read up to the first
value, ``_parse_object_next`` / ``_parse_array_next`` read from the end of a value to the next one or to the
closing bracket, and the document loop reads the values in between.

Speed: members whose key is in ``opaque`` (values the caller needs without positions, such as collection
``attributes``) are read by the standard library's C scanner as plain Python values (:class:`Opaque`,
:mod:`._skim`). The scanner is only a shortcut: anything it does not accept as is (a syntax error, a
duplicate or refused key, ``NaN``, a huge integer, deep nesting) is read again by the rules here, which then
report it exactly.
Likewise the document loop reads a separator with the next key and a string value in one pre-compiled
pattern, and falls back to the rules for anything else. The reader runs in time linear in the text.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from .._scan import JSON_NUMBER, found
from ..errors import ParseError
from ._nodes import Array, Issue, Literal, Node, Number, Object, Opaque, String, walk
from ._positions import Lines
from ._skim import skim

if TYPE_CHECKING:
    from ._nodes import Container

__all__ = [
    "MAX_DEPTH",
    "Array",
    "Document",
    "Issue",
    "JSONSyntaxError",
    "Lines",
    "Literal",
    "Node",
    "Number",
    "Object",
    "Opaque",
    "String",
    "read",
    "refused_key",
    "walk",
]

MAX_DEPTH = 1000
"""Deepest nesting of arrays and objects read, far beyond any project file: deeper documents are refused
cleanly (the Appwrite CLI's recursive reader overflows on very deep ones, Python's ``json`` near 1000)."""

BOM = "\ufeff"

_WS = re.compile(r"[ \t\n\r]*")
# A key without escapes with its colon; the separator after a member or element (the rules' fast paths).
_SIMPLE_KEY = re.compile(r'[ \t\n\r]*"([^"\\\x00-\x1f]*)"[ \t\n\r]*:[ \t\n\r]*')
_AFTER_MEMBER = re.compile(r'[ \t\n\r]*(?:(\})|,[ \t\n\r]*(?:"([^"\\\x00-\x1f]*)"[ \t\n\r]*:[ \t\n\r]*)?)')
_AFTER_ELEMENT = re.compile(r"[ \t\n\r]*(?:(\])|,[ \t\n\r]*)")
# The document loop's shortcuts: after a value, the closing bracket, or the separator and (in an object)
# the next key, and the next value too when it is a string followed by a separator.
_BODY = r'([^"\\\x00-\x1f]*(?:\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})[^"\\\x00-\x1f]*)*)'  # Friedl's unrolled loop
_NEXT_MEMBER = re.compile(
    r'[ \t\n\r]*(?:(\})|,[ \t\n\r]*"([^"\\\x00-\x1f]*)"[ \t\n\r]*:[ \t\n\r]*'
    rf'(?:"{_BODY}"(?=[ \t\n\r]*[,}}]))?)'
)
_NEXT_ELEMENT = re.compile(rf'[ \t\n\r]*(?:(\])|,[ \t\n\r]*(?:"{_BODY}"(?=[ \t\n\r]*[,\]]))?)')
# The full string rule, and its pieces for error reporting.
_STRING = re.compile(f'"{_BODY}"')
_STRING_PREFIX = re.compile(r'"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*')
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))")
_SURROGATE_PAIR = re.compile("[\ud800-\udbff][\udc00-\udfff]")
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}
_CONTROL_ESCAPES = {"\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LITERALS = {"t": ("true", True), "f": ("false", False), "n": ("null", None)}
_NUMBER_START = frozenset("-0123456789")
_EOF = "end of file"

# json-bigint's suspectProtoRx / suspectConstructorRx, applied to the decoded key: each character may also
# be spelt as the six characters of a \u00XX escape (which only a key with an escaped backslash contains).
_PROTO = re.compile(
    r"(?:_|\\u005[Ff])(?:_|\\u005[Ff])(?:p|\\u0070)(?:r|\\u0072)(?:o|\\u006[Ff])(?:t|\\u0074)"
    r"(?:o|\\u006[Ff])(?:_|\\u005[Ff])(?:_|\\u005[Ff])"
)
_CONSTRUCTOR = re.compile(
    r"(?:c|\\u0063)(?:o|\\u006[Ff])(?:n|\\u006[Ee])(?:s|\\u0073)(?:t|\\u0074)(?:r|\\u0072)"
    r"(?:u|\\u0075)(?:c|\\u0063)(?:t|\\u0074)(?:o|\\u006[Ff])(?:r|\\u0072)"
)


def refused_key(key: str) -> str | None:
    """``"__proto__"`` or ``"constructor"`` when the Appwrite CLI's reader (json-bigint) refuses ``key``."""
    if "__proto__" not in key and "constructor" not in key and "\\u00" not in key:
        return None
    if _PROTO.search(key):
        return "__proto__"
    if _CONSTRUCTOR.search(key):
        return "constructor"
    return None


class JSONSyntaxError(ParseError):
    """The text is not JSON. ``line`` and ``column`` (1-based) locate ``position``."""

    def __init__(self, message: str, source: str, position: int, end: int | None = None) -> None:
        super().__init__(message, source, position, end)
        self.line, self.column = Lines(source).position(self.position)

    def __reduce__(self) -> tuple[type[JSONSyntaxError], tuple[str, str, int, int]]:
        return (type(self), (self.message, self.source, self.position, self.end))

    def __repr__(self) -> str:
        return f"JSONSyntaxError({self.message!r}, line={self.line}, column={self.column})"


class Document:
    """A read document: ``root`` node, ``issues`` in text order, and position helpers."""

    __slots__ = ("_lines", "issues", "root", "text")

    def __init__(self, text: str, root: Node, issues: list[Issue]) -> None:
        self.text = text
        self.root = root
        self.issues = issues
        self._lines = Lines(text)

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``."""
        return self._lines.position(offset)

    def line(self, number: int) -> str:
        """The text of 1-based line ``number``."""
        return self._lines.line(number)

    def excerpt(self, offset: int, around: int = 150) -> tuple[str, int, bool]:
        """See :meth:`Lines.excerpt`."""
        return self._lines.excerpt(offset, around)

    def expand(self, node: Node) -> Node:
        """``node`` read with positions all the way down (an :class:`Opaque` node is read again)."""
        if not isinstance(node, Opaque):
            return node
        root, _ = _read_value(self.text, node.start, node.key_start, frozenset(), MAX_DEPTH)
        return root


def _error(message: str, src: str, start: int, end: int | None = None) -> JSONSyntaxError:
    return JSONSyntaxError(message, src, start, start + 1 if end is None else end)


# The rules.


def _parse_ws(src: str, pos: int) -> int:
    """ws = { " " | "\\t" | "\\n" | "\\r" } ;"""
    match = _WS.match(src, pos)
    return pos if match is None else match.end()


def _parse_string(src: str, pos: int, key_start: int) -> String:
    """string = '"' { char | escape } '"' ;"""
    match = _STRING.match(src, pos)
    if match is not None:
        return String(_decode(match.group(1)), pos, match.end(), key_start)
    prefix = _STRING_PREFIX.match(src, pos)
    bad = pos + 1 if prefix is None else prefix.end()
    if bad >= len(src):
        raise _error("Expected '\"' to close the string, found end of file", src, pos, bad)
    char = src[bad]
    if char == "\\":
        escape = src[bad : bad + 2] if src[bad + 1 : bad + 2] != "u" else src[bad : bad + 6]
        raise _error(
            f'Expected an escape (\\", \\\\, \\/, \\b, \\f, \\n, \\r, \\t or \\u and 4 hex digits) '
            f"in the string, found {escape!r}",
            src,
            bad,
            bad + len(escape),
        )
    name = _CONTROL_ESCAPES.get(char, f"\\u{ord(char):04x}")
    raise _error(
        f"Expected {name} instead of the raw control character U+{ord(char):04X} in the string",
        src,
        bad,
    )


def _decode(raw: str) -> str:
    """The value of a string's body ``raw`` (which the string rule has matched)."""
    if "\\" not in raw:
        return raw
    if raw.count("\\") == raw.count('\\"'):  # only \" escapes, as in every permission string
        return raw.replace('\\"', '"')
    return _parse_escapes(raw)


def _parse_escapes(raw: str) -> str:
    """escape = "\\" ( '"' | "\\" | "/" | "b" | "f" | "n" | "r" | "t" | "u" 4 * HEXDIG ) ;"""
    text = _ESCAPE.sub(_unescape, raw)
    if "\\u" in raw:
        text = _SURROGATE_PAIR.sub(_join_surrogates, text)
    return text


def _unescape(match: re.Match[str]) -> str:
    hex_digits = match.group(1)
    if hex_digits is not None:
        return chr(int(hex_digits, 16))
    return _SIMPLE_ESCAPES[match.group(2)]


def _join_surrogates(match: re.Match[str]) -> str:
    pair = match.group()
    high, low = pair[0], pair[1]
    return chr(0x10000 + ((ord(high) - 0xD800) << 10) + (ord(low) - 0xDC00))


def _parse_number(src: str, pos: int, key_start: int) -> Number:
    """number = [ "-" ] ( "0" | DIGIT1-9 { DIGIT } ) [ "." DIGIT { DIGIT } ]
    [ ( "e" | "E" ) [ "+" | "-" ] DIGIT { DIGIT } ] ;"""
    match = JSON_NUMBER.match(src, pos)
    if match is None:
        raise _error(f"Expected a digit after '-', {found(src, pos + 1, end=_EOF)}", src, pos + 1)
    text, end = match.group(), match.end()
    following = src[end : end + 1]
    if following and following in "0123456789":
        raise _error("Expected no leading zero in a number", src, end - 1, end + 1)
    if following == "." and "." not in text and "e" not in text and "E" not in text:
        raise _error(f"Expected a digit after '.', {found(src, end + 1, end=_EOF)}", src, end + 1)
    if following and following in "eE" and "e" not in text and "E" not in text:
        sign = 1 if src[end + 1 : end + 2] in ("+", "-") and src[end + 1 : end + 2] else 0
        at = end + 1 + sign
        raise _error(f"Expected a digit in the exponent, {found(src, at, end=_EOF)}", src, at)
    return Number(text, pos, end, key_start)


def _parse_literal(src: str, pos: int, key_start: int) -> Literal:
    """literal = "true" | "false" | "null" ;"""
    word, value = _LITERALS[src[pos]]
    if not src.startswith(word, pos):
        raise _error(f"Expected {word!r}, found {src[pos : pos + len(word)]!r}", src, pos, pos + len(word))
    return Literal(value, pos, pos + len(word), key_start)


def _parse_scalar(src: str, pos: int, key_start: int) -> Node:
    """value = object | array | string | number | "true" | "false" | "null" ;

    The non-container alternatives; containers are opened by the document loop."""
    char = src[pos : pos + 1]
    if char == '"':
        return _parse_string(src, pos, key_start)
    if char in _NUMBER_START and char:
        return _parse_number(src, pos, key_start)
    if char in _LITERALS:
        return _parse_literal(src, pos, key_start)
    raise _error(
        f"Expected a value (object, array, string, number, true, false or null), {found(src, pos, end=_EOF)}",
        src,
        pos,
    )


def _parse_member(src: str, pos: int) -> tuple[str, int, int]:
    """member = string ws ":" ws value ;

    Reads the key and the colon at ``pos``; returns the key, its offset and the offset of the value."""
    match = _SIMPLE_KEY.match(src, pos)
    if match is not None:
        return match.group(1), match.start(1) - 1, match.end()
    pos = _parse_ws(src, pos)
    if src[pos : pos + 1] != '"':
        raise _error(f"Expected a key (a string in double quotes), {found(src, pos, end=_EOF)}", src, pos)
    key = _parse_string(src, pos, -1)
    colon = _parse_ws(src, key.end)
    if src[colon : colon + 1] != ":":
        raise _error(f"Expected ':' after the key, {found(src, colon, end=_EOF)}", src, colon)
    return key.value, pos, _parse_ws(src, colon + 1)


def _parse_object(src: str, pos: int, node: Object) -> tuple[str, int, int] | None:
    """object = "{" ws [ member { ws "," ws member } ws ] "}" ;

    Reads ``{`` at ``pos`` and then either ``}`` (returns None; ``node.end`` is set) or the first
    member's key (returns what :func:`_parse_member` returns)."""
    after = _parse_ws(src, pos + 1)
    if src[after : after + 1] == "}":
        node.end = after + 1
        return None
    if src[after : after + 1] != '"':
        raise _error(
            f"Expected a key (a string in double quotes) or '}}' after '{{', {found(src, after, end=_EOF)}",
            src,
            after,
        )
    return _parse_member(src, after)


def _parse_object_next(src: str, pos: int, node: Object) -> tuple[str, int, int] | None:
    """object = "{" ws [ member { ws "," ws member } ws ] "}" ;

    From the end of a member's value at ``pos``: reads ``}`` (returns None; ``node.end`` is set) or
    ``,`` and the next member's key (returns what :func:`_parse_member` returns)."""
    match = _AFTER_MEMBER.match(src, pos)
    if match is not None:
        if match.group(1) is not None:
            node.end = match.end()
            return None
        key = match.group(2)
        if key is not None:
            return key, match.start(2) - 1, match.end()
        after = match.end()
        if src[after : after + 1] == "}":
            raise _error("Expected a key after ',', found '}' (JSON has no trailing commas)", src, after)
        return _parse_member(src, after)
    at = _parse_ws(src, pos)
    raise _error(
        f"Expected ',' or '}}' after a member, {found(src, at, end=_EOF)}{_unclosed(src, at, node)}", src, at
    )


def _parse_array(src: str, pos: int, node: Array) -> int | None:
    """array = "[" ws [ value { ws "," ws value } ws ] "]" ;

    Reads ``[`` at ``pos`` and then either ``]`` (returns None; ``node.end`` is set) or returns the
    offset of the first element."""
    after = _parse_ws(src, pos + 1)
    if src[after : after + 1] == "]":
        node.end = after + 1
        return None
    return after


def _parse_array_next(src: str, pos: int, node: Array) -> int | None:
    """array = "[" ws [ value { ws "," ws value } ws ] "]" ;

    From the end of an element at ``pos``: reads ``]`` (returns None; ``node.end`` is set) or ``,``
    (returns the offset of the next element)."""
    match = _AFTER_ELEMENT.match(src, pos)
    if match is not None:
        if match.group(1) is not None:
            node.end = match.end()
            return None
        after = match.end()
        if src[after : after + 1] == "]":
            raise _error("Expected a value after ',', found ']' (JSON has no trailing commas)", src, after)
        return after
    at = _parse_ws(src, pos)
    raise _error(
        f"Expected ',' or ']' after an element, {found(src, at, end=_EOF)}{_unclosed(src, at, node)}", src, at
    )


def _unclosed(src: str, at: int, node: Container) -> str:
    """For an error at the end of the file: which bracket is still open."""
    if at < len(src):
        return ""
    line, column = Lines(src).position(node.start)
    kind = "object" if isinstance(node, Object) else "array"
    return f"; the {kind} opened at line {line}, column {column} is not closed"


def _parse_document(src: str, opaque: Collection[str]) -> tuple[Node, list[Issue]]:
    """document = [ BOM ] ws value ws ;"""
    issues: list[Issue] = []
    pos = 0
    if src.startswith(BOM):
        issues.append(Issue("byte-order-mark", 0, 1))
        pos = 1
    root, issues_in_value = _read_value(src, _parse_ws(src, pos), -1, opaque, MAX_DEPTH)
    issues.extend(issues_in_value)
    end = _parse_ws(src, root.end)
    if end != len(src):
        raise _error(f"Expected end of file after the value, {found(src, end, end=_EOF)}", src, end)
    return root, issues


def _read_value(  # noqa: PLR0915 - one loop on purpose: a function call per value costs a fifth more time
    src: str, pos: int, key_start: int, opaque: Collection[str], max_depth: int
) -> tuple[Node, list[Issue]]:
    """value = object | array | string | number | "true" | "false" | "null" ;

    Reads the value at ``pos`` and everything in it; the document loop that replaces recursion."""
    issues: list[Issue] = []
    stack: list[tuple[Container | None, str, int]] = []
    parent: Container | None = None
    key = ""  # the key of the member being read when parent is an Object
    string = _STRING.match
    next_member, next_element = _NEXT_MEMBER.match, _NEXT_ELEMENT.match
    while True:
        # A value starts at pos.
        char = src[pos : pos + 1]
        node: Node
        if char == '"':
            match = string(src, pos)
            if match is not None:
                node = String(_decode(match.group(1)), pos, match.end(), key_start)
            else:
                node = _parse_string(src, pos, key_start)  # reports the error
        elif char in "{[" and char:
            skimmed = (
                skim(src, pos, key_start, max_depth - len(stack))
                if key in opaque and isinstance(parent, Object)
                else None
            )
            if skimmed is not None:
                node = skimmed
            else:
                if len(stack) >= max_depth:
                    raise _error(f"Expected at most {max_depth} levels of nesting", src, pos)
                stack.append((parent, key, key_start))
                parent, first = _open(src, pos, key_start)
                if first is not None:
                    key, key_start, pos = first
                    continue
                node = parent  # empty
                parent, key, key_start = stack.pop()
        else:
            node = _parse_scalar(src, pos, key_start)
        # node is complete: add it to its parent, then read on to the next value or close containers.
        while True:
            if parent is None:
                return node, issues
            if isinstance(parent, Object):
                members = parent.members
                if key in members or "__proto__" in key or "constructor" in key or "\\u00" in key:
                    _note_key(src, stack, members, key, key_start, issues=issues)
                members[key] = node
                match = next_member(src, node.end)
                if match is not None and match.group(1) is not None:
                    parent.end = match.end()
                else:
                    name = None if match is None else match.group(2)
                    if match is None or name is None:  # not the shortcut: the rule reads on or reports
                        following = _parse_object_next(src, node.end, parent)
                        assert following is not None
                        key, key_start, pos = following
                        break
                    key, key_start = name, match.start(2) - 1
                    value = match.group(3)
                    if value is None:
                        pos = match.end()
                        break
                    node = String(_decode(value), match.start(3) - 1, match.end(3) + 1, key_start)
                    continue
            else:
                parent.items.append(node)
                match = next_element(src, node.end)
                if match is not None and match.group(1) is not None:
                    parent.end = match.end()
                else:
                    value = None if match is None else match.group(2)
                    if match is None or value is None:  # not the shortcut: the rule reads on or reports
                        element = _parse_array_next(src, node.end, parent)
                        assert element is not None
                        key, key_start, pos = "", -1, element
                        break
                    node = String(_decode(value), match.start(2) - 1, match.end(2) + 1, -1)
                    continue
            node = parent
            parent, key, key_start = stack.pop()


def _open(src: str, pos: int, key_start: int) -> tuple[Container, tuple[str, int, int] | None]:
    """The container opening at ``pos`` and, unless it is empty, the key, key offset and offset of its first
    value (an array's elements have the key ``""`` at offset -1)."""
    if src[pos] == "{":
        obj = Object(pos, key_start)
        return obj, _parse_object(src, pos, obj)
    array = Array(pos, key_start)
    element = _parse_array(src, pos, array)
    return array, None if element is None else ("", -1, element)


def _note_key(
    src: str,
    stack: list[tuple[Container | None, str, int]],
    members: dict[str, Node],
    key: str,
    key_start: int,
    *,
    issues: list[Issue],
) -> None:
    """Record a duplicate key or a key the Appwrite CLI refuses."""
    end = _parse_string(src, key_start, -1).end
    path = _path(stack, key)
    if key in members:
        issues.append(Issue("duplicate-key", key_start, end, key, path=path, first=members[key].key_start))
    refused = refused_key(key)
    if refused is not None:
        issues.append(Issue("refused-key", key_start, end, key, path=path, detail=refused))


def _path(stack: list[tuple[Container | None, str, int]], key: str) -> tuple[str | int, ...]:
    """The keys and indexes from the root to the member ``key`` of the innermost open object."""
    path: list[str | int] = []
    for holder, name, _ in stack[1:]:
        path.append(name if isinstance(holder, Object) else len(holder.items) if holder else 0)
    path.append(key)
    return tuple(path)


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: the reader and the lint rules make no cycles, and collecting
    while a large tree grows only walks that tree again and again (it doubles the time of a large file)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read(text: str, *, opaque: Collection[str] = ()) -> Document:
    """Read ``text`` as a JSON document with positions.

    Members whose key is in ``opaque`` are read without positions inside (:class:`Opaque`). Raises
    :class:`JSONSyntaxError` for the first syntax error. A leading byte order mark is skipped and
    reported as an issue (JSON forbids it and the Appwrite CLI fails on it).
    """
    with no_gc():
        root, issues = _parse_document(text, frozenset(opaque))
    issues.sort(key=lambda issue: issue.start)
    return Document(text, root, issues)
