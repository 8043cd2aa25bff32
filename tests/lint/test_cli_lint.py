"""``appwrite-dsl lint`` as installed, run as a user runs it: outputs and exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "appwrite.config.json"
SCHEMA = ROOT / "tests" / "data" / "sarif-schema-2.1.0.json"
COMMAND = shutil.which("appwrite-dsl", path=str(Path(sys.executable).parent))

CLEAN = '{"projectId": "demo", "functions": [{"$id": "hello", "execute": ["users"]}]}'


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
        "\n"
    )
    lines = result.stdout.splitlines()
    assert lines[-1] == "Found 13 findings (5 errors, 8 warnings) in 1 file."
    codes = [line.split()[1] for line in lines if line.startswith("examples/")]
    assert codes == [
        "AW301", "AW303", "AW403", "AW402", "AW404", "AW401", "AW104",
        "AW104", "AW302", "AW105", "AW403", "AW202", "AW407",
    ]  # fmt: skip


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


def test_a_directory_argument_is_searched_like_the_cli(tmp_path: Path) -> None:
    write(tmp_path / "project" / "appwrite.json", CLEAN)
    result = run("lint", "project", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "All checks passed (1 file).\n")


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
    assert result.returncode == 2
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
    assert len(log["runs"][0]["results"]) == 13
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False


def test_github_output() -> None:
    result = run("lint", "--format", "github", "--select", "AW302", "examples/appwrite.config.json")
    assert result.returncode == 1
    assert result.stdout == (
        "::warning file=examples/appwrite.config.json,line=176,col=17,endColumn=21,title=AW302 public-execute::"
        'The function "hello" can be executed by anyone (signed in or not): execute contains "any", the default '
        "of appwrite init function\n"
    )


def codes(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [record["code"] for record in json.loads(result.stdout)]


def test_select_ignore_and_pointer_options() -> None:
    base = ("lint", "--format", "json", "examples/appwrite.config.json")
    assert codes(run(*base, "--select", "AW3")) == ["AW301", "AW303", "AW302"]
    assert codes(run(*base, "--select", "AW3", "--ignore", "AW303,AW302")) == ["AW301"]
    result = run(
        *base, "--select", "AW3", "--ignore-pointer", "/tables=AW301", "--ignore-pointer", "/functions/0"
    )
    assert codes(result) == ["AW303"]
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
    assert codes(result) == ["AW301", "AW303", "AW402", "AW401", "AW407"]
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
    assert result.stdout.splitlines()[-1] == "Found 13 findings (5 errors, 8 warnings) in 1 file."
    assert run("lint", "--exit-zero", "missing.json", cwd=tmp_path).returncode == 2


def test_several_files(tmp_path: Path) -> None:
    write(tmp_path / "a" / "appwrite.json", CLEAN)
    write(tmp_path / "b" / "appwrite.json", '{"projectId": "Bad"}')
    result = run("lint", "a/appwrite.json", "b", "a", cwd=tmp_path)  # "a" names the same file again
    assert result.returncode == 1
    assert result.stdout.splitlines()[0].startswith("b/appwrite.json:1:15: AW106 ")
    assert result.stdout.splitlines()[-1] == "Found 1 finding (1 error) in 2 files."


def test_usage_errors_exit_2() -> None:
    assert run("lint", "--format", "xml").returncode == 2
    assert run("lint", "--ignore-pointer", "functions/0").returncode == 2
