"""Replay the outcome corpus (tests/outcomes/README.md): every stored input is observed again by every
parser, server emulation, validator, builder and the linter, and the outcome must be the recorded one, to
the byte: results, error classes, messages, positions, ends, renderings and findings.

The inputs are split into chunks of a few hundred so that ``pytest -n 2`` spreads them; a failure names
the first differing inputs and, for each, the observers whose outcome changed, recorded and now.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import pytest

from .outcomes import run
from .outcomes.encoding import expand, loads
from .outcomes.observe import AREAS

CHUNKS = [(area, start, stop) for area in AREAS for start, stop in run.chunks(area)]
SHOWN_INPUTS = 3  # differing inputs described in a failure
SHOWN_CHARS = 800


@cache
def recorded(area: str) -> tuple[str, ...]:
    return tuple(run.read_lines(run.outcomes_path(area)))


@cache
def inputs(area: str) -> tuple[str, ...]:
    return tuple(run.read_lines(run.inputs_path(area)))


def _resolved(line: str) -> list[Any]:
    """Each observer's outcome, an index standing for an earlier observer's outcome replaced by it."""
    outcomes = expand(loads(line))
    return [outcomes[item] if isinstance(item, int) else item for item in outcomes]


def _cut(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=True, sort_keys=True)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + f"... ({len(text)} characters)"


def describe(area: str, number: int, before: str, now: str) -> str:
    names = AREAS[area].names
    lines = [
        f"{area} input {number} (line {number + 1} of inputs/{area}.jsonl): {_cut(loads(inputs(area)[number]))}"
    ]
    for name, old, new in zip(names, _resolved(before), _resolved(now)):
        if old != new:
            lines += [f"  {name}:", f"    recorded: {_cut(old)}", f"    now:      {_cut(new)}"]
    return "\n".join(lines)


def test_every_area_is_recorded_for_its_inputs() -> None:
    for area in AREAS:
        lines = recorded(area)
        assert lines[0] == run.header(area), (
            f"{run.outcomes_path(area).name}: its header does not match the inputs or the observers; "
            "re-record (python -m tests.outcomes record) only in a commit that says why"
        )
        assert len(lines) - 1 == len(inputs(area)), area


@pytest.mark.parametrize(("area", "start", "stop"), CHUNKS, ids=[f"{a}-{s}" for a, s, _ in CHUNKS])
def test_outcomes_replay(area: str, start: int, stop: int) -> None:
    before = recorded(area)[1 + start : 1 + stop]
    now = run.observe_lines(area, list(inputs(area)[start:stop]))
    assert len(before) == len(now) == stop - start
    differing = [number for number in range(start, stop) if before[number - start] != now[number - start]]
    if differing:
        shown = [describe(area, n, before[n - start], now[n - start]) for n in differing[:SHOWN_INPUTS]]
        pytest.fail(
            f"{len(differing)} of {stop - start} inputs have other outcomes than recorded:\n\n"
            + "\n\n".join(shown),
            pytrace=False,
        )
