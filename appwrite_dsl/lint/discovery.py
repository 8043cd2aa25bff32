"""Finding project files: the one the Appwrite CLI reads (its upward search), every one below a directory
(a walk like ruff's, which skips ``.git``, ``node_modules`` and what ``.gitignore`` excludes), and the
``pyproject.toml`` that holds the linter's settings.

The Appwrite CLI looks for ``appwrite.config.json`` in the working directory and each of its ancestors
first; only when there is none anywhere does it look for ``appwrite.json`` likewise. So in a directory
holding both, it reads ``appwrite.config.json``.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from . import _gitignore

__all__ = [
    "PROJECT_FILES",
    "SKIPPED_DIRECTORIES",
    "find_legacy_file",
    "find_project_file",
    "find_pyproject",
    "walk",
]

PROJECT_FILES = ("appwrite.config.json", "appwrite.json")
"""The current name first: the CLI looks for it in every ancestor before looking for the legacy name."""

SKIPPED_DIRECTORIES = frozenset((".git", ".hg", ".svn", "node_modules"))
"""Directories a walk never enters, ignored by git or not."""


def _ancestors(start: Path) -> Iterator[Path]:
    yield start
    yield from start.parents


def find_legacy_file(start: Path) -> Path | None:
    """The nearest ``appwrite.json`` in ``start`` or an ancestor, which the CLI reads only when no
    ``appwrite.config.json`` is found."""
    for directory in _ancestors(start.resolve()):
        candidate = directory / PROJECT_FILES[1]
        if candidate.is_file():
            return candidate
    return None


def find_project_file(start: Path) -> Path | None:
    """The project file the Appwrite CLI reads when run in ``start``: ``appwrite.config.json`` in ``start``
    or its nearest ancestor that has one; failing that, ``appwrite.json`` likewise; else None."""
    start = start.resolve()
    for name in PROJECT_FILES:
        for directory in _ancestors(start):
            candidate = directory / name
            if candidate.is_file():
                return candidate
    return None


def _inherited(directory: Path) -> list[_gitignore.Pattern]:
    """The ``.gitignore`` patterns of the ancestors of ``directory`` inside its git work tree, outermost
    first, and of ``.git/info/exclude``."""
    chain: list[Path] = []
    for ancestor in directory.parents:
        chain.append(ancestor)
        if (ancestor / ".git").exists():
            break
    else:
        return []  # not inside a git work tree: no .gitignore above applies
    patterns: list[_gitignore.Pattern] = []
    root = chain[-1]
    try:
        exclude = (root / ".git" / "info" / "exclude").read_text(encoding="utf-8", errors="replace")
    except OSError:
        exclude = ""
    patterns.extend(_gitignore.parse(exclude.splitlines(), root))
    for ancestor in reversed(chain):
        patterns.extend(_gitignore.read(ancestor))
    return patterns


def walk(directory: Path) -> Iterator[Path]:
    """Every project file at or below ``directory``, directories in name order, skipping
    :data:`SKIPPED_DIRECTORIES` and what ``.gitignore`` files (of the walk and of the enclosing git work
    tree) exclude. Both names are yielded when a directory holds both."""
    directory = directory.resolve()
    stack: list[tuple[Path, list[_gitignore.Pattern]]] = [(directory, _inherited(directory))]
    while stack:
        current, patterns = stack.pop()
        patterns = patterns + _gitignore.read(current)
        try:
            entries = sorted(os.scandir(current), key=lambda entry: entry.name)
        except OSError:
            continue
        subdirectories = []
        for entry in entries:
            path = Path(entry.path)
            is_dir = entry.is_dir(follow_symlinks=False)
            if is_dir and entry.name in SKIPPED_DIRECTORIES:
                continue
            if _gitignore.ignored(path, is_dir, patterns):
                continue
            if is_dir:
                subdirectories.append((path, patterns))
            elif entry.name in PROJECT_FILES and entry.is_file():
                yield path
        stack.extend(reversed(subdirectories))


def find_pyproject(start: Path) -> Path | None:
    """The nearest ``pyproject.toml`` in ``start`` or an ancestor that mentions ``[tool.appwrite-dsl]``."""
    for directory in _ancestors(start.resolve()):
        candidate = directory / "pyproject.toml"
        if candidate.is_file():
            try:
                content = candidate.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            if "tool.appwrite-dsl" in content or 'tool."appwrite-dsl"' in content:
                return candidate
    return None
