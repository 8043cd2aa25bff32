"""The small sending protocol behind uploads: ``send(request) -> response``, with a urllib default.

A sender takes a :class:`Request` and returns a :class:`Response` for every HTTP status; when no
complete answer arrives it raises :class:`~appwrite_dsl.transport.errors.NetworkError`, with the client's
own exception as ``__cause__``, whichever client it uses. The requests it gets already carry the signer's
headers, so the senders here do not follow redirects (a urllib opener of your own keeps its redirect
handler, but credential headers are sent as unredirected headers that urllib never copies to a next
hop). :func:`urllib_sender` is the standard-library default; ``appwrite_dsl.transport`` offers senders
over httpx, requests and aiohttp clients too.
"""

from __future__ import annotations

import http.client
import json
import urllib.error
import urllib.request
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Union

from .errors import NetworkError, TransportError
from .signing import CREDENTIAL_HEADERS

__all__ = ["AsyncSend", "Request", "Response", "Send", "urllib_sender"]


@dataclass(frozen=True)
class Request:
    """One HTTP request: ``body`` is a sequence of byte strings sent back to back (a multipart head, a
    file chunk, a tail), so a sender can stream it without joining; ``headers`` include
    ``Content-Length`` whenever there is a body."""

    method: str
    url: str
    headers: Mapping[str, str]
    body: tuple[bytes, ...] = ()

    @property
    def content_length(self) -> int:
        """The body's length in bytes."""
        return sum(len(part) for part in self.body)

    @property
    def content(self) -> bytes:
        """The body as one byte string (a copy)."""
        return b"".join(self.body)


@dataclass(frozen=True)
class Response:
    """One HTTP response; ``headers`` has lower-case names (repeated headers joined with ``", "``), so
    ``response.headers.get("x-ratelimit-reset")`` and :meth:`header` work whatever the server's case."""

    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""

    @classmethod
    def build(
        cls, status: int, headers: Iterable[tuple[str, str]] | Mapping[str, str], body: bytes
    ) -> Response:
        """A response from any client's parts: header names are lower-cased and repeats joined."""
        items = headers.items() if isinstance(headers, Mapping) else headers
        merged: dict[str, str] = {}
        for name, value in items:
            key = name.lower()
            merged[key] = f"{merged[key]}, {value}" if key in merged else value
        return cls(status, merged, bytes(body))

    def header(self, name: str, default: str | None = None) -> str | None:
        """The header ``name`` (any case), or ``default``."""
        return self.headers.get(name.lower(), default)

    def json(self) -> Any:
        """The body parsed as JSON."""
        return json.loads(self.body)


Send = Callable[[Request], Response]
"""A synchronous sender."""

AsyncSend = Callable[[Request], Awaitable[Response]]
"""An asynchronous sender."""

_Data = Union[bytes, tuple[bytes, ...], None]


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Answer a redirect with the redirect itself: uploads never need one, and not following it keeps
    credentials on the endpoint."""

    def redirect_request(  # noqa: PLR0917  (urllib's signature)
        self,
        req: urllib.request.Request,
        fp: Any,
        code: int,
        msg: str,
        headers: Any,
        newurl: str,
    ) -> None:
        return None


def urllib_sender(
    *, opener: urllib.request.OpenerDirector | None = None, timeout: float | None = 60.0
) -> Send:
    """A sender over ``urllib.request``.

    By default it uses an opener that does not follow redirects. With your own ``opener`` (for proxies or
    TLS settings), credential headers are still added with ``add_unredirected_header``, so urllib does not
    copy them to a redirect's next hop. ``timeout`` is in seconds per request.
    """
    director = opener if opener is not None else urllib.request.build_opener(_NoRedirects)

    def send(request: Request) -> Response:
        data: _Data = request.body if request.body else None
        req = urllib.request.Request(request.url, data=data, method=request.method)
        for name, value in request.headers.items():
            if name.lower() in CREDENTIAL_HEADERS:
                req.add_unredirected_header(name, value)
            else:
                req.add_header(name, value)
        try:
            try:
                reply = director.open(req, timeout=timeout)
            except urllib.error.HTTPError as error:
                with error:
                    return Response.build(error.code, error.headers.items(), error.read())
            with reply:
                return Response.build(reply.status, reply.headers.items(), reply.read())
        except TransportError:
            raise
        except (OSError, http.client.HTTPException) as error:  # URLError is an OSError
            raise NetworkError.wrapping(error, request.method, request.url) from error

    return send
