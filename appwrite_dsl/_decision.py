"""The answer of :func:`appwrite_dsl.authorization.explain`: a decision and its reasons."""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["Decision"]


class Decision:
    """The server's answer to one request, and why.

    ``allowed``; ``stage``: None when allowed, else the first failing step, ``"scope"``, ``"disabled"``,
    ``"grant"`` (the requested permissions) or ``"permission"``; ``error`` and ``code``: the Appwrite error
    type and HTTP status of a denial (None for a realtime event, which is just not delivered); ``roles``:
    the request's roles; ``visible``: for read and list, whether the item is among the list results;
    ``realtime_roles``: for ``receive``, the connection's roles. ``step`` names the deciding step also
    when allowed (``"permission"`` or ``"bypass"``: authorization off); ``granted_by`` is the permission
    (or role) string that let the request in, with where it sits; ``reason`` says it in a sentence;
    ``notes`` add what people often get wrong about the case. ``str()`` gives all of it; a Decision is
    true when allowed.
    """

    __slots__ = (
        "allowed",
        "code",
        "error",
        "granted_by",
        "notes",
        "realtime_roles",
        "reason",
        "roles",
        "stage",
        "step",
        "visible",
    )

    def __init__(
        self,
        allowed: bool,
        step: str,
        reason: str,
        roles: tuple[str, ...],
        *,
        error: tuple[str, int] | None = None,
        granted_by: str | None = None,
        notes: Sequence[str] = (),
        visible: bool | None = None,
        realtime_roles: tuple[str, ...] | None = None,
    ) -> None:
        self.allowed = allowed
        self.step = step
        self.stage: str | None = None if allowed else step
        self.reason = reason
        self.roles = roles
        self.error: str | None = None if error is None else error[0]
        self.code: int | None = None if error is None else error[1]
        self.granted_by = granted_by
        self.notes = tuple(notes)
        self.visible = visible
        self.realtime_roles = realtime_roles

    def __bool__(self) -> bool:
        return self.allowed

    def __repr__(self) -> str:
        return f"<Decision allowed={self.allowed} step={self.step!r}>"

    def __str__(self) -> str:
        status = "allowed" if self.allowed else "denied"
        if self.error is not None:
            status += f" ({self.code} {self.error})"
        steps = {
            "scope": "the scope check",
            "disabled": "the enabled check",
            "grant": "the check of the requested permissions",
            "permission": "the permission check",
            "bypass": "no check (authorization is off)",
        }
        lines = [f"{status} at {steps[self.step]}: {self.reason}", f"  roles held: {', '.join(self.roles)}"]
        if self.realtime_roles is not None:
            lines.append(f"  realtime connection roles: {', '.join(self.realtime_roles) or '(none)'}")
        if self.visible is not None:
            lines.append(f"  in list results: {'yes' if self.visible else 'no'}")
        lines.extend(f"  note: {note}" for note in self.notes)
        return "\n".join(lines)
