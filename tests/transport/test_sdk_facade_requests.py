"""The drop-in, as an SDK user meets it: the official SDK 27's service methods, and plain HTTP clients, send
byte-identical requests whether the queries and permissions come from ``appwrite`` or ``appwrite_dsl.sdk``.

Each call runs twice against the same local server (127.0.0.1, started by the test), first with the SDK's
builders and then with ours; the server compares method, path, query string and body byte for byte.
Normalised: the multipart boundary (random per request) and the client-identity headers
(``User-Agent``, ``x-sdk-*``), as in test_sdk_requests.py.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
from types import SimpleNamespace
from typing import Any, Callable
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from appwrite_dsl import sdk

from .conftest import Serve
from .servers import Captured, LocalServer, json_reply

sdk_client = pytest.importorskip("appwrite.client")
import appwrite.id  # noqa: E402
import appwrite.permission  # noqa: E402
import appwrite.query  # noqa: E402
import appwrite.role  # noqa: E402
from appwrite.input_file import InputFile  # noqa: E402
from appwrite.services.databases import Databases  # noqa: E402
from appwrite.services.storage import Storage  # noqa: E402
from appwrite.services.tables_db import TablesDB  # noqa: E402

THEIRS = SimpleNamespace(
    Query=appwrite.query.Query, Permission=appwrite.permission.Permission, Role=appwrite.role.Role
)
OURS = SimpleNamespace(Query=sdk.Query, Permission=sdk.Permission, Role=sdk.Role)
IDENTITY = {"user-agent", "x-sdk-name", "x-sdk-platform", "x-sdk-language", "x-sdk-version"}

# One body the SDK's response models all accept (Row, RowList, Document, File).
REPLY = {
    "$id": "r1",
    "$sequence": "1",
    "$tableId": "t1",
    "$collectionId": "c1",
    "$databaseId": "db1",
    "$createdAt": "2026-01-01T00:00:00.000+00:00",
    "$updatedAt": "2026-01-01T00:00:00.000+00:00",
    "$permissions": [],
    "total": 0,
    "rows": [],
    "documents": [],
    "bucketId": "b1",
    "name": "blob.bin",
    "folder": "",
    "key": "",
    "signature": "",
    "mimeType": "application/octet-stream",
    "sizeOriginal": 5,
    "sizeActual": 5,
    "chunksTotal": 1,
    "chunksUploaded": 1,
    "encryption": False,
    "compression": "none",
}


def wire(request: Captured) -> tuple[str, str, bytes, list[tuple[str, str]]]:
    """What the server received: method, target (path and query string), body and headers, normalised."""
    body, headers = request.body, []
    for name, value in request.headers:
        key = name.lower()
        if key in IDENTITY:
            continue
        if key == "content-type" and value.startswith("multipart/form-data; boundary="):
            body = body.replace(value.split("boundary=", 1)[1].encode(), b"<boundary>")
            headers.append((key, "multipart/form-data; boundary=<boundary>"))
        else:
            headers.append((key, value))
    return (request.method, request.target, body, headers)


def twice(server: LocalServer, call: Callable[[Any], object]) -> list[tuple[str, str, bytes, Any]]:
    """Run ``call`` with the SDK's builders, then with ours; the requests must be the same bytes."""
    call(THEIRS)
    theirs = [wire(r) for r in server.taken()]
    server.requests.clear()
    call(OURS)
    ours = [wire(r) for r in server.taken()]
    assert ours == theirs
    assert theirs
    return theirs


@pytest.fixture
def server(serve: Serve) -> LocalServer:
    return serve(lambda request: json_reply(200, REPLY))


def client(server: LocalServer) -> Any:
    return sdk_client.Client().set_endpoint(f"{server.origin}/v1").set_project("proj").set_key("secret")


def test_tables_create_row(server: LocalServer) -> None:
    def call(lib: Any) -> None:
        TablesDB(client(server)).create_row(
            "db1",
            "t1",
            appwrite.id.ID.custom("row-1"),
            {"x": 1, "title": 'He said "hi"'},
            permissions=[
                lib.Permission.read(lib.Role.any()),
                lib.Permission.update(lib.Role.user("u1", "verified")),
                lib.Permission.delete(lib.Role.team("t1", "owner")),
                lib.Permission.write(lib.Role.label("vip")),
            ],
        )

    [(method, target, body, _)] = twice(server, call)
    assert (method, target) == ("POST", "/v1/tablesdb/db1/tables/t1/rows")
    assert json.loads(body)["permissions"][0] == 'read("any")'


