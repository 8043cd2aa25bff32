"""The JSON query syntax: read as utopia-php/database 7.2.6 reads it, written as the Python SDK 27.0.0 does.

Reading is ``json_decode($text, true, 512, JSON_THROW_ON_ERROR)`` followed by ``Query::parseQuery``. The fast
path is the standard library's C scanner plus lean shape checks; PHP's decoder differs from Python's in a few
places (``NaN``, lone surrogate escapes, integers beyond 64 bits, the 512-level limit, which error is reported
first), so whenever the fast path fails or meets one of those, :func:`first_problem` re-reads the text the way
PHP's re2c scanner and bison parser do, left to right, and names the first problem with its position.

Writing is the SDK's ``json.dumps(..., separators=(",", ":"))`` for the values appwrite_dsl keeps: ``str``
(ASCII-escaped), ``int``, finite ``float`` (Python ``repr``), ``bool``, ``None``, tuples and
:class:`JSONObject`.
"""

from __future__ import annotations

import json
import json.encoder
import re
import reprlib
from collections.abc import Iterable, Mapping
from typing import Any, Callable, NoReturn, Optional, TypeVar, Union

from ._methods import LOGICAL_METHODS, SERVER_METHODS
from ._scan import INT64_MAX, INT64_MIN, JSON_NUMBER, Fail, c_encoder, parameter_type, php_type, skip
from .errors import InvalidQuery

__all__ = [
    "LOGICAL_METHODS",
    "MAX_CONTAINERS",
    "SERVER_METHODS",
    "JSONObject",
    "Operand",
    "check_text",
    "decode",
    "depth",
    "encode",
    "escape",
    "first_problem",
    "locate",
    "new_object",
    "operand",
    "plain",
    "read",
    "refusal",
    "write_python",
]

Operand = Union[str, int, float, bool, None, tuple["Operand", ...], "JSONObject"]
"""A query operand as appwrite_dsl stores it: JSON values with tuples for arrays."""

Node = TypeVar("Node")
Make = Callable[[str, Optional[str], Optional[tuple[Any, ...]]], Node]


MAX_CONTAINERS = 511
"""PHP's ``json_decode`` depth 512 allows 511 nested arrays and objects."""


# PHP's json_last_error_msg() texts.
_SYNTAX = "Syntax error"
_CONTROL = "Control character error, possibly incorrectly encoded"
_UTF8 = "Malformed UTF-8 characters, possibly incorrectly encoded"
_UTF16 = "Single unpaired UTF-16 surrogate in unicode escape"
_DEPTH = "Maximum stack depth exceeded"
_MISMATCH = "State mismatch (invalid or malformed JSON)"

_WHITESPACE = re.compile(r"[ \t\n\r]*")
_STRING_RUN = re.compile(r'[^"\\\x00-\x1f\ud800-\udfff]*')
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SHORT_ESCAPES = frozenset('"\\/bfnrt')
_PUNCTUATION = frozenset("{}[]:,")

escape: Callable[[str], str] = json.encoder.encode_basestring_ascii
"""A ``str`` as the SDK writes it: quoted, ASCII-escaped (the C function behind ``json.dumps``)."""
_shown = reprlib.Repr()
_shown.maxstring = _shown.maxother = 80
_shown.maxlist = _shown.maxtuple = _shown.maxdict = 8


# Immutable JSON objects


class JSONObject(dict):  # type: ignore[type-arg]
    """A JSON object operand (``{"$id": "x"}``): an immutable, hashable ``dict`` with ``str`` keys, in order.

    ``JSONObject({"k": [1, 2]})`` normalises its argument as the query builders do (lists become tuples,
    nested dicts become JSONObjects) and refuses what they refuse. It is a ``dict`` for reading (and for
    ``json.dumps``) whose changing methods raise TypeError. Equality and hashing follow the canonical JSON
    text, so ``{"k": 1}`` and ``{"k": True}`` differ, as they do on the wire, and key order counts.
    """

    __slots__ = ("_depth",)

    _depth: int

    def __init__(self, members: Mapping[Any, object] | None = None) -> None:
        made = operand({} if members is None else dict(members), 0)
        assert isinstance(made, JSONObject)
        _fill(self, made, made._depth)

    def __str__(self) -> str:
        return encode(self)

    def __repr__(self) -> str:
        return f"JSONObject({dict.__repr__(self)})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, JSONObject):
            return str(self) == str(other)
        if isinstance(other, Mapping):
            try:
                return str(self) == str(JSONObject(other))
            except InvalidQuery:
                return False
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(str(self))

    def __reduce__(self) -> tuple[type[JSONObject], tuple[dict[str, Operand]]]:
        return (JSONObject, (dict(self),))

    def _immutable(self, *args: object, **kwargs: object) -> NoReturn:
        """Raise TypeError: a JSONObject cannot be changed (build a new one from a changed ``dict``)."""
        raise TypeError("JSONObject objects are immutable")

    __setitem__ = __delitem__ = __ior__ = _immutable
    clear = pop = popitem = setdefault = update = _immutable


