"""Golden corpora: ``tests/data/{valid,invalid}/<name>.txt``, one case per line (format: data/README.md).

A line is tab-separated fields; lines starting with ``#`` and blank lines are skipped. Every field may use
the escapes ``\\t``, ``\\n``, ``\\r``, ``\\\\``, ``\\xNN`` and ``\\uNNNN`` so that any string fits on one
line. In ``valid/`` a line is ``input<TAB>canonical`` (empty canonical: the input itself). In ``invalid/``
it is ``input<TAB>message<TAB>position:end[<TAB>shown]``: the exact message, the span, and, where the input
is not drawn as it is, the second and third lines of the rendering.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

from appwrite_dsl import ParseError

DATA = Path(__file__).parent / "data"
INDENT = "    "  # before the second and third lines of a rendered error

_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[tnr\\])")
_SIMPLE = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}
_SPAN = re.compile(r"(\d+):(\d+)")


def unescape(field: str) -> str:
    """Decode the corpus escapes of one field."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        return _SIMPLE.get(code) or chr(int(code[1:], 16))

    return _ESCAPE.sub(replace, field)


def _rows(kind: str, name: str) -> list[list[str]]:
    rows = []
    for line in (DATA / kind / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append([unescape(field) for field in line.split("\t")])
    return rows


def cases(kind: str, name: str) -> list[tuple[str, str]]:
    """The ``(input, expected)`` pairs of ``data/<kind>/<name>.txt``: the first two fields of each line."""
    return [(row[0], row[1] if len(row) > 1 else "") for row in _rows(kind, name)]


class Refusal(NamedTuple):
    """One line of ``data/invalid/<name>.txt``: what the parser must raise for ``text``."""

    text: str
    message: str
    position: int
    end: int
    rendering: str  # the whole ``str(error)``, three lines

    def check(self, error: ParseError) -> None:
        """Assert that ``error`` is this refusal: message, source, span and the three rendered lines."""
        assert error.message == self.message
        assert error.source == self.text
        assert (error.position, error.end) == (self.position, self.end)
        assert str(error) == self.rendering


def _refusal(row: list[str]) -> Refusal:
    text, message, span, *shown = row
    match = _SPAN.fullmatch(span)
    assert match is not None and len(shown) <= 1, f"not input, message, position:end[, shown]: {row!r}"
    position, end = int(match.group(1)), int(match.group(2))
    if shown:  # drawn with symbols or cut to a window: the two lines as written in the file
        source_line, _, caret_line = shown[0].partition("\n")
    else:  # the input as it is, a caret under ``position`` and ``~`` up to ``end`` (at least one mark)
        source_line = text
        caret_line = " " * position + "^" + "~" * (max(end, position + 1) - position - 1)
    return Refusal(text, message, position, end, f"{message}\n{INDENT}{source_line}\n{INDENT}{caret_line}")


def refusals(name: str) -> list[Refusal]:
    """The cases of ``data/invalid/<name>.txt``."""
    return [_refusal(row) for row in _rows("invalid", name)]


def case_id(value: object) -> str | None:
    """A pytest id: a refusal's input (pytest escapes what is not printable ASCII); other values keep theirs."""
    return value.text if isinstance(value, Refusal) else None
