"""The httpx adapters: an ``httpx.Auth`` and transports, sync and async, plus upload senders."""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import AsyncGenerator, Generator
from typing import Any

import httpx

from .errors import NetworkError, UnsafeRedirect
from .responses import Retry, raise_for_status
from .sending import AsyncSend, Request, Response, Send
from .signing import Origin, Signer, origin_of

__all__ = [
    "SigningAsyncTransport",
    "SigningAuth",
    "SigningTransport",
    "async_client",
    "async_sender",
    "client",
    "sender",
]


def _same_origin(signer: Signer, url: httpx.URL) -> bool:
    host = url.raw_host.decode("ascii")  # the IDNA form httpx connects to
    return signer.is_endpoint_origin(url.scheme, host, url.port)


def _sign(signer: Signer, headers: httpx.Headers, url: httpx.URL) -> bool:
    same = _same_origin(signer, url)
    signer.update_headers(headers, same_origin=same)
    return same


def _replayable(request: httpx.Request) -> bool:
    return isinstance(request.stream, httpx.ByteStream)


def _check_answer(response: httpx.Response) -> None:
    """Raise AppwriteError for an error status (the body must have been read)."""
    raise_for_status(response.status_code, response.content, response.headers)


_HOP_STARTED = ".send_request_headers.started"  # httpcore's trace event before a request's headers go out


class _HopGuard:
    """httpcore's ``trace`` extension, which httpx hands to every redirect hop of a request: it stops a
    hop to another origin that carries one of the signer's headers (httpx copies them), before the hop's
    headers are written. ``inner`` is a trace the caller had set; it is still called."""

    inner: Any

    def __init__(self, signer: Signer, inner: Any) -> None:
        self.signer = signer
        self.inner = inner.inner if isinstance(inner, _HopGuard) else inner

    def check(self, event: str, info: dict[str, Any]) -> None:
        if not event.endswith(_HOP_STARTED):
            return
        hop = info["request"]  # an httpcore.Request
        url = hop.url
        request_line = url.target.decode("ascii", "replace")
        if request_line.startswith(("http://", "https://")):  # to a forward proxy: the URL is the target
            origin = origin_of(request_line)
        else:
            origin = Origin.of(url.scheme.decode("ascii"), url.host.decode("ascii"), url.port)
        if origin == self.signer.origin:
            return
        for name, value in hop.headers:
            if self.signer.is_off_origin_header(name.decode("latin-1"), value.decode("latin-1")):
                target = str(origin) if origin is not None else request_line
                raise UnsafeRedirect(
                    f"httpx followed a redirect to {target}, which would have carried the signer's "
                    f"{name.decode('latin-1')} header: httpx_auth cannot sign redirect hops that httpx "
                    "follows itself; use httpx_client(signer, ...) or keep follow_redirects=False",
                    url=target,
                )


class _SyncHopGuard(_HopGuard):
    def __call__(self, event: str, info: dict[str, Any]) -> None:
        self.check(event, info)
        if self.inner is not None:
            self.inner(event, info)


class _AsyncHopGuard(_HopGuard):
    async def __call__(self, event: str, info: dict[str, Any]) -> None:
        self.check(event, info)
        if self.inner is not None:
            await self.inner(event, info)