_dict_update = dict.update
_set_depth = JSONObject.__dict__["_depth"].__set__


def _fill(target: JSONObject, items: dict[str, Operand], depth_: int) -> None:
    _dict_update(target, items)
    _set_depth(target, depth_)


def new_object(items: dict[str, Operand], depth_: int) -> JSONObject:
    """A JSONObject of checked members, nested ``depth_`` arrays and objects deep."""
    made: JSONObject = dict.__new__(JSONObject)
    _fill(made, items, depth_)
    return made


def depth(value: object) -> int:
    """How many nested JSON arrays and objects an operand is written with (0 for a scalar)."""
    kind = type(value)
    if kind is tuple:
        inner = 0
        for item in value:  # type: ignore[attr-defined]
            if type(item) is tuple or type(item) is JSONObject:
                inner = max(inner, depth(item))
        return 1 + inner
    if kind is JSONObject:
        return value._depth  # type: ignore[attr-defined, no-any-return]
    return 0


# Writing


def write_python(value: Operand) -> str:
    """:func:`encode` in Python, for interpreters without json's C encoder."""
    kind = type(value)
    if kind is str:
        return escape(value)  # type: ignore[arg-type]
    if kind is int or kind is float:
        return repr(value)
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    if kind is tuple:
        return "[" + ",".join([write_python(item) for item in value]) + "]"  # type: ignore[union-attr]
    members = value.items()  # type: ignore[union-attr]
    return "{" + ",".join([escape(key) + ":" + write_python(member) for key, member in members]) + "}"


_write_fast = c_encoder(None)


def encode(value: Operand) -> str:
    """The SDK's bytes for one operand: ``json.dumps(value, separators=(",", ":"))`` as the SDK calls it,
    through the same C encoder when the interpreter has it."""
    if _write_fast is None:  # pragma: no cover - CPython builds the C encoder
        return write_python(value)
    return "".join(_write_fast(value, 0))


# Normalising builder arguments


def refusal(message: str, value: object) -> InvalidQuery:
    """The error about a builder argument; its source is the argument, or a short repr of it."""
    if isinstance(value, str) and value.isprintable():
        shown = value
    else:
        try:
            shown = _shown.repr(value)
        except ValueError:  # an int of more than 4300 digits
            shown = f"<{type(value).__name__}>"
    return InvalidQuery(message, shown, 0, len(shown))


def check_text(value: str) -> str:
    """Return ``value`` unless it holds a lone surrogate, which the server cannot read."""
    if not value.isascii():
        found = _SURROGATE.search(value)
        if found is not None:
            raise refusal(
                f"Expected valid Unicode text, found the lone surrogate {found.group()!r}: "
                f"the server answers Invalid query: {_UTF16}",
                value,
            )
    return value


def _too_deep(value: object) -> InvalidQuery:
    return refusal(
        f"Expected at most {MAX_CONTAINERS} nested arrays and objects in a query: the server answers "
        f"Invalid query: {_DEPTH}",
        value,
    )


