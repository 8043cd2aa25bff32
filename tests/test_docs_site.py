"""The documentation site (docs/): the EBNF of its grammar page (which tests/test_spec_sync.py compares), the
PNG reader of its render check, and, when the docs extra is installed, the build itself (docs/build.sh runs
the same steps)."""

from __future__ import annotations

import importlib.util
import random
import re
import shutil
import struct
import subprocess
import sys
import types
import zlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
DOCS_PACKAGES = ("sphinx", "myst_parser", "furo", "railroad", "jinja2", "pyparsing")


def _check_render() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("check_render", DOCS / "check_render.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _page_ebnf(name: str) -> str:
    """The EBNF of the ``{ebnf} name`` block of the grammar page, without the directive's options."""
    text = (DOCS / "reference" / "grammar.md").read_text(encoding="utf-8")
    match = re.search(r"^```\{ebnf\} " + re.escape(name) + r"\n(.*?)^```$", text, re.M | re.S)
    assert match, f"no {{ebnf}} {name} block on the grammar page"
    return "".join(line for line in match.group(1).splitlines(keepends=True) if not line.startswith(":"))


def _png(width: int, height: int, channels: int, rows: list[bytes], filters: list[int]) -> bytes:
    """A PNG whose rows are encoded with the given filter types (the decoder must undo each one)."""
    stride = width * channels
    previous = bytes(stride)
    raw = bytearray()
    for row, kind in zip(rows, filters):
        out = bytearray(stride)
        for i in range(stride):
            a = row[i - channels] if i >= channels else 0
            b = previous[i]
            c = previous[i - channels] if i >= channels else 0
            if kind == 0:
                predictor = 0
            elif kind == 1:
                predictor = a
            elif kind == 2:
                predictor = b
            elif kind == 3:
                predictor = (a + b) >> 1
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                predictor = a if pa <= pb and pa <= pc else b if pb <= pc else c
            out[i] = (row[i] - predictor) & 0xFF
        raw += bytes([kind]) + out
        previous = row

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    colour = {1: 0, 2: 4, 3: 2, 4: 6}[channels]
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize("channels", [1, 2, 3, 4])
def test_png_reader_undoes_every_filter(channels: int) -> None:
    check_render = _check_render()
    rng = random.Random(channels)
    width, height = 7, 10
    rows = [bytes(rng.randrange(256) for _ in range(width * channels)) for _ in range(height)]
    png = _png(width, height, channels, rows, [y % 5 for y in range(height)])
    assert check_render.read_png(png) == (width, height, channels, b"".join(rows))


def test_screenshot_check_refuses_a_blank_page() -> None:
    check_render = _check_render()
    white = bytes([255, 255, 255]) * 64
    png = _png(64, 48, 3, [white] * 48, [0] * 48)
    problems, _ = check_render.screenshot_problems(png, {"terminal": (217, 242, 217)})
    assert any("blank" in problem for problem in problems)
    assert any("terminal colour" in problem for problem in problems)
    assert any("64x48" in problem for problem in problems)


@pytest.mark.skipif(
    any(importlib.util.find_spec(name) is None for name in DOCS_PACKAGES),
    reason="the docs extra is not installed (sphinx, furo, myst-parser, railroad-diagrams, jinja2, pyparsing)",
)
def test_site_builds_its_examples_pass_and_the_grammar_page_renders(tmp_path: Path) -> None:
    def sphinx(builder: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "sphinx", "-E", "-W", "--keep-going", "-q", "-b", builder]
        command += ["-d", str(tmp_path / "doctrees"), str(DOCS), str(tmp_path / builder)]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    html = sphinx("html")
    assert html.returncode == 0, html.stdout + html.stderr
    doctest = sphinx("doctest")
    assert doctest.returncode == 0, doctest.stdout + doctest.stderr
    summary = (tmp_path / "doctest" / "output.txt").read_text(encoding="utf-8")
    assert re.search(r"^\s*0 failures in tests$", summary, re.M), summary
    assert int(re.findall(r"^\s*(\d+) tests$", summary, re.M)[-1]) >= 100, summary

    chromium = _check_render().find_chromium()
    if chromium is None:
        pytest.skip("Chromium is not installed: the render check did not run (the build and doctests passed)")
    render = subprocess.run(
        [sys.executable, str(DOCS / "check_render.py"), "--html", str(tmp_path / "html")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert render.returncode == 0, render.stdout + render.stderr


def test_build_script_is_executable_bash() -> None:
    script = DOCS / "build.sh"
    assert script.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")
    if shutil.which("bash"):
        assert subprocess.run(["bash", "-n", str(script)], check=False).returncode == 0
