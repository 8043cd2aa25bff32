"""Output formats for lint findings: ``text`` (for people), ``json``, ``sarif`` (SARIF 2.1.0, as GitHub code
scanning accepts it) and ``github`` (workflow annotations). Each takes findings sorted by
:meth:`Finding.sort_key` and returns the whole output as one string."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import PurePath
from urllib.parse import quote

from .. import __version__
from ._catalogue import rule
from .rules import RULES, Finding

__all__ = ["FORMATS", "github", "json_report", "sarif", "text"]

FORMATS = ("text", "json", "sarif", "github")

_WINDOW = 100  # characters of a long line shown around the finding
_COLOURS = {"error": "\033[1;31m", "warning": "\033[1;33m", "info": "\033[1;36m"}
_BOLD, _BLUE, _RESET = "\033[1m", "\033[34m", "\033[0m"
_SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
_GITHUB_LEVELS = {"error": "error", "warning": "warning", "info": "notice"}
# GitHub's security-severity (CVSS-like, 0 to 10) of the security rules.
_SECURITY = {
    "AW201": "5.0",
    "AW202": "5.0",
    "AW301": "7.5",
    "AW302": "5.3",
    "AW305": "6.5",
    "AW306": "8.0",
}


def _help(code: str) -> str:
    """Where a finding's rule is documented: the command and the documentation site."""
    return f"appwrite-dsl rule {code} or {rule(code).url}"


def _visible(char: str) -> str:
    code = ord(char)
    if char == "\t":
        return " "
    if code < 0x20:
        return chr(0x2400 + code)
    return "\u2421" if code == 0x7F else char


def _snippet(finding: Finding) -> tuple[str, int, int]:
    """The line to show, and the 0-based start and width of the caret under it."""
    line = finding.source
    start = finding.column - finding.source_column
    stop = finding.end_column - finding.source_column if finding.end_line == finding.line else len(line)
    width = max(1, stop - start)
    lo = 0
    if len(line) > _WINDOW:
        lo = max(0, min(start - _WINDOW // 4, len(line) - _WINDOW))
    hi = lo + _WINDOW
    shown = "".join(_visible(char) for char in line[lo:hi])
    prefix = "..." if lo > 0 or finding.source_column > 1 else ""
    suffix = "..." if hi < len(line) or finding.source_more else ""
    offset = len(prefix) + start - lo
    width = max(1, min(width, len(prefix) + len(shown) - offset))
    return prefix + shown + suffix, offset, width


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 or noun == "info" else "s")


def text(findings: Sequence[Finding], *, files: int, color: bool = False) -> str:
    """``path:line:col: CODE message``, the line with a caret under the finding, where the rule is
    documented, and a summary."""
    out: list[str] = []
    for finding in findings:
        tint = _COLOURS[finding.severity] if color else ""
        bold, blue, reset = (_BOLD, _BLUE, _RESET) if color else ("", "", "")
        location = f"{finding.path}:{finding.line}:{finding.column}:"
        out.append(f"{bold}{location}{reset} {tint}{finding.code}{reset} {finding.message}\n")
        shown, offset, width = _snippet(finding)
        number = str(finding.line)
        out.append(f"{blue} {number} |{reset} {shown}".rstrip() + "\n")
        caret = "^" + "~" * (width - 1)
        out.append(f"{blue} {' ' * len(number)} |{reset} {' ' * offset}{tint}{caret}{reset}\n")
        out.append(f"{blue} {' ' * len(number)} ={reset} help: {_help(finding.code)}\n\n")
    noun = _plural(files, "file")
    if not findings:
        out.append(f"All checks passed ({noun}).\n")
        return "".join(out)
    counts = [
        _plural(count, severity)
        for severity in ("error", "warning", "info")
        if (count := sum(1 for finding in findings if finding.severity == severity))
    ]
    out.append(f"Found {_plural(len(findings), 'finding')} ({', '.join(counts)}) in {noun}.\n")
    return "".join(out)


def _record(finding: Finding) -> dict[str, object]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "name": finding.name,
        "severity": finding.severity,
        "message": finding.message,
        "pointer": finding.pointer,
        "category": finding.category,
        "help_uri": finding.help_uri,
    }


