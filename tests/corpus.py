"""Golden corpora: ``tests/data/{valid,invalid}/<name>.txt``, one case per line.

A line is ``input<TAB>expected``; lines starting with ``#`` and blank lines are skipped. Both fields may
use the escapes ``\\t``, ``\\n``, ``\\r``, ``\\\\``, ``\\xNN`` and ``\\uNNNN`` so that any string fits on
one line. In ``valid/`` the expected field is the canonical form (empty: the input itself); in
``invalid/`` it is the exact error message.
"""

from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).parent / "data"

_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[tnr\\])")
_SIMPLE = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def unescape(field: str) -> str:
    """Decode the corpus escapes of one field."""

    def replace(match: re.Match[str]) -> str:
        code = match.group(1)
        return _SIMPLE.get(code) or chr(int(code[1:], 16))

    return _ESCAPE.sub(replace, field)


def cases(kind: str, name: str) -> list[tuple[str, str]]:
    """The ``(input, expected)`` pairs of ``data/<kind>/<name>.txt``."""
    pairs = []
    for line in (DATA / kind / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, _, expected = line.partition("\t")
        pairs.append((unescape(text), unescape(expected)))
    return pairs
