"""The examples of appwrite_dsl.validate's docstrings and of docs/validation.md run as written."""

from __future__ import annotations

import doctest
import os
from pathlib import Path

import pytest

import appwrite_dsl.validate

ROOT = Path(__file__).resolve().parents[2]


def test_module_docstrings() -> None:
    result = doctest.testmod(appwrite_dsl.validate, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 15
    assert result.failed == 0


def test_the_documentation_page(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the page reads examples/appwrite.config.json
    result = doctest.testfile(
        os.fspath(ROOT / "docs" / "validation.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted >= 12
    assert result.failed == 0
