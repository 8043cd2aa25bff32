"""pydantic v2 types for Appwrite's strings (``pip install 'appwrite-dsl[pydantic]'``).

``PermissionString``, ``RoleString``, ``IDString`` and ``QueryString`` are ``str`` fields read by
appwrite_dsl's strict parsers; the value is the canonical wire form. :class:`Queries` binds a list of
query strings to what :func:`appwrite_dsl.validate.validate` checks it against (a ``Schema`` or a list
``endpoint``, a server version, a ``Policy``); each problem becomes a pydantic error located at the query's
index, with appwrite_dsl's message, and its position and span in ``ctx``:

>>> from typing import Annotated
>>> from pydantic import BaseModel, ValidationError
>>> from appwrite_dsl.validate import Attribute, Policy, Schema
>>> books = Schema([Attribute.string("title"), Attribute.integer("year")])
>>> class Search(BaseModel):
...     queries: Annotated[list[str], Queries(schema=books, policy=Policy(max_limit=50))] = []
...     permissions: list[PermissionString] = []
>>> Search(queries=['{"method":"limit","values":[20]}']).queries
['{"method":"limit","values":[20]}']
>>> try:
...     Search(queries=['{"method":"limit","values":[20]}', '{"method":"equal","attribute":"year"}'])
... except ValidationError as error:
...     print(error.errors()[0]["loc"], error.errors()[0]["msg"])
('queries', 1) Invalid query: Equal queries require at least one value.
>>> try:
...     Search(permissions=['read("user:a:b")'])
... except ValidationError as error:
...     print(error.errors()[0]["loc"], error.errors()[0]["ctx"]["position"])
...     for part in error.errors()[0]["msg"].split("; "):
...         print(part)
('permissions', 0) 12
Expected a letter, digit, '.', '-' or '_' in a user ID, found ':'
the server would read this as read("user:a")

Their JSON Schemas (what FastAPI puts in OpenAPI) describe the wire form: a ``pattern`` for permissions,
roles and IDs that accepts nothing the parsers refuse, a ``format`` and a description for queries.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Annotated, Any, Callable

from pydantic_core import core_schema

from . import _keys, server
from ._web import pydantic_error, pydantic_list_error
from .errors import ParseError
from .id import ID, UNIQUE
from .permission import Permission
from .query import Query
from .role import Role
from .validate import DEFAULT_VERSION, Endpoint, Policy, QueryValidationError, Schema, Validator

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import CoreSchema

__all__ = ["IDString", "PermissionString", "Queries", "QueryString", "RoleString", "patterns"]


def _key(max_length: int, *, zero: bool) -> str:
    """A Key (1 to ``max_length`` of ``[A-Za-z0-9._-]``, starting with a letter or digit); without
    ``zero``, not ``0`` alone (inside a role the server reads it as no value)."""
    rest = f"[A-Za-z0-9._-]{{0,{max_length - 1}}}"
    if zero:
        return f"[A-Za-z0-9]{rest}"
    return f"(?:[A-Za-z1-9]{rest}|0[A-Za-z0-9._-]{{1,{max_length - 1}}})"


def _role_pattern() -> str:
    status = "/(?:" + "|".join(server.USER_STATUSES) + ")"
    role_id = _key(_keys.KEY_MAX_LENGTH, zero=False)
    longest = _keys.LABEL_MAX_LENGTH - 1
    label = f"(?:[A-Za-z1-9][A-Za-z0-9]{{0,{longest}}}|0[A-Za-z0-9]{{1,{longest}}})"
    return (
        f"(?:any|guests|users(?:{status})?|user:{role_id}(?:{status})?"
        f"|team:{role_id}(?:/{_key(_keys.TEAM_ROLE_MAX_LENGTH, zero=False)})?"
        f"|member:{role_id}|label:{label})"
    )


def _whole(pattern: str) -> str:
    """Anchored for JSON Schema (ECMA-262) and Python alike: ``(?![\\s\\S])`` is the end of the text,
    where Python's ``$`` would also match before a final newline."""
    return f"^{pattern}(?![\\s\\S])"


def patterns() -> dict[str, str]:
    """The JSON Schema ``pattern`` of each string type, by name."""
    actions = "|".join(server.PERMISSION_TYPES)
    return {
        "permission": _whole(f'(?:{actions})\\("{_role_pattern()}"\\)'),
        "role": _whole(_role_pattern()),
        "id": _whole(f"(?:{re.escape(UNIQUE)}|{_key(_keys.KEY_MAX_LENGTH, zero=True)})"),
    }


