"""An audit of an Appwrite CLI project file: who can do what with each collection, table, bucket, function
and topic.

For every container and action (create, read, update, delete; execute; subscribe) the audit gives the
kinds of principal let in by the container's own permissions (:func:`appwrite_dsl.access.who_can`: guest,
any signed-in user, anonymous session, verified user, team member, label holder) and whether documents,
rows or files can let more callers in through their own permissions (``documentSecurity``,
``rowSecurity``, ``fileSecurity`` on). Both layouts are read: ``tablesDB``/``tables`` and
``databases``/``collections``. The file is read by the linter's reader (:mod:`appwrite_dsl.lint`), so the
audit names the line of each entity; strings the server rejects are listed and left out (the linter says
why in detail).

>>> report = audit_text('''{"projectId": "p", "tablesDB": [{"$id": "main"}], "tables": [
...   {"$id": "posts", "databaseId": "main", "rowSecurity": true,
...    "$permissions": ["read(\\\\"any\\\\")", "create(\\\\"users\\\\")"]}]}''')
>>> entry = report[0]
>>> entry.label, entry.actions["create"].access.phrase, entry.actions["read"].access.level("guest")
('table main/posts', 'every signed-in user (anonymous sessions included)', 'all')
>>> entry.actions["update"].item_level
'per row: its own permissions can let more callers in'

On the command line: ``appwrite-dsl audit [PATH] [--format text|json]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from . import server
from .access import KINDS, Access, who_can
from .lint._reader import Array, Document, Literal, Node, Object, String, read
from .lint.rules import OPAQUE_KEYS

__all__ = ["Action", "Entry", "audit_file", "audit_text", "table", "to_json"]


class _Layout(NamedTuple):
    array: str
    noun: str
    resource: str  # what the evaluator calls it
    permissions: str  # the member holding the list
    flag: str  # the security flag, "" for none
    items: str  # "row", ...
    databases: str  # the array of the databases, "" for none
    actions: tuple[str, ...]
    default: tuple[str, ...]  # the server's default list when the member is absent


_ACTIONS = ("create", "read", "update", "delete")
_LAYOUTS = (
    _Layout("tables", "table", "row", "$permissions", "rowSecurity", "row", "tablesDB", _ACTIONS, ()),
    _Layout("collections", "collection", "document", "$permissions", "documentSecurity", "document",
            "databases", _ACTIONS, ()),
    _Layout("buckets", "bucket", "file", "$permissions", "fileSecurity", "file", "", _ACTIONS, ()),
    _Layout("functions", "function", "function", "execute", "", "", "", ("execute",), ()),
    _Layout("topics", "topic", "topic", "subscribe", "", "", "", ("subscribe",), ("users",)),
)  # fmt: skip


class Action(NamedTuple):
    """One action of an :class:`Entry`: who the container lets in (``access``), and ``item_level``: what
    the items' own permissions add, in words ("" when they play no part)."""

    access: Access
    item_level: str


class Entry(NamedTuple):
    """One audited entity: its ``kind`` (``table``, ``collection``, ``bucket``, ``function``, ``topic``),
    ``id``, ``database`` ("" for none), the 1-based ``line`` it starts on, whether it is ``enabled`` (its
    database included), its security flag (``security``: ``(name, on)`` or None), the list as written
    (``permissions``), the strings the server rejects with its message (``rejected``), and the
    :class:`Action` of each action, in order."""

    kind: str
    id: str
    database: str
    line: int
    enabled: bool
    security: tuple[str, bool] | None
    permissions: tuple[str, ...]
    rejected: tuple[tuple[str, str], ...]
    actions: dict[str, Action]

    @property
    def label(self) -> str:
        """``table main/posts``."""
        return f"{self.kind} {self.database + '/' if self.database else ''}{self.id}"


def _string(node: Node | None) -> str:
    return node.value if isinstance(node, String) else ""


def _flag(node: Node | None, default: bool) -> bool:
    return node.value if isinstance(node, Literal) and isinstance(node.value, bool) else default


def _strings(node: Node | None) -> list[str] | None:
    if not isinstance(node, Array):
        return None
    return [item.value for item in node.items if isinstance(item, String)]


def _array(root: Object, key: str) -> list[Object]:
    node = root.members.get(key)
    return [item for item in node.items if isinstance(item, Object)] if isinstance(node, Array) else []


def _rejected(layout: _Layout, values: Sequence[str]) -> list[tuple[str, str]]:
    rejected = []
    for text in values:
        roles_list = layout.array in ("functions", "topics")
        problem = server.check_roles([text]) if roles_list else server.check_permissions([text])
        if problem is not None:
            rejected.append((text, problem[1]))
    return rejected


def _item_level(layout: _Layout, action: str, security: bool, enabled: bool) -> str:
    if not layout.flag or not enabled:
        return ""
    if action == "create":
        return f"{layout.items}s' own permissions play no part in create"
    if security:
        return f"per {layout.items}: its own permissions can let more callers in"
    return f"{layout.items}s' own permissions are ignored ({layout.flag} off)"


