"""The worked examples of Appwrite's authorization: the cases people get wrong, each with the server's
answer (allowed, or the stage and error of the denial)."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from appwrite_dsl.authorization import Membership, Principal, explain

U1 = Principal.user("u1")
# u1 with email verified, label vip, a confirmed membership m1 in t1 (editor) and a pending one m2 in t2 (owner).
U1_STAR = Principal.user(
    "u1",
    email_verified=True,
    labels=["vip"],
    memberships=[Membership("m1", "t1", ["editor"]), Membership("m2", "t2", ["owner"], confirmed=False)],
)
GUEST = Principal.guest()
ANON = Principal.anonymous("a1")
KEY = Principal.key()

ALLOWED = (True, None, None)
NOT_FOUND = (False, "permission", "document_not_found")
UNAUTHORIZED = (False, "permission", "user_unauthorized")

# (number, principal, action, arguments, (allowed, stage, error))
EXAMPLES: list[tuple[str, Principal, str, dict[str, Any], tuple[bool, str | None, str | None]]] = [
    ("1", GUEST, "read", {"container": ['read("any")']}, ALLOWED),
    ("2", GUEST, "read", {"container": ['read("users")']}, NOT_FOUND),
    ("3", ANON, "delete", {"resource": "row", "container": ['read("any")', 'delete("users")']}, ALLOWED),
    ("4", ANON, "delete", {"resource": "row", "container": ['delete("users/verified")']}, UNAUTHORIZED),
    ("4b", ANON, "delete", {"resource": "row", "container": ['delete("users/unverified")']}, ALLOWED),
    (
        "5",
        Principal.user("u1", phone_verified=True),
        "read",
        {"container": ['read("users/verified")']},
        ALLOWED,
    ),
    (
        "6",
        U1,
        "update",
        {"container": ['read("users")'], "security": True, "permissions": ['read("user:u1")']},
        UNAUTHORIZED,
    ),
    (
        "7",
        U1,
        "update",
        {"container": ['read("users")'], "security": True, "permissions": ['write("user:u1")']},
        ALLOWED,
    ),
    (
        "7b",
        U1,
        "delete",
        {"container": ['read("users")'], "security": True, "permissions": ['write("user:u1")']},
        ALLOWED,
    ),
    ("8", U1, "read", {"permissions": ['read("user:u1")']}, NOT_FOUND),
    (
        "9",
        U1,
        "create",
        {"container": ['read("any")'], "security": True, "permissions": ['write("user:u1")']},
        UNAUTHORIZED,
    ),
    ("10", U1, "create", {"container": ['write("users")']}, ALLOWED),
    (
        "11",
        U1,
        "create",
        {"container": ['create("users")'], "security": True, "grant": ['read("user:u2")']},
        (False, "grant", "user_unauthorized"),
    ),
    (
        "12",
        GUEST,
        "create",
        {"container": ['create("any")'], "security": True, "grant": ['read("any")']},
        ALLOWED,
    ),
    (
        "12b",
        GUEST,
        "create",
        {"container": ['create("any")'], "security": True, "grant": ['read("users")']},
        (False, "grant", "user_unauthorized"),
    ),
    ("13", U1_STAR, "update", {"security": True, "permissions": ['update("team:t1/owner")']}, UNAUTHORIZED),
    ("13b", U1_STAR, "update", {"security": True, "permissions": ['update("team:t1")']}, ALLOWED),
    ("13c", U1_STAR, "update", {"security": True, "permissions": ['update("team:t2")']}, UNAUTHORIZED),
    ("14", U1_STAR, "read", {"security": True, "permissions": ['read("member:m1")']}, ALLOWED),
    ("14b", U1_STAR, "read", {"security": True, "permissions": ['read("label:vip")']}, ALLOWED),
    ("14c", U1_STAR, "read", {"security": True, "permissions": ['read("label:VIP")']}, NOT_FOUND),
    (
        "15",
        U1,
        "read",
        {"container": ['read("any")'], "enabled": False},
        (False, "disabled", "collection_not_found"),
    ),
    ("16", KEY, "delete", {"enabled": False}, ALLOWED),
    (
        "17",
        Principal.key(["documents.read"]),
        "delete",
        {"container": ['delete("any")']},
        (False, "scope", "general_unauthorized_scope"),
    ),
    ("18", U1, "update", {"security": True, "permissions": ['read("user:u1")'], "changes": False}, ALLOWED),
    (
        "18b",
        U1,
        "update",
        {"security": True, "permissions": ['update("user:u1")'], "changes": False},
        UNAUTHORIZED,
    ),
    ("19", U1, "update", {"resource": "file", "container": ['update("users")'], "changes": False}, ALLOWED),
    ("19b", U1, "update", {"container": ['update("users")'], "changes": False}, UNAUTHORIZED),
    ("20", GUEST, "execute", {"resource": "function", "container": ["any"]}, ALLOWED),
    ("20b", U1, "execute", {"resource": "function", "container": []}, UNAUTHORIZED),
    ("20c", KEY, "execute", {"resource": "function", "container": [], "enabled": False}, ALLOWED),
    (
        "21",
        U1,
        "execute",
        {"resource": "function", "container": ["users"], "enabled": False},
        (False, "disabled", "function_not_found"),
    ),
    (
        "22",
        GUEST,
        "subscribe",
        {"resource": "topic", "container": ["any"]},
        (False, "scope", "general_unauthorized_scope"),
    ),
    ("22b", U1, "subscribe", {"resource": "topic", "container": ["users"]}, ALLOWED),
    ("23", GUEST, "receive", {"container": ['read("any")']}, ALLOWED),
    ("23b", U1, "receive", {"container": ['read("guests")']}, (False, "permission", None)),
    ("23c", KEY, "receive", {"container": ['read("guests")']}, ALLOWED),
    ("24", U1, "list", {"security": True, "permissions": ['read("user:u2")']}, ALLOWED),
    ("25", U1, "list", {"permissions": ['read("user:u1")']}, UNAUTHORIZED),
    ("26", U1, "read", {"resource": "file", "permissions": ['read("user:u1")']}, UNAUTHORIZED),
    ("27", Principal.admin("developer"), "update", {"resource": "row", "enabled": False}, ALLOWED),
    ("28", U1, "read", {"container": ['read("guests")']}, NOT_FOUND),
]


@pytest.mark.parametrize(
    ("number", "principal", "action", "arguments", "expected"), EXAMPLES, ids=[e[0] for e in EXAMPLES]
)
def test_worked_example(
    number: str,
    principal: Principal,
    action: str,
    arguments: dict[str, Any],
    expected: tuple[bool, str | None, str | None],
) -> None:
    decision = explain(principal, action, **arguments)
    assert (decision.allowed, decision.stage, decision.error) == expected


def test_listing_keeps_only_readable_items() -> None:
    assert explain(U1, "list", security=True, permissions=['read("user:u2")']).visible is False
    assert explain(U1, "list", security=True, permissions=['read("user:u1")']).visible is True


def test_the_grant_message_is_the_servers() -> None:
    decision = explain(U1, "create", container=['create("users")'], security=True, grant=['read("user:u2")'])
    assert (
        "Permissions must be one of: (any, users, user:u1, user:u1/unverified, users/unverified)"
        in decision.reason
    )


def test_u1_star_holds_the_roles_of_the_worked_examples() -> None:
    assert U1_STAR.roles == (
        "any",
        "users",
        "user:u1",
        "user:u1/verified",
        "users/verified",
        "team:t1",
        "member:m1",
        "team:t1/editor",
        "label:vip",
    )


EXPLANATIONS = [
    # the deciding step and what the person can act on
    (
        GUEST,
        "read",
        {"container": ['read("users")']},
        [
            "denied (404 document_not_found) at the permission check",
            "the collection grants read to users",
            "roles held: any, guests",
            'e.g. read("guests") on the collection',
        ],
    ),
    (
        U1,
        "read",
        {"permissions": ['read("user:u1")']},
        [
            "the document's own permissions are ignored (documentSecurity is off)",
            "would let the caller in: turn documentSecurity on",
        ],
    ),
    (
        U1,
        "update",
        {"security": True, "permissions": ['update("user:u1")'], "changes": False},
        [
            "an update that changes nothing is checked as a read",
        ],
    ),
    (
        U1,
        "create",
        {"container": ['read("any")'], "security": True, "permissions": ['write("user:u1")']},
        [
            "create exists only on the collection",
        ],
    ),
    (
        U1_STAR,
        "read",
        {"security": True, "permissions": ['read("label:VIP")']},
        [
            "roles match exactly: label:VIP is not label:vip",
        ],
    ),
    (
        U1,
        "update",
        {"container": ['read("users")'], "security": True, "permissions": ['write("user:u1")']},
        [
            'allowed at the permission check: update("user:u1") on the document (from write("user:u1")) grants update',
        ],
    ),
    (
        KEY,
        "delete",
        {"enabled": False},
        ["allowed at no check (authorization is off): an API key bypasses permissions"],
    ),
    (Principal.key([]), "read", {}, ["needs the scope documents.read, which the API key was not given"]),
    (
        U1,
        "read",
        {"container": ['read("any")'], "enabled": False},
        ["denied (404 collection_not_found) at the enabled check"],
    ),
    (
        U1,
        "create",
        {"container": ['create("users")'], "grant": ['read("user:u2")']},
        [
            "at the check of the requested permissions",
            "note: send only permissions for the caller's own roles",
        ],
    ),
    (
        U1,
        "read",
        {"resource": "file", "permissions": ['read("user:u1")']},
        ["answers 401, not 404 as a document would"],
    ),
    (
        KEY,
        "receive",
        {"container": ['read("users")']},
        ["a key connects as a guest", "realtime connection roles: guests"],
    ),
]


@pytest.mark.parametrize(("principal", "action", "arguments", "phrases"), EXPLANATIONS)
def test_explanations_name_the_step_and_the_fix(
    principal: Principal, action: str, arguments: dict[str, Any], phrases: list[str]
) -> None:
    text = str(explain(principal, action, **arguments))
    for phrase in phrases:
        assert phrase in text


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="a topic has the actions subscribe"):
        explain(U1, "read", resource="topic")
    with pytest.raises(ValueError, match="resource must be one of"):
        explain(U1, "read", resource="collection")
    with pytest.raises(ValueError, match="Invalid permission type"):
        explain(U1, "read", container=['reed("any")'])
    with pytest.raises(ValueError, match="not modelled for console admins"):
        explain(Principal.admin(), "receive", container=['read("any")'])
    with pytest.raises(TypeError, match="not a str"):
        explain(U1, "read", container='read("any")')
    with pytest.raises(ValueError, match="console admin's role"):
        Principal.admin("root")


def test_principals_and_memberships_pickle_and_compare() -> None:
    import pickle

    for value in (
        U1_STAR,
        GUEST,
        KEY,
        Principal.key(["files.read"]),
        Principal.admin("admin"),
        *U1_STAR.memberships,
    ):
        copy = pickle.loads(pickle.dumps(value))
        assert copy == value and hash(copy) == hash(value)
        assert repr(copy) == repr(value)
    assert str(U1_STAR) == (
        "user u1 (email verified; labels vip; member m1 of team t1 as editor; "
        "member m2 of team t2 as owner (not confirmed))"
    )
    assert str(Principal.key(["files.read"])) == "API key (files.read)"
    assert str(Principal.key([])) == "API key (no scope)"
    assert str(Principal.admin("developer")) == "console admin (developer)"
    assert Principal.user("u1") != Principal.anonymous("u1")


def test_memberships_and_principals_are_immutable_and_pickle() -> None:
    membership = Membership("m1", "t1", ["owner"])
    principal = Principal.user("u1", memberships=[membership])
    for value, name in ((membership, "team"), (principal, "id"), (principal, "other")):
        with pytest.raises(AttributeError, match="objects are immutable"):
            setattr(value, name, "x")
        with pytest.raises(AttributeError, match="objects are immutable"):
            delattr(value, name)
        assert pickle.loads(pickle.dumps(value)) == value
    assert (membership.team, principal.id) == ("t1", "u1")
