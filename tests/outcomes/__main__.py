"""``python -m tests.outcomes record [AREA ...]`` re-records the outcomes (see README.md for when);
``python -m tests.outcomes generate --force`` makes the input set again (only to grow it, on purpose)."""

from __future__ import annotations

import argparse
import time

from . import generate, run
from .observe import AREAS


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.outcomes")
    commands = parser.add_subparsers(dest="command", required=True)
    recorder = commands.add_parser("record", help="recompute and write tests/data/outcomes/<area>.jsonl")
    recorder.add_argument("areas", nargs="*", choices=[*AREAS, []], metavar="AREA")
    maker = commands.add_parser("generate", help="make tests/data/outcomes/inputs/ (they are fixed)")
    maker.add_argument("--force", action="store_true")
    args = parser.parse_args()
    if args.command == "generate":
        generate.write(force=args.force)
        return 0
    for area in args.areas or AREAS:
        start = time.perf_counter()
        count = run.record(area)
        print(f"{area}: {count} outcomes in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
