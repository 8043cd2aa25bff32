"""httpx_client keeps the client's own settings: ``verify=``, ``proxy=`` (and the proxy variables of the
environment) and ``limits=``, each checked by what a real server on 127.0.0.1 sees."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from pathlib import Path
from typing import Any

import pytest

from appwrite_dsl.transport import Signer, httpx_auth, httpx_client, httpx_transport

from .conftest import Serve
from .servers import Captured, json_reply

httpx = pytest.importorskip("httpx")


def ok(request: Captured) -> Any:
    return json_reply(200, {"ok": True})


@pytest.fixture
def certificate(tmp_path: Path) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (made with the openssl command)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("needs the openssl command")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    request = ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert)]
    subject = ["-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"]
    subprocess.run(
        [openssl, *request, *subject],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key


def test_verify_is_kept(serve: Serve, certificate: tuple[Path, Path]) -> None:
    cert, key = certificate
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    server = serve(ok, tls=server_tls)
    signer = Signer(f"{server.origin}/v1", "proj", key="k")
    url = f"{server.origin}/v1/account"

    trusted = ssl.create_default_context(cafile=str(cert))
    with httpx_client(signer, verify=trusted) as client:
        assert client.get(url).status_code == 200
    with httpx_client(signer, verify=False) as client:
        assert client.get(url).status_code == 200
    with httpx_client(signer) as client, pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
        client.get(url)
    assert [r.header("X-Appwrite-Key") for r in server.taken()] == ["k", "k"]

    # why httpx_client exists: a transport passed to the client does not get the client's verify=
    with (
        httpx.Client(transport=httpx_transport(signer), verify=trusted) as client,
        pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"),
    ):
        client.get(url)


def test_a_proxy_is_kept(serve: Serve, monkeypatch: pytest.MonkeyPatch) -> None:
    """A forward proxy receives the absolute URL of an http:// request; here it answers itself."""
    endpoint, proxy = serve(ok), serve(ok)
    signer = Signer(f"{endpoint.origin}/v1", "proj", key="k")
    url = f"{endpoint.origin}/v1/account"
    with httpx_client(signer, proxy=proxy.origin) as client:
        assert client.get(url).status_code == 200
    # httpx_auth's redirect guard reads the target of a request to a forward proxy, not the proxy's origin
    with httpx.Client(auth=httpx_auth(signer), proxy=proxy.origin, follow_redirects=True) as client:
        assert client.get(url).status_code == 200
    monkeypatch.setenv("HTTP_PROXY", proxy.origin)
    monkeypatch.delenv("NO_PROXY")
    monkeypatch.delenv("no_proxy")
    with httpx_client(signer) as client:  # trust_env=True: the proxy variables
        assert client.get(url).status_code == 200
    with httpx_client(signer, trust_env=False) as client:
        assert client.get(url).status_code == 200

    assert [r.target for r in proxy.taken()] == [url, url, url]
    assert [r.header("X-Appwrite-Key") for r in proxy.taken()] == ["k", "k", "k"]
    assert [r.target for r in endpoint.taken()] == ["/v1/account"]
    assert endpoint.taken()[0].header("X-Appwrite-Key") == "k"


def test_limits_are_kept(serve: Serve) -> None:
    """With one connection allowed, a second request waits for the first's and times out in the pool."""
    server = serve(ok)
    signer = Signer(f"{server.origin}/v1", "proj", key="k")
    url = f"{server.origin}/v1/account"
    one = httpx.Limits(max_connections=1)
    with httpx_client(signer, limits=one, timeout=httpx.Timeout(10, pool=0.2)) as client:
        with client.stream("GET", url) as held:
            assert held.status_code == 200
            with pytest.raises(httpx.PoolTimeout):
                client.get(url)
        assert client.get(url).status_code == 200
    # a transport passed to the client does not get the client's limits
    with (
        httpx.Client(
            transport=httpx_transport(signer), limits=one, timeout=httpx.Timeout(10, pool=0.2)
        ) as client,
        client.stream("GET", url) as held,
    ):
        assert client.get(url).status_code == 200
    assert {r.header("X-Appwrite-Key") for r in server.taken()} == {"k"}
