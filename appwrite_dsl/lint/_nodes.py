"""The nodes the position-keeping reader (:mod:`._reader`) returns: values that know where they are in the
text, and the issues it notices in a valid document."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

__all__ = ["Array", "Issue", "Literal", "Node", "Number", "Object", "Opaque", "String", "walk"]


class Node:
    """A value read from the text: ``text[start:end]`` is its source, ``key_start`` the offset of the key it
    was read under (-1 for an array element or the document); ``json_type`` names its type for messages
    (``"an object"``, ``"a string"``, ``"null"``, ...)."""

    __slots__ = ("end", "key_start", "start")

    json_type = "a value"

    start: int
    end: int
    key_start: int


class String(Node):
    """A string; ``value`` is decoded (a surrogate pair becomes one character, a lone surrogate stays)."""

    __slots__ = ("value",)
    json_type = "a string"

    def __init__(self, value: str, start: int, end: int, key_start: int) -> None:
        self.value = value
        self.start = start
        self.end = end
        self.key_start = key_start


class Number(Node):
    """A number; ``text`` is its exact source (integers beyond 2**53 stay exact, as in json-bigint)."""

    __slots__ = ("text",)
    json_type = "a number"

    def __init__(self, text: str, start: int, end: int, key_start: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.key_start = key_start


class Literal(Node):
    """``true``, ``false`` or ``null``: ``value`` is True, False or None."""

    __slots__ = ("value",)

    @property
    def json_type(self) -> str:  # type: ignore[override]
        return "null" if self.value is None else "a boolean"

    def __init__(self, value: bool | None, start: int, end: int, key_start: int) -> None:
        self.value = value
        self.start = start
        self.end = end
        self.key_start = key_start


class Array(Node):
    """An array of nodes."""

    __slots__ = ("items",)
    json_type = "an array"

    def __init__(self, start: int, key_start: int) -> None:
        self.items: list[Node] = []
        self.start = start
        self.end = -1
        self.key_start = key_start


class Object(Node):
    """An object; ``members`` maps each key to its value, the last one winning as in json-bigint (the
    earlier ones are reported as duplicates), in the order the keys first appeared."""

    __slots__ = ("members",)
    json_type = "an object"

    def __init__(self, start: int, key_start: int) -> None:
        self.members: dict[str, Node] = {}
        self.start = start
        self.end = -1
        self.key_start = key_start


class Opaque(Node):
    """A value read without positions inside it (its key was in ``opaque``): ``value`` is what ``json``
    makes of it. :meth:`Document.expand` reads it again with positions."""

    __slots__ = ("value",)

    @property
    def json_type(self) -> str:  # type: ignore[override]
        if isinstance(self.value, dict):
            return "an object"
        return "an array" if isinstance(self.value, list) else "a value"

    def __init__(self, value: object, start: int, end: int, key_start: int) -> None:
        self.value = value
        self.start = start
        self.end = end
        self.key_start = key_start


if TYPE_CHECKING:
    from typing import Union

    Container = Union[Object, Array]


class Issue:
    """Something the reader noticed in a valid document: ``kind`` is ``"duplicate-key"`` (``first`` is the
    offset of the previous occurrence of the key), ``"refused-key"`` (``detail`` is ``__proto__`` or
    ``constructor``) or ``"byte-order-mark"``; ``text[start:end]`` is the key (or the mark) and ``path``
    the keys and indexes leading to the member from the root."""

    __slots__ = ("detail", "end", "first", "key", "kind", "path", "start")

    def __init__(
        self,
        kind: str,
        start: int,
        end: int,
        key: str = "",
        *,
        path: tuple[str | int, ...] = (),
        first: int = -1,
        detail: str = "",
    ) -> None:
        self.kind, self.start, self.end, self.key = kind, start, end, key
        self.path, self.first, self.detail = path, first, detail

    def __repr__(self) -> str:
        return f"Issue({self.kind!r}, {self.start}, {self.end}, {self.key!r})"


def walk(node: Node) -> Iterator[Node]:
    """Every node in ``node``, depth first, without recursion."""
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        if isinstance(current, Object):
            stack.extend(reversed(current.members.values()))
        elif isinstance(current, Array):
            stack.extend(reversed(current.items))
