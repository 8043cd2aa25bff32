"""Benchmark: linting a large Appwrite CLI project file against ``json.load`` of the same file.

    python bench/bench_lint.py [--megabytes 5] [--repeat 7]

Generates a project file shaped like the Appwrite CLI writes it (4-space indentation, as its
``JSONbig.stringify(data, null, 4)`` does) with thousands of collections (attributes, indexes, four
permissions each, a finding in one of every fifty), then
prints the best-of-N time of ``json.load`` and of ``appwrite-dsl lint``'s work (read, decode, parse with
positions, all rules, no output) and their ratio. The issue's bound is a ratio of at most 10.
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

from appwrite_dsl.lint.rules import check_bytes


def _collection(index: int) -> dict[str, object]:
    attributes = [
        {
            "key": f"field_{n}",
            "type": "string",
            "required": n % 2 == 0,
            "array": False,
            "size": 255,
            "default": None,
        }
        for n in range(6)
    ]
    indexes = [
        {
            "key": f"idx_{n}",
            "type": "key",
            "status": "available",
            "attributes": [f"field_{n}"],
            "orders": ["ASC"],
        }
        for n in range(2)
    ]
    permissions = [
        'read("any")',
        'create("users")',
        'update("team:editors/owner")',
        f'delete("user:u{index}")',
    ]
    if index % 50 == 0:
        permissions.append('write("any")')
    return {
        "$id": f"collection_{index}",
        "$permissions": permissions,
        "databaseId": "main",
        "name": f"Collection {index}",
        "enabled": True,
        "documentSecurity": index % 3 == 0,
        "attributes": attributes,
        "indexes": indexes,
    }


def _document(count: int) -> str:
    data = {
        "projectId": "bench-project",
        "projectName": "Bench",
        "databases": [{"$id": "main", "name": "Main", "enabled": True}],
        "collections": [_collection(index) for index in range(count)],
        "teams": [{"$id": "editors", "name": "Editors"}],
    }
    return json.dumps(data, indent=4)


def project_file(megabytes: float) -> str:
    """A project file of about ``megabytes`` MB, written as the Appwrite CLI writes it."""
    sample = 100
    per_collection = len(_document(sample)) / sample
    return _document(max(1, round(megabytes * 1_000_000 / per_collection)))


def _best_of_interleaved(
    first: Callable[[], object], second: Callable[[], object], repeat: int
) -> tuple[float, float]:
    """The best time of each, running them in turn so that a busy machine slows both alike."""
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(repeat):
        for function, bucket in zip((first, second), times):
            gc.collect()
            start = time.perf_counter()
            result = function()
            bucket.append(time.perf_counter() - start)
            del result
    return min(times[0]), min(times[1])


def run(megabytes: float = 5.0, repeat: int = 7) -> tuple[float, float, int]:
    """Time both on a generated file; return (json.load seconds, lint seconds, findings)."""
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "appwrite.config.json"
        path.write_text(project_file(megabytes), encoding="utf-8")

        def load() -> object:
            with path.open(encoding="utf-8") as file:
                return json.load(file)

        def lint() -> object:
            return check_bytes(path.read_bytes(), "appwrite.config.json")

        findings = len(check_bytes(path.read_bytes(), "appwrite.config.json"))
        baseline, measured = _best_of_interleaved(load, lint, repeat)
        size = path.stat().st_size
    print(f"file: {size / 1e6:.1f} MB, Python {sys.version.split()[0]}")
    print(f"json.load: {baseline * 1000:.1f} ms")
    print(f"lint:      {measured * 1000:.1f} ms ({findings} findings)")
    print(f"ratio:     {measured / baseline:.1f}x (bound: 10x)")
    return baseline, measured, findings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=5.0)
    parser.add_argument("--repeat", type=int, default=7)
    options = parser.parse_args()
    run(options.megabytes, options.repeat)


if __name__ == "__main__":
    main()
