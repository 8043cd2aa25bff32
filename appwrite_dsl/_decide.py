"""The decision procedures behind :mod:`appwrite_dsl.authorization`, one function per resource.

Each follows the server's order of checks: the route's scope (the ``api.php`` init hook), the disabled
container, then the endpoint's own checks (requested permissions, ``Authorization::isValid`` on the role lists
of the needed type), and records the step that decided and why, for :class:`Decision`.
"""

from __future__ import annotations

from . import server
from ._decision import Decision

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from collections.abc import Sequence

    from .authorization import Principal

__all__ = ["ACTIONS", "RESOURCES", "Decision", "decide", "grant_problem", "stored"]

RESOURCES = ("document", "row", "file", "function", "topic")
_ITEM_ACTIONS = ("create", "read", "list", "update", "delete", "receive")
ACTIONS: dict[str, tuple[str, ...]] = {
    "document": _ITEM_ACTIONS,
    "row": _ITEM_ACTIONS,
    "file": _ITEM_ACTIONS,
    "function": ("execute",),
    "topic": ("subscribe",),
}
"""The actions of each resource."""


class _Names:
    """How a resource's container, item, security flag, errors and scopes are named: ``disabled`` is the
    error of a missing or disabled container, ``not_found`` that of an item that cannot be read."""

    __slots__ = ("container", "disabled", "flag", "item", "not_found", "read_scopes", "write_scopes")

    def __init__(  # noqa: PLR0917 - one table row, in order
        self,
        container: str,
        item: str,
        flag: str,
        disabled: str,
        not_found: str,
        read_scopes: tuple[str, ...],
        write_scopes: tuple[str, ...],
    ) -> None:
        self.container = container
        self.item = item
        self.flag = flag
        self.disabled = disabled
        self.not_found = not_found
        self.read_scopes = read_scopes
        self.write_scopes = write_scopes


_NAMES = {
    "document": _Names(
        "collection", "document", "documentSecurity", "collection_not_found", "document_not_found",
        ("documents.read",), ("documents.write",),
    ),
    "row": _Names(
        "table", "row", "rowSecurity", "table_not_found", "row_not_found",
        ("rows.read", "documents.read"), ("rows.write", "documents.write"),
    ),
    "file": _Names(
        "bucket", "file", "fileSecurity", "storage_bucket_not_found", "storage_file_not_found",
        ("files.read",), ("files.write",),
    ),
}  # fmt: skip
_EXECUTE_SCOPES = ("executions.write", "execution.write")
_SUBSCRIBE_SCOPES = ("subscribers.write",)

# The scopes of the roles of app/config/roles.php that these endpoints ask for.
_GUEST_SCOPES = frozenset(
    (
        "documents.read",
        "documents.write",
        "rows.read",
        "rows.write",
        "files.read",
        "files.write",
        *_EXECUTE_SCOPES,
    )
)
_USER_SCOPES = _GUEST_SCOPES | {"executions.read", "execution.read", *_SUBSCRIBE_SCOPES}
_KEY_EXTRA_SCOPES = frozenset(("global", "health.read", "graphql"))

_UNAUTHORIZED = ("user_unauthorized", 401)
_SCOPE = ("general_unauthorized_scope", 401)

_GERUND = {
    "create": "creating",
    "read": "reading",
    "list": "listing",
    "update": "updating",
    "delete": "deleting",
    "receive": "receiving a realtime event for",
    "execute": "executing",
    "subscribe": "subscribing to",
}


class _Entry:
    """One stored permission: its type after ``write`` is expanded, its role, the string it came from and
    the level it sits at (``collection``, ``document``, ...)."""

    __slots__ = ("level", "role", "text", "type")

    def __init__(self, type_: str, role: str, text: str, level: str) -> None:
        self.type = type_
        self.role = role
        self.text = text
        self.level = level


