"""ParseError: attributes and the three-line caret rendering, which is part of the API."""

from __future__ import annotations

import pickle

import pytest

from appwrite_dsl import InvalidPermission, InvalidRole, ParseError, Permission, Role, ValidationError, errors
from appwrite_dsl.errors import LEGACY_ROLE_PREFIX, LEGACY_WILDCARD


def render(parse: object, text: str) -> str:
    with pytest.raises(ParseError) as caught:
        parse(text)  # type: ignore[operator]
    return str(caught.value)


def test_caret_under_the_offending_character() -> None:
    assert render(Permission.parse, 'read("any")x') == (
        "Expected end of permission after '\")', found 'x'\n    read(\"any\")x\n               ^"
    )


def test_span_is_underlined() -> None:
    assert render(Role.parse, "users/Verified") == (
        "Expected 'verified' or 'unverified' after '/', found 'Verified'\n"
        "    users/Verified\n"
        "          ^~~~~~~~"
    )


def test_end_of_input_caret_sits_after_the_text() -> None:
    assert render(Role.parse, "user") == (
        "Expected ':' after 'user', found end of input\n    user\n        ^"
    )


def test_server_reading_is_named() -> None:
    assert render(Permission.parse, 'read("user:a:b")') == (
        "Expected a letter, digit, '.', '-' or '_' in a user ID, found ':'; "
        'the server would read this as read("user:a")\n'
        '    read("user:a:b")\n'
        "                ^"
    )


def test_control_characters_are_drawn_visibly_and_keep_the_column() -> None:
    assert render(Permission.parse, 'read("any")\n') == (
        "Expected end of permission after '\")', found '\\n'\n    read(\"any\")\u240a\n               ^~"
    ).replace("^~", "^")


def test_long_inputs_are_cut_to_a_window() -> None:
    text = "user:" + "a" * 200 + " b" + "c" * 200
    rendered = render(Role.parse, text).splitlines()
    assert rendered[0] == "Expected a letter, digit, '.', '-' or '_' in a user ID, found ' '"
    shown, marker = rendered[1], rendered[2]
    assert shown.startswith("    ...") and shown.endswith("...")
    assert shown[marker.index("^")] == " "
    assert shown[marker.index("^") + 1] == "b"


def test_attributes_and_subclassing() -> None:
    with pytest.raises(InvalidRole) as caught:
        Role.parse("user:a b")
    error = caught.value
    assert isinstance(error, ParseError)
    assert isinstance(error, ValueError)
    assert (error.source, error.position, error.end, error.span) == ("user:a b", 6, 7, (6, 7))
    assert (
        repr(error)
        == "InvalidRole(\"Expected a letter, digit, '.', '-' or '_' in a user ID, found ' '\", position=6)"
    )


def test_errors_pickle() -> None:
    error = InvalidPermission("Expected x", "read", 4)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.message, copy.source, copy.position, copy.end) == (
        InvalidPermission,
        "Expected x",
        "read",
        4,
        4,
    )


def test_kind_is_none_unless_given_and_survives_pickling() -> None:
    plain = InvalidRole("Expected x", "role", 0)
    assert plain.kind is None
    assert "kind" not in vars(plain)  # no extra state for the errors without a kind
    assert pickle.loads(pickle.dumps(plain)).kind is None
    error = ValidationError('Wildcard role "*" has been replaced.', "*", 0, 1, index=2, kind=LEGACY_WILDCARD)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), copy.message, copy.span, copy.index, copy.kind) == (
        ValidationError,
        error.message,
        (0, 1),
        2,
        "legacy-wildcard",
    )
    assert repr(error) == "ValidationError('Wildcard role \"*\" has been replaced.', index=2)"
    assert str(copy) == str(error)


def test_kinds_are_documented_constants() -> None:
    assert (LEGACY_WILDCARD, LEGACY_ROLE_PREFIX) == ("legacy-wildcard", "legacy-role-prefix")
    assert {"LEGACY_WILDCARD", "LEGACY_ROLE_PREFIX"} <= set(errors.__all__)


def test_validation_error_carries_the_index() -> None:
    error = ValidationError("Every permission must be of type string.", "5", index=3)
    assert error.index == 3
    assert repr(error) == "ValidationError('Every permission must be of type string.', index=3)"


def test_lone_surrogates_render_printably() -> None:
    rendered = render(Role.parse, "any\ud800x")
    assert rendered == "Expected end of role after 'any', found '\\ud800'\n    any\ufffdx\n       ^~"
    rendered.encode("utf-8")  # would raise UnicodeEncodeError with the surrogate left in
