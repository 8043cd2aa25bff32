"""docs/lint-rules.md, the pre-commit hook, the bundled example and the benchmark stay in step with the code."""

from __future__ import annotations

import doctest
import importlib.util
import re
from pathlib import Path

from appwrite_dsl.lint import _catalogue, rules
from appwrite_dsl.lint.rules import RULES, check_bytes

ROOT = Path(__file__).resolve().parents[2]


def test_the_rule_reference_is_generated_from_the_package() -> None:
    text = (ROOT / "docs" / "lint-rules.md").read_text(encoding="utf-8")
    begin = "<!-- begin: appwrite-dsl rule --all --format markdown -->\n"
    end = "<!-- end: appwrite-dsl rule --all --format markdown -->\n"
    generated = text[text.index(begin) + len(begin) : text.index(end)]
    assert generated == _catalogue.markdown()  # regenerate: appwrite-dsl rule --all --format markdown
    rows = re.findall(r"^\| \[(AW\d{3})\]\(#aw\d{3}\) \| `([a-z0-9-]+)` \| (\w+) \| (\w+) \|", text, re.M)
    assert rows == [(rule.code, rule.name, rule.severity, rule.category) for rule in RULES]
    for rule in RULES:
        assert f"({rule.code.lower()})=\n### {rule.code} {rule.name}\n" in generated
        assert rule.details
        assert rule.era


def test_the_docs_pages_cite_no_private_files() -> None:
    for path in (
        ROOT / "docs" / "lint-rules.md",
        ROOT / "docs" / "guides" / "lint-in-ci.md",
        ROOT / "docs" / "guides" / "editors.md",
        *(ROOT / "appwrite_dsl" / "lint").glob("*.py"),
    ):
        text = path.read_text(encoding="utf-8")
        for marker in (
            "spec/",
            "cli-config.md",
            "permissions-roles.md",
            "ids.md",
            "§",
        ):  # paths: test_spec_sync
            assert marker not in text, (path.name, marker)


def test_pre_commit_hook_runs_the_lint_command_on_project_files() -> None:
    text = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    fields = dict(re.findall(r"^\s*-?\s*(\w+): (.+)$", text, flags=re.MULTILINE))
    assert fields["id"] == "appwrite-dsl-lint"
    assert fields["entry"] == "appwrite-dsl lint"
    assert fields["language"] == "python"
    pattern = re.compile(fields["files"])
    assert [
        bool(pattern.search(name)) for name in ("appwrite.json", "a/appwrite.config.json", "x-appwrite.json")
    ] == [
        True,
        True,
        False,
    ]


def test_the_example_is_written_as_the_cli_writes_files() -> None:
    data = (ROOT / "examples" / "appwrite.config.json").read_bytes()
    assert not data.endswith(b"\n")  # JSONbig.stringify(data, null, 4) adds no newline
    assert data.startswith(b'{\n    "projectId": ')
    assert {finding.severity for finding in check_bytes(data, "x")} == {"error", "warning"}


def test_rules_module_examples() -> None:
    result = doctest.testmod(rules)
    assert result.attempted >= 2
    assert result.failed == 0


def test_benchmark_generates_a_file_of_the_asked_size() -> None:
    spec = importlib.util.spec_from_file_location("bench_lint", ROOT / "bench" / "bench_lint.py")
    assert spec is not None
    assert spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    text = bench.project_file(0.2)
    assert 180_000 < len(text) < 220_000
    findings = check_bytes(text.encode(), "appwrite.config.json")
    public = (text.count('"collection_') + 49) // 50  # collections 0, 50, 100, ... also grant write("any")
    # write("any") is public (AW301) and makes the create, update and delete grants redundant (AW403)
    assert sorted(f.code for f in findings) == ["AW301"] * public + ["AW403"] * 3 * public


def test_the_github_action_installs_lints_and_uploads_sarif() -> None:
    text = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert "  using: composite\n" in text
    assert 'python -m pip install --disable-pip-version-check --quiet "$GITHUB_ACTION_PATH"' in text
    assert 'appwrite-dsl lint --format sarif --fail-on "$FAIL_ON"' in text
    assert "uses: github/codeql-action/upload-sarif@v3" in text
    assert "set +e" in text  # the step goes on after findings, to upload them
    inputs = re.findall(r"^  ([a-z-]+):\n    description:", text.split("\noutputs:")[0], flags=re.MULTILINE)
    assert inputs == ["paths", "fail-on", "args", "upload-sarif", "sarif-file", "python-version"]
    guide = (ROOT / "docs" / "guides" / "lint-in-ci.md").read_text(encoding="utf-8")
    for name in inputs:
        assert f"`{name}`" in guide  # every input is documented
    assert "uses: <owner>/appwrite-dsl@<tag>" in guide


def test_the_example_workflow_in_the_guide_runs_the_action_with_real_inputs() -> None:
    guide = (ROOT / "docs" / "guides" / "lint-in-ci.md").read_text(encoding="utf-8")
    block = guide.split("uses: <owner>/appwrite-dsl@<tag>\n", 1)[1].split("```", 1)[0]
    used = re.findall(r"^ +#? ?([a-z-]+): ", block, flags=re.MULTILINE)
    action = (ROOT / "action.yml").read_text(encoding="utf-8")
    assert used == ["paths", "fail-on", "args", "upload-sarif"]
    for name in used:
        assert f"\n  {name}:\n" in action, name
