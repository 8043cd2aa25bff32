"""Adapters for HTTP clients, each imported only when asked for (no client is a dependency).

=========  ===================================================  =====================================
client     signing                                              upload sender
=========  ===================================================  =====================================
httpx      :func:`httpx_client` / :func:`httpx_async_client`    :func:`httpx_sender`,
           (every hop, the client's settings kept),             :func:`httpx_async_sender`
           :func:`httpx_transport`, :func:`httpx_auth`
           (``follow_redirects=False``)
requests   :func:`requests_adapter` (every hop),                :func:`requests_sender`
           :func:`requests_auth`
urllib     :func:`urllib_handler`                               :func:`~.sending.urllib_sender`
aiohttp    :func:`aiohttp_middleware`                           :func:`aiohttp_sender`
=========  ===================================================  =====================================

Every signing adapter adds the signer's headers only to requests, redirect hops included, whose origin
as the client parsed it is the endpoint's, and takes an optional :class:`~.responses.Retry` for 429s and
``raise_on_error=True`` to raise :class:`~.responses.AppwriteError` for an error answer (status 400 or
more) from the endpoint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .responses import Retry
from .sending import AsyncSend, Send
from .signing import Signer

if TYPE_CHECKING:
    import aiohttp
    import httpx
    import requests

    from ._aiohttp import SigningMiddleware
    from ._httpx import SigningAsyncTransport, SigningAuth, SigningTransport
    from ._requests import SigningAdapter
    from ._requests import SigningAuth as RequestsAuth
    from ._urllib import SigningHandler

__all__ = [
    "aiohttp_middleware",
    "aiohttp_sender",
    "httpx_async_client",
    "httpx_async_sender",
    "httpx_async_transport",
    "httpx_auth",
    "httpx_client",
    "httpx_sender",
    "httpx_transport",
    "requests_adapter",
    "requests_auth",
    "requests_sender",
    "urllib_handler",
]


def _missing(client: str, error: ImportError) -> ImportError:
    message = f"this adapter needs {client}: pip install 'appwrite-dsl[{client}]' ({error})"
    return ImportError(message, name=client)


def httpx_client(
    signer: Signer, *, retry: Retry | None = None, raise_on_error: bool = False, **options: Any
) -> httpx.Client:
    """An ``httpx.Client(**options)`` that signs every hop (safe with ``follow_redirects=True``) and keeps
    every client setting: each transport the client builds from ``verify``, ``cert``, ``limits``,
    ``http2``, ``proxy``, proxy variables of the environment, ``mounts`` or ``transport`` is wrapped."""
    try:
        from ._httpx import client  # noqa: PLC0415  (lazy: httpx is optional)
    except ImportError as error:
        raise _missing("httpx", error) from error
    return client(signer, retry, raise_on_error, options)


def httpx_async_client(
    signer: Signer, *, retry: Retry | None = None, raise_on_error: bool = False, **options: Any
) -> httpx.AsyncClient:
    """:func:`httpx_client` for ``httpx.AsyncClient``."""
    try:
        from ._httpx import async_client  # noqa: PLC0415
    except ImportError as error:
        raise _missing("httpx", error) from error
    return async_client(signer, retry, raise_on_error, options)


def httpx_auth(signer: Signer, *, retry: Retry | None = None, raise_on_error: bool = False) -> SigningAuth:
    """An ``httpx.Auth`` for ``Client`` and ``AsyncClient`` with ``follow_redirects=False`` (httpx's
    default). With ``follow_redirects=True``, a redirect hop that would carry the signer's headers to
    another origin raises :class:`~.errors.UnsafeRedirect` before it is sent."""
    try:
        from ._httpx import SigningAuth  # noqa: PLC0415
    except ImportError as error:
        raise _missing("httpx", error) from error
    return SigningAuth(signer, retry, raise_on_error)


def httpx_transport(
    signer: Signer,
    transport: httpx.BaseTransport | None = None,
    *,
    retry: Retry | None = None,
    raise_on_error: bool = False,
) -> SigningTransport:
    """A transport for ``httpx.Client(transport=...)`` that signs every hop; safe with
    ``follow_redirects=True``. ``transport`` is the one to wrap (default ``httpx.HTTPTransport()``):
    httpx applies ``verify``, ``cert``, ``limits`` and proxies given to the client only to transports it
    builds itself, so configure this one, or use :func:`httpx_client`."""
    try:
        from ._httpx import SigningTransport  # noqa: PLC0415
    except ImportError as error:
        raise _missing("httpx", error) from error
    return SigningTransport(signer, transport, retry, raise_on_error)


def httpx_async_transport(
    signer: Signer,
    transport: httpx.AsyncBaseTransport | None = None,
    *,
    retry: Retry | None = None,
    raise_on_error: bool = False,
) -> SigningAsyncTransport:
    """:func:`httpx_transport` for ``httpx.AsyncClient``."""
    try:
        from ._httpx import SigningAsyncTransport  # noqa: PLC0415
    except ImportError as error:
        raise _missing("httpx", error) from error
    return SigningAsyncTransport(signer, transport, retry, raise_on_error)


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


def requests_adapter(
    signer: Signer, *, retry: Retry | None = None, raise_on_error: bool = False, **options: Any
) -> SigningAdapter:
    """A ``requests.adapters.HTTPAdapter`` that signs every hop it sends; mount it on a session for
    ``http://`` and ``https://``. ``options`` go to ``HTTPAdapter``."""
    try:
        from ._requests import SigningAdapter  # noqa: PLC0415
    except ImportError as error:
        raise _missing("requests", error) from error
    return SigningAdapter(signer, retry, raise_on_error, **options)


