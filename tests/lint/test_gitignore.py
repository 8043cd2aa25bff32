"""The .gitignore matching the directory walk uses, case by case as gitignore(5) describes it."""

from __future__ import annotations

from pathlib import Path

import pytest

from appwrite_dsl.lint import _gitignore

BASE = Path("/repo")

# pattern lines, path relative to /repo, is it a directory, ignored?
CASES = [
    (["build"], "build", True, True),
    (["build"], "src/build", True, True),  # no slash: any depth
    (["build"], "src/build/appwrite.json", False, False),  # the walk never enters build/ anyway
    (["build/"], "build", False, False),  # directories only
    (["build/"], "a/build", True, True),
    (["/build"], "build", True, True),
    (["/build"], "a/build", True, False),  # anchored to the .gitignore's directory
    (["a/build"], "a/build", True, True),
    (["a/build"], "x/a/build", True, False),  # a slash in the middle anchors too
    (["*.json"], "appwrite.json", False, True),
    (["*.json"], "a/b/appwrite.json", False, True),
    (["app*.json"], "appwrite.json", False, True),
    (["app?rite.json"], "appwrite.json", False, True),
    (["app?rite.json"], "app/rite.json", False, False),  # ? never matches /
    (["*"], "a", True, True),
    (["a/*"], "a/b", True, True),
    (["a/*"], "a/b/c", False, False),
    (["**/logs"], "logs", True, True),
    (["**/logs"], "x/y/logs", True, True),
    (["logs/**"], "logs/a/b", False, True),
    (["logs/**"], "logs", True, False),
    (["a/**/b"], "a/b", True, True),
    (["a/**/b"], "a/x/y/b", True, True),
    (["a/**/b"], "a/xb", True, False),
    (["[ab].json"], "a.json", False, True),
    (["[ab].json"], "c.json", False, False),
    (["[!ab].json"], "c.json", False, True),
    (["[!ab].json"], "a.json", False, False),
    (["*.json", "!appwrite.json"], "appwrite.json", False, False),  # the last match wins
    (["!appwrite.json", "*.json"], "appwrite.json", False, True),
    (["# comment", "", "   "], "# comment", False, False),
    (["\\#notes"], "#notes", False, True),
    (["\\!x"], "!x", False, True),
    (["trailing   "], "trailing", False, True),
    (["trailing\\ "], "trailing ", False, True),
    (["a.b"], "axb", False, False),  # dots are literal
    (["/"], "a", True, False),  # an empty pattern matches nothing
]


@pytest.mark.parametrize(("lines", "path", "is_dir", "expected"), CASES)
def test_gitignore_case(lines: list[str], path: str, is_dir: bool, expected: bool) -> None:
    patterns = _gitignore.parse(lines, BASE)
    assert _gitignore.ignored(BASE / path, is_dir, patterns) is expected


def test_patterns_apply_only_below_their_directory() -> None:
    patterns = _gitignore.parse(["*.json"], BASE / "sub")
    assert _gitignore.ignored(BASE / "sub" / "a.json", False, patterns)
    assert not _gitignore.ignored(BASE / "a.json", False, patterns)


def test_a_missing_gitignore_has_no_patterns(tmp_path: Path) -> None:
    assert _gitignore.read(tmp_path) == []
    (tmp_path / ".gitignore").write_text("x\r\n!y\r\n", encoding="utf-8")
    assert [pattern.negated for pattern in _gitignore.read(tmp_path)] == [False, True]
