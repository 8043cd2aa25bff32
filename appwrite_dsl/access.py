"""Who is let in: the kinds of principal a permission or role list admits, with a phrase to show.

:func:`who_can` answers "so who can do this?" for a whole kind of caller rather than one principal:

>>> access = who_can("delete", resource="table", container=['read("any")', 'delete("users")'])
>>> access.level("guest"), access.level("anonymous"), access.level("user")
('none', 'all', 'all')
>>> access.phrase
'every signed-in user (anonymous sessions included)'
>>> who_can("read", resource="collection", container=['read("users/verified")', 'read("team:t1")']).phrase
'every signed-in user with a verified email or phone; members of the team "t1"'

The kinds are ``guest``, ``user`` (any signed-in user), ``anonymous`` (an anonymous session),
``verified`` (a user with a verified email or phone), ``member`` (a team member) and ``label`` (a user with
a label). Each gets a level: ``all`` (every caller of that kind), ``some`` (only those holding one of
:attr:`Access.roles`, such as one user or the members of one team) or ``none`` (no caller of that kind).
The levels come from :func:`appwrite_dsl.authorization.can` run on representative
principals of each kind, so scopes (a guest cannot subscribe to a topic) and disabled containers count.

The linter's security rules (AW301 public write, AW302 everyone can execute, AW303 and AW304 unreachable
items, AW305 signed-in write) ask it, one call per entry or list and action, and name who is let in with
:attr:`Access.phrase`; ``appwrite-dsl explain`` names who holds a role with :func:`describe_role`, the
one place these words are written. Strings the server rejects are skipped, as the linter reports them
itself. API keys and console admins are always let in (subject to scopes) and are not listed.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from . import server
from ._decide import stored
from .authorization import Membership, Principal, can

__all__ = ["KINDS", "Access", "describe_role", "who_can"]

KINDS: dict[str, str] = {
    "guest": "guest",
    "user": "any signed-in user",
    "anonymous": "anonymous session",
    "verified": "verified user",
    "member": "team member",
    "label": "label holder",
}
"""The kinds of principal, with the words the audit shows for them."""

_RESOURCES = {"collection": "document", "table": "row", "bucket": "file"}
# The role names whose holders make a kind's "some": a kind's members may hold these.
_SOME = {
    "guest": (),
    "user": ("user", "users", "team", "member", "label"),
    "anonymous": ("user", "users", "team", "member", "label"),
    "verified": ("user", "users", "team", "member", "label"),
    "member": ("user", "users", "team", "member", "label"),
    "label": ("user", "users", "team", "member", "label"),
}


class Access:
    """Who :func:`who_can` lets in: ``levels`` maps each kind of :data:`KINDS` to ``all``, ``some`` or
    ``none``; ``roles`` are the role strings that let some caller in (``any``, ``team:t1``, ...), in list
    order; ``phrase`` says it in words."""

    __slots__ = ("action", "levels", "phrase", "roles")

    def __init__(self, action: str, levels: dict[str, str], roles: tuple[str, ...], phrase: str) -> None:
        self.action = action
        self.levels = levels
        self.roles = roles
        self.phrase = phrase

    def level(self, kind: str) -> str:
        """``all``, ``some`` or ``none`` for ``kind``."""
        return self.levels[kind]

    @property
    def kinds(self) -> tuple[str, ...]:
        """The kinds of which at least some callers are let in."""
        return tuple(kind for kind, level in self.levels.items() if level != "none")

    def to_json(self) -> dict[str, object]:
        """A JSON-ready form: the levels, the roles and the phrase."""
        return {"levels": dict(self.levels), "roles": list(self.roles), "who": self.phrase}

    def __repr__(self) -> str:
        return f"<Access {self.action}: {self.phrase}>"


def _fresh(prefix: str, taken: str) -> str:
    """An identifier starting with ``prefix`` that no string of the lists mentions."""
    number = 0
    while f"{prefix}{number}" in taken:
        number += 1
    return f"{prefix}{number}"


def _role_of(text: str, roles_list: bool) -> server.ServerRole | None:
    """The role a list item names as the server reads it (None when the server rejects it)."""
    try:
        return server.parse_role(text) if roles_list else server.parse_permission(text).role
    except ValueError:
        return None


def _everyone(kind: str, taken: str) -> Iterator[Principal]:
    """Principals that together stand for every caller of ``kind``: fresh IDs, nothing extra held."""
    uid = _fresh("someone", taken)
    if kind == "guest":
        yield Principal.guest()
    elif kind == "anonymous":
        yield Principal.anonymous(uid)
    else:
        team, label = _fresh("team", taken), _fresh("label", taken)
        memberships = [Membership(_fresh("membership", taken), team)] if kind == "member" else []
        labels = [label] if kind == "label" else []
        if kind != "verified":
            yield Principal.user(uid, labels=labels, memberships=memberships)
        yield Principal.user(uid, email_verified=True, labels=labels, memberships=memberships)


def _holders(kind: str, role: server.ServerRole, taken: str) -> Iterator[Principal]:
    """Principals of ``kind`` holding ``role``, when the kind may hold it and it counts for the kind."""
    name, identifier, dimension = role.name, role.identifier, role.dimension
    if name not in _SOME[kind]:
        return
    uid = identifier if name == "user" else _fresh("someone", taken)
    if name in ("user", "users") and dimension == "verified" and kind == "anonymous":
        return
    if name in ("user", "users") and dimension == "unverified" and kind == "verified":
        return
    memberships: list[Membership] = []
    if name == "team":
        memberships = [Membership(_fresh("membership", taken), identifier, [dimension] if dimension else [])]
    elif name == "member":
        memberships = [Membership(identifier, _fresh("team", taken))]
    labels = [identifier] if name == "label" else []
    if kind == "member" and not memberships:
        memberships = [Membership(_fresh("membership", taken), _fresh("team", taken))]
    if kind == "label" and not labels:
        labels = [_fresh("label", taken)]
    if kind == "anonymous":
        yield Principal.anonymous(uid, labels=labels, memberships=memberships)
        return
    statuses = [dimension == "verified"] if dimension and name in ("user", "users") else [False, True]
    for verified in statuses:
        if kind == "verified" and not verified:
            continue
        yield Principal.user(uid, email_verified=verified, labels=labels, memberships=memberships)


def _grants(text: str, type_: str, container: bool) -> bool:
    """Whether the permission string ``text`` grants ``type_`` once stored (``write`` expanded by level)."""
    return any(entry.type == type_ for entry in stored([text], "", container=container))


_STATUS = {
    "verified": " with a verified email or phone",
    "unverified": " without a verified email or phone (anonymous sessions included)",
}


def describe_role(role: server.ServerRole) -> str:
    """Who holds ``role``, in the words of :attr:`Access.phrase`, the linter's messages and
    ``appwrite-dsl explain``: everyone holds ``any``; a caller without a session holds ``guests``; every
    account holds ``users`` (an anonymous session creates an account) and ``users/verified`` or
    ``users/unverified`` (appwrite/appwrite 1.9.6, ``src/Appwrite/Utopia/Database/Documents/User.php``,
    ``getRoles``).

    >>> describe_role(server.parse_role("users"))
    'every signed-in user (anonymous sessions included)'
    >>> describe_role(server.parse_role("team:t1/owner"))
    'members of the team "t1" with the role "owner"'
    """
    name, identifier, dimension = role.name, role.identifier, role.dimension
    if name == "any":
        return "anyone (signed in or not)"
    if name == "guests":
        return "anyone without a session"
    if name == "users":
        return "every signed-in user" + _STATUS.get(dimension, " (anonymous sessions included)")
    if name == "user":
        state = {"verified": " while verified", "unverified": " while unverified"}.get(dimension, "")
        return f'the user "{identifier}"{state}'
    if name == "team":
        if dimension:
            return f'members of the team "{identifier}" with the role "{dimension}"'
        return f'members of the team "{identifier}"'
    if name == "member":
        return f'the holder of the membership "{identifier}"'
    return f'users with the label "{identifier}"'


_ANY, _GUESTS, _USERS = (server.ServerRole(name, "", "") for name in ("any", "guests", "users"))


def who_can(
    action: str,
    *,
    resource: str = "document",
    container: Sequence[str] = (),
    permissions: Sequence[str] = (),
    security: bool = False,
    enabled: bool = True,
) -> Access:
    """Which kinds of principal the server lets do ``action``; arguments as
    :func:`appwrite_dsl.authorization.explain` (``resource`` may also name the owner of the list:
    ``collection``, ``table``, ``bucket``). Strings the server rejects are skipped."""
    resource = _RESOURCES.get(resource, resource)
    roles_list = resource in ("function", "topic")
    container = [text for text in container if _role_of(text, roles_list) is not None]
    permissions = [text for text in permissions if _role_of(text, False) is not None]
    taken = "\n".join([*container, *permissions])

    def allowed(principal: Principal) -> bool:
        return can(
            principal,
            action,
            resource=resource,
            container=container,
            permissions=permissions,
            security=security,
            enabled=enabled,
        )

    named = [(text, role) for text in [*container, *permissions] if (role := _role_of(text, roles_list))]
    needed = action if action in ("create", "update", "delete") else "read"
    relevant = [role for text, role in named if roles_list or _grants(text, needed, text in container)]
    levels: dict[str, str] = {}
    for kind in KINDS:
        if all(allowed(principal) for principal in _everyone(kind, taken)):
            levels[kind] = "all"
        elif any(allowed(p) for _, role in named for p in _holders(kind, role, taken)):
            levels[kind] = "some"
        else:
            levels[kind] = "none"
    granting: dict[str, server.ServerRole] = {}
    for role in relevant:
        witnesses = [p for kind in ("guest", "user") for p in _holders(kind, role, taken)]
        if role.name in ("any", "guests"):
            witnesses = [Principal.guest()]
        if role.name in ("any", "users") and not role.dimension:
            witnesses.append(Principal.user(_fresh("someone", taken)))
        if any(allowed(p) for p in witnesses):
            granting.setdefault(str(role), role)
    return Access(action, levels, tuple(granting), _phrase(levels, granting, resource, enabled))


_CONTAINERS = {"document": "collection", "row": "table", "file": "bucket", "function": "function"}


def _wider(role: server.ServerRole) -> tuple[str, ...]:
    """The broader roles that every holder of ``role`` also holds (``team:t1`` for ``team:t1/owner``)."""
    if role.name == "team" and role.dimension:
        return (f"team:{role.identifier}",)
    if role.name == "user" and role.dimension:
        return (f"user:{role.identifier}", f"users/{role.dimension}")
    return ()


def _phrase(
    levels: dict[str, str], granting: dict[str, server.ServerRole], resource: str, enabled: bool
) -> str:
    if not enabled and resource in _CONTAINERS:
        return f"no client: the {_CONTAINERS[resource]} is disabled (only API keys and console admins)"
    guest, user = levels["guest"] == "all", levels["user"] == "all"
    if guest and user:
        return describe_role(_ANY)
    if user:
        if "any" in granting or "guests" in granting:
            return describe_role(_USERS) + "; guests never: they lack the scope"
        return describe_role(_USERS)
    parts = [describe_role(_GUESTS)] if guest else []
    parts.extend(
        describe_role(role)
        for text, role in granting.items()
        if text not in ("any", "guests", "users") and not any(wider in granting for wider in _wider(role))
    )
    if not parts:
        return "no client (only API keys and console admins)"
    return "; ".join(parts)
