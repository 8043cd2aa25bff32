"""The httpx adapters: an ``httpx.Auth`` and transports, sync and async, plus upload senders."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import AsyncGenerator, Generator

import httpx

from .responses import Retry
from .sending import AsyncSend, Request, Response, Send
from .signing import Signer

__all__ = ["SigningAsyncTransport", "SigningAuth", "SigningTransport", "async_sender", "sender"]


def _sign(signer: Signer, headers: httpx.Headers, url: httpx.URL) -> None:
    host = url.raw_host.decode("ascii")  # the IDNA form httpx connects to
    signer.update_headers(headers, same_origin=signer.is_endpoint_origin(url.scheme, host, url.port))


def _replayable(request: httpx.Request) -> bool:
    return isinstance(request.stream, httpx.ByteStream)


class SigningAuth(httpx.Auth):
    """``auth=`` for ``httpx.Client`` and ``httpx.AsyncClient``.

    httpx runs an auth once per ``send()``, not once per redirect hop, and copies custom headers to a
    cross-origin hop. Use it with httpx's default ``follow_redirects=False``: a redirect then comes back
    as a response, and sending ``response.next_request`` through the client runs this auth again, which
    removes the copied headers when the hop leaves the endpoint. To let httpx follow redirects, use
    :class:`SigningTransport` instead, which signs every hop.
    """

    requires_request_body = False
    requires_response_body = False

    def __init__(self, signer: Signer, retry: Retry | None = None) -> None:
        self.signer = signer
        self.retry = retry

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Sign ``request`` (the flow httpx would drive by default; no retries here)."""
        _sign(self.signer, request.headers, request.url)
        yield request

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Sign, send, and retry a 429 while :class:`Retry` allows."""
        _sign(self.signer, request.headers, request.url)
        response = yield request
        attempt, waited = 0, 0.0
        while self.retry is not None and _replayable(request):
            delay = self.retry.delay(response.status_code, response.headers, attempt=attempt, waited=waited)
            if delay is None:
                return
            (self.retry.sleep or time.sleep)(delay)
            attempt, waited = attempt + 1, waited + delay
            response = yield request

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """:meth:`sync_auth_flow` for ``AsyncClient``, sleeping with ``asyncio.sleep``."""
        _sign(self.signer, request.headers, request.url)
        response = yield request
        attempt, waited = 0, 0.0
        while self.retry is not None and _replayable(request):
            delay = self.retry.delay(response.status_code, response.headers, attempt=attempt, waited=waited)
            if delay is None:
                return
            pause = (self.retry.sleep or asyncio.sleep)(delay)
            if inspect.isawaitable(pause):
                await pause
            attempt, waited = attempt + 1, waited + delay
            response = yield request


def _signed_copy(signer: Signer, request: httpx.Request) -> httpx.Request:
    headers = httpx.Headers(request.headers)
    _sign(signer, headers, request.url)
    return httpx.Request(
        request.method, request.url, headers=headers, stream=request.stream, extensions=request.extensions
    )


class SigningTransport(httpx.BaseTransport):
    """``transport=`` for ``httpx.Client``: wraps ``transport`` (default ``httpx.HTTPTransport()``) and
    sends a signed copy of every request it is given, redirect hops included, so it is safe with
    ``follow_redirects=True``. The client's own request objects (``response.request``) stay unsigned."""

    def __init__(
        self, signer: Signer, transport: httpx.BaseTransport | None = None, retry: Retry | None = None
    ) -> None:
        self.signer = signer
        self.retry = retry
        self.transport = httpx.HTTPTransport() if transport is None else transport

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send a signed copy of ``request``; retry a 429 while :class:`Retry` allows."""
        signed = _signed_copy(self.signer, request)
        response = self.transport.handle_request(signed)
        attempt, waited = 0, 0.0
        while self.retry is not None and _replayable(request):
            delay = self.retry.delay(response.status_code, response.headers, attempt=attempt, waited=waited)
            if delay is None:
                break
            response.read()
            response.close()
            (self.retry.sleep or time.sleep)(delay)
            attempt, waited = attempt + 1, waited + delay
            response = self.transport.handle_request(signed)
        return response

    def close(self) -> None:
        self.transport.close()


class SigningAsyncTransport(httpx.AsyncBaseTransport):
    """:class:`SigningTransport` for ``httpx.AsyncClient`` (default ``httpx.AsyncHTTPTransport()``)."""

    def __init__(
        self, signer: Signer, transport: httpx.AsyncBaseTransport | None = None, retry: Retry | None = None
    ) -> None:
        self.signer = signer
        self.retry = retry
        self.transport = httpx.AsyncHTTPTransport() if transport is None else transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send a signed copy of ``request``; retry a 429 while :class:`Retry` allows."""
        signed = _signed_copy(self.signer, request)
        response = await self.transport.handle_async_request(signed)
        attempt, waited = 0, 0.0
        while self.retry is not None and _replayable(request):
            delay = self.retry.delay(response.status_code, response.headers, attempt=attempt, waited=waited)
            if delay is None:
                break
            await response.aread()
            await response.aclose()
            pause = (self.retry.sleep or asyncio.sleep)(delay)
            if inspect.isawaitable(pause):
                await pause
            attempt, waited = attempt + 1, waited + delay
            response = await self.transport.handle_async_request(signed)
        return response

    async def aclose(self) -> None:
        await self.transport.aclose()


def _to_httpx(request: Request, *, joined: bool = False) -> httpx.Request:
    body = request.body
    return httpx.Request(
        request.method,
        request.url,
        headers=dict(request.headers),
        content=(b"".join(body) if joined else body) if body else None,
    )


def sender(client: httpx.Client) -> Send:
    """An upload sender over ``client`` (redirects are never followed)."""

    def send(request: Request) -> Response:
        reply = client.send(_to_httpx(request), follow_redirects=False)
        return Response.build(reply.status_code, reply.headers.multi_items(), reply.content)

    return send


def async_sender(client: httpx.AsyncClient) -> AsyncSend:
    """An upload sender over ``client`` (redirects are never followed)."""

    async def send(request: Request) -> Response:
        # an AsyncClient needs an async stream: the body is joined (one chunk, a bounded copy)
        reply = await client.send(_to_httpx(request, joined=True), follow_redirects=False)
        return Response.build(reply.status_code, reply.headers.multi_items(), reply.content)

    return send
