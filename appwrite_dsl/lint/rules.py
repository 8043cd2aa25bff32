"""The lint rules for Appwrite CLI project files, each with a stable code, and the checks that apply them.

Codes are grouped like ruff's: ``AW0xx`` reading the file, ``AW1xx`` what the server rejects (the message is
the server's own), ``AW2xx`` what the server accepts but reads differently (the message is appwrite_dsl's and
names the server's reading), ``AW3xx`` security, ``AW4xx`` hygiene. ``AW5xx`` is kept for query rules.
``docs/lint-rules.md`` documents every rule; a code, once published, keeps its meaning.

>>> [rule.code for rule in RULES][:3]
['AW001', 'AW002', 'AW003']
>>> findings = check_bytes(b'{"functions": [{"$id": "f", "execute": ["any"]}]}', "appwrite.json")
>>> [(f.code, f.line, f.column, f.pointer) for f in findings]
[('AW302', 1, 41, '/functions/0/execute/0')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal as TypingLiteral
from typing import Union

from .. import server
from .._keys import KEY_TEXT
from ..errors import InvalidID, ParseError
from ..id import ID, UNIQUE
from ..permission import Permission
from ..role import Role
from ._reader import (
    BOM,
    Array,
    Document,
    JSONSyntaxError,
    Literal,
    Node,
    Number,
    Object,
    Opaque,
    String,
    no_gc,
    read,
)

__all__ = [
    "RULES",
    "Finding",
    "Options",
    "Rule",
    "Severity",
    "check_bytes",
    "check_text",
    "describe_role",
    "rule",
]

Severity = TypingLiteral["error", "warning", "info"]


@dataclass(frozen=True)
class Rule:
    """A lint rule: stable ``code``, kebab-case ``name``, default ``severity``, one-line ``summary``."""

    code: str
    name: str
    severity: Severity
    summary: str


RULES: tuple[Rule, ...] = (
    Rule(
        "AW001",
        "json-syntax",
        "error",
        "The file is not JSON; the Appwrite CLI reads a file it cannot parse as empty.",
    ),
    Rule(
        "AW002",
        "invalid-utf8",
        "error",
        "The file is not valid UTF-8; the Appwrite CLI reads U+FFFD instead and writes it back.",
    ),
    Rule(
        "AW003",
        "byte-order-mark",
        "error",
        "The file starts with a byte order mark, which the Appwrite CLI cannot parse.",
    ),
    Rule(
        "AW004",
        "refused-key",
        "error",
        "A key contains `__proto__` or `constructor`; the Appwrite CLI refuses the whole file.",
    ),
    Rule(
        "AW005", "duplicate-key", "warning", "A key appears twice in one object; only the last value counts."
    ),
    Rule(
        "AW006",
        "invalid-structure",
        "error",
        "A value the project file needs is missing or has the wrong JSON type.",
    ),
    Rule("AW101", "invalid-permission", "error", "The server rejects this permission string."),
    Rule("AW102", "invalid-role", "error", "The server rejects this role string."),
    Rule(
        "AW103",
        "invalid-list",
        "error",
        "The server rejects this permission or role list as a whole (not an array, over 100 items).",
    ),
    Rule(
        "AW104",
        "legacy-permission",
        "error",
        "A '*' or 'role:' string from before Appwrite 1.0, which the server rejects.",
    ),
    Rule("AW105", "invalid-id", "error", "The server rejects this ID."),
    Rule("AW106", "invalid-project-id", "error", "The project ID breaks the server's project ID rules."),
    Rule(
        "AW201",
        "misread-permission",
        "error",
        "The server accepts this permission string but reads it as another permission.",
    ),
    Rule(
        "AW202", "misread-role", "error", "The server accepts this role string but reads it as another role."
    ),
    Rule(
        "AW203",
        "generated-id",
        "warning",
        "unique() as an ID: the server generates a new ID, which the file never matches.",
    ),
    Rule("AW301", "public-write", "error", "write, update or delete is granted to any or guests."),
    Rule(
        "AW302", "public-execute", "warning", "A function can be executed by anyone (execute contains any)."
    ),
    Rule(
        "AW303",
        "unreachable",
        "warning",
        "No permissions and item security off: no client can reach the resource.",
    ),
    Rule(
        "AW304",
        "item-security-only",
        "info",
        "Item security on but no container grant: only item permissions apply, no client can create items.",
    ),
    Rule(
        "AW401", "duplicate-entry", "warning", "The same string appears twice in one permission or role list."
    ),
    Rule(
        "AW402",
        "implied-by-write",
        "warning",
        "create, update or delete for a role that write already grants in the same list.",
    ),
    Rule("AW403", "redundant-role", "warning", "A broader role in the same list already grants this action."),
    Rule(
        "AW404",
        "unknown-team",
        "warning",
        "A team role names a team that the file does not declare in teams.",
    ),
    Rule(
        "AW405",
        "duplicate-entity",
        "warning",
        "Two entities of one kind have the same $id; the Appwrite CLI only sees one.",
    ),
    Rule(
        "AW406", "unknown-database", "warning", "databaseId names a database that the file does not declare."
    ),
    Rule(
        "AW407",
        "ignored-permission-key",
        "warning",
        "A permission key the Appwrite CLI does not read on this kind of entity.",
    ),
)

_BY_CODE = {entry.code: entry for entry in RULES}


def rule(code: str) -> Rule:
    """The rule with ``code``; raises KeyError for an unknown code."""
    return _BY_CODE[code]


@dataclass(frozen=True)
class Finding:
    """One problem at ``path:line:column`` (1-based; ``end_line``/``end_column`` are exclusive).

    ``pointer`` is the JSON Pointer (RFC 6901) of the offending value (``""`` for the whole file). For
    reporters that show the line: ``source`` is its text, or of a long line an excerpt around the finding
    that starts at column ``source_column`` and is followed by more text when ``source_more``.
    """

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    message: str
    pointer: str
    severity: Severity
    source: str = field(default="", compare=False, repr=False)
    source_column: int = field(default=1, compare=False, repr=False)
    source_more: bool = field(default=False, compare=False, repr=False)

    @property
    def name(self) -> str:
        """The rule's name (``public-write``)."""
        return _BY_CODE[self.code].name

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.pointer)


