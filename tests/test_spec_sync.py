"""What this repository copies from the project's specification is still equal to it.

The vectors in ``tests/data/conformance`` are copies, and the grammar page quotes the specification's EBNF. Where the
specification checkout stands beside this repository (as on the project's own machines and CI), every one of its
vector files must be here byte for byte, and the quoted grammars must match; a clone with nothing beside it skips
these checks (there is nothing to compare with) and runs everything else. This is the only test that looks outside
the repository.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conformance import CONFORMANCE
from tests.test_docs_site import _page_ebnf

SPECIFICATION = Path(__file__).resolve().parents[2] / "shared"
UPSTREAM = SPECIFICATION / "conformance"
SPEC = SPECIFICATION / "spec"

needs_upstream = pytest.mark.skipif(
    not UPSTREAM.is_dir(), reason="no specification checkout beside the repository"
)


def upstream_files() -> list[str]:
    return sorted(p.name for p in UPSTREAM.glob("*.jsonl")) if UPSTREAM.is_dir() else []


@needs_upstream
def test_every_upstream_vector_file_is_vendored() -> None:
    vendored = sorted(p.name for p in CONFORMANCE.glob("*.jsonl"))
    assert upstream_files(), "the specification checkout holds no vector files"
    assert vendored == upstream_files()


@needs_upstream
@pytest.mark.parametrize("name", upstream_files())
def test_vendored_copy_is_identical(name: str) -> None:
    assert (CONFORMANCE / name).read_bytes() == (UPSTREAM / name).read_bytes(), (
        f"tests/data/conformance/{name} differs from the specification's copy: copy it over and rerun the suite"
    )


def test_every_vendored_file_is_described() -> None:
    readme = (CONFORMANCE / "README.md").read_text(encoding="utf-8")
    for path in sorted(CONFORMANCE.glob("*.jsonl")):
        assert f"`{path.name}`" in readme, path.name


def _spec_ebnf(file: str) -> str:
    text = (SPEC / file).read_text(encoding="utf-8")
    blocks = re.findall(r"^```ebnf\n(.*?)^```$", text, re.M | re.S)
    assert len(blocks) == 1, f"expected one ebnf block in {file}"
    return str(blocks[0])


@needs_upstream
@pytest.mark.parametrize(
    ("grammar", "file"), [("permission", "permissions-roles.md"), ("legacy", "query-legacy.md")]
)
def test_grammar_page_quotes_the_spec_ebnf(grammar: str, file: str) -> None:
    assert _page_ebnf(grammar) == _spec_ebnf(file)


def test_nothing_else_refers_outside_the_repository() -> None:
    """Only this file may name the specification checkout beside the repository: code, tests, docs, fuzz and
    bench state their facts themselves or cite public sources."""
    root = Path(__file__).resolve().parents[1]
    markers = ("../" + SPECIFICATION.name, SPECIFICATION.name + "/")
    files = [root / "README.md"]
    for folder, pattern in (("appwrite_dsl", "*.py"), ("tests", "*.py"), ("docs", "*.md"), ("docs", "*.py")):
        files += (root / folder).rglob(pattern)
    files += (root / "fuzz").rglob("*.py")
    files += (root / "bench").rglob("*.py")
    here = Path(__file__).resolve()
    offenders = [
        (str(path.relative_to(root)), marker)
        for path in files
        if path.resolve() != here and "_build" not in path.parts
        for marker in markers
        if marker in path.read_text(encoding="utf-8")
    ]
    assert offenders == []
