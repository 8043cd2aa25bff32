"""Redirects that leave the endpoint and come back (A → B → A), for every credential and every adapter,
and httpx_auth refusing the hops httpx follows itself.

Two real servers on 127.0.0.1 with different ports: A is the endpoint, B another origin. Each test first
checks the hops really happened (paths on A and on B), so a passing test never means "B was not asked".
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from appwrite_dsl.transport import Signer, UnsafeRedirect, httpx_auth

from .clients import ADAPTERS, TIMEOUT, fetch
from .conftest import Serve
from .test_redirects import CREDENTIALS, assert_signed, hop, leaked, redirector

SIGNER_CREDENTIALS: list[dict[str, Any]] = [
    *CREDENTIALS,
    {"headers": {"X-Appwrite-Dev-Key": "dev-secret", "X-Forwarded-User-Agent": "agent/1"}},
]
"""Every credential a signer can hold, and extra headers it is given (one of them a credential)."""

LOST_ON_RETURN = {"requests": {"authorization", "cookie"}}
"""Signer headers a hop back from another origin does not carry, by adapter: requests removes
``Authorization`` and rebuilds ``Cookie`` after requests_auth's hook has signed the hop
(requests_adapter signs after requests, and keeps them)."""

CALLER_HEADERS = ["X-Appwrite-Key", "X-Appwrite-JWT", "X-Appwrite-Session", "X-Fallback-Cookies"]

CALLER_HEADER_BACK = {
    "urllib": False,
    "requests": False,
    "requests-adapter": True,
    "httpx-client": True,
    "httpx-transport": True,
    "httpx-auth": False,
    "httpx-async-client": True,
    "httpx-async-transport": True,
    "httpx-async-auth": False,
    "aiohttp": True,
}
"""Whether a credential header the caller set on the request is on the hop that comes back to the
endpoint: adapters that sign a copy of each hop leave the client's own request as the caller made it;
those that edit the hop in place removed it on the way out."""


def round_trip(a: Any, b: Any) -> str:
    return hop(a, hop(b, f"{a.origin}/v1/final", prefix="/bounce"))


@pytest.mark.parametrize("credential", SIGNER_CREDENTIALS, ids=lambda c: next(iter(c)))
@pytest.mark.parametrize("kind", ADAPTERS)
def test_a_hop_back_to_the_endpoint_is_signed_again_for_every_credential(
    serve: Serve, kind: str, credential: dict[str, Any]
) -> None:
    a, b = serve(redirector), serve(redirector)
    signer = Signer(f"{a.origin}/v1", "proj", locale="de", **credential)
    assert fetch(kind, signer, "GET", round_trip(a, b)) == 200
    assert [r.path for r in a.taken()] == ["/v1/hop", "/v1/final"]
    assert [r.path for r in b.taken()] == ["/bounce"]
    assert_signed(signer, a.taken()[0])
    lost = LOST_ON_RETURN.get(kind, set())
    kept = Signer(f"{a.origin}/v1", "proj", locale="de", **credential).headers()
    final = a.taken()[1]
    for name, value in kept.items():
        if name.lower() in lost:
            assert final.header(name) != value, name
        else:
            assert final.header(name) == value, (name, final.headers)
    assert leaked(signer, b.taken()) == []


@pytest.mark.parametrize("header", CALLER_HEADERS)
@pytest.mark.parametrize("kind", ADAPTERS)
def test_a_credential_the_caller_set_never_reaches_the_other_origin_of_a_round_trip(
    serve: Serve, kind: str, header: str
) -> None:
    a, b = serve(redirector), serve(redirector)
    signer = Signer(f"{a.origin}/v1", "proj", key="key-secret")
    assert fetch(kind, signer, "GET", round_trip(a, b), headers={header: "caller-secret"}) == 200
    assert [r.path for r in a.taken()] == ["/v1/hop", "/v1/final"]
    assert [r.path for r in b.taken()] == ["/bounce"]
    assert a.taken()[0].header(header) == "caller-secret"
    assert [v for r in b.taken() for _, v in r.headers if "caller-secret" in v] == []
    assert leaked(signer, b.taken()) == []
    final = a.taken()[1]
    # without the caller's header, the hop back carries the signer's (here only for X-Appwrite-Key)
    refill = signer.headers().get(header)
    assert final.header(header) == ("caller-secret" if CALLER_HEADER_BACK[kind] else refill)
    if header != "X-Appwrite-Key":
        assert final.header("X-Appwrite-Key") == "key-secret"


REDIRECT_CODES = [301, 302, 303, 307, 308]


def _get(mode: str, signer: Signer, url: str) -> None:
    """A GET through a client carrying httpx_auth and following redirects itself."""
    httpx = pytest.importorskip("httpx")
    if mode == "sync":
        with httpx.Client(auth=httpx_auth(signer), follow_redirects=True, timeout=TIMEOUT) as client:
            client.get(url)
        return

    async def get() -> None:
        async with httpx.AsyncClient(
            auth=httpx_auth(signer), follow_redirects=True, timeout=TIMEOUT
        ) as client:
            await client.get(url)

    asyncio.run(get())


@pytest.mark.parametrize("credential", SIGNER_CREDENTIALS, ids=lambda c: next(iter(c)))
@pytest.mark.parametrize("code", REDIRECT_CODES)
@pytest.mark.parametrize("mode", ["sync", "async"])
def test_httpx_auth_refuses_a_hop_httpx_follows_to_another_origin(
    serve: Serve, mode: str, code: int, credential: dict[str, Any]
) -> None:
    """httpx copies every header to the next hop without running the auth again; the auth stops the hop
    to B before its headers are written."""
    a, b = serve(redirector), serve(redirector)
    signer = Signer(f"{a.origin}/v1", "proj", locale="de", **credential)
    url = hop(a, f"{b.origin}/landing", code)
    with pytest.raises(UnsafeRedirect, match="httpx_auth cannot sign redirect hops") as raised:
        _get(mode, signer, url)
    assert raised.value.url == b.origin
    assert len(a.taken()) == 1
    assert_signed(signer, a.taken()[0])
    assert b.taken() == []


@pytest.mark.parametrize("code", REDIRECT_CODES)
def test_httpx_auth_follows_a_redirect_that_stays_on_the_endpoint(serve: Serve, code: int) -> None:
    httpx = pytest.importorskip("httpx")
    a = serve(redirector)
    signer = Signer(f"{a.origin}/v1", "proj", key="key-secret")
    events: list[str] = []
    with httpx.Client(auth=httpx_auth(signer), follow_redirects=True, timeout=TIMEOUT) as client:
        reply = client.get(
            hop(a, "/v1/moved", code), extensions={"trace": lambda event, info: events.append(event)}
        )
    assert reply.status_code == 200
    assert [r.path for r in a.taken()] == ["/v1/hop", "/v1/moved"]
    assert_signed(signer, a.taken()[1])
    # a trace the caller set still sees every event
    assert events.count("http11.send_request_headers.started") == 2
