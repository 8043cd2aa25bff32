"""The one error family of appwrite_dsl.

Every parser, builder and validator raises a :class:`ParseError` (a :class:`ValueError`). It carries the
text it read (``source``), a 0-based ``position`` and the ``end`` of the span it is about, and renders as
three lines: the message, the text, and a caret under the span::

    Expected '")' after the role, found 'x'
        read("any")x
                   ^

Control characters and line breaks in the text and the message are drawn as visible symbols (``\\n`` as
``␊``), so that the rendering is always three lines and the caret stays under the right character; a long
text is cut to a window around the span. ``message`` itself keeps the exact text.

Where a caller has to tell apart which rule refused a text, the error says so in ``kind``, one of the
constants below, rather than in words a caller would have to search the message for; it is None for the
errors no caller needs to tell apart:

* :data:`LEGACY_WILDCARD` (``"legacy-wildcard"``): the server refuses a permission or role from before
  Appwrite 1.0 that grants to everyone as ``*`` (the string ``*`` itself, or a permission whose role is
  named ``*``);
* :data:`LEGACY_ROLE_PREFIX` (``"legacy-role-prefix"``): the server refuses a permission or role written
  with the ``role:`` prefix of before Appwrite 1.0 (``role:all``, ``role:member``).

>>> from appwrite_dsl import validate_roles
>>> try:
...     validate_roles(["*"])
... except ValidationError as error:
...     print(error.kind, "|", error.message)
legacy-wildcard | Wildcard role "*" has been replaced. Use "any" instead.

(:class:`appwrite_dsl.validate.QueryError` has kinds of its own: whose rule a query breaks.)

A query reader's :class:`InvalidQuery` says whose refusal it is in ``stage`` and ``status`` (the server's, at
which step of its ``Query::parse`` and with which HTTP status; None for appwrite_dsl's own), the words
:class:`~appwrite_dsl.validate.QueryError` uses for a whole list (its ``kind`` is then ``"server"`` or
``"strict"``):

>>> from appwrite_dsl import Query
>>> for text in ('{"method":"equal"', '{"method":"lessThen"}', '{"method":"equal","values":{"a":1}}'):
...     try:
...         Query.parse(text)
...     except InvalidQuery as error:
...         print(error.stage, error.status, "|", error.message)
decode 400 | Invalid query: Syntax error
parse 400 | Invalid query method: lessThen
None None | Expected the values as a JSON array, found an object (the server reads its members' values)
"""

from __future__ import annotations

from functools import cache

__all__ = [
    "LEGACY_ROLE_PREFIX",
    "LEGACY_WILDCARD",
    "InvalidID",
    "InvalidPermission",
    "InvalidQuery",
    "InvalidRole",
    "ParseError",
    "ValidationError",
]

LEGACY_WILDCARD = "legacy-wildcard"
"""``kind`` of the server's refusal of ``*``, the wildcard of before Appwrite 1.0, as a permission or role."""
LEGACY_ROLE_PREFIX = "legacy-role-prefix"
"""``kind`` of the server's refusal of a permission or role with the ``role:`` prefix of before Appwrite
1.0."""

_WINDOW = 72  # characters of the source shown around the span
_INDENT = "    "


@cache
def _visible_symbols() -> dict[int, str]:
    """Characters that would break the rendering's three lines (``str.splitlines`` ends a line at each), that
    are invisible, or that cannot be printed: C0 controls as their control pictures, DEL as ␡, the other
    line breaks as ␤, lone surrogates (which cannot be written to a UTF-8 stream) as the replacement
    character �. Built on the first rendering, not at import."""
    symbols = {code: chr(0x2400 + code) for code in range(0x20)}
    symbols.update({0x7F: "\u2421", 0x85: "\u2424", 0x2028: "\u2424", 0x2029: "\u2424"})
    symbols.update(dict.fromkeys(range(0xD800, 0xE000), "\ufffd"))
    return symbols


def _visible(text: str) -> str:
    return text.translate(_visible_symbols())


