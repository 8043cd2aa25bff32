"""The vendored conformance vectors are byte-identical to the project's specification copy.

The vectors in ``tests/data/conformance`` are copies. Where the specification checkout stands beside this
repository (as on the project's own machines and CI), every one of its vector files must be here, byte for byte;
a clone with nothing beside it skips this check (there is nothing to compare with) and runs everything else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conformance import CONFORMANCE

UPSTREAM = Path(__file__).resolve().parents[2] / "shared" / "conformance"

needs_upstream = pytest.mark.skipif(not UPSTREAM.is_dir(), reason="no specification checkout beside the repository")


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
