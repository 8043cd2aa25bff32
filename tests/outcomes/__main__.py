"""``python -m tests.outcomes check [AREA ...]`` replays the outcomes without pytest (on any Python);
``record [AREA ...]`` re-records them (see README.md for when); ``generate --force`` makes the input set
again (only to grow it, on purpose)."""

from __future__ import annotations

import argparse
import time

from . import run
from .observe import AREAS


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.outcomes")
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("check", "replay and report the inputs whose outcomes differ from the recorded ones"),
        ("record", "recompute and write tests/data/outcomes/<area>.jsonl.gz"),
    ):
        command = commands.add_parser(name, help=text)
        command.add_argument("areas", nargs="*", choices=[*AREAS, []], metavar="AREA")
    maker = commands.add_parser("generate", help="make tests/data/outcomes/inputs/ (they are fixed)")
    maker.add_argument("--force", action="store_true")
    args = parser.parse_args()
    if args.command == "generate":
        from . import generate  # only this command reads the tests and corpora

        generate.write(force=args.force)
        return 0
    status = 0
    for area in args.areas or AREAS:
        start = time.perf_counter()
        if args.command == "record":
            count = run.record(area)
            print(f"{area}: {count} outcomes in {time.perf_counter() - start:.1f} s")
            continue
        count = len(run.inputs(area))
        report = run.replay(area, 0, count)
        print(f"{area}: {count} inputs, {'as recorded' if report is None else 'DIFFERENT'}", end="")
        print(f" ({time.perf_counter() - start:.1f} s)")
        if report is not None:
            status = 1
            print(report)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
