"""A FastAPI dependency for a ``queries`` parameter (``pip install 'appwrite-dsl[fastapi]'``).

:func:`QueriesDepends` reads the list from the request's query string in all three forms clients send
(``queries[0]=…``, ``queries[]=…``, repeated ``queries=…``; :func:`appwrite_dsl.params.read_queries`),
validates it as the Appwrite server of ``server_version`` does against a collection ``schema`` or a list
``endpoint``, then the ``policy``, and gives the endpoint the canonical query strings. A list it refuses
is answered with a 400 whose body has Appwrite's error shape (``message``, ``code``, ``type``) once
:func:`install` has registered the handler; the parameter appears in the OpenAPI schema as ``queries``.

The module imports FastAPI when it is imported; appwrite_dsl itself never imports it.
"""

# No ``from __future__ import annotations`` here: FastAPI reads the dependency's annotations at run time.

from typing import Any, Callable, Optional

from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi import Query as QueryParam
from fastapi.responses import JSONResponse

from ._web import error_body
from .params import read_queries
from .pydantic import Queries
from .validate import DEFAULT_VERSION, Endpoint, Policy, QueryValidationError, Schema

__all__ = ["QueriesDepends", "QueryRejected", "install", "queries_dependency"]


class QueryRejected(HTTPException):
    """The 400 raised for a refused list; ``body`` is the Appwrite-shaped JSON, ``error`` the
    :class:`~appwrite_dsl.validate.QueryValidationError`. Without :func:`install`, FastAPI answers
    ``{"detail": body}``."""

    def __init__(self, error: QueryValidationError) -> None:
        self.error = error
        self.body = error_body(error)
        super().__init__(status_code=400, detail=self.body)


async def _answer(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, QueryRejected)
    return JSONResponse(exc.body, status_code=400)


def install(app: FastAPI) -> None:
    """Answer :class:`QueryRejected` with its Appwrite-shaped body as it is (no ``detail`` around it)."""
    app.add_exception_handler(QueryRejected, _answer)


def queries_dependency(
    *,
    schema: Optional[Schema] = None,
    endpoint: "Optional[str | Endpoint]" = None,
    server_version: str = DEFAULT_VERSION,
    policy: Optional[Policy] = None,
    name: str = "queries",
) -> Callable[..., list[str]]:
    """The dependency function itself (for ``Depends(...)``); see :func:`QueriesDepends`."""
    rules = Queries(schema=schema, endpoint=endpoint, server_version=server_version, policy=policy)
    declared = rules.json_schema()
    description = (
        declared.pop("description")
        + f" Send them as {name}[0]=...&{name}[1]=... (the Appwrite SDKs), {name}[]=... or repeated"
        + f" {name}=...."
    )

    def dependency(
        request: Request,
        # Declared for the OpenAPI schema only: the list is read from the raw query string below, since
        # FastAPI itself reads only the repeated form.
        _declared: list[str] = QueryParam(
            [], alias=name, description=description, json_schema_extra=declared
        ),
    ) -> list[str]:
        try:
            return rules.read(read_queries(request.scope.get("query_string", b""), name))
        except QueryValidationError as error:
            raise QueryRejected(error) from None

    return dependency


def QueriesDepends(  # named like FastAPI's Depends and fastapi-filter's FilterDepends
    *,
    schema: Optional[Schema] = None,
    endpoint: "Optional[str | Endpoint]" = None,
    server_version: str = DEFAULT_VERSION,
    policy: Optional[Policy] = None,
    name: str = "queries",
) -> Any:
    """``queries: list[str] = QueriesDepends(schema=books, policy=Policy(max_limit=50))``: the
    validated, canonical query strings of the request."""
    return Depends(
        queries_dependency(
            schema=schema, endpoint=endpoint, server_version=server_version, policy=policy, name=name
        )
    )
