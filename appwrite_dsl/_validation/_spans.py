"""Where a path lies in a JSON query string (in a legacy one: :func:`appwrite_dsl._legacy.legacy_span`), and
the endpoint's textual rewrites (webhooks: ``"tls"`` -> ``"security"``)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .. import _php_json
from ._versions import Path


def json_span(text: str, path: Path) -> tuple[int, int]:
    """The span of ``path`` in a JSON query (the whole text when it cannot be located)."""
    try:
        return _php_json.locate(text, path)
    except (ValueError, IndexError, StopIteration):  # pragma: no cover - the texts given are valid JSON
        return 0, len(text)


# --------------------------------------------------------------------------------------------------------
# The endpoint's textual rewrites (webhooks: "tls" -> "security")


def rewrite(text: str, rewrites: Iterable[tuple[str, str]]) -> tuple[str, list[tuple[int, int, int]]]:
    """``text`` with every occurrence replaced, and the replacements as ``(start in the result, new
    length, old length)``, in order, for :func:`original_span`."""
    spots: list[tuple[int, str, str]] = []
    for old, new in rewrites:
        start = text.find(old)
        while start >= 0:
            spots.append((start, old, new))
            start = text.find(old, start + len(old))
    if not spots:
        return text, []
    spots.sort()
    pieces, moved, cursor = [], [], 0
    for start, old, new in spots:
        if start < cursor:  # pragma: no cover - the rewrites of one endpoint never overlap
            continue
        pieces.append(text[cursor:start])
        moved.append((sum(map(len, pieces)), len(new), len(old)))
        pieces.append(new)
        cursor = start + len(old)
    pieces.append(text[cursor:])
    return "".join(pieces), moved


def original_span(span: tuple[int, int], moved: Sequence[tuple[int, int, int]]) -> tuple[int, int]:
    """A span of the rewritten text as a span of the original one."""

    def back(position: int) -> int:
        shift = 0
        for start, new, old in moved:
            if position >= start + new:
                shift += new - old
            elif position > start:
                return start - shift + min(position - start, old)
        return position - shift

    return back(span[0]), back(span[1])