def stored(texts: Sequence[str], level: str, *, container: bool) -> list[_Entry]:
    """The permissions the server stores for ``texts`` (``Permission::aggregate``: ``write`` is create,
    update and delete on a container, update and delete on an item), each with the string it came from."""
    allowed = ("create", "read", "update", "delete") if container else ("read", "update", "delete")
    entries: list[_Entry] = []
    for text in texts:
        for stored in server.aggregate([text], allowed=allowed):
            permission = server.parse_permission(stored)
            entries.append(_Entry(permission.type, str(permission.role), text, level))
    return entries


def _where(entry: _Entry) -> str:
    stored = f'{entry.type}("{entry.role}")'
    origin = "" if stored == entry.text else f" (from {entry.text})"
    return f"{stored} on the {entry.level}{origin}"


def _match(entries: Sequence[_Entry], type_: str, roles: Sequence[str]) -> _Entry | None:
    """``Authorization::isValid`` over the roles of type ``type_``: the first entry whose role is one of
    ``roles``, or None."""
    held = set(roles)
    for entry in entries:
        if entry.type == type_ and entry.role in held:
            return entry
    return None


def _granted_roles(entries: Sequence[_Entry], type_: str, level: str) -> list[str]:
    return list(dict.fromkeys(e.role for e in entries if e.type == type_ and e.level == level))


def _near_misses(entries: Sequence[_Entry], type_: str, roles: Sequence[str]) -> list[str]:
    """Notes for roles of the list that differ from a held role only in letter case."""
    lowered = {role.lower(): role for role in roles}
    notes = []
    for role in dict.fromkeys(e.role for e in entries if e.type == type_):
        held = lowered.get(role.lower())
        if held is not None and held != role:
            notes.append(f"roles match exactly: {role} is not {held}, which the caller holds")
    return notes


