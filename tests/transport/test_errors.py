"""One error family: every sender's network failures arrive as NetworkError, and every adapter raises
AppwriteError for an error answer when asked (``raise_on_error=True``)."""

from __future__ import annotations

import http.client
import io
from typing import Any

import pytest

from appwrite_dsl.transport import (
    AppwriteError,
    ChunkedUpload,
    NetworkError,
    Retry,
    Signer,
    TransportError,
    upload,
    upload_async,
)

from .clients import ADAPTERS, SENDERS, fetch, is_async, run_with_sender
from .conftest import Appwrite, Serve
from .servers import CHUNK, Captured, Reply, error_reply, json_reply
from .test_adapters import NOW, RateLimited

LIMITS = [("X-RateLimit-Limit", "60"), ("X-RateLimit-Remaining", "59"), ("X-RateLimit-Reset", "1700000000")]


def not_found(request: Captured) -> Reply:
    if request.path.startswith("/v1/missing"):
        body = {
            "message": "Table with the requested ID could not be found.",
            "code": 404,
            "type": "table_not_found",
        }
        return json_reply(404, {**body, "version": "1.9.6"}, LIMITS)
    if request.path.startswith("/v1/hop"):
        return (302, [("Location", "/v1/ok")], b"")
    return json_reply(200, {"ok": True})


@pytest.mark.parametrize("kind", ADAPTERS)
def test_raise_on_error_raises_the_parsed_answer(serve: Serve, kind: str) -> None:
    server = serve(not_found)
    signer = Signer(f"{server.origin}/v1", "proj", key="k")
    with pytest.raises(AppwriteError) as raised:
        fetch(kind, signer, "GET", f"{server.origin}/v1/missing/rows", raise_on_error=True)
    error = raised.value
    assert isinstance(error, TransportError)
    assert (error.status, error.code, error.type, error.version) == (404, 404, "table_not_found", "1.9.6")
    assert error.message == "Table with the requested ID could not be found."
    assert error.rate_limit is not None
    assert (error.rate_limit.limit, error.rate_limit.remaining, error.rate_limit.reset) == (
        60,
        59,
        1_700_000_000,
    )
    assert error.headers["x-ratelimit-limit"] == "60"
    assert len(server.taken()) == 1


@pytest.mark.parametrize("kind", ADAPTERS)
def test_raise_on_error_waits_for_the_retries(serve: Serve, kind: str) -> None:
    server = serve(RateLimited(100))
    signer = Signer(f"{server.origin}/v1", "proj", key="k")
    slept: list[float] = []
    retry = Retry(attempts=2, sleep=slept.append, clock=lambda: NOW)
    with pytest.raises(AppwriteError) as raised:
        fetch(kind, signer, "GET", f"{server.origin}/v1/account", retry=retry, raise_on_error=True)
    assert (raised.value.status, raised.value.type) == (429, "general_rate_limit_exceeded")
    assert raised.value.rate_limit is not None and raised.value.rate_limit.remaining == 0
    assert slept == [5.0, 5.0]
    assert len(server.taken()) == 3


@pytest.mark.parametrize("kind", ADAPTERS)
def test_raise_on_error_leaves_other_origins_and_successes_alone(serve: Serve, kind: str) -> None:
    a, b = serve(not_found), serve(not_found)
    signer = Signer(f"{a.origin}/v1", "proj", key="k")
    assert fetch(kind, signer, "GET", f"{b.origin}/v1/missing/rows", raise_on_error=True) == 404
    assert fetch(kind, signer, "GET", f"{a.origin}/v1/hop", raise_on_error=True) == 200
    assert [r.path for r in a.taken()] == ["/v1/hop", "/v1/ok"]


CAUSES: dict[str, tuple[str, str]] = {
    "urllib-default": ("builtins", "OSError"),
    "urllib-handler": ("builtins", "OSError"),
    "requests": ("requests", "RequestException"),
    "httpx": ("httpx", "TransportError"),
    "httpx-async": ("httpx", "TransportError"),
    "aiohttp": ("aiohttp", "ClientError"),
}
"""The base of the exceptions each client raises for a lost connection (``http.client`` raises
``RemoteDisconnected``, an OSError; urllib wraps failures while sending in ``URLError``, an OSError)."""


