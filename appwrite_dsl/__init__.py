"""Builders and exact parsers for Appwrite's permission, role, query and ID strings.

The names below are imported from their modules on first use (PEP 562), so ``import appwrite_dsl`` loads
nothing else and ``from appwrite_dsl import Query`` only what :class:`Query` needs.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from .authorization import Membership, Principal, can, explain
    from .errors import InvalidID, InvalidPermission, InvalidQuery, InvalidRole, ParseError, ValidationError
    from .id import ID, UNIQUE
    from .permission import Permission, Resource, aggregate, validate_permissions
    from .query import JSONObject, Query
    from .role import Role, validate_roles

__version__ = "0.1.0"

__all__ = [
    "ID",
    "UNIQUE",
    "InvalidID",
    "InvalidPermission",
    "InvalidQuery",
    "InvalidRole",
    "JSONObject",
    "Membership",
    "ParseError",
    "Permission",
    "Principal",
    "Query",
    "Resource",
    "Role",
    "ValidationError",
    "__version__",
    "aggregate",
    "can",
    "explain",
    "validate_permissions",
    "validate_roles",
]

_HOMES = {
    **dict.fromkeys(("Membership", "Principal", "can", "explain"), "authorization"),
    **dict.fromkeys(
        ("InvalidID", "InvalidPermission", "InvalidQuery", "InvalidRole", "ParseError", "ValidationError"),
        "errors",
    ),
    **dict.fromkeys(("ID", "UNIQUE"), "id"),
    **dict.fromkeys(("Permission", "Resource", "aggregate", "validate_permissions"), "permission"),
    **dict.fromkeys(("JSONObject", "Query"), "query"),
    **dict.fromkeys(("Role", "validate_roles"), "role"),
}
"""The module each re-exported name comes from."""


if not TYPE_CHECKING:  # hidden from checkers, which then still flag a misspelt ``appwrite_dsl.Qeury``

    def __getattr__(name: str) -> object:
        home = _HOMES.get(name)
        if home is None:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        module = __import__(f"{__name__}.{home}", fromlist=(name,))
        value = getattr(module, name)
        globals()[name] = value  # the next look-up is a plain module attribute
        return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
