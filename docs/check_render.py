"""Render the built grammar page in headless Chromium and fail when it is broken.

    python docs/check_render.py [--html DIR] [--screenshot PATH] [--chromium PATH]

Checks, on ``reference/grammar.html`` of a built site (``docs/_build/html`` by default):

1. the screenshot (1280x2000) is not blank: its grey levels vary, and both diagram box colours of
   ``_static/railroad.css`` (terminals and non-terminals, light theme) are painted in it, so the diagrams
   at the top of the page were drawn with their style sheet;
2. in the DOM as Chromium built it (``--dump-dom`` of a copy of the page with a measuring script), there is
   one ``div.railroad`` per diagram that ``pyparsing.diagram.to_railroad`` draws from each reference grammar
   of conf.py, no more and no fewer, and each holds a non-empty ``<svg>``: laid out at a non-zero size,
   with lines (``<path>``) stroked by the style sheet and its boxes labelled (``<text>``), no wider than
   its column;
3. nothing on the page scrolls sideways at that width: no code block, no table and not the page itself.

Exit codes: 0 the page renders, 1 it is broken (every problem is listed), 2 Chromium is missing or failed.
Standard library only, besides pyparsing (for the list of diagrams).
"""

from __future__ import annotations

import argparse
import html as html_lib
import importlib
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from collections import Counter
from pathlib import Path

DOCS = Path(__file__).resolve().parent
ROOT = DOCS.parent
PAGE = "reference/grammar.html"
WINDOW = (1280, 2000)
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--force-color-profile=srgb",
    f"--window-size={WINDOW[0]},{WINDOW[1]}",
)
MIN_GREY_STDDEV = 8.0  # a blank page is 0; the grammar page is about 50
MIN_BOX_PIXELS = 400  # pixels of each diagram box colour in the first screen (about 40,000 when fine)
MEASURE = r"""
<script>
(function () {
  var diagrams = [];
  document.querySelectorAll("div.railroad").forEach(function (div) {
    var svg = div.querySelector("svg.railroad-diagram");
    var box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    var path = svg ? svg.querySelector("path") : null;
    var style = path ? getComputedStyle(path) : null;
    diagrams.push({
      grammar: div.dataset.grammar, rule: div.dataset.rule, svgs: div.querySelectorAll("svg").length,
      width: box.width, height: box.height, column: div.getBoundingClientRect().width,
      display: svg ? getComputedStyle(svg).display : "none",
      paths: svg ? svg.querySelectorAll("path").length : 0,
      texts: svg ? Array.from(svg.querySelectorAll("text")).filter(function (t) {
        return t.textContent.trim() !== "";
      }).length : 0,
      stroke: style ? style.stroke : "", strokeWidth: style ? style.strokeWidth : ""
    });
  });
  var wide = [];  // what scrolls sideways: code blocks, table wrappers, the page itself
  document.querySelectorAll("pre, .table-wrapper").forEach(function (block) {
    if (block.scrollWidth > block.clientWidth + 1) {
      var text = block.textContent.replace(/\s+/g, " ").trim();
      wide.push(block.tagName.toLowerCase() + ": " + text.slice(0, 60));
    }
  });
  if (document.documentElement.scrollWidth > window.innerWidth + 1) {
    wide.push("the page: " + document.documentElement.scrollWidth + " px wide");
  }
  var pre = document.createElement("pre");
  pre.id = "render-check";
  pre.textContent = JSON.stringify(diagrams);
  document.body.appendChild(pre);
  var overflow = document.createElement("pre");
  overflow.id = "render-overflow";
  overflow.textContent = JSON.stringify(wide);
  document.body.appendChild(overflow);
})();
</script>
"""


# --- PNG decoding (8-bit greyscale, RGB, grey+alpha and RGBA, non-interlaced: what Chromium writes) --------


