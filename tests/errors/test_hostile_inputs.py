"""Adversarial inputs for every parser: deep nesting, huge inputs, control characters, BOM, NUL, lone
surrogates and invalid UTF-8 give a value or a ParseError (a finding, for the linter), never anything else;
errors render as three printable lines; memory stays a small multiple of the input. (A project file nested
100,000 deep is tests/lint/test_rules.py's.)"""

from __future__ import annotations

import tracemalloc
from typing import Callable

import pytest

from appwrite_dsl import ID, ParseError, Permission, Query, Role
from appwrite_dsl.lint.rules import check_bytes

PARSERS: dict[str, Callable[[str], object]] = {
    "role": Role.parse,
    "permission": Permission.parse,
    "id": ID.parse,
    "query-auto": Query.parse,
    "query-json": lambda text: Query.parse(text, "json"),
    "query-legacy": lambda text: Query.parse(text, "legacy"),
}
CANONICAL = {
    "role": "team:t1/owner",
    "permission": 'read("user:abc/verified")',
    "id": "my-doc_1",
    "query-auto": '{"method":"equal","attribute":"a","values":["x"]}',
    "query-json": '{"method":"equal","attribute":"a","values":["x"]}',
    "query-legacy": 'equal("a", ["x"])',
}
# every C0 control, DEL, the other line breaks, BOM, NUL and lone surrogates
SPECIAL = [chr(c) for c in range(0x20)] + ["\x7f", "\x85", "\u2028", "\u2029", "\ufeff", "\ud800", "\udfff"]


def read(name: str, text: str) -> object:
    """The parser's value, or its ParseError; anything else escapes and fails the test."""
    try:
        return PARSERS[name](text)
    except ParseError as error:
        caught = error
    assert 0 <= caught.position <= caught.end <= len(text)
    rendered = str(caught)
    assert len(rendered.splitlines()) == 3
    rendered.encode("utf-8")  # printable: no lone surrogate left
    return caught


@pytest.mark.parametrize("name", sorted(PARSERS))
@pytest.mark.parametrize("char", SPECIAL, ids=lambda c: f"U+{ord(c):04X}")
def test_special_characters_anywhere(name: str, char: str) -> None:
    canonical = CANONICAL[name]
    middle = len(canonical) // 2
    for text in (char, char + canonical, canonical + char, canonical[:middle] + char + canonical[middle:]):
        read(name, text)


@pytest.mark.parametrize("name", sorted(PARSERS))
@pytest.mark.parametrize("opener", ["[", "{", "(", '{"method":"and","values":[', 'equal("a", ['])
def test_nesting_100000_deep_is_a_parse_error(name: str, opener: str) -> None:
    result = read(name, opener * 100_000)
    assert isinstance(result, ParseError)


@pytest.mark.parametrize("name", sorted(PARSERS))
def test_ten_megabyte_inputs(name: str) -> None:
    canonical = CANONICAL[name]
    for text in ("a" * 10_000_000, canonical[:-2] + "a" * 10_000_000 + canonical[-2:]):
        read(name, text)


@pytest.mark.parametrize(
    "data", [b"\xff", b"limit(\xff)", b'{"method":"limit","values":[1]}\xff', b"\xed\xa0\x80", b"\xc0\xaf"]
)
def test_invalid_utf8_bytes(data: bytes) -> None:
    with pytest.raises(ParseError) as caught:
        Query.parse(data)
    assert len(str(caught.value).splitlines()) == 3
    assert check_bytes(data, "appwrite.config.json")[0].code in ("AW001", "AW002")


@pytest.mark.parametrize("syntax", ["json", "legacy"])
def test_memory_is_a_small_multiple_of_the_input(syntax: str) -> None:
    values = [f"v{i}" * (1 + i % 5) for i in range(60_000)]
    if syntax == "json":
        text = '{"method":"equal","attribute":"a","values":[' + ",".join(f'"{v}"' for v in values) + "]}"
    else:
        text = 'equal("a", [' + ",".join(f'"{v}"' for v in values) + "])"
    tracemalloc.start()
    try:
        query = Query.parse(text, syntax)  # type: ignore[arg-type]
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert query.values is not None
    assert len(query.values) == len(values)
    assert peak <= 8 * len(text)  # measured: about 4x on CPython 3.11