@dataclass(frozen=True)
class Options:
    """What the checks need beyond the file: teams created outside it, and the maximum ID length (36; 255
    for MongoDB-backed servers)."""

    known_teams: frozenset[str] = frozenset()
    id_max_length: int = 36


# Values the rules do not look inside: the reader skims them without positions (see _reader).
OPAQUE_KEYS = frozenset(
    ("attributes", "columns", "indexes", "settings", "vars", "scopes", "events", "allowedFileExtensions")
)

_CONTAINER_TYPES = server.PERMISSION_TYPES  # collections, tables and buckets take all five types
_PUBLIC_ROLES = ("any", "guests")
_MODIFYING = ("write", "update", "delete")
_WRITE_ACTIONS = ("create", "update", "delete")
_LEGACY_MESSAGES = ("Wildcard", 'using the "role:" prefix')
_PROJECT_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_PROJECT_ID_TEXT = (
    "Project IDs must contain at most 36 chars. Valid chars are a-z, 0-9, and hyphen. "
    "Can't start with a special char."
)
_PERMISSION_KEYS = ("$permissions", "permissions", "execute", "subscribe", "$read", "$write")


@dataclass(frozen=True)
class _Kind:
    """One entity array of the project file (cli-config.md §4)."""

    array: str
    noun: str  # "collection"
    id_param: str  # the create endpoint's ID parameter, named in the server's message
    permissions: str = ""  # "$permissions" or ""
    roles: str = ""  # "execute", "subscribe" or ""
    flag: str = ""  # "documentSecurity", ...
    items: str = ""  # "documents", ...
    database: str = ""  # the array declaring the databaseId, or ""


