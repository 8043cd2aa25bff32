"""The golden corpora of Role, Permission and ID (tests/data)."""

from __future__ import annotations

from typing import Callable

import pytest

from appwrite_dsl import ID, InvalidID, InvalidPermission, InvalidRole, ParseError, Permission, Role

from ..corpus import Refusal, case_id, cases, refusals

PARSERS: dict[str, tuple[Callable[[str], object], type[ParseError]]] = {
    "roles": (Role.parse, InvalidRole),
    "permissions": (Permission.parse, InvalidPermission),
    "ids": (ID.parse, InvalidID),
}

VALID = [(name, *case) for name in PARSERS for case in cases("valid", name)]
INVALID = [(name, case) for name in PARSERS for case in refusals(name)]


@pytest.mark.parametrize(("grammar", "text", "canonical"), VALID)
def test_valid(grammar: str, text: str, canonical: str) -> None:
    parse, _ = PARSERS[grammar]
    assert str(parse(text)) == (canonical or text)


@pytest.mark.parametrize(("grammar", "case"), INVALID, ids=case_id)
def test_invalid(grammar: str, case: Refusal) -> None:
    parse, error = PARSERS[grammar]
    with pytest.raises(error) as caught:
        parse(case.text)
    case.check(caught.value)


def test_the_loader_reads_every_file() -> None:
    for grammar in PARSERS:
        assert cases("valid", grammar)
        assert refusals(grammar)
    assert len(VALID) + len(INVALID) > 180
