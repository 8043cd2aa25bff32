"""Every adapter behind one call, so each behaviour is tested with all of them.

``fetch(kind, signer, method, url)`` sends one request through the adapter ``kind``, following
redirects the way that adapter is meant to be used, and returns the final status. Clients that are
not installed skip the test (``pytest.importorskip``).
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from typing import Any

import pytest

from appwrite_dsl.transport import (
    AsyncSend,
    Request,
    Response,
    Retry,
    Send,
    Signer,
    aiohttp_middleware,
    aiohttp_sender,
    httpx_async_client,
    httpx_async_sender,
    httpx_async_transport,
    httpx_auth,
    httpx_client,
    httpx_sender,
    httpx_transport,
    requests_adapter,
    requests_auth,
    requests_sender,
    urllib_handler,
    urllib_sender,
)

ADAPTERS = [
    "urllib",
    "requests",
    "requests-adapter",
    "httpx-client",
    "httpx-transport",
    "httpx-auth",
    "httpx-async-client",
    "httpx-async-transport",
    "httpx-async-auth",
    "aiohttp",
]
"""``httpx-auth`` keeps httpx's default ``follow_redirects=False`` and follows ``next_request`` by hand,
as its documentation says; the transports let httpx follow redirects."""

TIMEOUT = 10.0
MAX_HOPS = 10


def needs(kind: str) -> None:
    if kind.startswith("httpx"):
        pytest.importorskip("httpx")
    elif kind.startswith("requests"):
        pytest.importorskip("requests")
    elif kind == "aiohttp":
        pytest.importorskip("aiohttp")


def fetch(
    kind: str,
    signer: Signer,
    method: str,
    url: str,
    *,
    body: bytes | None = None,
    retry: Retry | None = None,
    headers: dict[str, str] | None = None,
    raise_on_error: bool = False,
) -> int:
    """The final status; with ``raise_on_error`` the adapter's own error escapes."""
    needs(kind)
    options: dict[str, Any] = {"retry": retry, "raise_on_error": raise_on_error}
    if kind == "urllib":
        opener = urllib.request.build_opener(urllib_handler(signer, **options))
        try:
            with opener.open(
                urllib.request.Request(url, data=body, method=method, headers=headers or {}), timeout=TIMEOUT
            ) as reply:
                reply.read()
                return int(reply.status)
        except urllib.error.HTTPError as error:
            with error:
                return error.code
    if kind == "requests":
        import requests

        with requests.Session() as session:
            session.auth = requests_auth(signer, **options)
            return session.request(method, url, data=body, headers=headers, timeout=TIMEOUT).status_code
    if kind == "requests-adapter":
        import requests

        with requests.Session() as session:
            adapter = requests_adapter(signer, **options)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            return session.request(method, url, data=body, headers=headers, timeout=TIMEOUT).status_code
    if kind == "httpx-client":
        with httpx_client(signer, **options, follow_redirects=True, timeout=TIMEOUT) as client:
            return client.request(method, url, content=body, headers=headers).status_code
    if kind == "httpx-transport":
        import httpx

        with httpx.Client(
            transport=httpx_transport(signer, **options), follow_redirects=True, timeout=TIMEOUT
        ) as client:
            return client.request(method, url, content=body, headers=headers).status_code
    if kind == "httpx-auth":
        import httpx

        with httpx.Client(auth=httpx_auth(signer, **options), timeout=TIMEOUT) as client:
            response = client.request(method, url, content=body, headers=headers)
            for _ in range(MAX_HOPS):
                if response.next_request is None:
                    break
                response = client.send(response.next_request)
            return response.status_code
    if kind in ("httpx-async-client", "httpx-async-transport", "httpx-async-auth", "aiohttp"):
        return asyncio.run(
            _fetch_async(
                kind=kind, signer=signer, method=method, url=url, body=body, headers=headers, **options
            )
        )
    raise AssertionError(kind)


