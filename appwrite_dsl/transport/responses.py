"""Reading Appwrite's answers: error bodies, rate-limit headers, and when to retry a 429.

Appwrite answers an error with a JSON body such as
``{"message": "Invalid query: …", "code": 400, "type": "general_query_invalid", "version": "1.8.0"}``
and reports its rate limits in ``X-RateLimit-Limit``, ``X-RateLimit-Remaining`` and ``X-RateLimit-Reset``
(the UTC epoch second at which the window resets).

>>> body = b'{"message":"Invalid query","code":400,"type":"general_query_invalid","version":"1.8.0"}'
>>> error = AppwriteError.from_response(400, body)
>>> error.type, error.code
('general_query_invalid', 400)
>>> RateLimit.from_headers({"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0",
...                         "X-RateLimit-Reset": "1700000000"})
RateLimit(limit=60, remaining=0, reset=1700000000)
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

from .errors import TransportError

__all__ = ["AppwriteError", "HeaderLookup", "RateLimit", "Retry", "raise_for_status"]


class HeaderLookup(Protocol):
    """Anything with a case-insensitive ``get(name)``: the header objects of httpx, requests, aiohttp and
    ``http.client``, or this package's :class:`~appwrite_dsl.transport.sending.Response` headers. A plain
    dict works when its keys are spelled as looked up."""

    def get(self, __name: str) -> Any: ...


def _header(headers: HeaderLookup | None, name: str) -> str | None:
    if headers is None:
        return None
    value = headers.get(name)
    if value is None:
        value = headers.get(name.lower())
    return None if value is None else str(value)


def _int(text: str | None) -> int | None:
    if text is None:
        return None
    text = text.strip()
    if not text.isdigit() or not text.isascii():
        return None
    return int(text)


@dataclass(frozen=True)
class RateLimit:
    """The rate-limit headers of one response: the requests allowed per window, those left, and the UTC
    epoch second at which the window resets."""

    limit: int
    remaining: int
    reset: int

    @classmethod
    def from_headers(cls, headers: HeaderLookup) -> RateLimit | None:
        """The record, or None unless all three headers are present and hold non-negative integers
        (routes without a limit send none of them)."""
        values = [
            _int(_header(headers, name))
            for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset")
        ]
        limit, remaining, reset = values
        if limit is None or remaining is None or reset is None:
            return None
        return cls(limit, remaining, reset)

    def seconds_until_reset(self, now: float | None = None) -> float:
        """Seconds from ``now`` (default: the current time) until the window resets; 0 if it has."""
        return max(0.0, self.reset - (time.time() if now is None else now))


class AppwriteError(TransportError):
    """An error answered by an Appwrite server (or by something in front of it).

    ``message``, ``code``, ``type`` (such as ``general_query_invalid``) and ``version`` come from the JSON
    body; ``status`` is the HTTP status, ``body`` the raw body text, ``headers`` the response's headers
    (lower-case names) and ``rate_limit`` the rate-limit headers if the response had them. For a body that
    is not Appwrite's JSON (a proxy's HTML page), ``message`` is the body text, ``code`` the status and
    ``type`` None.

    It belongs to the transport's family (:class:`~appwrite_dsl.transport.errors.TransportError`), not to
    :class:`~appwrite_dsl.errors.ParseError`: that family describes text this library read and carries a
    source and a span to point a caret at, and a server's verdict on a request has neither; it is never
    caught by ``except ValueError``.
    """

    message: str
    status: int
    code: int
    type: str | None
    version: str | None
    body: str
    headers: Mapping[str, str]
    rate_limit: RateLimit | None

    def __init__(
        self,
        message: str,
        *,
        status: int,
        code: int | None = None,
        type: str | None = None,
        version: str | None = None,
        body: str = "",
        headers: Mapping[str, str] | None = None,
        rate_limit: RateLimit | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = status if code is None else code
        self.type = type
        self.version = version
        self.body = body
        self.headers = dict(headers or {})
        self.rate_limit = rate_limit

    @classmethod
    def from_response(
        cls, status: int, body: bytes | str, headers: HeaderLookup | None = None
    ) -> AppwriteError:
        """The error described by a response's status, body and (optionally) headers."""
        text = body.decode("utf-8", "replace") if isinstance(body, (bytes, bytearray)) else body
        rate_limit = RateLimit.from_headers(headers) if headers is not None else None
        items = getattr(headers, "items", None)
        kept = {str(name).lower(): str(value) for name, value in items()} if callable(items) else {}
        try:
            data = json.loads(text)
        except ValueError:
            data = None
        if isinstance(data, dict) and isinstance(data.get("message"), str):
            code = data.get("code")
            kind = data.get("type")
            version = data.get("version")
            return cls(
                data["message"],
                status=status,
                code=code if isinstance(code, int) and not isinstance(code, bool) else None,
                type=kind if isinstance(kind, str) else None,
                version=version if isinstance(version, str) else None,
                body=text,
                headers=kept,
                rate_limit=rate_limit,
            )
        message = text.strip()[:500] or f"HTTP {status}"
        return cls(message, status=status, body=text, headers=kept, rate_limit=rate_limit)

    def __str__(self) -> str:
        kind = f"{self.type}, " if self.type else ""
        return f"{self.message} ({kind}HTTP {self.status})"

    def __repr__(self) -> str:
        return f"AppwriteError({self.message!r}, status={self.status}, type={self.type!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.message, self.__dict__))


