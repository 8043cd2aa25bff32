"""Local HTTP servers for the transport tests, and a fake Appwrite that checks uploads as the server does.

Servers bind 127.0.0.1 only, run ``ThreadingHTTPServer`` in a thread, speak HTTP/1.0 (one request per
connection, so no idle keep-alive thread outlives a test) and are stopped by the fixtures in conftest.py.
"""

from __future__ import annotations

import hashlib
import json
import re
import socket
import ssl
import struct
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Union
from urllib.parse import parse_qsl, urlsplit

CHUNK = 5 * 1024 * 1024
DROP = object()  # a reply that closes the connection without answering

Reply = Union[tuple[int, list[tuple[str, str]], bytes], object]


@dataclass
class Captured:
    """One request as the server read it."""

    method: str
    target: str
    headers: list[tuple[str, str]]
    body: bytes

    @property
    def path(self) -> str:
        return urlsplit(self.target).path

    @property
    def query(self) -> list[tuple[str, str]]:
        return parse_qsl(urlsplit(self.target).query, keep_blank_values=True)

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    def names(self) -> set[str]:
        return {key.lower() for key, _ in self.headers}


Responder = Callable[[Captured], Reply]


def json_reply(status: int, data: Any, headers: list[tuple[str, str]] | None = None) -> Reply:
    return (status, [("Content-Type", "application/json"), *(headers or [])], json.dumps(data).encode())


def error_reply(status: int, message: str, kind: str) -> Reply:
    return json_reply(status, {"message": message, "code": status, "type": kind, "version": "1.8.0"})


class LocalServer:
    """A ThreadingHTTPServer on 127.0.0.1 that records requests and answers with ``responder``."""

    def __init__(
        self, responder: Responder, *, keep_bodies: bool = True, tls: ssl.SSLContext | None = None
    ) -> None:
        self.responder = responder
        self.keep_bodies = keep_bodies
        self.scheme = "http" if tls is None else "https"
        self.requests: list[Captured] = []
        self._lock = threading.Lock()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _body(self) -> bytes:
                if (self.headers.get("Transfer-Encoding") or "").lower() == "chunked":
                    parts = []
                    for _ in range(100_000):
                        size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                        if size == 0:
                            self.rfile.readline()
                            break
                        parts.append(self.rfile.read(size))
                        self.rfile.readline()
                    return b"".join(parts)
                length = int(self.headers.get("Content-Length") or 0)
                return self.rfile.read(length) if length else b""

            def _handle(self) -> None:
                cut = getattr(owner.responder, "cut_before_body", None)
                if cut is not None and cut(self.command, self.headers):
                    # read a little of the body, then reset the connection (RST) while the client sends
                    self.rfile.read(min(65536, int(self.headers.get("Content-Length") or 0)))
                    self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    self.close_connection = True
                    with owner._lock:
                        owner.requests.append(
                            Captured(self.command, self.path, list(self.headers.items()), b"")
                        )
                    return
                body = self._body()
                captured = Captured(self.command, self.path, list(self.headers.items()), body)
                reply = owner.responder(captured)
                if not owner.keep_bodies:
                    captured.body = b""
                with owner._lock:
                    owner.requests.append(captured)
                if reply is DROP:
                    self.close_connection = True
                    return
                assert isinstance(reply, tuple)
                status, headers, payload = reply
                self.send_response(status)
                for name, value in headers:
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = do_HEAD = _handle

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self._server.socket = tls.wrap_socket(self._server.socket, server_side=True)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.01})
        self._thread.daemon = True
        self._thread.start()

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    @property
    def origin(self) -> str:
        return f"{self.scheme}://127.0.0.1:{self.port}"

    def taken(self) -> list[Captured]:
        with self._lock:
            return list(self.requests)

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
        assert not self._thread.is_alive()


# --- multipart -----------------------------------------------------------------------------------


@dataclass
class Part:
    name: str
    filename: str | None
    content_type: str | None
    data: memoryview


_DISPOSITION = re.compile(r'^form-data; name="([^"]*)"(?:; filename="([^"]*)")?$')


