"""Benchmark: worst-case input shapes and typical builder calls, as ratios measured in one run.

    python bench/bench_worst_case.py [--repeat 3]

Two tables. **Growth:** for every adversarial shape of both query syntaxes (long strings, runs of escapes,
open brackets, unterminated input, errors at the very end, ...), the best-of-N CPU time of a 400,000-byte
input over that of a 50,000-byte one: about 8x when the reader is linear in its input, 64x when it is
quadratic; the goal is at most 16x. **Builders:** typical SDK 27 calls, ``str(Query.x(...))`` against the
SDK's own builder; the goal is below 1x (faster than the SDK). These were timed assertions in the test suite
once; a timing is a measurement, so it lives here and the tests check outcomes only.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
import time
import timeit
from typing import Callable

from appwrite_dsl import ParseError, Query
from appwrite_dsl._legacy import read_legacy
from appwrite_dsl._legacy_server import server_read_legacy

GROWTH_GOAL = 16.0
SMALL, LARGE = 50_000, 400_000

JSON_LARGE_INPUTS: dict[str, Callable[[int], str]] = {
    "long string": lambda n: '{"method":"equal","attribute":"a","values":["' + "x" * n + '"]}',
    "many values": lambda n: (
        '{"method":"equal","attribute":"a","values":[' + ",".join(["1"] * (n // 2)) + "]}"
    ),
    "many escapes": lambda n: (
        '{"method":"equal","attribute":"a","values":["' + "\\ud83d\\ude00" * (n // 12) + '"]}'
    ),
    "unterminated": lambda n: '{"method":"equal","attribute":"a","values":["' + "x" * n,
    "error at the end": lambda n: '{"method":"equal","attribute":"a","values":[' + "1," * (n // 2) + "NaN]}",
    "surrogate at the end": lambda n: (
        '{"method":"equal","attribute":"a","values":["' + "é" * n + '\\ud800"]}'
    ),
    "many members": lambda n: '{"method":"equal","attribute":"a",' + '"x":1,' * (n // 6) + '"values":5}',
    "open brackets": lambda n: "[" * n,
    "whitespace": lambda n: " " * n + "{}",
}

LEGACY_LARGE_INPUTS: dict[str, Callable[[int], str]] = {
    "long string": lambda n: 'equal("a", ["' + "x" * n + '"])',
    "escaped quotes": lambda n: 'equal("a", ["' + '\\"' * (n // 2) + '"])',
    "backslashes": lambda n: 'equal("a", ["' + "\\" * n + '"])',
    "many items": lambda n: 'equal("a", [' + ",".join(["1"] * (n // 2)) + "])",
    "many strings": lambda n: 'equal("a", [' + ",".join(['"x"'] * (n // 4)) + "])",
    "unterminated": lambda n: 'equal("a", ["' + "x" * n,
    "open brackets": lambda n: 'equal("a", ' + "[" * n + ")",
    "commas in an array": lambda n: 'equal("a", [' + "," * n + "])",
    "spaces": lambda n: 'equal("a",' + " " * n + '["x"])',
    "digits": lambda n: "limit(" + "1" * n + ")",
    "leading zeros": lambda n: 'equal("a", [' + "0" * n + "1,-" + "0" * n + "])",
    "letters": lambda n: "e" * n + "(",
    "quotes": lambda n: 'equal("a", ' + '"' * n + ")",
    "glued strings": lambda n: 'equal("a", ' + '"a' * (n // 2) + ")",
    "escapes outside strings": lambda n: 'equal("a", ' + "\\," * (n // 2) + ")",
    "items then brackets": lambda n: 'equal("a", [' + "1," * (n // 4) + "1" + "]" * (n // 2) + ")",
}


def typical_calls() -> list[tuple[str, Callable[[], object], Callable[[], object]]]:
    """(label, ours, the SDK's) for typical builder calls; empty when the SDK is not installed."""
    try:
        from appwrite.query import Query as SDKQuery  # noqa: PLC0415 (an optional baseline)
    except ImportError:
        return []
    calls: list[tuple[Callable[[], object], Callable[[], object]]] = [
        (lambda: str(Query.equal("title", "Iron Man")), lambda: SDKQuery.equal("title", "Iron Man")),
        (
            lambda: str(Query.equal("year", [2001, 2002, 2003])),
            lambda: SDKQuery.equal("year", [2001, 2002, 2003]),
        ),
        (lambda: str(Query.less_than("n", 5.5)), lambda: SDKQuery.less_than("n", 5.5)),
        (lambda: str(Query.is_null("a")), lambda: SDKQuery.is_null("a")),
        (lambda: str(Query.limit(25)), lambda: SDKQuery.limit(25)),
        (lambda: str(Query.cursor_after({"$id": "x"})), lambda: SDKQuery.cursor_after({"$id": "x"})),
        (
            lambda: str(Query.or_queries([Query.equal("a", 1), Query.greater_than("b", 2)])),
            lambda: SDKQuery.or_queries([SDKQuery.equal("a", 1), SDKQuery.greater_than("b", 2)]),
        ),
        (
            lambda: str(Query.distance_less_than("loc", [1.5, 2.5], 1000)),
            lambda: SDKQuery.distance_less_than("loc", [1.5, 2.5], 1000),
        ),
        (lambda: [str(q) for q in Query.page(3, 10)], lambda: SDKQuery.page(3, 10)),
        (
            lambda: str(Query.equal("tags", ["é", "😀", "x"] * 10)),
            lambda: SDKQuery.equal("tags", ["é", "😀", "x"] * 10),
        ),
    ]
    labels = [
        "equal str",
        "equal ints",
        "lessThan float",
        "isNull",
        "limit",
        "cursorAfter",
        "or",
        "distanceLessThan",
        "page",
        "equal 30 strings",
    ]
    return [(label, ours, sdk) for label, (ours, sdk) in zip(labels, calls)]


def best_cpu_time(function: Callable[[], object], number: int, repeat: int) -> float:
    timer = timeit.Timer(function, timer=time.process_time)
    return min(timer.repeat(repeat=repeat, number=number)) / number


def attempt(parse: Callable[[str], object], text: str) -> None:
    with contextlib.suppress(ParseError):
        parse(text)


def growth(parse: Callable[[str], object], make: Callable[[int], str], repeat: int) -> float:
    small, large = make(SMALL), make(LARGE)
    attempt(parse, small)  # warm up
    return best_cpu_time(lambda: attempt(parse, large), 1, repeat) / max(
        best_cpu_time(lambda: attempt(parse, small), 1, repeat), 1e-6
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="repeats per timing (the best is kept)")
    args = parser.parse_args(argv)
    parsers: list[tuple[str, Callable[[str], object], dict[str, Callable[[int], str]]]] = [
        ("Query.parse (JSON)", lambda text: Query.parse(text, syntax="json"), JSON_LARGE_INPUTS),
        ("legacy reader", read_legacy, LEGACY_LARGE_INPUTS),
        ("legacy server reading", server_read_legacy, LEGACY_LARGE_INPUTS),
    ]
    missed = 0
    print(f"| reader | shape | {LARGE:,} B / {SMALL:,} B | goal | |")
    print("|---|---|---|---|---|")
    for name, parse, shapes in parsers:
        for shape, make in shapes.items():
            ratio = growth(parse, make, args.repeat)
            met = ratio <= GROWTH_GOAL
            missed += not met
            print(f"| {name} | {shape} | {ratio:.1f}x | <= {GROWTH_GOAL:g}x | {'met' if met else 'MISSED'} |")
    print()
    print("| builder call | ours / SDK | goal | |")
    print("|---|---|---|---|")
    for label, ours, sdk in typical_calls():
        assert ours() == sdk(), label
        ratio = min(best_cpu_time(ours, 1000, 1) / best_cpu_time(sdk, 1000, 1) for _ in range(args.repeat))
        met = ratio < 1.0
        missed += not met
        print(f"| {label} | {ratio:.2f}x | < 1x | {'met' if met else 'MISSED'} |")
    print(f"\n{missed} goal(s) missed", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