_KINDS = (
    _Kind("tablesDB", "TablesDB database", "databaseId"),
    _Kind("databases", "database", "databaseId"),
    _Kind(
        "tables", "table", "tableId", "$permissions", flag="rowSecurity", items="rows", database="tablesDB"
    ),
    _Kind(
        "collections",
        "collection",
        "collectionId",
        "$permissions",
        flag="documentSecurity",
        items="documents",
        database="databases",
    ),
    _Kind("buckets", "bucket", "bucketId", "$permissions", flag="fileSecurity", items="files"),
    _Kind("functions", "function", "functionId", roles="execute"),
    _Kind("sites", "site", "siteId"),
    _Kind("topics", "topic", "topicId", roles="subscribe"),
    _Kind("teams", "team", "teamId"),
)

Steps = tuple[Union[str, int], ...]


def pointer(path: Iterable[str | int]) -> str:
    """The JSON Pointer (RFC 6901) of ``path``."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def describe_role(role: server.ServerRole) -> str:
    """Who holds ``role`` (permissions-roles.md §9), for messages: ``every signed-in user``."""
    name, identifier, dimension = role.name, role.identifier, role.dimension
    if name == "any":
        return "anyone (signed in or not)"
    if name == "guests":
        return "anyone without a session"
    status = {
        "verified": " with a verified email or phone",
        "unverified": " without a verified email or phone",
    }
    if name == "users":
        return "every signed-in user" + status.get(dimension, "")
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


def _wider(role: server.ServerRole) -> tuple[str, ...]:
    """The roles strictly broader than ``role`` (as the server writes them): everyone holding ``role`` holds
    them too (permissions-roles.md §9). ``any`` is held by all; only signed-in users, who all hold ``users``,
    hold user, team, member and label roles."""
    name, identifier, dimension = role.name, role.identifier, role.dimension
    if name == "any":
        return ()
    if name in ("guests", "users") and not dimension:
        return ("any",)
    if name == "users":
        return ("any", "users")
    if name == "user" and dimension:
        return ("any", "users", f"users/{dimension}", f"user:{identifier}")
    if name == "team" and dimension:
        return ("any", "users", f"team:{identifier}")
    return ("any", "users")


def _json_type(node: Node) -> str:
    if isinstance(node, Opaque):
        value = node.value
        return (
            "an object" if isinstance(value, dict) else "an array" if isinstance(value, list) else "a value"
        )
    if isinstance(node, Object):
        return "an object"
    if isinstance(node, Array):
        return "an array"
    if isinstance(node, String):
        return "a string"
    if isinstance(node, Number):
        return "a number"
    if isinstance(node, Literal) and node.value is None:
        return "null"
    return "a boolean"


def _plain(node: Node) -> object:
    """What the server validators see: a string's value, or the node itself for anything else (which
    they only need to recognise as not a string)."""
    return node.value if isinstance(node, String) else node


class _Entry:
    """A permission or role string of a list that the server accepts, with its server reading."""

    __slots__ = ("actions", "index", "node", "role", "text")

    def __init__(self, index: int, node: String, action: str, role: server.ServerRole) -> None:
        self.index = index
        self.node = node
        self.text = node.value
        self.role = role
        self.actions: tuple[str, ...] = _WRITE_ACTIONS if action == "write" else (action,)


class _Checker:
    """Runs every check over one document and collects findings."""

    def __init__(self, document: Document, path: str, options: Options) -> None:
        self.document = document
        self.path = path
        self.options = options
        self.findings: list[Finding] = []
        self.teams: set[str] = set(options.known_teams)
        self.databases: dict[str, set[str]] = {}
        # Verdicts per distinct string (lists repeat the same strings across entities).
        self.permission_verdicts: dict[str, _Verdict] = {}
        self.role_verdicts: dict[str, _Verdict] = {}

    # Reporting.

    def report_span(self, code: str, start: int, end: int, path: Steps, message: str) -> None:
        document = self.document
        line, column = document.position(start)
        end_line, end_column = document.position(max(end, start))
        source, source_column, more = document.excerpt(start)
        self.findings.append(
            Finding(
                self.path,
                line,
                column,
                end_line,
                end_column,
                code,
                message,
                pointer(path),
                _BY_CODE[code].severity,
                source,
                source_column,
                more,
            )
        )

    def report(self, code: str, node: Node, path: Steps, message: str) -> None:
        self.report_span(code, node.start, node.end, path, message)

    def line_of(self, node: Node) -> int:
        return self.document.position(node.start)[0]

    # The file.

    def run(self) -> None:
        for issue in self.document.issues:
            if issue.kind == "duplicate-key":
                line = self.document.position(issue.first)[0]
                message = (
                    f'The key "{issue.key}" is already in this object (line {line}); only this value counts'
                )
                self.report_span("AW005", issue.start, issue.end, issue.path, message)
            elif issue.kind == "refused-key":
                message = (
                    f'The Appwrite CLI refuses a key containing "{issue.detail}" (json-bigint): it reads the '
                    "whole file as an empty configuration"
                )
                self.report_span("AW004", issue.start, issue.end, issue.path, message)
        root = self.document.root
        if not isinstance(root, Object):
            self.report(
                "AW006",
                root,
                (),
                f"Expected an object at the top of the project file, found {_json_type(root)}",
            )
            return
        self.check_project_id(root)
        entities: dict[str, list[tuple[int, Object]]] = {}
        for kind in _KINDS:
            entities[kind.array] = self.collect(root, kind)
        for kind in _KINDS:
            for index, entity in entities[kind.array]:
                self.check_entity(kind, index, entity)

    def check_project_id(self, root: Object) -> None:
        node = root.members.get("projectId")
        if node is None:
            return
        path = ("projectId",)
        if not isinstance(node, String):
            self.report("AW006", node, path, f"Expected a string for projectId, found {_json_type(node)}")
            return
        value = node.value
        if value == UNIQUE:
            self.report(
                "AW203", node, path, "projectId is unique(): the project file must name an existing project"
            )
        elif value.endswith("\n") and _PROJECT_ID.fullmatch(value[:-1]) and len(value) <= 37:
            message = (
                "Expected no line break at the end of the project ID; the server accepts it (its pattern's $ "
                "matches before a final newline) but the ID is then not what it seems"
            )
            self.report("AW106", node, path, message)
        elif len(value) > 36 or not _PROJECT_ID.fullmatch(value):
            self.report("AW106", node, path, _PROJECT_ID_TEXT)

    def collect(self, root: Object, kind: _Kind) -> list[tuple[int, Object]]:
        """The entities of one array, after checking their shape, IDs and duplicates; records the team and
        database IDs that other checks refer to."""
        array = root.members.get(kind.array)
        if array is None or _is_null(array):
            return []
        if not isinstance(array, Array):
            message = f"Expected an array of {kind.noun}s for {kind.array}, found {_json_type(array)}"
            self.report("AW006", array, (kind.array,), message)
            return []
        entities: list[tuple[int, Object]] = []
        seen: dict[tuple[str, str], String] = {}
        for index, entity in enumerate(array.items):
            path = (kind.array, index)
            if not isinstance(entity, Object):
                self.report(
                    "AW006", entity, path, f"Expected an object for a {kind.noun}, found {_json_type(entity)}"
                )
                continue
            entities.append((index, entity))
            identifier = self.check_id(entity, "$id", kind.id_param, kind.noun, path)
            database = ""
            if kind.database:
                database_node = self.check_id(entity, "databaseId", "databaseId", kind.noun, path)
                database = database_node.value if database_node is not None else ""
            if identifier is None:
                continue
            if kind.array == "teams":
                self.teams.add(identifier.value)
            elif kind.array in ("databases", "tablesDB"):
                self.databases.setdefault(kind.array, set()).add(identifier.value)
            slot = (database, identifier.value)
            earlier = seen.get(slot)
            if earlier is None:
                seen[slot] = identifier
                continue
            where = f' in the database "{database}"' if kind.database else ""
            line = self.line_of(earlier)
            message = (
                f'Another {kind.noun}{where} has the $id "{identifier.value}" (line {line}): '
                "the Appwrite CLI matches entities by $id and sees only the first"
            )
            self.report("AW405", identifier, (*path, "$id"), message)
        return entities

    def check_id(self, entity: Object, key: str, param: str, noun: str, path: Steps) -> String | None:
        """Check an ID member; return it when it is a string."""
        node = entity.members.get(key)
        if node is None:
            self.report("AW006", entity, path, f'Expected a "{key}" member in this {noun}')
            return None
        path = (*path, key)
        if not isinstance(node, String):
            self.report("AW006", node, path, f"Expected a string for {key}, found {_json_type(node)}")
            return None
        value = node.value
        if value == UNIQUE:
            message = (
                f"{key} is unique(): the server generates a new ID on every create, so this {noun} never "
                "matches the one on the server"
            )
            self.report("AW203", node, path, message)
            return node
        try:
            ID.parse(value, allow_unique=False, max_length=self.options.id_max_length)
        except InvalidID:
            self.report("AW105", node, path, KEY_TEXT.format(max=self.options.id_max_length))
        return node

    # One entity.

    def check_entity(self, kind: _Kind, index: int, entity: Object) -> None:
        path: Steps = (kind.array, index)
        members = entity.members
        for key in _PERMISSION_KEYS:
            if key in members and key not in (kind.permissions, kind.roles):
                self.ignored_key(kind, key, members[key], (*path, key))
        if kind.database:
            self.check_database(kind, entity, path)
        if kind.permissions:
            self.check_permission_list(kind, entity, path)
        elif kind.roles:
            self.check_role_list(kind, entity, path)

    def ignored_key(self, kind: _Kind, key: str, node: Node, path: Steps) -> None:
        if key in ("$read", "$write"):
            hint = "; it is the permission format of Appwrite before 1.0: use " + (
                f'"{kind.permissions}"' if kind.permissions else "permission strings"
            )
        elif key == "permissions" and kind.permissions:
            hint = f'; did you mean "{kind.permissions}"?'
        else:
            hint = ""
        message = (
            f'The Appwrite CLI does not read "{key}" on a {kind.noun}: it grants nothing and the next pull '
            f"drops it{hint}"
        )
        self.report("AW407", node, path, message)

    def check_database(self, kind: _Kind, entity: Object, path: Steps) -> None:
        node = entity.members.get("databaseId")
        if not isinstance(node, String) or node.value == UNIQUE:
            return
        declared = self.databases.get("databases", set()) | self.databases.get("tablesDB", set())
        if node.value not in declared:
            message = f'The database "{node.value}" is not declared in "{kind.database}"'
            self.report("AW406", node, (*path, "databaseId"), message)

    def list_node(self, kind: _Kind, entity: Object, key: str, path: Steps) -> Array | None:
        """The permission or role list, after the server's list-level checks."""
        node = entity.members.get(key)
        if node is None or _is_null(node):
            return None
        if isinstance(node, Array) and len(node.items) <= server.LIMIT:
            return node  # the list-level checks pass; its items are checked one by one
        values: object = [_plain(item) for item in node.items] if isinstance(node, Array) else node
        check = server.check_roles if kind.roles else server.check_permissions
        problem = check(values)
        assert problem is not None
        self.report("AW103", node, (*path, key), problem[1])
        return None

    def check_permission_list(self, kind: _Kind, entity: Object, path: Steps) -> None:
        node = self.list_node(kind, entity, kind.permissions, path)
        list_path = (*path, kind.permissions)
        entries: list[_Entry] = []
        if node is not None:
            for index, item in enumerate(node.items):
                entry = self.check_permission(item, index, (*list_path, index))
                if entry is not None:
                    entries.append(entry)
            self.check_hygiene(entries, list_path, permissions=True)
            self.check_public(kind, entity, entries, list_path)
        flag = self.check_flag(kind, entity, path)
        self.check_reachability(kind, entity, node=node, flag=flag, entries=entries, path=path)

    def check_permission(self, item: Node, index: int, path: Steps) -> _Entry | None:
        if not isinstance(item, String):
            problem = server.check_permissions([item])
            assert problem is not None
            self.report("AW101", item, path, problem[1])
            return None
        verdict = self.permission_verdicts.get(item.value)
        if verdict is None:
            verdict = self.permission_verdicts[item.value] = _permission_verdict(item.value)
        code, message, action, role = verdict
        if code:
            self.report(code, item, path, message)
        if role is None:
            return None
        self.check_team(role, item, path)
        return _Entry(index, item, action, role)

    def check_role_list(self, kind: _Kind, entity: Object, path: Steps) -> None:
        node = self.list_node(kind, entity, kind.roles, path)
        if node is None:
            return
        path = (*path, kind.roles)
        entries: list[_Entry] = []
        for index, item in enumerate(node.items):
            item_path = (*path, index)
            if not isinstance(item, String):
                problem = server.check_roles([item])
                assert problem is not None
                self.report("AW102", item, item_path, problem[1])
                continue
            verdict = self.role_verdicts.get(item.value)
            if verdict is None:
                verdict = self.role_verdicts[item.value] = _role_verdict(item.value)
            code, message, _, role = verdict
            if code:
                self.report(code, item, item_path, message)
            if role is None:
                continue
            self.check_team(role, item, item_path)
            entries.append(_Entry(index, item, kind.roles, role))
            if kind.roles == "execute" and role.name == "any":
                name = entity.members.get("$id")
                label = f' "{name.value}"' if isinstance(name, String) else ""
                message = (
                    f"The function{label} can be executed by anyone (signed in or not): execute contains "
                    '"any", the default of appwrite init function'
                )
                self.report("AW302", item, item_path, message)
        self.check_hygiene(entries, path, permissions=False)

    def check_team(self, role: server.ServerRole, item: String, path: Steps) -> None:
        if role.name == "team" and role.identifier not in self.teams:
            message = f'The team "{role.identifier}" is not declared in "teams"'
            self.report("AW404", item, path, message)

    # Rules over a whole list.

    def check_hygiene(self, entries: Sequence[_Entry], path: Steps, *, permissions: bool) -> None:
        first: dict[str, _Entry] = {}
        unique: list[_Entry] = []
        for entry in entries:
            earlier = first.get(entry.text)
            if earlier is not None:
                message = f"{entry.text} is already in this list (line {self.line_of(earlier.node)})"
                self.report("AW401", entry.node, (*path, entry.index), message)
                continue
            first[entry.text] = entry
            unique.append(entry)
        writes = (
            {str(entry.role): entry for entry in unique if len(entry.actions) == 3} if permissions else {}
        )
        granted: dict[str, dict[str, _Entry]] = {}
        for entry in unique:
            for action in entry.actions:
                granted.setdefault(action, {}).setdefault(str(entry.role), entry)
        for entry in unique:
            writer = writes.get(str(entry.role))
            if writer is not None and len(entry.actions) == 1 and entry.actions[0] in _WRITE_ACTIONS:
                message = (
                    f"{entry.text} is already granted by {writer.text} (line {self.line_of(writer.node)})"
                )
                self.report("AW402", entry.node, (*path, entry.index), message)
                continue
            covering = self.covering(entry, granted)
            if covering:
                names = ", ".join(f"{other.text} (line {self.line_of(other.node)})" for other in covering)
                verb = "already grants it" if len(covering) == 1 else "already grant it"
                self.report(
                    "AW403", entry.node, (*path, entry.index), f"{entry.text} is redundant: {names} {verb}"
                )

    @staticmethod
    def covering(entry: _Entry, granted: dict[str, dict[str, _Entry]]) -> list[_Entry]:
        """The first entries (in list order) with broader roles that together grant every action of
        ``entry``; empty if there are none. ``granted`` maps each action to the roles granting it."""
        found: list[_Entry] = []
        wider = _wider(entry.role)
        for action in entry.actions:
            holders = granted.get(action, {})
            candidates = [holders[role] for role in wider if role in holders]
            if not candidates:
                return []
            first = min(candidates, key=lambda other: other.index)
            if first not in found:
                found.append(first)
        return found

    def check_public(self, kind: _Kind, entity: Object, entries: Sequence[_Entry], path: Steps) -> None:
        name = entity.members.get("$id")
        label = f' "{name.value}"' if isinstance(name, String) else ""
        for entry in entries:
            action = next(iter(entry.actions)) if len(entry.actions) == 1 else "write"
            if entry.role.name not in _PUBLIC_ROLES or entry.role.identifier or action not in _MODIFYING:
                continue
            verbs = "create, update and delete" if action == "write" else action
            who = describe_role(entry.role)
            message = f"{entry.text} lets {who} {verbs} {kind.items} of the {kind.noun}{label}"
            self.report("AW301", entry.node, (*path, entry.index), message)

    def check_flag(self, kind: _Kind, entity: Object, path: Steps) -> Literal | None:
        """The security flag, when it is true or false (absent means false on create)."""
        flag = entity.members.get(kind.flag)
        if flag is None:
            return None
        if isinstance(flag, Literal) and isinstance(flag.value, bool):
            return flag
        message = f"Expected true or false for {kind.flag}, found {_json_type(flag)}"
        self.report("AW006", flag, (*path, kind.flag), message)
        return None

    def check_reachability(
        self,
        kind: _Kind,
        entity: Object,
        *,
        node: Array | None,
        flag: Literal | None,
        entries: Sequence[_Entry],
        path: Steps,
    ) -> None:
        """AW303 and AW304: a container without any permission of its own."""
        members = entity.members
        permissions = members.get(kind.permissions)
        if entries or (node is not None and node.items):
            return  # it grants something (or its entries are invalid, which AW1xx reports)
        if permissions is not None and node is None and not _is_null(permissions):
            return  # the list itself is invalid: AW103
        if kind.flag in members and flag is None:
            return  # not a boolean: AW006
        name = members.get("$id")
        label = f' "{name.value}"' if isinstance(name, String) else ""
        where: Node = entity
        where_path = path
        for key in (kind.permissions, kind.flag, "$id"):
            if key in members:
                where, where_path = members[key], (*path, key)
                break
        if flag is not None and flag.value is True:
            message = (
                f"The {kind.noun}{label} grants nothing itself and {kind.flag} is on: clients reach only "
                f"{kind.items} whose own permissions allow it, and none can create {kind.items}"
            )
            self.report("AW304", where, where_path, message)
        else:
            state = "off" if flag is not None else "absent (off)"
            message = (
                f"The {kind.noun}{label} has no permissions and {kind.flag} is {state}: no client can reach "
                f"its {kind.items}, only API keys can"
            )
            self.report("AW303", where, where_path, message)