class _Text:
    """The metadata of one string type: the reader that returns the canonical text, and its schema."""

    __slots__ = ("_json", "_read")

    def __init__(self, read: Callable[[str], str], json_schema: dict[str, Any]) -> None:
        self._read = read
        self._json = json_schema

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        read = self._read

        def check(value: str) -> str:
            try:
                return read(value)
            except ParseError as error:
                raise pydantic_error(error) from None

        return core_schema.no_info_after_validator_function(check, core_schema.str_schema())

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        found = handler(schema)
        found.update(self._json)
        return found


_PATTERNS = patterns()


def _text(read: Callable[[str], str], description: str, examples: list[str], **schema: str) -> _Text:
    """The metadata of a ``str`` field read by ``read``, with its JSON Schema."""
    return _Text(read, {**schema, "description": description, "examples": examples})


PermissionString = Annotated[
    str,
    _text(
        lambda text: str(Permission.parse(text)),
        'An Appwrite permission, such as read("user:abc/verified") or update("team:t1").',
        ['read("any")', 'update("user:abc/verified")'],
        pattern=_PATTERNS["permission"],
    ),
]
RoleString = Annotated[
    str,
    _text(
        lambda text: str(Role.parse(text)),
        "An Appwrite role, such as any, users/verified, user:abc or team:t1/owner.",
        ["any", "team:t1/owner"],
        pattern=_PATTERNS["role"],
    ),
]
IDString = Annotated[
    str,
    _text(
        ID.parse,
        "An Appwrite ID: 1 to 36 of a-z, A-Z, 0-9, '.', '-' and '_', starting with a letter or digit; or "
        "unique() for an ID the server generates.",
        ["unique()", "my-doc_1"],
        pattern=_PATTERNS["id"],
    ),
]
QueryString = Annotated[
    str,
    _text(
        lambda text: str(Query.parse(text, syntax="json")),
        "An Appwrite query in the JSON syntax of Appwrite 1.5 and later, such as "
        '{"method":"equal","attribute":"title","values":["Dune"]}.',
        ['{"method":"limit","values":[25]}'],
        format="appwrite-query",
    ),
]


class Queries:
    """``Annotated[list[str], Queries(schema=..., policy=...)]``: a ``queries`` list validated as
    :func:`appwrite_dsl.validate.validate` does for a collection ``schema`` or a list ``endpoint`` of
    ``server_version``, then the ``policy``. The value is the list of canonical query strings."""

    __slots__ = ("validator",)

    def __init__(
        self,
        *,
        schema: Schema | None = None,
        endpoint: str | Endpoint | None = None,
        server_version: str = DEFAULT_VERSION,
        policy: Policy | None = None,
    ) -> None:
        self.validator = Validator(
            schema=schema, endpoint=endpoint, server_version=server_version, policy=policy
        )

    def read(self, texts: list[str]) -> list[str]:
        """The canonical strings of ``texts``; :class:`~appwrite_dsl.validate.QueryValidationError` for
        a list the server or the policy refuses."""
        return [str(query) for query in self.validator.validate(texts)]

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema of the list (and of its items, in ``items``)."""
        item: dict[str, Any] = {"type": "string", "format": "appwrite-query"}
        schema: dict[str, Any] = {"type": "array", "items": item}
        target = self.validator.target
        if isinstance(target, Schema):
            item.update(minLength=1, maxLength=target.max_query_length)
            schema["maxItems"] = 100
            where = "a collection's documents or a table's rows"
        else:
            where = f"the {target.name} list endpoint"
        item["description"] = "An Appwrite query in the JSON syntax, such as " + (
            '{"method":"limit","values":[25]}.'
        )
        schema["description"] = (
            f"Appwrite queries on {where}, checked as Appwrite {self.validator.server_version} checks them"
            + (" and by this endpoint's own rules." if self.validator.policy is not None else ".")
        )
        return schema

    def __get_pydantic_core_schema__(self, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        def check(value: list[str]) -> list[str]:
            try:
                return self.read(value)
            except QueryValidationError as error:
                raise pydantic_list_error(error, value, "queries") from None

        return core_schema.no_info_after_validator_function(
            check, core_schema.list_schema(core_schema.str_schema())
        )

    def __get_pydantic_json_schema__(
        self, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        found = handler(schema)
        found.update(self.json_schema())
        return found