def _rebuild(message: str, state: dict[str, Any]) -> AppwriteError:
    error = AppwriteError(message, status=state["status"])
    error.__dict__.update(state)
    return error


def raise_for_status(status: int, body: bytes | str, headers: HeaderLookup | None = None) -> None:
    """Raise :class:`AppwriteError` for a status of 400 or more; do nothing otherwise."""
    if status >= 400:
        raise AppwriteError.from_response(status, body, headers)


@dataclass(frozen=True)
class Retry:
    """When to retry a request answered 429 (opt-in: adapters take ``retry=Retry()``).

    A 429 is retried after the wait its headers ask for: ``Retry-After`` (seconds or an HTTP date) if
    present, else until ``X-RateLimit-Reset``, else ``fallback`` seconds. At most ``attempts`` retries per
    request, and never more than ``max_wait`` seconds of waiting in total: a wait that would pass that
    budget is not started and the 429 goes back to the caller (Appwrite's windows can last an hour).
    ``sleep`` replaces ``time.sleep`` (``asyncio.sleep`` in async adapters; an async adapter awaits what
    it returns) and ``clock`` replaces ``time.time``; both are there for tests.
    """

    attempts: int = 3
    max_wait: float = 60.0
    fallback: float = 1.0
    sleep: Callable[[float], Any] | None = None
    clock: Callable[[], float] = time.time

    def __post_init__(self) -> None:
        if isinstance(self.attempts, bool) or not isinstance(self.attempts, int) or self.attempts < 0:
            raise ValueError(f"attempts must be a non-negative int, not {self.attempts!r}")
        for name in ("max_wait", "fallback"):
            value = getattr(self, name)
            if (
                isinstance(value, bool)
                or not isinstance(value, (int, float))
                or not 0 <= value < float("inf")
            ):
                raise ValueError(f"{name} must be a finite number of seconds >= 0, not {value!r}")

    def delay(self, status: int, headers: HeaderLookup, *, attempt: int, waited: float) -> float | None:
        """Seconds to wait before retrying, or None not to retry.

        ``attempt`` is the number of retries already made for this request and ``waited`` the seconds
        already spent waiting for it.
        """
        if status != 429 or attempt >= self.attempts:
            return None
        wait = self._wait(headers)
        if waited + wait > self.max_wait:
            return None
        return wait

    def _wait(self, headers: HeaderLookup) -> float:
        retry_after = _header(headers, "Retry-After")
        if retry_after is not None:
            seconds = _int(retry_after)
            if seconds is not None:
                return float(seconds)
            try:
                when = email.utils.parsedate_to_datetime(retry_after)
            except (TypeError, ValueError, IndexError):
                when = None
            if when is not None and when.tzinfo is not None:
                return max(0.0, when.timestamp() - self.clock())
        reset = _int(_header(headers, "X-RateLimit-Reset"))
        if reset is not None:
            return max(0.0, reset - self.clock())
        return float(self.fallback)
