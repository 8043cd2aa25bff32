"""Builders and exact parsers for Appwrite's permission, role, query and ID strings."""

from __future__ import annotations

from .errors import (
    InvalidID,
    InvalidPermission,
    InvalidQuery,
    InvalidRole,
    ParseError,
    ValidationError,
)

__version__ = "0.1.0"

__all__ = [
    "InvalidID",
    "InvalidPermission",
    "InvalidQuery",
    "InvalidRole",
    "ParseError",
    "ValidationError",
    "__version__",
]
