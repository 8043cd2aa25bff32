"""Validate user-supplied queries exactly as the Appwrite server does, before sending them on.

Give :func:`validate` the ``queries`` parameter as a client sent it (strings, or
:class:`~appwrite_dsl.query.Query` trees) and where it goes: a collection :class:`Schema` (the document and
row endpoints) or a built-in list ``endpoint`` (``"users"``, ``"files"``, ...). It returns the parsed
queries, or raises :class:`QueryValidationError` listing every problem with the server's own message, the
query's index and the span of the culprit inside its string:

>>> from appwrite_dsl.query import Query
>>> from appwrite_dsl.validate import Attribute, Policy, Schema, check, validate
>>> schema = Schema([Attribute.string("title"), Attribute.integer("year", bits=32)])
>>> validate(['{"method":"equal","attribute":"year","values":[1999]}', Query.limit(25)], schema=schema)
[<Query '{"method":"equal","attribute":"year","values":[1999]}'>, <Query '{"method":"limit","values":[25]}'>]
>>> validate(['{"method":"equal","attribute":"year","values":["1999"]}', 'limit(25)'], schema=schema)
Traceback (most recent call last):
  ...
appwrite_dsl.validate.QueryValidationError: Invalid query: Syntax error
    limit(25)
    ^

The server parses every query before it validates any, so the parse error of the second query is what it
answers (``limit(25)`` is the legacy syntax, which Appwrite 1.5 and later do not read); the error's
``errors`` lists both problems. :func:`check` returns them instead of raising (an empty list when the server
accepts every query):

>>> for error in check(['{"method":"equal","attribute":"year","values":["1999"]}'], schema=schema):
...     print(error)
Invalid query: Query value is invalid for attribute "year"
    {"method":"equal","attribute":"year","values":["1999"]}
                                                   ^~~~~~

The list endpoints use the server's own error framing (``Invalid `queries` param: ...``):

>>> [e.message for e in check(['{"method":"select","values":["name"]}'], endpoint="users")]
['Invalid `queries` param: Invalid query method: select']

``server_version`` picks the syntax (legacy up to 1.4), the methods, the limits and the wording of that
version; a :class:`Policy` adds the application's own rules, reported with ``kind == "policy"``:

>>> [e.message for e in check(['limit(500)'], schema=schema, server_version="1.2")]
['Query not valid: Invalid limit: Value must be a valid range between 0 and 100']
>>> policy = Policy(forbidden=["select"], max_limit=100)
>>> [(e.kind, e.message) for e in check([Query.limit(500)], schema=schema, policy=policy)]
[('policy', 'The policy allows a limit of at most 100, found 500')]

What each server version accepts, and the few places where this module is less exact than the server, are
in docs/validation.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from types import MappingProxyType
from typing import TYPE_CHECKING

from . import _presets, _validation
from ._methods import CLOUD
from ._validation._deployment import DEFAULT_DEPLOYMENT, Deployment
from ._validation._policy import METHOD_FAMILIES, Policy
from ._validation._schemas import Attribute, Endpoint, Schema, endpoint_preset
from .errors import ValidationError
from .query import Query

if TYPE_CHECKING:
    from typing import Any, Union

    QueryLike = Union[str, Query]

__all__ = [
    "DEFAULT_VERSION",
    "KINDS",
    "METHOD_FAMILIES",
    "Attribute",
    "Deployment",
    "Endpoint",
    "Policy",
    "QueryError",
    "QueryValidationError",
    "Schema",
    "Validator",
    "check",
    "endpoint",
    "endpoints",
    "validate",
]

DEFAULT_VERSION = "1.9.6"
"""The server version assumed when none is given: the latest release (``APP_VERSION_STABLE``)."""


KINDS = ("server", "strict", "policy")
"""The kinds of :class:`QueryError`, in the order a list reports them."""


# --------------------------------------------------------------------------------------------------------
# Errors


class QueryError(ValidationError):
    """One problem with one query (or with the list, when ``index`` is None).

    ``kind`` says whose rule it is, one of :data:`KINDS`: ``"server"`` (the server refuses the list with this
    problem: ``message`` is its exact text, ``error_type`` its error type, such as
    ``general_query_invalid``, and ``status`` its HTTP status), ``"strict"`` (appwrite_dsl's deliberate
    strictness: the server would accept the text but read it the way the message says, or the query cannot be
    written in that version's syntax; the message is appwrite_dsl's) or ``"policy"`` (the application's
    :class:`Policy`). A problem the server refuses is never ``"strict"``.
    ``position``/``end`` span the culprit inside ``source``, the query's text.
    ``stage`` says which step of the server refuses it (``"param"``, ``"parse"``, ``"cursor"``,
    ``"validator"``, ``"convert"``, ``"find"``; None for the other kinds).

    A query reader's :class:`~appwrite_dsl.errors.InvalidQuery` says whose refusal it is in the same words
    (``stage`` ``"decode"`` or ``"parse"``, ``status``): one with a stage is reported here as a ``"server"``
    problem at stage ``"parse"``; one without is appwrite_dsl's own, a ``"strict"`` problem unless the server
    refuses the text in another way.
    """

    kind: str  # never None here, unlike ParseError.kind

    def __init__(
        self,
        message: str,
        source: str,
        position: int = 0,
        end: int | None = None,
        *,
        index: int | None = None,
        kind: str = "server",
        error_type: str | None = None,
        stage: str | None = None,
    ) -> None:
        super().__init__(message, source, position, end, index=index)
        self.kind = kind
        self.error_type = error_type
        self.stage = stage

    @property
    def status(self) -> int | None:
        """The HTTP status the server answers with (400, or 500 for an uncaught PHP TypeError); None for a
        problem of another kind."""
        if self.kind != "server":
            return None
        return 500 if self.error_type == "general_unknown" else 400

    def __reduce__(self) -> tuple[Any, ...]:
        state = {"index": self.index, "kind": self.kind, "error_type": self.error_type, "stage": self.stage}
        return (_rebuild, (type(self), (self.message, self.source, self.position, self.end), state))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, index={self.index}, kind={self.kind!r})"


def _rebuild(cls: type[QueryError], parts: tuple[str, str, int, int], state: dict[str, Any]) -> QueryError:
    return cls(*parts, **state)


class QueryValidationError(ValidationError):
    """The queries break the server's rules or the policy: ``errors`` lists every :class:`QueryError`, in
    the order the server meets them; this error's own message, index, source and span are the first one's
    (what the server answers), and so are ``kind`` and ``error_type``."""

    kind: str

    def __init__(self, errors: Sequence[QueryError]) -> None:
        if not errors:
            raise ValueError("QueryValidationError needs at least one error")
        first = errors[0]
        super().__init__(first.message, first.source, first.position, first.end, index=first.index)
        self.errors: list[QueryError] = list(errors)
        self.kind = first.kind
        self.error_type = first.error_type
        self.stage = first.stage

    def __reduce__(self) -> tuple[Any, ...]:
        return (QueryValidationError, (self.errors,))

    def __repr__(self) -> str:
        return f"QueryValidationError({self.message!r}, index={self.index}, errors={len(self.errors)})"


_ENDPOINTS: dict[str, Mapping[str, Endpoint]] = {}


def endpoints(server_version: str = DEFAULT_VERSION) -> Mapping[str, Endpoint]:
    """The built-in list endpoints' presets for a server version, by name (``"users"``, ``"fileTokens"``,
    ``"vcsRepositories"``, ...: the server's validator class names with a lower-case first letter).

    Only the table of 1.9.6 (and main) is shipped so far; other versions get it too, so for endpoints
    whose attributes changed the preset may differ from that version's server (docs/validation.md).

    >>> sorted(endpoints())[:5]
    ['attributes', 'branches', 'buckets', 'collections', 'columns']
    >>> [a.key for a in endpoints()["teams"].attributes]
    ['name', 'total']
    """
    number = _validation.version_number(server_version)
    version, table = _presets.table(number)
    presets = _ENDPOINTS.get(version)
    if presets is None:
        built = {name: endpoint_preset(name, version, data) for name, data in table.items()}
        presets = _ENDPOINTS[version] = MappingProxyType(built)
    return presets


def endpoint(name: str, server_version: str = DEFAULT_VERSION) -> Endpoint:
    """One endpoint's preset; ValueError naming the known ones for any other name."""
    return _preset(name, server_version)


