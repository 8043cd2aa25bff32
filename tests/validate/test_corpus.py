"""The golden corpus tests/data/invalid/validate.txt: one query per line and the exact message."""

from __future__ import annotations

import pytest

from appwrite_dsl.validate import check

from ..corpus import cases
from .helpers import SCHEMA

INVALID = cases("invalid", "validate")


@pytest.mark.parametrize(("text", "expected"), INVALID)
def test_invalid(text: str, expected: str) -> None:
    (error,) = check([text], schema=SCHEMA)
    assert error.message == expected
    assert (error.index, error.source) == (0, text)
    assert 0 <= error.position <= error.end <= len(text)
    assert error.kind == ("strict" if expected.startswith("Expected") else "server")


def test_the_corpus_is_read() -> None:
    assert len(INVALID) >= 50
