"""The reader's shortcut: a value whose positions inside nobody needs, read by the standard library's C
scanner (:class:`~._nodes.Opaque`). Anything the scanner does not take as it is (a syntax error, a duplicate
or refused key, ``NaN``, a huge integer, deep nesting) is left to the reader's rules, which report it exactly.
"""

from __future__ import annotations

import json

from ._nodes import Opaque

__all__ = ["skim"]


class _Unusual(Exception):
    """Raised inside the C scanner for what only the rules here report exactly."""


def _guard_object(pairs: list[tuple[str, object]]) -> dict[str, object]:
    value = dict(pairs)
    if len(value) != len(pairs):
        raise _Unusual  # a duplicate key
    return value


def _refuse_constant(name: str) -> object:
    raise _Unusual


_SCANNER = json.JSONDecoder(object_pairs_hook=_guard_object, parse_constant=_refuse_constant)


def _deeper_than(value: object, limit: int) -> bool:
    """Whether ``value`` (as ``json`` makes it) nests arrays and objects deeper than ``limit``."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, dict)):
            if depth > limit:
                return True
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)
    return False


def skim(src: str, pos: int, key_start: int, depth_left: int) -> Opaque | None:
    """The value at ``pos`` read by the C scanner, or None when the rules must read it."""
    try:
        value, end = _SCANNER.raw_decode(src, pos)
    except (ValueError, RecursionError, _Unusual):
        return None
    if src.find("\\u00", pos, end) != -1 or src.find("__proto__", pos, end) != -1:
        return None  # perhaps a refused key: every way to spell one in JSON contains one of these
    if src.find("constructor", pos, end) != -1:
        return None
    if (end - pos) // 2 >= depth_left and _deeper_than(value, depth_left):
        return None
    return Opaque(value, pos, end, key_start)
