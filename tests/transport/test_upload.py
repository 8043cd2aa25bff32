"""Chunked uploads end to end against a local fake Appwrite that reassembles and checks every byte."""

from __future__ import annotations

import dataclasses
import hashlib
import http.client
import io
import json
import os
import random
import re
import time
import tracemalloc
from typing import Any

import pytest

from appwrite_dsl import InvalidID
from appwrite_dsl.transport import (
    CHUNK_SIZE,
    AppwriteError,
    ChunkedUpload,
    NetworkError,
    Retry,
    Signer,
    UploadError,
    UploadProgress,
    upload,
)

from .conftest import Appwrite, Serve
from .servers import CHUNK, Captured, Reply, json_reply, parse_multipart

PATH = "/storage/buckets/bkt/files"
PERMISSIONS = ['read("any")', 'update("user:u1")']


def data_of(size: int) -> bytes:
    return random.Random(size).randbytes(size)


class OneWayStream:
    """A stream that cannot seek (a pipe, a socket, a generator of bytes)."""

    def __init__(self, data: bytes) -> None:
        self._source = io.BytesIO(data)
        self.reads = 0

    def read(self, size: int) -> bytes:
        self.reads += 1
        return self._source.read(size)


def posts(server_requests: list[Captured]) -> list[Captured]:
    return [r for r in server_requests if r.method == "POST"]


def fields_of(request: Captured) -> dict[str, str]:
    parts = parse_multipart(request.body, request.header("Content-Type") or "")
    return {p.name: bytes(p.data).decode() for p in parts if p.filename is None}


@pytest.mark.parametrize(
    ("size", "ranges"),
    [
        (0, []),
        (1, []),
        (CHUNK - 1, []),
        (CHUNK, []),
        (CHUNK + 1, ["bytes 0-5242879/5242881", "bytes 5242880-5242880/5242881"]),
        (
            3 * CHUNK + 7,
            [
                "bytes 0-5242879/15728647",
                "bytes 5242880-10485759/15728647",
                "bytes 10485760-15728639/15728647",
                "bytes 15728640-15728646/15728647",
            ],
        ),
    ],
)
def test_upload_sizes(appwrite: Appwrite, size: int, ranges: list[str]) -> None:
    data = data_of(size)
    progress: list[UploadProgress] = []
    result = upload(
        appwrite.signer,
        PATH,
        io.BytesIO(data),
        filename="blob.bin",
        params={"permissions": PERMISSIONS},
        on_progress=progress.append,
    )
    file_id = result.id
    assert re.fullmatch(r"[0-9a-f]{20}", file_id)
    assert appwrite.fake.files[file_id].content() == data
    assert (result.body["chunksUploaded"], result.body["chunksTotal"]) == (
        max(1, len(ranges)),
        max(1, len(ranges)),
    )

    sent = appwrite.server.taken()
    assert [r.method for r in sent] == ["POST"] * max(1, len(ranges))
    one_request: list[str | None] = [None]  # a file of one chunk: one request, without these headers
    assert [r.header("Content-Range") for r in sent] == ([*ranges] or one_request)
    assert [r.header("X-Appwrite-ID") for r in sent] == ([file_id] * len(ranges) or one_request)
    for request in sent:
        assert fields_of(request) == {
            "fileId": file_id,
            "permissions[0]": PERMISSIONS[0],
            "permissions[1]": PERMISSIONS[1],
        }
        assert request.header("Content-Length") == str(len(request.body))
        assert request.header("X-Appwrite-Key") == "secret"
    assert [p.chunks_uploaded for p in progress] == list(range(1, max(1, len(ranges)) + 1))
    assert progress[-1].progress == 100.0
    assert progress[-1].size_uploaded == size
    assert {p.file_id for p in progress} == {file_id}


def test_the_id_is_known_before_sending_and_unique_is_never_a_header(appwrite: Appwrite) -> None:
    job = ChunkedUpload(appwrite.signer, PATH, data_of(CHUNK + 5), filename="a.bin", file_id="unique()")
    assert re.fullmatch(r"[0-9a-f]{20}", job.file_id)
    assert (job.size, job.chunked, job.chunks_total) == (CHUNK + 5, True, 2)
    result = job.run()
    assert result.id == job.file_id
    assert {r.header("X-Appwrite-ID") for r in appwrite.server.taken()} == {job.file_id}


def test_a_stream_that_cannot_seek_needs_its_size(appwrite: Appwrite) -> None:
    data = data_of(2 * CHUNK + 3)
    with pytest.raises(TypeError, match="size is required"):
        ChunkedUpload(appwrite.signer, PATH, OneWayStream(data), filename="a.bin")
    result = upload(appwrite.signer, PATH, OneWayStream(data), filename="a.bin", size=len(data))
    assert appwrite.fake.files[result.id].content() == data