def operand(value: object, level: int) -> Operand:
    """Turn a builder argument into a stored operand, refusing what the server would misread or reject.

    ``level`` counts the JSON arrays and objects already around the value. Lists and tuples become tuples,
    dicts become :class:`JSONObject`; ``str``/``int``/``float`` subclasses (enums) become the plain value the
    SDK writes. Raises InvalidQuery for non-finite floats, lone surrogates, objects the SDK would write from
    their ``__dict__`` (or fail on), dict keys the SDK cannot write or writes twice, objects the server reads
    as arrays, and nesting beyond the server's limit.
    """
    kind = type(value)
    if kind is str:
        return check_text(value)  # type: ignore[arg-type]
    if kind is int or kind is bool or value is None:
        return value  # type: ignore[return-value]
    if kind is float:
        if value - value == 0.0:  # type: ignore[operator]
            return value  # type: ignore[return-value]
        raise refusal(
            f"Expected a finite number, found {value!r}: JSON has no NaN or Infinity, the SDK would write it "
            f"bare and the server answers Invalid query: {_SYNTAX}",
            value,
        )
    if kind is list or kind is tuple or kind is dict:
        return _container(value, level)  # type: ignore[arg-type]
    if kind is JSONObject:
        if level + value._depth > MAX_CONTAINERS:  # type: ignore[attr-defined]
            raise _too_deep(value)
        return value  # type: ignore[return-value]
    if isinstance(value, str):
        return check_text(str.__str__(value))
    if isinstance(value, bool):  # pragma: no cover - bool cannot be subclassed
        return value
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return operand(float.__float__(value), level)
    if isinstance(value, (list, tuple)):
        return operand(list(value), level)
    if isinstance(value, Mapping):
        return operand(dict(value), level)
    raise refusal(
        "Expected a str, int, float, bool, None, list, tuple or dict as a value, found "
        f"{type(value).__module__}.{type(value).__qualname__} (the SDK would write its __dict__, or fail)",
        value,
    )


def plain(items: Iterable[object]) -> bool:
    """Whether every item is an ASCII ``str``, an ``int``, a ``bool``, None or a finite ``float``: items kept
    exactly as they are (the common case, checked without a call per item)."""
    for item in items:
        kind = type(item)
        if kind is str:
            if not item.isascii():  # type: ignore[attr-defined]
                return False
        elif kind is float:
            if item - item != 0.0:  # type: ignore[operator]
                return False
        elif kind is not int and kind is not bool and item is not None:
            return False
    return True


def _key(key: object, where: dict[Any, object]) -> str:
    """The key the SDK writes for a dict key: ``1`` -> ``"1"``, ``True`` -> ``"true"``, None -> ``"null"``."""
    if type(key) is str:
        return check_text(key)
    if isinstance(key, str):
        return check_text(str.__str__(key))
    if key is True or key is False or key is None:
        return encode(key)
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return float.__repr__(key)
    raise refusal(f"Expected str keys in an object, found the {type(key).__name__} key {key!r}", where)


def _container(value: list[Any] | tuple[Any, ...] | dict[Any, Any], level: int) -> Operand:
    """A list, tuple or dict argument as a tuple or a JSONObject: one Python frame per level of nesting, so
    that the server's 511 levels fit in the stack."""
    if level >= MAX_CONTAINERS:
        raise _too_deep(value)
    if type(value) is not dict:
        if plain(value):
            return tuple(value)
        items = []
        for item in value:
            kind = type(item)
            if kind is list or kind is tuple or kind is dict:
                items.append(_container(item, level + 1))
            else:
                items.append(operand(item, level + 1))
        return tuple(items)
    members: dict[str, Operand] = {}
    inner = 0  # the deepest member
    for key, member in value.items():
        name = key if type(key) is str and key.isascii() else _key(key, value)
        if name in members:
            raise refusal(
                f"Expected distinct keys in an object, found the key {name!r} twice once written", value
            )
        kind = type(member)
        if (kind is str and member.isascii()) or kind is int or kind is bool or member is None:
            members[name] = member
            continue
        if kind is list or kind is tuple or kind is dict:
            members[name] = made = _container(member, level + 1)
        else:
            members[name] = made = operand(member, level + 1)
        inner = max(inner, depth(made))
    if _php_list(members):
        raise refusal(_list_like_message(members), value)
    return new_object(members, 1 + inner)


def _php_list(items: Mapping[str, object]) -> bool:
    """Whether PHP's decoder turns the object into a list (keys "0", "1", ... in order, or no key at all)."""
    return not items or ("0" in items and all(key == str(index) for index, key in enumerate(items)))


