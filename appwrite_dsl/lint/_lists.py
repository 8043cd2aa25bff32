"""The rules over a whole permission or role list: write access for everyone (AW301) or every signed-in
user (AW305), roles that together are everyone (AW302), duplicates and redundancy (AW401-AW403). Each
returns what to report, as ``(code, entry, message)``; ``line_of`` gives the line of an entry, for messages
that name another one."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ._kinds import Kind
from ._verdicts import WRITE_ACTIONS, Entry, wider
from ._who import EVERYONE, describe_role, signed_in_note

__all__ = ["Report", "everyone", "hygiene", "writable"]

_MODIFYING = ("write", "update", "delete")

Report = tuple[str, Entry, str]


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
    """AW302 for roles that together are everyone: guests with users (or with users/verified and
    users/unverified), reported on the last of them. A list with "any" is reported on "any" itself."""
    held = {str(entry.role): entry for entry in entries if not entry.role.identifier}
    guests = held.get("guests")
    if "any" in held or guests is None:
        return []
    signed_in = [held[name] for name in ("users",) if name in held] or [
        held[name] for name in ("users/verified", "users/unverified") if name in held
    ]
    if not signed_in or (len(signed_in) == 1 and signed_in[0].role.dimension):
        return []
    together = sorted((*signed_in, guests), key=_index)
    names = " and ".join(f'"{entry.text}"' for entry in together)
    message = (
        f"The function{label} can be executed by {describe_role(EVERYONE)}: {names} together are every "
        'caller, as "any" is'
    )
    return [("AW302", together[-1], message)]


def writable(kind: Kind, label: str, entries: Sequence[Entry], *, flag_on: bool) -> list[Report]:
    """AW301 and AW305: write, update or delete on a whole container for ``any`` or ``guests``, or for
    every signed-in user (``users``, ``users/verified``, ``users/unverified``). ``flag_on``: the
    container's item security is on (then the container's grant still applies to every item)."""
    reports: list[Report] = []
    for entry in entries:
        action = entry.actions[0] if len(entry.actions) == 1 else "write"
        role = entry.role
        if role.identifier or action not in _MODIFYING:
            continue
        who = describe_role(role)
        if role.name in ("any", "guests"):
            verbs = "create, update and delete" if action == "write" else action
            message = f"{entry.text} lets {who} {verbs} {kind.items} of the {kind.noun}{label}"
            reports.append(("AW301", entry, message))
        elif role.name == "users":
            verbs = "update and delete" if action == "write" else action
            item = kind.items[:-1]
            instead = (
                f"{kind.flag} is on, but this grant covers every {item} whatever its own permissions say: "
                "remove it and"
                if flag_on
                else f"instead, turn {kind.flag} on and"
            )
            message = (
                f"{entry.text} lets {who} {verbs} every {item} of the {kind.noun}{label}, other people's "
                f"included ({signed_in_note(role)}); {instead} give each {item} its own "
                'update("user:ID") and delete("user:ID")'
            )
            reports.append(("AW305", entry, message))
    return reports


def _index(entry: Entry) -> int:
    return entry.index
