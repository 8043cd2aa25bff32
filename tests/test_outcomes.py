"""Replay the outcome corpus (tests/outcomes/README.md): every stored input is observed again by every
parser, server emulation, validator, builder and the linter, and the outcome must be the recorded one, to
the byte: results, error classes, messages, positions, ends, renderings and findings.

The inputs are split into chunks of a few hundred so that ``pytest -n 2`` spreads them; a failure names
the first differing inputs and, for each, the observers whose outcome changed, recorded and now.
"""

from __future__ import annotations

import pytest

from .outcomes import run
from .outcomes.observe import AREAS

CHUNKS = [(area, start, stop) for area in AREAS for start, stop in run.chunks(area)]


def test_every_area_is_recorded_for_its_inputs() -> None:
    for area in AREAS:
        lines = run.recorded(area)
        assert lines[0] == run.header(area), (
            f"{run.outcomes_path(area).name}: its header does not match the inputs or the observers; "
            "re-record (python -m tests.outcomes record) only in a commit that says why"
        )
        assert len(lines) - 1 == len(run.inputs(area)), area


@pytest.mark.parametrize(("area", "start", "stop"), CHUNKS, ids=[f"{a}-{s}" for a, s, _ in CHUNKS])
def test_outcomes_replay(area: str, start: int, stop: int) -> None:
    report = run.replay(area, start, stop)
    if report is not None:
        pytest.fail(report, pytrace=False)
