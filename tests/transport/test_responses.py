"""Error bodies, rate-limit headers and the 429 retry policy (no network)."""

from __future__ import annotations

import pickle
from email.utils import formatdate

import pytest

from appwrite_dsl import ParseError
from appwrite_dsl.transport import AppwriteError, RateLimit, Response, Retry, raise_for_status

NOW = 1_700_000_000.0
BODY = (
    b'{"message":"Invalid query: Attribute not found in schema: nme","code":400,'
    b'"type":"general_query_invalid","version":"1.8.0"}'
)
LIMITED = {"X-RateLimit-Limit": "60", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": str(int(NOW) + 30)}


def test_an_error_body_becomes_a_typed_exception() -> None:
    error = AppwriteError.from_response(400, BODY, LIMITED)
    assert error.message == "Invalid query: Attribute not found in schema: nme"
    assert (error.status, error.code, error.type, error.version) == (
        400,
        400,
        "general_query_invalid",
        "1.8.0",
    )
    assert error.rate_limit == RateLimit(60, 0, int(NOW) + 30)
    assert error.body == BODY.decode()
    assert str(error) == "Invalid query: Attribute not found in schema: nme (general_query_invalid, HTTP 400)"
    assert repr(error) == (
        "AppwriteError('Invalid query: Attribute not found in schema: nme', status=400, type='general_query_invalid')"
    )
    assert not isinstance(error, (ValueError, ParseError))
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.message, copy.status, copy.type, copy.rate_limit) == (
        error.message,
        400,
        error.type,
        error.rate_limit,
    )


@pytest.mark.parametrize(
    ("status", "body", "message", "code", "kind"),
    [
        (502, b"<html>Bad Gateway</html>", "<html>Bad Gateway</html>", 502, None),
        (500, b"", "HTTP 500", 500, None),
        (404, '{"message":"Nope","code":"x","type":7}', "Nope", 404, None),
        (400, b'["not", "an", "object"]', '["not", "an", "object"]', 400, None),
        (429, b'{"message":"Too many requests","code":429}', "Too many requests", 429, None),
    ],
)
def test_other_bodies(status: int, body: bytes | str, message: str, code: int, kind: str | None) -> None:
    error = AppwriteError.from_response(status, body)
    assert (error.message, error.code, error.type, error.rate_limit) == (message, code, kind, None)


def test_raise_for_status() -> None:
    raise_for_status(200, b"{}")
    raise_for_status(302, b"")
    with pytest.raises(AppwriteError, match=r"general_query_invalid, HTTP 400"):
        raise_for_status(400, BODY)


def test_rate_limit_headers() -> None:
    response = Response.build(
        200, [("x-ratelimit-limit", "10"), ("X-RateLimit-Remaining", "9"), ("X-RATELIMIT-RESET", "5")], b""
    )
    assert RateLimit.from_headers(response.headers) == RateLimit(10, 9, 5)
    assert RateLimit(10, 9, 5).seconds_until_reset(now=2.5) == 2.5
    assert RateLimit(10, 9, 5).seconds_until_reset(now=9) == 0.0
    assert RateLimit.from_headers({}) is None
    assert RateLimit.from_headers({**LIMITED, "X-RateLimit-Reset": "soon"}) is None
    assert RateLimit.from_headers({**LIMITED, "X-RateLimit-Limit": "-1"}) is None


def test_retry_waits_for_the_reset() -> None:
    retry = Retry(clock=lambda: NOW)
    assert retry.delay(429, LIMITED, attempt=0, waited=0) == 30.0
    assert retry.delay(429, LIMITED, attempt=1, waited=30) == 30.0
    assert retry.delay(429, LIMITED, attempt=1, waited=31) is None  # 61 s would pass max_wait=60
    assert retry.delay(429, LIMITED, attempt=3, waited=0) is None  # attempts used up
    assert retry.delay(503, LIMITED, attempt=0, waited=0) is None  # only 429 is retried
    assert retry.delay(429, {**LIMITED, "X-RateLimit-Reset": str(int(NOW) - 5)}, attempt=0, waited=0) == 0.0
    assert retry.delay(429, {}, attempt=0, waited=0) == 1.0
    assert retry.delay(429, {"Retry-After": "4", **LIMITED}, attempt=0, waited=0) == 4.0
    http_date = formatdate(NOW + 12, usegmt=True)
    assert retry.delay(429, {"Retry-After": http_date}, attempt=0, waited=0) == 12.0
    assert retry.delay(429, {"Retry-After": "garbage", **LIMITED}, attempt=0, waited=0) == 30.0
    assert Retry(max_wait=10, clock=lambda: NOW).delay(429, LIMITED, attempt=0, waited=0) is None
    assert Retry(attempts=0).delay(429, {}, attempt=0, waited=0) is None


@pytest.mark.parametrize(
    "options", [{"attempts": -1}, {"attempts": 1.5}, {"max_wait": float("inf")}, {"fallback": -1}]
)
def test_retry_options_are_checked(options: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        Retry(**options)  # type: ignore[arg-type]


def test_response_record() -> None:
    response = Response.build(
        200, [("Set-Cookie", "a=1"), ("set-cookie", "b=2"), ("Content-Type", "application/json")], b'{"a": 1}'
    )
    assert response.headers == {"set-cookie": "a=1, b=2", "content-type": "application/json"}
    assert response.header("CONTENT-TYPE") == "application/json"
    assert response.header("missing", "d") == "d"
    assert response.json() == {"a": 1}
