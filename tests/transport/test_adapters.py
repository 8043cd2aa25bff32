"""The adapters against local servers: 429 retries, upload senders, and their edges."""

from __future__ import annotations

import asyncio
import io
import subprocess
import sys
import threading
from typing import Any

import pytest

from appwrite_dsl.transport import (
    CHUNK_SIZE,
    Request,
    Retry,
    Signer,
    upload,
    upload_async,
)

from .clients import ADAPTERS, SENDERS, fetch, is_async, run_with_sender, send_with
from .conftest import Appwrite, Serve
from .servers import Captured, Reply, json_reply

NOW = 1_700_000_000.0


class RateLimited:
    """Answers 429 (reset in 5 s) ``times`` times, then 200."""

    def __init__(self, times: int) -> None:
        self.left = times
        self.lock = threading.Lock()

    def __call__(self, request: Captured) -> Reply:
        with self.lock:
            if self.left:
                self.left -= 1
                return json_reply(
                    429,
                    {"message": "Too many requests", "code": 429, "type": "general_rate_limit_exceeded"},
                    [
                        ("X-RateLimit-Limit", "10"),
                        ("X-RateLimit-Remaining", "0"),
                        ("X-RateLimit-Reset", str(int(NOW) + 5)),
                    ],
                )
        return json_reply(200, {"ok": True}, [("X-RateLimit-Limit", "10"), ("X-RateLimit-Remaining", "9")])


@pytest.mark.parametrize("kind", ADAPTERS)
def test_a_429_is_retried_after_the_reset(serve: Serve, kind: str) -> None:
    server = serve(RateLimited(2))
    signer = Signer(f"{server.origin}/v1", "proj", key="k")
    slept: list[float] = []
    status = fetch(
        kind, signer, "GET", f"{server.origin}/v1/account", retry=Retry(sleep=slept.append, clock=lambda: NOW)
    )
    assert status == 200
    assert slept == [5.0, 5.0]
    assert [r.header("X-Appwrite-Key") for r in server.taken()] == ["k", "k", "k"]


@pytest.mark.parametrize("kind", ADAPTERS)
def test_a_post_with_a_body_is_retried_whole(serve: Serve, kind: str) -> None:
    server = serve(RateLimited(1))
    signer = Signer(f"{server.origin}/v1", "proj", key="k")
    slept: list[float] = []
    retry = Retry(sleep=slept.append, clock=lambda: NOW)
    assert fetch(kind, signer, "POST", f"{server.origin}/v1/x", body=b'{"a":1}', retry=retry) == 200
    assert slept == [5.0]
    assert [r.body for r in server.taken()] == [b'{"a":1}', b'{"a":1}']


@pytest.mark.parametrize("kind", ADAPTERS)
def test_retries_are_bounded(serve: Serve, kind: str) -> None:
    server = serve(RateLimited(100))
    signer = Signer(f"{server.origin}/v1", "proj", key="k")
    slept: list[float] = []
    retry = Retry(attempts=3, sleep=slept.append, clock=lambda: NOW)
    assert fetch(kind, signer, "GET", f"{server.origin}/v1/account", retry=retry) == 429
    assert slept == [5.0, 5.0, 5.0]
    assert len(server.taken()) == 4

    slept.clear()
    budget = Retry(attempts=10, max_wait=12, sleep=slept.append, clock=lambda: NOW)
    assert fetch(kind, signer, "GET", f"{server.origin}/v1/account", retry=budget) == 429
    assert slept == [5.0, 5.0]  # a third wait would pass 12 s
    assert len(server.taken()) == 4 + 3


@pytest.mark.parametrize("kind", ADAPTERS)
def test_no_retry_unless_asked(serve: Serve, kind: str) -> None:
    server = serve(RateLimited(1))
    signer = Signer(f"{server.origin}/v1", "proj", key="k")
    assert fetch(kind, signer, "GET", f"{server.origin}/v1/account") == 429
    assert len(server.taken()) == 1


@pytest.mark.parametrize("kind", ["httpx-async-transport", "httpx-async-auth", "aiohttp"])
def test_async_adapters_await_an_async_sleep(serve: Serve, kind: str) -> None:
    server = serve(RateLimited(1))
    signer = Signer(f"{server.origin}/v1", "proj", key="k")
    slept: list[float] = []

    async def sleep(seconds: float) -> None:
        slept.append(seconds)
        await asyncio.sleep(0)

    assert (
        fetch(kind, signer, "GET", f"{server.origin}/v1/account", retry=Retry(sleep=sleep, clock=lambda: NOW))
        == 200
    )
    assert slept == [5.0]


@pytest.mark.parametrize("kind", ADAPTERS)
def test_the_requests_own_headers_win(serve: Serve, kind: str) -> None:
    server = serve(lambda request: json_reply(200, {}))
    signer = Signer(f"{server.origin}/v1", "proj", key="k", locale="fr")
    assert (
        fetch(kind, signer, "GET", f"{server.origin}/v1/locale", headers={"x-appwrite-locale": "de"}) == 200
    )
    (request,) = server.taken()
    assert [v for k, v in request.headers if k.lower() == "x-appwrite-locale"] == ["de"]
    assert (request.header("X-Appwrite-Key"), request.header("X-Appwrite-Project")) == ("k", "proj")


