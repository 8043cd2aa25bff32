"""Differential tests against the official Python SDK (``appwrite`` 27.0.0): for every valid builder call
our string is byte-identical to the SDK's, and ID.unique lays out the same instant and bytes the same way.
Where the SDK writes a string the server misreads, we refuse and say what the SDK would have written."""

from __future__ import annotations

import datetime as real_datetime
import types
from typing import Any, Callable
from unittest import mock

import appwrite.id
import pytest
from appwrite.id import ID as SDKID
from appwrite.permission import Permission as SDKPermission
from appwrite.role import Role as SDKRole
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl import ID, InvalidRole, Permission, Role, server
from appwrite_dsl.strategies import ids, keys, labels, team_roles

from ..property.invariants import attempt, check_error, role_texts

ACTIONS = ("create", "read", "update", "delete", "write")
STATUSES = ("verified", "unverified")
status_args = st.sampled_from(("", None, *STATUSES))
team_role_args = st.sampled_from(("", None)) | team_roles()

# Every Role builder: its valid arguments, and the SDK's names for them (ours must be the same).
ROLE_CALLS: dict[str, tuple[st.SearchStrategy[tuple[Any, ...]], tuple[str, ...]]] = {
    "any": (st.just(()), ()),
    "guests": (st.just(()), ()),
    "users": (st.tuples(status_args), ("status",)),
    "user": (st.tuples(keys(), status_args), ("id", "status")),
    "team": (st.tuples(keys(), team_role_args), ("id", "role")),
    "member": (st.tuples(keys()), ("id",)),
    "label": (st.tuples(labels()), ("name",)),
}
role_calls = st.one_of([st.tuples(st.just(name), args) for name, (args, _) in ROLE_CALLS.items()])


@given(role_calls)
def test_role_builders_match_the_sdk(call: tuple[str, tuple[Any, ...]]) -> None:
    name, args = call
    keywords = dict(zip(ROLE_CALLS[name][1], args))
    ours, sdk = getattr(Role, name), getattr(SDKRole, name)
    expected = sdk(*args)
    assert str(ours(*args)) == expected
    assert str(ours(**keywords)) == sdk(**keywords) == expected
    if name in ("users", "user", "team"):
        # The optional argument left out.
        short = args[: len(args) - 1]
        assert str(ours(*short)) == sdk(*short)
    if name in ("user", "team", "member"):
        assert ID.custom(args[0]) == SDKID.custom(args[0])


@given(st.sampled_from(ACTIONS), role_calls)
def test_permission_builders_match_the_sdk(action: str, call: tuple[str, tuple[Any, ...]]) -> None:
    name, args = call
    role, sdk_role = getattr(Role, name)(*args), getattr(SDKRole, name)(*args)
    ours, sdk = getattr(Permission, action), getattr(SDKPermission, action)
    expected = sdk(sdk_role)
    # Given a Role, our role's string, or the SDK's role string; positionally or by the SDK's keyword.
    assert str(ours(role)) == str(ours(str(role))) == str(ours(sdk_role)) == expected
    assert str(ours(role=role)) == sdk(role=sdk_role) == expected
    assert sdk(role) == expected


@given(ids())
@example("0")
def test_id_custom_matches_the_sdk(value: str) -> None:
    assert ID.custom(value) == SDKID.custom(value) == value


# --------------------------------------------------------------------------------------- invalid builder calls

any_text = st.one_of(keys(), team_roles(), st.sampled_from(("", "0", *STATUSES)), role_texts)
INVALID_CALLS: dict[str, st.SearchStrategy[tuple[Any, ...]]] = {
    "users": st.tuples(st.none() | any_text),
    "user": st.tuples(any_text, st.none() | any_text),
    "team": st.tuples(any_text, st.none() | any_text),
    "member": st.tuples(any_text),
    "label": st.tuples(any_text),
}
invalid_calls = st.one_of([st.tuples(st.just(name), args) for name, args in INVALID_CALLS.items()])


@given(invalid_calls)
@example(("user", ("user:abc", "")))
@example(("team", ("t1", "owner:x")))
@example(("user", ("a/verified", "")))
def test_role_builders_match_the_sdk_or_name_what_it_would_write(call: tuple[str, tuple[Any, ...]]) -> None:
    name, args = call
    sdk_text = getattr(SDKRole, name)(*args)
    role, error = attempt(InvalidRole, getattr(Role, name), *args)
    if error is not None:
        check_error(error, error.source)
        if server.check_roles([sdk_text]) is None:
            reading = str(server.parse_role(sdk_text))
            note = f"; the SDK would write {sdk_text}"
            if reading != sdk_text:
                note += f", which the server reads as {reading}"
            assert error.message.endswith(note), (error.message, note)
        else:
            assert "the SDK would write" not in error.message
    else:
        assert str(role) == sdk_text


@given(st.sampled_from(ACTIONS), role_texts)
def test_permission_builders_match_the_sdk_or_name_what_it_would_write(action: str, text: str) -> None:
    sdk_text = getattr(SDKPermission, action)(text)
    permission, error = attempt(InvalidRole, getattr(Permission, action), text)
    if error is not None:
        check_error(error, text)
        if server.check_permissions([sdk_text]) is None:
            reading = str(server.parse_permission(sdk_text))
            note = f"; the SDK would write {sdk_text}"
            if reading != sdk_text:
                note += f", which the server reads as {reading}"
            assert error.message.endswith(note), (error.message, note)
        else:
            assert "the SDK would write" not in error.message
    else:
        assert str(permission) == sdk_text


