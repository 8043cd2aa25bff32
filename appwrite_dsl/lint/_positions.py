"""Offsets into a text as 1-based lines and columns, and the lines themselves, for messages and reporters."""

from __future__ import annotations

import bisect

__all__ = ["Lines"]


class Lines:
    """Offsets to 1-based (line, column) and back; columns count characters (code points).

    Lines are counted on demand from the nearest offset already located, so locating findings costs one
    pass over the text however many there are, and nothing when there are none.
    """

    __slots__ = ("_lines", "_offsets", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._offsets = [0]  # offsets already located, sorted, and the line each one is on
        self._lines = [1]

    def position(self, offset: int) -> tuple[int, int]:
        """The 1-based line and column of ``offset``."""
        text = self.text
        offsets = self._offsets
        nearest = bisect.bisect_right(offsets, offset) - 1
        line = self._lines[nearest] + text.count("\n", offsets[nearest], offset)
        if offsets[nearest] != offset:
            offsets.insert(nearest + 1, offset)
            self._lines.insert(nearest + 1, line)
        return line, offset - text.rfind("\n", 0, offset)

    def excerpt(self, offset: int, around: int = 150) -> tuple[str, int, bool]:
        """The line holding ``offset`` without its line break, cut to ``around`` characters either side of
        it: the text, the column it starts at, and whether the line goes on after it."""
        text = self.text
        start = text.rfind("\n", 0, offset) + 1
        end = text.find("\n", offset)
        end = len(text) if end == -1 else end
        lo, hi = max(start, offset - around), min(end, offset + around)
        shown = text[lo:hi]
        return (shown.rstrip("\r") if hi == end else shown), lo - start + 1, hi < end

    def line(self, number: int) -> str:
        """The text of 1-based line ``number``, without its line break ("" past the end)."""
        offsets, lines = self._offsets, self._lines
        nearest = max(0, bisect.bisect_right(lines, number) - 1)
        start, at = offsets[nearest], lines[nearest]
        text = self.text
        start = text.rfind("\n", 0, start) + 1
        while at < number:
            found = text.find("\n", start)
            if found == -1:
                return ""
            start, at = found + 1, at + 1
        end = text.find("\n", start)
        return text[start : len(text) if end == -1 else end].rstrip("\r")
