"""The checks of a project file: :class:`Checker` walks one read document and collects its findings."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .. import server
from .._keys import KEY_TEXT
from ..errors import InvalidID
from ..id import ID, UNIQUE
from . import _lists, _secrets
from ._catalogue import rule
from ._findings import Finding, Options, pointer
from ._kinds import KINDS as _KINDS
from ._kinds import Kind as _Kind
from ._nodes import Array, Literal, Node, Object, String
from ._reader import Document
from ._verdicts import Entry as _Entry
from ._verdicts import Verdict as _Verdict
from ._verdicts import permission_verdict as _permission_verdict
from ._verdicts import role_verdict as _role_verdict

if TYPE_CHECKING:
    from ._findings import Steps

__all__ = ["Checker"]


_PROJECT_ID = re.compile(r"[a-z0-9][a-z0-9-]*")
_PROJECT_ID_TEXT = (
    "Project IDs must contain at most 36 chars. Valid chars are a-z, 0-9, and hyphen. "
    "Can't start with a special char."
)
_PERMISSION_KEYS = ("$permissions", "permissions", "execute", "subscribe", "$read", "$write")


def _plain(node: Node) -> object:
    """What the server validators see: a string's value, or the node itself for anything else (which
    they only need to recognise as not a string)."""
    return node.value if isinstance(node, String) else node


class Checker:
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
        # Spans of secrets (start, end, visible prefix), masked in every line a finding shows.
        self.masks: list[tuple[int, int, int]] = []
        self._masks_by_line: dict[int, list[tuple[int, int, int]]] | None = None
        self._longest_mask = 0
        # The era rules: a file without "teams" says nothing about teams (AW404), one without "databases"
        # or "tablesDB" was written before the CLI declared databases (AW406).
        self.teams_declared = bool(options.known_teams)
        self.databases_declared = False

    # Reporting.

    def report_span(self, code: str, start: int, end: int, path: Steps, message: str) -> None:
        document = self.document
        line, column = document.position(start)
        end_line, end_column = document.position(max(end, start))
        source, source_column, more = document.excerpt(start)
        if self.masks:
            source = self.masked(source, line, source_column)
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
                rule(code).severity,
                source,
                source_column,
                more,
            )
        )

    def masked(self, source: str, line: int, source_column: int) -> str:
        """``source`` (line ``line`` from ``source_column``) with the secrets on it masked."""
        if self._masks_by_line is None:
            self._masks_by_line = {}
            self._longest_mask = max((end - start for start, end, _ in self.masks), default=0)
            for start, end, keep in self.masks:
                mask_line, mask_column = self.document.position(start)
                self._masks_by_line.setdefault(mask_line, []).append((mask_column, end - start, keep))
        on_line = self._masks_by_line.get(line, [])
        # The secrets on this line that reach into the excerpt (sorted by column).
        low = bisect.bisect_left(on_line, (source_column - self._longest_mask,))
        high = bisect.bisect_left(on_line, (source_column + len(source) + 1,))
        spans = [
            (column - source_column, column - source_column + length, keep)
            for column, length, keep in on_line[low:high]
            if column + length > source_column
        ]
        return _secrets.masked_line(source, spans) if spans else source

    def report(self, code: str, node: Node, path: Steps, message: str) -> None:
        self.report_span(code, node.start, node.end, path, message)

    def line_of(self, node: Node) -> int:
        return self.document.position(node.start)[0]

    # The file.

    def run(self) -> None:
        secrets = _secrets.find(self.document)
        self.masks = [(secret.start, secret.end, secret.keep) for secret in secrets]
        for secret in secrets:
            value = self.document.text[secret.start : secret.end]
            message = (
                f"{secret.kind[0].upper()}{secret.kind[1:]} is written in the project file: "
                f"{_secrets.mask(value, secret.keep)}; everyone who can read the file can use it: revoke it, "
                "and keep secrets out of the file (a .env file next to the function, or the console)"
            )
            self.report_span("AW306", secret.start, secret.end, secret.path, message)
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
                f"Expected an object at the top of the project file, found {root.json_type}",
            )
            return
        self.check_project_id(root)
        self.teams_declared = self.teams_declared or "teams" in root.members
        self.databases_declared = "databases" in root.members or "tablesDB" in root.members
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
            self.report("AW006", node, path, f"Expected a string for projectId, found {node.json_type}")
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
            message = f"Expected an array of {kind.noun}s for {kind.array}, found {array.json_type}"
            self.report("AW006", array, (kind.array,), message)
            return []
        entities: list[tuple[int, Object]] = []
        seen: dict[tuple[str, str], String] = {}
        for index, entity in enumerate(array.items):
            path = (kind.array, index)
            if not isinstance(entity, Object):
                self.report(
                    "AW006", entity, path, f"Expected an object for a {kind.noun}, found {entity.json_type}"
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
            self.report("AW006", node, path, f"Expected a string for {key}, found {node.json_type}")
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
        if not isinstance(node, String) or node.value == UNIQUE or not self.databases_declared:
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
                entry = self.check_item(item, index, (*list_path, index))
                if entry is not None:
                    entries.append(entry)
            self.report_list(_lists.hygiene(entries, self.line_of_entry, permissions=True), list_path)
            flag = entity.members.get(kind.flag)
            flag_on = isinstance(flag, Literal) and flag.value is True
            self.report_list(_lists.writable(kind, _label(entity), entries, flag_on=flag_on), list_path)
        flag = self.check_flag(kind, entity, path)
        self.check_reachability(kind, entity, node=node, flag=flag, entries=entries, path=path)

    def check_item(self, item: Node, index: int, path: Steps, roles: str = "") -> _Entry | None:
        """One item of a permission list (``roles`` empty) or of the role list ``roles``: its verdict
        reported, and its entry when the server reads a role in it."""
        if not isinstance(item, String):
            problem = (server.check_roles if roles else server.check_permissions)([item])
            assert problem is not None
            self.report("AW102" if roles else "AW101", item, path, problem[1])
            return None
        verdicts = self.role_verdicts if roles else self.permission_verdicts
        verdict = verdicts.get(item.value)
        if verdict is None:
            verdict = verdicts[item.value] = (_role_verdict if roles else _permission_verdict)(item.value)
        code, message, action, role = verdict
        if code:
            self.report(code, item, path, message)
        if role is None:
            return None
        self.check_team(role, item, path)
        return _Entry(index, item, roles or action, role)

    def check_role_list(self, kind: _Kind, entity: Object, path: Steps) -> None:
        node = self.list_node(kind, entity, kind.roles, path)
        if node is None:
            return
        path = (*path, kind.roles)
        entries: list[_Entry] = []
        for index, item in enumerate(node.items):
            entry = self.check_item(item, index, (*path, index), kind.roles)
            if entry is not None:
                entries.append(entry)
        if kind.roles == "execute":
            self.report_list(_lists.everyone(entries, _label(entity)), path)
        self.report_list(_lists.hygiene(entries, self.line_of_entry, permissions=False), path)

    def check_team(self, role: server.ServerRole, item: String, path: Steps) -> None:
        if role.name == "team" and self.teams_declared and role.identifier not in self.teams:
            message = f'The team "{role.identifier}" is not declared in "teams"'
            self.report("AW404", item, path, message)

    # Rules over a whole list.

    def report_list(self, reports: list[_lists.Report], path: Steps) -> None:
        for code, entry, message in reports:
            self.report(code, entry.node, (*path, entry.index), message)

    def line_of_entry(self, entry: _Entry) -> int:
        return self.line_of(entry.node)

    def check_flag(self, kind: _Kind, entity: Object, path: Steps) -> Literal | None:
        """The security flag, when it is true or false (absent means false on create)."""
        flag = entity.members.get(kind.flag)
        if flag is None:
            return None
        if isinstance(flag, Literal) and isinstance(flag.value, bool):
            return flag
        message = f"Expected true or false for {kind.flag}, found {flag.json_type}"
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
        where: Node = entity
        where_path = path
        for key in (kind.permissions, kind.flag, "$id"):
            if key in members:
                where, where_path = members[key], (*path, key)
                break
        flag_on = flag is not None and flag.value is True
        state = "off" if flag is not None else "absent (off)"
        message = _lists.nobody(kind, _label(entity), flag_on=flag_on, flag_state=state)
        self.report("AW304" if flag_on else "AW303", where, where_path, message)


def _label(entity: Object) -> str:
    """`` "ID"`` of an entity, for messages ("" when it has no string $id)."""
    name = entity.members.get("$id")
    return f' "{name.value}"' if isinstance(name, String) else ""


def _is_null(node: Node) -> bool:
    return isinstance(node, Literal) and node.value is None