@pytest.mark.parametrize(
    ("build", "sdk_text", "reading"),
    [
        (lambda: Role.user("user:abc"), SDKRole.user("user:abc"), "user:user"),
        (lambda: Role.team("t1", "owner:x"), SDKRole.team("t1", "owner:x"), "team:t1/owner"),
        (lambda: Role.user("a/verified"), SDKRole.user("a/verified"), None),
        (lambda: Permission.read("user:a:b"), SDKPermission.read("user:a:b"), 'read("user:a")'),
        (lambda: Permission.read('us")ers'), SDKPermission.read('us")ers'), 'read("users")'),
        (lambda: Permission.write('any")'), SDKPermission.write('any")'), 'write("any")'),
        (
            lambda: Permission.update(SDKRole.team("t1", "a:b")),
            SDKPermission.update(SDKRole.team("t1", "a:b")),
            'update("team:t1/a")',
        ),
    ],
)
def test_sdk_strings_the_server_misreads_are_refused(
    build: Callable[[], object], sdk_text: str, reading: str | None
) -> None:
    with pytest.raises(InvalidRole) as caught:
        build()
    if reading is None:
        # The server takes the SDK's string exactly as written, but not as the parts the call gave.
        assert caught.value.message.endswith(f"; the SDK would write {sdk_text}")
    else:
        assert caught.value.message.endswith(
            f"; the SDK would write {sdk_text}, which the server reads as {reading}"
        )


@pytest.mark.parametrize(
    ("build", "sdk_text"),
    [
        (lambda: Permission.read('a"b'), SDKPermission.read('a"b')),
        (lambda: Role.user(""), SDKRole.user("")),
        (lambda: Role.user("0"), SDKRole.user("0")),
        (lambda: Role.users("Verified"), SDKRole.users("Verified")),
        (lambda: Role.label("vip-1"), SDKRole.label("vip-1")),
        (lambda: Role.users("verified:x"), SDKRole.users("verified:x")),
    ],
)
def test_sdk_strings_the_server_rejects_are_refused(build: Callable[[], object], sdk_text: str) -> None:
    problem = (
        server.check_permissions([sdk_text]) if sdk_text.endswith('")') else server.check_roles([sdk_text])
    )
    assert problem is not None
    with pytest.raises(InvalidRole) as caught:
        build()
    assert "the SDK would write" not in caught.value.message


# ------------------------------------------------------------------------------------------------ ID.unique


class _FrozenDatetime:
    """Stands in for ``datetime.datetime`` in ``appwrite.id``: ``now()`` is a fixed instant."""

    instant: real_datetime.datetime

    @classmethod
    def now(cls) -> real_datetime.datetime:
        return cls.instant


def sdk_unique(padding: int, seconds: int, microsecond: int, entropy: bytes, asked: list[int]) -> str:
    def urandom(n: int) -> bytes:
        asked.append(n)
        return entropy[:n]

    _FrozenDatetime.instant = real_datetime.datetime.fromtimestamp(
        seconds, real_datetime.timezone.utc
    ).replace(microsecond=microsecond)
    # appwrite.id calls datetime.now() and os.urandom(n): patch both names in that module.
    with mock.patch.multiple(
        appwrite.id, datetime=_FrozenDatetime, os=types.SimpleNamespace(urandom=urandom)
    ):
        unique = SDKID.unique(padding)
    assert isinstance(unique, str)
    return unique


@given(
    st.integers(0, 23),
    st.integers(0, 2**32 - 1),  # the seconds field is 8 hex digits until 2106
    st.integers(0, 999_999),
    st.integers(0, 999),
    st.binary(min_size=12, max_size=12),
)
@example(7, 1_700_000_000, 999_999, 999, b"\xff" * 12)
@example(7, 1_700_000_000, 1_000, 0, b"\x00" * 12)
@example(0, 0, 0, 0, b"\x00" * 12)
@example(23, 2**32 - 1, 123_456, 1, bytes(range(12)))
def test_unique_matches_the_sdk(
    padding: int, seconds: int, microsecond: int, nanos: int, entropy: bytes
) -> None:
    sdk_asked: list[int] = []
    expected = sdk_unique(padding, seconds, microsecond, entropy, sdk_asked)
    ours_asked: list[int] = []

    def random(n: int) -> bytes:
        ours_asked.append(n)
        return entropy[:n]

    now = seconds * 10**9 + microsecond * 1000 + nanos
    assert ID.unique(padding, clock=lambda: now, random=random) == expected
    assert ours_asked == sdk_asked
    assert len(expected) == 13 + padding


@pytest.mark.parametrize("padding", range(24))
def test_unique_matches_the_sdk_for_every_padding(padding: int) -> None:
    for seconds, microsecond in [
        (1_700_000_000, 0),
        (1_763_000_000, 999),
        (1_763_000_000, 1_000),
        (86_400, 999_999),
    ]:
        entropy = bytes(range(200, 212))
        expected = sdk_unique(padding, seconds, microsecond, entropy, [])

        def clock(now: int = seconds * 10**9 + microsecond * 1000) -> int:
            return now

        def random(n: int, entropy: bytes = entropy) -> bytes:
            return entropy[:n]

        assert ID.unique(padding, clock=clock, random=random) == expected


def test_unique_without_injection_has_the_sdks_shape() -> None:
    for padding in (0, 7, 23):
        ours, sdk = ID.unique(padding), SDKID.unique(padding)
        assert len(ours) == len(sdk) == 13 + padding
        # Same second (or the next), and the sub-millisecond field stays under 1000 in both.
        assert abs(int(ours[:8], 16) - int(sdk[:8], 16)) <= 1
        assert int(ours[8:13], 16) < 1000 and int(sdk[8:13], 16) < 1000
