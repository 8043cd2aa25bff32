"""The requests adapter: an ``AuthBase`` that signs every redirect hop, plus an upload sender."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urljoin, urlparse

import requests
import requests.auth
from requests.sessions import SessionRedirectMixin
from requests.utils import requote_uri
from urllib3.util import parse_url

from .responses import Retry
from .sending import Request, Response, Send
from .signing import Signer

__all__ = ["SigningAuth", "redirect_url", "sender"]


def _same_origin(signer: Signer, url: str | None) -> bool:
    if url is None:
        return False
    try:
        parts = parse_url(url)  # the parse urllib3 connects with
    except ValueError:
        return False
    return signer.is_endpoint_origin(parts.scheme or "", parts.host, parts.port)


def redirect_url(response: requests.Response) -> str | None:
    """The URL requests will follow from ``response`` (None if it is not a redirect), computed with the
    steps of ``Session.resolve_redirects``."""
    location = SessionRedirectMixin().get_redirect_target(response)
    if location is None:
        return None
    base = response.url or ""
    if location.startswith("//"):
        location = f"{urlparse(base).scheme}:{location}"
    parsed = urlparse(location)
    url = parsed.geturl()
    return urljoin(base, requote_uri(url)) if not parsed.netloc else requote_uri(url)


class SigningAuth(requests.auth.AuthBase):
    """``auth=`` for requests (per call or ``Session.auth``).

    requests applies an auth once and copies its headers to every redirect hop, stripping only
    ``Authorization``. So this auth also registers a response hook (as requests' own digest auth does):
    before requests copies a redirected request, the hook signs it for the endpoint or removes the
    signer's headers when the next hop leaves the endpoint's origin. A ``Cookie`` credential does not
    survive a redirect, since requests rebuilds that header from its cookie jar. With a ``retry``, the hook
    also retries a 429 answer (bodies of bytes or text only).
    """

    def __init__(self, signer: Signer, retry: Retry | None = None) -> None:
        self.signer = signer
        self.retry = retry

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        self.signer.update_headers(r.headers, same_origin=_same_origin(self.signer, r.url))
        r.register_hook("response", self.handle_response)
        return r

    def handle_response(self, response: requests.Response, **kwargs: Any) -> requests.Response:
        """The response hook: retry a 429, then sign or unsign the request a redirect will copy."""
        request = response.request
        response = self._retry(response, request, kwargs)
        target = redirect_url(response)
        if target is not None:
            self.signer.update_headers(request.headers, same_origin=_same_origin(self.signer, target))
        return response

    def _retry(
        self, response: requests.Response, request: requests.PreparedRequest, kwargs: dict[str, Any]
    ) -> requests.Response:
        attempt, waited = 0, 0.0
        while self.retry is not None and (request.body is None or isinstance(request.body, (bytes, str))):
            delay = self.retry.delay(response.status_code, response.headers, attempt=attempt, waited=waited)
            if delay is None:
                break
            _ = response.content
            response.close()
            (self.retry.sleep or time.sleep)(delay)
            attempt, waited = attempt + 1, waited + delay
            again = response.connection.send(request, **kwargs)
            again.history = [*response.history, response]
            response = again
        return response


class _Body:
    """An upload body: iterated part by part, with a length, so requests sends a Content-Length."""

    def __init__(self, parts: tuple[bytes, ...]) -> None:
        self._parts = parts
        self._length = sum(len(part) for part in parts)

    def __iter__(self) -> Iterator[bytes]:
        return iter(self._parts)

    def __len__(self) -> int:
        return self._length


def sender(session: requests.Session | None = None, *, timeout: float | None = 60.0) -> Send:
    """An upload sender over ``session`` (default: a new ``requests.Session``); redirects are never
    followed. ``timeout`` is in seconds per request."""
    client = requests.Session() if session is None else session

    def send(request: Request) -> Response:
        body: Any = _Body(request.body) if request.body else None
        reply = client.request(
            request.method,
            request.url,
            headers=dict(request.headers),
            data=body,
            allow_redirects=False,
            timeout=timeout,
        )
        return Response.build(reply.status_code, reply.headers.items(), reply.content)

    return send
