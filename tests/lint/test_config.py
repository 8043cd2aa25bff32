"""Settings: code prefixes, JSON Pointer suppressions, pyproject.toml, and project file discovery."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from appwrite_dsl.lint.config import (
    ConfigError,
    Settings,
    load_pyproject,
    parse_codes,
    parse_pointer_ignore,
    settings_from_table,
)
from appwrite_dsl.lint.discovery import find_project_file, find_pyproject
from appwrite_dsl.lint.rules import Finding


def finding(code: str, pointer: str = "/functions/0/execute/0") -> Finding:
    return Finding("appwrite.json", 1, 1, 1, 2, code, "m", pointer, "warning")


def test_prefixes_select_and_ignore_like_ruff() -> None:
    settings = Settings(select=parse_codes("AW3,aw101"), ignore=parse_codes("AW304"))
    assert [settings.reports(finding(code)) for code in ("AW301", "AW304", "AW101", "AW102")] == [
        True,
        False,
        True,
        False,
    ]
    assert Settings().reports(finding("AW001"))
    assert parse_codes("ALL") == ("AW",)
    assert parse_codes(" AW30, ,aw4 ") == ("AW30", "AW4")


@pytest.mark.parametrize("text", ["AW9", "X", "AW3012", "AW30,B"])
def test_unknown_codes_are_refused(text: str) -> None:
    with pytest.raises(ConfigError, match="is not a rule code or a prefix of one"):
        parse_codes(text, "--select")


def test_pointer_ignores_cover_the_pointer_and_below() -> None:
    settings = Settings().updated(pointer_ignores=(parse_pointer_ignore("/functions/0=AW302,AW4"),))
    assert not settings.reports(finding("AW302", "/functions/0/execute/0"))
    assert not settings.reports(finding("AW401", "/functions/0"))
    assert settings.reports(finding("AW302", "/functions/01/execute/0"))  # a segment boundary, not a prefix
    assert settings.reports(finding("AW102", "/functions/0/execute/0"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/functions/0", ("/functions/0", ("AW",))),
        ("/a=b/c", ("/a=b/c", ("AW",))),
        ("/x=AW3", ("/x", ("AW3",))),
        ("=AW1", ("", ("AW1",))),
        ("", ("", ("AW",))),
    ],
)
def test_parse_pointer_ignore(text: str, expected: tuple[str, tuple[str, ...]]) -> None:
    assert parse_pointer_ignore(text) == expected


def test_a_pointer_must_start_with_a_slash() -> None:
    with pytest.raises(ConfigError, match="is not a JSON Pointer"):
        parse_pointer_ignore("functions/0")


def test_command_line_select_replaces_and_the_rest_adds() -> None:
    base = Settings(select=("AW1",), ignore=("AW101",), pointer_ignores=(("/a", ("AW",)),))
    updated = base.updated(select=("AW3",), ignore=("AW304",), pointer_ignores=(("/b", ("AW3",)),))
    assert updated.select == ("AW3",)
    assert updated.ignore == ("AW101", "AW304")
    assert updated.pointer_ignores == (("/a", ("AW",)), ("/b", ("AW3",)))
    assert base.updated().select == ("AW1",)


def test_pyproject_table(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\n\n[tool.appwrite-dsl]\nselect = ["AW1", "AW3"]\nignore = ["AW304"]\n'
        'known-teams = ["staff"]\nid-max-length = 255\n\n'
        '[tool.appwrite-dsl.per-pointer-ignores]\n"/functions/0/execute" = ["AW302"]\n',
        encoding="utf-8",
    )
    settings, note = load_pyproject(pyproject)
    assert note == ""
    assert settings == Settings(
        select=("AW1", "AW3"),
        ignore=("AW304",),
        pointer_ignores=(("/functions/0/execute", ("AW302",)),),
        known_teams=frozenset({"staff"}),
        id_max_length=255,
    )
    assert settings.source == str(pyproject)


def test_pyproject_without_the_table(tmp_path: Path) -> None:
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text("[tool.ruff]\nline-length = 100\n", encoding="utf-8")
    assert load_pyproject(pyproject) == (Settings(), "")


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"selct": ["AW1"]}, "unknown setting 'selct'"),
        ({"select": "AW1"}, "select must be a list of strings"),
        ({"ignore": ["AW999"]}, "'AW999' is not a rule code"),
        ({"known-teams": [1]}, "known-teams must be a list of strings"),
        ({"id-max-length": 0}, "id-max-length must be a positive integer"),
        ({"id-max-length": True}, "id-max-length must be a positive integer"),
        ({"per-pointer-ignores": []}, "per-pointer-ignores must be a table"),
        ({"per-pointer-ignores": {"x": ["AW1"]}}, "'x' is not a JSON Pointer"),
    ],
)
def test_invalid_settings(table: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(message)):
        settings_from_table(table, "pyproject.toml")


def test_unreadable_pyproject(tmp_path: Path) -> None:
    bad = tmp_path / "pyproject.toml"
    bad.write_text("[tool.appwrite-dsl\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"pyproject\.toml"):
        load_pyproject(bad)
    with pytest.raises(ConfigError, match="cannot read"):
        load_pyproject(tmp_path / "missing.toml")


# Discovery, as the Appwrite CLI finds its project file (appwrite/sdk-for-cli, lib/config.js): the nearest
# appwrite.config.json in the working directory or a parent, else the nearest appwrite.json.


def test_config_json_in_any_ancestor_wins_over_appwrite_json(tmp_path: Path) -> None:
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    (work / "appwrite.json").write_text("{}", encoding="utf-8")
    assert find_project_file(work) == work / "appwrite.json"
    (tmp_path / "appwrite.config.json").write_text("{}", encoding="utf-8")
    assert find_project_file(work) == tmp_path / "appwrite.config.json"
    (work.parent / "appwrite.config.json").write_text("{}", encoding="utf-8")
    assert find_project_file(work) == work.parent / "appwrite.config.json"


def test_a_directory_is_not_a_project_file(tmp_path: Path) -> None:
    (tmp_path / "appwrite.config.json").mkdir()
    (tmp_path / "appwrite.json").write_text("{}", encoding="utf-8")
    assert find_project_file(tmp_path) == tmp_path / "appwrite.json"


def test_find_pyproject_needs_the_table(tmp_path: Path) -> None:
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "pyproject.toml").write_text("[tool.ruff]\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text("[tool.appwrite-dsl]\n", encoding="utf-8")
    assert find_pyproject(inner) == tmp_path / "pyproject.toml"
