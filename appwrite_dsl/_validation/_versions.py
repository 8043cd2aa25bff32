"""Server versions: the methods each parser knows, the limits and the wording of each release line."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple, Optional, Union

from .. import _methods
from .._methods import SERVER_METHODS
from .._scan import INT64_MAX

Path = tuple[Union[str, int], ...]
Problem = Optional[tuple[str, Path]]


# --------------------------------------------------------------------------------------------------------
# Server versions: the methods each parser knows, the limits and the wording of each release line

_JSON_SINCE = {
    name: _methods.version_number(_methods.TABLE[name].dialects["json"].since) for name in SERVER_METHODS
}


def _known_by(number: tuple[int, int, int]) -> frozenset[str]:
    """The methods the JSON parser of a release knows (the table's ``json`` dialect)."""
    return frozenset(name for name, since in _JSON_SINCE.items() if since is not None and since <= number)


_SPATIAL_ONLY = frozenset(m for m in SERVER_METHODS if _methods.TABLE[m].values in ("geometry", "distance"))
_VECTOR = frozenset(m for m in SERVER_METHODS if _methods.TABLE[m].values == "vector")
_JSON_1_5, _JSON_1_8_0 = _known_by((1, 5, 0)), _known_by((1, 8, 0))
_JSON_1_8_1, _JSON_1_9_0 = _known_by((1, 8, 1)), _known_by((1, 9, 0))
assert _JSON_1_9_0 == SERVER_METHODS

MAIN = "main"
DATABASE_7_2_6 = "7.2.6"
_MAIN_PATCH = 1000  # "main" sorts after every 1.9.x release


class Profile(NamedTuple):
    """What one Appwrite version does with a ``queries`` parameter."""

    version: str
    """The version as given (``"1.4.13"``, ``"1.9"``, ``"main"``)."""
    number: tuple[int, int, int]
    """``(1, minor, patch)``; a version without a patch is its line's first release; main is (1, 9, 1000)."""
    legacy: bool
    """Appwrite 1.0 to 1.4: the legacy syntax."""
    methods: frozenset[str]
    """The methods the server's parser knows."""
    typed: frozenset[str]
    """The methods the validators map to a type (the others: ``Invalid query method``)."""
    wording: str
    """Whose validators run: ``"appwrite-1.0"`` (1.0-1.2), ``"appwrite-1.3"``, ``"utopia-1.4"``, ``"json"``
    (1.5 on)."""
    limit: tuple[int, int]
    offset: tuple[int, int]
    numeric_first: bool
    """The Numeric check (``Value must be a valid number``) runs before the Range check (1.4 on)."""
    values_documents: int
    """Most values per filter query on document and row endpoints."""
    values_other: int
    """Most values per filter query on the other list endpoints."""
    sequence: bool
    """``$sequence`` is an internal attribute (1.8 on)."""
    count_rules: bool
    """The value-count rules of ``Filter`` apply (1.4 on)."""
    nested: str
    """A dotted attribute whose first segment is a key: ``"unknown"`` (1.0-1.2, looked up whole),
    ``"refused"`` (1.3-1.4, ``Cannot query nested attribute on``), ``"first"`` (1.5 on, passes)."""
    release: _methods.LegacyRelease | None


def version_number(version: str) -> tuple[int, int, int]:
    """``"1.4.13"`` -> ``(1, 4, 13)``; ValueError for anything but 1.0 to 1.9 (with or without a patch
    number) and ``"main"``."""
    if version == MAIN:
        return (1, 9, _MAIN_PATCH)
    if version == DATABASE_7_2_6:
        return (1, 9, 6)  # the database library's version of the same behaviour
    number = _methods.version_number(version)
    if number is None:
        raise ValueError(
            f"Expected an Appwrite server version from 1.0 to 1.9 ('1.4', '1.4.13', ...), 'main' or "
            f"utopia-php/database's '7.2.6' (the same as '1.9.6'), "
            f"found {version!r}"
        )
    return number


@lru_cache(maxsize=64)
def profile(version: str) -> Profile:
    """The :class:`Profile` of an Appwrite version (see :func:`version_number`)."""
    number = version_number(version)
    minor = number[1]
    if minor <= 4:
        release = _methods.legacy_release(f"1.{minor}.{number[2]}")
        wording = "appwrite-1.0" if minor <= 2 else "appwrite-1.3" if minor == 3 else "utopia-1.4"
        limit = (0, 100) if minor <= 2 else (0, INT64_MAX) if minor == 3 else (1, INT64_MAX)
        return Profile(
            version=version,
            number=number,
            legacy=True,
            methods=release.methods,
            typed=release.validated,
            wording=wording,
            limit=limit,
            offset=(0, 5000) if minor <= 2 else (0, INT64_MAX),
            numeric_first=minor == 4,
            values_documents=100,
            values_other=100,
            sequence=False,
            count_rules=minor == 4,
            nested="unknown" if minor <= 2 else "refused",
            release=release,
        )
    if number >= (1, 9, 0):
        methods = SERVER_METHODS  # the same object: the readers skip the method check for it
    elif number >= (1, 8, 1):
        methods = _JSON_1_8_1
    elif number >= (1, 8, 0):
        methods = _JSON_1_8_0
    else:
        methods = _JSON_1_5
    if number < (1, 6, 1):
        other = 100
    elif number < (1, 8, 0) or version == MAIN:
        other = 500
    else:
        other = 5000  # 1.8.0-1.9.6: APP_DATABASE_QUERY_MAX_VALUES landed in the wrong constructor argument
    return Profile(
        version=version,
        number=number,
        legacy=False,
        methods=methods,
        typed=methods,
        wording="json",
        limit=(1, INT64_MAX),
        offset=(0, INT64_MAX),
        numeric_first=True,
        values_documents=100 if number < (1, 6, 1) else 500,
        values_other=other,
        sequence=number >= (1, 8, 0),
        count_rules=True,
        nested="first",
        release=None,
    )
