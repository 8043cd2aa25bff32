"""Fixtures: local servers (127.0.0.1 only) started per test and always stopped."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from appwrite_dsl.transport import Signer

from .servers import FakeAppwrite, LocalServer, Responder

Serve = Callable[..., LocalServer]

PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy")


@pytest.fixture(autouse=True)
def no_proxies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every client here honours proxy variables; the local servers must be reached directly."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    monkeypatch.setenv("no_proxy", "127.0.0.1")


@pytest.fixture
def serve() -> Iterator[Serve]:
    """Start a LocalServer with ``serve(responder, keep_bodies=True)``; every one is stopped afterwards."""
    servers: list[LocalServer] = []

    def start(responder: Responder, **options: Any) -> LocalServer:
        server = LocalServer(responder, **options)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


class Appwrite:
    """A fake Appwrite behind a local server, and a signer for it."""

    def __init__(self, fake: FakeAppwrite, server: LocalServer) -> None:
        self.fake = fake
        self.server = server
        self.endpoint = f"{server.origin}/v1"
        self.signer = Signer(self.endpoint, fake.project, key=fake.key)


@pytest.fixture
def appwrite(serve: Serve) -> Iterator[Appwrite]:
    fake = FakeAppwrite()
    yield Appwrite(fake, serve(fake))
    assert fake.violations == []


@pytest.fixture
def appwrite_streaming(serve: Serve) -> Iterator[Appwrite]:
    """A fake that keeps only hashes of what it receives (for very large uploads)."""
    fake = FakeAppwrite(keep_data=False)
    yield Appwrite(fake, serve(fake, keep_bodies=False))
    assert fake.violations == []