class SigningAuth(httpx.Auth):
    """``auth=`` for ``httpx.Client`` and ``httpx.AsyncClient``.

    httpx runs an auth once per ``send()``, not once per redirect hop, and copies custom headers to a
    cross-origin hop. Use it with httpx's default ``follow_redirects=False``: a redirect then comes back
    as a response, and sending ``response.next_request`` through the client runs this auth again, which
    removes the copied headers when the hop leaves the endpoint. With ``follow_redirects=True`` a hop that
    would carry the signer's headers to another origin is stopped before it is sent
    (:class:`~appwrite_dsl.transport.errors.UnsafeRedirect`; this watches the connections of httpx's own
    transport, through httpcore's ``trace`` extension). To let httpx follow redirects, use
    :func:`client` (or :class:`SigningTransport`), which signs every hop.
    """

    requires_request_body = False
    requires_response_body = False

    def __init__(self, signer: Signer, retry: Retry | None = None, raise_on_error: bool = False) -> None:
        self.signer = signer
        self.retry = retry
        self.raise_on_error = raise_on_error

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Sign ``request`` (the flow httpx would drive by default; no retries here)."""
        _sign(self.signer, request.headers, request.url)
        yield request

    def sync_auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        """Sign, send, and retry a 429 while :class:`Retry` allows."""
        same = _sign(self.signer, request.headers, request.url)
        request.extensions = {
            **request.extensions,
            "trace": _SyncHopGuard(self.signer, request.extensions.get("trace")),
        }
        response = yield request
        attempt, waited = 0, 0.0
        while self.retry is not None and _replayable(request):
            delay = self.retry.delay(response.status_code, response.headers, attempt=attempt, waited=waited)
            if delay is None:
                break
            (self.retry.sleep or time.sleep)(delay)
            attempt, waited = attempt + 1, waited + delay
            response = yield request
        if self.raise_on_error and same and response.status_code >= 400:
            response.read()
            _check_answer(response)

    async def async_auth_flow(self, request: httpx.Request) -> AsyncGenerator[httpx.Request, httpx.Response]:
        """:meth:`sync_auth_flow` for ``AsyncClient``, sleeping with ``asyncio.sleep``."""
        same = _sign(self.signer, request.headers, request.url)
        request.extensions = {
            **request.extensions,
            "trace": _AsyncHopGuard(self.signer, request.extensions.get("trace")),
        }
        response = yield request
        attempt, waited = 0, 0.0
        while self.retry is not None and _replayable(request):
            delay = self.retry.delay(response.status_code, response.headers, attempt=attempt, waited=waited)
            if delay is None:
                break
            pause = (self.retry.sleep or asyncio.sleep)(delay)
            if inspect.isawaitable(pause):
                await pause
            attempt, waited = attempt + 1, waited + delay
            response = yield request
        if self.raise_on_error and same and response.status_code >= 400:
            await response.aread()
            _check_answer(response)


def _signed_copy(signer: Signer, request: httpx.Request) -> tuple[httpx.Request, bool]:
    headers = httpx.Headers(request.headers)
    same = _sign(signer, headers, request.url)
    signed = httpx.Request(
        request.method, request.url, headers=headers, stream=request.stream, extensions=request.extensions
    )
    return signed, same


class SigningTransport(httpx.BaseTransport):
    """``transport=`` for ``httpx.Client``: wraps ``transport`` (default ``httpx.HTTPTransport()``) and
    sends a signed copy of every request it is given, redirect hops included, so it is safe with
    ``follow_redirects=True``. The client's own request objects (``response.request``) stay unsigned."""

    def __init__(
        self,
        signer: Signer,
        transport: httpx.BaseTransport | None = None,
        retry: Retry | None = None,
        raise_on_error: bool = False,
    ) -> None:
        self.signer = signer
        self.retry = retry
        self.raise_on_error = raise_on_error
        self.transport = httpx.HTTPTransport() if transport is None else transport

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Send a signed copy of ``request``; retry a 429 while :class:`Retry` allows."""
        signed, same = _signed_copy(self.signer, request)
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
        if self.raise_on_error and same and response.status_code >= 400:
            response.read()
            response.close()
            _check_answer(response)
        return response

    def close(self) -> None:
        self.transport.close()


class SigningAsyncTransport(httpx.AsyncBaseTransport):
    """:class:`SigningTransport` for ``httpx.AsyncClient`` (default ``httpx.AsyncHTTPTransport()``)."""

    def __init__(
        self,
        signer: Signer,
        transport: httpx.AsyncBaseTransport | None = None,
        retry: Retry | None = None,
        raise_on_error: bool = False,
    ) -> None:
        self.signer = signer
        self.retry = retry
        self.raise_on_error = raise_on_error
        self.transport = httpx.AsyncHTTPTransport() if transport is None else transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Send a signed copy of ``request``; retry a 429 while :class:`Retry` allows."""
        signed, same = _signed_copy(self.signer, request)
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
        if self.raise_on_error and same and response.status_code >= 400:
            await response.aread()
            await response.aclose()
            _check_answer(response)
        return response

    async def aclose(self) -> None:
        await self.transport.aclose()


_CLIENT_PARTS = ("_transport", "_mounts")


def _wrap_client(client: Any, wrap: Any) -> None:
    """Wrap the transports the client built from its own settings (``verify``, ``cert``, ``limits``,
    ``http2``, ``proxy``, proxies from the environment, ``mounts``, ``transport``)."""
    if not all(hasattr(client, part) for part in _CLIENT_PARTS):
        raise RuntimeError(
            f"httpx {httpx.__version__} keeps its transports elsewhere; "
            "use httpx_transport(signer, transport) with a transport you configure"
        )
    client._transport = wrap(client._transport)
    client._mounts = {
        pattern: None if mounted is None else wrap(mounted) for pattern, mounted in client._mounts.items()
    }


def client(
    signer: Signer, retry: Retry | None, raise_on_error: bool, options: dict[str, Any]
) -> httpx.Client:
    """An ``httpx.Client(**options)`` whose every transport signs (see :func:`~.adapters.httpx_client`)."""
    made = httpx.Client(**options)
    _wrap_client(made, lambda inner: SigningTransport(signer, inner, retry, raise_on_error))
    return made


def async_client(
    signer: Signer, retry: Retry | None, raise_on_error: bool, options: dict[str, Any]
) -> httpx.AsyncClient:
    """:func:`client` for ``httpx.AsyncClient``."""
    made = httpx.AsyncClient(**options)
    _wrap_client(made, lambda inner: SigningAsyncTransport(signer, inner, retry, raise_on_error))
    return made


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
        try:
            reply = client.send(_to_httpx(request), follow_redirects=False)
        except httpx.TransportError as error:
            raise NetworkError.wrapping(error, request.method, request.url) from error
        return Response.build(reply.status_code, reply.headers.multi_items(), reply.content)

    return send


def async_sender(client: httpx.AsyncClient) -> AsyncSend:
    """An upload sender over ``client`` (redirects are never followed)."""

    async def send(request: Request) -> Response:
        # an AsyncClient needs an async stream: the body is joined (one chunk, a bounded copy)
        try:
            reply = await client.send(_to_httpx(request, joined=True), follow_redirects=False)
        except httpx.TransportError as error:
            raise NetworkError.wrapping(error, request.method, request.url) from error
        return Response.build(reply.status_code, reply.headers.multi_items(), reply.content)

    return send
