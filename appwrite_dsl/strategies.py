"""Hypothesis strategies for property tests of code that builds Appwrite roles, permissions and IDs.

Hypothesis is not a dependency of appwrite_dsl: this module imports it only when a strategy is asked for,
so ``pip install hypothesis`` in the environment that runs the tests. Every value drawn is canonical: it
passes the strict parsers and the server reads it exactly as written.

>>> from hypothesis import given
>>> from appwrite_dsl import Permission
>>> from appwrite_dsl.strategies import permissions
>>> @given(permissions(actions=["read"]))
... def test_round_trip(permission):
...     assert Permission.parse(str(permission)) == permission
>>> test_round_trip()
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Literal

from . import server
from ._keys import KEY_MAX_LENGTH, LABEL_MAX_LENGTH, TEAM_ROLE_MAX_LENGTH
from .id import UNIQUE
from .permission import Permission
from .role import Role

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from .query import Query

__all__ = [
    "ids",
    "keys",
    "labels",
    "permission_strings",
    "permissions",
    "queries",
    "role_strings",
    "roles",
    "team_roles",
]

_ALNUM = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_KEY_CHARS = _ALNUM + "._-"


def _require_hypothesis() -> None:
    """Raise a helpful ImportError when hypothesis is not installed."""
    try:
        import hypothesis  # noqa: F401, PLC0415 - hypothesis is optional
    except ImportError as error:
        raise ImportError(
            "appwrite_dsl.strategies needs hypothesis, which appwrite_dsl does not depend on: "
            "pip install hypothesis"
        ) from error


def _subset(given: Iterable[str] | None, universe: tuple[str, ...], what: str) -> tuple[str, ...]:
    if given is None:
        return universe
    if isinstance(given, str):
        raise TypeError(f"{what} must be a collection of str, not a str")
    chosen = tuple(dict.fromkeys(given))
    unknown = [value for value in chosen if value not in universe]
    if unknown or not chosen:
        raise ValueError(f"{what} must be a non-empty selection of {', '.join(universe)}, not {chosen!r}")
    return chosen


def _key_text(max_length: int, *, allow_zero: bool) -> SearchStrategy[str]:
    if isinstance(max_length, bool) or not isinstance(max_length, int):
        raise TypeError(f"max_length must be an int, not {type(max_length).__name__}")
    if max_length < 1:
        raise ValueError(f"max_length must be at least 1, not {max_length}")
    _require_hypothesis()
    from hypothesis import strategies as st  # noqa: PLC0415

    rest = max_length - 1
    # Any length, and often the longest allowed (hypothesis rarely draws long text on its own).
    tail = st.text(alphabet=_KEY_CHARS, max_size=rest) | st.text(
        alphabet=_KEY_CHARS, min_size=rest, max_size=rest
    )
    text: SearchStrategy[str] = st.builds(str.__add__, st.sampled_from(_ALNUM), tail)
    if allow_zero:  # "0" is the edge case where IDs and role identifiers part ways: draw it often
        return st.just("0") | text
    return text.filter(lambda value: value != "0")


def keys(max_length: int = KEY_MAX_LENGTH) -> SearchStrategy[str]:
    """Valid Key strings (user, team and membership IDs): 1 to ``max_length`` characters of
    ``[A-Za-z0-9._-]`` starting with a letter or a digit, never ``"0"`` (the server reads it as no ID).

    >>> from hypothesis import given
    >>> from appwrite_dsl import Role
    >>> @given(keys())
    ... def test_user(key):
    ...     assert Role.user(key).identifier == key
    >>> test_user()
    """
    return _key_text(max_length, allow_zero=False)


def labels() -> SearchStrategy[str]:
    """Valid label names: 1 to 36 letters and digits, never ``"0"``.

    >>> from hypothesis import given
    >>> from appwrite_dsl import Role
    >>> @given(labels())
    ... def test_label(name):
    ...     assert str(Role.label(name)) == "label:" + name
    >>> test_label()
    """
    _require_hypothesis()
    from hypothesis import strategies as st  # noqa: PLC0415

    text: SearchStrategy[str] = st.text(alphabet=_ALNUM, min_size=1, max_size=LABEL_MAX_LENGTH) | st.text(
        alphabet=_ALNUM, min_size=LABEL_MAX_LENGTH, max_size=LABEL_MAX_LENGTH
    )
    return text.filter(lambda value: value != "0")


def team_roles() -> SearchStrategy[str]:
    """Valid team roles (the dimension of ``team:<id>/<role>``): Keys of up to 81 characters, never
    ``"0"``.

    >>> from hypothesis import given
    >>> from appwrite_dsl import Role
    >>> @given(team_roles())
    ... def test_team_role(role):
    ...     assert Role.team("t1", role).dimension == role
    >>> test_team_role()
    """
    return _key_text(TEAM_ROLE_MAX_LENGTH, allow_zero=False)


def roles(names: Iterable[str] | None = None) -> SearchStrategy[Role]:
    """Valid :class:`~appwrite_dsl.Role` objects of every shape: ``any``, ``guests``, ``users``,
    ``users/<status>``, ``user:<id>``, ``user:<id>/<status>``, ``team:<id>``, ``team:<id>/<role>``,
    ``member:<id>`` and ``label:<name>``. ``names`` limits them to some role names.

    >>> from hypothesis import given
    >>> from appwrite_dsl import Role
    >>> @given(roles(names=["user", "team"]))
    ... def test_role(role):
    ...     assert Role.parse(str(role)) == role
    >>> test_role()
    """
    return _roles(names)


def _roles(names: Iterable[str] | None) -> SearchStrategy[Role]:
    chosen = _subset(names, server.ROLE_NAMES, "names")
    _require_hypothesis()
    from hypothesis import strategies as st  # noqa: PLC0415

    status = st.sampled_from(("", *server.USER_STATUSES))
    shapes: dict[str, SearchStrategy[Role]] = {
        "any": st.just(Role.any()),
        "guests": st.just(Role.guests()),
        "users": st.builds(Role.users, status),
        "user": st.builds(Role.user, keys(), status),
        "team": st.builds(Role.team, keys(), st.just("") | team_roles()),
        "member": st.builds(Role.member, keys()),
        "label": st.builds(Role.label, labels()),
    }
    strategy: SearchStrategy[Role] = st.one_of([shapes[name] for name in chosen])
    return strategy


def role_strings(names: Iterable[str] | None = None) -> SearchStrategy[str]:
    """Canonical role strings (a function's ``execute``, a topic's ``subscribe``), as :func:`roles`.

    >>> from hypothesis import given
    >>> from appwrite_dsl import Role
    >>> @given(role_strings())
    ... def test_role_string(text):
    ...     assert str(Role.parse(text)) == text
    >>> test_role_string()
    """
    return roles(names).map(str)


def permissions(
    actions: Iterable[str] | None = None, roles: SearchStrategy[Role] | None = None
) -> SearchStrategy[Permission]:
    """Valid :class:`~appwrite_dsl.Permission` objects. ``actions`` limits the types (create, read,
    update, delete, write); ``roles`` is the strategy of their roles (default: :func:`roles`).

    >>> from hypothesis import given
    >>> from appwrite_dsl import Permission
    >>> @given(permissions(actions=["read", "update", "delete"]))
    ... def test_document_permission(permission):
    ...     assert permission.expand("document") == (permission,)
    >>> test_document_permission()
    """
    chosen = _subset(actions, server.PERMISSION_TYPES, "actions")
    _require_hypothesis()
    from hypothesis import strategies as st  # noqa: PLC0415

    role_strategy = _roles(None) if roles is None else roles
    strategy: SearchStrategy[Permission] = st.builds(Permission, st.sampled_from(chosen), role_strategy)
    return strategy


def permission_strings(
    actions: Iterable[str] | None = None, roles: SearchStrategy[Role] | None = None
) -> SearchStrategy[str]:
    """Canonical permission strings, as :func:`permissions`.

    >>> from hypothesis import given
    >>> from appwrite_dsl import Permission
    >>> @given(permission_strings())
    ... def test_permission_string(text):
    ...     assert str(Permission.parse(text)) == text
    >>> test_permission_string()
    """
    return permissions(actions, roles).map(str)


def ids(allow_unique: bool = False, max_length: int = KEY_MAX_LENGTH) -> SearchStrategy[str]:
    """Values :meth:`appwrite_dsl.ID.parse` accepts: custom IDs (Keys of up to ``max_length`` characters;
    unlike a role identifier, ``"0"`` is a valid ID) and, with ``allow_unique``, the literal ``unique()``.

    >>> from hypothesis import given
    >>> from appwrite_dsl import ID
    >>> @given(ids(allow_unique=True))
    ... def test_id(value):
    ...     assert ID.is_valid(value)
    >>> test_id()
    """
    custom = _key_text(max_length, allow_zero=True)
    if not allow_unique:
        return custom
    from hypothesis import strategies as st  # noqa: PLC0415

    return st.just(UNIQUE) | custom


def queries(
    *,
    syntax: Literal["json", "legacy"] = "json",
    methods: Iterable[str] | None = None,
    max_depth: int = 2,
) -> SearchStrategy[Query]:
    """Valid :class:`~appwrite_dsl.query.Query` objects the server reads as written.

    ``syntax="json"``: any of the server's JSON query methods (or only ``methods``), nesting
    ``and``/``or``/``elemMatch`` up to ``max_depth`` levels; ``syntax="legacy"``: the methods of the legacy
    syntax, with values it carries unchanged.

    >>> from hypothesis import given
    >>> from appwrite_dsl.query import Query
    >>> @given(queries(methods=["equal", "and"]))  # doctest: +SKIP
    ... def test_query_round_trip(query):
    ...     assert Query.parse(str(query)) == query
    """
    _require_hypothesis()
    from ._strategies_query import queries as strategy  # noqa: PLC0415

    return strategy(syntax=syntax, methods=methods, max_depth=max_depth)
