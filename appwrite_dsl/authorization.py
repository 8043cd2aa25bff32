"""Who may do what: Appwrite's authorization decisions, offline, with the reasons.

A request carries **roles** (:attr:`Principal.roles`: ``any``, then ``guests`` or ``users``, ``user:<id>``,
the verification status, ``team:<id>``, ``member:<id>``, ``team:<id>/<role>`` for each *confirmed*
membership, ``label:<name>``) and a set of **scopes**. A resource carries permission strings; the server
turns those of the needed type into role strings and allows the request when one of them is, byte for byte,
one of the request's roles. There is no hierarchy: ``team:t1/owner`` does not satisfy ``team:t1/admin``.
API keys and console admins bypass permissions (their authorization is off); keys are limited by their
scopes only.

>>> alice = Principal.user("alice", email_verified=True, labels=["vip"],
...                        memberships=[Membership("m1", "t1", roles=["editor"])])
>>> alice.roles  # doctest: +NORMALIZE_WHITESPACE
('any', 'users', 'user:alice', 'user:alice/verified', 'users/verified',
 'team:t1', 'member:m1', 'team:t1/editor', 'label:vip')
>>> can(alice, "update", resource="document",
...     container=['read("users")'], security=True, permissions=['write("user:alice")'])
True
>>> can(Principal.anonymous("a1"), "delete", resource="row", container=['delete("users")'])
True
>>> decision = explain(Principal.guest(), "subscribe", resource="topic", container=["any"])
>>> decision.allowed, decision.stage, decision.error, decision.code
(False, 'scope', 'general_unauthorized_scope', 401)
>>> print(decision.reason)  # doctest: +NORMALIZE_WHITESPACE
subscribing to a topic needs the scope subscribers.write, which a guest never has, whatever the topic's
subscribe roles say

The decisions are those of Appwrite 1.9 (appwrite/appwrite 1.9.6 with utopia-php/database 7.2.6): the
``api.php`` init hook in the ``app/controllers/shared`` folder (roles, scopes), ``User::getRoles``, the
document, row, file, execution and subscriber endpoints, ``Database::getDocument``/``find``/
``createDocument``/``updateDocument``/``deleteDocument`` and ``Authorization::isValid``; ``explain``
returns them as a :class:`Decision` with the step that decided, which is what the test helpers of
:mod:`appwrite_dsl.testing` print.
"""

from __future__ import annotations

from . import _decide
from ._decide import ACTIONS, RESOURCES
from ._decision import Decision
from ._value import Frozen

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from typing import Any

__all__ = ["ACTIONS", "RESOURCES", "Decision", "Membership", "Principal", "can", "check_grant", "explain"]

KINDS = ("guest", "user", "anonymous", "key", "admin")
ADMIN_ROLES = ("owner", "developer", "admin")


def _strings(values: Iterable[str], what: str) -> tuple[str, ...]:
    if isinstance(values, str):
        raise TypeError(f"{what} must be a list of strings, not a str")
    items = tuple(values)
    for item in items:
        if not isinstance(item, str):
            raise TypeError(f"{what} must hold strings, not {type(item).__name__}")
    return items


class Membership(Frozen):
    """A team membership: its ``id`` (the role ``member:<id>``), the ``team`` ID, the team ``roles``
    (``owner``, ``editor``, ...; case-sensitive) and whether the invitation is ``confirmed``. A membership
    that is not confirmed gives no role at all."""

    __slots__ = ("confirmed", "id", "roles", "team")

    id: str
    team: str
    roles: tuple[str, ...]
    confirmed: bool

    def __init__(self, id: str, team: str, roles: Iterable[str] = (), confirmed: bool = True) -> None:
        object.__setattr__(self, "id", id)
        object.__setattr__(self, "team", team)
        object.__setattr__(self, "roles", _strings(roles, "roles"))
        object.__setattr__(self, "confirmed", bool(confirmed))

    def _parts(self) -> tuple[str, str, tuple[str, ...], bool]:
        return (self.id, self.team, self.roles, self.confirmed)

    def __str__(self) -> str:
        roles = f" as {', '.join(self.roles)}" if self.roles else ""
        pending = "" if self.confirmed else " (not confirmed)"
        return f"member {self.id} of team {self.team}{roles}{pending}"

    def __repr__(self) -> str:
        roles = list(self.roles)
        return f"Membership({self.id!r}, {self.team!r}, roles={roles!r}, confirmed={self.confirmed})"

    def granted(self) -> tuple[str, ...]:
        """The roles this membership gives, in the server's order (none unless confirmed)."""
        if not self.confirmed:
            return ()
        return (f"team:{self.team}", f"member:{self.id}", *(f"team:{self.team}/{r}" for r in self.roles))


