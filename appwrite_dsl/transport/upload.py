"""Chunked uploads to Appwrite's multipart routes (storage ``createFile``, function and site deployments).

The protocol, as Appwrite's storage route reads it (``Content-Range`` parsing and chunk counting in
``src/Appwrite/Platform/Modules/Storage/Http/Buckets/Files/Create.php`` of appwrite/appwrite): a file of at
most 5 MiB goes in one multipart request. A larger one goes
in 5 MiB chunks, each a full multipart request that repeats every form field and carries
``Content-Range: bytes <first>-<last>/<size>`` (``last`` inclusive) and ``X-Appwrite-ID``; the server
counts chunks as ``floor(first / 5 MiB) + 1`` of ``ceil(size / 5 MiB)``.

What this module does beyond the SDKs:

* the file ID is made on the client (``ID.unique()``) when none or ``unique()`` is given, and sent as
  ``fileId`` *and* ``X-Appwrite-ID`` on every chunk (the server takes the header verbatim, so the
  literal ``unique()`` must never go there);
* the file is read from any object with ``read(n)``, one chunk at a time, so memory stays flat whatever
  the size; a stream that cannot seek needs ``size``;
* after a failure, running the upload again (or a new upload with the same ``file_id``) asks the server
  how many chunks it has (``GET <route>/<fileId>``) and sends only the rest; the chunk that failed is kept
  in memory, so even a stream that cannot seek resumes without loss;
* the sending is pluggable: :meth:`ChunkedUpload.flow` is a generator of :class:`Request` that is
  sent the :class:`Response` of each, driven by :meth:`~ChunkedUpload.run` (any
  :data:`~appwrite_dsl.transport.sending.Send`, urllib by default) or :meth:`~ChunkedUpload.run_async`;
* the answer is an :class:`UploadResult`: the ID, size and chunk counts, and the server's file object.
"""

from __future__ import annotations

import asyncio
import inspect
import io
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol, Union
from urllib.parse import quote

from ..id import ID, UNIQUE
from . import _multipart
from .params import flatten_params
from .responses import AppwriteError, Retry
from .sending import AsyncSend, Request, Response, Send, urllib_sender
from .signing import Signer

__all__ = [
    "CHUNK_SIZE",
    "ChunkedUpload",
    "Readable",
    "UploadError",
    "UploadProgress",
    "UploadResult",
    "upload",
    "upload_async",
]

CHUNK_SIZE = 5 * 1024 * 1024
"""Appwrite's chunk size, ``APP_LIMIT_UPLOAD_CHUNK_SIZE``: 5 MiB, fixed by the server."""


class Readable(Protocol):
    """A binary stream: ``read(n)`` returns up to ``n`` bytes, ``b""`` at the end."""

    def read(self, __size: int) -> bytes: ...


FileLike = Union[Readable, bytes, bytearray, memoryview]


@dataclass(frozen=True)
class UploadProgress:
    """Where an upload stands after a request: bytes and chunks the server has, of how many."""

    file_id: str
    size_uploaded: int
    size: int
    chunks_uploaded: int
    chunks_total: int

    @property
    def progress(self) -> float:
        """Percentage uploaded, 0.0 to 100.0."""
        return 100.0 if self.size == 0 else self.size_uploaded * 100.0 / self.size


@dataclass(frozen=True)
class UploadResult:
    """A finished upload: the file's (or deployment's) ``id``, its ``size`` in bytes, the number of
    requests that carry it (``chunks``: 1 up to 5 MiB), how many of those this run sent (``chunks_sent``:
    fewer after a resume, 0 when the server had the whole file already), and ``body``, the server's last
    answer (the file or deployment object) as parsed JSON."""

    id: str
    size: int
    chunks: int
    chunks_sent: int
    body: dict[str, Any]


class UploadError(Exception):
    """The upload cannot go on for a reason on this side of the wire: the stream is shorter or longer
    than ``size``, cannot seek back, or the server's answers do not fit the upload (another file ID,
    another chunk count). Server errors are :class:`~appwrite_dsl.transport.responses.AppwriteError`."""


def _seekable(file: object) -> bool:
    check = getattr(file, "seekable", None)
    try:
        return bool(check()) if callable(check) else False
    except (OSError, ValueError):
        return False


