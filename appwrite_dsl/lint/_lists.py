"""The rules over a whole permission or role list: write access for everyone (AW301) or every signed-in
user (AW305), roles that together are everyone (AW302), duplicates and redundancy (AW401-AW403), and who
reaches a container that grants nothing (AW303, AW304). Each returns what to report, as ``(code, entry,
message)``; ``line_of`` gives the line of an entry, for messages that name another one. Who is let in comes
from :func:`appwrite_dsl.access.who_can`, the authorization evaluator, in its words."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from ..access import Access, who_can
from ._kinds import Kind
from ._verdicts import WRITE_ACTIONS, Entry, wider

__all__ = ["Report", "everyone", "hygiene", "nobody", "writable"]

Report = tuple[str, Entry, str]

_CHANGING = ("update", "delete")  # create alone is not reported: public sign-up forms are legitimate


@functools.lru_cache(maxsize=1024)
def let_in(action: str, resource: str, strings: tuple[str, ...], *, security: bool = False) -> Access:
    """Who the container-level list ``strings`` of a ``resource`` (``collection``, ..., ``function``) lets
    do ``action`` (lists repeat the same strings across entities, hence the cache)."""
    return who_can(action, resource=resource, container=strings, security=security)


def _everyone_signed_in(found: Access) -> bool:
    """Whether every caller of a kind of signed-in user (every account, every verified or every
    unverified one) is let in."""
    return any(level == "all" for kind, level in found.levels.items() if kind != "guest")


def _covering(entry: Entry, granted: dict[str, dict[str, Entry]]) -> list[Entry]:
    """The first entries (in list order) with broader roles that together grant every action of
    ``entry``; empty if there are none. ``granted`` maps each action to the roles granting it."""
    found: list[Entry] = []
    broader = wider(entry.role)
    for action in entry.actions:
        holders = granted.get(action, {})
        candidates = [holders[role] for role in broader if role in holders]
        if not candidates:
            return []
        first = min(candidates, key=_index)
        if first not in found:
            found.append(first)
    return found


def hygiene(entries: Sequence[Entry], line_of: Callable[[Entry], int], *, permissions: bool) -> list[Report]:
    """AW401 (the same string twice), AW402 (implied by a ``write`` of the list) and AW403 (a broader role
    of the list grants it already)."""
    reports: list[Report] = []
    first: dict[str, Entry] = {}
    unique: list[Entry] = []
    for entry in entries:
        earlier = first.get(entry.text)
        if earlier is not None:
            reports.append(
                ("AW401", entry, f"{entry.text} is already in this list (line {line_of(earlier)})")
            )
            continue
        first[entry.text] = entry
        unique.append(entry)
    writes = {str(entry.role): entry for entry in unique if len(entry.actions) == 3} if permissions else {}
    granted: dict[str, dict[str, Entry]] = {}
    for entry in unique:
        for action in entry.actions:
            granted.setdefault(action, {}).setdefault(str(entry.role), entry)
    for entry in unique:
        writer = writes.get(str(entry.role))
        if writer is not None and len(entry.actions) == 1 and entry.actions[0] in WRITE_ACTIONS:
            message = f"{entry.text} is already granted by {writer.text} (line {line_of(writer)})"
            reports.append(("AW402", entry, message))
            continue
        covering = _covering(entry, granted)
        if covering:
            names = ", ".join(f"{other.text} (line {line_of(other)})" for other in covering)
            verb = "already grants it" if len(covering) == 1 else "already grant it"
            reports.append(("AW403", entry, f"{entry.text} is redundant: {names} {verb}"))
    return reports


def everyone(entries: Sequence[Entry], label: str) -> list[Report]:
    """AW302 when the function's execute roles let every kind of caller in: on each "any", or else on the
    last of the roles that together are everyone (guests with users, or with users/verified and
    users/unverified)."""
    found = let_in("execute", "function", tuple(entry.text for entry in entries))
    if any(level != "all" for level in found.levels.values()):
        return []
    start = f"The function{label} can be executed by {found.phrase}: "
    anyone = [entry for entry in entries if entry.role.name == "any"]
    if anyone:
        reason = 'execute contains "any", the default of appwrite init function'
        return [("AW302", entry, start + reason) for entry in anyone]
    together: dict[str, Entry] = {}
    for entry in entries:
        if not entry.role.identifier and str(entry.role) in found.roles:
            together.setdefault(str(entry.role), entry)
    names = " and ".join(f'"{entry.text}"' for entry in together.values())
    return [("AW302", list(together.values())[-1], f'{start}{names} together are every caller, as "any" is')]


def writable(kind: Kind, label: str, entries: Sequence[Entry], *, flag_on: bool) -> list[Report]:
    """AW301 and AW305: update or delete (or write) on a whole container that lets in everyone without a
    session (``any``, ``guests``), or every signed-in user (``users``, ``users/verified``,
    ``users/unverified``). ``flag_on``: the container's item security is on (then the container's grant
    still applies to every item). ``create`` alone is not reported (public sign-up forms are legitimate)."""
    reports: list[Report] = []
    for entry in entries:
        if entry.role.identifier:
            continue  # one user, team, member or label never lets in all callers of a kind (see who_can)
        changing = [
            let_in(action, kind.noun, (entry.text,)) for action in entry.actions if action in _CHANGING
        ]
        public = [found for found in changing if found.level("guest") == "all"]
        if public:
            verbs = "create, update and delete" if len(entry.actions) == 3 else entry.actions[0]
            message = f"{entry.text} lets {public[0].phrase} {verbs} {kind.items} of the {kind.noun}{label}"
            reports.append(("AW301", entry, message))
            continue
        signed_in = [found for found in changing if _everyone_signed_in(found)]
        if not signed_in:
            continue
        verbs = "update and delete" if len(entry.actions) == 3 else entry.actions[0]
        item = kind.items[:-1]
        instead = (
            f"{kind.flag} is on, but this grant covers every {item} whatever its own permissions say: "
            "remove it and"
            if flag_on
            else f"instead, turn {kind.flag} on and"
        )
        message = (
            f"{entry.text} lets {signed_in[0].phrase} {verbs} every {item} of the {kind.noun}{label}, other "
            f"people's included, and anyone can create an account; {instead} give each {item} its own "
            'update("user:ID") and delete("user:ID")'
        )
        reports.append(("AW305", entry, message))
    return reports


def nobody(kind: Kind, label: str, *, flag_on: bool, flag_state: str) -> str:
    """The message of AW303 (``flag_on`` false) or AW304 for a container that grants nothing itself."""
    if flag_on:
        creators = let_in("create", kind.noun, (), security=True).phrase
        return (
            f"The {kind.noun}{label} grants nothing itself and {kind.flag} is on: clients reach only "
            f"{kind.items} whose own permissions allow it, and {kind.items} can be created by {creators}"
        )
    readers = let_in("read", kind.noun, ()).phrase
    return (
        f"The {kind.noun}{label} has no permissions and {kind.flag} is {flag_state}: its {kind.items} are "
        f"open to {readers}"
    )


def _index(entry: Entry) -> int:
    return entry.index
