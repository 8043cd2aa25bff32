"""Reading a ``queries`` parameter from any web framework's query parameters, as the server reads it.

Clients send a list three ways: ``queries[0]=…&queries[1]=…`` (every Appwrite SDK),
``queries[]=…&queries[]=…`` (the REST documentation) and ``queries=…&queries=…`` (``requests``, ``httpx``
and browsers' ``URLSearchParams`` given a list). :func:`read_queries` takes the parameters in whatever
form the framework holds them and returns the list, in the order the server would validate it:

>>> read_queries("queries[1]=b&queries[0]=a&queries[]=c")
['b', 'a', 'c']
>>> read_queries([("queries[0]", "a"), ("queries[0]", "A"), ("queries[5]", "f"), ("limit", "9")])
['A', 'f']
>>> read_queries({"queries": ['{"method":"limit","values":[5]}']})
['{"method":"limit","values":[5]}']

The bracket forms follow PHP, which the server runs on: an item is placed at its key (later pairs for the
same key replace the value and keep its place), ``[]`` appends after the largest integer key so far, and
the server validates the items in that order, gaps and all (``_php_params`` has the rules, with their
sources). A bare ``queries=…`` is read as ``queries[]=…``: PHP would keep only the last one, as a string,
and refuse it (``Value must a valid array``), but it is what most HTTP clients write for a list. Pass the
result to :func:`appwrite_dsl.validate.validate`; :func:`error_body` turns its error into the JSON of a 400
answer in Appwrite's shape.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Union
from urllib.parse import unquote_plus

from . import _php_params, _validation
from ._web import error_body
from .validate import QueryError, QueryValidationError

__all__ = ["Params", "error_body", "parameter_pairs", "read_queries"]

Params = Union[str, bytes, Mapping[str, Any], Iterable[tuple[str, str]]]
"""A raw query string (without ``?``), a multi-dict (Starlette's ``QueryParams``, Werkzeug's and Flask's
``MultiDict``, Django's ``QueryDict``), a mapping of names to a value or a list of values
(``parse_qs``), or ``(name, value)`` pairs (``parse_qsl``)."""


def parameter_pairs(params: Params) -> list[tuple[str, str]]:
    """The decoded ``(name, value)`` pairs of ``params``, in the order the request gave them when the
    container keeps it (a raw string, Starlette's ``multi_items()``, pairs); Werkzeug's and Django's
    multi-dicts and plain mappings group the values by name, in the order names first appeared."""
    if isinstance(params, bytes):
        params = params.decode("utf-8", "surrogateescape")
    if isinstance(params, str):
        return [_split(part) for part in params.split("&") if part]
    multi_items = getattr(params, "multi_items", None)
    if callable(multi_items):  # Starlette, FastAPI
        return [(str(key), str(value)) for key, value in multi_items()]
    lists = getattr(params, "lists", None)
    if callable(lists):  # Werkzeug (Flask), Django
        return [(str(key), str(value)) for key, values in lists() for value in values]
    if isinstance(params, Mapping):
        pairs: list[tuple[str, str]] = []
        for key, value in params.items():
            values = value if isinstance(value, (list, tuple)) else (value,)
            pairs.extend((str(key), str(item)) for item in values)
        return pairs
    return [(str(key), str(value)) for key, value in params]


def _split(part: str) -> tuple[str, str]:
    """One ``name=value`` of a query string, decoded as PHP's ``php_url_decode`` does (``+`` is a space;
    invalid UTF-8 is kept as surrogate escapes, which the query parsers refuse)."""
    key, _, value = part.partition("=")
    return (
        unquote_plus(key, errors="surrogateescape"),
        unquote_plus(value, errors="surrogateescape"),
    )


def read_queries(params: Params, name: str = "queries") -> list[str]:
    """The list the server reads from the ``name`` parameter of ``params`` (see the module's text); an
    empty list when there is none. An item that PHP reads as an array (``queries[0][x]=…``) is refused
    with :class:`~appwrite_dsl.validate.QueryValidationError`, as the server refuses it."""
    pairs = parameter_pairs(params)
    found = _php_params.read_variable(pairs, name, bare_appends=True)
    if found is None:
        return []
    if isinstance(found, str):  # a name whose first bracket is unclosed: PHP's plain variable
        return [found]
    texts: list[str] = []
    errors: list[QueryError] = []
    for index, (key, value) in enumerate(found.items.items()):
        if isinstance(value, str):
            texts.append(value)
            continue
        source = _first_key(pairs, name, key)
        errors.append(
            QueryError(
                _validation.PARAM + _validation.array_text(_validation.QUERY_LENGTH),
                source,
                len(name),
                len(source),
                index=index,
                kind=_validation.SERVER,
                error_type="general_argument_invalid",
                stage="param",
            )
        )
    if errors:
        raise QueryValidationError(errors)
    return texts


def _first_key(pairs: list[tuple[str, str]], name: str, key: _php_params.Key) -> str:
    """The first parameter name that wrote below ``name[key]``, to show in an error."""
    wanted = f"{name}[{key}]["
    for written, _ in pairs:
        if written.lstrip(" ").startswith(wanted):
            return written
    return f"{name}[{key}]"