def json_report(findings: Sequence[Finding]) -> str:
    """A JSON array of findings: path, line, column, end_line, end_column (exclusive), code, name,
    severity, message, pointer (JSON Pointer), category (security, correctness or hygiene) and help_uri
    (the rule's documentation)."""
    return json.dumps([_record(finding) for finding in findings], ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> tuple[str, str | None]:
    """A SARIF artifact URI for ``path`` and its base (``%SRCROOT%`` for a relative path)."""
    pure = PurePath(path)
    if pure.is_absolute():
        return "file://" + quote(
            pure.as_posix() if pure.as_posix().startswith("/") else "/" + pure.as_posix()
        ), None
    return quote(pure.as_posix()), "%SRCROOT%"


def sarif(findings: Sequence[Finding], *, errors: Sequence[str] = ()) -> str:
    """A SARIF 2.1.0 log with one run; every rule is described, results point at the offending string.

    ``errors`` (files that could not be read) become tool execution notifications.
    """
    index = {entry.code: number for number, entry in enumerate(RULES)}
    rules = []
    for entry in RULES:
        properties: dict[str, object] = {"tags": [entry.category], "precision": "very-high"}
        if entry.code in _SECURITY:
            properties["security-severity"] = _SECURITY[entry.code]
        rules.append(
            {
                "id": entry.code,
                "name": entry.name,
                "shortDescription": {"text": entry.summary},
                "fullDescription": {"text": entry.details},
                "helpUri": entry.url,
                "help": {"text": f"{entry.code} {entry.name}: {entry.summary} See {_help(entry.code)}."},
                "defaultConfiguration": {"level": _SARIF_LEVELS[entry.severity]},
                "properties": properties,
            }
        )
    results = []
    for finding in findings:
        uri, base = _uri(finding.path)
        artifact: dict[str, object] = {"uri": uri}
        if base is not None:
            artifact["uriBaseId"] = base
        location: dict[str, object] = {
            "physicalLocation": {
                "artifactLocation": artifact,
                "region": {
                    "startLine": finding.line,
                    "startColumn": finding.column,
                    "endLine": finding.end_line,
                    "endColumn": finding.end_column,
                },
            }
        }
        if finding.pointer:
            location["logicalLocations"] = [{"fullyQualifiedName": finding.pointer}]
        results.append(
            {
                "ruleId": finding.code,
                "ruleIndex": index[finding.code],
                "level": _SARIF_LEVELS[finding.severity],
                "message": {"text": finding.message},
                "locations": [location],
                "properties": {
                    "pointer": finding.pointer,
                    "category": finding.category,
                    "helpUri": finding.help_uri,
                },
            }
        )
    invocation: dict[str, object] = {"executionSuccessful": not errors}
    if errors:
        invocation["toolExecutionNotifications"] = [
            {"level": "error", "message": {"text": message}} for message in errors
        ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "appwrite-dsl",
                        "version": __version__,
                        "informationUri": "https://pypi.org/project/appwrite-dsl/",
                        "rules": rules,
                    }
                },
                "invocations": [invocation],
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(findings: Sequence[Finding]) -> str:
    """One GitHub Actions workflow command per finding (``::error file=...,line=...::message``)."""
    out = []
    for finding in findings:
        properties = [
            f"file={_escape_property(finding.path)}",
            f"line={finding.line}",
            f"col={finding.column}",
        ]
        if finding.end_line == finding.line and finding.end_column > finding.column + 1:
            properties.append(f"endColumn={finding.end_column - 1}")  # GitHub's end column is inclusive
        properties.append(f"title={_escape_property(f'{finding.code} {finding.name}')}")
        level = _GITHUB_LEVELS[finding.severity]
        message = f"{finding.message} ({_help(finding.code)})"
        out.append(f"::{level} {','.join(properties)}::{_escape_data(message)}\n")
    return "".join(out)