async def _fetch_async(
    *,
    kind: str,
    signer: Signer,
    method: str,
    url: str,
    body: bytes | None,
    retry: Retry | None,
    headers: dict[str, str] | None,
    raise_on_error: bool,
) -> int:
    options: dict[str, Any] = {"retry": retry, "raise_on_error": raise_on_error}
    if kind == "aiohttp":
        import aiohttp

        async with (
            aiohttp.ClientSession(
                middlewares=(aiohttp_middleware(signer, **options),),
                timeout=aiohttp.ClientTimeout(total=TIMEOUT),
            ) as session,
            session.request(method, url, data=body, headers=headers) as reply,
        ):
            await reply.read()
            return reply.status
    import httpx

    if kind == "httpx-async-client":
        async with httpx_async_client(signer, **options, follow_redirects=True, timeout=TIMEOUT) as client:
            return (await client.request(method, url, content=body, headers=headers)).status_code
    if kind == "httpx-async-transport":
        async with httpx.AsyncClient(
            transport=httpx_async_transport(signer, **options), follow_redirects=True, timeout=TIMEOUT
        ) as client:
            return (await client.request(method, url, content=body, headers=headers)).status_code
    async with httpx.AsyncClient(auth=httpx_auth(signer, **options), timeout=TIMEOUT) as client:
        response = await client.request(method, url, content=body, headers=headers)
        for _ in range(MAX_HOPS):
            if response.next_request is None:
                break
            response = await client.send(response.next_request)
        return response.status_code


SENDERS = ["urllib-default", "urllib-handler", "requests", "httpx", "httpx-async", "aiohttp"]


def run_with_sender(kind: str, signer: Signer, job: Any, *, raise_on_error: bool = False) -> Any:
    """Run ``job(send)`` (sync) or ``await job(send)`` (async) with the upload sender ``kind``, over a
    client that also carries the signing adapter, as an application would set it up."""
    options: dict[str, Any] = {"raise_on_error": raise_on_error}
    if kind == "urllib-default":
        return job(urllib_sender())
    if kind == "urllib-handler":
        return job(urllib_sender(opener=urllib.request.build_opener(urllib_handler(signer, **options))))
    if kind == "requests":
        requests = pytest.importorskip("requests")
        with requests.Session() as session:
            session.auth = requests_auth(signer, **options)
            return job(requests_sender(session, timeout=TIMEOUT))
    if kind == "httpx":
        httpx = pytest.importorskip("httpx")
        with httpx.Client(auth=httpx_auth(signer, **options), timeout=TIMEOUT) as client:
            return job(httpx_sender(client))
    if kind == "httpx-async":
        httpx = pytest.importorskip("httpx")

        async def run_httpx() -> Any:
            async with httpx.AsyncClient(auth=httpx_auth(signer, **options), timeout=TIMEOUT) as client:
                send: AsyncSend = httpx_async_sender(client)
                return await job(send)

        return asyncio.run(run_httpx())
    if kind == "aiohttp":
        aiohttp = pytest.importorskip("aiohttp")

        async def run_aiohttp() -> Any:
            async with aiohttp.ClientSession(middlewares=(aiohttp_middleware(signer, **options),)) as session:
                return await job(aiohttp_sender(session))

        return asyncio.run(run_aiohttp())
    raise AssertionError(kind)


def is_async(kind: str) -> bool:
    return kind in ("httpx-async", "aiohttp")


def send_with(kind: str, signer: Signer, request: Request) -> Response:
    """Send one request with the upload sender ``kind`` (see :func:`run_with_sender`)."""
    if is_async(kind):

        async def job(send: Any) -> Any:
            return await send(request)

    else:

        def job(send: Any) -> Any:  # type: ignore[misc]
            return send(request)

    response: Response = run_with_sender(kind, signer, job)
    return response


__all__ = ["ADAPTERS", "SENDERS", "Send", "fetch", "is_async", "needs", "run_with_sender", "send_with"]
