"""No credential reaches another origin, redirects included, with any adapter.

Two real servers on 127.0.0.1 with different ports: A is the endpoint, B is another origin. A answers
``/v1/hop?to=<url>&code=<3xx>`` with a redirect; B answers ``/bounce?to=<url>`` with a 302. Every test
first checks that the hop to B really happened, so a passing test never means "B was not asked".
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import pytest

from appwrite_dsl.transport import Signer

from .clients import ADAPTERS, fetch
from .conftest import Serve
from .servers import Captured, LocalServer, Reply, json_reply

CREDENTIALS: list[dict[str, Any]] = [
    {"key": "key-secret"},
    {"jwt": "jwt.secret.value"},
    {"session": "session-secret"},
    {"cookie": "a_session_proj=cookie-secret"},
    {"fallback_cookies": {"a_session_proj": "fallback-secret"}},
    {"bearer": "bearer-secret"},
]


def redirector(request: Captured) -> Reply:
    query = dict(request.query)
    if request.path in ("/v1/hop", "/bounce"):
        return (int(query.get("code", "302")), [("Location", query["to"])], b"")
    return json_reply(200, {"path": request.path})


def hop(server: LocalServer, to: str, code: int = 302, prefix: str = "/v1/hop") -> str:
    return f"{server.origin}{prefix}?{urlencode({'to': to, 'code': code})}"


def leaked(signer: Signer, requests: list[Captured]) -> list[tuple[str, str]]:
    """Headers of ``requests`` that carry one of the signer's names or values."""
    names = {name.lower() for name in signer.headers()}
    values = set(signer.headers().values())
    return [(k, v) for r in requests for k, v in r.headers if k.lower() in names or v in values]


def assert_signed(signer: Signer, request: Captured) -> None:
    for name, value in signer.headers().items():
        assert request.header(name) == value, (name, request.headers)


@pytest.mark.parametrize("credential", CREDENTIALS, ids=lambda c: next(iter(c)))
@pytest.mark.parametrize(("method", "code"), [("GET", 302), ("POST", 303), ("POST", 307)])
@pytest.mark.parametrize("kind", ADAPTERS)
def test_a_redirect_to_another_origin_carries_no_credential(
    serve: Serve, kind: str, method: str, code: int, credential: dict[str, Any]
) -> None:
    a, b = serve(redirector), serve(redirector)
    signer = Signer(f"{a.origin}/v1", "proj", locale="de", **credential)
    status = fetch(
        kind,
        signer,
        method,
        hop(a, f"{b.origin}/landing", code),
        body=b"payload" if method == "POST" else None,
    )

    followed = not (kind == "urllib" and code == 307)  # urllib does not redirect a POST on 307 (RFC 7231)
    assert status == (200 if followed else 307)
    assert len(a.taken()) == 1
    assert_signed(signer, a.taken()[0])
    assert [r.path for r in b.taken()] == (["/landing"] if followed else [])
    assert leaked(signer, b.taken()) == []
    if followed and code == 307:
        assert b.taken()[0].body == b"payload"


@pytest.mark.parametrize("kind", ADAPTERS)
def test_a_hop_back_to_the_endpoint_is_signed_again(serve: Serve, kind: str) -> None:
    a, b = serve(redirector), serve(redirector)
    signer = Signer(f"{a.origin}/v1", "proj", key="key-secret")
    back = hop(b, f"{a.origin}/v1/final", prefix="/bounce")
    assert fetch(kind, signer, "GET", hop(a, back)) == 200
    assert [r.path for r in a.taken()] == ["/v1/hop", "/v1/final"]
    assert [r.path for r in b.taken()] == ["/bounce"]
    assert_signed(signer, a.taken()[1])
    assert leaked(signer, b.taken()) == []


@pytest.mark.parametrize("kind", ADAPTERS)
def test_a_same_origin_redirect_stays_signed(serve: Serve, kind: str) -> None:
    a = serve(redirector)
    signer = Signer(f"{a.origin}/v1", "proj", jwt="jwt.secret.value")
    assert fetch(kind, signer, "GET", hop(a, "/v1/moved")) == 200
    assert [r.path for r in a.taken()] == ["/v1/hop", "/v1/moved"]
    assert_signed(signer, a.taken()[1])


@pytest.mark.parametrize("kind", ADAPTERS)
def test_requests_to_other_origins_are_left_alone(serve: Serve, kind: str) -> None:
    a, b = serve(redirector), serve(redirector)
    signer = Signer(f"{a.origin}/v1", "proj", key="key-secret")
    assert fetch(kind, signer, "GET", f"{b.origin}/v1/account") == 200
    # same host, same path, another port: another origin
    assert len(b.taken()) == 1
    assert leaked(signer, b.taken()) == []
    assert b.taken()[0].header("X-Appwrite-Project") is None


@pytest.mark.parametrize("kind", ADAPTERS)
def test_the_scheme_is_part_of_the_origin(serve: Serve, kind: str) -> None:
    b = serve(redirector)
    signer = Signer(f"https://127.0.0.1:{b.port}/v1", "proj", key="key-secret")
    assert fetch(kind, signer, "GET", f"{b.origin}/v1/account") == 200
    assert leaked(signer, b.taken()) == []


@pytest.mark.parametrize(
    "header", ["X-Appwrite-Key", "X-Appwrite-JWT", "X-Appwrite-Session", "X-Fallback-Cookies"]
)
@pytest.mark.parametrize("kind", ADAPTERS)
def test_a_credential_the_caller_set_does_not_follow_a_redirect(serve: Serve, kind: str, header: str) -> None:
    """A per-request credential header, set by the caller rather than the signer, stays on the endpoint."""
    a, b = serve(redirector), serve(redirector)
    signer = Signer(f"{a.origin}/v1", "proj", key="key-secret")
    status = fetch(kind, signer, "GET", hop(a, f"{b.origin}/landing"), headers={header: "caller-secret"})
    assert status == 200
    assert [r.path for r in b.taken()] == ["/landing"]
    assert a.taken()[0].header(header) is not None
    sent_to_b = [
        (k, v) for r in b.taken() for k, v in r.headers if v == "caller-secret" or "caller-secret" in v
    ]
    assert sent_to_b == []


def test_update_headers_drops_every_credential_off_the_endpoint() -> None:
    signer = Signer("https://cloud.appwrite.io/v1", "proj", key="k")
    headers = {
        "X-Appwrite-Key": "per-request",
        "x-appwrite-jwt": "j",
        "X-Appwrite-Project": "proj",
        "Accept": "*/*",
    }
    signer.update_headers(headers, same_origin=False)
    assert headers == {"Accept": "*/*"}
