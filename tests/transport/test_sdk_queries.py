"""Differential: the list requests we send, GET and ``POST …/query`` (createQuery), match those of the
official SDK (PyPI ``appwrite`` 27.0.0) byte for byte, through every upload sender (each over a client
that also carries its signing adapter). Same normalisation as test_sdk_requests.py; JSON bodies are
compared as bytes. (The SDK's Databases service warns that it is deprecated, with a filter of its own
that shows the warning every time.)
"""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

import pytest

from appwrite_dsl.transport import Signer, list_request, query_request

from .clients import SENDERS, send_with
from .conftest import Serve
from .servers import Captured, Reply, json_reply
from .test_sdk_requests import normalised

sdk_client = pytest.importorskip("appwrite.client")
from appwrite.query import Query  # noqa: E402
from appwrite.services.databases import Databases  # noqa: E402
from appwrite.services.documents_db import DocumentsDB  # noqa: E402
from appwrite.services.tables_db import TablesDB  # noqa: E402
from appwrite.services.vectors_db import VectorsDB  # noqa: E402

ROUTES = [
    (TablesDB, "list_rows", "/tablesdb/db1/tables/tb1/rows"),
    (Databases, "list_documents", "/databases/db1/collections/c1/documents"),
    (DocumentsDB, "list_documents", "/documentsdb/db1/collections/c1/documents"),
    (VectorsDB, "list_documents", "/vectorsdb/db1/collections/c1/documents"),
]
IDS = [service.__name__ for service, _, _ in ROUTES]


def lists(request: Captured) -> Reply:
    return json_reply(200, {"total": 0, "rows": [], "documents": []})


def queries(values: int) -> list[Any]:
    return [Query.equal("name", ["a b", "é ✓", *(f"value-{i:05d}" for i in range(values))]), Query.limit(5)]


@pytest.mark.parametrize("kind", SENDERS)
@pytest.mark.parametrize(("service", "listing", "path"), ROUTES, ids=IDS)
def test_create_query_matches_the_sdk(serve: Serve, kind: str, service: Any, listing: str, path: str) -> None:
    server = serve(lists)
    endpoint = f"{server.origin}/v1"
    client = sdk_client.Client().set_endpoint(endpoint).set_project("proj").set_key("key-secret")
    client.set_locale("fr")
    params = {"queries": queries(3), "transactionId": "tx1", "total": False, "ttl": 60}
    service(client).create_query(
        path.split("/")[2],
        path.split("/")[4],
        queries=queries(3),
        transaction_id="tx1",
        total=False,
        ttl=60,
    )

    signer = Signer(endpoint, "proj", key="key-secret", locale="fr")
    assert send_with(kind, signer, query_request(signer, path, params)).status == 200

    sdk, ours = (normalised(r) for r in server.taken())
    assert ours == sdk
    assert sdk["path"] == f"/v1{path}/query"
    assert sdk["form"][0][3].startswith(b'{"queries": ["{\\"method\\":\\"equal\\"')
    assert sdk["form"][0][3].isascii()  # "é ✓" ASCII-escaped, as json.dumps writes it


@pytest.mark.parametrize("kind", ["urllib-default", "requests", "httpx-async", "aiohttp"])
@pytest.mark.parametrize("route", ROUTES, ids=IDS)
@pytest.mark.parametrize("values", [3, 400])
def test_list_request_picks_the_sdk_call_that_fits(
    serve: Serve, kind: str, route: tuple[Any, str, str], values: int
) -> None:
    """A short list goes as the SDK's list call (GET), a list past 4096 URL characters as its
    create_query call (POST), for a server that has the POST routes."""
    service, listing, path = route
    server = serve(lists)
    endpoint = f"{server.origin}/v1"
    client = sdk_client.Client().set_endpoint(endpoint).set_project("proj").set_key("key-secret")
    database, collection = path.split("/")[2], path.split("/")[4]
    call = "create_query" if values == 400 else listing
    getattr(service(client), call)(database, collection, queries=queries(values), total=False)

    signer = Signer(endpoint, "proj", key="key-secret")
    request = list_request(
        signer, path, {"queries": queries(values), "total": False}, server_version="1.10.0"
    )
    assert request.method == ("POST" if values == 400 else "GET")
    assert send_with(kind, signer, request).status == 200
    sdk, ours = (normalised(r) for r in server.taken())
    assert ours == sdk
    older = pytest.raises(ValueError, match="has no POST …/query route") if values == 400 else nullcontext()
    with older:
        assert (
            list_request(signer, path, {"queries": queries(values)}, server_version="1.9.6").method == "GET"
        )


def test_the_url_limit_is_inclusive_and_versions_are_read() -> None:
    signer = Signer("http://127.0.0.1:1/v1", "proj")
    path = "/tablesdb/db/tables/t/rows"
    base = len(signer.url(path, {"queries": [""]}))
    fits = list_request(signer, path, {"queries": ["x" * (4096 - base)]}, server_version="1.10")
    assert (fits.method, len(fits.url)) == ("GET", 4096)
    over = list_request(signer, path, {"queries": ["x" * (4097 - base)]}, server_version="1.9.7")
    assert over.method == "POST"
    assert over.content == b'{"queries": ["' + b"x" * (4097 - base) + b'"]}'
    with pytest.raises(ValueError, match="server version"):
        list_request(signer, path, {"queries": ["x" * 5000]}, server_version="latest")
    with pytest.raises(ValueError, match="not a list route"):
        query_request(signer, "/users", {"queries": []})
