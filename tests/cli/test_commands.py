"""The installed ``appwrite-dsl`` command, run as a user runs it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

COMMAND = shutil.which("appwrite-dsl", path=str(Path(sys.executable).parent))


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    assert COMMAND is not None, "the appwrite-dsl command is not installed next to this Python"
    return subprocess.run([COMMAND, *args], input=stdin, capture_output=True, text=True, check=False)


def test_parse_valid_strings() -> None:
    result = run("parse", 'read("user:abc/verified")', "team:t1/owner", "unique()")
    assert result.returncode == 0
    assert result.stderr == ""
    assert result.stdout == (
        'read("user:abc/verified")\n'
        "  kind: permission\n"
        '  canonical: read("user:abc/verified")\n'
        "  action: read\n"
        "  role: user:abc/verified\n"
        "  name: user\n"
        "  identifier: abc\n"
        "  dimension: verified\n"
        "team:t1/owner\n"
        "  kind: role\n"
        "  canonical: team:t1/owner\n"
        "  name: team\n"
        "  identifier: t1\n"
        "  dimension: owner\n"
        "unique()\n"
        "  kind: id\n"
        "  canonical: unique()\n"
        "  generated: yes\n"
    )


def test_parse_invalid_string_exits_1_with_the_caret() -> None:
    result = run("parse", 'read("user:a:b")')
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "Expected a letter, digit, '.', '-' or '_' in a user ID, found ':'; "
        'the server would read this as read("user:a")\n'
        '    read("user:a:b")\n'
        "                ^\n"
    )


def test_parse_reads_stdin_and_writes_json() -> None:
    result = run("parse", "--format", "json", "-", stdin='any\nread("Any")\n')
    assert result.returncode == 1
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {
            "line": 1,
            "input": "any",
            "valid": True,
            "kind": "role",
            "canonical": "any",
            "name": "any",
            "identifier": "",
            "dimension": "",
        },
        {
            "line": 2,
            "input": 'read("Any")',
            "valid": False,
            "error": "Expected a role (any, guests, users, user, team, member or label), found 'Any'",
            "position": 6,
        },
    ]


@pytest.mark.parametrize(
    ("kind", "text", "code"), [("role", 'read("any")', 1), ("permission", 'read("any")', 0), ("id", "any", 0)]
)
def test_kind_option(kind: str, text: str, code: int) -> None:
    assert run("parse", "--kind", kind, text).returncode == code


def test_usage_errors_exit_2() -> None:
    assert run().returncode == 2
    assert run("parse").returncode == 2
    assert run("frobnicate").returncode == 2


def test_module_entry_point_and_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "appwrite_dsl", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("appwrite-dsl ")


def test_explain_tells_what_the_server_reads() -> None:
    result = run("explain", 'read("user:a:b")', 'read("anyx")', 'write("any")')
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout == (
        'read("user:a:b")\n'
        "  kind: permission\n"
        '  server: reads it as read("user:a")\n'
        "  strict: Expected a letter, digit, '.', '-' or '_' in a user ID, found ':'\n"
        '  stored on collections, tables, buckets: read("user:a")\n'
        '  stored on documents, rows, files: read("user:a")\n'
        '  who: the user "a"\n'
        'read("anyx")\n'
        "  kind: permission\n"
        '  server: rejects it: Role "anyx" is not allowed. Must be one of: any, guests, users, user, team, member, '
        "label.\n"
        'write("any")\n'
        "  kind: permission\n"
        "  server: reads it as written\n"
        '  stored on collections, tables, buckets: create("any"), update("any"), delete("any")\n'
        '  stored on documents, rows, files: update("any"), delete("any")\n'
        "  who: anyone (signed in or not)\n"
    )


def test_explain_roles_from_stdin_as_json() -> None:
    result = run("explain", "--format", "json", "-", stdin="team:t1/owner\nusers:\n\n*\n")
    assert result.returncode == 1
    assert result.stderr == 'stdin:4: Wildcard role "*" has been replaced. Use "any" instead.\n'
    assert [json.loads(line) for line in result.stdout.splitlines()] == [
        {
            "line": 1,
            "input": "team:t1/owner",
            "kind": "role",
            "accepted": True,
            "reading": "team:t1/owner",
            "as_written": True,
            "strict_error": None,
            "who": 'members of the team "t1" with the role "owner"',
        },
        {
            "line": 2,
            "input": "users:",
            "kind": "role",
            "accepted": True,
            "reading": "users",
            "as_written": False,
            "strict_error": "Expected end of role after 'users', found ':'",
            "who": "every signed-in user (anonymous sessions included)",
        },
        {
            "line": 4,
            "input": "*",
            "kind": "role",
            "accepted": False,
            "message": 'Wildcard role "*" has been replaced. Use "any" instead.',
        },
    ]


def test_explain_exits_0_when_everything_is_read_as_written() -> None:
    result = run("explain", 'create("users")', "label:vip")
    assert result.returncode == 0
    assert (
        '  stored on documents, rows, files: rejected: Permission "create("users")" is not allowed.'
        in result.stdout
    )
    assert '  who: users with the label "vip"\n' in result.stdout
    assert run("explain", "--kind", "permission", "users").returncode == 1
    assert run("explain").returncode == 2


def test_parse_shows_a_query_and_the_syntax_detected() -> None:
    result = run("parse", "limit(25)", '{"method":"equal","attribute":"a","values":["x"]}')
    assert result.returncode == 0
    assert result.stdout == (
        "limit(25)\n"
        "  kind: query\n"
        "  syntax: legacy\n"
        '  canonical: {"method":"limit","values":[25]}\n'
        "  method: limit\n"
        "  attribute: (none)\n"
        "  values: [25]\n"
        "  legacy: limit(25)\n"
        '{"method":"equal","attribute":"a","values":["x"]}\n'
        "  kind: query\n"
        "  syntax: json\n"
        '  canonical: {"method":"equal","attribute":"a","values":["x"]}\n'
        "  method: equal\n"
        "  attribute: a\n"
        '  values: ["x"]\n'
        '  legacy: equal("a", ["x"])\n'
    )


def test_parse_explains_an_invalid_query() -> None:
    result = run("parse", 'equal("a", [x])')
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "Expected a value (a string in double quotes, a number, true, false or null), found 'x'; "
        'the server would read this as equal("a", ["x"])'
    )


def test_convert_both_ways() -> None:
    result = run("convert", "--to", "legacy", '{"method":"equal","attribute":"title","values":["Iron Man"]}')
    assert (result.returncode, result.stdout) == (0, 'equal("title", ["Iron Man"])\n')
    result = run("convert", "--to", "json", "-", stdin='equal("title", ["Iron Man"])\nlimit(5)\n')
    assert (result.returncode, result.stdout) == (
        0,
        '{"method":"equal","attribute":"title","values":["Iron Man"]}\n{"method":"limit","values":[5]}\n',
    )


def test_convert_refuses_what_the_target_cannot_write() -> None:
    result = run(
        "convert",
        "--to",
        "legacy",
        '{"method":"or","values":[{"method":"equal","attribute":"a","values":[1]},{"method":"equal","attribute":"b","values":[2]}]}',
    )
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[0] == (
        "Expected a query without nested queries, arrays or objects: the legacy syntax cannot write them"
    )
    assert run("convert", "limit(5)").returncode == 2  # --to is required


def test_parse_from_a_pipe_writes_one_line_per_input_line() -> None:
    stdin = 'read("any")\n\nread("user:a:b")\nteam:t1/owner\n   \nunique()\n'
    result = run("parse", "-", stdin=stdin)
    assert result.returncode == 1
    assert result.stdout == 'read("any")\n\nteam:t1/owner\nunique()\n'  # blank lines skipped, a failure empty
    assert result.stderr == (
        "stdin:3: Expected a letter, digit, '.', '-' or '_' in a user ID, found ':'; "
        'the server would read this as read("user:a")\n'
        '    read("user:a:b")\n'
        "                ^\n"
    )


def test_parse_from_a_pipe_as_json_lines_keeps_failures_in_place() -> None:
    result = run("parse", "--format", "json", "-", stdin="users\nteam:\n")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["line"], r["input"], r["valid"]) for r in records] == [(1, "users", True), (2, "team:", False)]
    assert records[1]["error"] == "Expected a team ID"
    assert result.stderr == ""


def test_convert_from_a_pipe_keeps_the_lines_aligned() -> None:
    result = run("convert", "--to", "json", "-", stdin="limit(5)\nnot a query\n\noffset(2)\n")
    assert result.returncode == 1
    assert result.stdout == '{"method":"limit","values":[5]}\n\n{"method":"offset","values":[2]}\n'
    assert result.stderr.startswith("stdin:2: ")


def test_explain_from_a_pipe_writes_the_servers_reading_per_line() -> None:
    result = run("explain", "-", stdin='read("user:a:b")\n*\nusers\n')
    assert result.returncode == 1
    assert result.stdout == 'read("user:a")\n\nusers\n'
    assert result.stderr == 'stdin:2: Wildcard role "*" has been replaced. Use "any" instead.\n'
