"""The golden corpus tests/data/invalid/validate.txt, whole: each query's error as ``check`` reports it,
message, span and the three rendered lines (tests/validate/test_corpus.py checks the message and the kind).
"""

from __future__ import annotations

import pytest

from appwrite_dsl.validate import check

from ..corpus import Refusal, case_id, refusals
from ..validate.helpers import SCHEMA

INVALID = refusals("validate")


@pytest.mark.parametrize("case", INVALID, ids=case_id)
def test_invalid(case: Refusal) -> None:
    (error,) = check([case.text], schema=SCHEMA)
    assert error.index == 0
    case.check(error)


def test_the_corpus_is_read() -> None:
    assert len(INVALID) >= 50