def test_a_seekable_file_uploads_from_its_position(appwrite: Appwrite, tmp_path: Any) -> None:
    data = data_of(CHUNK + 10)
    path = tmp_path / "f.bin"
    path.write_bytes(b"skip" + data)
    with path.open("rb") as handle:
        handle.read(4)
        result = upload(appwrite.signer, PATH, handle, filename="f.bin")
    assert appwrite.fake.files[result.id].content() == data


def test_a_short_stream_fails_before_sending_the_missing_bytes(appwrite: Appwrite) -> None:
    data = data_of(CHUNK + 10)
    with pytest.raises(UploadError, match=r"The stream ended after 5242890 bytes; size is 5242900"):
        upload(appwrite.signer, PATH, OneWayStream(data), filename="a.bin", size=len(data) + 10)
    assert [r.header("Content-Range") for r in appwrite.server.taken()] == ["bytes 0-5242879/5242900"]


def test_a_long_stream_fails_before_the_last_chunk(appwrite: Appwrite) -> None:
    data = data_of(CHUNK + 10)
    with pytest.raises(UploadError, match=r"more than size=5242889 bytes"):
        upload(appwrite.signer, PATH, OneWayStream(data), filename="a.bin", size=len(data) - 1)
    assert [r.header("Content-Range") for r in appwrite.server.taken()] == ["bytes 0-5242879/5242889"]
    with pytest.raises(UploadError, match=r"more than size=3 bytes"):
        upload(appwrite.signer, PATH, b"four", filename="a.bin", size=3)


def test_arguments_are_checked(appwrite: Appwrite) -> None:
    with pytest.raises(InvalidID):
        ChunkedUpload(appwrite.signer, PATH, b"x", filename="a.bin", file_id="_bad")
    with pytest.raises(ValueError, match="must not contain 'fileId'"):
        ChunkedUpload(appwrite.signer, PATH, b"x", filename="a.bin", params={"fileId": "x"})
    with pytest.raises(ValueError, match="filename"):
        ChunkedUpload(appwrite.signer, PATH, b"x", filename="")
    with pytest.raises(TypeError, match="read"):
        ChunkedUpload(appwrite.signer, PATH, 42, filename="a.bin")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="size"):
        ChunkedUpload(appwrite.signer, PATH, OneWayStream(b""), filename="a.bin", size=-1)
    assert appwrite.server.taken() == []


def test_a_given_id_first_asks_the_server(appwrite: Appwrite) -> None:
    data = data_of(2 * CHUNK)
    result = upload(appwrite.signer, PATH, data, filename="a.bin", file_id="my-file")
    assert result.id == "my-file"
    sent = appwrite.server.taken()
    assert [(r.method, r.path) for r in sent] == [
        ("GET", "/v1/storage/buckets/bkt/files/my-file"),
        ("POST", "/v1/storage/buckets/bkt/files"),
        ("POST", "/v1/storage/buckets/bkt/files"),
    ]
    assert appwrite.fake.files["my-file"].content() == data
    # one request: nothing to resume, no question asked
    upload(appwrite.signer, PATH, b"small", filename="b.bin", file_id="small-file")
    assert [r.method for r in appwrite.server.taken()[3:]] == ["POST"]


def ranges_sent(requests: list[Captured]) -> list[str | None]:
    return [r.header("Content-Range") if r.method == "POST" else "GET" for r in requests]


R0, R1, R2, R3 = (
    "bytes 0-5242879/15728647",
    "bytes 5242880-10485759/15728647",
    "bytes 10485760-15728639/15728647",
    "bytes 15728640-15728646/15728647",
)


@pytest.mark.parametrize(
    ("mode", "stream", "expected"),
    [
        ("after", "seekable", [R0, R1, R2, "GET", R3]),
        ("before", "seekable", [R0, R1, R2, "GET", R2, R3]),
        ("after", "one-way", [R0, R1, R2, "GET", R3]),
        ("before", "one-way", [R0, R1, R2, "GET", R2, R3]),
    ],
)
def test_a_failed_upload_resumes_with_nothing_lost(
    appwrite: Appwrite, mode: str, stream: str, expected: list[str]
) -> None:
    data = data_of(3 * CHUNK + 7)
    appwrite.fake.fail[2] = mode
    file: Any = io.BytesIO(data) if stream == "seekable" else OneWayStream(data)
    job = ChunkedUpload(appwrite.signer, PATH, file, filename="a.bin", size=len(data))
    with pytest.raises(AppwriteError) as raised:
        job.run()
    assert (raised.value.status, raised.value.type) == (500, "general_server_error")
    assert appwrite.fake.files[job.file_id].uploaded == (3 if mode == "after" else 2)

    result = job.run()
    assert result.body["chunksUploaded"] == result.body["chunksTotal"] == 4
    assert appwrite.fake.files[job.file_id].content() == data
    assert ranges_sent(appwrite.server.taken()) == expected


