"""Differential: the requests our adapters send match those of the official SDK (PyPI ``appwrite`` 27.0.0).

Both sides talk to the same local server, which records every request. Compared exactly: method, path,
``Host``, the decoded query pairs in order, every ``X-Appwrite-*``/credential header, ``Content-Range``,
``Content-Length`` of uploads, and each multipart part (name, file name, content type, bytes).

Normalised, because they legitimately differ:

* ``User-Agent`` and ``x-sdk-name``/``x-sdk-platform``/``x-sdk-language``/``x-sdk-version``: the SDK's
  identity; we are not the SDK, and each HTTP client sends its own User-Agent;
* ``Accept``, ``Accept-Encoding``, ``Connection``: set by each HTTP client (the SDK adds
  ``accept: application/json`` per call, clients send ``*/*``; Appwrite answers JSON either way);
* the multipart boundary (random per request; both sides use 32 hex digits, so lengths still match);
* ``Content-Type`` and ``Content-Length`` on GET: SDK 27 sends an empty ``content-type:`` on every GET,
  and its resume GET before a chunked upload carries an empty multipart body (``--<boundary>--``),
  an artefact of reusing the upload's headers; a GET body means nothing to the server.
"""

from __future__ import annotations

import io
from typing import Any, TypedDict

import pytest

from appwrite_dsl.transport import Signer, upload, upload_async

from .clients import ADAPTERS, SENDERS, fetch, is_async, run_with_sender
from .conftest import Appwrite, Serve
from .servers import CHUNK, Captured, json_reply, parse_multipart

sdk_client = pytest.importorskip("appwrite.client")
from appwrite.input_file import InputFile  # noqa: E402
from appwrite.query import Query  # noqa: E402
from appwrite.services.storage import Storage  # noqa: E402
from appwrite.services.tables_db import TablesDB  # noqa: E402

SDK_IDENTITY = {"user-agent", "x-sdk-name", "x-sdk-platform", "x-sdk-language", "x-sdk-version"}
CLIENT_CHOICES = {"accept", "accept-encoding", "connection"}
RANGE_START = "bytes "


def normalised(request: Captured) -> dict[str, Any]:
    headers: dict[str, str] = {}
    for name, value in request.headers:
        key = name.lower()
        if key in SDK_IDENTITY or key in CLIENT_CHOICES:
            continue
        if request.method == "GET" and key in ("content-type", "content-length"):
            continue
        if key == "content-type" and value.startswith("multipart/form-data; boundary="):
            headers[key] = "multipart/form-data; boundary=<random>"
            continue
        assert key not in headers, f"{key} sent twice"
        headers[key] = value
    form: list[tuple[str, str | None, str | None, bytes]] | None = None
    if request.method == "POST" and headers.get("content-type") == "application/json":
        form = [("<json>", None, None, request.body)]  # compared byte for byte
    elif request.method == "POST":
        parts = parse_multipart(request.body, request.header("Content-Type") or "")
        form = [(p.name, p.filename, p.content_type, bytes(p.data)) for p in parts]
    return {
        "method": request.method,
        "path": request.path,
        "query": request.query,
        "headers": headers,
        "form": form,
    }


def in_order(requests: list[Captured]) -> list[Captured]:
    """GETs first, then chunks by their first byte (the SDK sends chunks 2.. in parallel)."""

    def key(request: Captured) -> tuple[int, int]:
        content_range = request.header("Content-Range")
        start = int(content_range[len(RANGE_START) :].split("-")[0]) if content_range else -1
        return (0 if request.method == "GET" else 1, start)

    return sorted(requests, key=key)


class Credential(TypedDict, total=False):
    """One credential, as the Signer's keyword argument of the same name."""

    key: str
    jwt: str
    session: str
    cookie: str
    bearer: str


CREDENTIALS: list[tuple[str, Credential]] = [
    ("set_key", {"key": "key-secret"}),
    ("set_jwt", {"jwt": "jwt.secret.value"}),
    ("set_session", {"session": "session-secret"}),
    ("set_cookie", {"cookie": "a_session_proj=cookie-secret"}),
    ("set_bearer", {"bearer": "bearer-secret"}),
]


