"""The examples in the authorization modules' docstrings run as written (from the repository root, where
``examples/appwrite.config.json`` is)."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODULES = [
    "appwrite_dsl.authorization",
    "appwrite_dsl.access",
    "appwrite_dsl.audit",
    "appwrite_dsl.testing",
]


@pytest.mark.parametrize("name", MODULES)
def test_module_docstrings(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 2
    assert result.failed == 0


SOURCES = [
    *(
        ROOT / "appwrite_dsl" / f"{name}.py"
        for name in ("authorization", "access", "audit", "testing", "_decide")
    ),
    ROOT / "appwrite_dsl" / "_decision.py",
    ROOT / "docs" / "guides" / "who-can-do-what.md",
]


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: path.name)
def test_sources_cite_public_sources_only(path: Path) -> None:
    # The server's own files are named by repository, tag and path; nothing points outside the repository.
    text = path.read_text(encoding="utf-8")
    for marker in ("spec/", ".md §", "§"):  # paths outside the repository: tests/test_spec_sync.py
        assert marker not in text, marker
