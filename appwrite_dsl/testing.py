"""Assertions for your own test suite: ``assert_allowed`` and ``assert_denied`` check an authorization
decision offline (no server, no emulator) and, when it is not the expected one, fail with the server's
reasons (:class:`~appwrite_dsl.authorization.Decision`).

Against explicit permission lists:

>>> from appwrite_dsl.authorization import Principal
>>> assert_allowed(Principal.guest(), "read", resource="document", container=['read("any")'])
<Decision allowed=True step='permission'>
>>> assert_denied(Principal.user("u1"), "update", resource="document",
...               container=['read("users")'], security=True, permissions=['read("user:u1")'])
<Decision allowed=False step='permission'>

Against a container of a project file (``on``: the ``$id`` of a collection, table, bucket, function or
topic, ``database/id`` when two databases share an ID); its permissions, security flag and enabled state
are read from the file:

>>> assert_allowed(Principal.anonymous("a1"), "create", project="examples/appwrite.config.json", on="posts")
<Decision allowed=True step='permission'>
>>> assert_allowed(Principal.guest(), "delete", project="examples/appwrite.config.json", on="main/posts")
Traceback (most recent call last):
  ...
AssertionError: expected guest to be allowed to delete on table main/posts, but it is denied (401 ...
  roles held: any, guests
  note: to let this caller in, grant delete to one of its roles, e.g. delete("guests") on the row or the table

A failed assertion prints the whole decision (roles held, the list that lacked a role, notes). Both
functions return the :class:`Decision` when they pass. Plain functions: nothing is registered with pytest,
and they work under any test runner.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from .audit import Entry, audit_file
from .authorization import Decision, Principal, explain

__all__ = ["assert_allowed", "assert_denied", "decision_for"]

_RESOURCES = {
    "table": "row",
    "collection": "document",
    "bucket": "file",
    "function": "function",
    "topic": "topic",
}


def _find(project: str | Path, on: str) -> Entry:
    entries = audit_file(project)
    database, _, identifier = on.rpartition("/")
    found = [e for e in entries if e.id == identifier and (not database or e.database == database)]
    if not found:
        known = ", ".join(entry.label for entry in entries) or "none"
        raise LookupError(
            f"{project} has no collection, table, bucket, function or topic {on!r} (it has: {known})"
        )
    if len(found) > 1:
        names = ", ".join(entry.label for entry in found)
        raise LookupError(f"{on!r} is ambiguous in {project} ({names}): write database/id")
    return found[0]


def decision_for(
    principal: Principal,
    action: str,
    *,
    resource: str = "document",
    container: Sequence[str] = (),
    permissions: Sequence[str] = (),
    security: bool = False,
    enabled: bool = True,
    grant: Sequence[str] | None = None,
    changes: bool = True,
    project: str | Path | None = None,
    on: str | None = None,
) -> tuple[Decision, str]:
    """The decision and a description of the target ("document", "table main/posts"); with ``project``
    and ``on``, the container's list, flag and state come from the project file (``permissions`` stay the
    item's own)."""
    target = resource
    if project is not None or on is not None:
        if project is None or on is None:
            raise TypeError("give both project= and on=, or neither")
        entry = _find(project, on)
        rejected = {text for text, _ in entry.rejected}
        container = [text for text in entry.permissions if text not in rejected]
        resource = _RESOURCES[entry.kind]
        security = entry.security is not None and entry.security[1]
        enabled = entry.enabled
        target = entry.label
    decision = explain(
        principal,
        action,
        resource=resource,
        container=container,
        permissions=permissions,
        security=security,
        enabled=enabled,
        grant=grant,
        changes=changes,
    )
    return decision, target


def _preposition(action: str) -> str:
    return "in" if action in ("create", "list") else "to" if action == "subscribe" else "on"


def assert_allowed(principal: Principal, action: str, **arguments: object) -> Decision:
    """Fail unless the server lets ``principal`` do ``action``; arguments as :func:`decision_for`."""
    decision, target = decision_for(principal, action, **arguments)  # type: ignore[arg-type]
    if not decision.allowed:
        expected = f"expected {principal} to be allowed to {action} {_preposition(action)} {target}"
        raise AssertionError(f"{expected}, but it is {decision}")
    return decision


def assert_denied(principal: Principal, action: str, **arguments: object) -> Decision:
    """Fail unless the server refuses ``principal`` doing ``action``; arguments as :func:`decision_for`."""
    decision, target = decision_for(principal, action, **arguments)  # type: ignore[arg-type]
    if decision.allowed:
        expected = f"expected {principal} to be denied {action} {_preposition(action)} {target}"
        raise AssertionError(f"{expected}, but it is {decision}")
    return decision
