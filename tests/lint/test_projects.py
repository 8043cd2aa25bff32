"""Realistic project files of every layout, written as the Appwrite CLI of their era writes them: the
findings are golden (tests/data/lint/expected.txt), the era rules are what keeps AW404 and AW406 quiet on
old files, and the JSON Schema says which of them today's CLI accepts."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from appwrite_dsl.lint._schema_command import schema_text
from appwrite_dsl.lint.rules import check_bytes, check_text

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "lint"
FILES = sorted(DATA.glob("*.json"))


def golden() -> list[str]:
    lines = (DATA / "expected.txt").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if not line.startswith("#")]


def test_findings_on_realistic_files_are_golden() -> None:
    found = []
    for path in FILES:
        findings = check_bytes(path.read_bytes(), path.name)
        if not findings:
            found.append(f"{path.name}\t-\t-\t-\t(no findings)")
        found.extend(
            f"{path.name}\t{f.line}:{f.column}\t{f.code}\t{f.pointer}\t{f.message}" for f in findings
        )
    assert found == golden()


def test_every_layout_is_covered_and_written_as_the_cli_writes() -> None:
    layouts = set()
    for path in FILES:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
        assert json.dumps(data, indent=4, ensure_ascii=False) == text  # JSON.stringify(data, null, 4)
        keys = set(data) - {"projectId", "projectName", "endpoint", "settings"}
        if "collections" in keys:
            layouts.add("collections with databases" if "databases" in keys else "collections only")
        if "tables" in keys:
            layouts.add("tablesDB")
        if keys == {"functions"}:
            layouts.add("functions only")
        if keys == {"sites"}:
            layouts.add("sites only")
    assert layouts == {
        "collections only",
        "collections with databases",
        "tablesDB",
        "functions only",
        "sites only",
    }


def without_era_key(name: str, key: str) -> list[str]:
    """The codes found once ``key`` (absent from the file, as its CLI wrote it) is declared empty."""
    data = json.loads((DATA / name).read_text(encoding="utf-8"))
    assert key not in data
    data[key] = []
    return [finding.code for finding in check_text(json.dumps(data, indent=4), name)]


def test_the_era_rules_are_what_keeps_old_files_quiet() -> None:
    # CLI 1.2 wrote no "teams" (1.2.1+) and no "databases" (2.0.0+): the team and the database it names
    # cannot be checked. Declared (even empty), they are.
    assert without_era_key("cli-1.2-collections.json", "teams").count("AW404") == 4
    assert without_era_key("cli-1.2-collections.json", "databases").count("AW406") == 2
    assert without_era_key("cli-6-functions-only.json", "teams").count("AW404") == 0


def test_known_teams_turn_the_team_check_on() -> None:
    from appwrite_dsl.lint.rules import Options

    data = (DATA / "cli-1.2-collections.json").read_bytes()
    codes = [f.code for f in check_bytes(data, "x", Options(known_teams=frozenset({"staff"})))]
    assert codes.count("AW404") == 4


# What today's CLI (25.1.0) refuses in each file, as JSON Pointer and JSON Schema keyword.
REFUSED = {
    "cli-1.2-collections.json": [
        ("/collections/0", "additionalProperties"),  # $createdAt, $updatedAt: server fields
        ("/collections/0/attributes/0", "additionalProperties"),  # status
        ("/collections/0/attributes/1", "additionalProperties"),
        ("/collections/1", "additionalProperties"),
        ("/collections/1/attributes/0", "additionalProperties"),
    ],
    "cli-12-tablesdb.json": [],
    "cli-25-clean.json": [],
    "cli-4-databases.json": [
        ("/collections/0/attributes/0", "additionalProperties"),
        ("/collections/0/attributes/1", "additionalProperties"),
        ("/collections/1/attributes/0", "additionalProperties"),
        ("/functions/0/ignore", "type"),  # a list then, a string today
    ],
    "cli-6-functions-only.json": [("/functions/0/vars", "type")],  # a list of key/value then, an object today
    "cli-8-sites-only.json": [("/sites/0", "additionalProperties"), ("/sites/0/vars", "type")],
    "appwrite.config.json": [],  # the example: written as CLI 25.1.0 writes files
}


def test_every_project_file_of_the_repository_is_listed() -> None:
    data = ROOT / "tests" / "data"
    not_projects = (data / "conformance", data / "outcomes")  # server vectors and the outcome corpus's runs
    found = {
        path.name
        for path in ROOT.glob("tests/**/*.json")
        if not any(folder in path.parents for folder in not_projects)
    }
    found -= {"sarif-schema-2.1.0.json"}
    found |= {path.name for path in (ROOT / "examples").glob("*.json")}
    assert found == set(REFUSED)


def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(schema_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.mark.parametrize("path", [*FILES, ROOT / "examples" / "appwrite.config.json"], ids=lambda p: p.name)
def test_every_project_file_against_the_schema(path: Path) -> None:
    errors = validator().iter_errors(json.loads(path.read_text(encoding="utf-8")))
    found = sorted(("/" + "/".join(map(str, error.absolute_path)), str(error.validator)) for error in errors)
    assert found == REFUSED[path.name]


def test_the_schema_is_strict_where_the_cli_is() -> None:
    check = validator()
    base = {"projectId": "p"}
    assert check.is_valid(base)
    assert not check.is_valid({})  # projectId is required
    assert not check.is_valid({**base, "$schema": "x"})  # the CLI refuses unknown keys, $schema too
    column = {"key": "k", "type": "string", "required": True, "default": None, "size": 10}
    table = {"$id": "t", "databaseId": "d", "name": "T", "columns": [column]}
    assert check.is_valid({**base, "tables": [table]})
    for change in ({"default": "x"}, {"size": None}, {"type": "str"}, {"previousKey": 1}):
        broken = {**table, "columns": [{**column, **change}]}
        assert not check.is_valid({**base, "tables": [broken]}), change
    no_size = {key: value for key, value in column.items() if key != "size"}
    assert check.is_valid({**base, "tables": [{**table, "columns": [{**no_size, "format": "email"}]}]})
    assert not check.is_valid({**base, "tables": [{**table, "columns": [no_size]}]})
    assert check.is_valid({**base, "includes": {"tables": "db/tables.json"}})
    for path in ("../tables.json", "/abs/tables.json", "https://x/t.json", "tables.yaml", "a#b.json"):
        assert not check.is_valid({**base, "includes": {"tables": path}}), path


def test_the_schema_ships_as_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'appwrite_dsl = ["py.typed", "lint/*.json"]' in pyproject
    assert (ROOT / "appwrite_dsl" / "lint" / "appwrite-project.schema.json").read_text(
        encoding="utf-8"
    ) == schema_text()
