"""The part of git's ignore rules the directory walk needs: ``.gitignore`` patterns, read per directory.

Supported, as ``gitignore(5)`` describes them: blank lines and ``#`` comments; ``\\#`` and ``\\!`` escapes;
trailing spaces (unless escaped); ``!`` to re-include; a trailing ``/`` for directories only; a pattern with a
``/`` elsewhere is anchored to its ``.gitignore``'s directory, one without matches a name at any depth;
``*``, ``?``, ``[...]`` (``[!...]`` negated) and ``**`` (``**/x``, ``x/**``, ``a/**/b``); the last matching
pattern wins. As in git, nothing is re-included below an ignored directory, since the walk never enters it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

__all__ = ["Pattern", "ignored", "parse", "read"]


class Pattern(NamedTuple):
    """One pattern: ``regex`` matches a path relative to ``base`` (the ``.gitignore``'s directory)."""

    base: Path
    regex: re.Pattern[str]
    negated: bool
    directory_only: bool


def _translate(glob: str) -> str:
    """The regular expression of a glob (``/``-separated, without leading or trailing ``/``)."""
    out: list[str] = []
    index = 0
    while index < len(glob):
        char = glob[index]
        if glob.startswith("**/", index) and (index == 0 or glob[index - 1] == "/"):
            out.append("(?:[^/]*/)*")
            index += 3
            continue
        if glob.startswith("**", index) and index + 2 == len(glob) and (index == 0 or glob[index - 1] == "/"):
            out.append(".*")
            index += 2
            continue
        if char == "*":
            out.append("[^/]*")
        elif char == "?":
            out.append("[^/]")
        elif char == "[":
            close = glob.find("]", index + 2 if glob.startswith(("[!", "[^", "[]"), index) else index + 1)
            if close < 0:
                out.append(re.escape(char))
            else:
                body = glob[index + 1 : close]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                index = close
        elif char == "\\" and index + 1 < len(glob):
            index += 1
            out.append(re.escape(glob[index]))
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


def parse(lines: Sequence[str], base: Path) -> list[Pattern]:
    """The patterns of a ``.gitignore`` in ``base`` with these lines."""
    patterns = []
    for raw in lines:
        line = raw.rstrip("\r\n")
        while line.endswith(" ") and not line.endswith("\\ "):
            line = line[:-1]
        if not line or line.startswith("#"):
            continue
        negated = line.startswith("!")
        if negated or line.startswith(("\\!", "\\#")):
            line = line[1:]
        directory_only = line.endswith("/")
        line = line.rstrip("/")
        if not line:
            continue
        anchored = "/" in line
        line = line.lstrip("/")
        prefix = "" if anchored else "(?:[^/]*/)*"
        regex = re.compile(prefix + _translate(line) + r"\Z", re.DOTALL)
        patterns.append(Pattern(base, regex, negated, directory_only))
    return patterns


def read(directory: Path) -> list[Pattern]:
    """The patterns of ``directory/.gitignore`` (none when it is absent or unreadable)."""
    try:
        text = (directory / ".gitignore").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return []
    return parse(text.splitlines(), directory)


def ignored(path: Path, is_dir: bool, patterns: Sequence[Pattern]) -> bool:
    """Whether the last pattern matching ``path`` ignores it (patterns in the order git reads them)."""
    verdict = False
    for pattern in patterns:
        if pattern.directory_only and not is_dir:
            continue
        try:
            relative = path.relative_to(pattern.base).as_posix()
        except ValueError:
            continue
        if pattern.regex.match(relative):
            verdict = not pattern.negated
    return verdict