class _Reader:
    """Reads chunk ``i`` of a stream, keeping the last chunk read until it is released."""

    def __init__(self, file: Readable, size: int | None) -> None:
        self._file = file
        self._seekable = _seekable(file)
        self._start = 0
        if self._seekable:
            self._start = file.tell()  # type: ignore[attr-defined]
            if size is None:
                end = int(file.seek(0, io.SEEK_END))  # type: ignore[attr-defined]
                file.seek(self._start)  # type: ignore[attr-defined]
                size = end - self._start
        if size is None:
            raise TypeError("size is required for a stream that cannot seek")
        if isinstance(size, bool) or not isinstance(size, int) or size < 0:
            raise ValueError(f"size must be an int >= 0, not {size!r}")
        self.size: int = size
        self._next = 0
        self._held: tuple[int, bytes] | None = None

    def chunk(self, index: int) -> bytes:
        if self._held is not None and self._held[0] == index:
            return self._held[1]
        self._held = None
        start = index * CHUNK_SIZE
        if self._seekable:
            self._file.seek(self._start + start)  # type: ignore[attr-defined]
        else:
            if index < self._next:
                raise UploadError(
                    f"Cannot go back to byte {start} of a stream that cannot seek; "
                    "run the upload again with a new stream (file=...)"
                )
            while self._next < index:
                self._exact(CHUNK_SIZE, self._next * CHUNK_SIZE)
                self._next += 1
        data = self._exact(min(CHUNK_SIZE, self.size - start), start)
        self._next = index + 1
        self._held = (index, data)
        return data

    def release(self) -> None:
        self._held = None

    def expect_end(self) -> None:
        if self._file.read(1):
            raise UploadError(f"The stream holds more than size={self.size} bytes")

    def _exact(self, length: int, offset: int) -> bytes:
        data = self._file.read(length) or b""
        if len(data) == length:
            return data if type(data) is bytes else bytes(data)
        parts = [bytes(data)]
        got = len(data)
        while got < length:
            more = self._file.read(length - got)
            if not more:
                raise UploadError(f"The stream ended after {offset + got} bytes; size is {self.size}")
            parts.append(bytes(more))
            got += len(more)
        return b"".join(parts)


def _as_stream(file: FileLike) -> Readable:
    if isinstance(file, (bytes, bytearray, memoryview)):
        return io.BytesIO(file)
    if not callable(getattr(file, "read", None)):
        raise TypeError(f"file must be bytes or have read(n), not {type(file).__name__}")
    return file


