"""Fuzz the project-file reader and the linter: appwrite_dsl.lint.rules.check_bytes.

Nothing may escape for any bytes: a file that is not JSON, not UTF-8, too deep or of the wrong shape is a
finding, not an exception. Every finding points inside the file (1-based line and column, end after start),
and linting the same bytes twice gives the same findings.

    python fuzz/fuzz_project.py [libFuzzer options] [corpus dir]      (or: python fuzz/run.py project)
"""

from __future__ import annotations

import json
from pathlib import Path

import _common
from _common import expect

from appwrite_dsl.lint.rules import check_bytes

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "appwrite.config.json"
DICTIONARIES = ("roles", "permissions")
EXAMPLES = (
    EXAMPLE.read_text(encoding="utf-8"),
    "{}",
    "",
    "[",
    '{"a":1,"a":2}',
    '{"__proto__":{}}',
    "\ufeff{}",
    '{"collections":[{"$id":"c","$permissions":["read(\\"user:a:b\\")","*"],"documentSecurity":true}]}',
    '{"functions":[{"$id":"f","execute":["any","users:"]}],"teams":[{"$id":"t"}]}',
    '{"buckets":[{"$id":"_b","$permissions":"read(\\"any\\")","fileSecurity":false}]}',
    '{"projectId":"abc\\n","topics":[{"$id":"t","subscribe":["role:all"]}]}',
    "[" * 2000 + "]" * 2000,
    json.dumps({"tables": [{"$id": "t", "databaseId": "d", "$permissions": ['write("any")'] * 3}]}),
)


def check(text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    findings = check_bytes(data, "appwrite.config.json")
    lines = text.count("\n") + 1 if text else 1
    for finding in findings:
        expect(
            1 <= finding.line <= finding.end_line <= lines + 1, "a finding's lines lie in the file", finding
        )
        expect(finding.column >= 1, "a finding's column is 1-based", finding)
        expect(
            (finding.end_line, finding.end_column) >= (finding.line, finding.column),
            "a finding ends after it starts",
            finding,
        )
    again = check_bytes(data, "appwrite.config.json")
    expect(again == findings, "linting is deterministic", again)


if __name__ == "__main__":
    _common.fuzz(check)
