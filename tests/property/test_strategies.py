"""The public hypothesis strategies: what they draw, their arguments, and life without hypothesis."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys
import textwrap
from typing import Any

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from appwrite_dsl import ID, Permission, Role, strategies
from appwrite_dsl._keys import check_key, check_label

SHAPES = [
    "any",
    "guests",
    "users",
    "users/status",
    "user:id",
    "user:id/status",
    "team:id",
    "team:id/role",
    "member:id",
    "label:name",
]


def shape(role: Role) -> str:
    placeholder = {"user": "id", "team": "id", "member": "id", "label": "name"}
    dimension = {"users": "status", "user": "status", "team": "role"}
    text = role.name
    if role.identifier:
        text += ":" + placeholder[role.name]
    if role.dimension:
        text += "/" + dimension[role.name]
    return text


@pytest.mark.parametrize("wanted", SHAPES)
def test_roles_covers_every_shape(wanted: str) -> None:
    assert shape(find(strategies.roles(), lambda role: shape(role) == wanted)) == wanted


@pytest.mark.parametrize(
    ("strategy", "predicate"),
    [
        (strategies.keys(), lambda key: len(key) == 36),
        (strategies.team_roles(), lambda role: len(role) == 81),
        (strategies.labels(), lambda label: len(label) == 36),
        (strategies.keys(), lambda key: set("._-") <= set(key)),
        (strategies.ids(), lambda value: value == "0"),
        (strategies.ids(allow_unique=True), lambda value: value == "unique()"),
        (strategies.permissions(), lambda permission: permission.action == "write"),
    ],
)
def test_strategies_reach_their_edges(strategy: st.SearchStrategy[object], predicate: Any) -> None:
    # find raises NoSuchExample when the strategy never draws such a value.
    assert predicate(find(strategy, predicate))


ACTIONS = ("create", "read", "update", "delete", "write")
ROLE_NAMES = ("any", "guests", "users", "user", "team", "member", "label")
LENGTHS = (1, 2, 13, 36, 81, 255)


def key_rule(max_length: int) -> re.Pattern[str]:
    return re.compile(rf"[A-Za-z0-9][A-Za-z0-9._\-]{{0,{max_length - 1}}}")


# (what was asked, what was drawn): every strategy with every kind of argument, built once.
DRAWS = st.one_of(
    st.tuples(st.just(("keys", 36)), strategies.keys()),
    st.tuples(st.just(("labels",)), strategies.labels()),
    st.tuples(st.just(("team_roles",)), strategies.team_roles()),
    *[st.tuples(st.just(("keys", n)), strategies.keys(n)) for n in LENGTHS],
    *[st.tuples(st.just(("ids", n, False)), strategies.ids(max_length=n)) for n in LENGTHS],
    st.tuples(st.just(("ids", 36, True)), strategies.ids(allow_unique=True)),
    st.tuples(st.just(("roles", ROLE_NAMES)), strategies.roles()),
    *[st.tuples(st.just(("roles", (name,))), strategies.roles([name])) for name in ROLE_NAMES],
    st.tuples(st.just(("role_strings", ROLE_NAMES)), strategies.role_strings()),
    *[st.tuples(st.just(("role_strings", (name,))), strategies.role_strings([name])) for name in ROLE_NAMES],
    st.tuples(st.just(("permissions", ACTIONS)), strategies.permissions()),
    *[st.tuples(st.just(("permissions", (action,))), strategies.permissions([action])) for action in ACTIONS],
    st.tuples(
        st.just(("permissions", ("read", "update"), "label")),
        strategies.permissions(["read", "update"], strategies.roles(["label"])),
    ),
    st.tuples(st.just(("permission_strings", ACTIONS)), strategies.permission_strings()),
    *[
        st.tuples(st.just(("permission_strings", (action,))), strategies.permission_strings([action]))
        for action in ACTIONS
    ],
)


@given(DRAWS)
def test_strategies_draw_valid_values(draw: tuple[tuple[Any, ...], Any]) -> None:
    (kind, *arguments), value = draw
    if kind == "keys":
        assert value != "0"
        assert key_rule(arguments[0]).fullmatch(value)
        assert check_key(value, "a key", arguments[0]) is None
    elif kind == "labels":
        assert check_label(value) is None
    elif kind == "team_roles":
        assert check_key(value, "a team role", 81) is None
    elif kind == "ids":
        max_length, allow_unique = arguments
        assert ID.parse(value, allow_unique=allow_unique, max_length=max_length) == value
        assert value == "unique()" or key_rule(max_length).fullmatch(value)
    elif kind in ("roles", "role_strings"):
        role = value if kind == "roles" else Role.parse(value)
        assert type(role) is Role
        assert role.name in arguments[0]
        assert str(Role.parse(str(role))) == str(role)
    else:
        permission = value if kind == "permissions" else Permission.parse(value)
        assert type(permission) is Permission
        assert permission.action in arguments[0]
        assert Permission.parse(str(permission)) == permission
        if len(arguments) > 1:
            assert permission.role.name == arguments[1]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: strategies.roles(["teams"]), ValueError),
        (lambda: strategies.roles([]), ValueError),
        (lambda: strategies.roles("user"), TypeError),
        (lambda: strategies.permissions(["Read"]), ValueError),
        (lambda: strategies.permissions([]), ValueError),
        (lambda: strategies.permission_strings("read"), TypeError),
        (lambda: strategies.keys(0), ValueError),
        (lambda: strategies.keys(True), TypeError),
        (lambda: strategies.ids(max_length=0), ValueError),
    ],
)
def test_bad_arguments(call: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        call()  # type: ignore[operator]


def test_all_is_the_public_api() -> None:
    assert sorted(strategies.__all__) == sorted(
        name
        for name in vars(strategies)
        if not name.startswith("_")
        and callable(getattr(strategies, name))
        and getattr(strategies, name).__module__ == strategies.__name__
    )


def test_docstring_examples_run() -> None:
    # The examples' own @given tests run under a small profile: they show usage, the properties are here.
    settings.register_profile("docstrings", max_examples=20, deadline=None)
    settings.load_profile("docstrings")
    try:
        result = doctest.testmod(strategies)
    finally:
        settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
    assert result.attempted >= 9
    assert result.failed == 0


def test_importable_without_hypothesis() -> None:
    code = textwrap.dedent(
        """
        import sys
        sys.modules["hypothesis"] = None
        sys.modules["hypothesis.strategies"] = None
        import appwrite_dsl.strategies as strategies
        assert "hypothesis" in strategies.__doc__
        for name in strategies.__all__:
            try:
                getattr(strategies, name)()
            except ImportError as error:
                assert "pip install hypothesis" in str(error), error
            else:
                raise AssertionError(name + " did not need hypothesis")
        print("ok")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "ok\n", "")
