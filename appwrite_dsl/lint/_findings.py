"""A lint finding (:class:`Finding`), the checks' :class:`Options`, and the JSON Pointers findings carry."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ._catalogue import Severity, rule

if TYPE_CHECKING:
    from typing import Union

    Steps = tuple[Union[str, int], ...]

__all__ = ["Finding", "Options", "pointer"]


@dataclass(frozen=True)
class Finding:
    """One problem at ``path:line:column`` (1-based; ``end_line``/``end_column`` are exclusive).

    ``pointer`` is the JSON Pointer (RFC 6901) of the offending value (``""`` for the whole file). For
    reporters that show the line: ``source`` is its text, or of a long line an excerpt around the finding
    that starts at column ``source_column`` and is followed by more text when ``source_more``.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    message: str
    pointer: str
    severity: Severity
    source: str = field(default="", compare=False, repr=False)
    source_column: int = field(default=1, compare=False, repr=False)
    source_more: bool = field(default=False, compare=False, repr=False)

    @property
    def name(self) -> str:
        """The rule's name (``public-write``)."""
        return rule(self.code).name

    @property
    def category(self) -> str:
        """The rule's category: ``security``, ``correctness`` or ``hygiene``."""
        return rule(self.code).category

    @property
    def help_uri(self) -> str:
        """The rule's page on the documentation site."""
        return rule(self.code).url

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.pointer)


@dataclass(frozen=True)
class Options:
    """What the checks need beyond the file: teams created outside it, and the maximum ID length (36; 255
    for MongoDB-backed servers)."""

    known_teams: frozenset[str] = frozenset()
    id_max_length: int = 36


def pointer(path: Iterable[str | int]) -> str:
    """The JSON Pointer (RFC 6901) of ``path``."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)
