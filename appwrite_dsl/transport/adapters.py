"""Adapters for HTTP clients, each imported only when asked for (no client is a dependency).

=========  =============================================  =====================================
client     signing                                        upload sender
=========  =============================================  =====================================
httpx      :func:`httpx_transport` (every hop),           :func:`httpx_sender`,
           :func:`httpx_auth` (``follow_redirects=False``) :func:`httpx_async_sender`
requests   :func:`requests_auth`                          :func:`requests_sender`
urllib     :func:`urllib_handler`                         :func:`~.sending.urllib_sender`
aiohttp    :func:`aiohttp_middleware`                     :func:`aiohttp_sender`
=========  =============================================  =====================================

Every signing adapter adds the signer's headers only to requests, redirect hops included, whose origin
as the client parsed it is the endpoint's, and takes an optional :class:`~.responses.Retry` for 429s.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .responses import Retry
from .sending import AsyncSend, Send
from .signing import Signer

if TYPE_CHECKING:
    import aiohttp
    import httpx
    import requests

    from ._aiohttp import SigningMiddleware
    from ._httpx import SigningAsyncTransport, SigningAuth, SigningTransport
    from ._requests import SigningAuth as RequestsAuth
    from ._urllib import SigningHandler

__all__ = [
    "aiohttp_middleware",
    "aiohttp_sender",
    "httpx_async_sender",
    "httpx_async_transport",
    "httpx_auth",
    "httpx_sender",
    "httpx_transport",
    "requests_auth",
    "requests_sender",
    "urllib_handler",
]


def _missing(client: str, error: ImportError) -> ImportError:
    message = f"this adapter needs {client}: pip install 'appwrite-dsl[{client}]' ({error})"
    return ImportError(message, name=client)


def httpx_auth(signer: Signer, *, retry: Retry | None = None) -> SigningAuth:
    """An ``httpx.Auth`` for ``Client`` and ``AsyncClient``; keep ``follow_redirects=False`` (httpx's
    default): httpx copies headers to redirect hops without running the auth again."""
    try:
        from ._httpx import SigningAuth  # noqa: PLC0415  (lazy: httpx is optional)
    except ImportError as error:
        raise _missing("httpx", error) from error
    return SigningAuth(signer, retry)


def httpx_transport(
    signer: Signer, transport: httpx.BaseTransport | None = None, *, retry: Retry | None = None
) -> SigningTransport:
    """A transport for ``httpx.Client(transport=...)`` that signs every hop; safe with
    ``follow_redirects=True``. ``transport`` is the one to wrap (default ``httpx.HTTPTransport()``)."""
    try:
        from ._httpx import SigningTransport  # noqa: PLC0415
    except ImportError as error:
        raise _missing("httpx", error) from error
    return SigningTransport(signer, transport, retry)


def httpx_async_transport(
    signer: Signer, transport: httpx.AsyncBaseTransport | None = None, *, retry: Retry | None = None
) -> SigningAsyncTransport:
    """:func:`httpx_transport` for ``httpx.AsyncClient``."""
    try:
        from ._httpx import SigningAsyncTransport  # noqa: PLC0415
    except ImportError as error:
        raise _missing("httpx", error) from error
    return SigningAsyncTransport(signer, transport, retry)


def httpx_sender(client: httpx.Client) -> Send:
    """An upload sender over an ``httpx.Client``."""
    try:
        from ._httpx import sender  # noqa: PLC0415
    except ImportError as error:
        raise _missing("httpx", error) from error
    return sender(client)


def httpx_async_sender(client: httpx.AsyncClient) -> AsyncSend:
    """An upload sender over an ``httpx.AsyncClient``."""
    try:
        from ._httpx import async_sender  # noqa: PLC0415
    except ImportError as error:
        raise _missing("httpx", error) from error
    return async_sender(client)


def requests_auth(signer: Signer, *, retry: Retry | None = None) -> RequestsAuth:
    """A ``requests.auth.AuthBase`` that also signs (or unsigns) every redirect hop."""
    try:
        from ._requests import SigningAuth  # noqa: PLC0415
    except ImportError as error:
        raise _missing("requests", error) from error
    return SigningAuth(signer, retry)


def requests_sender(session: requests.Session | None = None, *, timeout: float | None = 60.0) -> Send:
    """An upload sender over a ``requests.Session`` (default: a new one)."""
    try:
        from ._requests import sender  # noqa: PLC0415
    except ImportError as error:
        raise _missing("requests", error) from error
    return sender(session, timeout=timeout)


def urllib_handler(signer: Signer, *, retry: Retry | None = None) -> SigningHandler:
    """A handler for ``urllib.request.build_opener(handler)``."""
    from ._urllib import SigningHandler  # noqa: PLC0415  (standard library; kept beside its peers)

    return SigningHandler(signer, retry)


def aiohttp_middleware(signer: Signer, *, retry: Retry | None = None) -> SigningMiddleware:
    """A client middleware for ``aiohttp.ClientSession(middlewares=(...,))`` (aiohttp 3.12+)."""
    try:
        from ._aiohttp import SigningMiddleware  # noqa: PLC0415
    except ImportError as error:
        raise _missing("aiohttp", error) from error
    return SigningMiddleware(signer, retry)


def aiohttp_sender(session: aiohttp.ClientSession) -> AsyncSend:
    """An upload sender over an ``aiohttp.ClientSession``."""
    try:
        from ._aiohttp import sender  # noqa: PLC0415
    except ImportError as error:
        raise _missing("aiohttp", error) from error
    return sender(session)