class ParseError(ValueError):
    """A string does not follow the grammar, or a value breaks a rule.

    ``source`` is the text that was read, ``position`` the 0-based index the message refers to
    (``len(source)`` for the end of the input), ``end`` the end of the span (exclusive):
    ``0 <= position <= end <= len(source)`` always holds. ``message`` is the first line of ``str(error)``.
    ``kind`` says which rule refused the text (:data:`LEGACY_WILDCARD`, :data:`LEGACY_ROLE_PREFIX`) where a
    caller may have to branch on it, and is None otherwise.
    """

    kind: str | None = None

    def __init__(
        self, message: str, source: str, position: int, end: int | None = None, *, kind: str | None = None
    ) -> None:
        super().__init__(message, source, position, end)
        position = max(0, min(position, len(source)))
        self.message = message
        self.source = source
        self.position = position
        self.end = position if end is None else max(position, min(end, len(source)))
        if kind is not None:  # None stays the class's default: errors without a kind keep no extra state
            self.kind = kind

    @property
    def span(self) -> tuple[int, int]:
        """``(position, end)``, the half-open span of ``source`` that the message is about."""
        return (self.position, self.end)

    def __str__(self) -> str:
        start, end = self.position, max(self.end, self.position + 1)
        lo = 0
        if len(self.source) > _WINDOW:
            lo = max(0, min(start - _WINDOW // 3, len(self.source) - _WINDOW))
        hi = lo + _WINDOW
        shown = _visible(self.source[lo:hi])
        prefix = "..." if lo > 0 else ""
        suffix = "..." if hi < len(self.source) else ""
        pad = len(prefix) + start - lo
        width = max(1, min(end, hi) - start)
        marker = " " * pad + "^" + "~" * (width - 1)
        return f"{_visible(self.message)}\n{_INDENT}{prefix}{shown}{suffix}\n{_INDENT}{marker}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, position={self.position})"


class InvalidRole(ParseError):
    """A role string (``team:t1/owner``) or a role builder's argument is not valid."""


class InvalidPermission(ParseError):
    """A permission string (``read("any")``) or a permission builder's argument is not valid."""


class InvalidID(ParseError):
    """An ID is not a valid Appwrite key, or ``ID.unique()`` was asked for an impossible length."""


class InvalidQuery(ParseError):
    """A query string (JSON or legacy syntax) or a query builder's argument is not valid.

    ``stage`` says which step of the server's ``Query::parse`` refuses the text: ``"decode"`` (PHP's
    ``json_decode``, or a decoded value that is not an array: ``Invalid query: Syntax error``), ``"parse"``
    (its checks of the method, attribute and values, PHP TypeErrors included), or None: the server would not
    refuse it this way, and the message is appwrite_dsl's (a text the server reads differently from how it
    looks, a value the syntax cannot carry, a builder's argument). ``status`` is the HTTP status the server
    answers with (400, or 500 for a PHP TypeError), None when ``stage`` is None. Where the server refuses the
    text, the message is its own, but for a TypeError of the cloud dialect, which it describes.
    """

    __slots__ = ("stage", "status")

    def __init__(
        self,
        message: str,
        source: str,
        position: int,
        end: int | None = None,
        *,
        stage: str | None = None,
        status: int | None = None,
    ) -> None:
        super().__init__(message, source, position, end)
        self.stage = stage
        self.status = status

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), self.args, {**vars(self), "stage": self.stage, "status": self.status})


class ValidationError(ParseError):
    """The Appwrite server would reject a list of strings; ``message`` is the server's own text.

    ``index`` is the position of the offending item in the list (``None`` when the list as a whole is at
    fault, for example when it is too long); ``source`` is that item's text.
    """

    def __init__(
        self,
        message: str,
        source: str,
        position: int = 0,
        end: int | None = None,
        *,
        index: int | None = None,
        kind: str | None = None,
    ) -> None:
        super().__init__(message, source, position, end, kind=kind)
        self.index = index

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, index={self.index})"
