"""Long query lists: ``GET`` with ``queries[N]`` while the URL fits, ``POST …/query`` past it.

A list route (rows, documents) reads its queries from the URL, and URLs have a limit. Appwrite takes
4096 characters as the maximum URL length (``APP_LIMIT_ARRAY_ELEMENT_SIZE = 4096``, "Default maximum length
of element in array parameter represented by maximum URL length", ``app/init/constants.php`` of
appwrite/appwrite), the commit that adds the routes below says "URL query strings cap list queries around
4096 characters", and proxies in front of a server commonly refuse request lines past 4 to 8 KB. So
Appwrite added a ``POST`` twin of each list route, ``createQuery``, which takes the same parameters as a
JSON body:

========================================  ================================================
``GET`` list route                        ``POST`` twin (``createQuery`` in the Python SDK 27)
========================================  ================================================
``/tablesdb/{db}/tables/{table}/rows``    ``/tablesdb/{db}/tables/{table}/rows/query``
``/databases/{db}/collections/{c}/documents``   ``/databases/{db}/collections/{c}/documents/query``
``/documentsdb/{db}/collections/{c}/documents`` ``/documentsdb/{db}/collections/{c}/documents/query``
``/vectorsdb/{db}/collections/{c}/documents``   ``/vectorsdb/{db}/collections/{c}/documents/query``
========================================  ================================================

No release has them yet: 1.9.6 (``APP_VERSION_STABLE`` of appwrite/appwrite main at 0cefd061, 2026-08-21)
has none; the vectorsdb route is on main since d54c758122 (2026-07-22), the other three on the branch
``feat-create-query`` (6b992222b6, "URL query strings cap list queries around 4096 characters"), and the
Python SDK 27 already calls all four (``create_query``). :func:`list_request` therefore uses the ``POST``
form only for a ``server_version`` after 1.9.6.

>>> signer = Signer("https://cloud.appwrite.io/v1", "my-project")
>>> rows = "/tablesdb/db/tables/books/rows"
>>> limit = '{"method":"limit","values":[5]}'
>>> short = list_request(signer, rows, {"queries": [limit]}, server_version="1.9.6")
>>> short.method, short.url.split("?")[0]
('GET', 'https://cloud.appwrite.io/v1/tablesdb/db/tables/books/rows')
>>> long = list_request(signer, rows, {"queries": ["x" * 5000]}, server_version="1.10.0")
>>> long.method, long.url
('POST', 'https://cloud.appwrite.io/v1/tablesdb/db/tables/books/rows/query')
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Mapping
from typing import Any

from .sending import Request
from .signing import Signer

__all__ = [
    "LAST_VERSION_WITHOUT_QUERY_ROUTES",
    "MAX_URL_LENGTH",
    "has_query_routes",
    "list_request",
    "query_request",
]

MAX_URL_LENGTH = 4096
"""The longest URL :func:`list_request` sends as a ``GET`` (characters of the whole URL)."""

LAST_VERSION_WITHOUT_QUERY_ROUTES = "1.9.6"
"""The newest Appwrite release without the ``POST …/query`` routes (the newest release at all, when this
was written)."""

_LIST_ROUTES = re.compile(
    r"/(?:tablesdb/[^/]+/tables/[^/]+/rows"
    r"|(?:databases|documentsdb|vectorsdb)/[^/]+/collections/[^/]+/documents)"
)
_VERSION = re.compile(r"(\d+)\.(\d+)(?:\.(\d+))?")


def _version(text: str) -> tuple[int, int, int]:
    match = _VERSION.fullmatch(text) if isinstance(text, str) else None
    if match is None:
        raise ValueError(f"Expected an Appwrite server version such as '1.9.6', found {text!r}")
    return (int(match[1]), int(match[2]), int(match[3] or 0))


def has_query_routes(server_version: str) -> bool:
    """Whether an Appwrite server of ``server_version`` (``"1.9.6"``, ``"1.10"``) has the ``POST …/query``
    list routes: a release after :data:`LAST_VERSION_WITHOUT_QUERY_ROUTES`."""
    return _version(server_version) > _version(LAST_VERSION_WITHOUT_QUERY_ROUTES)


def _json_value(value: object) -> Any:
    """A parameter as the SDK puts it in a JSON body: queries (any object) by ``str()``, enums by value."""
    if isinstance(value, enum.Enum):
        value = value.value
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (list, tuple)):
        return [_json_value(item) for item in value]
    if isinstance(value, Mapping):
        return {str(key): _json_value(item) for key, item in value.items()}
    return str(value)


def _list_route(path: str) -> str:
    route = path.rstrip("/")
    if not _LIST_ROUTES.fullmatch(route):
        raise ValueError(
            f"{path!r} is not a list route with a POST …/query twin (/tablesdb/<db>/tables/<table>/rows "
            "or /<databases|documentsdb|vectorsdb>/<db>/collections/<collection>/documents)"
        )
    return route


def query_request(signer: Signer, path: str, params: Mapping[str, object] | None = None) -> Request:
    """The ``POST <path>/query`` request (``createQuery``) for the list route ``path``, with ``params``
    (``queries``, ``transactionId``, ``total``, ``ttl``) as the JSON body, byte for byte as the Python
    SDK 27 encodes it (``json.dumps`` defaults; ``None`` values left out); signed for the endpoint."""
    route = _list_route(path)
    body = {name: _json_value(value) for name, value in (params or {}).items() if value is not None}
    data = json.dumps(body).encode()
    headers = signer.headers()
    headers["Content-Type"] = "application/json"
    headers["Content-Length"] = str(len(data))
    return Request("POST", signer.url(f"{route}/query"), headers, (data,))


def list_request(
    signer: Signer,
    path: str,
    params: Mapping[str, object] | None = None,
    *,
    server_version: str,
    max_url_length: int = MAX_URL_LENGTH,
) -> Request:
    """The request that lists ``path`` with ``params``: ``GET`` with the parameters in the URL while the
    URL has at most ``max_url_length`` characters, else the ``POST …/query`` form
    (:func:`query_request`) when ``server_version`` has it (:func:`has_query_routes`). For an older
    server a URL past the limit raises ValueError: no request would be answered."""
    url = signer.url(path, params)
    if len(url) <= max_url_length:
        return Request("GET", url, signer.headers())
    if not has_query_routes(server_version):
        raise ValueError(
            f"The URL has {len(url)} characters, more than {max_url_length}, and Appwrite "
            f"{server_version} has no POST …/query route (releases after "
            f"{LAST_VERSION_WITHOUT_QUERY_ROUTES} have it); send fewer or shorter queries"
        )
    return query_request(signer, path, params)
