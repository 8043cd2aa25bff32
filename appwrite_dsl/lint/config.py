"""Linter settings: rule selection by code prefix (like ruff), suppressions by JSON Pointer, and the
``[tool.appwrite-dsl]`` table of ``pyproject.toml``::

    [tool.appwrite-dsl]
    select = ["AW"]                 # code prefixes to check (default: every rule)
    ignore = ["AW304"]              # code prefixes not to report
    known-teams = ["staff"]         # teams created outside the project file (AW404)
    id-max-length = 36              # 255 for MongoDB-backed servers (AW105)

    [tool.appwrite-dsl.per-pointer-ignores]
    "/functions/0/execute" = ["AW302"]   # a JSON Pointer and everything under it

Suppressions live here, not in the project file: JSON has no comments and the Appwrite CLI rewrites it.
``tomllib`` reads the file on Python 3.11+; on older Pythons ``tomli`` does if it is installed, else the
settings are ignored with a note (appwrite_dsl has no runtime dependencies).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import ModuleType

from .rules import RULES, Finding

__all__ = ["ConfigError", "Settings", "load_pyproject", "parse_codes", "parse_pointer_ignore"]

_toml: ModuleType | None
if sys.version_info >= (3, 11):
    import tomllib as _toml
else:  # pragma: no cover - exercised on Python 3.9 and 3.10
    try:
        import tomli as _toml
    except ImportError:
        _toml = None

_CODES = tuple(rule.code for rule in RULES)
_CODE_LIST = re.compile(r"[A-Za-z]+[0-9]*(?:,[A-Za-z]+[0-9]*)*")
_KEYS = ("select", "ignore", "known-teams", "id-max-length", "per-pointer-ignores")


class ConfigError(ValueError):
    """Settings that cannot be used: an unknown code, a malformed pointer, a wrong type."""


def _check_prefix(prefix: str, where: str) -> str:
    code = prefix.strip().upper()
    if code == "ALL":
        return "AW"
    if not code or not any(known.startswith(code) for known in _CODES):
        raise ConfigError(f"{where}: {prefix!r} is not a rule code or a prefix of one")
    return code


def parse_codes(text: str, where: str = "codes") -> tuple[str, ...]:
    """``"AW1,AW301"`` as validated code prefixes."""
    return tuple(_check_prefix(part, where) for part in text.split(",") if part.strip())


def _check_pointer(pointer: str, where: str) -> str:
    if pointer and not pointer.startswith("/"):
        raise ConfigError(f"{where}: {pointer!r} is not a JSON Pointer (it must be empty or start with '/')")
    return pointer


def parse_pointer_ignore(text: str) -> tuple[str, tuple[str, ...]]:
    """``POINTER`` or ``POINTER=CODE[,CODE...]`` (``--ignore-pointer``): a pointer and the code prefixes to
    ignore under it (all codes when none are given)."""
    pointer, sep, codes = text.rpartition("=")
    if not sep or not _CODE_LIST.fullmatch(codes):
        return _check_pointer(text, "--ignore-pointer"), ("AW",)
    return _check_pointer(pointer, "--ignore-pointer"), parse_codes(codes, "--ignore-pointer")


def _matches(code: str, prefixes: Iterable[str]) -> bool:
    return any(code.startswith(prefix) for prefix in prefixes)


def _under(pointer: str, prefix: str) -> bool:
    return not prefix or pointer == prefix or pointer.startswith(prefix + "/")


@dataclass(frozen=True)
class Settings:
    """The rules to report and where not to; see the module docstring."""

    select: tuple[str, ...] = ("AW",)
    ignore: tuple[str, ...] = ()
    pointer_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    known_teams: frozenset[str] = frozenset()
    id_max_length: int = 36
    source: str = field(default="", compare=False)

    def reports(self, finding: Finding) -> bool:
        """Whether ``finding`` is selected, not ignored and not suppressed by pointer."""
        code = finding.code
        if not _matches(code, self.select) or _matches(code, self.ignore):
            return False
        return not any(
            _under(finding.pointer, pointer) and _matches(code, codes)
            for pointer, codes in self.pointer_ignores
        )

    def updated(
        self,
        *,
        select: tuple[str, ...] | None = None,
        ignore: tuple[str, ...] = (),
        pointer_ignores: tuple[tuple[str, tuple[str, ...]], ...] = (),
    ) -> Settings:
        """These settings with command-line options on top: ``select`` replaces, the others add."""
        return replace(
            self,
            select=self.select if select is None else select,
            ignore=self.ignore + ignore,
            pointer_ignores=self.pointer_ignores + pointer_ignores,
        )


def _strings(value: object, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ConfigError(f"{where} must be a list of strings")
    return value


def settings_from_table(table: Mapping[str, object], source: str) -> Settings:
    """Settings from the ``[tool.appwrite-dsl]`` table of ``source``; raises ConfigError."""
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise ConfigError(f"{source}: unknown setting {unknown[0]!r} in [tool.appwrite-dsl]")
    settings = Settings(source=source)
    if "select" in table:
        where = f"{source}: select"
        settings = replace(
            settings, select=tuple(_check_prefix(c, where) for c in _strings(table["select"], where))
        )
    if "ignore" in table:
        where = f"{source}: ignore"
        settings = replace(
            settings, ignore=tuple(_check_prefix(c, where) for c in _strings(table["ignore"], where))
        )
    if "known-teams" in table:
        teams = frozenset(_strings(table["known-teams"], f"{source}: known-teams"))
        settings = replace(settings, known_teams=teams)
    if "id-max-length" in table:
        length = table["id-max-length"]
        if isinstance(length, bool) or not isinstance(length, int) or length < 1:
            raise ConfigError(f"{source}: id-max-length must be a positive integer")
        settings = replace(settings, id_max_length=length)
    if "per-pointer-ignores" in table:
        ignores = table["per-pointer-ignores"]
        if not isinstance(ignores, dict):
            raise ConfigError(f"{source}: per-pointer-ignores must be a table")
        pairs = []
        for pointer, codes in ignores.items():
            where = f"{source}: per-pointer-ignores {pointer!r}"
            prefixes = tuple(_check_prefix(code, where) for code in _strings(codes, where))
            pairs.append((_check_pointer(pointer, where), prefixes))
        settings = replace(settings, pointer_ignores=tuple(pairs))
    return settings


def load_pyproject(path: Path) -> tuple[Settings, str]:
    """Settings from ``path`` (a ``pyproject.toml``) and a note for the user ("" when there is none).

    Raises ConfigError when the file cannot be read or its table is invalid.
    """
    if _toml is None:  # pragma: no cover - Python < 3.11 without tomli
        note = f"note: ignoring [tool.appwrite-dsl] in {path}: reading TOML needs Python 3.11+ or tomli"
        return Settings(), note
    try:
        with path.open("rb") as file:
            document = _toml.load(file)
    except OSError as error:
        raise ConfigError(f"cannot read {path}: {error.strerror or error}") from None
    except ValueError as error:  # tomllib.TOMLDecodeError
        raise ConfigError(f"{path}: {error}") from None
    table = document.get("tool", {}).get("appwrite-dsl")
    if table is None:
        return Settings(), ""
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.appwrite-dsl] must be a table")
    return settings_from_table(table, str(path)), ""
