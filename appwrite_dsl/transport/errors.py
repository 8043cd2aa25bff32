"""The transport's error family: one ``except TransportError`` for every way a request can fail.

============================  ==========================================================================
:class:`TransportError`       a request to Appwrite did not succeed (the base; catch this one)
:class:`NetworkError`         no complete answer arrived: the connection failed, dropped or timed out;
                              the HTTP client's own exception is its ``__cause__``; also an ``OSError``
:class:`UnsafeRedirect`       a redirect would have carried a credential to another origin, and the
                              request was stopped before the hop was sent
``AppwriteError``             the server answered with an error status
                              (:class:`~appwrite_dsl.transport.responses.AppwriteError`)
============================  ==========================================================================

Every upload sender turns its client's network exceptions (``httpx.TransportError``,
``requests.RequestException``, ``aiohttp.ClientError``, ``urllib.error.URLError``, ``OSError`` and
``http.client.HTTPException``) into :class:`NetworkError`, so resuming an upload after a dropped connection
is the same code with every client::

    try:
        job.run(send)
    except TransportError:
        job.run(send)  # resumes where the server stopped

These are not :class:`~appwrite_dsl.errors.ParseError` (that family describes text this library read);
a failed request has no source text or span, so the family derives from ``Exception``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["NetworkError", "TransportError", "UnsafeRedirect"]


class TransportError(Exception):
    """A request to Appwrite did not succeed: no usable answer (:class:`NetworkError`), a refused hop
    (:class:`UnsafeRedirect`) or an error answer (``AppwriteError``)."""


class NetworkError(TransportError, OSError):
    """No complete answer arrived for ``method`` ``url``: the connection could not be made, was dropped
    or timed out. ``__cause__`` is the HTTP client's own exception. It is also an ``OSError``, as the
    standard library's network errors are, so ``except OSError`` keeps working."""

    method: str
    url: str

    def __init__(self, message: str, *, method: str = "", url: str = "") -> None:
        super().__init__(message)
        self.method = method
        self.url = url

    @classmethod
    def wrapping(cls, error: BaseException, method: str, url: str) -> NetworkError:
        """The error for ``error`` raised by a client while sending ``method url`` (the caller raises it
        ``from error``)."""
        detail = str(error) or type(error).__name__
        return cls(f"{method} {url}: {type(error).__name__}: {detail}", method=method, url=url)

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __reduce__(self) -> tuple[Any, ...]:
        return (_network_error, (str(self), self.method, self.url))


def _network_error(message: str, method: str, url: str) -> NetworkError:
    return NetworkError(message, method=method, url=url)


class UnsafeRedirect(TransportError):
    """A redirect hop to another origin would have carried a credential header, and was not sent.

    Raised by :func:`~appwrite_dsl.transport.httpx_auth` when the client follows redirects itself
    (``follow_redirects=True``): httpx copies every header to the next hop without running the auth
    again. Use :func:`~appwrite_dsl.transport.httpx_client` (or keep ``follow_redirects=False``)."""

    url: str

    def __init__(self, message: str, *, url: str = "") -> None:
        super().__init__(message)
        self.url = url