class Principal(Frozen):
    """Who makes a request. Build one with :meth:`guest`, :meth:`user`, :meth:`anonymous`, :meth:`key` or
    :meth:`admin`; :attr:`roles` are the roles the server gives the request, in its order."""

    __slots__ = (
        "email_verified",
        "id",
        "kind",
        "labels",
        "memberships",
        "phone_verified",
        "role",
        "scopes",
    )

    kind: str
    id: str
    email_verified: bool
    phone_verified: bool
    labels: tuple[str, ...]
    memberships: tuple[Membership, ...]
    scopes: frozenset[str] | None
    role: str

    def __init__(
        self,
        kind: str,
        id: str = "",
        *,
        email_verified: bool = False,
        phone_verified: bool = False,
        labels: Iterable[str] = (),
        memberships: Iterable[Membership] = (),
        scopes: Iterable[str] | None = None,
        role: str = "",
    ) -> None:
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if kind == "admin" and role not in ADMIN_ROLES:
            raise ValueError(f"a console admin's role is one of {', '.join(ADMIN_ROLES)}, not {role!r}")
        members = tuple(memberships)
        for member in members:
            if not isinstance(member, Membership):
                raise TypeError(f"memberships must hold Membership objects, not {type(member).__name__}")
        for name, value in (
            ("kind", kind),
            ("id", id),
            ("email_verified", bool(email_verified)),
            ("phone_verified", bool(phone_verified)),
            ("labels", _strings(labels, "labels")),
            ("memberships", members),
            ("scopes", None if scopes is None else frozenset(_strings(scopes, "scopes"))),
            ("role", role),
        ):
            object.__setattr__(self, name, value)

    def _parts(self) -> tuple[object, ...]:
        scopes = None if self.scopes is None else tuple(sorted(self.scopes))
        return (self.kind, self.id, self.email_verified, self.phone_verified, self.labels, self.memberships,
                scopes, self.role)  # fmt: skip

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        return (_rebuild, (self._parts(),))

    def __repr__(self) -> str:
        return f"<Principal {self}>"

    def __str__(self) -> str:
        """Who this is, in words: ``user alice (email verified; labels vip; member m1 of team t1 as
        editor)``."""
        if self.kind == "guest":
            return "guest"
        if self.kind == "key":
            scopes = "every scope" if self.scopes is None else ", ".join(sorted(self.scopes)) or "no scope"
            return f"API key ({scopes})"
        if self.kind == "admin":
            return f"console admin ({self.role})"
        details: list[str] = []
        if self.kind == "user":
            pairs = (("email", self.email_verified), ("phone", self.phone_verified))
            verified = [what for what, on in pairs if on]
            details.append(" and ".join(verified) + " verified" if verified else "unverified")
        if self.labels:
            details.append("labels " + ", ".join(self.labels))
        details.extend(str(member) for member in self.memberships)
        name = "anonymous session" if self.kind == "anonymous" else "user"
        return f"{name} {self.id}" + (f" ({'; '.join(details)})" if details else "")

    # Builders.

    @classmethod
    def guest(cls) -> Principal:
        """No session, no JWT, no key (also a key that is not one of the project's)."""
        return cls("guest")

    @classmethod
    def user(
        cls,
        id: str,
        *,
        email_verified: bool = False,
        phone_verified: bool = False,
        labels: Iterable[str] = (),
        memberships: Iterable[Membership] = (),
    ) -> Principal:
        """A signed-in user (session, JWT or account key). Verified means email *or* phone verified."""
        return cls(
            "user",
            id,
            email_verified=email_verified,
            phone_verified=phone_verified,
            labels=labels,
            memberships=memberships,
        )

    @classmethod
    def anonymous(
        cls, id: str, *, labels: Iterable[str] = (), memberships: Iterable[Membership] = ()
    ) -> Principal:
        """An anonymous session: a user without email or phone, so never verified; it holds ``users``."""
        return cls("anonymous", id, labels=labels, memberships=memberships)

    @classmethod
    def key(cls, scopes: Iterable[str] | None = None) -> Principal:
        """A project API key with ``scopes`` (None: every scope). Its authorization is off."""
        return cls("key", scopes=scopes)

    @classmethod
    def admin(cls, role: str = "owner", *, id: str = "admin") -> Principal:
        """A console admin (``owner``, ``developer`` or ``admin`` of the project's organisation), whose
        console account ``id`` is verified. Its authorization is off."""
        return cls("admin", id, email_verified=True, role=role)

    # What the server gives the request.

    @property
    def bypass(self) -> bool:
        """Whether authorization is off for this principal (API keys and console admins)."""
        return self.kind in ("key", "admin")

    @property
    def user_roles(self) -> tuple[str, ...]:
        """``User::getRoles()``: the user's roles as the server lists them, repeats included (a team
        appears once per membership); empty for guests and keys."""
        if self.kind in ("guest", "key"):
            return ()
        status = "verified" if self.email_verified or self.phone_verified else "unverified"
        roles = [f"user:{self.id}", "users", f"user:{self.id}/{status}", f"users/{status}"]
        for member in self.memberships:
            roles.extend(member.granted())
        roles.extend(f"label:{label}" for label in self.labels)
        return tuple(roles)

    @property
    def roles(self) -> tuple[str, ...]:
        """The request's roles in the server's order: ``any``, the caller's kind (``guests``, ``users``,
        ``keys`` or the console role), then :attr:`user_roles` without repeats."""
        first = {"guest": "guests", "user": "users", "anonymous": "users", "key": "keys", "admin": self.role}
        return tuple(dict.fromkeys(("any", first[self.kind], *self.user_roles)))

    @property
    def realtime_roles(self) -> tuple[str, ...]:
        """The roles of a realtime connection: :attr:`user_roles` as they are, ``guests`` for a guest and
        for an API key (the realtime server reads no key). Not defined for console admins."""
        if self.kind == "admin":
            raise ValueError("realtime delivery is not modelled for console admins")
        return self.user_roles or ("guests",)


