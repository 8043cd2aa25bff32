"""The lint rules for Appwrite CLI project files, each with a stable code, and the entry points that apply
them to a file: :func:`check_bytes`, :func:`check_text` (the checks are :mod:`._checker`'s, the findings
:mod:`._findings`').

Codes are grouped like ruff's: ``AW0xx`` reading the file, ``AW1xx`` what the server rejects (the message is
the server's own), ``AW2xx`` what the server accepts but reads differently (the message is appwrite_dsl's and
names the server's reading), ``AW3xx`` security, ``AW4xx`` hygiene. ``AW5xx`` is kept for query rules.
The rules and their documentation are listed in :mod:`._catalogue` (``appwrite-dsl rule CODE``); a code,
once published, keeps its meaning.

>>> [rule.code for rule in RULES][:3]
['AW001', 'AW002', 'AW003']
>>> findings = check_bytes(b'{"functions": [{"$id": "f", "execute": ["any"]}]}', "appwrite.json")
>>> [(f.code, f.line, f.column, f.pointer) for f in findings]
[('AW302', 1, 41, '/functions/0/execute/0')]
"""

from __future__ import annotations

from ..access import describe_role
from . import _secrets
from ._catalogue import RULES, Rule, Severity, rule
from ._checker import Checker
from ._findings import Finding, Options
from ._nodes import Object
from ._reader import BOM, Document, JSONSyntaxError, no_gc, read

__all__ = [
    "RULES",
    "Finding",
    "Options",
    "Rule",
    "Severity",
    "check_bytes",
    "check_text",
    "describe_role",
    "rule",
]


# Values the rules do not look inside: the reader skims them without positions (see _reader).
OPAQUE_KEYS = frozenset(
    ("attributes", "columns", "indexes", "settings", "vars", "scopes", "events", "allowedFileExtensions")
)


def _invalid_utf8(data: bytes) -> tuple[str, int, int, str]:
    """Decode like Node's ``Buffer.toString()``; return the text and where the first bad byte is, with a
    message, or an offset of -1 when the bytes are valid UTF-8."""
    try:
        return data.decode("utf-8"), -1, -1, ""
    except UnicodeDecodeError as error:
        text = data.decode("utf-8", errors="replace")
        offset = len(data[: error.start].decode("utf-8"))
        bad = data[error.start : error.end].hex(" ").upper()
        count = text.count("\ufffd") - data.count("\ufffd".encode())
        more = f" ({count} invalid sequences in the file)" if count > 1 else ""
        message = (
            f"Expected UTF-8, found the bytes {bad}{more}; the Appwrite CLI reads each invalid sequence as "
            "U+FFFD and writes that back"
        )
        return text, offset, offset + 1, message


def check_bytes(data: bytes, path: str, options: Options | None = None) -> list[Finding]:
    """All findings for the project file ``data`` (shown as ``path``), sorted by line, column and code."""
    with no_gc():
        return _check_bytes(data, path, options)


def _check_bytes(data: bytes, path: str, options: Options | None) -> list[Finding]:
    text, start, end, message = _invalid_utf8(data)
    findings: list[Finding] = []
    if start >= 0:
        checker = Checker(Document(text, Object(0, -1), []), path, options or Options())
        checker.report_span("AW002", start, end, (), message)
        findings.extend(checker.findings)
    findings.extend(check_text(text, path, options))
    findings.sort(key=Finding.sort_key)
    return findings


def check_text(text: str, path: str, options: Options | None = None) -> list[Finding]:
    """All findings for the project file ``text`` (shown as ``path``), sorted by line, column and code."""
    options = options or Options()
    placeholder = Checker(Document(text, Object(0, -1), []), path, options)
    if text.startswith(BOM):
        message = (
            "The file starts with a byte order mark: the Appwrite CLI (json-bigint) cannot parse it and "
            "proceeds with an empty configuration"
        )
        placeholder.report_span("AW003", 0, 1, (), message)
    try:
        document = read(text, opaque=OPAQUE_KEYS)
    except JSONSyntaxError as error:
        message = error.message
        placeholder.masks = _secrets.find_in_text(text)
        placeholder.report_span("AW001", error.position, error.end, (), message)
        return sorted(placeholder.findings, key=Finding.sort_key)
    checker = Checker(document, path, options)
    with no_gc():
        checker.run()
    findings = placeholder.findings + checker.findings
    findings.sort(key=Finding.sort_key)
    return findings
