"""Properties of ID: generated IDs and their layout, and ID.parse/custom/is_valid against the Key rule."""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl import ID, UNIQUE, InvalidID, Role
from appwrite_dsl.strategies import ids

from .invariants import attempt, check_error, grammar_text, token_text

KEY_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"


def key_rule(max_length: int) -> re.Pattern[str]:
    """The server's Key validator as a regular expression (utopia-php/database 7.2.6
    ``src/Database/Validator/Key.php``)."""
    return re.compile(rf"[A-Za-z0-9][A-Za-z0-9._\-]{{0,{max_length - 1}}}")


KEY = key_rule(36)
id_texts = st.one_of(
    st.text(),
    st.text(alphabet=KEY_CHARS, max_size=40),
    st.text(alphabet=st.sampled_from(KEY_CHARS) | st.characters(), max_size=40),
    grammar_text,
    token_text,
    ids(allow_unique=True),
    st.sampled_from((UNIQUE, "unique()\n", "Unique()", " unique()", "0", "a" * 36, "a" * 37, "a\n", "$id")),
)
paddings = st.integers(0, 23)
# Nanoseconds since the epoch up to 2106, where the seconds field is 8 hex digits.
instants = st.integers(0, 2**32 * 10**9 - 1)


# ----------------------------------------------------------------------------------------------- unique()


@pytest.mark.parametrize("padding", range(24))
def test_unique_is_lower_hex_of_13_plus_padding(padding: int) -> None:
    for _ in range(20):
        assert re.fullmatch(f"[0-9a-f]{{{13 + padding}}}", ID.unique(padding))
    assert ID.is_valid(ID.unique(padding), allow_unique=False)


def test_unique_default_is_20_characters() -> None:
    assert re.fullmatch("[0-9a-f]{20}", ID.unique())


@given(paddings, instants, st.binary(min_size=12, max_size=12))
def test_unique_layout(padding: int, now: int, entropy: bytes) -> None:
    asked: list[int] = []

    def random(n: int) -> bytes:
        asked.append(n)
        return entropy[:n]

    value = ID.unique(padding, clock=lambda: now, random=random)
    seconds, nanos = divmod(now, 10**9)
    micros = nanos // 1000
    assert asked == [(padding + 1) // 2]  # ceil(padding / 2) bytes, asked once
    assert value[:8] == f"{seconds:08x}"
    assert value[8:13] == f"{micros % 1000:05x}"
    assert value[13:] == entropy[: asked[0]].hex()[:padding]
    assert len(value) == 13 + padding
    assert re.fullmatch(f"[0-9a-f]{{{13 + padding}}}", value)
    assert ID.is_valid(value, allow_unique=False)


@given(
    st.integers(max_value=-1)
    | st.integers(min_value=24)
    | st.booleans()
    | st.floats()
    | st.text()
    | st.none()
)
@example(24)
@example(-1)
@example(True)
@example(7.0)
def test_unique_refuses_paddings_outside_0_to_23(padding: object) -> None:
    if isinstance(padding, int) and not isinstance(padding, bool):
        error = attempt(InvalidID, ID.unique, padding)[1]
        assert error is not None
        check_error(error, str(padding))
    else:
        with pytest.raises(TypeError):
            ID.unique(padding)  # type: ignore[arg-type]


# ------------------------------------------------------------------------------------ parse and is_valid


@given(id_texts, st.booleans())
@example(UNIQUE, False)
@example("unique()\n", True)
@example("a" * 37, False)
@example("\x85", True)
def test_parse_custom_and_is_valid_follow_the_key_rule(text: str, allow_unique: bool) -> None:
    key = KEY.fullmatch(text) is not None
    valid = key or (allow_unique and text == UNIQUE)
    assert ID.is_valid(text, allow_unique=allow_unique) is valid
    value, error = attempt(InvalidID, lambda: ID.parse(text, allow_unique=allow_unique))
    if valid:
        assert value == text
    else:
        assert type(error) is InvalidID
        check_error(error, text)
        if text == UNIQUE:
            assert error.message == "Expected an ID; unique() is not accepted here"
    value, error = attempt(InvalidID, ID.custom, text)
    if key:
        assert value == text
        # Every ID is a valid role identifier, except "0", which the server reads as none.
        assert text == "0" or Role.user(text).identifier == text
    else:
        assert error is not None
        check_error(error, text)


@given(id_texts | st.text(alphabet=KEY_CHARS, min_size=30, max_size=300), st.integers(1, 300))
def test_max_length(text: str, max_length: int) -> None:
    valid = key_rule(max_length).fullmatch(text) is not None
    assert ID.is_valid(text, allow_unique=False, max_length=max_length) is valid
    value, error = attempt(InvalidID, lambda: ID.custom(text, max_length=max_length))
    if valid:
        assert value == text
    else:
        assert error is not None
        check_error(error, text)