def _rebuild(parts: tuple[Any, ...]) -> Principal:
    """A Principal from its ``_parts()`` (unpickling)."""
    kind, id, email, phone, labels, memberships, scopes, role = parts
    return Principal(
        kind,
        id,
        email_verified=email,
        phone_verified=phone,
        labels=labels,
        memberships=memberships,
        scopes=scopes,
        role=role,
    )


def explain(
    principal: Principal,
    action: str,
    *,
    resource: str = "document",
    permissions: Sequence[str] = (),
    container: Sequence[str] = (),
    security: bool = False,
    enabled: bool = True,
    grant: Sequence[str] | None = None,
    changes: bool = True,
) -> Decision:
    """The server's decision on ``principal`` doing ``action`` to a ``resource``, with its reasons.

    ``resource``: ``document``, ``row``, ``file`` (actions ``create``, ``read``, ``list``, ``update``,
    ``delete``, ``receive`` — a realtime event), ``function`` (``execute``) or ``topic`` (``subscribe``).
    ``container``: the collection's, table's or bucket's permission strings, or the function's
    ``execute`` / topic's ``subscribe`` role strings. ``permissions``: the item's own permission strings,
    consulted only when ``security`` (``documentSecurity``, ``rowSecurity``, ``fileSecurity``) is on.
    ``enabled``: the container (database, collection, table, bucket, function) is enabled. ``grant``: the
    ``permissions`` a create or update request sends (None: not sent). ``changes=False``: an update that
    sends the values already stored and no new permissions.

    Permission strings are read as the server reads them (``write`` expands to create, update and delete
    on a container, to update and delete on an item); raises :class:`~appwrite_dsl.InvalidPermission` for
    one the server rejects, and ValueError for an action the resource does not have.
    """
    return _decide.decide(
        principal,
        action,
        resource=resource,
        permissions=_strings(permissions, "permissions"),
        container=_strings(container, "container"),
        security=security,
        enabled=enabled,
        grant=None if grant is None else _strings(grant, "grant"),
        changes=changes,
    )


def can(
    principal: Principal,
    action: str,
    *,
    resource: str = "document",
    permissions: Sequence[str] = (),
    container: Sequence[str] = (),
    security: bool = False,
    enabled: bool = True,
    grant: Sequence[str] | None = None,
    changes: bool = True,
) -> bool:
    """Whether the server lets ``principal`` do ``action``; the arguments are :func:`explain`'s."""
    return explain(
        principal,
        action,
        resource=resource,
        permissions=permissions,
        container=container,
        security=security,
        enabled=enabled,
        grant=grant,
        changes=changes,
    ).allowed


def check_grant(principal: Principal, permissions: Sequence[str]) -> str | None:
    """The check of the ``permissions`` a create or update request sends (documents, rows, files): None
    when the server accepts them from ``principal``, else its message, ``Permissions must be one of:
    (<the caller's roles>)``. A caller may only grant roles it holds itself; keys and console admins may
    grant anything.

    >>> check_grant(Principal.user("u1"), ['read("user:u2")'])
    'Permissions must be one of: (any, users, user:u1, user:u1/unverified, users/unverified)'
    >>> check_grant(Principal.guest(), ['read("any")', 'write("guests")']) is None
    True
    """
    return _decide.grant_problem(principal, _strings(permissions, "permissions"))
