"""The audit of a project file, and ``appwrite-dsl audit`` run as the installed command."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from appwrite_dsl import ParseError
from appwrite_dsl.audit import audit_text, table, to_json

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "appwrite.config.json"
COMMAND = shutil.which("appwrite-dsl", path=str(Path(sys.executable).parent))


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    assert COMMAND is not None, "the appwrite-dsl command is not installed next to this Python"
    return subprocess.run([COMMAND, *args], capture_output=True, text=True, check=False, cwd=cwd)


def levels(entry: dict[str, object], action: str) -> dict[str, str]:
    return entry["actions"][action]["levels"]  # type: ignore[index,no-any-return]


def test_the_example_as_json() -> None:
    result = run("audit", "examples/appwrite.config.json", "--format", "json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["file"] == "examples/appwrite.config.json"
    entities = {f"{e['kind']} {e['id']}": e for e in report["entities"]}
    assert list(entities) == [
        "table posts",
        "table audit_log",
        "collection notes",
        "bucket avatars",
        "bucket legacy_uploads",
        "function hello",
        "function nightly report",
        "topic news",
    ]
    posts = entities["table posts"]
    assert posts["database"] == "main" and posts["security"] == {"rowSecurity": True}
    # update("any") on a table: every guest can update every row
    assert set(levels(posts, "update").values()) == {"all"}
    assert posts["actions"]["update"]["who"] == "anyone (signed in or not)"
    # delete("team:editors/owner"): only team owners, never a guest
    assert levels(posts, "delete")["guest"] == "none"
    assert levels(posts, "delete")["member"] == "some"
    assert posts["actions"]["delete"]["who"] == 'members of the team "editors" with the role "owner"'
    assert posts["actions"]["read"]["item_level"] == "per row: its own permissions can let more callers in"
    # create("users") lets anonymous sessions in
    assert levels(posts, "create")["anonymous"] == "all"
    assert all(
        level == "none"
        for action in ("create", "read", "update", "delete")
        for level in levels(entities["table audit_log"], action).values()
    )
    notes = entities["collection notes"]
    assert levels(notes, "create") == {
        "guest": "none",
        "user": "some",
        "anonymous": "some",
        "verified": "all",
        "member": "some",
        "label": "some",
    }
    assert (
        notes["actions"]["read"]["item_level"]
        == "documents' own permissions are ignored (documentSecurity off)"
    )
    legacy = entities["bucket legacy_uploads"]
    assert [r["string"] for r in legacy["rejected"]] == ['read("role:all")', "*"]
    assert levels(entities["function hello"], "execute")["guest"] == "all"
    news = entities["topic news"]
    assert (
        news["actions"]["subscribe"]["who"] == 'members of the team "editors"'
    )  # user:ops:admin matches nobody


def test_the_example_as_a_table() -> None:
    result = run("audit", "examples/appwrite.config.json")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "examples/appwrite.config.json: 8 entities audited"
    assert "table main/posts (line 50): rowSecurity on" in lines
    assert any(line.split()[:7] == ["delete", "-", "some", "some", "some", "some", "some"] for line in lines)
    assert (
        '  rejected by the server, left out: *: Wildcard permission "*" has been replaced. Use "any" instead.'
        in lines
    )
    assert "topic news (line 224)" in lines


def test_a_directory_is_searched_like_the_appwrite_cli(tmp_path: Path) -> None:
    (tmp_path / "appwrite.json").write_text('{"topics": [{"$id": "t"}]}', encoding="utf-8")
    nested = tmp_path / "src" / "deep"
    nested.mkdir(parents=True)
    result = run("audit", cwd=nested)
    assert result.returncode == 0, result.stderr
    assert "topic t (line 1)" in result.stdout
    # a topic without subscribe gets the server's default, ["users"]
    assert "every signed-in user (anonymous sessions included)" in result.stdout


def test_errors_exit_2(tmp_path: Path) -> None:
    result = run("audit", cwd=tmp_path)
    assert result.returncode == 2
    assert "no appwrite.config.json or appwrite.json in . or any parent directory" in result.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = run("audit", str(broken))
    assert result.returncode == 2
    assert "is not JSON" in result.stderr
    result = run("audit", str(tmp_path / "missing.json"))
    assert result.returncode == 2
    assert "cannot read" in result.stderr


def test_both_layouts_and_disabled_databases() -> None:
    text = json.dumps(
        {
            "databases": [{"$id": "old", "enabled": False}],
            "collections": [
                {"$id": "c", "databaseId": "old", "$permissions": ['read("any")'], "documentSecurity": True}
            ],
            "tablesDB": [{"$id": "new"}],
            "tables": [{"$id": "t", "databaseId": "new", "$permissions": ['write("users")']}],
            "buckets": [{"$id": "b", "enabled": False, "$permissions": ['read("any")']}],
            "functions": [{"$id": "f"}],
        }
    )
    entries = {entry.label: entry for entry in audit_text(text)}
    assert list(entries) == ["table new/t", "collection old/c", "bucket b", "function f"]
    assert not entries["collection old/c"].enabled
    assert entries["collection old/c"].actions["read"].access.phrase == (
        "no client: the collection is disabled (only API keys and console admins)"
    )
    assert entries["collection old/c"].actions["read"].item_level == ""
    table_t = entries["table new/t"]
    assert table_t.actions["read"].access.phrase == "no client (only API keys and console admins)"
    assert table_t.actions["delete"].access.phrase == "every signed-in user (anonymous sessions included)"
    assert (
        entries["function f"].actions["execute"].access.phrase
        == "no client (only API keys and console admins)"
    )
    assert to_json(list(entries.values()))[2]["enabled"] is False
    assert "bucket b (line 1): disabled, fileSecurity off" in table(list(entries.values()))


def test_not_json_raises_a_parse_error() -> None:
    with pytest.raises(ParseError):
        audit_text("[")
    assert audit_text("[]") == []


def test_absent_null_and_malformed_lists() -> None:
    text = json.dumps(
        {
            "topics": [
                {"$id": "absent"},
                {"$id": "null", "subscribe": None},
                {"$id": "odd", "subscribe": "users"},
            ],
            "functions": [{"$id": "f", "execute": ["any", 3]}],
            "buckets": [{"$id": "b", "$permissions": None}],
        }
    )
    entries = {entry.label: entry for entry in audit_text(text)}
    assert entries["topic absent"].permissions == ("users",)
    assert entries["topic null"].permissions == ("users",)
    odd = entries["topic odd"]
    assert odd.permissions == ()
    assert odd.rejected == (("subscribe", "not an array: the server refuses the whole list"),)
    assert odd.actions["subscribe"].access.phrase == "no client (only API keys and console admins)"
    # a non-string item is skipped, the rest is audited
    assert entries["function f"].actions["execute"].access.phrase == "anyone (signed in or not)"
    assert entries["bucket b"].permissions == () and entries["bucket b"].rejected == ()