def _entry(document: Document, layout: _Layout, entity: Object, databases: dict[str, bool]) -> Entry:
    members = entity.members
    database = _string(members.get("databaseId")) if layout.databases else ""
    enabled = _flag(members.get("enabled"), True) and databases.get(database, True)
    node = members.get(layout.permissions)
    given = _strings(node)
    absent = node is None or (isinstance(node, Literal) and node.value is None)
    values = list(layout.default) if absent else (given or [])  # absent: the server's default
    rejected = _rejected(layout, values)
    if not absent and given is None:
        rejected.append((layout.permissions, "not an array: the server refuses the whole list"))
    accepted = [text for text in values if text not in {bad for bad, _ in rejected}]
    security = _flag(members.get(layout.flag), False) if layout.flag else False
    actions = {}
    for action in layout.actions:
        access = who_can(action, resource=layout.resource, container=accepted, enabled=enabled)
        actions[action] = Action(access, _item_level(layout, action, security, enabled))
    return Entry(
        kind=layout.noun,
        id=_string(members.get("$id")),
        database=database,
        line=document.position(entity.start)[0],
        enabled=enabled,
        security=(layout.flag, security) if layout.flag else None,
        permissions=tuple(values),
        rejected=tuple(rejected),
        actions=actions,
    )


def audit_text(text: str) -> list[Entry]:
    """The audit of a project file's ``text``; raises :class:`~appwrite_dsl.ParseError` (a
    ``JSONSyntaxError``) when it is not JSON. Entities that are not objects are skipped."""
    document = read(text, opaque=OPAQUE_KEYS)
    root = document.root
    if not isinstance(root, Object):
        return []
    databases: dict[str, bool] = {}
    for key in ("tablesDB", "databases"):
        for database in _array(root, key):
            databases[_string(database.members.get("$id"))] = _flag(database.members.get("enabled"), True)
    return [
        _entry(document, layout, entity, databases)
        for layout in _LAYOUTS
        for entity in _array(root, layout.array)
    ]


def audit_file(path: str | Path) -> list[Entry]:
    """The audit of the project file at ``path`` (UTF-8); raises OSError and ParseError."""
    return audit_text(Path(path).read_bytes().decode("utf-8", errors="replace"))


def to_json(entries: Sequence[Entry]) -> list[dict[str, object]]:
    """A JSON-ready form of the audit: one object per entity."""
    result: list[dict[str, object]] = []
    for entry in entries:
        actions: dict[str, object] = {}
        for action, found in entry.actions.items():
            actions[action] = {**found.access.to_json(), "item_level": found.item_level or None}
        result.append(
            {
                "kind": entry.kind,
                "id": entry.id,
                "database": entry.database or None,
                "line": entry.line,
                "enabled": entry.enabled,
                "security": None if entry.security is None else dict([entry.security]),
                "permissions": list(entry.permissions),
                "rejected": [{"string": text, "message": message} for text, message in entry.rejected],
                "actions": actions,
            }
        )
    return result


_MARKS = {"all": "yes", "some": "some", "none": "-"}
_HEADINGS = ("guest", "user", "anon", "verified", "team", "label")


def table(entries: Sequence[Entry], *, name: str = "") -> str:
    """The audit as text: per entity, a table with one line per action, a column per kind of principal
    (``yes``: all of them, ``some``: those holding a role the list names, ``-``: none) and who that is."""
    lines = []
    if name:
        lines.append(f"{name}: {len(entries)} entities audited")
    legend = ", ".join(f"{short} = {KINDS[kind]}" for short, kind in zip(_HEADINGS, KINDS))
    lines.append(f"columns: {legend}; yes = every one, some = those holding a listed role, - = none")
    for entry in entries:
        lines.append("")
        state = [] if entry.enabled else ["disabled"]
        if entry.security is not None:
            state.append(f"{entry.security[0]} {'on' if entry.security[1] else 'off'}")
        lines.append(f"{entry.label} (line {entry.line})" + (f": {', '.join(state)}" if state else ""))
        for text, message in entry.rejected:
            lines.append(f"  rejected by the server, left out: {text}: {message}")
        width = max(len(action) for action in entry.actions)
        lines.append("  " + " ".join([" " * width, *(f"{h:<8}" for h in _HEADINGS), "who"]))
        for action, found in entry.actions.items():
            marks = [f"{_MARKS[found.access.level(kind)]:<8}" for kind in KINDS]
            lines.append("  " + " ".join([f"{action:<{width}}", *marks, found.access.phrase]))
            if found.item_level:
                lines.append("  " + " " * (width + 1 + 9 * len(KINDS)) + f"+ {found.item_level}")
    return "\n".join(lines) + "\n"