def test_a_dropped_connection_resumes_a_one_way_stream(appwrite: Appwrite) -> None:
    data = data_of(3 * CHUNK + 7)
    appwrite.fake.fail[1] = "drop"
    job = ChunkedUpload(appwrite.signer, PATH, OneWayStream(data), filename="a.bin", size=len(data))
    with pytest.raises(NetworkError, match="Remote end closed connection without response") as raised:
        job.run()
    assert isinstance(raised.value.__cause__, http.client.RemoteDisconnected)
    result = job.run()
    assert (result.chunks, result.chunks_sent) == (4, 2)
    assert result.body["chunksUploaded"] == 4
    assert appwrite.fake.files[job.file_id].content() == data
    assert ranges_sent(appwrite.server.taken()) == [R0, R1, "GET", R2, R3]


def test_a_new_process_resumes_with_the_id_and_a_new_stream(appwrite: Appwrite) -> None:
    data = data_of(3 * CHUNK + 7)
    appwrite.fake.fail[3] = "before"
    first = ChunkedUpload(appwrite.signer, PATH, OneWayStream(data), filename="a.bin", size=len(data))
    with pytest.raises(AppwriteError):
        first.run()
    stream = OneWayStream(data)
    result = upload(appwrite.signer, PATH, stream, filename="a.bin", size=len(data), file_id=first.file_id)
    assert result.id == first.file_id
    assert appwrite.fake.files[first.file_id].content() == data
    assert ranges_sent(appwrite.server.taken()) == [R0, R1, R2, R3, "GET", R3]


def test_a_one_way_stream_cannot_go_back_without_a_new_stream(appwrite: Appwrite) -> None:
    data = data_of(3 * CHUNK + 7)
    appwrite.fake.fail[2] = "before"
    job = ChunkedUpload(appwrite.signer, PATH, OneWayStream(data), filename="a.bin", size=len(data))
    with pytest.raises(AppwriteError):
        job.run()
    del appwrite.fake.files[job.file_id].chunks[1]  # the server lost a chunk it had acknowledged
    with pytest.raises(UploadError, match="Cannot go back to byte 5242880 of a stream that cannot seek"):
        job.run()
    result = job.run(file=OneWayStream(data))
    assert result.body["chunksUploaded"] == 4
    assert appwrite.fake.files[job.file_id].content() == data


def test_a_complete_file_is_not_sent_again(appwrite: Appwrite) -> None:
    data = data_of(CHUNK + 1)
    first = upload(appwrite.signer, PATH, data, filename="a.bin", file_id="done-file")
    again = upload(appwrite.signer, PATH, data, filename="a.bin", file_id="done-file")
    assert (first.chunks_sent, again.chunks_sent) == (2, 0)
    assert again.body == first.body
    assert (
        (again.id, again.size, again.chunks)
        == (first.id, first.size, first.chunks)
        == ("done-file", CHUNK + 1, 2)
    )
    assert ranges_sent(appwrite.server.taken()) == [
        "GET",
        "bytes 0-5242879/5242881",
        "bytes 5242880-5242880/5242881",
        "GET",
    ]


def test_another_file_under_the_same_id_is_refused(appwrite: Appwrite) -> None:
    upload(appwrite.signer, PATH, data_of(CHUNK + 1), filename="a.bin", file_id="taken")
    with pytest.raises(UploadError, match="has 2 chunks; this upload has 3"):
        upload(appwrite.signer, PATH, data_of(2 * CHUNK + 1), filename="a.bin", file_id="taken")


def test_server_errors_are_typed(appwrite: Appwrite) -> None:
    signer = Signer(appwrite.endpoint, "proj", key="wrong")
    with pytest.raises(AppwriteError) as raised:
        upload(signer, PATH, b"x", filename="a.bin")
    error = raised.value
    assert (error.status, error.code, error.type, error.version) == (
        401,
        401,
        "general_unauthorized_scope",
        "1.8.0",
    )
    assert error.message == "The current user is not authorized."