def parse_multipart(body: bytes, content_type: str) -> list[Part]:
    """A strict reader of the layout requests/urllib3 write; raises AssertionError on anything else.
    File data stays a memoryview of ``body`` (no copy)."""
    match = re.fullmatch(r"multipart/form-data; boundary=([0-9A-Za-z'()+_,./:=?-]{1,70})", content_type)
    assert match, content_type
    delimiter = b"--" + match.group(1).encode()
    view = memoryview(body)
    assert body.startswith(delimiter + b"\r\n"), body[:80]
    assert body.endswith(b"\r\n" + delimiter + b"--\r\n"), body[-80:]
    parts = []
    position = len(delimiter) + 2
    end_of_parts = len(body) - len(delimiter) - 6
    while True:
        head_end = body.find(b"\r\n\r\n", position)
        assert head_end != -1
        headers = body[position:head_end].decode().split("\r\n")
        disposition = [h.split(": ", 1)[1] for h in headers if h.lower().startswith("content-disposition: ")]
        kinds = [h.split(": ", 1)[1] for h in headers if h.lower().startswith("content-type: ")]
        assert len(disposition) == 1 and len(headers) == 1 + len(kinds), headers
        found = _DISPOSITION.match(disposition[0])
        assert found, disposition
        start = head_end + 4
        stop = body.find(b"\r\n" + delimiter, start)
        assert stop != -1
        parts.append(Part(found.group(1), found.group(2), kinds[0] if kinds else None, view[start:stop]))
        if stop == end_of_parts:
            return parts
        assert body[stop + 2 + len(delimiter) : stop + 4 + len(delimiter)] == b"\r\n"
        position = stop + 4 + len(delimiter)


# --- a fake Appwrite ---------------------------------------------------------------------------------

_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,35}$")
_RANGE = re.compile(r"^([^ ]+) ([0-9]+)-([0-9]+)/([0-9]+)$")
_FILES = re.compile(r"^/v1/storage/buckets/([^/]+)/files$")
_FILE = re.compile(r"^/v1/storage/buckets/([^/]+)/files/([^/]+)$")
_ROWS = re.compile(r"^/v1/tablesdb/([^/]+)/tables/([^/]+)/rows$")


@dataclass
class StoredFile:
    file_id: str
    bucket: str
    name: str
    size: int
    total: int
    fields: list[tuple[str, str]]
    keep_data: bool
    chunks: dict[int, bytes] = field(default_factory=dict)
    sha256: Any = field(default_factory=hashlib.sha256)
    next_in_order: int = 0

    def content(self) -> bytes:
        assert self.keep_data
        return b"".join(self.chunks[i] for i in range(self.total))

    @property
    def uploaded(self) -> int:
        return len(self.chunks)

    def as_json(self) -> dict[str, Any]:
        return {
            "$id": self.file_id,
            "bucketId": self.bucket,
            "$createdAt": "2026-01-01T00:00:00.000+00:00",
            "$updatedAt": "2026-01-01T00:00:00.000+00:00",
            "$permissions": [value for name, value in self.fields if name.startswith("permissions")],
            "name": self.name,
            "folder": "",
            "key": self.name,
            "signature": "",
            "mimeType": "application/octet-stream",
            "sizeOriginal": self.size,
            "sizeActual": self.size,
            "chunksTotal": self.total,
            "chunksUploaded": self.uploaded,
            "encryption": False,
            "compression": "none",
        }