# A string's verdict: the code and message to report ("" for none), the action and the server's reading
# of the role (None when the server rejects the string).
_Verdict = tuple[str, str, str, Union[server.ServerRole, None]]


def _legacy(message: str) -> bool:
    """Whether the server's ``message`` rejects a string from before Appwrite 1.0: ``*``, ``role:...``, or
    a permission granted to the role ``*``."""
    return any(marker in message for marker in _LEGACY_MESSAGES) or message.startswith('Role "*" ')


def _server_role(role: Role) -> server.ServerRole:
    return server.ServerRole(role.name, role.identifier, role.dimension)


def _permission_verdict(text: str) -> _Verdict:
    """Strictness first (a canonical string is read as written by the server too), then server validity
    (AW101, AW104), then what the server would misread (AW201), of a permission on a container."""
    try:
        permission = Permission.parse(text)
    except ParseError as error:
        strict = error
    else:
        return ("", "", permission.action, _server_role(permission.role))
    problem = server.check_permissions([text], allowed=_CONTAINER_TYPES)
    if problem is not None:
        return ("AW104" if _legacy(problem[1]) else "AW101", problem[1], "", None)
    reading = server.parse_permission(text)
    return ("AW201", strict.message, reading.type, reading.role)


def _role_verdict(text: str) -> _Verdict:
    """Strictness first, then server validity (AW102, AW104), then what the server would misread (AW202),
    of a role string."""
    try:
        role = Role.parse(text)
    except ParseError as error:
        strict = error
    else:
        return ("", "", "", _server_role(role))
    problem = server.check_roles([text])
    if problem is not None:
        return ("AW104" if _legacy(problem[1]) else "AW102", problem[1], "", None)
    return ("AW202", strict.message, "", server.parse_role(text))


