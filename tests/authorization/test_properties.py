"""Laws of the authorization model, over generated principals and permission lists: more permissions, more
labels or more confirmed memberships never take access away, and ``write`` is create + update + delete on a
container and update + delete on an item."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from appwrite_dsl.authorization import ACTIONS, Membership, Principal, can, explain

USERS = ("u1", "u2")
TEAMS = ("t1", "t2")
TEAM_ROLES = ("owner", "Owner", "editor")
LABELS = ("vip", "VIP", "beta")
MEMBERSHIP_IDS = ("m1", "m2", "m3")
SCOPES = ("documents.read", "documents.write", "rows.read", "rows.write", "files.read", "files.write",
          "executions.write", "subscribers.write")  # fmt: skip

roles = st.one_of(
    st.sampled_from(("any", "guests", "users", "users/verified", "users/unverified")),
    st.builds(
        lambda u, d: f"user:{u}{d}", st.sampled_from(USERS), st.sampled_from(("", "/verified", "/unverified"))
    ),
    st.builds(
        lambda t, r: f"team:{t}{r}",
        st.sampled_from(TEAMS),
        st.sampled_from(("", *(f"/{r}" for r in TEAM_ROLES))),
    ),
    st.builds(lambda m: f"member:{m}", st.sampled_from(MEMBERSHIP_IDS)),
    st.builds(lambda label: f"label:{label}", st.sampled_from(LABELS)),
)
container_permissions = st.builds(
    lambda t, r: f'{t}("{r}")', st.sampled_from(("create", "read", "update", "delete", "write")), roles
)
item_permissions = st.builds(
    lambda t, r: f'{t}("{r}")', st.sampled_from(("read", "update", "delete", "write")), roles
)
memberships = st.builds(
    Membership,
    st.sampled_from(MEMBERSHIP_IDS),
    st.sampled_from(TEAMS),
    st.lists(st.sampled_from(TEAM_ROLES), max_size=2),
    st.booleans(),
)


@st.composite
def users(draw: st.DrawFn) -> Principal:
    """A user or an anonymous session with any labels and memberships."""
    labels = draw(st.lists(st.sampled_from(LABELS), max_size=2))
    members = draw(st.lists(memberships, max_size=2))
    uid = draw(st.sampled_from(USERS))
    if draw(st.booleans()):
        return Principal.anonymous(uid, labels=labels, memberships=members)
    return Principal.user(uid, email_verified=draw(st.booleans()), phone_verified=draw(st.booleans()),
                          labels=labels, memberships=members)  # fmt: skip


principals = st.one_of(
    st.just(Principal.guest()),
    users(),
    st.builds(Principal.key, st.one_of(st.none(), st.lists(st.sampled_from(SCOPES)))),
    st.builds(Principal.admin, st.sampled_from(("owner", "developer", "admin"))),
)


@st.composite
def requests(
    draw: st.DrawFn, who: st.SearchStrategy[Principal] = principals
) -> tuple[Principal, str, dict[str, Any]]:
    """A principal, an action and :func:`can`'s other arguments."""
    principal = draw(who)
    resource = draw(st.sampled_from(sorted(ACTIONS)))
    action = draw(st.sampled_from(ACTIONS[resource]))
    if action == "receive" and principal.kind == "admin":
        principal = Principal.guest()
    arguments: dict[str, Any] = {"resource": resource, "enabled": draw(st.booleans())}
    if resource in ("function", "topic"):
        arguments["container"] = draw(st.lists(roles, max_size=3))
        return principal, action, arguments
    arguments["container"] = draw(st.lists(container_permissions, max_size=4))
    arguments["permissions"] = draw(st.lists(item_permissions, max_size=4))
    arguments["security"] = draw(st.booleans())
    if action in ("create", "update") and draw(st.booleans()):
        arguments["grant"] = draw(st.lists(item_permissions, max_size=3))
    if action == "update":
        arguments["changes"] = draw(st.booleans())
    return principal, action, arguments


@settings(max_examples=400)
@given(requests(), st.data())
def test_adding_a_permission_never_removes_access(
    request: tuple[Principal, str, dict[str, Any]], data: st.DataObject
) -> None:
    principal, action, arguments = request
    before = can(principal, action, **arguments)
    role_list = arguments["resource"] in ("function", "topic")
    key = data.draw(st.sampled_from(("container",) if role_list else ("container", "permissions")))
    added = data.draw(
        roles if role_list else container_permissions if key == "container" else item_permissions
    )
    position = data.draw(st.integers(0, len(arguments[key])))
    more = {**arguments, key: [*arguments[key][:position], added, *arguments[key][position:]]}
    after = can(principal, action, **more)
    assert after or not before


@settings(max_examples=400)
@given(requests(users()), st.sampled_from(LABELS), memberships)
def test_another_label_or_a_confirmed_membership_never_removes_access(
    request: tuple[Principal, str, dict[str, Any]], label: str, membership: Membership
) -> None:
    principal, action, arguments = request
    if not can(principal, action, **arguments):
        return
    confirmed = Membership(membership.id, membership.team, membership.roles, confirmed=True)
    build = Principal.anonymous if principal.kind == "anonymous" else Principal.user
    extra: dict[str, Any] = {}
    if principal.kind == "user":
        extra = {"email_verified": principal.email_verified, "phone_verified": principal.phone_verified}
    labelled = build(
        principal.id, labels=[*principal.labels, label], memberships=principal.memberships, **extra
    )
    member = build(
        principal.id, labels=principal.labels, memberships=[*principal.memberships, confirmed], **extra
    )
    assert can(labelled, action, **arguments)
    assert can(member, action, **arguments)


def _outcome(principal: Principal, action: str, arguments: dict[str, Any]) -> tuple[object, ...]:
    decision = explain(principal, action, **arguments)
    return (decision.allowed, decision.stage, decision.error, decision.visible)


@settings(max_examples=400)
@given(requests(), roles, st.data())
def test_write_is_create_update_delete_on_containers_and_update_delete_on_items(
    request: tuple[Principal, str, dict[str, Any]], role: str, data: st.DataObject
) -> None:
    principal, action, arguments = request
    if arguments["resource"] in ("function", "topic"):
        return
    key = data.draw(st.sampled_from(("container", "permissions")))
    expanded = ("create", "update", "delete") if key == "container" else ("update", "delete")
    written = {**arguments, key: [*arguments[key], f'write("{role}")']}
    spelled = {**arguments, key: [*arguments[key], *(f'{t}("{role}")' for t in expanded)]}
    assert _outcome(principal, action, written) == _outcome(principal, action, spelled)


@given(users(), memberships)
def test_a_pending_membership_gives_no_role(principal: Principal, membership: Membership) -> None:
    pending = Membership(membership.id, membership.team, membership.roles, confirmed=False)
    build = Principal.anonymous if principal.kind == "anonymous" else Principal.user
    with_pending = build(principal.id, labels=principal.labels, memberships=[*principal.memberships, pending])
    without = build(principal.id, labels=principal.labels, memberships=principal.memberships)
    assert with_pending.roles == without.roles


@given(principals)
def test_roles_start_with_any_and_never_repeat(principal: Principal) -> None:
    assert principal.roles[0] == "any"
    assert len(set(principal.roles)) == len(principal.roles)
    assert ("guests" in principal.roles) != ("users" in principal.roles) or principal.kind in ("key",)
