"""The base of the immutable value objects: equality, hashing, pickling and repr follow the parts.

A value class keeps its parts in private slots, filled once by its trusted constructor with plain
assignment, and shows them through read-only properties: assigning or deleting a public attribute raises
AttributeError (a property without a setter), and ``__slots__`` leaves no ``__dict__`` for new ones.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from typing import Any, NoReturn


class Value:
    """A slotted value; subclasses define ``_parts()`` (the constructor's arguments) and ``__str__`` (the
    canonical wire form)."""

    __slots__ = ()

    def _parts(self) -> tuple[Any, ...]:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._parts() == other._parts()

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self._parts()))

    def __reduce__(self) -> tuple[type[Value], tuple[Any, ...]]:
        return (type(self), self._parts())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {str(self)!r}>"


class Frozen(Value):
    """A Value whose public attributes are its slots, set with ``object.__setattr__``: assigning raises."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} objects are immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} objects are immutable")