class FakeAppwrite:
    """The Appwrite routes the tests need, strict where the real server is strict and stricter where a
    client bug would otherwise pass: the upload rules of the storage route (Content-Range, chunk size and
    X-Appwrite-ID as appwrite/appwrite reads them), checked per chunk.

    ``fail`` maps a 0-based chunk index to ``"before"`` (answer 500 without storing), ``"after"`` (store,
    then answer 500), ``"drop"`` (store, then close the connection without an answer) or ``"cut"`` (reset
    the connection after the first 64 KiB of the request, storing nothing); each fires once.
    """

    def __init__(self, *, project: str = "proj", key: str | None = "secret", keep_data: bool = True) -> None:
        self.project = project
        self.key = key
        self.keep_data = keep_data
        self.files: dict[str, StoredFile] = {}
        self.fail: dict[int, str] = {}
        self.generated = 0
        self.violations: list[str] = []
        self._lock = threading.Lock()

    def cut_before_body(self, method: str, headers: Any) -> bool:
        """Whether to reset the connection in the middle of this request's body (``fail`` mode "cut")."""
        content_range = headers.get("Content-Range")
        match = _RANGE.match(content_range or "")
        if method != "POST" or match is None:
            return False
        index = int(match.group(2)) // CHUNK
        with self._lock:
            if self.fail.get(index) == "cut":
                del self.fail[index]
                return True
        return False

    def __call__(self, request: Captured) -> Reply:
        with self._lock:
            try:
                return self._route(request)
            except AssertionError as error:
                self.violations.append(f"{request.method} {request.target}: {error!r}")
                return error_reply(400, f"test server: {error!r}", "test_protocol_violation")

    def _route(self, request: Captured) -> Reply:
        if request.header("X-Appwrite-Project") != self.project:
            return error_reply(401, "Project is not accessible in this context.", "general_access_forbidden")
        if self.key is not None and request.header("X-Appwrite-Key") != self.key:
            return error_reply(401, "The current user is not authorized.", "general_unauthorized_scope")
        path = request.path
        if request.method == "POST" and _FILES.match(path):
            return self._upload(_FILES.match(path).group(1), request)  # type: ignore[union-attr]
        found = _FILE.match(path)
        if request.method == "GET" and found:
            stored = self.files.get(found.group(2))
            if stored is None:
                return error_reply(404, "The requested file could not be found.", "storage_file_not_found")
            return json_reply(200, stored.as_json())
        if request.method == "GET" and _ROWS.match(path):
            return json_reply(200, {"total": 0, "rows": []})
        return error_reply(404, "Route not found.", "general_route_not_found")

    def _upload(self, bucket: str, request: Captured) -> Reply:
        content_type = request.header("Content-Type") or ""
        parts = parse_multipart(request.body, content_type)
        files = [p for p in parts if p.filename is not None]
        assert len(files) == 1 and files[0].name == "file", [p.name for p in parts]
        upload = files[0]
        fields = [(p.name, bytes(p.data).decode()) for p in parts if p.filename is None]
        form = dict(fields)
        file_id = form.get("fileId")
        if file_id is None:
            return error_reply(400, 'Param "fileId" is not optional.', "general_argument_invalid")
        content_range = request.header("Content-Range")
        header_id = request.header("X-Appwrite-ID")
        data = upload.data
        if content_range is None:
            if file_id == "unique()":
                self.generated += 1
                file_id = f"generated{self.generated:011d}"
            if file_id in self.files:
                return error_reply(
                    409, "A storage file with the same ID already exists.", "storage_file_already_exists"
                )
            stored = StoredFile(file_id, bucket, upload.filename or "", len(data), 1, fields, self.keep_data)
            self._store(stored, 0, data)
            self.files[file_id] = stored
            return json_reply(201, stored.as_json())

        match = _RANGE.match(content_range)
        if not match or match.group(1) != "bytes":
            return error_reply(400, "The content range is invalid.", "storage_invalid_content_range")
        start, end, size = (int(match.group(i)) for i in (2, 3, 4))
        if not start <= end < size:
            return error_reply(400, "The content range is invalid.", "storage_invalid_content_range")
        if header_id is not None:
            if not _KEY.match(header_id):
                return error_reply(
                    400,
                    "The value for x-appwrite-id header is invalid. Please check the value of the x-appwrite-id "
                    "header is a valid id and not unique().",
                    "storage_invalid_appwrite_id",
                )
            assert file_id == header_id, (file_id, header_id)
            file_id = header_id
        elif file_id == "unique()":
            self.generated += 1
            file_id = f"generated{self.generated:011d}"
        total = -(-size // CHUNK)
        index = start // CHUNK
        assert start % CHUNK == 0, start
        assert len(data) == end - start + 1, (len(data), start, end)
        assert len(data) == CHUNK or (index == total - 1 and end == size - 1), (index, len(data))
        if file_id not in self.files:
            self.files[file_id] = StoredFile(
                file_id, bucket, upload.filename or "", size, total, fields, self.keep_data
            )
        stored = self.files[file_id]
        assert (stored.size, stored.name, stored.fields) == (size, upload.filename, fields)
        mode = self.fail.pop(index, None)
        if mode == "before":
            return error_reply(500, "Server Error", "general_server_error")
        self._store(stored, index, data)
        if mode == "after":
            return error_reply(500, "Server Error", "general_server_error")
        if mode == "drop":
            return DROP
        return json_reply(201, stored.as_json())

    def _store(self, stored: StoredFile, index: int, data: memoryview) -> None:
        if stored.keep_data:
            stored.chunks[index] = bytes(data)
            return
        assert index == stored.next_in_order, "a streamed upload must arrive in order"
        stored.sha256.update(data)
        stored.chunks[index] = b""
        stored.next_in_order += 1