@pytest.mark.parametrize("kind", SENDERS)
@pytest.mark.parametrize("size", [3, CHUNK_SIZE + 1])
def test_uploads_through_every_sender(appwrite: Appwrite, kind: str, size: int) -> None:
    data = bytes(range(256)) * (size // 256) + bytes(size % 256)

    if is_async(kind):

        async def job(send: Any) -> Any:
            return await upload_async(
                appwrite.signer, "/storage/buckets/b/files", io.BytesIO(data), filename="d.bin", send=send
            )

    else:

        def job(send: Any) -> Any:  # type: ignore[misc]
            return upload(
                appwrite.signer, "/storage/buckets/b/files", io.BytesIO(data), filename="d.bin", send=send
            )

    result = run_with_sender(kind, appwrite.signer, job)
    assert appwrite.fake.files[result.id].content() == data
    ranges = [r.header("Content-Range") for r in appwrite.server.taken()]
    assert ranges == (
        [None] if size <= CHUNK_SIZE else ["bytes 0-5242879/5242881", "bytes 5242880-5242880/5242881"]
    )


@pytest.mark.parametrize("kind", SENDERS)
def test_senders_do_not_follow_redirects_or_leak(serve: Serve, kind: str) -> None:
    b = serve(lambda request: json_reply(200, {}))
    a = serve(lambda request: (302, [("Location", f"{b.origin}/landing")], b""))
    signer = Signer(f"{a.origin}/v1", "proj", key="k")
    request = Request("POST", f"{a.origin}/v1/x", {**signer.headers(), "Content-Length": "2"}, (b"{}",))
    response = send_with(kind, signer, request)
    assert a.taken()[0].header("X-Appwrite-Key") == "k"
    assert a.taken()[0].body == b"{}"
    if kind == "urllib-handler":
        # an opener of your own keeps its redirect handler; the credentials still stay behind
        assert response.status == 200
        assert [r.path for r in b.taken()] == ["/landing"]
        assert [v for r in b.taken() for _, v in r.headers if v in signer.headers().values()] == []
    else:
        assert response.status == 302
        assert response.header("location") == f"{b.origin}/landing"
        assert b.taken() == []


@pytest.mark.parametrize(
    ("client", "accessor"),
    [("httpx", "httpx_auth"), ("requests", "requests_auth"), ("aiohttp", "aiohttp_middleware")],
)
def test_a_missing_client_names_the_extra(client: str, accessor: str) -> None:
    code = (
        f"import sys; sys.modules[{client!r}] = None\n"
        "import appwrite_dsl.transport as t\n"
        f"try:\n    t.{accessor}(t.Signer())\n"
        "except ImportError as e:\n    print(e.name, '|', str(e).split(' (')[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert (
        out.stdout.strip() == f"{client} | this adapter needs {client}: pip install 'appwrite-dsl[{client}]'"
    )


def test_urllib_reads_the_host_as_http_client_does() -> None:
    from appwrite_dsl.transport._urllib import host_port

    assert host_port("127.0.0.1:8080") == ("127.0.0.1", 8080)
    assert host_port("[::1]:8080") == ("[::1]", 8080)
    assert host_port("[::1]") == ("[::1]", None)
    assert host_port("example.com:") == ("example.com", None)
    assert host_port("example.com:x1") is None


def test_requests_redirect_target_follows_requests_rules() -> None:
    requests = pytest.importorskip("requests")
    from appwrite_dsl.transport._requests import redirect_url

    def response(location: str, status: int = 302) -> Any:
        r = requests.Response()
        r.status_code = status
        r.headers["Location"] = location
        r.url = "http://127.0.0.1:1/v1/hop"
        return r

    assert redirect_url(response("//evil.example:2/x")) == "http://evil.example:2/x"
    assert redirect_url(response("/v1/next")) == "http://127.0.0.1:1/v1/next"
    assert redirect_url(response("next")) == "http://127.0.0.1:1/v1/next"
    assert redirect_url(response("https://h/a b")) == "https://h/a%20b"
    assert redirect_url(response("/x", status=200)) is None


def test_signing_copies_leave_the_clients_request_unsigned(serve: Serve) -> None:
    """requests_adapter and httpx_client sign a copy: the request objects the client hands back (after a
    retry too) never show the credentials, while the server got them on every attempt."""
    requests = pytest.importorskip("requests")
    pytest.importorskip("httpx")
    from appwrite_dsl.transport import httpx_client, requests_adapter

    server = serve(RateLimited(2))
    signer = Signer(f"{server.origin}/v1", "proj", key="k")
    url = f"{server.origin}/v1/account"
    with requests.Session() as session:
        adapter = requests_adapter(signer, retry=Retry(sleep=lambda seconds: None, clock=lambda: NOW))
        session.mount("http://", adapter)
        reply = session.get(url, timeout=10)
    assert reply.status_code == 200 and len(reply.history) == 2  # the two 429s
    assert [("X-Appwrite-Key" in r.request.headers) for r in (*reply.history, reply)] == [False] * 3
    with httpx_client(signer, retry=Retry(sleep=lambda seconds: None, clock=lambda: NOW)) as client:
        answer = client.get(url)
    assert answer.status_code == 200 and "x-appwrite-key" not in answer.request.headers
    assert [r.header("X-Appwrite-Key") for r in server.taken()] == ["k"] * 4  # 429, 429, 200; 200
