"""The base of the immutable value objects: equality, hashing, pickling and repr follow the parts."""

from __future__ import annotations

from typing import Any, NoReturn


class Value:
    """A frozen, slotted value; subclasses set their slots with ``object.__setattr__`` and define
    ``_parts()`` (the constructor's arguments) and ``__str__`` (the canonical wire form)."""

    __slots__ = ()

    def _parts(self) -> tuple[Any, ...]:
        raise NotImplementedError

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} objects are immutable")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"{type(self).__name__} objects are immutable")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Value) or type(other) is not type(self):
            return NotImplemented
        return self._parts() == other._parts()

    def __hash__(self) -> int:
        return hash((type(self).__name__, *self._parts()))

    def __reduce__(self) -> tuple[type[Value], tuple[Any, ...]]:
        return (type(self), self._parts())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {str(self)!r}>"