def requests_auth(
    signer: Signer, *, retry: Retry | None = None, raise_on_error: bool = False
) -> RequestsAuth:
    """A ``requests.auth.AuthBase`` that also signs (or unsigns) every redirect hop; a hop that comes
    back from another origin loses ``bearer=`` and ``cookie=`` credentials (requests edits it after the
    auth; :func:`requests_adapter` keeps them)."""
    try:
        from ._requests import SigningAuth  # noqa: PLC0415
    except ImportError as error:
        raise _missing("requests", error) from error
    return SigningAuth(signer, retry, raise_on_error)


def requests_sender(session: requests.Session | None = None, *, timeout: float | None = 60.0) -> Send:
    """An upload sender over a ``requests.Session`` (default: a new one)."""
    try:
        from ._requests import sender  # noqa: PLC0415
    except ImportError as error:
        raise _missing("requests", error) from error
    return sender(session, timeout=timeout)


def urllib_handler(
    signer: Signer, *, retry: Retry | None = None, raise_on_error: bool = False
) -> SigningHandler:
    """A handler for ``urllib.request.build_opener(handler)``."""
    from ._urllib import SigningHandler  # noqa: PLC0415  (standard library; kept beside its peers)

    return SigningHandler(signer, retry, raise_on_error)


def aiohttp_middleware(
    signer: Signer, *, retry: Retry | None = None, raise_on_error: bool = False
) -> SigningMiddleware:
    """A client middleware for ``aiohttp.ClientSession(middlewares=(...,))`` (aiohttp 3.12+)."""
    try:
        from ._aiohttp import SigningMiddleware  # noqa: PLC0415
    except ImportError as error:
        raise _missing("aiohttp", error) from error
    return SigningMiddleware(signer, retry, raise_on_error)


def aiohttp_sender(session: aiohttp.ClientSession) -> AsyncSend:
    """An upload sender over an ``aiohttp.ClientSession``."""
    try:
        from ._aiohttp import sender  # noqa: PLC0415
    except ImportError as error:
        raise _missing("aiohttp", error) from error
    return sender(session)
