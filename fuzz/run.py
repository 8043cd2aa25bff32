"""Run the atheris harnesses, each for a time budget, and report executions and crashes.

    python fuzz/run.py --seconds 20 [harness ...]     # harness: role, permission, id, laws (default: all)

Every ``fuzz/fuzz_<name>.py`` is a harness (see ``fuzz/_common.py``). Each runs in its own subprocess
under libFuzzer with ``-max_total_time``, on a work corpus in ``fuzz/corpus-work/<name>/corpus`` (kept
between runs; ``--fresh`` starts over) seeded from the harness's examples and ``tests/data``, with its
dictionaries merged into one ``-dict`` file. Crash files land in ``fuzz/corpus-work/<name>/artifacts/``
and the full libFuzzer output in ``fuzz/corpus-work/<name>/fuzz.log``.

Exit status: 0 when no harness crashed (or atheris is not installed: the run is skipped with a note, and
``tests/fuzz/test_replay.py`` still replays the seeds), 1 on a crash or a harness that failed to run,
2 on a usage error.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import time
import types
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / "corpus-work"
STARTUP_GRACE = 120  # seconds allowed on top of the budget for imports, instrumentation and corpus loading

sys.path.insert(0, str(HERE))

import _common  # noqa: E402  (needs the fuzz directory on sys.path)

_EXECUTED = re.compile(r"stat::number_of_executed_units:\s*(\d+)")
_DONE = re.compile(r"^Done (\d+) runs in", re.MULTILINE)
_STATUS = re.compile(r"^#(\d+)\s", re.MULTILINE)
_ARTIFACT = re.compile(r"Test unit written to (\S+)")
_RATE = re.compile(r"stat::average_exec_per_sec:\s*(\d+)")
_PYTHON_ERROR = "=== Uncaught Python exception: ==="


@dataclass
class Result:
    name: str
    seconds: float
    executions: int
    corpus: int
    returncode: int
    artifact: Path | None
    log: Path
    rate: int = 0
    failures: tuple[Path, ...] = ()  # --keep-going: failure-<n>.about files

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and self.artifact is None and not self.failures


def discover() -> dict[str, Path]:
    """``{"role": fuzz/fuzz_role.py, ...}``: every harness file, by short name."""
    return {path.stem[len("fuzz_") :]: path for path in sorted(HERE.glob("fuzz_*.py"))}


def load(name: str, path: Path) -> types.ModuleType:
    """Import a harness module (for its seeds and dictionaries; nothing runs)."""
    spec = importlib.util.spec_from_file_location(f"fuzz_{name}", path)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot load {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def prepare(name: str, harness: types.ModuleType, *, fresh: bool) -> tuple[Path, Path | None, Path]:
    """The work directory of a harness: ``(corpus dir, merged dictionary or None, artifacts dir)``."""
    work = WORK / name
    if fresh and work.exists():
        shutil.rmtree(work)
    corpus, artifacts = work / "corpus", work / "artifacts"
    corpus.mkdir(parents=True, exist_ok=True)
    artifacts.mkdir(parents=True, exist_ok=True)
    for text in _common.seeds(harness):
        data = _common.encode(text)
        (corpus / hashlib.sha1(data).hexdigest()).write_bytes(data)  # libFuzzer's naming
    merged = work / "tokens.dict"
    parts = []
    for dictionary in getattr(harness, "DICTIONARIES", ()):
        parts.append((_common.DICT_DIR / f"{dictionary}.dict").read_text(encoding="utf-8"))
    if not parts:  # libFuzzer refuses an empty dictionary
        merged.unlink(missing_ok=True)
        return corpus, None, artifacts
    merged.write_text("\n".join(parts), encoding="utf-8")
    return corpus, merged, artifacts


def executions(output: str) -> int:
    """The number of inputs run, from libFuzzer's final stats, its last line, or its last status line."""
    for pattern in (_EXECUTED, _DONE, _STATUS):
        found = pattern.findall(output)
        if found:
            return int(found[-1])
    return 0