def _is_null(node: Node) -> bool:
    return isinstance(node, Literal) and node.value is None


def _invalid_utf8(data: bytes) -> tuple[str, int, int, str]:
    """Decode like Node's ``Buffer.toString()``; return the text and where the first bad byte is, with a
    message, or an offset of -1 when the bytes are valid UTF-8."""
    try:
        return data.decode("utf-8"), -1, -1, ""
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        offset = len(data[: error.start].decode("utf-8"))
        bad = data[error.start : error.end].hex(" ").upper()
        count = text.count("\ufffd") - data.count("\ufffd".encode())
        more = f" ({count} invalid sequences in the file)" if count > 1 else ""
        message = (
            f"Expected UTF-8, found the bytes {bad}{more}; the Appwrite CLI reads each invalid sequence as "
            "U+FFFD and writes that back"
        )
        return text, offset, offset + 1, message


def check_bytes(data: bytes, path: str, options: Options | None = None) -> list[Finding]:
    """All findings for the project file ``data`` (shown as ``path``), sorted by line, column and code."""
    with no_gc():
        return _check_bytes(data, path, options)


def _check_bytes(data: bytes, path: str, options: Options | None) -> list[Finding]:
    text, start, end, message = _invalid_utf8(data)
    findings: list[Finding] = []
    if start >= 0:
        checker = _Checker(Document(text, Object(0, -1), []), path, options or Options())
        checker.report_span("AW002", start, end, (), message)
        findings.extend(checker.findings)
    findings.extend(check_text(text, path, options))
    findings.sort(key=Finding.sort_key)
    return findings


def check_text(text: str, path: str, options: Options | None = None) -> list[Finding]:
    """All findings for the project file ``text`` (shown as ``path``), sorted by line, column and code."""
    options = options or Options()
    placeholder = _Checker(Document(text, Object(0, -1), []), path, options)
    if text.startswith(BOM):
        message = (
            "The file starts with a byte order mark: the Appwrite CLI (json-bigint) cannot parse it and "
            "proceeds with an empty configuration"
        )
        placeholder.report_span("AW003", 0, 1, (), message)
    try:
        document = read(text, opaque=OPAQUE_KEYS)
    except JSONSyntaxError as error:
        message = error.message
        placeholder.report_span("AW001", error.position, error.end, (), message)
        return sorted(placeholder.findings, key=Finding.sort_key)
    checker = _Checker(document, path, options)
    with no_gc():
        checker.run()
    findings = placeholder.findings + checker.findings
    findings.sort(key=Finding.sort_key)
    return findings
