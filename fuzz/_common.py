"""What the fuzz harnesses share: input decoding, seeds, error laws, crash reports and the atheris entry.

A harness is one file ``fuzz/fuzz_<name>.py`` that defines

* ``check(text: str) -> None``: the whole test of one input, runnable without atheris (the replay test
  calls it); it raises on a bug and returns otherwise;
* ``CORPORA``: names of ``tests/data/{valid,invalid}/<name>.txt`` whose inputs seed the corpus;
* ``DICTIONARIES``: names of ``fuzz/dict/<name>.dict`` token dictionaries for libFuzzer;
* ``EXAMPLES``: built-in seed strings (from the spec), used as well as the corpora;

and ends with ``if __name__ == "__main__": _common.fuzz(check)``. ``fuzz/run.py`` and
``tests/fuzz/test_replay.py`` find harnesses by that file name pattern, so a new grammar needs one new
file (and, optionally, a dictionary).
"""

from __future__ import annotations

import gc
import os
import re
import struct
import sys
import traceback
import types
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Callable, TypeVar

from appwrite_dsl import ParseError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = ROOT / "tests" / "data"
DICT_DIR = HERE / "dict"
REGRESSIONS = HERE / "regressions"

T = TypeVar("T")
Check = Callable[[str], None]

_INDENT = "    "
_MARKER = re.compile(r" *\^~*")


# Fuzzer bytes <-> text.


def decode(data: bytes) -> str:
    """The text a harness reads from ``data``: ``FuzzedDataProvider(data).ConsumeUnicode(len(data))``,
    re-implemented so that crash files can be replayed and printed without atheris.

    The first byte chooses the encoding of the rest: odd, ASCII (the top bit of each byte dropped); else
    bit 1 set, UTF-16 code units (little-endian, lone surrogates kept); else 21-bit code points in 32-bit
    little-endian units, folded into range. A single byte or nothing is the empty string.
    """
    if len(data) < 2:
        return ""
    spec, body = data[0], data[1:]
    if spec & 1:
        return bytes(byte & 0x7F for byte in body).decode("ascii")
    if spec & 2:
        count = len(body) // 2
        return "".join(map(chr, struct.unpack(f"<{count}H", body[: 2 * count])))
    count = len(body) // 4
    points = []
    for unit in struct.unpack(f"<{count}I", body[: 4 * count]):
        point = unit & 0x1FFFFF  # 21 bits; past 0x10FFFF, the 0x0F0000 nibble is cleared
        points.append(point & ~0x0F0000 if point & 0x100000 else point)
    return "".join(map(chr, points))


def encode(text: str) -> bytes:
    """Fuzzer bytes that :func:`decode` (and atheris) read as ``text``: the seed corpus files."""
    if not text:
        return b""
    points = [ord(char) for char in text]
    if max(points) < 0x80:
        return b"\x01" + text.encode("ascii")
    if max(points) < 0x10000:
        return b"\x02" + struct.pack(f"<{len(points)}H", *points)
    return b"\x00" + struct.pack(f"<{len(points)}I", *points)


def code_points(text: str) -> list[str]:
    return [hex(ord(char)) for char in text]


# Seeds.

_ESCAPE = re.compile(r"\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|[tnr\\])")
_SIMPLE = {"t": "\t", "n": "\n", "r": "\r", "\\": "\\"}


def unescape(field: str) -> str:
    """Decode the escapes of the golden corpora (``\\t \\n \\r \\\\ \\xNN \\uNNNN``)."""
    return _ESCAPE.sub(lambda match: _SIMPLE.get(match.group(1)) or chr(int(match.group(1)[1:], 16)), field)


def corpus_lines(path: Path) -> list[tuple[str, str]]:
    """The ``(input, expected)`` pairs of a corpus file: its first two tab-separated fields (an invalid case
    goes on with its span and rendering), ``#`` lines skipped."""
    pairs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        text, _, rest = line.partition("\t")
        pairs.append((unescape(text), unescape(rest.partition("\t")[0])))
    return pairs


def corpus_inputs(names: Iterable[str]) -> list[str]:
    """Every input of ``tests/data/{valid,invalid}/<name>.txt`` and every canonical form of the valid
    ones (files not written yet are skipped)."""
    texts = []
    for name in names:
        for kind in ("valid", "invalid"):
            path = DATA / kind / f"{name}.txt"
            if not path.is_file():
                continue
            for text, expected in corpus_lines(path):
                texts.append(text)
                if kind == "valid" and expected:
                    texts.append(expected)
    return texts


def seeds(harness: types.ModuleType) -> list[str]:
    """A harness's seed inputs: its built-in ``EXAMPLES``, then its ``CORPORA``, without duplicates."""
    texts = [*getattr(harness, "EXAMPLES", ()), *corpus_inputs(getattr(harness, "CORPORA", ()))]
    return list(dict.fromkeys(texts))


def regression_inputs() -> list[tuple[str, str]]:
    """``(file name, text)`` for every input in ``fuzz/regressions/``: raw libFuzzer inputs (crash
    files, read with :func:`decode`) and ``*.txt`` files of one escaped input per line."""
    found: list[tuple[str, str]] = []
    if not REGRESSIONS.is_dir():
        return found
    for path in sorted(REGRESSIONS.iterdir()):
        if not path.is_file() or path.name.startswith(("README", ".")):
            continue
        if path.suffix == ".txt":
            found.extend((path.name, text) for text, _ in corpus_lines(path))
        else:
            found.append((path.name, decode(path.read_bytes())))
    return found


# Laws.


class LawBroken(AssertionError):
    """A harness found the library breaking one of its own rules."""