class _Request:
    """The arguments of one decision, with the helpers that word its reasons."""

    def __init__(
        self,
        principal: Principal,
        action: str,
        *,
        resource: str,
        container: Sequence[str],
        permissions: Sequence[str],
        security: bool,
        enabled: bool,
        grant: Sequence[str] | None,
        changes: bool,
    ) -> None:
        self.principal = principal
        self.action = action
        self.resource = resource
        self.roles = principal.roles
        self.security = security
        self.enabled = enabled
        self.grant = grant
        self.changes = changes
        self.raw_container = container
        self.names = _NAMES.get(resource)
        if self.names is not None:
            self.container = stored(container, self.names.container, container=True)
            self.item = stored(permissions, self.names.item, container=False)

    @property
    def what(self) -> str:
        """``updating a document``."""
        noun = self.names.item if self.names is not None else self.resource
        article = "an" if noun[0] in "aeiou" else "a"
        if self.action == "list":
            return f"listing {noun}s"
        return f"{_GERUND[self.action]} {article} {noun}"

    def decision(
        self,
        allowed: bool,
        step: str,
        reason: str,
        *,
        error: tuple[str, int] | None = None,
        granted_by: str | None = None,
        notes: Sequence[str] = (),
        visible: bool | None = None,
        realtime_roles: tuple[str, ...] | None = None,
    ) -> Decision:
        return Decision(
            allowed,
            step,
            reason,
            self.roles,
            error=error,
            granted_by=granted_by,
            notes=notes,
            visible=visible,
            realtime_roles=realtime_roles,
        )

    def scope(self, scopes: tuple[str, ...]) -> Decision | None:
        principal = self.principal
        kind = principal.kind
        if kind == "guest":
            held: frozenset[str] | None = _GUEST_SCOPES
        elif kind == "key":
            held = None if principal.scopes is None else principal.scopes | _KEY_EXTRA_SCOPES
        else:
            held = _USER_SCOPES
        if held is None or held.intersection(scopes):
            return None
        needed = " or ".join(scopes)
        if kind == "key":
            reason = f"{self.what} needs the scope {needed}, which the API key was not given"
        elif kind == "guest":
            reason = (
                f"{self.what} needs the scope {needed}, which a guest never has, whatever the "
                f"{self.resource}'s {self.action} roles say"
            )
        else:
            reason = f"{self.what} needs the scope {needed}"
        return self.decision(False, "scope", reason, error=_SCOPE)

    def disabled(self, noun: str, error: str) -> Decision | None:
        if self.enabled or self.principal.bypass:
            return None
        reason = (
            f"the {noun} is disabled: it answers 404 to everyone but API keys and console admins, "
            "whatever its permissions"
        )
        return self.decision(False, "disabled", reason, error=(error, 404))

    def bypass(self, *, visible: bool | None = None) -> Decision:
        who = "an API key" if self.principal.kind == "key" else "a console admin"
        reason = f"{who} bypasses permissions: {self.what} needs only the route's scope"
        return self.decision(True, "bypass", reason, visible=visible)

    def grant_check(self) -> Decision | None:
        if self.grant is None or self.principal.bypass:
            return None
        problem = grant_problem(self.principal, self.grant)
        if problem is None:
            return None
        reason = (
            f"the request sets permissions for a role the caller does not hold ({problem}); a caller can "
            "only grant roles it holds itself"
        )
        note = "send only permissions for the caller's own roles, or set the others with an API key"
        return self.decision(False, "grant", reason, error=_UNAUTHORIZED, notes=[note])

    def levels(self) -> list[_Entry]:
        """The lists ``Database`` consults: the container's, and the item's with security on."""
        return self.container + self.item if self.security else self.container

    def lacking(self, type_: str, *, item: bool = True) -> tuple[str, list[str]]:
        """Why no list granted ``type_``, and notes."""
        names = self.names
        assert names is not None
        parts = []
        granted = _granted_roles(self.container, type_, names.container)
        parts.append(
            f"the {names.container} grants {type_} to {', '.join(granted)}"
            if granted
            else f"the {names.container} grants {type_} to no role"
        )
        notes = _near_misses(self.levels() if item else self.container, type_, self.roles)
        if item:
            own_roles = _granted_roles(self.item, type_, names.item)
            if self.security:
                parts.append(
                    f"the {names.item} grants {type_} to {', '.join(own_roles)}"
                    if own_roles
                    else f"the {names.item}'s own permissions grant no {type_}"
                )
            elif own_roles:
                parts.append(f"the {names.item}'s own permissions are ignored ({names.flag} is off)")
                if _match(self.item, type_, self.roles) is not None:
                    notes.append(
                        f"the {names.item}'s own permissions would let the caller in: turn {names.flag} on, "
                        f"or grant {type_} on the {names.container}"
                    )
        reason = f"{self.what} needs {type_} for one of the caller's roles; " + "; ".join(parts)
        if self.principal.kind != "admin":
            own = f"user:{self.principal.id}" if self.principal.id else self.roles[1]
            where = (
                names.container if not item or not self.security else f"{names.item} or the {names.container}"
            )
            example = f'{type_}("{own}")'
            notes.append(
                f"to let this caller in, grant {type_} to one of its roles, e.g. {example} on the {where}"
            )
        return reason, notes

    def permit(
        self,
        type_: str,
        entries: Sequence[_Entry],
        error: tuple[str, int],
        *,
        item: bool = True,
        visible: bool | None = None,
    ) -> Decision:
        found = _match(entries, type_, self.roles)
        if found is not None:
            reason = f"{_where(found)} grants {type_} to {found.role}, which the caller holds"
            return self.decision(True, "permission", reason, granted_by=_where(found), visible=visible)
        reason, notes = self.lacking(type_, item=item)
        return self.decision(False, "permission", reason, error=error, notes=notes, visible=visible)


def grant_problem(principal: Principal, permissions: Sequence[str]) -> str | None:
    """The server's message when ``principal`` may not send ``permissions`` on create or update."""
    if principal.bypass:
        return None
    roles = principal.roles
    stored = server.aggregate(permissions, allowed=("read", "update", "delete"))
    for type_ in ("create", "read", "update", "delete"):
        for text in stored:
            permission = server.parse_permission(text)
            if permission.type == type_ and str(permission.role) not in roles:
                return f"Permissions must be one of: ({', '.join(roles)})"
    return None


