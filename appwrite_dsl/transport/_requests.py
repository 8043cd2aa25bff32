"""The requests adapter: an ``AuthBase`` that signs every redirect hop, plus an upload sender."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any
from urllib.parse import urljoin, urlparse

import requests
import requests.adapters
import requests.auth
from requests.sessions import SessionRedirectMixin
from requests.utils import requote_uri
from urllib3.util import parse_url

from .errors import NetworkError, TransportError
from .responses import Retry, raise_for_status
from .sending import Request, Response, Send
from .signing import Signer

__all__ = ["SigningAdapter", "SigningAuth", "redirect_url", "sender"]


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
    signer's headers when the next hop leaves the endpoint's origin. requests itself then edits the copy:
    it removes ``Authorization`` when the host, port or scheme changes and rebuilds ``Cookie`` from its
    cookie jar, after the hook ran; so a hop that returns to the endpoint from another origin carries
    every signer header except a ``bearer=`` or ``cookie=`` credential (:class:`SigningAdapter` keeps
    those too). With a ``retry``, the hook also retries a 429 answer (bodies of bytes or text only); with
    ``raise_on_error``, an error answer from the endpoint raises ``AppwriteError``.
    """

    def __init__(self, signer: Signer, retry: Retry | None = None, raise_on_error: bool = False) -> None:
        self.signer = signer
        self.retry = retry
        self.raise_on_error = raise_on_error

    def __call__(self, r: requests.PreparedRequest) -> requests.PreparedRequest:
        self.signer.update_headers(r.headers, same_origin=_same_origin(self.signer, r.url))
        r.register_hook("response", self.handle_response)
        return r

    def handle_response(self, response: requests.Response, **kwargs: Any) -> requests.Response:
        """The response hook: retry a 429, then sign or unsign the request a redirect will copy."""
        request = response.request
        response = _retry(
            self.retry, response, request, lambda again: response.connection.send(again, **kwargs)
        )
        if self.raise_on_error and response.status_code >= 400 and _same_origin(self.signer, request.url):
            raise_for_status(response.status_code, response.content, response.headers)
        target = redirect_url(response)
        if target is not None:
            self.signer.update_headers(request.headers, same_origin=_same_origin(self.signer, target))
        return response


def _replayable(request: requests.PreparedRequest) -> bool:
    return request.body is None or isinstance(request.body, (bytes, str))


def _retry(
    retry: Retry | None,
    response: requests.Response,
    request: requests.PreparedRequest,
    send: Callable[[requests.PreparedRequest], requests.Response],
) -> requests.Response:
    """Send ``request`` again with ``send`` while ``retry`` allows."""
    attempt, waited = 0, 0.0
    while retry is not None and _replayable(request):
        delay = retry.delay(response.status_code, response.headers, attempt=attempt, waited=waited)
        if delay is None:
            break
        _ = response.content
        response.close()
        (retry.sleep or time.sleep)(delay)
        attempt, waited = attempt + 1, waited + delay
        again = send(request)
        again.history = [*response.history, response]
        response = again
    return response


class SigningAdapter(requests.adapters.HTTPAdapter):
    """A transport adapter that signs a copy of every request it sends, redirect hops included: mount it
    for ``http://`` and ``https://`` on a ``requests.Session``. It runs after requests has edited a
    redirect hop, so a hop that returns to the endpoint carries every signer header, ``Authorization``
    and ``Cookie`` credentials included; every hop to another origin loses them, and loses Appwrite
    credential headers the caller set. ``response.request`` is the request as requests built it (without
    the signer's headers). Other keyword arguments go to ``HTTPAdapter`` (pool sizes, ``max_retries``).
    """

    def __init__(
        self, signer: Signer, retry: Retry | None = None, raise_on_error: bool = False, **options: Any
    ) -> None:
        self.signer = signer
        self.retry = retry
        self.raise_on_error = raise_on_error
        super().__init__(**options)

    def send(  # noqa: PLR0917  (HTTPAdapter's signature)
        self,
        request: requests.PreparedRequest,
        stream: bool = False,
        timeout: Any = None,
        verify: Any = True,
        cert: Any = None,
        proxies: Any = None,
    ) -> requests.Response:
        """Send a signed copy of ``request``; retry a 429 while :class:`Retry` allows."""
        signed = request.copy()
        same = _same_origin(self.signer, signed.url)
        self.signer.update_headers(signed.headers, same_origin=same)
        options = {"stream": stream, "timeout": timeout, "verify": verify, "cert": cert, "proxies": proxies}
        response = super().send(signed, **options)
        response = _retry(
            self.retry, response, signed, lambda again: super(SigningAdapter, self).send(again, **options)
        )
        for answered in (*response.history, response):
            if answered.request is signed:
                answered.request = request
        if self.raise_on_error and same and response.status_code >= 400:
            raise_for_status(response.status_code, response.content, response.headers)
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
        try:
            reply = client.request(
                request.method,
                request.url,
                headers=dict(request.headers),
                data=body,
                allow_redirects=False,
                timeout=timeout,
            )
            return Response.build(reply.status_code, reply.headers.items(), reply.content)
        except TransportError:
            raise
        except (requests.RequestException, OSError) as error:
            raise NetworkError.wrapping(error, request.method, request.url) from error

    return send
