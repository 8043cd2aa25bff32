"""Builders and exact parsers for Appwrite's permission, role, query and ID strings."""

from __future__ import annotations

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
