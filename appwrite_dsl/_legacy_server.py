"""The legacy syntax as the server reads it: a byte-exact emulation of ``Query::parse`` of utopia-php/database
0.46.0 (and of the older tags behind Appwrite 1.0 to 1.2), quirks included
(https://github.com/utopia-php/database/blob/0.46.0/src/Database/Query.php).

The strict reader and the writer (:mod:`appwrite_dsl._legacy`) use it to say what the server would read
instead of a string they refuse; the validators use it to read what the server reads.

>>> server_read_legacy('equal("role", ["x", "admin"])').values
['x', 'admin']
>>> server_read_legacy('equal("a", [0])', version="1.0").values
[]
"""

from __future__ import annotations

import math
import re
from typing import NamedTuple, NoReturn, Union

from ._methods import DEFAULT_VERSION, LEGACY_SHAPES, legacy_release
from ._scan import INT64_DIGITS, PHP_NUMERIC, parameter_type, skip
from .errors import InvalidQuery

__all__ = ["ServerError", "ServerReading", "server_read_legacy"]


# --------------------------------------------------------------------------------------------------------
# The server's reading (``Query::parse`` of utopia-php/database 0.46.0, in the steps of server_read_legacy)


class ServerReading(NamedTuple):
    """What ``Query::parse`` returned: values as PHP holds them (lists may nest, strings may carry bytes
    that are not UTF-8, decoded with ``surrogateescape``), and the PHP warnings raised on the way."""

    method: str
    attribute: str
    values: list[object]
    warnings: tuple[str, ...] = ()


class ServerError(InvalidQuery):
    """The server's parser failed: ``message`` is its exact text (a PHP TypeError's without the trailing
    ``, called in <file> on line <n>``), ``php_class`` is ``QueryException`` or ``TypeError``, and
    ``warnings`` lists the PHP warnings raised before the failure."""

    def __init__(
        self,
        message: str,
        source: str,
        position: int,
        end: int | None = None,
        *,
        php_class: str = "QueryException",
        warnings: tuple[str, ...] = (),
    ) -> None:
        status = 500 if php_class == "TypeError" else 400
        super().__init__(message, source, position, end, stage="parse", status=status)
        self.php_class = php_class
        self.warnings = warnings


_OUTSIDE_RUN = re.compile(rb"[^\\\"' ,\[\]]+")
_INSIDE_RUN = re.compile(rb"[^\\\"']+")
_ESCAPE_PAIRS = re.compile(rb"(?:\\.)+", re.DOTALL)
_INSIDE_ESCAPES = tuple((b"\\" + byte, byte) for byte in (b",", b"[", b"]", b'"', b"'"))
_OUTSIDE_ESCAPES = ((b"\\,", b""), (b"\\ ", b"\\"), *_INSIDE_ESCAPES[1:])
_RUNS = {char: re.compile(re.escape(bytes([char])) + b"+") for char in b" [,\"'"}
_PHP_TRIM = b" \t\n\r\x00\x0b"
_QUOTES = (b'"', b"'")
_LONG_MIN_DIGITS = b"9223372036854775808"
_PHP_CONSTANTS: dict[bytes, object] = {b"true": True, b"false": False, b"null": None}
_CLASS = "Utopia\\Database\\Query::__construct(): "