def client_base(kind: str) -> type[BaseException]:
    module, name = CAUSES[kind]
    base: type[BaseException] = getattr(pytest.importorskip(module), name)
    return base


@pytest.mark.parametrize("mode", ["drop", "cut"])
@pytest.mark.parametrize("kind", SENDERS)
def test_every_sender_raises_the_family_on_a_lost_connection(
    appwrite: Appwrite, kind: str, mode: str
) -> None:
    """``drop``: the server reads a whole chunk, then closes the connection without an answer; ``cut``:
    it resets the connection after 64 KiB of the chunk. Then the same job resumes."""
    base = client_base(kind)
    data = bytes(range(256)) * ((3 * CHUNK + 5) // 256) + b"tail!"
    appwrite.fake.fail[1] = mode
    job = ChunkedUpload(appwrite.signer, "/storage/buckets/b/files", io.BytesIO(data), filename="d.bin")

    if is_async(kind):

        async def run(send: Any) -> tuple[BaseException | None, Any]:
            try:
                await job.run_async(send)
            except TransportError as error:
                return error, await job.run_async(send)
            return None, None

    else:

        def run(send: Any) -> tuple[BaseException | None, Any]:  # type: ignore[misc]
            try:
                job.run(send)
            except TransportError as error:
                return error, job.run(send)
            return None, None

    error, result = run_with_sender(kind, appwrite.signer, run)
    assert isinstance(error, NetworkError) and isinstance(error, OSError)
    assert isinstance(error.__cause__, base), repr(error.__cause__)
    assert (error.method, error.url) == ("POST", appwrite.signer.url("/storage/buckets/b/files"))
    assert appwrite.fake.files[job.file_id].content() == data
    assert (result.chunks, result.chunks_sent) == (4, 3 if mode == "cut" else 2)
    cause = type(error.__cause__)
    print(f"\n{kind} {mode}: {cause.__module__}.{cause.__qualname__}")  # shown with -s
    if kind.startswith("urllib") and mode == "drop":
        assert isinstance(error.__cause__, http.client.RemoteDisconnected)


@pytest.mark.parametrize("kind", SENDERS)
def test_uploads_read_their_answers_through_a_raising_adapter(appwrite: Appwrite, kind: str) -> None:
    """The resume question of an upload with a given ID is answered 404 for a new file: a signing adapter
    with raise_on_error=True on the sender's client must not end the upload."""
    data = b"z" * (CHUNK + 3)
    path = "/storage/buckets/b/files"
    if is_async(kind):

        async def job(send: Any) -> Any:
            return await upload_async(
                appwrite.signer, path, data, filename="z.bin", file_id="given", send=send
            )

    else:

        def job(send: Any) -> Any:  # type: ignore[misc]
            return upload(appwrite.signer, path, data, filename="z.bin", file_id="given", send=send)

    result = run_with_sender(kind, appwrite.signer, job, raise_on_error=True)
    assert (result.id, result.chunks_sent) == ("given", 2)
    assert [r.method for r in appwrite.server.taken()] == ["GET", "POST", "POST"]
    assert appwrite.fake.files["given"].content() == data


def test_error_answers_of_uploads_are_in_the_family(serve: Serve) -> None:
    server = serve(lambda request: error_reply(503, "Service unavailable", "general_server_error"))
    signer = Signer(f"{server.origin}/v1", "proj", key="k")
    with pytest.raises(TransportError) as raised:
        upload(signer, "/storage/buckets/b/files", b"x", filename="x.bin")
    assert isinstance(raised.value, AppwriteError) and raised.value.status == 503


def test_network_errors_pickle_and_read_well() -> None:
    import pickle

    error = NetworkError("GET http://h/v1/x: ReadError: boom", method="GET", url="http://h/v1/x")
    again = pickle.loads(pickle.dumps(error))
    assert (str(again), again.method, again.url) == (str(error), "GET", "http://h/v1/x")
    assert isinstance(again, OSError) and isinstance(again, TransportError)