# Laws not to fail on, one per line (``fuzz/run.py --allow LAW``): to fuzz past a known bug.
ALLOWED_LAWS = frozenset(filter(None, os.environ.get("FUZZ_ALLOW_LAWS", "").split("\n")))


def expect(condition: bool, law: str, *values: object) -> None:
    """Raise LawBroken naming ``law`` (and showing ``values``) unless ``condition`` holds."""
    if not condition and law not in ALLOWED_LAWS:
        shown = "".join(f"\n  {value!r}" for value in values)
        raise LawBroken(law + shown)


def check_error(error: ParseError, source: str, kind: type[ParseError]) -> None:
    """The laws every error keeps: its class, its source, its span, and a three-line rendering with a
    caret line (``str.splitlines`` must see the same three lines)."""
    expect(isinstance(error, kind), f"expected {kind.__name__}", error)
    expect(error.source == source, "error.source is the text read", error.source, source)
    expect(0 <= error.position <= error.end <= len(source), "0 <= position <= end <= len", error)
    expect(error.span == (error.position, error.end), "span is (position, end)", error)
    rendered = str(error)
    lines = rendered.split("\n")
    expect(len(lines) == 3, "an error renders as three lines", rendered)
    expect(rendered.splitlines() == lines, "no line boundary but the two newlines", rendered)
    if len(lines) != 3:  # (allowed with --allow) the lines below cannot be told apart
        return
    expect(lines[1].startswith(_INDENT), "the source line is indented", rendered)
    marker = lines[2][len(_INDENT) :]
    expect(lines[2].startswith(_INDENT) and bool(_MARKER.fullmatch(marker)), "a caret line", rendered)


def attempt(call: Callable[[], T], source: str | None, kind: type[ParseError]) -> T | None:
    """``call()``, or None when it raises a ParseError (whose laws are checked against ``source``, None
    for any, and ``kind``). Anything else propagates: only ParseError may escape a parser."""
    try:
        return call()
    except ParseError as error:
        check_error(error, error.source if source is None else source, kind)
        return None


# Running.


def report(text: str, error: BaseException) -> None:
    """Print a failing input so it can be reproduced (repr and code points: the text may hold lone
    surrogates or characters a terminal would hide)."""
    print(f"\n=== {type(error).__name__} on input {text!r}", file=sys.stderr)
    print(f"=== code points: {code_points(text)}", file=sys.stderr, flush=True)


def run_check(check: Check, text: str) -> None:
    """``check(text)``; on any exception, print the input and its code points, then re-raise."""
    try:
        check(text)
    except Exception as error:
        report(text, error)
        raise


def replay(check: Check, texts: Sequence[str]) -> list[tuple[str, BaseException]]:
    """Run ``check`` on every text; return the failures instead of stopping at the first."""
    failures = []
    for text in texts:
        try:
            run_check(check, text)
        except Exception as error:
            failures.append((text, error))
    return failures


class KeepGoing:
    """Record distinct failures instead of stopping at the first (``fuzz/run.py --keep-going``).

    A failure is known by its exception type, its law and where it was raised; for each one the shortest
    input seen so far is kept in ``<folder>/failure-<n>`` (fuzzer bytes, a regression file as is) next to
    ``failure-<n>.about`` (the input, its code points and the traceback).
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.shortest: dict[tuple[str, str, str], tuple[int, int]] = {}  # signature -> (n, length)

    @staticmethod
    def signature(error: BaseException) -> tuple[str, str, str]:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename != __file__]
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "?"
        law = str(error).split("\n", 1)[0] if isinstance(error, LawBroken) else ""
        return (type(error).__name__, law, where)

    def record(self, text: str, error: BaseException) -> None:
        key = self.signature(error)
        known = self.shortest.get(key)
        if known is not None and known[1] <= len(text):
            return
        number = len(self.shortest) + 1 if known is None else known[0]
        self.shortest[key] = (number, len(text))
        if known is None:
            report(text, error)
            print(f"=== failure {number} (kept going): {' | '.join(key)}", file=sys.stderr, flush=True)
        stem = self.folder / f"failure-{number}"
        stem.write_bytes(encode(text))
        details = "".join(traceback.format_exception(type(error), error, error.__traceback__))
        about = f"{' | '.join(key)}\ninput: {text!r}\ncode points: {code_points(text)}\n\n{details}"
        stem.with_suffix(".about").write_text(about, encoding="utf-8", errors="backslashreplace")


def _instrument(atheris: types.ModuleType) -> int:
    """Add coverage instrumentation to appwrite_dsl and to the harness, nothing else (atheris'
    ``instrument_imports`` cannot reach modules imported before it; this can)."""
    count = 0
    for obj in gc.get_objects():
        if not isinstance(obj, types.FunctionType):
            continue
        module = getattr(obj, "__module__", None) or ""
        if module in {"__main__", "appwrite_dsl"} or module.startswith("appwrite_dsl."):
            atheris.instrument_func(obj)
            count += 1
    return count


def fuzz(check: Check) -> None:
    """The atheris entry point of a harness: libFuzzer options come from ``sys.argv``; with the
    environment variable ``FUZZ_KEEP_GOING`` set to a folder, failures are recorded there (KeepGoing)
    and fuzzing goes on."""
    import atheris

    folder = os.environ.get("FUZZ_KEEP_GOING")
    keep = KeepGoing(Path(folder)) if folder else None

    def test_one_input(data: bytes) -> None:
        text = atheris.FuzzedDataProvider(data).ConsumeUnicode(len(data))
        if keep is None:
            run_check(check, text)
            return
        try:
            check(text)
        except Exception as error:
            keep.record(text, error)

    count = _instrument(atheris)
    print(f"INFO: instrumented {count} functions of appwrite_dsl and the harness", file=sys.stderr)
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
