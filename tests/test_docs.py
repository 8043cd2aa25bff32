"""The examples in the README and in the modules' docstrings run as written."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "appwrite_dsl.role",
    "appwrite_dsl.permission",
    "appwrite_dsl.id",
    "appwrite_dsl.query",
    "appwrite_dsl._methods",
    "appwrite_dsl._scan",
    "appwrite_dsl._operand",
    "appwrite_dsl._php_json",
    "appwrite_dsl._legacy_server",
]


def test_readme() -> None:
    result = doctest.testfile(str(ROOT / "README.md"), module_relative=False, optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 8
    assert result.failed == 0


@pytest.mark.parametrize("name", MODULES)
def test_module_docstrings(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 2
    assert result.failed == 0