def _count(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


class ChunkedUpload:
    """One upload of ``file`` to the multipart route ``path`` (``/storage/buckets/<id>/files``).

    ``filename`` names the file part. ``file_id`` is the ID to create (default or ``"unique()"``: a new
    ``ID.unique()``, readable as :attr:`file_id` before anything is sent); ``id_param`` is the form field
    that carries it (``None`` for deployments, which take the ID from ``X-Appwrite-ID`` only).
    ``params`` are the other form fields (``{"permissions": [...]}``), flattened as the SDK does
    (``permissions[0]``) and repeated on every chunk; ``file_param`` names the file field (``code`` for
    deployments) and ``mime`` sets the file part's ``Content-Type`` (none by default, as the Python SDK).
    ``size`` is required for a stream that cannot seek; for a seekable one it defaults to the bytes left
    from the current position. ``on_progress`` is called with an :class:`UploadProgress` after each
    request; ``retry`` retries a chunk answered 429.

    Given a ``file_id``, or when run again after a failure, the upload first asks the server which chunks
    it has and skips them.
    """

    file_id: str
    """The ID of the file being created."""

    def __init__(
        self,
        signer: Signer,
        path: str,
        file: FileLike,
        *,
        filename: str,
        size: int | None = None,
        file_id: str | None = None,
        params: Mapping[str, object] | None = None,
        file_param: str = "file",
        id_param: str | None = "fileId",
        mime: str | None = None,
        on_progress: Callable[[UploadProgress], object] | None = None,
        retry: Retry | None = None,
    ) -> None:
        if not isinstance(signer, Signer):
            raise TypeError(f"signer must be a Signer, not {type(signer).__name__}")
        if not isinstance(filename, str) or not filename:
            raise ValueError("filename must be a non-empty str")
        self._signer = signer
        self._path = path.rstrip("/")
        self._url = signer.url(self._path)
        explicit = file_id is not None and file_id != UNIQUE
        self.file_id = ID.custom(file_id) if explicit and file_id is not None else ID.unique()
        self._reader = _Reader(_as_stream(file), size)
        self._filename = filename
        self._file_param = file_param
        self._id_param = id_param
        self._mime = mime
        self._on_progress = on_progress
        self._retry = retry
        extra = dict(params or {})
        for name in (file_param, id_param):
            if name is not None and name in extra:
                raise ValueError(f"params must not contain {name!r}: the upload sets it")
        pairs = [] if id_param is None else [(id_param, self.file_id)]
        self._pairs = pairs + flatten_params(extra)
        self._ask_server = explicit

    @property
    def size(self) -> int:
        """The file's size in bytes."""
        return self._reader.size

    @property
    def chunked(self) -> bool:
        """Whether the file goes in chunks (it is larger than 5 MiB)."""
        return self.size > CHUNK_SIZE

    @property
    def chunks_total(self) -> int:
        """The number of requests that carry the file: 1 up to 5 MiB, else ``ceil(size / 5 MiB)``."""
        return max(1, -(-self.size // CHUNK_SIZE))

    def flow(self) -> Generator[Request, Response, UploadResult]:
        """The upload without I/O: yields each request, takes its response through ``send()``, and
        returns the :class:`UploadResult`. Raises AppwriteError for an error answer."""
        if not self.chunked:
            data = self._reader.chunk(0)
            self._reader.expect_end()
            response = yield self._post(data, None)
            del data
            single = self._accept(response, check_id=self._id_param is not None)
            self._reader.release()
            self._report(1)
            return self._result(single, 1)

        first = 0
        if self._ask_server:
            url = self._signer.url(f"{self._path}/{quote(self.file_id, safe='')}")
            response = yield Request("GET", url, self._signer.headers())
            first, done = self._resume_point(response)
            if done is not None:
                return self._result(done, 0)
        self._ask_server = True
        result: dict[str, Any] = {}
        for index in range(first, self.chunks_total):
            data = self._reader.chunk(index)
            if index == self.chunks_total - 1:
                self._reader.expect_end()
            response = yield self._post(data, index)
            del data
            result = self._accept(response, check_id=True)
            self._reader.release()
            self._report(index + 1)
        uploaded, total = _count(result.get("chunksUploaded")), _count(result.get("chunksTotal"))
        if uploaded is not None and total is not None and uploaded < total:
            raise UploadError(
                f"The server has {uploaded} of {total} chunks of {self.file_id} after the last one; "
                "run the upload again to send the missing chunks"
            )
        return self._result(result, self.chunks_total - first)

    def _result(self, body: dict[str, Any], sent: int) -> UploadResult:
        return UploadResult(self.file_id, self.size, self.chunks_total, sent, body)

    def run(self, send: Send | None = None, *, file: FileLike | None = None) -> UploadResult:
        """Upload with ``send`` (default: :func:`~appwrite_dsl.transport.sending.urllib_sender`) and
        return the :class:`UploadResult`. After a failure (any
        :class:`~appwrite_dsl.transport.errors.TransportError`), call again to resume; ``file`` replaces
        the stream (needed for a stream that cannot seek, unless the failed chunk is the one to resend)."""
        if file is not None:
            self._reader = _Reader(_as_stream(file), self.size)
        sender = urllib_sender() if send is None else send
        flow = self.flow()
        try:
            request = next(flow)
            while True:
                response = _send(sender, request, self._retry)
                del request
                request = flow.send(response)
        except StopIteration as stop:
            done: UploadResult = stop.value
            return done
        finally:
            flow.close()

    async def run_async(self, send: AsyncSend, *, file: FileLike | None = None) -> UploadResult:
        """:meth:`run` with an asynchronous sender (the file is still read synchronously)."""
        if file is not None:
            self._reader = _Reader(_as_stream(file), self.size)
        flow = self.flow()
        try:
            request = next(flow)
            while True:
                response = await _send_async(send, request, self._retry)
                del request
                request = flow.send(response)
        except StopIteration as stop:
            finished: UploadResult = stop.value
            return finished
        finally:
            flow.close()

    def _post(self, data: bytes, index: int | None) -> Request:
        boundary = _multipart.new_boundary()
        head = _multipart.fields(self._pairs, boundary) + _multipart.file_head(
            self._file_param, self._filename, self._mime, boundary
        )
        tail = _multipart.closing(boundary)
        headers = self._signer.headers()
        headers["Content-Type"] = _multipart.content_type(boundary)
        headers["Content-Length"] = str(len(head) + len(data) + len(tail))
        if index is not None:
            start = index * CHUNK_SIZE
            headers["Content-Range"] = f"bytes {start}-{start + len(data) - 1}/{self.size}"
            headers["X-Appwrite-ID"] = self.file_id
        return Request("POST", self._url, headers, (head, data, tail))

    def _accept(self, response: Response, *, check_id: bool) -> dict[str, Any]:
        if not 200 <= response.status < 300:
            raise AppwriteError.from_response(response.status, response.body, response.headers)
        try:
            result = response.json()
        except ValueError:
            result = None
        if not isinstance(result, dict):
            raise UploadError(f"The server answered HTTP {response.status} without a JSON object")
        returned = result.get("$id")
        if isinstance(returned, str):
            if check_id and returned != self.file_id:
                raise UploadError(f"The server answered for file {returned!r}, not {self.file_id!r}")
            self.file_id = returned
        return result

    def _resume_point(self, response: Response) -> tuple[int, dict[str, Any] | None]:
        if response.status == 404:
            return 0, None
        state = self._accept(response, check_id=True)
        uploaded, total = _count(state.get("chunksUploaded")), _count(state.get("chunksTotal"))
        if uploaded is None or total is None:
            raise UploadError(f"The server's file {self.file_id!r} has no chunk counts")
        if total != self.chunks_total:
            raise UploadError(
                f"The server's file {self.file_id!r} has {total} chunks; this upload has {self.chunks_total}"
            )
        if uploaded >= total:
            return total, state
        return uploaded, None

    def _report(self, chunks: int) -> None:
        if self._on_progress is not None:
            done = min(chunks * CHUNK_SIZE, self.size)
            self._on_progress(UploadProgress(self.file_id, done, self.size, chunks, self.chunks_total))


def _answer(error: AppwriteError) -> Response:
    """The response behind an AppwriteError that a client's signing adapter raised
    (``raise_on_error=True``): the upload reads error answers itself (a 404 means "nothing to resume")."""
    return Response.build(error.status, error.headers, error.body.encode())


def _send(send: Send, request: Request, retry: Retry | None) -> Response:
    attempt, waited = 0, 0.0
    while True:
        try:
            response = send(request)
        except AppwriteError as error:
            response = _answer(error)
        if retry is None:
            return response
        delay = retry.delay(response.status, response.headers, attempt=attempt, waited=waited)
        if delay is None:
            return response
        (retry.sleep or time.sleep)(delay)
        attempt, waited = attempt + 1, waited + delay


async def _send_async(send: AsyncSend, request: Request, retry: Retry | None) -> Response:
    attempt, waited = 0, 0.0
    while True:
        try:
            response = await send(request)
        except AppwriteError as error:
            response = _answer(error)
        if retry is None:
            return response
        delay = retry.delay(response.status, response.headers, attempt=attempt, waited=waited)
        if delay is None:
            return response
        pause = (retry.sleep or asyncio.sleep)(delay)
        if inspect.isawaitable(pause):
            await pause
        attempt, waited = attempt + 1, waited + delay


def upload(
    signer: Signer,
    path: str,
    file: FileLike,
    *,
    filename: str,
    send: Send | None = None,
    size: int | None = None,
    file_id: str | None = None,
    params: Mapping[str, object] | None = None,
    file_param: str = "file",
    id_param: str | None = "fileId",
    mime: str | None = None,
    on_progress: Callable[[UploadProgress], object] | None = None,
    retry: Retry | None = None,
) -> UploadResult:
    """Upload ``file`` and return its :class:`UploadResult`: :class:`ChunkedUpload` run once.

    To resume after a failure, call again with the same ``file_id`` (generate it first with
    ``ID.unique()``), or keep the :class:`ChunkedUpload` and run it again.
    """
    job = ChunkedUpload(
        signer,
        path,
        file,
        filename=filename,
        size=size,
        file_id=file_id,
        params=params,
        file_param=file_param,
        id_param=id_param,
        mime=mime,
        on_progress=on_progress,
        retry=retry,
    )
    return job.run(send)


async def upload_async(
    signer: Signer,
    path: str,
    file: FileLike,
    *,
    filename: str,
    send: AsyncSend,
    size: int | None = None,
    file_id: str | None = None,
    params: Mapping[str, object] | None = None,
    file_param: str = "file",
    id_param: str | None = "fileId",
    mime: str | None = None,
    on_progress: Callable[[UploadProgress], object] | None = None,
    retry: Retry | None = None,
) -> UploadResult:
    """:func:`upload` with an asynchronous sender."""
    job = ChunkedUpload(
        signer,
        path,
        file,
        filename=filename,
        size=size,
        file_id=file_id,
        params=params,
        file_param=file_param,
        id_param=id_param,
        mime=mime,
        on_progress=on_progress,
        retry=retry,
    )
    return await job.run_async(send)
