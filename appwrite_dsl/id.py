"""IDs: the ``unique()`` placeholder, generated IDs and the server's Key rules for custom ones.

>>> ID.custom("my-doc_1")
'my-doc_1'
>>> ID.is_valid("_hidden")
False
>>> len(ID.unique())
20
"""

from __future__ import annotations

import os
import time

from ._keys import KEY_MAX_LENGTH, check_key
from .errors import InvalidID

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from typing import Callable

__all__ = ["ID", "UNIQUE"]

UNIQUE = "unique()"
"""The literal that asks the server to generate an ID (accepted wherever a custom ID is)."""

_MAX_PADDING = KEY_MAX_LENGTH - 13


class ID:
    """Helpers named as the official SDK's ``ID``; IDs themselves are plain ``str``."""

    UNIQUE = UNIQUE

    @staticmethod
    def unique(
        padding: int = 7,
        *,
        clock: Callable[[], int] = time.time_ns,
        random: Callable[[int], bytes] = os.urandom,
    ) -> str:
        """A new ID laid out as the Python SDK 27 makes them: 8 hex digits of Unix seconds, 5 of the
        microseconds modulo 1000, then ``padding`` random hex digits (20 characters by default).

        ``clock`` returns nanoseconds since the epoch and ``random`` returns that many random bytes; both
        are there for tests. Unlike the SDK, a padding outside 0..23 (an ID longer than the server's 36
        characters, or a negative length) raises InvalidID.
        """
        if isinstance(padding, bool) or not isinstance(padding, int):
            raise TypeError(f"padding must be an int, not {type(padding).__name__}")
        if not 0 <= padding <= _MAX_PADDING:
            text = str(padding)
            raise InvalidID(
                f"Expected a padding from 0 to {_MAX_PADDING} (an ID of at most 36 characters)",
                text,
                0,
                len(text),
            )
        now = clock()
        seconds, micros = now // 1_000_000_000, now // 1000 % 1000
        return f"{seconds:08x}{micros:05x}" + random((padding + 1) // 2).hex()[:padding]

    @staticmethod
    def custom(id: str, *, max_length: int = KEY_MAX_LENGTH) -> str:
        """Return ``id`` after checking the server's Key rules: 1 to 36 characters of ``[A-Za-z0-9._-]``,
        starting with a letter or a digit (``max_length=255`` for MongoDB-backed projects).

        Raises InvalidID pointing at the first offending character.
        """
        if not isinstance(id, str):
            raise TypeError(f"id must be a str, not {type(id).__name__}")
        problem = check_key(id, "an ID", max_length, zero_is_empty=False)
        if problem is not None:
            start, end, message = problem
            raise InvalidID(message, id, start, end)
        return id

    @staticmethod
    def parse(text: str, *, allow_unique: bool = True, max_length: int = KEY_MAX_LENGTH) -> str:
        """Read an ID parameter's value: a custom ID (:meth:`custom`) or, unless ``allow_unique`` is
        False (cursors, role identifiers, the ``X-Appwrite-ID`` header), the literal ``unique()``."""
        if allow_unique and text == UNIQUE:
            return text
        try:
            return ID.custom(text, max_length=max_length)
        except InvalidID:
            if text == UNIQUE:
                message = "Expected an ID; unique() is not accepted here"
                raise InvalidID(message, text, 0, len(text)) from None
            raise

    @staticmethod
    def is_valid(text: str, *, allow_unique: bool = True, max_length: int = KEY_MAX_LENGTH) -> bool:
        """Whether :meth:`parse` accepts ``text``."""
        try:
            ID.parse(text, allow_unique=allow_unique, max_length=max_length)
        except InvalidID:
            return False
        return True