def _list_like_message(items: Mapping[str, Operand]) -> str:
    if not items:
        return "Expected a non-empty object: the server reads {} as the empty array []"
    return (
        'Expected an object whose keys are not "0", "1", ... in order: the server reads it as the array '
        + encode(tuple(items.values()))
    )


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
        or (not text.isascii() and _SURROGATE.search(text) is not None)
        or text.count("[") + text.count("{") > MAX_CONTAINERS
    ):
        _raise_first_problem(text)
    return value


def _raise_first_problem(text: str) -> None:
    problem = first_problem(text)
    if problem is not None:
        message, start, end = problem
        raise InvalidQuery("Invalid query: " + message, text, start, end)


def _decode_slowly(text: str) -> Any:
    _raise_first_problem(text)
    # PHP reads it: Python failed on an integer of more than 4300 digits or on its recursion limit.
    try:
        return _scan_php(text, _skip(text, 0))[0]
    except RecursionError:
        raise InvalidQuery(_PYTHON_DEPTH, text, 0, len(text)) from None
    except (ValueError, StopIteration) as error:  # pragma: no cover - first_problem reports every such text
        position = getattr(error, "pos", 0)
        raise InvalidQuery("Invalid query: " + _SYNTAX, text, position) from None


_PYTHON_DEPTH = "Expected a less deeply nested query: Python's recursion limit was reached while reading it"


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
        number = JSON_NUMBER.match(text, start)
        if number is not None:
            return _VALUE, start, number.end()
    for word in ("true", "false", "null"):
        if text.startswith(word, start):
            return _VALUE, start, start + len(word)
    if char < " ":
        raise Fail(start, start + 1, _CONTROL)
    if "\ud800" <= char <= "\udfff":
        raise Fail(start, start + 1, _UTF8)
    raise Fail(start, start + 1, _SYNTAX)


def _string_end(text: str, start: int) -> int:
    """The end of the string token at ``start``.

    string = '"' { character | escape } '"' ;
    character = ? any code point from U+0020 except '"', "\\" and lone surrogates ? ;

    PHP reads its input's terminating NUL as a control character, so an unterminated string is a
    control-character error at the end of the text.
    """
    position = start + 1
    while True:
        match = _STRING_RUN.match(text, position)
        assert match is not None  # the pattern matches the empty string
        position = match.end()
        if position == len(text):
            raise Fail(position, position, _CONTROL)
        char = text[position]
        if char == '"':
            return position + 1
        if char == "\\":
            position = _escape_end(text, position)
        elif char < " ":
            raise Fail(position, position + 1, _CONTROL)
        else:
            raise Fail(position, position + 1, _UTF8)


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
            raise Fail(start, start + 6, _UTF16)
        if 0xDC00 <= code <= 0xDFFF:
            raise Fail(start, start + 6, _UTF16)
        return start + 6
    raise Fail(start, min(start + 2, len(text)), _SYNTAX)


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
                    return (_DEPTH, start, position)
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
                    return (_MISMATCH, start, position)
                expect = _AFTER_VALUE
            else:
                return (_SYNTAX, start, position)
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


# Reading: the shape of a query


def _misfit(message: str, path: tuple[str | int, ...] = ()) -> Fail:
    """The decoded value is not a query the server reads as written: message and path of the culprit."""
    return Fail(0, 0, message, path)


def read(
    text: str | bytes,
    make: Make[Node],
    query: Callable[[dict[str, Any] | list[Any], Make[Node]], Node] | None = None,
) -> Node:
    """Read one JSON query as utopia-php/database 7.2.6 does; ``make(method, attribute, values)`` builds
    each node (``attribute``/``values`` None when absent or null, values as tuples of operands and nodes).
    ``query`` reads the decoded object instead of 7.2.6's ``Query::parseQuery`` (another dialect's rules).

    Raises InvalidQuery: the server's own message where it refuses the text, appwrite_dsl's where the server
    would read it differently from what it says (values given as an object, numbers it reads as infinity,
    objects it reads as arrays).
    """
    if isinstance(text, str):
        source = shown = text
    else:
        source = bytes(text).decode("utf-8", "surrogateescape")
        shown = _SURROGATE.sub("\ufffd", source)
    try:
        data = decode(source)
        if type(data) is dict or type(data) is list:
            return (query or _query)(data, make)
        raise _misfit(f"Invalid query. Must be an array, got {php_type(data)}")
    except Fail as misfit:
        try:
            start, end = locate(source, misfit.path)
        except RecursionError:  # pragma: no cover - only when the caller's stack is nearly full
            start, end = 0, len(source)
        raise InvalidQuery(misfit.message, shown, start, end) from None
    except InvalidQuery as error:
        if shown is source:
            raise
        raise InvalidQuery(error.message, shown, error.position, error.end) from None
    except RecursionError:
        raise InvalidQuery(_PYTHON_DEPTH, shown, 0, len(shown)) from None