def test_tables_update_rows(server: LocalServer) -> None:
    def call(lib: Any) -> None:
        TablesDB(client(server)).update_rows(
            "db1",
            "t1",
            data={"x": 1},
            queries=[
                lib.Query.equal("a", "x"),
                lib.Query.or_queries([lib.Query.greater_than("n", 1.5), lib.Query.is_null("m")]),
                lib.Query.contains("tags", ["a b", "c&d=e", "ü"]),
            ],
        )

    [(method, _, body, _)] = twice(server, call)
    assert method == "PATCH"
    assert json.loads(body)["queries"][0] == '{"method":"equal","attribute":"a","values":["x"]}'


def test_tables_list_rows(server: LocalServer) -> None:
    def call(lib: Any) -> None:
        queries = [
            lib.Query.equal("name", ["a b", "c&d=e"]),
            lib.Query.select(["$id", "name"]),
            lib.Query.order_desc("$createdAt"),
            *lib.Query.page(3, 10),
        ]
        TablesDB(client(server)).list_rows("db1", "t1", queries=queries, total=False)
        builder = lib.Query.builder().equal("a", 1).cursor_after("r1").limit(5)
        TablesDB(client(server)).list_rows("db1", "t1", queries=builder.build())

    first, second = twice(server, call)
    assert first[0] == second[0] == "GET"
    assert "queries%5B4%5D=%7B%22method%22%3A%22offset%22%2C%22values%22%3A%5B20%5D%7D" in first[1]
    assert second[1].count("queries%5B") == 3


def test_databases_create_document(server: LocalServer) -> None:
    def call(lib: Any) -> None:
        with pytest.warns(DeprecationWarning, match="Please use `tablesDB.create_row` instead"):
            Databases(client(server)).create_document(
                "db1",
                "c1",
                "unique()",
                {"n": 2},
                permissions=[
                    lib.Permission.read(lib.Role.users()),
                    lib.Permission.update(lib.Role.member("m1")),
                ],
            )

    [(method, target, _, _)] = twice(server, call)
    assert (method, target) == ("POST", "/v1/databases/db1/collections/c1/documents")


def test_storage_create_file(server: LocalServer) -> None:
    def call(lib: Any) -> None:
        Storage(client(server)).create_file(
            "b1",
            "file-1",
            InputFile.from_bytes(b"hello", "blob.bin"),
            permissions=[
                lib.Permission.read(lib.Role.guests()),
                lib.Permission.delete(lib.Role.users("unverified")),
            ],
        )

    [(method, target, body, _)] = twice(server, call)
    assert (method, target) == ("POST", "/v1/storage/buckets/b1/files")
    assert b'name="permissions[1]"\r\n\r\ndelete("users/unverified")\r\n' in body


# ---------------------------------------------------------------- plain HTTP clients, query and JSON body


def values(lib: Any) -> tuple[list[str], dict[str, Any]]:
    queries = [lib.Query.equal("title", "Iron Man & co"), lib.Query.limit(5)]
    body = {"permissions": [lib.Permission.read(lib.Role.any())], "queries": queries}
    return queries, body


def send_urllib(origin: str, lib: Any) -> None:
    queries, body = values(lib)
    url = f"{origin}/v1/rows?" + urlencode({"queries[]": queries}, doseq=True)
    with urllib.request.urlopen(url, timeout=10) as response:
        response.read()
    request = urllib.request.Request(
        f"{origin}/v1/rows", data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        response.read()


def send_requests(origin: str, lib: Any) -> None:
    requests = pytest.importorskip("requests")
    queries, body = values(lib)
    requests.get(f"{origin}/v1/rows", params={"queries[]": queries}, timeout=10).raise_for_status()
    requests.post(f"{origin}/v1/rows", json=body, timeout=10).raise_for_status()


def send_httpx(origin: str, lib: Any) -> None:
    httpx = pytest.importorskip("httpx")
    queries, body = values(lib)
    httpx.get(f"{origin}/v1/rows", params={"queries[]": queries}).raise_for_status()
    httpx.post(f"{origin}/v1/rows", json=body).raise_for_status()


def send_aiohttp(origin: str, lib: Any) -> None:
    aiohttp = pytest.importorskip("aiohttp")
    queries, body = values(lib)

    async def run() -> None:
        async with aiohttp.ClientSession() as session:
            params = [("queries[]", query) for query in queries]
            async with session.get(f"{origin}/v1/rows", params=params) as response:
                response.raise_for_status()
            async with session.post(f"{origin}/v1/rows", json=body) as response:
                response.raise_for_status()

    asyncio.run(run())


@pytest.mark.parametrize("send", [send_urllib, send_requests, send_httpx, send_aiohttp])
def test_http_clients_send_the_same_bytes(server: LocalServer, send: Callable[[str, Any], None]) -> None:
    get, post = twice(server, lambda lib: send(server.origin, lib))
    assert parse_qsl(urlsplit(get[1]).query) == [
        ("queries[]", '{"method":"equal","attribute":"title","values":["Iron Man & co"]}'),
        ("queries[]", '{"method":"limit","values":[5]}'),
    ]
    assert json.loads(post[2])["permissions"] == ['read("any")']
