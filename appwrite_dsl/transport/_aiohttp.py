"""The aiohttp adapter (3.12+): a client middleware, plus an upload sender."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import AsyncIterator

import aiohttp
from aiohttp.payload import BytesPayload

from .errors import NetworkError, TransportError
from .responses import Retry, raise_for_status
from .sending import AsyncSend, Request, Response
from .signing import Signer

__all__ = ["SigningMiddleware", "sender"]


class SigningMiddleware:
    """A client middleware: ``aiohttp.ClientSession(middlewares=(SigningMiddleware(signer),))``.

    aiohttp runs middlewares for every redirect hop and builds each hop's request afresh, so the signer's
    headers are added to each hop whose origin is the endpoint's and to no other. With a ``retry``, a 429
    answer is retried (bodies aiohttp can send twice: none, bytes or text). With ``raise_on_error``, an
    error answer from the endpoint raises :class:`~appwrite_dsl.transport.responses.AppwriteError`.
    """

    def __init__(self, signer: Signer, retry: Retry | None = None, raise_on_error: bool = False) -> None:
        self.signer = signer
        self.retry = retry
        self.raise_on_error = raise_on_error

    async def __call__(
        self, request: aiohttp.ClientRequest, handler: aiohttp.ClientHandlerType
    ) -> aiohttp.ClientResponse:
        url = request.url
        same = self.signer.is_endpoint_origin(url.scheme, url.raw_host, url.port)  # IDNA form
        self.signer.update_headers(request.headers, same_origin=same)
        response = await handler(request)
        attempt, waited = 0, 0.0
        while self.retry is not None and (request.body == b"" or isinstance(request.body, BytesPayload)):
            delay = self.retry.delay(response.status, response.headers, attempt=attempt, waited=waited)
            if delay is None:
                break
            response.release()
            pause = (self.retry.sleep or asyncio.sleep)(delay)
            if inspect.isawaitable(pause):
                await pause
            attempt, waited = attempt + 1, waited + delay
            response = await handler(request)
        if self.raise_on_error and same and response.status >= 400:
            body = await response.read()
            response.release()
            raise_for_status(response.status, body, response.headers)
        return response


async def _parts(body: tuple[bytes, ...]) -> AsyncIterator[bytes]:
    for part in body:
        yield part


def sender(session: aiohttp.ClientSession) -> AsyncSend:
    """An upload sender over ``session`` (redirects are never followed)."""

    async def send(request: Request) -> Response:
        # the parts are streamed as they are (the Content-Length header keeps aiohttp from chunking)
        data = _parts(request.body) if request.body else None
        try:
            async with session.request(
                request.method, request.url, headers=dict(request.headers), data=data, allow_redirects=False
            ) as reply:
                body = await reply.read()
                return Response.build(reply.status, reply.headers.items(), body)
        except TransportError:
            raise
        except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as error:
            raise NetworkError.wrapping(error, request.method, request.url) from error

    return send
