"""AW306: the secret detector, case by case (tests/data/lint/secrets.txt), and its masking."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from appwrite_dsl.lint import _secrets, reporters
from appwrite_dsl.lint.rules import check_text

DATA = Path(__file__).resolve().parents[1] / "data" / "lint"


def cases() -> list[tuple[str, str, str]]:
    lines = (DATA / "secrets.txt").read_text(encoding="utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return [(where, value.replace("\\n", "\n"), expected) for where, value, expected in rows]


def project(where: str, value: str, vars_as_list: bool) -> str:
    function: dict[str, object] = {"$id": "f", "execute": ["users"]}
    if where == "string":
        function["commands"] = value
    else:
        name = where.removeprefix("var ")
        function["vars"] = [{"key": name, "value": value}] if vars_as_list else {name: value}
    return json.dumps({"projectId": "p", "functions": [function]}, indent=4)


@pytest.mark.parametrize(("where", "value", "expected"), cases())
@pytest.mark.parametrize("vars_as_list", [False, True], ids=["vars-object", "vars-list"])
def test_secret_case(where: str, value: str, expected: str, vars_as_list: bool) -> None:
    findings = check_text(project(where, value, vars_as_list), "appwrite.json")
    secrets = [finding for finding in findings if finding.code == "AW306"]
    assert [finding.code for finding in findings if finding.code != "AW306"] == []
    if expected == "-":
        assert secrets == []
        return
    [finding] = secrets
    assert finding.message.startswith(f"{expected[0].upper()}{expected[1:]} is written in the project file: ")
    assert finding.severity == "error"
    text = project(where, value, vars_as_list)
    secret = text.splitlines()[finding.line - 1][finding.column - 1 : finding.end_column - 1]
    tail = secret[-8:]  # past every public prefix
    assert tail not in finding.message
    assert tail not in finding.source
    start = finding.column - finding.source_column
    assert finding.source[start : start + len(secret)].endswith("*" * 8)


def test_masking_keeps_columns() -> None:
    line = '    "commands": "KEY=standard_abcdef0123"'
    start = line.index("standard_")
    masked = _secrets.masked_line(line, [(start, len(line) - 1, 9)])
    assert masked == '    "commands": "KEY=standard_**********"'
    assert len(masked) == len(line)
    assert _secrets.mask("standard_" + "a" * 64, 9) == "standard_******** (73 characters)"


def test_no_secret_in_a_file_that_is_not_json_survives_in_the_excerpt() -> None:
    key = "standard_" + "0123456789abcdef" * 4
    [finding] = check_text('{"commands": "' + key + '" oops}', "x")
    assert finding.code == "AW001"
    assert "0123456789abcdef" not in finding.source


@given(
    key=st.text("0123456789abcdef", min_size=32, max_size=80),
    before=st.text(" =:;'/-abcXYZ09", max_size=20),
    after=st.text(" =:;'/-abcXYZ09", max_size=20),
    minified=st.booleans(),
)
def test_an_appwrite_key_never_shows_in_any_format(key: str, before: str, after: str, minified: bool) -> None:
    text = json.dumps(
        {
            "projectId": "Bad Id",
            "functions": [{"$id": "f", "execute": ["any"], "commands": before + " standard_" + key + after}],
        },
        indent=None if minified else 4,
    )
    findings = check_text(text, "appwrite.json")
    assert "AW306" in [finding.code for finding in findings]
    outputs = (
        reporters.text(findings, files=1),
        reporters.json_report(findings),
        reporters.sarif(findings),
        reporters.github(findings),
    )
    for output in outputs:
        assert key[-16:] not in output