def _preset(name: str, server_version: str) -> Endpoint:
    presets = endpoints(server_version)
    found = presets.get(name)
    if found is None:
        raise ValueError(f"Expected a list endpoint ({', '.join(sorted(presets))}), found {name!r}")
    return found


# --------------------------------------------------------------------------------------------------------
# Validating


class Validator:
    """Validation against one target, server version and policy, set up once for many lists.

    >>> validator = Validator(endpoint="users", policy=Policy(max_limit=100))
    >>> limit = '{"method":"limit","values":[50]}'
    >>> for query in validator.validate([Query.equal("email", "a@example.com"), limit]):
    ...     print(query)
    {"method":"equal","attribute":"email","values":["a@example.com"]}
    {"method":"limit","values":[50]}
    >>> [e.message for e in validator.check([Query.equal("status", "true")])]
    ['Invalid `queries` param: Invalid query: Query value is invalid for attribute "status"']
    """

    __slots__ = ("_rules", "_target", "deployment", "policy", "server_version", "target")

    def __init__(
        self,
        *,
        schema: Schema | None = None,
        endpoint: str | Endpoint | None = None,
        server_version: str = DEFAULT_VERSION,
        policy: Policy | None = None,
        deployment: Deployment | None = None,
    ) -> None:
        if (schema is None) == (endpoint is None):
            raise TypeError(
                "Validator needs either schema= (a collection or table) or endpoint= (a list endpoint)"
            )
        if server_version == CLOUD and schema is None:
            raise ValueError(
                f"server_version {CLOUD!r} is known for the document and row endpoints only (schema=)"
            )
        profile = _validation.profile("1.9.6" if server_version == CLOUD else server_version)
        if schema is not None:
            if not isinstance(schema, Schema):
                raise TypeError(f"schema must be a Schema, not {type(schema).__name__}")
            self.target: Schema | Endpoint = schema
        else:
            self.target = endpoint if isinstance(endpoint, Endpoint) else _preset(endpoint, server_version)  # type: ignore[arg-type]
        if policy is not None and not isinstance(policy, Policy):
            raise TypeError(f"policy must be a Policy, not {type(policy).__name__}")
        if deployment is None:
            deployment = DEFAULT_DEPLOYMENT
        elif not isinstance(deployment, Deployment):
            raise TypeError(f"deployment must be a Deployment, not {type(deployment).__name__}")
        self.deployment = deployment
        self._target = self.target._target(profile, deployment)
        self.server_version = server_version
        self.policy = policy
        self._rules = policy

    def check(self, queries: Iterable[QueryLike]) -> list[QueryError]:
        """Every problem, in the order the server meets them; an empty list when all is well."""
        return self._run(queries)[1]

    def validate(self, queries: Iterable[QueryLike]) -> list[Query]:
        """The parsed queries, or :class:`QueryValidationError` listing every problem."""
        parsed, errors = self._run(queries)
        if errors:
            raise QueryValidationError(errors)
        return parsed  # type: ignore[return-value]

    def _run(self, queries: Iterable[QueryLike]) -> tuple[list[Query | None], list[QueryError]]:
        items: list[object] | None
        if isinstance(queries, (str, bytes, Query)):
            items = None  # the server's parameter check refuses a value that is not an array
        elif isinstance(queries, Mapping):
            items = list(queries.values())  # PHP reads a JSON object as an array of its members' values
        else:
            try:
                items = list(queries)
            except TypeError:
                items = None
        if self.server_version == CLOUD:
            parsed, issues = _validation.run_cloud(items, self._target.max_length, self._rules)
        else:
            run = _validation.Run(items, self._target, self._rules)
            parsed, issues = run.queries, run.issues
        errors = [
            QueryError(
                issue.message,
                issue.source,
                issue.start,
                issue.end,
                index=issue.item,
                kind=issue.kind,
                error_type=issue.error_type,
                stage=issue.stage,
            )
            for issue in issues
        ]
        return parsed, errors


def validate(
    queries: Iterable[QueryLike],
    *,
    schema: Schema | None = None,
    endpoint: str | Endpoint | None = None,
    server_version: str = DEFAULT_VERSION,
    policy: Policy | None = None,
    deployment: Deployment | None = None,
) -> list[Query]:
    """Validate a ``queries`` parameter as the server of ``server_version`` does, for a collection or
    table ``schema`` (document and row endpoints) or a list ``endpoint`` (``"users"``, ...), then against
    the ``policy``. Returns the parsed queries; raises :class:`QueryValidationError`."""
    return Validator(
        schema=schema, endpoint=endpoint, server_version=server_version, policy=policy, deployment=deployment
    ).validate(queries)


def check(
    queries: Iterable[QueryLike],
    *,
    schema: Schema | None = None,
    endpoint: str | Endpoint | None = None,
    server_version: str = DEFAULT_VERSION,
    policy: Policy | None = None,
    deployment: Deployment | None = None,
) -> list[QueryError]:
    """:func:`validate` without raising: the list of problems, empty when the server accepts the list."""
    return Validator(
        schema=schema, endpoint=endpoint, server_version=server_version, policy=policy, deployment=deployment
    ).check(queries)