def _items(request: _Request) -> Decision:
    """Documents (Collections API) and rows (TablesDB API)."""
    names = request.names
    assert names is not None
    action = request.action
    scopes = names.read_scopes if action in ("read", "list") else names.write_scopes
    early = _first(request.scope(scopes), request.disabled(names.container, names.disabled))
    if early is not None:
        return _with_visible(request, early)
    if action in ("read", "list"):
        return _read_or_list(request, not_found=names.not_found)
    grant = request.grant_check()
    if grant is not None:
        return grant
    if request.principal.bypass:
        return request.bypass()
    if action == "create":
        return _create(request)
    if action == "update" and not request.changes:
        decision = request.permit("read", request.levels(), _UNAUTHORIZED)
        decision.notes += (
            "an update that changes nothing is checked as a read: read is needed, update is not enough "
            "(utopia-php/database Database::updateDocument)",
        )
        return decision
    return request.permit(action, request.levels(), _UNAUTHORIZED)


def _create(request: _Request) -> Decision:
    decision = request.permit("create", request.container, _UNAUTHORIZED, item=False)
    names = request.names
    assert names is not None
    if not decision.allowed and any(entry.type == "create" for entry in request.item):
        decision.notes += (f"create exists only on the {names.container}: a {names.item}'s own permissions "
                           "never let anyone create it",)  # fmt: skip
    elif not decision.allowed and request.item:
        decision.notes += (f"create exists only on the {names.container}, whatever {names.flag} says",)
    return decision


def _visible(request: _Request) -> bool:
    """Whether the item is among the list results (``Database::find``)."""
    if request.principal.bypass:
        return True
    if _match(request.container, "read", request.roles) is not None:
        return True
    return request.security and _match(request.item, "read", request.roles) is not None


def _with_visible(request: _Request, decision: Decision) -> Decision:
    if request.action in ("read", "list"):
        decision.visible = False
    return decision


def _read_or_list(request: _Request, *, not_found: str) -> Decision:
    names = request.names
    assert names is not None
    visible = _visible(request)
    if request.principal.bypass:
        return request.bypass(visible=True)
    if request.action == "read":
        decision = request.permit("read", request.levels(), (not_found, 404), visible=visible)
        if not decision.allowed:
            decision.notes += (f"a {names.item} the caller may not read answers 404, as if it did not exist",)
        return decision
    container = _match(request.container, "read", request.roles)
    if container is not None:
        reason = f"{_where(container)} lets the caller list every {names.item}"
        return request.decision(True, "permission", reason, granted_by=_where(container), visible=visible)
    if request.security:
        reason = (
            f"with {names.flag} on anyone may list; the results hold only the {names.item}s whose own "
            f"permissions grant read to one of the caller's roles (this one {'is' if visible else 'is not'})"
        )
        return request.decision(True, "permission", reason, visible=visible)
    reason, notes = request.lacking("read")
    return request.decision(False, "permission", reason, error=_UNAUTHORIZED, notes=notes, visible=False)


def _files(request: _Request) -> Decision:
    """Files (Storage): the same outcomes as documents except where the bucket's own check decides."""
    names = request.names
    assert names is not None
    action = request.action
    scopes = names.read_scopes if action in ("read", "list") else names.write_scopes
    early = _first(request.scope(scopes), request.disabled("bucket", names.disabled))
    if early is not None:
        return _with_visible(request, early)
    bypass = request.principal.bypass
    if action == "list":
        return _read_or_list(request, not_found=names.not_found)
    if action == "create":
        decision = request.bypass() if bypass else _create(request)
        grant = request.grant_check() if decision.allowed else None
        return decision if grant is None else grant
    if bypass:
        return request.bypass(visible=True) if action == "read" else request.bypass()
    type_ = "read" if action == "read" else action
    bucket = _match(request.container, type_, request.roles)
    if bucket is None and not request.security:
        visible = False if action == "read" else None
        decision = request.permit(type_, request.container, _UNAUTHORIZED, visible=visible)
        if action == "read":
            decision.notes += ("without fileSecurity a file the caller may not read answers 401, not 404 "
                               "as a document would",)  # fmt: skip
        return decision
    if action == "read":
        return request.permit("read", request.levels(), (names.not_found, 404), visible=_visible(request))
    if action == "update":
        grant = request.grant_check()
        if grant is not None:
            return grant
        if bucket is not None:
            return request.permit("update", request.container, _UNAUTHORIZED)
        if not request.changes:
            decision = request.permit("read", request.levels(), _UNAUTHORIZED)
            decision.notes += ("an update that changes nothing, without update on the bucket, is checked as "
                               "a read",)  # fmt: skip
            return decision
    return request.permit(action, request.levels(), _UNAUTHORIZED)