@pytest.mark.parametrize("kind", ADAPTERS)
@pytest.mark.parametrize(("setter", "credential"), CREDENTIALS, ids=[c[0] for c in CREDENTIALS])
def test_a_list_call_matches_the_sdk(serve: Serve, kind: str, setter: str, credential: Credential) -> None:
    server = serve(lambda request: json_reply(200, {"total": 0, "rows": []}))
    endpoint = f"{server.origin}/v1"
    client = sdk_client.Client().set_endpoint(endpoint).set_project("proj").set_locale("fr")
    getattr(client, setter)(next(iter(credential.values())))
    TablesDB(client).list_rows(
        "db1", "tb1", queries=[Query.equal("name", ["a b", "c&d=e"]), Query.limit(5)], total=False
    )

    signer = Signer(endpoint, "proj", locale="fr", **credential)
    # Query objects and plain strings are both taken for their wire form
    queries = [Query("equal", "name", ["a b", "c&d=e"]), Query.limit(5)]
    url = signer.url("/tablesdb/db1/tables/tb1/rows", {"queries": queries, "total": False})
    assert fetch(kind, signer, "GET", url) == 200

    sdk, ours = (normalised(r) for r in server.taken())
    assert ours == sdk
    assert sdk["query"] == [
        ("queries[0]", '{"method":"equal","attribute":"name","values":["a b","c&d=e"]}'),
        ("queries[1]", '{"method":"limit","values":[5]}'),
        ("total", "false"),
    ]
    assert set(sdk["headers"]) == {
        "host",
        "x-appwrite-project",
        "x-appwrite-response-format",
        "x-appwrite-locale",
        next(
            iter(
                signer.headers().keys()
                - {"X-Appwrite-Project", "X-Appwrite-Response-Format", "X-Appwrite-Locale"}
            )
        ).lower(),
    }


PERMISSIONS = ['read("any")', 'update("user:u1")']


@pytest.mark.parametrize("kind", SENDERS)
@pytest.mark.parametrize("size", [1024, 2 * CHUNK + 7])
def test_an_upload_matches_the_sdk(appwrite: Appwrite, kind: str, size: int) -> None:
    data = (
        bytes((i * 7 + size) % 251 for i in range(size))
        if size < CHUNK
        else (b"0123456789abcdef" * (size // 16 + 1))[:size]
    )
    client = sdk_client.Client().set_endpoint(appwrite.endpoint).set_project("proj").set_key("secret")
    Storage(client).create_file(
        "bkt", "file-1", InputFile.from_bytes(data, "blob.bin"), permissions=PERMISSIONS
    )
    assert appwrite.fake.files["file-1"].content() == data
    sdk = [normalised(r) for r in in_order(appwrite.server.taken())]

    appwrite.fake.files.clear()
    appwrite.server.requests.clear()
    options: dict[str, Any] = {
        "filename": "blob.bin",
        "file_id": "file-1",
        "params": {"permissions": PERMISSIONS},
    }
    path = "/storage/buckets/bkt/files"
    if is_async(kind):

        async def job(send: Any) -> Any:
            return await upload_async(appwrite.signer, path, io.BytesIO(data), send=send, **options)

    else:

        def job(send: Any) -> Any:  # type: ignore[misc]
            return upload(appwrite.signer, path, io.BytesIO(data), send=send, **options)

    run_with_sender(kind, appwrite.signer, job)
    assert appwrite.fake.files["file-1"].content() == data
    ours = [normalised(r) for r in in_order(appwrite.server.taken())]

    assert ours == sdk
    chunked = size > CHUNK
    assert [r["method"] for r in sdk] == (["GET", "POST", "POST", "POST"] if chunked else ["POST"])
    assert [r["headers"].get("content-range") for r in sdk if r["method"] == "POST"] == (
        ["bytes 0-5242879/10485767", "bytes 5242880-10485759/10485767", "bytes 10485760-10485766/10485767"]
        if chunked
        else [None]
    )
    assert {r["headers"].get("x-appwrite-id") for r in sdk if r["method"] == "POST"} == (
        {"file-1"} if chunked else {None}
    )
    assert [name for name, *_ in sdk[-1]["form"]] == ["fileId", "permissions[0]", "permissions[1]", "file"]


def test_with_unique_the_sdk_sends_a_header_the_server_refuses_and_we_do_not(appwrite: Appwrite) -> None:
    """The one intended difference: given ``unique()``, SDK 27 sends the literal as
    ``x-appwrite-id`` on the first chunk, which the server refuses; we send a generated ID."""
    from appwrite.exception import AppwriteException

    data = b"x" * (CHUNK + 1)
    client = sdk_client.Client().set_endpoint(appwrite.endpoint).set_project("proj").set_key("secret")
    with pytest.raises(AppwriteException) as raised:
        Storage(client).create_file("bkt", "unique()", InputFile.from_bytes(data, "blob.bin"))
    assert raised.value.type == "storage_invalid_appwrite_id"
    assert [r.header("x-appwrite-id") for r in appwrite.server.taken() if r.method == "POST"] == ["unique()"]

    result = upload(
        appwrite.signer, "/storage/buckets/bkt/files", data, filename="blob.bin", file_id="unique()"
    )
    assert appwrite.fake.files[result.id].content() == data
    assert [r.header("x-appwrite-id") for r in appwrite.server.taken() if r.method == "POST"][1:] == [
        result.id
    ] * 2