def _encode(text: str) -> bytes:
    """The bytes a client sends for ``text``: UTF-8, with ``surrogateescape`` bytes restored."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # other lone surrogates: encode them as they come (CESU-style)
        return b"".join(
            char.encode("utf-8", "surrogateescape" if "\udc80" <= char <= "\udcff" else "surrogatepass")
            for char in text
        )


def _decode(data: bytes) -> str:
    return data.decode("utf-8", "surrogateescape")


def _mb_method(data: bytes, paren: int) -> tuple[bytes, int]:
    """``mb_strpos``/``mb_substr`` of PHP 8.2 on the bytes before the first ``(``.

    The position of ``(`` counts the bytes that are not UTF-8 continuation bytes; the method is that many
    characters cut by lead-byte length, without validation. Returns the method and the scan start.
    """
    head = data[:paren]
    if head.isascii():
        return head, paren + 1
    count = paren - sum(1 for byte in head if 0x80 <= byte <= 0xBF)
    end = 0
    for _ in range(count):
        lead = data[end] if end < len(data) else 0
        end += 2 if 0xC2 <= lead <= 0xDF else 3 if 0xE0 <= lead <= 0xEF else 4 if 0xF0 <= lead <= 0xF4 else 1
    return data[: min(end, len(data))], count + 1


def server_read_legacy(text: str | bytes, *, version: str = DEFAULT_VERSION) -> ServerReading:
    """Read a legacy query string exactly as ``Query::parse`` of the server of ``version`` does.

    The reading, in the steps the helpers below are named by: (1) the method is everything before the first
    ``(``, ``Invalid query`` without one (from Appwrite 1.3; before, the method is empty); (2) a method with
    a ``.`` is ``Invalid query method``, and the character position of the ``(`` is then used as a byte
    offset; (3) the bytes after it are scanned up to, but excluding, the last byte, whatever it is; (4) the
    scan: (4.1) a backslash before ``, [ ] " '`` gives that byte, before any other byte both, (4.2) ``"`` and
    ``'`` open and close strings and are kept, (4.3) outside strings ``[``, ``]`` and ``,`` delimit arrays
    and parameters, (4.4) outside strings spaces vanish; (5) a last token is a parameter; (6) each parameter
    is typed by ``parseValue``, array parameters sharing one accumulator; (7) the query is built by the
    method's shape.

    ``text`` may be bytes, or a str whose lone surrogates stand for bytes (``surrogateescape``). Raises
    ServerError (an InvalidQuery) with the server's message when the server throws. Warnings are returned
    with the reading (a failed ``between`` or ``select`` carries its warnings on the error).
    """
    release = legacy_release(version)
    if isinstance(text, bytes):
        data, source = text, _decode(text)
    else:
        data, source = _encode(text), text
    paren = data.find(b"(")
    if paren < 0:
        if release.requires_parenthesis:
            raise ServerError("Invalid query", source, 0, len(source))
        return ServerReading("", "", [])
    raw_method, start = _mb_method(data, paren)
    method = _decode(raw_method)
    if "." in method:
        dot = method.index(".")
        raise ServerError("Invalid query method", source, dot, dot + 1)
    shape = LEGACY_SHAPES.get(method) if method in release.methods else None
    if shape is None:
        return ServerReading(method, "", [])
    params, spans = _split_parameters(data, start, len(data) - 1, release.drops_bare_zero)
    return _build(method, shape, _typed(params), spans, data=data, source=source)


_Param = Union[bytes, list[bytes]]  # a scalar parameter's token, or an array parameter's tokens


def _split_parameters(
    data: bytes, start: int, end: int, drops_zero: bool
) -> tuple[list[_Param], list[tuple[int, int]]]:
    """Steps 3 to 5: split ``data[start:end]`` into parameters; only the first three matter, so the scan
    stops there. Returns the parameters and their byte spans.

    Runs of ordinary bytes, spaces, ``[``, ``,``, quotes and escape pairs are taken at once; the result is
    the same as taking them byte by byte (the tests compare it with a byte-by-byte transcription of
    ``Query::parse``).
    """
    params: list[_Param] = []
    spans: list[tuple[int, int]] = []
    cur = bytearray()
    arr: list[bytes] = []
    quote = depth = 0
    boundary = i = start
    while i < end:
        run = (_INSIDE_RUN if quote else _OUTSIDE_RUN).match(data, i, end)
        if run is not None:
            cur += run.group()
            i = run.end()
            if i == end:
                break
        char = data[i]
        if char == 0x5C:  # escape pairs: each backslash takes the next byte, even the excluded last one
            stop = skip(_ESCAPE_PAIRS, data, i, end + 1)
            cur += _unescape(data[i:stop], quote)
            i = stop
            continue
        stop = i + 1 if char == 0x5D else skip(_RUNS[char], data, i, end)  # each ']' ends a parameter
        if char in (0x22, 0x27):
            # each quote opens or closes a string, unless a lone backslash precedes it (possible only for
            # the first of a run, when the scan starts inside a multi-byte method, step 2)
            toggles = stop - i - (data[i - 1] == 0x5C and data[i - 2] != 0x5C)
            if toggles % 2 and quote in (0, char):
                quote = char - quote
            cur += data[i:stop]
        elif char == 0x5B:
            depth += stop - i
        elif char == 0x2C:
            if depth > 0:
                arr.append(bytes(cur))
                arr.extend([b""] * (stop - i - 1))
            else:
                if cur and not (drops_zero and cur == b"0"):
                    params.append(bytes(cur))
                    spans.append((boundary, i))
                boundary = stop
            cur = bytearray()
        elif char == 0x5D:
            depth -= 1
            if cur and not (drops_zero and cur == b"0"):
                arr.append(bytes(cur))
            params.append(arr)
            spans.append((boundary, stop))
            arr, cur, boundary = [], bytearray(), stop
        i = stop  # spaces outside strings vanish
        if len(params) >= 3:
            return params[:3], spans[:3]
    if cur:
        params.append(bytes(cur))
        spans.append((boundary, end))
    return params, spans


def _unescape(pairs: bytes, quote: int) -> bytes:
    """Step 4.1 for a run of escape pairs: a backslash before ``, [ ] " '`` gives that byte alone, before
    any other byte both; outside strings a comma, or the space after a backslash, is dropped (step 4.4).

    Every special byte of the run is the second byte of its own pair, so replacing pair by pair, one
    special byte after the other, never joins bytes of two pairs.
    """
    for escaped, byte in _INSIDE_ESCAPES if quote else _OUTSIDE_ESCAPES:
        if escaped in pairs:
            pairs = pairs.replace(escaped, byte)
    return pairs


def _typed(params: list[_Param]) -> list[object]:
    """Step 6: ``parseValue`` each parameter; array parameters share one accumulator that is never reset."""
    typed: list[object] = []
    accumulator: list[object] | None = None
    for raw in params:
        if isinstance(raw, list):
            if raw:
                if accumulator is None:
                    accumulator = []
                accumulator.extend(_php_value(token) for token in raw)
            typed.append([] if accumulator is None else list(accumulator))
        else:
            typed.append(_php_value(raw))
    return typed


def _php_value(token: bytes) -> object:
    """``Query::parseValue``: quoted strings, PHP's constants, numeric strings, the rest as strings."""
    token = token.strip(_PHP_TRIM)
    if token[:1] in _QUOTES:  # neither a constant nor numeric: drop the first and the last byte
        return _decode(token[1:-1])
    if token in _PHP_CONSTANTS:
        return _PHP_CONSTANTS[token]
    if token.isdigit() and len(token) < INT64_DIGITS:
        return int(token)
    numeric = PHP_NUMERIC.fullmatch(token)
    return _decode(token) if numeric is None else _php_number(numeric)


def _php_number(numeric: re.Match[bytes]) -> int | float:
    """``$token + 0`` for a PHP numeric string, as php-src's ``_zend_handle_numeric_str_ex`` decides it."""
    sign, digits, fraction, exponent, trailing = numeric.groups()
    if digits is not None and fraction is None and exponent is None:
        significant = digits.lstrip(b"0")  # PHP skips leading zeros too
        if len(significant) < INT64_DIGITS:
            return int(sign + (significant or b"0"))
        if len(significant) == INT64_DIGITS:
            # strcmp() of the digits *and the trailing whitespace* against LONG_MIN's digits
            rest = significant + trailing
            if rest < _LONG_MIN_DIGITS or (rest == _LONG_MIN_DIGITS and sign == b"-"):
                return int(sign + significant)
    body = numeric.string[numeric.start(1) : numeric.start(5)]
    return float(body) + 0


def _php_string(value: object) -> str:
    """PHP's string conversion of a scalar (``precision`` 14)."""
    if isinstance(value, str):
        return value
    if value is True:
        return "1"
    if value is False:
        return ""
    if isinstance(value, int):
        return str(value)
    assert isinstance(value, float)
    return _php_float(value)


def _php_float(value: float) -> str:
    """``zend_gcvt(value, 14, '.', 'E')``: ``%.14G`` with ``.0`` after a one-digit mantissa."""
    if math.isnan(value):
        return "NAN"
    if math.isinf(value):
        return "INF" if value > 0 else "-INF"
    sign = "-" if math.copysign(1.0, value) < 0 else ""
    if value == 0.0:
        return sign + "0"
    mantissa, exponent = f"{abs(value):.13e}".split("e")
    digits = mantissa.replace(".", "").rstrip("0")
    point = int(exponent) + 1  # the decimal point is after this many digits
    if (point < -3) if point < 0 else (point > 14):
        power = point - 1
        return f"{sign}{digits[0]}.{digits[1:] or '0'}E{'-' if power < 0 else '+'}{abs(power)}"
    if point <= 0:
        return f"{sign}0.{'0' * -point}{digits}"
    whole = digits[:point].ljust(point, "0")
    return f"{sign}{whole}.{digits[point:]}" if len(digits) > point else sign + whole


def _build(
    method: str, shape: str, params: list[object], spans: list[tuple[int, int]], *, data: bytes, source: str
) -> ServerReading:
    """Step 7: the query from the typed parameters, by the method's shape (``LEGACY_SHAPES``)."""
    warnings: list[str] = []

    def key(index: int) -> object:
        if index < len(params):
            return params[index]
        warnings.append(f"Warning: Undefined array key {index}")
        return None

    def fail(argument: str, expected: str, given: object) -> NoReturn:
        message = f"{_CLASS}{argument} must be of type {expected}, {parameter_type(given)} given"
        start, end = _char_span(data, source, spans[0] if spans else None)
        raise ServerError(message, source, start, end, php_class="TypeError", warnings=tuple(warnings))

    if shape == "between":
        attribute, low, high = key(0), key(1), key(2)
        if attribute is None or isinstance(attribute, list):
            fail("Argument #2 ($attribute)", "string", attribute)
        return ServerReading(method, _php_string(attribute), [low, high], tuple(warnings))
    if shape == "select":
        values = key(0)
        if not isinstance(values, list):
            fail("Argument #3 ($values)", "array", values)
        return ServerReading(method, "", values, tuple(warnings))
    if shape == "page":
        return ServerReading(method, "", params[:1])
    attribute = params[0] if params and params[0] is not None else ""
    if isinstance(attribute, list):
        fail("Argument #2 ($attribute)", "string", attribute)
    if shape == "order" or len(params) < 2:
        return ServerReading(method, _php_string(attribute), [])
    values = params[1] if isinstance(params[1], list) else [params[1]]
    return ServerReading(method, _php_string(attribute), values)


def _char_count(data: bytes) -> int:
    """How many characters of the str source ``data`` came from: a lone surrogate of the source is three
    bytes here (``surrogatepass``), and bytes of a ``bytes`` source that are not UTF-8 count one each."""
    try:
        return len(data.decode("utf-8", "surrogatepass"))
    except UnicodeDecodeError:
        return len(_decode(data))


def _char_span(data: bytes, source: str, span: tuple[int, int] | None) -> tuple[int, int]:
    """A parameter's byte span as a span of ``source``, without its outer spaces."""
    if span is None:
        end = len(source) - 1 if source else 0
        return end, end + 1
    start = min(_char_count(data[: span[0]]), len(source))
    end = min(start + _char_count(data[span[0] : span[1]]), len(source))
    while start < end and source[start] == " ":
        start += 1
    while end > start and source[end - 1] == " ":
        end -= 1
    return start, end
