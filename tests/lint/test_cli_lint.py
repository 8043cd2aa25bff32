"""``appwrite-dsl lint`` as installed, run as a user runs it: outputs and exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "appwrite.config.json"
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
COMMAND = shutil.which("appwrite-dsl", path=str(Path(sys.executable).parent))

CLEAN = '{"projectId": "demo", "functions": [{"$id": "hello", "execute": ["users"]}]}'
DOCS = "https://appwrite-dsl.readthedocs.io/en/latest/lint-rules.html"


def run(
    *args: str, cwd: Path = ROOT, stdin: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    assert COMMAND is not None, "the appwrite-dsl command is not installed next to this Python"
    environment = {key: value for key, value in os.environ.items() if key not in ("NO_COLOR", "FORCE_COLOR")}
    environment.update(env or {})
    return subprocess.run(
        [COMMAND, *args], input=stdin, capture_output=True, text=True, check=False, cwd=cwd, env=environment
    )


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_has_findings() -> None:
    result = run("lint", "examples/appwrite.config.json")
    assert result.returncode == 1
    assert result.stderr == ""
    assert result.stdout.startswith(
        'examples/appwrite.config.json:55:17: AW301 update("any") lets anyone (signed in or not) update rows of '
        'the table "posts"\n'
        ' 55 |                 "update(\\"any\\")",\n'
        "    |                 ^~~~~~~~~~~~~~~~~\n"
        f"    = help: appwrite-dsl rule AW301 or {DOCS}#aw301\n"
        "\n"
    )
    lines = result.stdout.splitlines()
    assert lines[-1] == "Found 14 findings (6 errors, 8 warnings) in 1 file."
    codes = [line.split()[1] for line in lines if line.startswith("examples/")]
    assert codes == [
        "AW301", "AW303", "AW403", "AW305", "AW402", "AW404", "AW401",
        "AW104", "AW104", "AW302", "AW306", "AW105", "AW403", "AW202",
    ]  # fmt: skip
    # the committed key is masked in the message and in the line shown
    assert "standard_******** (73 characters)" in result.stdout
    assert "0123456789abcdef" not in result.stdout


def test_a_clean_file_exits_0(tmp_path: Path) -> None:
    path = write(tmp_path / "appwrite.json", CLEAN)
    result = run("lint", str(path))
    assert (result.returncode, result.stdout, result.stderr) == (0, "All checks passed (1 file).\n", "")


def test_without_a_path_it_finds_the_file_as_the_appwrite_cli_does(tmp_path: Path) -> None:
    write(tmp_path / "appwrite.config.json", '{"projectId": "Not Valid"}')
    work = tmp_path / "sub"
    write(work / "appwrite.json", CLEAN)
    result = run("lint", "--format", "json", cwd=work)
    assert result.returncode == 1
    [record] = json.loads(result.stdout)
    assert (record["code"], Path(record["path"])) == ("AW106", tmp_path / "appwrite.config.json")
    inside = run("lint", "--format", "json", cwd=tmp_path)
    assert json.loads(inside.stdout)[0]["path"] == "appwrite.config.json"


def test_a_directory_argument_is_walked(tmp_path: Path) -> None:
    write(tmp_path / "project" / "appwrite.json", CLEAN)
    result = run("lint", "project", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "All checks passed (1 file).\n")


BAD = '{"projectId": "Bad"}'  # one AW106 finding, so every linted file shows in the output


def linted(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [record["path"] for record in json.loads(result.stdout)]


def test_a_directory_is_walked_like_ruff_walks_it(tmp_path: Path) -> None:
    for name in (
        "appwrite.json",
        "functions/a/appwrite.json",
        "functions/b/appwrite.config.json",
        "functions/b/src/appwrite.json.bak",
        ".git/appwrite.json",
        "node_modules/pkg/appwrite.json",
        "web/node_modules/pkg/appwrite.config.json",
        "build/appwrite.json",
        "tmp/keep/appwrite.json",
        "tmp/drop/appwrite.json",
        "vendor/appwrite.json",
    ):
        write(tmp_path / name, BAD)
    write(tmp_path / ".gitignore", "# build output\nbuild/\ntmp/*\n!tmp/keep\n")
    write(tmp_path / "functions" / ".gitignore", "")
    write(tmp_path / "vendor" / ".gitignore", "*.json\n")
    result = run("lint", "--format", "json", ".", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "")
    assert linted(result) == [
        "appwrite.json",
        "functions/a/appwrite.json",
        "functions/b/appwrite.config.json",
        "tmp/keep/appwrite.json",
    ]
    # A file named explicitly is linted even where the walk would skip it, as ruff does.
    assert linted(run("lint", "--format", "json", "build/appwrite.json", cwd=tmp_path)) == [
        "build/appwrite.json"
    ]


def test_the_gitignore_of_the_enclosing_repository_applies(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / ".gitignore", "generated/\n")
    write(tmp_path / "app" / "generated" / "appwrite.json", BAD)
    write(tmp_path / "app" / "appwrite.json", BAD)
    result = run("lint", "--format", "json", "app", cwd=tmp_path)
    assert linted(result) == ["app/appwrite.json"]


def test_a_directory_without_project_files_is_an_error_alone(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = run("lint", "empty", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert (
        result.stderr
        == "appwrite-dsl: error: no appwrite.config.json or appwrite.json in empty or below it\n"
    )


def test_a_folder_with_both_names_lints_the_one_the_cli_reads(tmp_path: Path) -> None:
    write(tmp_path / "app" / "appwrite.config.json", BAD)
    write(tmp_path / "app" / "appwrite.json", BAD)
    note = (
        "appwrite-dsl: note: app holds both appwrite.config.json and appwrite.json: the Appwrite CLI reads "
        "appwrite.config.json"
    )
    result = run("lint", "--format", "json", "app", cwd=tmp_path)
    assert linted(result) == ["app/appwrite.config.json"]
    assert result.stderr == note + ", so only it is linted (--all lints both)\n"
    both = run("lint", "--format", "json", "--all", "app", cwd=tmp_path)
    assert linted(both) == ["app/appwrite.config.json", "app/appwrite.json"]
    assert both.stderr == note + "; --all lints both\n"
    # Without a path, the CLI's own search: the same choice, said the same way.
    here = run("lint", "--format", "json", cwd=tmp_path / "app")
    assert linted(here) == ["appwrite.config.json"]
    assert here.stderr == note.replace("app holds", ". holds") + ", so only it is linted (--all lints both)\n"


def test_without_a_path_a_config_file_above_wins_and_that_is_said(tmp_path: Path) -> None:
    write(tmp_path / "appwrite.config.json", BAD)
    write(tmp_path / "sub" / "appwrite.json", BAD)
    result = run("lint", "--format", "json", cwd=tmp_path / "sub")
    assert [Path(path) for path in linted(result)] == [tmp_path / "appwrite.config.json"]
    assert result.stderr == (
        f"appwrite-dsl: note: the Appwrite CLI reads {tmp_path / 'appwrite.config.json'} here, not appwrite.json "
        "(it looks for appwrite.config.json in every parent first), so only it is linted (--all lints both)\n"
    )
    assert len(linted(run("lint", "--format", "json", "--all", cwd=tmp_path / "sub"))) == 2


INFO_ONLY = '{"projectId": "p", "tablesDB": [{"$id": "d"}], "tables": [{"$id": "t", "databaseId": "d", "rowSecurity": true}]}'
WARNING_ONLY = '{"projectId": "p", "functions": [{"$id": "f", "execute": ["any"]}]}'


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        (INFO_ONLY, None, 0),
        (INFO_ONLY, "info", 1),
        (INFO_ONLY, "warning", 0),
        (WARNING_ONLY, None, 1),
        (WARNING_ONLY, "error", 0),
        (BAD, "error", 1),
        (CLEAN, "info", 0),
    ],
)
def test_fail_on(tmp_path: Path, text: str, fail_on: str | None, code: int) -> None:
    write(tmp_path / "appwrite.json", text)
    args = ("--fail-on", fail_on) if fail_on else ()
    result = run("lint", *args, "appwrite.json", cwd=tmp_path)
    assert result.returncode == code
    assert result.stdout.startswith("All checks passed" if text == CLEAN else "appwrite.json:1:")


def test_an_unreadable_path_alone_is_the_error_alone(tmp_path: Path) -> None:
    for format_ in ("text", "json", "sarif", "github"):
        result = run("lint", "--format", format_, "missing.json", cwd=tmp_path)
        assert (result.returncode, result.stdout) == (2, "")
        assert result.stderr == "appwrite-dsl: error: cannot read missing.json: No such file or directory\n"


def test_missing_files_exit_2_after_linting_the_others(tmp_path: Path) -> None:
    write(tmp_path / "appwrite.json", '{"projectId": "Bad"}')
    result = run("lint", "missing.json", "appwrite.json", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr == "appwrite-dsl: error: cannot read missing.json: No such file or directory\n"
    assert result.stdout.splitlines()[-1] == "Found 1 finding (1 error) in 1 file."


def test_no_project_file_anywhere_exits_2(tmp_path: Path) -> None:
    if any(
        (parent / name).exists()
        for parent in (tmp_path, *tmp_path.parents)
        for name in ("appwrite.json", "appwrite.config.json")
    ):
        raise AssertionError("a project file above the temporary directory would be found")
    result = run("lint", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")  # the error alone: no "All checks passed (0 files)"
    assert result.stderr == (
        f"appwrite-dsl: error: no appwrite.config.json or appwrite.json in {tmp_path.resolve()} or any parent "
        "directory\n"
    )


def test_invalid_json_and_invalid_utf8_are_findings(tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_bytes(b'{\n  "projectName": "caf\xe9",\n  "teams": [\n')
    result = run("lint", "--format", "json", "bad.json", cwd=tmp_path)
    assert result.returncode == 1
    assert [(r["code"], r["line"], r["column"]) for r in json.loads(result.stdout)] == [
        ("AW002", 2, 22),
        ("AW001", 4, 1),
    ]


def test_sarif_output_is_valid(tmp_path: Path) -> None:
    result = run("lint", "--format", "sarif", "examples/appwrite.config.json", "missing.json")
    assert result.returncode == 2
    log = json.loads(result.stdout)
    jsonschema.Draft4Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(log)
    assert len(log["runs"][0]["results"]) == 14
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_github_output() -> None:
    result = run("lint", "--format", "github", "--select", "AW302", "examples/appwrite.config.json")
    assert result.returncode == 1
    assert result.stdout == (
        "::warning file=examples/appwrite.config.json,line=176,col=17,endColumn=21,title=AW302 public-execute::"
        'The function "hello" can be executed by anyone (signed in or not): execute contains "any", the default '
        f"of appwrite init function (appwrite-dsl rule AW302 or {DOCS}#aw302)\n"
    )


def codes(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [record["code"] for record in json.loads(result.stdout)]


def test_select_ignore_and_pointer_options() -> None:
    base = ("lint", "--format", "json", "examples/appwrite.config.json")
    assert codes(run(*base, "--select", "AW3")) == ["AW301", "AW303", "AW305", "AW302", "AW306"]
    assert codes(run(*base, "--select", "AW3", "--ignore", "AW303,AW302,AW305")) == ["AW301", "AW306"]
    result = run(
        *base, "--select", "AW3", "--ignore-pointer", "/tables=AW301", "--ignore-pointer", "/functions/0"
    )
    assert codes(result) == ["AW303", "AW305"]
    clean = run(*base, "--select", "AW5")
    assert clean.returncode == 2
    assert clean.stderr == "appwrite-dsl: error: --select: 'AW5' is not a rule code or a prefix of one\n"
    assert run(*base, "--ignore", "AW").returncode == 0


def test_pyproject_settings_apply(tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "appwrite.config.json")
    write(
        tmp_path / "pyproject.toml",
        '[tool.appwrite-dsl]\nselect = ["AW3", "AW4"]\nignore = ["AW403"]\nknown-teams = ["moderators"]\n\n'
        '[tool.appwrite-dsl.per-pointer-ignores]\n"/functions/0/execute" = ["AW302"]\n',
    )
    result = run("lint", "--format", "json", cwd=tmp_path)
    assert codes(result) == ["AW301", "AW303", "AW305", "AW402", "AW401", "AW306"]
    assert codes(run("lint", "--format", "json", "--select", "AW1", cwd=tmp_path)) == [
        "AW104",
        "AW104",
        "AW105",
    ]
    write(tmp_path / "pyproject.toml", '[tool.appwrite-dsl]\nselect = ["AW9"]\n')
    broken = run("lint", cwd=tmp_path)
    assert broken.returncode == 2
    assert broken.stderr.startswith("appwrite-dsl: error: ")
    assert "'AW9' is not a rule code" in broken.stderr


def test_explicit_config_option(tmp_path: Path) -> None:
    config = write(tmp_path / "settings" / "pyproject.toml", '[tool.appwrite-dsl]\nselect = ["AW302"]\n')
    result = run("lint", "--format", "json", "--config", str(config), "examples/appwrite.config.json")
    assert codes(result) == ["AW302"]


def test_colour_only_when_asked_or_on_a_terminal() -> None:
    plain = run("lint", "examples/appwrite.config.json")
    assert "\033[" not in plain.stdout
    forced = run("lint", "--color", "always", "examples/appwrite.config.json")
    assert "\033[1;31mAW301\033[0m" in forced.stdout
    assert (
        "\033["
        not in run("lint", "--color", "auto", "examples/appwrite.config.json", env={"NO_COLOR": "1"}).stdout
    )


def test_colour_on_a_terminal() -> None:
    pty = __import__("pty")
    parent, child = pty.openpty()
    assert COMMAND is not None
    environment = {key: value for key, value in os.environ.items() if key != "NO_COLOR"}
    environment["TERM"] = "xterm"
    process = subprocess.run(
        [COMMAND, "lint", "--select", "AW301", "examples/appwrite.config.json"],
        stdout=child,
        stderr=subprocess.PIPE,
        cwd=ROOT,
        env=environment,
        check=False,
    )
    os.close(child)
    output = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:
            break
        if not chunk:
            break
        output += chunk
    os.close(parent)
    assert process.returncode == 1
    assert b"\033[1;31mAW301\033[0m" in output


def test_exit_zero_still_reports(tmp_path: Path) -> None:
    result = run("lint", "--exit-zero", "examples/appwrite.config.json")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-1] == "Found 14 findings (6 errors, 8 warnings) in 1 file."
    assert run("lint", "--exit-zero", "missing.json", cwd=tmp_path).returncode == 2


def test_several_files(tmp_path: Path) -> None:
    write(tmp_path / "a" / "appwrite.json", CLEAN)
    write(tmp_path / "b" / "appwrite.json", '{"projectId": "Bad"}')
    result = run("lint", "a/appwrite.json", "b", "a", cwd=tmp_path)  # "a" names the same file again
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("b/appwrite.json:1:15: AW106 ")
    assert result.stdout.splitlines()[-1] == "Found 1 finding (1 error) in 2 files."


KEY = "standard_" + "3f1c9a7be2d04c6f8a5b1e9d7c3a2f60" * 8


@pytest.mark.parametrize("format_", ["text", "json", "sarif", "github"])
def test_secrets_are_masked_in_every_format(tmp_path: Path, format_: str) -> None:
    stripe = "sk_live_51Hx2pLKq8vT3nR7yW4mZ9cB6"
    data = {
        "projectId": "p",
        "functions": [
            {
                "$id": "f",
                "execute": ["users"],
                "commands": f"APPWRITE_KEY={KEY} npm run seed",
                "vars": {"STRIPE_SECRET_KEY": stripe, "DB_PASSWORD": "correct-horse-battery"},
            }
        ],
    }
    write(tmp_path / "appwrite.json", json.dumps(data, indent=4))
    result = run("lint", "--format", format_, "appwrite.json", cwd=tmp_path)
    assert result.returncode == 1
    for secret in (KEY[9:], KEY[20:40], stripe[3:], stripe[8:20], "correct-horse-battery", "horse"):
        assert secret not in result.stdout + result.stderr
    assert result.stdout.count("AW306") >= 3
    assert "standard_******** (265 characters)" in result.stdout
    if format_ == "text":
        assert 'commands": "APPWRITE_KEY=standard_****' in result.stdout  # the line shown is masked too
        assert '"DB_PASSWORD": "*********************"' in result.stdout


def test_rule_prints_a_rules_documentation() -> None:
    from appwrite_dsl.lint import _catalogue

    result = run("rule", "AW301")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == _catalogue.text(_catalogue.rule("AW301"))
    assert result.stdout.startswith(
        "AW301 public-write (error, security)\n\nwrite, update or delete is granted"
    )
    assert result.stdout.endswith(f"\n\nDocs: {DOCS}#aw301\n")
    assert run("rule", "aw305").stdout.startswith("AW305 signed-in-write (warning, security)\n")
    every = run("rule", "--all")
    assert [
        line.split()[0] for line in every.stdout.splitlines() if line.endswith(")") and " (" in line[:40]
    ] == [rule.code for rule in _catalogue.RULES]
    unknown = run("rule", "AW999")
    assert (unknown.returncode, unknown.stdout) == (2, "")
    assert (
        unknown.stderr
        == "appwrite-dsl: error: unknown rule 'AW999'; `appwrite-dsl rule --all` lists every one\n"
    )
    assert run("rule").returncode == 2
    assert run("rule", "--all", "--format", "markdown").stdout == _catalogue.markdown()


def test_lint_help_points_to_the_rule_command_and_the_docs_site() -> None:
    result = run("lint", "--help")
    assert result.returncode == 0
    assert "appwrite-dsl rule AW301" in result.stdout
    assert DOCS in result.stdout
    assert "docs/lint-rules.md" not in result.stdout
    assert "--fail-on {error,warning,info}" in result.stdout


def test_schema_command_writes_the_packaged_schema(tmp_path: Path) -> None:
    from appwrite_dsl.lint._schema_command import schema_text

    result = run("schema")
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == schema_text()
    assert json.loads(result.stdout)["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert run("schema", "-o", "schema.json", cwd=tmp_path).returncode == 0
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == schema_text()
    failed = run("schema", "-o", str(tmp_path / "missing" / "schema.json"))
    assert failed.returncode == 2
    assert failed.stderr.startswith("appwrite-dsl: error: cannot write ")


def test_usage_errors_exit_2() -> None:
    assert run("lint", "--format", "xml").returncode == 2
    assert run("lint", "--ignore-pointer", "functions/0").returncode == 2
