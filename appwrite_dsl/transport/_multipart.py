"""multipart/form-data bodies laid out byte for byte as requests/urllib3 write them (the Python SDK's
layout): each part is ``--boundary CRLF``, its headers, ``CRLF``, the data and ``CRLF``; the body ends with
``--boundary-- CRLF``. Names and file names are quoted the WHATWG way (``"`` CR LF as ``%22 %0D %0A``)."""

from __future__ import annotations

import os
from collections.abc import Iterable

__all__ = ["closing", "content_type", "fields", "file_head", "new_boundary"]

_ESCAPES = {10: "%0A", 13: "%0D", 34: "%22"}


def new_boundary() -> str:
    """32 random hex digits, as urllib3 chooses them."""
    return os.urandom(16).hex()


def content_type(boundary: str) -> str:
    return f"multipart/form-data; boundary={boundary}"


def _quoted(name: str, value: str) -> str:
    return f'{name}="{value.translate(_ESCAPES)}"'


def fields(pairs: Iterable[tuple[str, str]], boundary: str) -> bytes:
    """The parts of plain form fields."""
    out = bytearray()
    for name, value in pairs:
        out += f"--{boundary}\r\nContent-Disposition: form-data; {_quoted('name', name)}\r\n\r\n".encode()
        out += value.encode() + b"\r\n"
    return bytes(out)


def file_head(name: str, filename: str, mime: str | None, boundary: str) -> bytes:
    """The opening of a file part, up to its data."""
    disposition = f"form-data; {_quoted('name', name)}; {_quoted('filename', filename)}"
    head = f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
    if mime is not None:
        head += f"Content-Type: {mime}\r\n"
    return (head + "\r\n").encode()


def closing(boundary: str) -> bytes:
    """What follows a file part's data: its CRLF and the closing delimiter."""
    return f"\r\n--{boundary}--\r\n".encode()
