"""The urllib adapter: a handler for ``urllib.request.build_opener``."""

from __future__ import annotations

import time
import urllib.request
from typing import IO, Any

from .responses import AppwriteError, Retry
from .signing import Signer

__all__ = ["SigningHandler", "host_port"]

_RETRY_STATE = "_appwrite_dsl_retry"


def host_port(host: str) -> tuple[str, int | None] | None:
    """Split ``Request.host`` as ``http.client`` does for the connection it opens (last ``:`` after any
    ``]``); None when the port is not a number, where http.client would refuse the URL."""
    i, j = host.rfind(":"), host.rfind("]")
    port: int | None = None
    if i > j:
        text = host[i + 1 :]
        if text:
            if not text.isdigit() or not text.isascii():
                return None
            port = int(text)
        host = host[:i]
    return host, port


class SigningHandler(urllib.request.BaseHandler):
    """Signs every request an opener sends, redirect hops included, when its origin is the endpoint's.

    The headers are added with ``add_unredirected_header``, which urllib does not copy to a redirect's
    next hop; each hop is signed afresh by this handler when it goes back to the endpoint. With a
    ``retry``, a 429 answer is retried after the wait it asks for (see :class:`Retry`). With
    ``raise_on_error``, an error answer from the endpoint raises :class:`AppwriteError` instead of
    urllib's ``HTTPError``.
    """

    def __init__(self, signer: Signer, retry: Retry | None = None, raise_on_error: bool = False) -> None:
        self.signer = signer
        self.retry = retry
        self.raise_on_error = raise_on_error

    def _same_origin(self, req: urllib.request.Request) -> bool:
        parts = host_port(req.host)
        return parts is not None and self.signer.is_endpoint_origin(req.type, parts[0], parts[1])

    def http_request(self, req: urllib.request.Request) -> urllib.request.Request:
        """Add the signer's headers (the request's own win), or remove copies of them off the endpoint."""
        if self._same_origin(req):
            for name, value in self.signer.headers().items():
                if not req.has_header(name.capitalize()):
                    req.add_unredirected_header(name, value)
        else:
            for store in (req.headers, req.unredirected_hdrs):
                for name, value in list(store.items()):
                    if self.signer.is_off_origin_header(name, value):
                        del store[name]
        return req

    https_request = http_request

    def http_response(self, req: urllib.request.Request, response: Any) -> Any:
        """With ``raise_on_error``, raise :class:`AppwriteError` for an error answer from the endpoint
        (after the retries a ``retry`` allows); runs before urllib's own error processing."""
        status = int(response.status)
        if (
            self.raise_on_error
            and status >= 400
            and self._same_origin(req)
            and self._delay(req, status, response.headers) is None
        ):
            with response:
                body = response.read()
            raise AppwriteError.from_response(status, body, response.headers)
        return response

    https_response = http_response

    def _delay(self, req: urllib.request.Request, code: int, hdrs: Any) -> float | None:
        if self.retry is None or not (req.data is None or isinstance(req.data, (bytes, tuple))):
            return None
        attempt, waited = getattr(req, _RETRY_STATE, (0, 0.0))
        return self.retry.delay(code, hdrs, attempt=attempt, waited=waited)

    def http_error_429(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, hdrs: Any
    ) -> Any:
        """Retry a 429 (when a ``retry`` is set and the body can be sent again); None declines, and
        urllib raises the HTTPError as usual."""
        delay = self._delay(req, code, hdrs)
        if delay is None or self.retry is None:
            return None
        attempt, waited = getattr(req, _RETRY_STATE, (0, 0.0))
        fp.read()
        fp.close()
        (self.retry.sleep or time.sleep)(delay)
        again = urllib.request.Request(
            req.full_url,
            data=req.data,
            headers=dict(req.headers),
            origin_req_host=req.origin_req_host,
            unverifiable=req.unverifiable,
            method=req.get_method(),
        )
        setattr(again, _RETRY_STATE, (attempt + 1, waited + delay))
        return self.parent.open(again, timeout=req.timeout)