def test_deployments_send_the_id_only_as_a_header(serve: Serve) -> None:
    seen: list[Captured] = []

    def deployments(request: Captured) -> Reply:
        seen.append(request)
        total = 2
        return json_reply(
            202,
            {
                "$id": request.header("X-Appwrite-ID") or "server-made",
                "chunksTotal": total,
                "chunksUploaded": len(seen),
            },
        )

    server = serve(deployments)
    signer = Signer(f"{server.origin}/v1", "proj", key="secret")
    job = ChunkedUpload(
        signer,
        "/functions/fn/deployments",
        data_of(CHUNK + 1),
        filename="code.tar.gz",
        file_param="code",
        id_param=None,
        params={"activate": True, "entrypoint": "main.py"},
    )
    result = job.run()
    assert result.id == job.file_id
    for request in seen:
        parts = parse_multipart(request.body, request.header("Content-Type") or "")
        assert [(p.name, p.filename) for p in parts] == [
            ("activate", None),
            ("entrypoint", None),
            ("code", "code.tar.gz"),
        ]
        assert bytes(parts[0].data) == b"true"
        assert request.header("X-Appwrite-ID") == job.file_id


def test_a_chunk_answered_429_is_retried_after_the_reset(appwrite: Appwrite, serve: Serve) -> None:
    now = 1_700_000_000.0
    limited = {"left": 2}

    def rate_limited(request: Captured) -> Reply:
        if (
            request.method == "POST"
            and request.header(
                "Content-Range",
            )
            == "bytes 5242880-5242880/5242881"
        ) and limited["left"]:
            limited["left"] -= 1
            return json_reply(
                429,
                {"message": "Too many requests", "code": 429, "type": "general_rate_limit_exceeded"},
                [
                    ("X-RateLimit-Limit", "60"),
                    ("X-RateLimit-Remaining", "0"),
                    ("X-RateLimit-Reset", str(int(now) + 7)),
                ],
            )
        return appwrite.fake(request)

    server = serve(rate_limited)
    signer = Signer(f"{server.origin}/v1", "proj", key="secret")
    slept: list[float] = []
    data = data_of(CHUNK + 1)
    retry = Retry(sleep=slept.append, clock=lambda: now)
    result = upload(signer, PATH, data, filename="a.bin", retry=retry)
    assert slept == [7.0, 7.0]
    assert appwrite.fake.files[result.id].content() == data
    # without a retry the 429 is an error carrying the rate limit
    limited["left"] = 1
    with pytest.raises(AppwriteError) as raised:
        upload(signer, PATH, data, filename="a.bin")
    assert raised.value.status == 429
    assert raised.value.rate_limit is not None
    assert (raised.value.rate_limit.remaining, raised.value.rate_limit.reset) == (0, int(now) + 7)


class GeneratedStream:
    """``size`` random bytes made on demand (never all in memory), hashed as they are handed out."""

    def __init__(self, size: int) -> None:
        self.left = size
        self.sha256 = hashlib.sha256()

    def read(self, size: int) -> bytes:
        size = min(size, self.left)
        data = os.urandom(size)
        self.left -= size
        self.sha256.update(data)
        return data


def test_a_200_mb_stream_uploads_in_flat_memory(appwrite_streaming: Appwrite) -> None:
    size = 200_000_003
    stream = GeneratedStream(size)
    progress: list[UploadProgress] = []
    tracemalloc.start()
    try:
        base = tracemalloc.get_traced_memory()[0]
        started = time.perf_counter()
        result = upload(
            appwrite_streaming.signer,
            PATH,
            stream,
            filename="big.bin",
            size=size,
            on_progress=progress.append,
        )
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] - base
    finally:
        tracemalloc.stop()
    stored = appwrite_streaming.fake.files[result.id]
    assert stored.uploaded == stored.total == 39 == len(progress)
    assert stored.sha256.hexdigest() == stream.sha256.hexdigest()
    assert stream.left == 0
    # the client holds one chunk, the server thread reads one request body: a few chunks, never the file
    assert peak < 4 * CHUNK_SIZE, f"peak {peak / 2**20:.1f} MiB"
    print(f"\n200 MB upload: {elapsed:.2f} s, tracemalloc peak {peak / 2**20:.1f} MiB (client and server)")


def test_the_progress_record() -> None:
    record = UploadProgress("f", 5, 10, 1, 2)
    assert record.progress == 50.0
    assert UploadProgress("f", 0, 0, 1, 1).progress == 100.0
    assert json.dumps(dataclasses.asdict(record)) == (
        '{"file_id": "f", "size_uploaded": 5, "size": 10, "chunks_uploaded": 1, "chunks_total": 2}'
    )
