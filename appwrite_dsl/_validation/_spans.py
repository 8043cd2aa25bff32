"""Where a path lies in a query string, and the endpoint's textual rewrites (webhooks: ``"tls"`` ->
``"security"``)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from .. import _methods, _php_json
from .._scan import CLOSING_QUOTE
from ._versions import Path


def json_span(text: str, path: Path) -> tuple[int, int]:
    """The span of ``path`` in a JSON query (the whole text when it cannot be located)."""
    try:
        return _php_json.locate(text, path)
    except (ValueError, IndexError, StopIteration):  # pragma: no cover - the texts given are valid JSON
        return 0, len(text)


_TOKEN_END = re.compile(r"[^,\[\]) ]*")


def _legacy_layout(text: str) -> tuple[tuple[int, int], list[tuple[int, int, list[tuple[int, int]]]]]:
    """The method's span and each argument's span (with its items' spans, for arrays) in a canonical legacy
    query, ``equal("a", ["x", "y"])``."""
    paren = text.index("(")
    args: list[tuple[int, int, list[tuple[int, int]]]] = []
    position, end = paren + 1, len(text) - 1
    while position < end:
        char = text[position]
        if char in " ,":
            position += 1
            continue
        if char == "[":
            items: list[tuple[int, int]] = []
            start = position
            position += 1
            while position < end and text[position] != "]":
                if text[position] in " ,":
                    position += 1
                    continue
                stop = _scalar_end(text, position)
                items.append((position, stop))
                position = stop
            position += 1
            args.append((start, position, items))
        else:
            stop = _scalar_end(text, position)
            args.append((position, stop, []))
            position = stop
    return (0, paren), args


def _scalar_end(text: str, position: int) -> int:
    if text[position] == '"':
        closing = CLOSING_QUOTE.search(text, position + 1)
        return len(text) - 1 if closing is None else closing.end()
    match = _TOKEN_END.match(text, position)
    assert match is not None  # the pattern matches the empty string
    return max(match.end(), position + 1)


def legacy_span(text: str, path: Path) -> tuple[int, int]:
    """The span of ``path`` (``("attribute",)``, ``("values", i)``, ...) in a canonical legacy query."""
    try:
        method, args = _legacy_layout(text)
    except ValueError:  # pragma: no cover - the texts given were read by the strict reader
        return 0, len(text)
    name = text[: method[1]]
    shape = _methods.LEGACY_SHAPES.get(name, "")
    step = path[0] if path else ""
    if step == "method" or not args:
        return method
    has_attribute = shape in ("filter", "between", "order")
    if step == "attribute":
        return args[0][:2] if has_attribute else method
    rest = args[1:] if has_attribute else args
    if not rest:
        return args[-1][:2]
    if len(path) == 1:
        return rest[0][0], rest[-1][1]
    index = path[1]
    assert isinstance(index, int)
    first = rest[0]
    if first[2] and index < len(first[2]):
        return first[2][index]
    return rest[min(index, len(rest) - 1)][:2]


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
