"""Access to the conformance vectors recorded from the real server (vendored in ``tests/data/conformance``)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CONFORMANCE = Path(__file__).resolve().parent / "data" / "conformance"


def records(name: str) -> list[dict[str, Any]]:
    """The records of one conformance file, in file order."""
    with (CONFORMANCE / name).open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def record_id(record: dict[str, Any]) -> str:
    """A short, readable pytest id for a record."""
    text = json.dumps(record["input"], ensure_ascii=True)
    source = record["source"].rsplit(" ", 1)[-1]
    kind = record.get("kind", "")
    return f"{kind}:{source}:{text[:60]}"
