"""The readers' kit: what the role and permission reader, the JSON and legacy query readers and the linter's
reader share.

* :class:`Fail`, the one failure a reader raises inside itself (its caller turns it into a ParseError);
* :func:`found` for messages, :func:`skip` for patterns that may match nothing;
* the signed 64-bit bounds of PHP's integers, PHP's type names, PHP's numeric strings;
* the closing quote of a string whose quotes are escaped by backslashes, a lone surrogate;
* the JSON number token and the C encoder behind ``json.dumps``.

>>> found("ab", 1), found("ab", 2), found("ab", 2, end="end of file")
("found 'b'", 'found end of input', 'found end of file')
>>> php_type(1.5), parameter_type(1.5)
('double', 'float')
"""

from __future__ import annotations

import json.encoder
import re
import sys

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from typing import Any, AnyStr, Callable, TypeVar

    T = TypeVar("T")

__all__ = [
    "CLOSING_QUOTE",
    "INT64_DIGITS",
    "INT64_MAX",
    "INT64_MIN",
    "JSON_NUMBER",
    "PHP_NUMERIC",
    "SURROGATE",
    "Fail",
    "c_encoder",
    "found",
    "on_first_use",
    "parameter_type",
    "php_type",
    "skip",
]

INT64_MIN, INT64_MAX = -(2**63), 2**63 - 1
"""PHP's integers (``PHP_INT_MIN``, ``PHP_INT_MAX``): wider JSON integers are read as floats."""
INT64_DIGITS = 19
"""No integer of more significant digits fits in 64 bits."""

# Patterns needed off the readers' success paths only (errors, validation, lint, non-ASCII text),
# compiled on first use: JSON_NUMBER, a JSON number token (RFC 8259) as PHP's scanner reads it;
# PHP_NUMERIC, a string PHP's ``is_numeric`` accepts (leading and trailing whitespace allowed), on bytes,
# with groups: sign, integer digits, fraction, exponent, trailing whitespace; SURROGATE, a lone surrogate
# (in a ``str`` decoded with ``surrogateescape``, a byte that is not UTF-8). Use them as ``_scan.NAME``.
_ON_FIRST_USE = {
    "JSON_NUMBER": r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?",
    "PHP_NUMERIC": (
        rb"[ \t\n\r\x0b\x0c]*([+-]?)(?:([0-9]+)(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?([ \t\n\r\x0b\x0c]*)"
    ),
    "SURROGATE": "[\ud800-\udfff]",
}
if TYPE_CHECKING:
    JSON_NUMBER: re.Pattern[str]
    PHP_NUMERIC: re.Pattern[bytes]
    SURROGATE: re.Pattern[str]
else:  # checkers see the names above, and no module __getattr__ that would hide typos

    def __getattr__(name: str) -> re.Pattern[str] | re.Pattern[bytes]:
        if name not in _ON_FIRST_USE:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        pattern = globals()[name] = re.compile(_ON_FIRST_USE[name])
        return pattern


def on_first_use(
    namespace: dict[str, Any], name: str, load: Callable[[], Callable[[str], T]]
) -> Callable[[str], T]:
    """A stand-in for ``namespace[name]``, a function a reader's success path calls: its first call makes
    the function (``load()``: a pattern compiled, a module imported) and puts it in its place, so that the
    import does not pay for it and every later call goes straight to it."""

    def first(text: str) -> T:
        function = namespace[name] = load()
        return function(text)

    return first


CLOSING_QUOTE = re.compile(r'(?<!\\)(?:\\\\)*"')
"""The closing quote of a string: the first ``"`` after an even run of backslashes (or none). The
lookbehind makes the run maximal; both searches are linear."""


class Fail(Exception):
    """A reader's failure at ``start:end`` of its input (or at ``path`` inside a decoded value); ``stage`` and
    ``status`` as the :class:`~appwrite_dsl.errors.InvalidQuery` made of it carries them."""

    def __init__(
        self,
        start: int,
        end: int,
        message: str,
        path: tuple[str | int, ...] = (),
        *,
        stage: str | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message)
        self.start = start
        self.end = end
        self.message = message
        self.path = path
        self.stage, self.status = stage, status

    def within(self, *steps: str | int) -> Fail:
        """This failure with ``steps`` before its path, re-raised by the container the failing value is in:
        ``raise misfit.within("values", index) from None``."""
        self.path = (*steps, *self.path)
        return self


def found(src: str, pos: int, *, end: str = "end of input") -> str:
    """``"found 'x'"``, or ``"found end of input"`` (``end``) past the end, for error messages."""
    return f"found {src[pos]!r}" if pos < len(src) else f"found {end}"


def skip(pattern: re.Pattern[AnyStr], src: AnyStr, pos: int, endpos: int = sys.maxsize) -> int:
    """The end of ``pattern``'s match at ``pos`` (``pos`` itself when it does not match)."""
    match = pattern.match(src, pos, endpos)
    return pos if match is None else match.end()


def php_type(value: object) -> str:
    """PHP's ``gettype`` of a decoded value: ``NULL``, ``boolean``, ``integer``, ``double``, ``string``,
    ``array``."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "double"
    if isinstance(value, str):
        return "string"
    return "array"


_PARAMETER_TYPES = {"NULL": "null", "boolean": "bool", "integer": "int", "double": "float"}


def parameter_type(value: object) -> str:
    """The type PHP names in a ``TypeError`` for a parameter given ``value``: ``null``, ``bool``, ``int``,
    ``float``, ``string``, ``array``."""
    kind = php_type(value)
    return _PARAMETER_TYPES.get(kind, kind)


_make_encoder = vars(json.encoder).get("c_make_encoder")  # the C encoder behind json.dumps, when built


def c_encoder(default: Callable[[Any], Any] | None) -> Callable[[Any, int], list[str]] | None:
    """The C encoder ``json.dumps(..., separators=(",", ":"))`` runs (ASCII escapes, no NaN, keys as
    given), with ``default`` for what it cannot write; None when the interpreter was built without it."""
    if _make_encoder is None:  # pragma: no cover - CPython builds the C encoder
        return None
    escape = json.encoder.encode_basestring_ascii
    return _make_encoder(None, default, escape, None, ":", ",", False, False, False)  # type: ignore[no-any-return]