def run_one(
    name: str, path: Path, seconds: int, *, fresh: bool, verbose: bool, keep_going: bool, allow: list[str]
) -> Result:
    harness = load(name, path)
    corpus, tokens, artifacts = prepare(name, harness, fresh=fresh)
    environment = dict(os.environ)
    environment.pop("FUZZ_KEEP_GOING", None)
    environment["FUZZ_ALLOW_LAWS"] = "\n".join(allow)
    for old in artifacts.glob("failure-*"):
        old.unlink()
    if keep_going:
        environment["FUZZ_KEEP_GOING"] = str(artifacts)
    log = corpus.parent / "fuzz.log"
    command = [
        sys.executable,
        str(path),
        str(corpus),
        f"-max_total_time={seconds}",
        *([f"-dict={tokens}"] if tokens else []),
        f"-artifact_prefix={artifacts}/",
        "-print_final_stats=1",
        "-timeout=10",
    ]
    started = time.monotonic()
    with log.open("w", encoding="utf-8", errors="backslashreplace") as sink:
        process = subprocess.Popen(
            command, cwd=corpus.parent, env=environment, stdout=sink, stderr=subprocess.STDOUT, text=True
        )
        try:
            returncode = process.wait(timeout=seconds + STARTUP_GRACE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            sink.write(f"\nfuzz/run.py: killed after {seconds + STARTUP_GRACE} s\n")
            returncode = -9
    elapsed = time.monotonic() - started
    output = log.read_text(encoding="utf-8", errors="replace")
    if verbose:
        print(output)
    written = _ARTIFACT.findall(output)
    artifact = Path(written[-1]) if written else None
    if artifact is not None and not artifact.is_absolute():
        artifact = corpus.parent / artifact
    count = sum(1 for _ in corpus.iterdir())
    rate = _RATE.findall(output)
    failures = tuple(sorted(artifacts.glob("failure-*.about")))
    result = Result(name, elapsed, executions(output), count, returncode, artifact, log, failures=failures)
    result.rate = int(rate[-1]) if rate and int(rate[-1]) else round(result.executions / max(elapsed, 1e-9))
    return result


def describe_crash(result: Result) -> None:
    """Print the crashing input (decoded as the harness read it) and the Python traceback."""
    for about in result.failures:
        lines = about.read_text(encoding="utf-8", errors="replace").splitlines()
        print(f"\n--- {result.name}: {about.with_suffix('').name} (shortest input seen)")
        print("\n".join(lines[:3] + lines[-8:]))
        print(f"keep it: cp {about.with_suffix('')} fuzz/regressions/{result.name}-{about.stem}")
    if result.returncode == 0 and result.artifact is None:
        return
    output = result.log.read_text(encoding="utf-8", errors="replace")
    print(f"\n--- {result.name}: exit status {result.returncode}; log {result.log}")
    start = output.find(_PYTHON_ERROR)
    lines = output[start:].splitlines() if start >= 0 else output.splitlines()[-40:]
    print("\n".join(lines[:60]))
    if result.artifact is not None and result.artifact.is_file():
        data = result.artifact.read_bytes()
        text = _common.decode(data)
        print(f"crash input ({result.artifact}):")
        print(f"  text:        {text!r}")
        print(f"  code points: {_common.code_points(text)}")
        print(f"  bytes:       {data!r}")
        print(f"keep it: cp {result.artifact} fuzz/regressions/{result.name}-{result.artifact.name[:14]}")


def table(results: list[Result], seconds: int) -> str:
    """A Markdown table: one row per harness, then the total."""
    header = ("harness", "budget s", "wall s", "executions", "exec/s", "corpus", "result")
    rows = []
    for r in results:
        if r.ok:
            status = "ok"
        elif r.failures:
            status = f"{len(r.failures)} distinct failure(s)"
        else:
            status = "crash" if r.artifact else f"failed (exit {r.returncode})"
        rows.append(
            (
                r.name,
                str(seconds),
                f"{r.seconds:.1f}",
                f"{r.executions:,}",
                f"{r.rate:,}",
                str(r.corpus),
                status,
            )
        )
    total = sum(r.executions for r in results)
    wall = sum(r.seconds for r in results)
    rows.append(("total", str(seconds * len(results)), f"{wall:.1f}", f"{total:,}", "", "", ""))
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: tuple[str, ...]) -> str:
        padded = [c.ljust(w) if i in (0, 6) else c.rjust(w) for i, (c, w) in enumerate(zip(cells, widths))]
        return "| " + " | ".join(padded) + " |"

    rule = "|" + "|".join("-" * (w + 1) + (":" if 0 < i < 6 else "-") for i, w in enumerate(widths)) + "|"
    return "\n".join([line(header), rule, *(line(row) for row in rows)])


def main(argv: list[str] | None = None) -> int:
    harnesses = discover()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "harness", nargs="*", help=f"harnesses to run (default: all of {', '.join(harnesses)})"
    )
    parser.add_argument("--seconds", type=int, default=20, help="time budget per harness (default 20)")
    parser.add_argument("--fresh", action="store_true", help="discard the work corpus kept from earlier runs")
    parser.add_argument("--verbose", action="store_true", help="print libFuzzer's output")
    parser.add_argument(
        "--keep-going",
        action="store_true",
        help="record each distinct failure (shortest input) and fuzz on instead of stopping at the first",
    )
    parser.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="LAW",
        help="do not fail on this law (its text as printed, e.g. 'an error renders as three lines'), "
        "to fuzz past a known bug; repeatable",
    )
    parser.add_argument("--list", action="store_true", help="list the harnesses and exit")
    args = parser.parse_args(argv)
    if args.list:
        print("\n".join(f"{name}\t{path.relative_to(HERE.parent)}" for name, path in harnesses.items()))
        return 0
    names = [name.removeprefix("fuzz_").removesuffix(".py") for name in args.harness] or list(harnesses)
    unknown = [name for name in names if name not in harnesses]
    if unknown:
        parser.error(f"unknown harness {', '.join(unknown)}; choose from {', '.join(harnesses)}")
    try:
        import atheris  # noqa: F401
    except ImportError:
        print(
            f"fuzz/run.py: atheris is not installed for {sys.executable}; skipping the fuzz run.\n"
            "  Install it with: pip install -e '.[fuzz]'  (atheris 3.0.0 on Python 3.11, 3.1.0+ on 3.12+).\n"
            "  tests/fuzz/test_replay.py still replays every seed and regression input without it."
        )
        return 0
    results = []
    for name in names:
        print(f"fuzzing {name} for {args.seconds} s ...", flush=True)
        result = run_one(
            name,
            harnesses[name],
            args.seconds,
            fresh=args.fresh,
            verbose=args.verbose,
            keep_going=args.keep_going,
            allow=args.allow,
        )
        results.append(result)
        if not result.ok:
            describe_crash(result)
    print()
    print(table(results, args.seconds))
    failed = [r.name for r in results if not r.ok]
    if failed:
        print(f"\nfuzz/run.py: {', '.join(failed)} crashed or failed; see the input(s) above.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
