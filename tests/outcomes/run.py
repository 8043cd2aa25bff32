"""Observing stored inputs: shared by the recorder and the replay test, so both do exactly the same."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path
from typing import Any

from .encoding import dumps, expand, loads
from .observe import AREAS, DATA, INPUTS, observe

CHUNK = 500
"""Inputs per replay test (the unit xdist spreads over workers)."""
SHOWN_INPUTS = 3  # differing inputs described in a report
SHOWN_CHARS = 800


def inputs_path(area: str) -> Path:
    return INPUTS / f"{area}.jsonl"


def outcomes_path(area: str) -> Path:
    return DATA / f"{area}.jsonl.gz"


def read_lines(path: Path) -> list[str]:
    """The lines of a JSON Lines file, gzip-compressed when its name ends in ``.gz``."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        data = gzip.decompress(data)
    return data.decode("utf-8").split("\n")[:-1]


def write_lines(path: Path, lines: list[str]) -> None:
    """Write JSON Lines; compressed the same way every time (no name, no time stamp) for a ``.gz`` name."""
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    if path.suffix == ".gz":
        buffer = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=buffer, mtime=0) as handle:
            handle.write(data)
        data = buffer.getvalue()
    path.write_bytes(data)


def chunks(area: str) -> Iterator[tuple[int, int]]:
    """``(start, stop)`` line ranges of an area's inputs."""
    count = len(read_lines(inputs_path(area)))
    for start in range(0, count, CHUNK):
        yield start, min(start + CHUNK, count)


def _observe_lines(area: str, lines: list[str]) -> list[str]:
    return [dumps(observe(area, loads(line))) for line in lines]


def observe_lines(area: str, lines: list[str]) -> list[str]:
    """The outcome line of each input line, computed in a fresh thread: every call then starts at the
    same stack depth (under pytest or not), which outcomes near Python's recursion limit depend on."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_observe_lines, area, lines).result()


def header(area: str) -> str:
    """The first line of an outcome file: the area, the SHA-256 of its inputs file and its observers, in
    the order of each record's list."""
    digest = hashlib.sha256(inputs_path(area).read_bytes()).hexdigest()
    return dumps({"area": area, "inputs": digest, "observers": AREAS[area].names})


def record(area: str) -> int:
    lines = read_lines(inputs_path(area))
    outcomes = observe_lines(area, lines)
    write_lines(outcomes_path(area), [header(area), *outcomes])
    return len(outcomes)


# ------------------------------------------------------------------------------------------ replaying


@cache
def recorded(area: str) -> tuple[str, ...]:
    """The lines of an area's outcome file (the header first)."""
    return tuple(read_lines(outcomes_path(area)))


@cache
def inputs(area: str) -> tuple[str, ...]:
    return tuple(read_lines(inputs_path(area)))


def _resolved(line: str) -> list[Any]:
    """Each observer's outcome, an index standing for an earlier observer's outcome replaced by it."""
    outcomes = expand(loads(line))
    return [outcomes[item] if isinstance(item, int) else item for item in outcomes]


def _cut(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=True, sort_keys=True)
    return text if len(text) <= SHOWN_CHARS else text[:SHOWN_CHARS] + f"... ({len(text)} characters)"


def describe(area: str, number: int, before: str, now: str) -> str:
    """One differing input: the input, then each observer whose outcome changed, recorded and now."""
    lines = [
        f"{area} input {number} (line {number + 1} of inputs/{area}.jsonl): {_cut(loads(inputs(area)[number]))}"
    ]
    for name, old, new in zip(AREAS[area].names, _resolved(before), _resolved(now)):
        if old != new:
            lines += [f"  {name}:", f"    recorded: {_cut(old)}", f"    now:      {_cut(new)}"]
    return "\n".join(lines)


def replay(area: str, start: int, stop: int) -> str | None:
    """Observe inputs ``start`` to ``stop`` of an area again; None when every outcome is the recorded one,
    else a report of the first differing inputs."""
    before = recorded(area)[1 + start : 1 + stop]
    now = observe_lines(area, list(inputs(area)[start:stop]))
    if len(before) != len(now):
        return f"{area}: {len(now)} inputs but {len(before)} recorded outcomes from input {start} on"
    differing = [number for number in range(start, stop) if before[number - start] != now[number - start]]
    if not differing:
        return None
    shown = [describe(area, n, before[n - start], now[n - start]) for n in differing[:SHOWN_INPUTS]]
    head = f"{len(differing)} of {stop - start} inputs have other outcomes than recorded:"
    return "\n\n".join([head, *shown])
