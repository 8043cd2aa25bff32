"""The one place where appwrite_dsl's errors become a web framework's: pydantic's line errors and the JSON
body of an HTTP 400 in Appwrite's shape. pydantic is imported only by the function that needs it."""

from __future__ import annotations

from typing import Any

from .errors import ParseError
from .validate import QueryError, QueryValidationError

__all__ = ["ERROR_TYPE", "error_body", "pydantic_error", "pydantic_list_error"]

ERROR_TYPE = "pydantic_appwrite_dsl"
"""The ``type`` of the pydantic errors made here."""
_QUERY_INVALID = "general_query_invalid"
_SERVER_TYPES = frozenset((_QUERY_INVALID, "general_argument_invalid"))


def _context(error: ParseError) -> dict[str, Any]:
    context: dict[str, Any] = {"message": error.message, "position": error.position, "end": error.end}
    if isinstance(error, (QueryError, QueryValidationError)):
        context["kind"] = error.kind
        context["error_type"] = error.error_type
    return context


def pydantic_error(error: ParseError) -> Exception:
    """A ``PydanticCustomError`` carrying our message, position and span (for a single value)."""
    from pydantic_core import PydanticCustomError  # noqa: PLC0415 - pydantic is optional

    return PydanticCustomError(ERROR_TYPE, "{message}", _context(error))


def pydantic_list_error(error: QueryValidationError, value: object, title: str) -> Exception:
    """A pydantic ``ValidationError`` with one line error per query problem, located at the query's index
    in the list (problems of the whole list stay at the list)."""
    from pydantic_core import (  # noqa: PLC0415 - pydantic is optional
        InitErrorDetails,
        PydanticCustomError,
        ValidationError,
    )

    items = value if isinstance(value, list) else []
    details: list[InitErrorDetails] = []
    for problem in error.errors:
        index = problem.index
        located = index is not None and 0 <= index < len(items)
        details.append(
            InitErrorDetails(
                type=PydanticCustomError(ERROR_TYPE, "{message}", _context(problem)),
                loc=(index,) if located else (),  # type: ignore[typeddict-item]
                input=items[index] if located else value,  # type: ignore[index]
            )
        )
    return ValidationError.from_exception_data(title, details)


def error_body(error: QueryValidationError) -> dict[str, Any]:
    """The JSON body of the 400 answer: Appwrite's ``message``, ``code`` and ``type`` (the server's
    ``general_query_invalid`` or ``general_argument_invalid`` when it is the server's rule, else
    ``general_query_invalid``), then every problem with its index and span."""
    kind = error.error_type if error.kind == "server" and error.error_type in _SERVER_TYPES else None
    return {
        "message": error.message,
        "code": 400,
        "type": kind or _QUERY_INVALID,
        "errors": [
            {
                "index": problem.index,
                "message": problem.message,
                "position": problem.position,
                "end": problem.end,
                "kind": problem.kind,
            }
            for problem in error.errors
        ],
    }
