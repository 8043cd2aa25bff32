"""How outcomes are written down: values, parse results and errors as deterministic JSON.

Everything here is reversible enough to compare: a value's type is kept wherever plain JSON would lose it
(a tuple, a dict with its key order, a non-finite float, bytes, a query tree), and an error keeps its class,
message, position, end, its full rendering and every extra attribute it carries (``index``, ``kind``,
``error_type``, ``php_class``, ``warnings``, ``errors``).
"""

from __future__ import annotations

import base64
import json
import math
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Callable

from appwrite_dsl import ParseError, Role
from appwrite_dsl.query import JSONObject, Query

Outcome = dict[str, Any]

_ERROR_FIELDS = frozenset(("message", "source", "position", "end"))


_DEEP = 20_000


@contextmanager
def deep() -> Iterator[None]:
    """A high recursion limit for writing down deep trees (never around a call of the library's)."""
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(max(limit, _DEEP))
    try:
        yield
    finally:
        sys.setrecursionlimit(limit)


def loads(text: str) -> Any:
    with deep():
        return json.loads(text)


def dumps(data: object) -> str:
    """The one JSON form of a record: sorted keys, ASCII only (lone surrogates as ``\\udXXX``), no spaces."""
    with deep():
        return json.dumps(data, sort_keys=True, ensure_ascii=True, separators=(",", ":"), allow_nan=False)


def load_text(data: object) -> str | bytes:
    """An input text as stored: a str, or ``{"$bytes": <base64>}`` for bytes."""
    if isinstance(data, dict):
        return base64.b64decode(data["$bytes"])
    assert isinstance(data, str), data
    return data


def store_text(text: str | bytes | bytearray) -> object:
    if isinstance(text, (bytes, bytearray)):
        return {"$bytes": base64.b64encode(bytes(text)).decode("ascii")}
    return text


def value(item: object, *, plain: type = list) -> Any:
    """A value as JSON: ``plain`` (list or tuple) is the sequence type written as a JSON array, the other
    one is tagged; dicts keep their key order as pairs."""
    kind = type(item)
    if item is None or kind in (bool, int, str):
        return item
    if isinstance(item, float) and kind is float:
        return item if math.isfinite(item) else {"$float": repr(item)}
    if isinstance(item, (list, tuple)) and kind in (list, tuple):
        items = [value(x, plain=plain) for x in item]
        return items if kind is plain else {f"${kind.__name__}": items}
    if isinstance(item, Query):
        return {"$query": tree(item)}
    if isinstance(item, dict) and kind in (dict, JSONObject):
        pairs = [[value(k, plain=plain), value(v, plain=plain)] for k, v in item.items()]
        return {"$object" if kind is JSONObject else "$dict": pairs}
    if isinstance(item, (bytes, bytearray)):
        return store_text(item)
    if isinstance(item, ParseError):
        return error(item, None)
    return {"$other": [kind.__name__, str(item)]}


def tree(query: Query) -> list[Any]:
    """A query tree: ``[method, attribute, values]`` with the values' exact types (tuples are arrays)."""
    values = query.values
    return [query.method, query.attribute, None if values is None else value(values, plain=tuple)]


def query(made: Query) -> dict[str, Any]:
    """A query: its text, its tree and its legacy text (or why there is none)."""
    return {"str": str(made), "tree": tree(made), "legacy": attempt(str, None, made.to_legacy)}


def role(made: Role) -> list[str]:
    return [str(made), made.name, made.identifier, made.dimension]


def error(caught: ParseError, source: object) -> list[Any]:
    """A ParseError in full: ``[class, message, position, end, line 2, line 3]`` of its rendering, then a
    dict of the rest when there is any: ``head`` (the rendering's first line, when it is not the message),
    ``source`` (when it is not the text that was read) and every extra attribute (``index``, ``kind``,
    ``error_type``, ``php_class``, ``warnings``, ``errors``)."""
    head, _, shown = str(caught).partition("\n")
    line2, _, line3 = shown.partition("\n")
    out: list[Any] = [type(caught).__name__, caught.message, caught.position, caught.end, line2, line3]
    rest: dict[str, Any] = {}
    if head != caught.message:
        rest["head"] = head
    if caught.source != source:
        rest["source"] = caught.source
    for name in sorted(set(vars(caught)) - _ERROR_FIELDS):
        extra = getattr(caught, name)
        if name == "errors":
            rest[name] = [error(item, caught.source) for item in extra]
        else:
            rest[name] = value(extra)
    if rest:
        out.append(rest)
    return out


def attempt(show: Callable[[Any], Any], source: object, run: Callable[[], Any]) -> Outcome:
    """``{"ok": show(result)}``, ``{"error": ...}`` for a ParseError, or ``{"raises": [class, text]}`` for
    any other exception (a TypeError for a wrong argument type, ...)."""
    try:
        result = run()
    except ParseError as caught:
        return {"error": error(caught, source)}
    except Exception as caught:
        return {"raises": [type(caught).__name__, str(caught)]}
    with deep():
        return {"ok": show(result)}


_SHARED = 16  # strings at least this long that occur twice in a record are written once


def compact(outcomes: list[Outcome]) -> dict[str, Any]:
    """One input's outcomes, in observer order, written small: an outcome equal to an earlier one is that
    one's index, and a long string that occurs more than once is written once in ``s`` and referred to as
    ``{"$": <index in s>}``."""
    with deep():
        return _compact(outcomes)


def _compact(outcomes: list[Outcome]) -> dict[str, Any]:
    seen: dict[str, int] = {}
    items: list[Any] = []
    for number, outcome in enumerate(outcomes):
        text = dumps(outcome)
        first = seen.setdefault(text, number)
        items.append(outcome if first == number else first)
    counts: dict[str, int] = {}
    _count(items, counts)
    shared = [text for text, count in counts.items() if count > 1]
    if not shared:
        return {"o": items}
    index = {text: number for number, text in enumerate(shared)}
    return {"o": _share(items, index), "s": shared}


def _count(item: Any, counts: dict[str, int]) -> None:
    if isinstance(item, str):
        if len(item) >= _SHARED:
            counts[item] = counts.get(item, 0) + 1
    elif isinstance(item, list):
        for x in item:
            _count(x, counts)
    elif isinstance(item, dict):
        for x in item.values():
            _count(x, counts)


def _share(item: Any, index: dict[str, int]) -> Any:
    if isinstance(item, str):
        number = index.get(item)
        return item if number is None else {"$": number}
    if isinstance(item, list):
        return [_share(x, index) for x in item]
    if isinstance(item, dict):
        return {key: _share(x, index) for key, x in item.items()}
    return item


def expand(record: dict[str, Any]) -> list[Any]:
    """The outcomes of a compact record with the shared strings put back (an equal outcome stays an index)."""
    shared = record.get("s", [])

    def put_back(item: Any) -> Any:
        if isinstance(item, dict):
            if set(item) == {"$"}:
                return shared[item["$"]]
            return {key: put_back(x) for key, x in item.items()}
        if isinstance(item, list):
            return [put_back(x) for x in item]
        return item

    with deep():
        return [put_back(item) for item in record["o"]]
