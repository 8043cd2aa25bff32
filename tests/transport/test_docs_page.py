"""docs/transport.md runs as written: every Python block, in page order, against a local server that
stands in for Appwrite Cloud (the only change made to the text is the endpoint URL), and the resume
examples with every sender against a server that loses the connection in the middle of the upload."""

from __future__ import annotations

import ast
import asyncio
import importlib
import io
import re
from pathlib import Path
from typing import Any

import pytest

from appwrite_dsl import Query
from appwrite_dsl.transport import Signer, TransportError, urllib_sender

from .clients import SENDERS, is_async, run_with_sender
from .conftest import Serve
from .servers import CHUNK, Captured, FakeAppwrite, LocalServer, Reply, error_reply, json_reply

PAGE = Path(__file__).resolve().parents[2] / "docs" / "transport.md"
BLOCKS = re.findall(r"```python\n(.*?)```", PAGE.read_text(encoding="utf-8"), flags=re.S)
CLOUD = "https://cloud.appwrite.io/v1"
RESUME = [block for block in BLOCKS if "except TransportError:" in block]


def test_the_page_has_an_example_per_client() -> None:
    text = "\n".join(BLOCKS)
    for name in (
        "urllib_handler",
        "requests_adapter",
        "requests_auth",
        "httpx_auth",
        "httpx_client",
        "httpx_async_client",
        "aiohttp_middleware",
        "upload(",
        "list_request(",
        "raise_on_error=True",
    ):
        assert name in text
    assert len(RESUME) == 2


def test_no_reference_to_private_files() -> None:
    """The page and the transport package state facts themselves or cite public sources."""
    package = Path(__file__).resolve().parents[2] / "appwrite_dsl" / "transport"
    for path in [PAGE, *sorted(package.glob("*.py"))]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"spec/|spec §|transport spec|\.\./shared|/work/", text), path


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block{i}" for i in range(len(BLOCKS))])
def test_each_block_compiles_and_imports_real_names(block: str) -> None:
    tree = ast.parse(block)
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("appwrite_dsl"):
            module = importlib.import_module(node.module)
            for alias in node.names:
                assert hasattr(module, alias.name), f"{node.module}.{alias.name}"


class Cloud:
    """Appwrite for the page's examples: the project is ``my-project``; storage routes are the strict fake
    of servers.py, ``…/missing/…`` is a 404, every other route lists nothing."""

    def __init__(self) -> None:
        self.storage = FakeAppwrite(project="my-project", key=None)
        self.cut_before_body = self.storage.cut_before_body

    def __call__(self, request: Captured) -> Reply:
        if request.path.startswith("/v1/storage/"):
            return self.storage(request)
        if request.header("X-Appwrite-Project") != "my-project":
            return error_reply(401, "Project is not accessible in this context.", "general_access_forbidden")
        if "/missing/" in request.path:
            return error_reply(404, "Table with the requested ID could not be found.", "table_not_found")
        return json_reply(200, {"total": 0, "rows": [], "users": [], "functions": [], "$id": "me"})


def run_block(block: str, server: LocalServer, namespace: dict[str, Any]) -> None:
    exec(compile(block.replace(CLOUD, f"{server.origin}/v1"), "<docs/transport.md>", "exec"), namespace)


def test_the_page_runs(serve: Serve, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cloud = Cloud()
    server = serve(cloud)
    monkeypatch.chdir(tmp_path)
    video = bytes(range(256)) * (CHUNK // 256) + b"end"  # 5 MiB + 3 bytes: two chunks
    (tmp_path / "video.mp4").write_bytes(video)
    dump = b"d" * (2 * CHUNK + 1)
    namespace: dict[str, Any] = {
        "API_KEY": "key-secret",
        "user_jwt": "jwt-secret",
        "stream": io.BytesIO(dump),
        "size": len(dump),
        "send": urllib_sender(),
    }
    ran = 0
    for block in BLOCKS:
        if "run_async" in block:
            continue  # run with every asynchronous sender below
        run_block(block, server, namespace)
        main = namespace.pop("main", None)
        if main is not None:
            asyncio.run(main())
        ran += 1
    assert ran == len(BLOCKS) - 1

    assert namespace["result"].body["chunksUploaded"] == 2
    assert cloud.storage.files[namespace["result"].id].content() == video
    assert cloud.storage.files[namespace["job"].file_id].content() == dump
    assert namespace["request"].method == "POST"
    assert namespace["reply"].status_code == 200
    assert [r.method for r in server.taken() if r.path.endswith("/rows/query")] == ["POST"]
    missing = [r for r in server.taken() if "/missing/" in r.path]
    assert len(missing) == 1 and missing[0].header("X-Appwrite-Key") == "key-secret"
    assert cloud.storage.violations == []
    long_url = Signer(CLOUD, "my-project").url(
        "/tablesdb/db/tables/books/rows",
        {"queries": [Query.equal("$id", [f"book-{n}" for n in range(400)]), Query.limit(25)], "total": False},
    )
    assert len(long_url) == 6935  # as the page says


@pytest.mark.parametrize("mode", ["drop", "cut"])
@pytest.mark.parametrize("kind", SENDERS)
def test_the_resume_example_with_every_sender(serve: Serve, kind: str, mode: str) -> None:
    """The server stores chunk 1 of 3 and closes the connection without answering (``drop``), or resets
    it in the middle of chunk 1 (``cut``); the page's code catches that and resumes."""
    cloud = Cloud()
    server = serve(cloud)
    cloud.storage.fail[1] = mode
    data = (bytes(range(251)) * (2 * CHUNK // 251 + 1))[: 2 * CHUNK + 9]
    signer = Signer(f"{server.origin}/v1", "my-project", key="key-secret")
    namespace: dict[str, Any] = {"signer": signer, "stream": io.BytesIO(data), "size": len(data)}
    block = RESUME[1] if is_async(kind) else RESUME[0]

    if is_async(kind):

        async def job(send: Any) -> None:
            namespace["send"] = send
            run_block(block, server, namespace)
            await namespace["main"]()

    else:

        def job(send: Any) -> None:  # type: ignore[misc]
            namespace["send"] = send
            run_block(block, server, namespace)

    run_with_sender(kind, signer, job)
    (file_id,) = cloud.storage.files
    assert cloud.storage.files[file_id].content() == data
    sent = [(r.method, r.header("Content-Range")) for r in server.taken()]
    ranges = [
        "bytes 0-5242879/10485769",
        "bytes 5242880-10485759/10485769",
        "bytes 10485760-10485768/10485769",
    ]
    resent = [("POST", ranges[1])] if mode == "cut" else []
    assert sent == [("POST", ranges[0]), ("POST", ranges[1]), ("GET", None), *resent, ("POST", ranges[2])]
    assert issubclass(TransportError, Exception)


def test_every_guarantee_names_tests_that_exist() -> None:
    """Each row of the page's guarantee table names at least one test, and every test it names exists."""
    text = PAGE.read_text(encoding="utf-8")
    section = text.split("## Guarantees and the tests that hold them", 1)[1]
    rows = [
        line for line in section.splitlines() if line.startswith("| ") and not line.startswith("| guarantee")
    ]
    assert len(rows) >= 15
    for row in rows:
        names = re.findall(r"`((?:test_\w+\.py)?::test_\w+)`", row)
        assert names, row
        module = None
        for name in names:
            file, _, function = name.partition("::")
            module = importlib.import_module(f"tests.transport.{file[:-3]}") if file else module
            assert module is not None and callable(getattr(module, function, None)), name