def _first(*decisions: Decision | None) -> Decision | None:
    """The first decision that is not None (a denial is false, so ``or`` would skip it)."""
    return next((decision for decision in decisions if decision is not None), None)


def _realtime(request: _Request) -> Decision:
    """Realtime delivery (``Realtime::fromPayload``, ``send``, ``getSubscribers``): no scope, no enabled
    gate, no bypass; the event carries the read roles of the container (and of the item with security)."""
    names = request.names
    assert names is not None
    connection = request.principal.realtime_roles
    event = [e for e in request.levels() if e.type == "read"]
    event_roles = [e.role for e in event]
    if not event_roles:
        reason = "the event carries no read role, so it is sent to no one"
        return request.decision(False, "permission", reason, realtime_roles=connection)
    held = set(connection)
    for entry in event:
        if entry.role == "any" or entry.role in held:
            reason = f"{_where(entry)} lets the connection receive it"
            return request.decision(
                True, "permission", reason, granted_by=_where(entry), realtime_roles=connection
            )
    reason = (
        f"the event goes to connections holding one of {', '.join(dict.fromkeys(event_roles))}; "
        f"this connection holds {', '.join(connection)}"
    )
    notes = []
    if request.principal.kind == "key":
        notes.append("the realtime server reads no API key: a key connects as a guest")
    return request.decision(False, "permission", reason, notes=notes, realtime_roles=connection)


def _roles_list(request: _Request, scopes: tuple[str, ...], noun: str) -> Decision:
    """Function ``execute`` and topic ``subscribe``: bare role strings, used as stored."""
    early = request.scope(scopes)
    if early is not None:
        return early
    if request.resource == "function":
        early = request.disabled("function", "function_not_found")
        if early is not None:
            return early
    if request.principal.bypass:
        return request.bypass()
    roles = set(request.roles)
    for text in request.raw_container:
        if text in roles:
            reason = f'"{text}" in the {request.resource}\'s {noun} list lets the caller in'
            return request.decision(True, "permission", reason, granted_by=f'"{text}" in {noun}')
    listed = ", ".join(request.raw_container) or "no role"
    reason = f"{request.what} needs one of the caller's roles in its {noun} list, which holds {listed}"
    notes = []
    if not request.raw_container and request.resource == "function":
        notes.append("an empty execute list lets only API keys and console admins run the function")
    notes.extend(_near_misses([_Entry(noun, r, r, "") for r in request.raw_container], noun, request.roles))
    return request.decision(False, "permission", reason, error=_UNAUTHORIZED, notes=notes)


def decide(
    principal: Principal,
    action: str,
    *,
    resource: str,
    permissions: Sequence[str],
    container: Sequence[str],
    security: bool,
    enabled: bool,
    grant: Sequence[str] | None,
    changes: bool,
) -> Decision:
    """The decision; see :func:`appwrite_dsl.authorization.explain`."""
    actions = ACTIONS.get(resource)
    if actions is None:
        raise ValueError(f"resource must be one of {', '.join(RESOURCES)}, not {resource!r}")
    if action not in actions:
        raise ValueError(f"a {resource} has the actions {', '.join(actions)}, not {action!r}")
    request = _Request(
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
    if resource == "function":
        return _roles_list(request, _EXECUTE_SCOPES, "execute")
    if resource == "topic":
        return _roles_list(request, _SUBSCRIBE_SCOPES, "subscribe")
    if action == "receive":
        return _realtime(request)
    if resource == "file":
        return _files(request)
    return _items(request)
