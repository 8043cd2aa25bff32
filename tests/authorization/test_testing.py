"""assert_allowed / assert_denied: pass quietly with the decision, fail with the server's reasons."""

from __future__ import annotations

from pathlib import Path

import pytest

from appwrite_dsl.authorization import Membership, Principal
from appwrite_dsl.testing import assert_allowed, assert_denied, decision_for

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "appwrite.config.json"


def test_explicit_lists() -> None:
    decision = assert_allowed(
        Principal.anonymous("a1"), "delete", resource="row", container=['delete("users")']
    )
    assert decision.granted_by == 'delete("users") on the table'
    assert_denied(Principal.guest(), "subscribe", resource="topic", container=["any"])


def test_failure_message_explains_the_decision() -> None:
    with pytest.raises(AssertionError) as caught:
        assert_allowed(Principal.user("u1"), "update", container=['read("users")'], security=True,
                       permissions=['read("user:u1")'])  # fmt: skip
    assert str(caught.value) == (
        "expected user u1 (unverified) to be allowed to update on document, but it is denied (401 user_unauthorized) "
        "at the permission check: updating a document needs update for one of the caller's roles; the collection "
        "grants update to no role; the document's own permissions grant no update\n"
        "  roles held: any, users, user:u1, user:u1/unverified, users/unverified\n"
        '  note: to let this caller in, grant update to one of its roles, e.g. update("user:u1") on the document '
        "or the collection"
    )
    with pytest.raises(
        AssertionError, match=r"^expected guest to be denied read on document, but it is allowed"
    ):
        assert_denied(Principal.guest(), "read", container=['read("any")'])


def test_project_file_containers() -> None:
    editor_owner = Principal.user("u9", memberships=[Membership("m9", "editors", ["owner"])])
    assert_allowed(editor_owner, "delete", project=EXAMPLE, on="posts")
    assert_denied(Principal.user("u9"), "delete", project=EXAMPLE, on="main/posts")
    # the table's update("any") lets a guest change every row
    assert_allowed(Principal.guest(), "update", project=EXAMPLE, on="posts")
    # documentSecurity is off on notes: a document's own permissions are ignored
    assert_denied(
        Principal.user("u9"), "update", project=EXAMPLE, on="notes", permissions=['write("user:u9")']
    )
    assert_allowed(Principal.guest(), "execute", project=EXAMPLE, on="hello")
    assert_denied(Principal.guest(), "subscribe", project=EXAMPLE, on="news")
    decision, target = decision_for(Principal.key(), "read", project=EXAMPLE, on="legacy_uploads")
    assert decision.allowed and target == "bucket legacy_uploads"


def test_project_file_lookup_errors() -> None:
    with pytest.raises(LookupError, match="has no collection, table, bucket, function or topic 'nope'"):
        assert_allowed(Principal.guest(), "read", project=EXAMPLE, on="nope")
    with pytest.raises(TypeError, match="give both project= and on="):
        assert_allowed(Principal.guest(), "read", project=EXAMPLE)
