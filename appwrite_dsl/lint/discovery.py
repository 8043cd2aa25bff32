"""Finding the project file the way the Appwrite CLI does (cli-config.md §1), and the ``pyproject.toml``
that holds the linter's settings."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

__all__ = ["PROJECT_FILES", "find_project_file", "find_pyproject"]

PROJECT_FILES = ("appwrite.config.json", "appwrite.json")
"""The current name first: the CLI looks for it in every ancestor before looking for the legacy name."""


def _ancestors(start: Path) -> Iterator[Path]:
    yield start
    yield from start.parents


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