def read_png(data: bytes) -> tuple[int, int, int, bytes]:
    """Return ``(width, height, channels, pixels)``: rows of ``width * channels`` bytes, unfiltered."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG file")
    pos, idat, header = 8, [], None
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ValueError("PNG without IHDR")
    width, height, depth, colour, _, _, interlace = header
    channels = {0: 1, 2: 3, 4: 2, 6: 4}.get(colour)
    if depth != 8 or channels is None or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, interlace {interlace}")
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    out = bytearray(stride * height)
    previous = bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, row = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        if kind == 1:
            for i in range(channels, stride):
                row[i] = (row[i] + row[i - channels]) & 0xFF
        elif kind == 2:
            row = bytearray((a + b) & 0xFF for a, b in zip(row, previous))
        elif kind == 3:
            for i in range(stride):
                left = row[i - channels] if i >= channels else 0
                row[i] = (row[i] + ((left + previous[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = row[i - channels] if i >= channels else 0
                b, c = previous[i], previous[i - channels] if i >= channels else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[i] = (row[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xFF
        elif kind != 0:
            raise ValueError(f"bad PNG filter {kind} in row {y}")
        out[y * stride : (y + 1) * stride] = row
        previous = row
    return width, height, channels, bytes(out)


def _colour_counts(pixels: bytes, channels: int) -> Counter[tuple[int, int, int]]:
    if channels >= 3:
        return Counter(zip(pixels[0::channels], pixels[1::channels], pixels[2::channels]))
    return Counter((g, g, g) for g in pixels[0::channels])


def screenshot_problems(png: bytes, colours: dict[str, tuple[int, int, int]]) -> tuple[list[str], str]:
    """Problems of a screenshot (empty when fine) and a one-line summary of its pixels."""
    width, height, channels, pixels = read_png(png)
    histogram = _colour_counts(pixels, channels)
    total = width * height
    grey = {rgb: (299 * rgb[0] + 587 * rgb[1] + 114 * rgb[2]) / 1000 for rgb in histogram}
    mean = sum(grey[rgb] * n for rgb, n in histogram.items()) / total
    stddev = (sum((grey[rgb] - mean) ** 2 * n for rgb, n in histogram.items()) / total) ** 0.5
    counts = {
        name: sum(n for rgb, n in histogram.items() if all(abs(a - b) <= 6 for a, b in zip(rgb, colour)))
        for name, colour in colours.items()
    }
    problems = []
    if (width, height) != WINDOW:
        problems.append(f"screenshot is {width}x{height}, expected {WINDOW[0]}x{WINDOW[1]}")
    if stddev < MIN_GREY_STDDEV:
        problems.append(
            f"screenshot is blank: grey level standard deviation {stddev:.1f} < {MIN_GREY_STDDEV}"
        )
    problems.extend(
        f"screenshot shows {count} pixels of the {name} colour, expected at least {MIN_BOX_PIXELS}"
        for name, count in counts.items()
        if count < MIN_BOX_PIXELS
    )
    painted = ", ".join(f"{count} {name} pixels" for name, count in counts.items())
    return problems, f"{width}x{height}, grey mean {mean:.0f}, standard deviation {stddev:.1f}, {painted}"


# --- expected diagrams and the DOM --------------------------------------------------------------------------


def expected_diagrams() -> list[tuple[str, str]]:
    """(grammar, rule) of every diagram to_railroad draws from the reference grammars named in conf.py."""
    conf: dict[str, object] = {"__file__": str(DOCS / "conf.py")}
    exec(compile((DOCS / "conf.py").read_text(encoding="utf-8"), str(DOCS / "conf.py"), "exec"), conf)
    from pyparsing.diagram import to_railroad  # noqa: PLC0415 - a docs-only dependency

    expected = []
    grammars: dict[str, str] = conf["railroad_grammars"]  # type: ignore[assignment]
    for grammar, target in grammars.items():
        module, _, attribute = target.partition(":")
        element = getattr(importlib.import_module(module), attribute)
        expected.extend((grammar, item.name) for item in to_railroad(element))
    return expected


def dom_problems(measured: list[dict[str, object]], expected: list[tuple[str, str]]) -> list[str]:
    problems = []
    found = [(str(item["grammar"]), str(item["rule"])) for item in measured]
    problems.extend(f"no diagram for {g}:{r}" for g, r in expected if (g, r) not in found)
    problems.extend(f"unexpected diagram {g}:{r}" for g, r in found if (g, r) not in expected)
    problems.extend(
        f"diagram {g}:{r} appears twice" for g, r in sorted(set(found)) if found.count((g, r)) > 1
    )
    for item in measured:
        name = f"{item['grammar']}:{item['rule']}"
        if item["svgs"] != 1:
            problems.append(f"{name}: {item['svgs']} <svg> elements, expected 1")
            continue
        if item["display"] == "none" or not (float(item["width"]) > 0 and float(item["height"]) > 0):  # type: ignore[arg-type]
            problems.append(f"{name}: the <svg> is not laid out ({item['width']}x{item['height']})")
        if float(item["width"]) > float(item["column"]) + 0.5:  # type: ignore[arg-type]
            problems.append(f"{name}: {item['width']} px wide in a {item['column']} px column")
        if int(item["paths"]) < 3 or int(item["texts"]) < 1:  # type: ignore[call-overload]
            problems.append(f"{name}: an empty <svg> ({item['paths']} paths, {item['texts']} labels)")
        if item["stroke"] in ("", "none") or item["strokeWidth"] in ("", "0px"):
            problems.append(
                f"{name}: lines not stroked (stroke {item['stroke']!r}): railroad.css not applied"
            )
    return problems


def box_colours() -> dict[str, tuple[int, int, int]]:
    """The light-theme box colours of railroad.css (``--rr-terminal``, ``--rr-nonterminal`` in ``:root``)."""
    css = (DOCS / "_static" / "railroad.css").read_text(encoding="utf-8")
    root = css[css.index(":root") : css.index("}", css.index(":root"))]
    colours = {}
    for name in ("terminal", "nonterminal"):
        match = re.search(rf"--rr-{name}:\s*#([0-9a-fA-F]{{6}})", root)
        if match is None:
            raise ValueError(f"railroad.css has no --rr-{name}: #rrggbb in :root")
        value = match.group(1)
        colours[name] = (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
    return colours


# --- running Chromium ---------------------------------------------------------------------------------------


def find_chromium(given: str | None = None) -> str | None:
    candidates = [given] if given else [os.environ.get("CHROMIUM", ""), *CHROMIUM_NAMES]
    for name in candidates:
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def run_chromium(chromium: str, *args: str) -> subprocess.CompletedProcess[bytes]:
    with tempfile.TemporaryDirectory(prefix="check-render-") as profile:
        command = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
        return subprocess.run(command, capture_output=True, timeout=120, check=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--html", type=Path, default=DOCS / "_build" / "html", help="the built site")
    parser.add_argument("--screenshot", type=Path, help="keep the screenshot here (PNG)")
    parser.add_argument("--chromium", help="the browser to run (default: $CHROMIUM, then chromium on PATH)")
    options = parser.parse_args(argv)

    sys.path[:0] = [str(ROOT)]
    page = (options.html / PAGE).resolve()
    if not page.is_file():
        print(f"check_render: {page} does not exist: build the site first", file=sys.stderr)
        return 1
    chromium = find_chromium(options.chromium)
    if chromium is None:
        print("check_render: Chromium not found (apt-get install chromium, or set CHROMIUM)", file=sys.stderr)
        return 2

    problems: list[str] = []
    with tempfile.TemporaryDirectory(prefix="check-render-out-") as scratch:
        png_path = options.screenshot.resolve() if options.screenshot else Path(scratch) / "grammar.png"
        png_path.parent.mkdir(parents=True, exist_ok=True)
        png_path.unlink(missing_ok=True)
        shot = run_chromium(chromium, f"--screenshot={png_path}", page.as_uri())
        if not png_path.is_file():
            print(f"check_render: Chromium wrote no screenshot (exit {shot.returncode}):", file=sys.stderr)
            print(shot.stderr.decode(errors="replace")[-2000:], file=sys.stderr)
            return 2
        shot_problems, summary = screenshot_problems(png_path.read_bytes(), box_colours())
        problems += shot_problems
        print(f"check_render: screenshot {png_path if options.screenshot else '(not kept)'}: {summary}")

        # A copy of the page next to it (same relative links) with the measuring script at the end.
        probe = page.with_name(f".check-render-{os.getpid()}.html")
        html = page.read_text(encoding="utf-8")
        probe.write_text(html.replace("</body>", MEASURE + "</body>", 1), encoding="utf-8")
        try:
            dump = run_chromium(chromium, "--dump-dom", probe.as_uri())
        finally:
            probe.unlink(missing_ok=True)
    match = re.search(
        r'<pre id="render-check">(.*?)</pre>', dump.stdout.decode("utf-8", errors="replace"), re.S
    )
    if match is None:
        print(f"check_render: no measurements in the dumped DOM (exit {dump.returncode}):", file=sys.stderr)
        print(dump.stderr.decode(errors="replace")[-2000:], file=sys.stderr)
        return 2
    text = html_lib.unescape(match.group(1))
    measured = json.loads(text)
    expected = expected_diagrams()
    problems += dom_problems(measured, expected)
    wide = re.search(
        r'<pre id="render-overflow">(.*?)</pre>', dump.stdout.decode("utf-8", errors="replace"), re.S
    )
    if wide is not None:  # the measuring script ran (checked above): nothing may scroll sideways
        problems += [
            f"scrolls sideways at {WINDOW[0]} px: {item}"
            for item in json.loads(html_lib.unescape(wide.group(1)))
        ]
    print(f"check_render: {len(measured)} diagrams in the DOM, {len(expected)} expected from the grammars")
    if problems:
        for problem in problems:
            print(f"check_render: FAIL {problem}", file=sys.stderr)
        return 1
    print(f"check_render: OK {PAGE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