def _query(data: dict[str, Any] | list[Any], make: Make[Node]) -> Node:
    """``Query::parseQuery``: method, attribute and values, a missing key or null meaning absent."""
    if type(data) is dict:
        method, attribute, values = data.get("method"), data.get("attribute"), data.get("values")
    else:  # a JSON array has none of the keys
        method = attribute = values = None
    if type(method) is not str:
        if method is not None:
            raise _misfit(f"Invalid query method. Must be a string, got {php_type(method)}", ("method",))
        method = ""
    if method not in SERVER_METHODS:
        present = type(data) is dict and "method" in data
        raise _misfit("Invalid query method: " + method, ("method",) if present else ())
    if attribute is not None and type(attribute) is not str:
        raise _misfit(f"Invalid query attribute. Must be a string, got {php_type(attribute)}", ("attribute",))
    if values is None:
        return make(method, attribute, None)
    if type(values) is not list:
        if type(values) is dict:
            reading = "each member as a nested query" if method in LOGICAL_METHODS else "its members' values"
            raise _misfit(
                f"Expected the values as a JSON array, found an object (the server reads {reading})",
                ("values",),
            )
        raise _misfit(f"Invalid query values. Must be an array, got {php_type(values)}", ("values",))
    if method in LOGICAL_METHODS:
        return make(method, attribute, _children(values, make))
    try:
        return make(method, attribute, _operands(values))
    except Fail as misfit:
        misfit.path = ("values", *misfit.path)
        raise


def _children(values: list[Any], make: Make[Node]) -> tuple[Node, ...]:
    children = []
    for index, child in enumerate(values):
        if type(child) is not dict and type(child) is not list:
            given = parameter_type(child)
            raise _misfit(
                "Utopia\\Database\\Query::parseQuery(): Argument #1 ($query) must be of type array, "
                f"{given} given",
                ("values", index),
            )
        try:
            children.append(_query(child, make))
        except Fail as misfit:
            misfit.path = ("values", index, *misfit.path)
            raise
    return tuple(children)


def _operands(values: list[Any]) -> tuple[Operand, ...]:
    """The values of a non-logical query; a flat list of plain values is kept as it is."""
    for value in values:
        kind = type(value)
        if kind is str or kind is bool or value is None:
            continue
        if kind is int:
            if INT64_MIN <= value <= INT64_MAX:
                continue
        elif kind is float and value - value == 0.0:
            continue
        break
    else:
        return tuple(values)
    return _decoded(values)  # type: ignore[return-value]


def _decoded(value: Any) -> Operand:
    """One decoded operand as the server holds it: integers beyond int64 become floats.

    One Python frame per level of nesting: 509 nested arrays (the most a query can hold) fit in the stack.
    """
    kind = type(value)
    if kind is int:
        if INT64_MIN <= value <= INT64_MAX:
            return value  # type: ignore[no-any-return]
        try:
            value = float(value)
        except OverflowError:
            value = float("inf") if value > 0 else float("-inf")
        kind = float
    if kind is float:
        if value - value == 0.0:
            return value  # type: ignore[no-any-return]
        raise _misfit(
            "Expected a finite number, found one the server reads as an infinite float "
            "(its own re-encoding then fails: Invalid Json: Inf and NaN cannot be JSON encoded)"
        )
    if kind is list:
        elements: list[Operand] = []
        for index, element in enumerate(value):
            try:
                elements.append(_decoded(element))
            except Fail as misfit:
                misfit.path = (index, *misfit.path)
                raise
        return tuple(elements)
    if kind is dict:
        members: dict[str, Operand] = {}
        for key, member in value.items():
            try:
                members[key] = _decoded(member)
            except Fail as misfit:
                misfit.path = (key, *misfit.path)
                raise
        if _php_list(members):
            raise _misfit(_list_like_message(members))
        return new_object(members, 1 + max(map(depth, members.values()), default=0))
    return value  # type: ignore[no-any-return]
