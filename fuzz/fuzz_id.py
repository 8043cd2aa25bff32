"""Fuzz the ID rules: ID.parse, ID.custom, ID.is_valid and ID.unique.

Only InvalidID may escape, with a well-formed span and rendering; parse returns its input; is_valid agrees
with parse; a custom ID is valid exactly when the server's Key validator accepts it.

    python fuzz/fuzz_id.py [libFuzzer options] [corpus dir]      (or: python fuzz/run.py id)
"""

from __future__ import annotations

import _common
from _common import attempt, expect

from appwrite_dsl import ID, InvalidID
from appwrite_dsl._keys import server_key_valid

CORPORA = ("ids",)
DICTIONARIES = ("ids",)
EXAMPLES = (
    "unique()",
    "abc",
    "my-doc_1.v2",
    "0",
    "A1",
    "6b08c92c0019e0272ddb",
    "a" * 36,
    # Refused.
    "",
    "_x",
    "-x",
    "a b",
    "a" * 37,
    "unique( )",
    "UNIQUE()",
    "\u00fc",
    "x\n",
)


def check(text: str) -> None:
    for max_length in (36, 255):
        custom = attempt(lambda m=max_length: ID.custom(text, max_length=m), text, InvalidID)
        expect(
            (custom is not None) == server_key_valid(text, max_length),
            f"ID.custom(max_length={max_length}) follows the server's Key validator",
        )
        expect(custom is None or custom == text, "ID.custom returns its input", custom)
        for allow_unique in (True, False):
            parsed = attempt(
                lambda m=max_length, u=allow_unique: ID.parse(text, allow_unique=u, max_length=m),
                text,
                InvalidID,
            )
            expect(parsed is None or parsed == text, "ID.parse returns its input", parsed)
            valid = ID.is_valid(text, allow_unique=allow_unique, max_length=max_length)
            expect(valid == (parsed is not None), "ID.is_valid agrees with ID.parse", valid)
            expected = custom is not None or (allow_unique and text == "unique()")
            expect(valid == expected, "ID.parse is ID.custom plus unique() where allowed", valid)
    # A padding from the text's length, -3 to beyond the limit of 23.
    padding = len(text) - 3
    generated = attempt(lambda: ID.unique(padding), str(padding), InvalidID)
    expect((generated is not None) == (0 <= padding <= 23), "ID.unique takes paddings 0..23", padding)
    if generated is not None:
        expect(len(generated) == 13 + padding and ID.is_valid(generated), "a unique ID is valid", generated)


if __name__ == "__main__":
    _common.fuzz(check)
