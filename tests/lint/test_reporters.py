"""The output formats: exact text, JSON, SARIF 2.1.0 (validated against the official schema) and GitHub."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from appwrite_dsl import __version__
from appwrite_dsl.lint import reporters
from appwrite_dsl.lint.rules import RULES, Finding, check_text

SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-schema-2.1.0.json"
DOCS = "https://appwrite-dsl.readthedocs.io/en/latest/lint-rules.html"

TEXT = """{
    "projectId": "demo",
    "collections": [
        {
            "$id": "posts",
            "databaseId": "main",
            "$permissions": ["read(\\"any\\")", "update(\\"any\\")"],
            "documentSecurity": false
        }
    ],
    "databases": [{"$id": "main"}],
    "functions": [{"$id": "hello", "execute": ["any"]}]
}"""


def findings(text: str = TEXT, path: str = "app/appwrite.config.json") -> list[Finding]:
    return check_text(text, path)


def test_text_output_is_exact() -> None:
    assert reporters.text(findings(), files=1) == (
        'app/appwrite.config.json:7:47: AW301 update("any") lets anyone (signed in or not) update documents of '
        'the collection "posts"\n'
        ' 7 |             "$permissions": ["read(\\"any\\")", "update(\\"any\\")"],\n'
        "   |                                               ^~~~~~~~~~~~~~~~~\n"
        f"   = help: appwrite-dsl rule AW301 or {DOCS}#aw301\n"
        "\n"
        'app/appwrite.config.json:12:48: AW302 The function "hello" can be executed by anyone (signed in or '
        'not): execute contains "any", the default of appwrite init function\n'
        ' 12 |     "functions": [{"$id": "hello", "execute": ["any"]}]\n'
        "    |                                                ^~~~~\n"
        f"    = help: appwrite-dsl rule AW302 or {DOCS}#aw302\n"
        "\n"
        "Found 2 findings (1 error, 1 warning) in 1 file.\n"
    )


def test_text_output_when_clean() -> None:
    assert reporters.text([], files=2) == "All checks passed (2 files).\n"


def test_text_colour_marks_location_code_and_caret() -> None:
    [first, *_] = findings()
    out = reporters.text([first], files=1, color=True)
    assert out.startswith("\033[1mapp/appwrite.config.json:7:47:\033[0m \033[1;31mAW301\033[0m update")
    assert "\033[34m   |\033[0m " + " " * 46 + "\033[1;31m^~~~~~~~~~~~~~~~~\033[0m\n" in out
    assert "\033[" not in reporters.text([first], files=1, color=False)


def test_long_lines_are_shown_as_a_window() -> None:
    text = '{"teams": [' + ", ".join(f'{{"$id": "t{n}"}}' for n in range(40)) + '], "projectId": "Bad Id"}'
    [finding] = findings(text)
    out = reporters.text([finding], files=1)
    shown, caret = out.splitlines()[1:3]
    assert shown.startswith(" 1 | ...")  # cut at the start
    assert shown.endswith('"Bad Id"}')  # not at the end, where the finding is
    assert caret.index("^") == shown.index('"Bad Id"')
    assert caret.endswith("^~~~~~~~")


def test_control_characters_and_tabs_keep_the_caret_aligned() -> None:
    text = '{\t"projectId":\t"Bad Id"}'
    out = reporters.text(findings(text), files=1)
    shown, caret = out.splitlines()[1:3]
    assert "\t" not in shown
    assert caret.index("^") == shown.index('"Bad Id"')


def test_json_output() -> None:
    records = json.loads(reporters.json_report(findings()))
    assert records[0] == {
        "path": "app/appwrite.config.json",
        "line": 7,
        "column": 47,
        "end_line": 7,
        "end_column": 64,
        "code": "AW301",
        "name": "public-write",
        "severity": "error",
        "message": 'update("any") lets anyone (signed in or not) update documents of the collection "posts"',
        "pointer": "/collections/0/$permissions/1",
        "category": "security",
        "help_uri": f"{DOCS}#aw301",
    }
    assert [record["code"] for record in records] == ["AW301", "AW302"]
    assert reporters.json_report([]) == "[]\n"


def sarif_log(items: list[Finding], errors: tuple[str, ...] = ()) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(reporters.sarif(items, errors=errors))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    return log


def test_sarif_is_valid_and_describes_every_rule() -> None:
    log = sarif_log(findings())
    assert log["version"] == "2.1.0"
    [run] = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("appwrite-dsl", __version__)
    assert [rule["id"] for rule in driver["rules"]] == [rule.code for rule in RULES]
    public_write = driver["rules"][[rule.code for rule in RULES].index("AW301")]
    assert public_write["defaultConfiguration"] == {"level": "error"}
    assert public_write["properties"]["security-severity"] == "7.5"
    assert public_write["properties"]["tags"] == ["security"]
    assert public_write["helpUri"] == f"{DOCS}#aw301"
    assert f"appwrite-dsl rule AW301 or {DOCS}#aw301" in public_write["help"]["text"]
    categories = {rule["id"]: rule["properties"]["tags"] for rule in driver["rules"]}
    assert (categories["AW105"], categories["AW403"], categories["AW306"]) == (
        ["correctness"],
        ["hygiene"],
        ["security"],
    )
    assert run["columnKind"] == "unicodeCodePoints"
    result = run["results"][0]
    assert result["ruleId"] == "AW301"
    assert driver["rules"][result["ruleIndex"]]["id"] == "AW301"
    assert result["level"] == "error"
    assert result["properties"] == {
        "pointer": "/collections/0/$permissions/1",
        "category": "security",
        "helpUri": f"{DOCS}#aw301",
    }
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "app/appwrite.config.json", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 7, "startColumn": 47, "endLine": 7, "endColumn": 64},
    }
    assert result["locations"][0]["logicalLocations"] == [
        {"fullyQualifiedName": "/collections/0/$permissions/1"}
    ]
    assert run["results"][1]["level"] == "warning"
    assert run["invocations"] == [{"executionSuccessful": True}]


def test_sarif_uris_levels_and_notifications() -> None:
    items = findings(
        '{"tables": [{"$id": "t", "databaseId": "d", "$permissions": [], "rowSecurity": true}], "tablesDB": [{"$id": "d"}]}',
        "/abs/my dir/appwrite.json",
    )
    log = sarif_log(items, errors=("cannot read missing.json: No such file or directory",))
    [run] = log["runs"]
    [result] = run["results"]
    assert result["level"] == "note"
    assert result["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///abs/my%20dir/appwrite.json"
    }
    assert run["invocations"] == [
        {
            "executionSuccessful": False,
            "toolExecutionNotifications": [
                {"level": "error", "message": {"text": "cannot read missing.json: No such file or directory"}}
            ],
        }
    ]
    assert sarif_log([])["runs"][0]["results"] == []


def test_sarif_result_for_a_whole_file_finding_has_no_logical_location() -> None:
    log = sarif_log(findings("{"))
    [result] = log["runs"][0]["results"]
    assert result["ruleId"] == "AW001"
    assert "logicalLocations" not in result["locations"][0]


def test_github_annotations() -> None:
    assert reporters.github(findings()) == (
        "::error file=app/appwrite.config.json,line=7,col=47,endColumn=63,title=AW301 public-write::"
        'update("any") lets anyone (signed in or not) update documents of the collection "posts" '
        f"(appwrite-dsl rule AW301 or {DOCS}#aw301)\n"
        "::warning file=app/appwrite.config.json,line=12,col=48,endColumn=52,title=AW302 public-execute::"
        'The function "hello" can be executed by anyone (signed in or not): execute contains "any", the default '
        f"of appwrite init function (appwrite-dsl rule AW302 or {DOCS}#aw302)\n"
    )


@pytest.mark.parametrize(
    ("path", "message", "expected"),
    [
        (
            "a,b:c.json",
            "x",
            "::notice file=a%2Cb%3Ac.json,line=1,col=1,title=AW304 item-security-only::x "
            f"(appwrite-dsl rule AW304 or {DOCS}#aw304)\n",
        ),
        (
            "a.json",
            "50%\nnext\r",
            "::notice file=a.json,line=1,col=1,title=AW304 item-security-only::50%25%0Anext%0D "
            f"(appwrite-dsl rule AW304 or {DOCS}#aw304)\n",
        ),
    ],
)
def test_github_escapes(path: str, message: str, expected: str) -> None:
    finding = Finding(path, 1, 1, 1, 2, "AW304", message, "", "info")
    assert reporters.github([finding]) == expected


def test_a_minified_file_keeps_findings_small() -> None:
    text = (
        '{"teams": [' + ", ".join(f'{{"$id": "t{n}"}}' for n in range(20_000)) + '], "projectId": "Bad Id"}'
    )
    [finding] = findings(text)
    assert len(finding.source) <= 300
    assert finding.source_column > 1
    out = reporters.text([finding], files=1)
    shown, caret = out.splitlines()[1:3]
    assert shown.startswith(" 1 | ...")
    assert caret.index("^") == shown.index('"Bad Id"')
    teams = [f'{{"$id": "t{n}"}}' for n in range(10_000)]
    teams[5000] = '{"$id": 5}'
    middle = check_text('{"teams": [' + ", ".join(teams) + "]}", "x")
    assert [finding.code for finding in middle] == ["AW006"]
    shown, caret = reporters.text(middle, files=1).splitlines()[1:3]
    assert shown.startswith(" 1 | ...")
    assert shown.endswith("...")
    assert caret.index("^") == shown.index("5}")
