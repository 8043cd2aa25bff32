"""Benchmark appwrite_dsl against json.loads, the pyparsing reference grammar and the Appwrite SDK.

    python bench/bench.py            # full run: best of 15 repeats, >= 0.1 s per measurement
    python bench/bench.py --quick    # best of 3, >= 0.02 s per measurement, fewer import runs
    python bench/bench.py --json     # the same measurements as JSON

Every row times appwrite_dsl and its baseline in the same run, alternating repeats, with ``timeit``: the
loop count is auto-ranged, the best repeat is kept, and the ratio is ours / baseline (below 1: faster).
A row is one ``add(...)`` call in :func:`build` (a ``Case`` in the registry), so a new grammar's rows
are one line each; a row whose baseline is missing is listed with a note instead.
"""

from __future__ import annotations

import argparse
import atexit
import importlib
import importlib.util
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import timeit
import types
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for tests/reference/ (the pyparsing grammar)

import appwrite_dsl  # noqa: E402
from appwrite_dsl import Permission, Role, validate_permissions  # noqa: E402

PERMISSION = 'read("user:abc/verified")'
ROLE = "user:abc/verified"

# One canonical permission pattern (the baseline of ``Permission.parse``): an action, then one role of each
# kind as Appwrite writes them, compiled once and matched with ``fullmatch``.
_KEY = r"[A-Za-z0-9][A-Za-z0-9._-]{0,35}"
CANONICAL_PERMISSION = re.compile(
    r'(?:read|create|update|delete|write)\("'
    rf"(?:any|guests|users(?:/(?:verified|unverified))?|user:{_KEY}(?:/(?:verified|unverified))?"
    rf'|team:{_KEY}(?:/[^"/]+)?|member:{_KEY}|label:[A-Za-z0-9]{{1,36}})"\)'
)


# The registry.


@dataclass(frozen=True)
class Settings:
    repeat: int  # timeit repeats (the best is kept)
    min_time: float  # seconds a measurement must last (sets the loop count)
    imports: int  # fresh interpreters per import-time measurement (the median is kept)


@dataclass(frozen=True)
class Target:
    """A goal for a row: ours / baseline at most ``value`` (``"at most"``), or baseline / ours at least
    ``value`` (``"faster by"``)."""

    kind: str
    value: float

    def met(self, ratio: float) -> bool:
        return ratio <= self.value if self.kind == "at most" else 1 / ratio >= self.value

    def __str__(self) -> str:
        return f"<= {self.value:g}x" if self.kind == "at most" else f">= {self.value:g}x faster"


def at_most(value: float) -> Target:
    return Target("at most", value)


def faster_by(value: float) -> Target:
    return Target("faster by", value)


@dataclass
class Timing:
    ours: float  # seconds per call (or per byte)
    theirs: float
    extra: dict[str, float] = field(default_factory=dict)


Measure = Callable[[Settings], Timing]


@dataclass
class Case:
    """A row: either two callables timed against each other (``add``) or a ``measure`` of its own."""

    name: str  # what appwrite_dsl does
    baseline: str  # what it is compared with
    measure: Measure | None = None
    target: Target | None = None
    note: str = ""
    unit: str = "per call"
    timers: tuple[timeit.Timer, timeit.Timer] | None = None


@dataclass
class Row:
    name: str
    baseline: str
    ours: float | None = None
    theirs: float | None = None
    ratio: float | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""
    unit: str = "per call"
    extra: dict[str, float] = field(default_factory=dict)


CASES: list[Case] = []
SKIPPED: list[Row] = []


def add(
    name: str,
    ours: Callable[[], object],
    baseline: str,
    theirs: Callable[[], object],
    *,
    target: Target | None = None,
    note: str = "",
) -> None:
    """Register a row timing ``ours()`` against ``theirs()``."""
    CASES.append(
        Case(name, baseline, target=target, note=note, timers=(timeit.Timer(ours), timeit.Timer(theirs)))
    )


def skip(name: str, baseline: str, note: str) -> None:
    """Register a row that cannot run here (its baseline or its subject is missing)."""
    SKIPPED.append(Row(name, baseline, note=note))


# Timing.


def loops(timer: timeit.Timer, min_time: float) -> int:
    """timeit's autorange, with a settable minimum: 1, 2, 5, 10, 20, 50, ... loops until one
    measurement lasts ``min_time``."""
    number = 1
    while True:
        for step in (1, 2, 5):
            count = number * step
            if timer.timeit(count) >= min_time:
                return count
        number *= 10


def best_of(timers: list[timeit.Timer], settings: Settings) -> list[float]:
    """Best time per call of each timer. The repeats go round all the timers in turn, so that each timer's
    repeats are spread over the whole run and a busy moment of the machine hits every timer alike."""
    numbers = [loops(timer, settings.min_time) for timer in timers]
    best = [float("inf")] * len(timers)
    for _ in range(settings.repeat):
        for i, timer in enumerate(timers):
            best[i] = min(best[i], timer.timeit(numbers[i]) / numbers[i])
    return best


def pair(ours: Callable[[], object], theirs: Callable[[], object], settings: Settings) -> Timing:
    """Best time per call of each, repeats alternating between the two."""
    return Timing(*best_of([timeit.Timer(ours), timeit.Timer(theirs)], settings))


# The rows.


def json_twin(action: str, role: str, size: int) -> str:
    """A JSON document holding the same parts, ``["read","user:abc/verified"]``, padded or cut to
    ``size`` characters (by the length of its last string)."""
    parts = [action, role] if action else role.split(":")
    text = json.dumps(parts, separators=(",", ":"))
    last = parts[-1]
    last = (last + "x" * size)[: max(1, len(last) + size - len(text))]
    parts[-1] = last
    return json.dumps(parts, separators=(",", ":"))


def sample_permissions(size: int) -> list[str]:
    """Valid permissions of every shape, ``size`` characters of them in total (or just over)."""
    shapes = [
        'read("any")',
        'read("users/verified")',
        'create("users")',
        'update("user:{0}/verified")',
        'delete("team:{0}/owner")',
        'write("team:{0}")',
        'read("member:m{0}")',
        'write("label:vip{0}")',
        'read("guests")',
        'update("user:{0}")',
    ]
    items: list[str] = []
    total = 0
    while total < size:
        text = shapes[len(items) % len(shapes)].format(f"u{len(items)}")
        items.append(text)
        total += len(text)
    return items


def scaling(settings: Settings) -> Timing:
    """Per-byte cost of validating a 1 MB list against a 1 KB list (the limit of 100 items lifted)."""
    small, large = sample_permissions(1_000), sample_permissions(1_000_000)
    small_bytes, large_bytes = sum(map(len, small)), sum(map(len, large))
    per_call = pair(
        lambda: validate_permissions(large, limit=0), lambda: validate_permissions(small, limit=0), settings
    )
    extra = {"large_items": len(large), "small_items": len(small), "large_call": per_call.ours}
    return Timing(per_call.ours / large_bytes, per_call.theirs / small_bytes, extra)


_TOP_LEVEL = re.compile(r"^import time:\s+\d+ \|\s+(\d+) \| (\S+)$", re.MULTILINE)


def run_python(code: str, env: dict[str, str]) -> tuple[float, str]:
    """Wall seconds of a fresh ``python -X importtime -c code``, and its stderr."""
    started = timeit.default_timer()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], capture_output=True, text=True, check=True, env=env
    )
    return timeit.default_timer() - started, done.stderr


SDK_IMPORT = "import appwrite.query, appwrite.permission, appwrite.role, appwrite.id"
OURS_IMPORTS = ("import appwrite_dsl", "from appwrite_dsl import Query, Permission, Role, ID")
_CACHES: dict[str, dict[str, str]] = {}


def package_dirs() -> list[str]:
    """The source folders of appwrite_dsl and of the SDK's ``appwrite`` package (not imported here)."""
    folders = []
    for name in ("appwrite_dsl", "appwrite"):
        spec = importlib.util.find_spec(name)
        folders += list(spec.submodule_search_locations or []) if spec is not None else []
    return [os.path.abspath(folder) for folder in folders]


def import_env(bytecode: bool) -> dict[str, str]:
    """The environment of the import runs: a private bytecode cache (``PYTHONPYCACHEPREFIX``) made once.

    With ``bytecode``, both packages are compiled into it first (``compileall``, then one warm import of
    each subject, which also caches the standard-library modules they pull in), so neither side pays for
    the compiler. Without, a copy of that cache with both packages' bytecode removed, and
    ``PYTHONDONTWRITEBYTECODE=1``: both packages compile their sources on every run, the standard library
    still comes from the cache."""
    key = "warm" if bytecode else "cold"
    if key not in _CACHES:
        warm = tempfile.mkdtemp(prefix="bench-pycache-warm-")
        cold = tempfile.mkdtemp(prefix="bench-pycache-cold-")
        atexit.register(shutil.rmtree, warm, True)
        atexit.register(shutil.rmtree, cold, True)
        env = {**os.environ, "PYTHONPYCACHEPREFIX": warm}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        folders = package_dirs()
        subprocess.run([sys.executable, "-m", "compileall", "-q", *folders], env=env, check=True)
        for code in (*OURS_IMPORTS, SDK_IMPORT):
            subprocess.run([sys.executable, "-c", code], env=env, check=True, capture_output=True)
        shutil.copytree(warm, cold, dirs_exist_ok=True)
        for folder in folders:
            for path in {folder, os.path.realpath(folder)}:
                shutil.rmtree(os.path.join(cold, os.path.splitdrive(path)[1].lstrip(os.sep)), True)
        _CACHES["warm"] = env
        _CACHES["cold"] = {**env, "PYTHONPYCACHEPREFIX": cold, "PYTHONDONTWRITEBYTECODE": "1"}
    return _CACHES[key]


def imports(ours: str, settings: Settings, *, bytecode: bool = True) -> Timing:
    """Import time of appwrite_dsl and of the SDK's modules, in alternating fresh interpreters: the median
    ``-X importtime`` cumulative time of the top-level ``appwrite*`` modules, and the median wall time
    over ``python -c pass``; both sides with bytecode (or both without), see :func:`import_env`."""
    env = import_env(bytecode)
    subjects = ((ours, "appwrite_dsl"), (SDK_IMPORT, "appwrite"))
    cumulative: tuple[list[float], list[float]] = ([], [])
    wall: tuple[list[float], list[float], list[float]] = ([], [], [])
    for _ in range(settings.imports):
        for i, (code, prefix) in enumerate(subjects):
            seconds, report = run_python(code, env)
            wall[i].append(seconds)
            micros = [int(us) for us, name in _TOP_LEVEL.findall(report) if name.startswith(prefix)]
            cumulative[i].append(sum(micros) / 1e6)
        wall[2].append(run_python("pass", env)[0])
    empty = statistics.median(wall[2])
    extra = {
        "ours_wall": statistics.median(wall[0]) - empty,
        "theirs_wall": statistics.median(wall[1]) - empty,
    }
    return Timing(statistics.median(cumulative[0]), statistics.median(cumulative[1]), extra)


def optional(name: str) -> tuple[types.ModuleType | None, str]:
    """The module, or None and why not."""
    try:
        return importlib.import_module(name), ""
    except ImportError as error:
        return None, f"not available: {error}"


def build() -> None:
    """The registry: one ``add`` per row."""
    permission_json = json_twin("read", ROLE, len(PERMISSION))
    role_json = json_twin("", ROLE, len(ROLE))
    parse_permission = f"parse `{PERMISSION}`"
    parse_role = f"parse `{ROLE}`"

    add(
        parse_permission,
        lambda: Permission.parse(PERMISSION),
        f"json.loads `{permission_json}`",
        lambda: json.loads(permission_json),
    )
    add(parse_role, lambda: Role.parse(ROLE), f"json.loads `{role_json}`", lambda: json.loads(role_json))
    canonical = CANONICAL_PERMISSION.fullmatch
    add(
        f"`Permission.parse('{PERMISSION}')`",
        lambda: Permission.parse(PERMISSION),
        "`re.fullmatch` of one canonical permission pattern",
        lambda: canonical(PERMISSION),
        target=at_most(2.5),
        note="compiled pattern; it checks the shape, builds nothing",
    )

    reference, missing = optional("tests.reference.permission_grammar")
    if reference is None:
        skip(parse_permission, "pyparsing reference grammar", missing)
    else:
        add(
            parse_permission,
            lambda: Permission.parse(PERMISSION),
            "pyparsing reference grammar",
            lambda: reference.parse_permission(PERMISSION),
        )
        add(
            parse_role,
            lambda: Role.parse(ROLE),
            "pyparsing reference grammar",
            lambda: reference.parse_role(ROLE),
        )

    sdk_permission, missing = optional("appwrite.permission")
    sdk_role, _ = optional("appwrite.role")
    if sdk_permission is None or sdk_role is None:
        skip("build + str() a permission", "appwrite SDK builders", missing)
    else:
        # Both sides make the same call, the builders looked up on their classes: the SDK's result is already
        # a str, ours needs the str().
        SDKPermission, SDKRole = sdk_permission.Permission, sdk_role.Role
        add(
            'build + str() `Permission.read(Role.user("abc", "verified"))`',
            lambda: str(Permission.read(Role.user("abc", "verified"))),
            "appwrite SDK 27, same call",
            lambda: SDKPermission.read(SDKRole.user("abc", "verified")),
            target=at_most(3),
            note="the SDK formats strings, checks nothing",
        )

    twenty = sample_permissions(1_000)[:20]
    add(
        "`validate_permissions` of 20 items",
        lambda: validate_permissions(twenty),
        "`Permission.parse` of each",
        lambda: [Permission.parse(p) for p in twenty],
        note="list validation over parsing alone",
    )
    CASES.append(
        Case(
            "`validate_permissions`, 1 MB list",
            "the same, 1 KB list",
            scaling,
            note="per-byte cost; 1x is linear",
            unit="/ byte",
        )
    )

    import_rows()

    query_rows()
    validation_rows()
    lint_rows()


def import_rows() -> None:
    """Import time against the SDK's four modules, both sides with bytecode; the no-bytecode figure apart."""
    if importlib.util.find_spec("appwrite") is None:
        skip("`import appwrite_dsl`", f"`{SDK_IMPORT}`", "not available: the appwrite SDK is not installed")
        return
    rows = (
        (OURS_IMPORTS[0], True, at_most(1.5)),
        (OURS_IMPORTS[1], True, at_most(2)),
        (OURS_IMPORTS[0], False, None),
    )
    for code, bytecode, target in rows:
        state = "with bytecode" if bytecode else "no bytecode"
        CASES.append(
            Case(
                f"`{code}` ({state})",
                f"`{SDK_IMPORT}` ({state})",
                lambda settings, code=code, bytecode=bytecode: imports(code, settings, bytecode=bytecode),
                target=target,
                note="-X importtime cumulative, median of fresh interpreters"
                + ("" if bytecode else "; both sides compile their sources, no goal"),
            )
        )


QUERY_JSON = '{"method":"equal","attribute":"title","values":["Iron Man","Hulk","Thor"]}'
QUERY_OR = (
    '{"method":"or","values":[{"method":"equal","attribute":"title","values":["Iron Man"]},'
    '{"method":"greaterThan","attribute":"year","values":[2000]},'
    '{"method":"startsWith","attribute":"studio","values":["Marvel"]}]}'
)
QUERY_LEGACY = 'equal("title", ["Iron Man"])'
LEGACY_PAIR = ('select(["a","b","c"])', 'equal("t", ["a","b","c"])')
LEGACY_PAIR_JSON = (
    '{"method":"select","values":["a","b","c"]}',
    '{"method":"equal","attribute":"t","values":["a","b","c"]}',
)


def query_rows() -> None:
    """Rows of the query grammar (appwrite_dsl.query), with the goals of the issue."""
    query, missing = optional("appwrite_dsl.query")
    if query is not None:
        try:  # the module is young: measure it only when it reads both syntaxes
            for text in (QUERY_JSON, QUERY_OR, QUERY_LEGACY, *LEGACY_PAIR):
                query.Query.parse(text)
        except Exception as error:
            query, missing = None, f"appwrite_dsl.query does not work: {type(error).__name__}: {error}"
    if query is None:
        skip("parse a query (JSON, legacy), build one", "json.loads, pyparsing, SDK", missing)
        return
    parse = query.Query.parse
    add(
        "`Query.parse` of a JSON `or` of 3 filters",
        lambda: parse(QUERY_OR),
        "json.loads, same text",
        lambda: json.loads(QUERY_OR),
        target=at_most(1.5),
        note=f"`{QUERY_OR}`",
    )
    add(
        f"`Query.parse` of `{QUERY_JSON}`",
        lambda: parse(QUERY_JSON),
        "json.loads, same text",
        lambda: json.loads(QUERY_JSON),
        target=at_most(1.0),
    )
    legacy, legacy_json = LEGACY_PAIR, LEGACY_PAIR_JSON
    add(
        f"`Query.parse` of legacy `{legacy[0]}` and `{legacy[1]}`",
        lambda: [parse(text) for text in legacy],
        "json.loads of the JSON forms",
        lambda: [json.loads(text) for text in legacy_json],
        target=at_most(1.5),
        note="syntax auto-detected, as `Query.parse` is called by default",
    )
    reference, missing = optional("tests.reference.legacy_grammar")
    if reference is None:
        skip(f"parse `{QUERY_LEGACY}` (legacy)", "pyparsing reference grammar (>= 50x faster)", missing)
    else:
        add(
            f"parse `{QUERY_LEGACY}` (legacy)",
            lambda: parse(QUERY_LEGACY, "legacy"),
            "pyparsing reference grammar",
            lambda: reference.parse_legacy(QUERY_LEGACY),
            target=faster_by(50),
        )
    for syntax in ("json", "legacy"):
        CASES.append(
            Case(
                f"parse a 1 MB query ({syntax})",
                "the same query at 8 KB",
                lambda settings, syntax=syntax: query_scaling(parse, syntax, settings),
                target=at_most(2),
                note="per-byte cost; 1x is linear",
                unit="/ byte",
            )
        )
    sdk, missing = optional("appwrite.query")
    if sdk is None:
        skip("build + str() a query", "appwrite SDK builders", missing)
    else:
        equal, sdk_equal = query.Query.equal, sdk.Query.equal
        add(
            'build + str() `Query.equal("title", ["Iron Man"])`',
            lambda: str(equal("title", ["Iron Man"])),
            "appwrite SDK 27, same call",
            lambda: sdk_equal("title", ["Iron Man"]),
        )


def sized_query(size: int, syntax: str) -> str:
    """An ``equal`` query whose values (short strings of varied lengths) make it about ``size`` bytes."""
    values = []
    total = 40
    while total < size:
        value = f"v{len(values)}" * (1 + len(values) % 5)
        values.append(value)
        total += len(value) + 3
    if syntax == "json":
        return json.dumps({"method": "equal", "attribute": "title", "values": values}, separators=(",", ":"))
    return 'equal("title", [' + ",".join(f'"{v}"' for v in values) + "])"


SCALING_BASE = 8_000
"""The smaller size of the scaling rows: above the 4,096 characters up to which the readers' fast paths
(one pattern for canonical text) take a query, so that both sizes are read by the same reader."""


def query_scaling(parse: Callable[..., object], syntax: str, settings: Settings) -> Timing:
    """Per-byte cost of parsing a 1 MB query against an 8 KB one, in one syntax."""
    small, large = sized_query(SCALING_BASE, syntax), sized_query(1_000_000, syntax)
    per_call = pair(lambda: parse(large, syntax), lambda: parse(small, syntax), settings)
    return Timing(per_call.ours / len(large), per_call.theirs / len(small), {"large_call": per_call.ours})


def typical_validation() -> tuple[list[str], object]:
    """25 typical queries of a listing page (filters, a search, logical queries, select, order, pages) and
    the schema of a collection of 20 attributes they are validated against."""
    from appwrite_dsl.query import Query  # noqa: PLC0415
    from appwrite_dsl.validate import Attribute, Schema  # noqa: PLC0415

    attributes = [
        *(Attribute.string(f"s{i}") for i in range(8)),
        *(Attribute.integer(f"i{i}") for i in range(4)),
        Attribute.float("price"),
        Attribute.boolean("ok"),
        Attribute.boolean("hidden"),
        Attribute.datetime("published"),
        Attribute.datetime("expires"),
        Attribute.string("tags", array=True),
        Attribute.string("title"),
        Attribute.integer("year", bits=32),
    ]
    q = Query
    queries = [
        q.equal("s0", ["a", "b"]),
        q.not_equal("s1", "x"),
        q.greater_than("i0", 5),
        q.less_than_equal("i1", 100),
        q.between("price", 1.5, 9.99),
        q.equal("ok", True),
        q.is_null("s2"),
        q.is_not_null("s3"),
        q.starts_with("s4", "ab"),
        q.ends_with("s5", "yz"),
        q.contains("tags", ["x", "y"]),
        q.search("title", "hello"),
        q.greater_than("published", "2024-01-01T00:00:00.000+00:00"),
        q.less_than("expires", "2025-01-01"),
        q.or_queries([q.equal("s6", "a"), q.equal("s7", "b")]),
        q.and_queries([q.greater_than("year", 1990), q.less_than("year", 2000)]),
        q.select(["s0", "s1", "price"]),
        q.order_asc("s0"),
        q.order_desc("$createdAt"),
        q.limit(25),
        q.offset(50),
        q.cursor_after("doc123"),
        q.equal("$id", ["a", "b"]),
        q.not_equal("hidden", True),
        q.equal("i2", [1, 2, 3]),
    ]
    return [str(query) for query in queries], Schema(attributes, fulltext=["title"])


def validation_rows() -> None:
    """The validator (appwrite_dsl.validate) over parsing alone: it may add at most the cost of parsing."""
    validate, missing = optional("appwrite_dsl.validate")
    if validate is None:
        skip("validate 25 typical queries, 20-attribute schema", "`Query.parse` of each", missing)
        return
    texts, schema = typical_validation()
    tree = importlib.import_module("appwrite_dsl.query").Query
    parse = tree.parse

    def read(query: Any) -> None:
        """Every value of ``query``: the reader's fast path leaves a leaf's values as their JSON text until
        they are asked for, and validation asks for all of them."""
        for value in query.values or ():
            if type(value) is tree:
                read(value)

    check = validate.validate
    add(
        "`validate` 25 typical queries against a 20-attribute schema",
        lambda: check(texts, schema=schema),
        "`Query.parse` of each, its values read",
        lambda: [read(parse(text)) for text in texts],
        target=at_most(2),
        note="validation over parsing alone",
    )


def lint_rows() -> None:
    """The linter over ``json.loads`` of the same project file (bench/bench_lint.py makes it)."""
    import bench_lint  # noqa: PLC0415 - the sibling script, on sys.path when this one runs

    from appwrite_dsl.lint.rules import check_bytes  # noqa: PLC0415

    text = bench_lint.project_file(5.0)
    data = text.encode("utf-8")
    add(
        f"`appwrite-dsl lint` of a {len(data) / 1e6:.1f} MB project file (check_bytes)",
        lambda: check_bytes(data, "appwrite.config.json"),
        "json.loads of the same file",
        lambda: json.loads(data),
        target=at_most(10),
    )


# Running and printing.


def run(settings: Settings) -> list[Row]:
    """Time every case: those of ``add`` all together (:func:`best_of`), then the others one by one."""
    timed = [case for case in CASES if case.timers is not None]
    timings: dict[int, Timing | Exception] = {}
    try:
        best = best_of([timer for case in timed for timer in case.timers or ()], settings)
        for i, case in enumerate(timed):
            timings[id(case)] = Timing(best[2 * i], best[2 * i + 1])
    except Exception:  # some callable fails: time them case by case to tell which
        for case in timed:
            try:
                timings[id(case)] = Timing(*best_of(list(case.timers or ()), settings))
            except Exception as error:
                timings[id(case)] = error
    rows = []
    for case in CASES:
        try:
            timing = timings[id(case)] if case.measure is None else case.measure(settings)
            if isinstance(timing, Exception):
                raise timing
        except Exception as error:
            rows.append(Row(case.name, case.baseline, note=f"failed: {type(error).__name__}: {error}"))
            continue
        ratio = timing.ours / timing.theirs
        row = Row(case.name, case.baseline, timing.ours, timing.theirs, ratio, note=case.note, unit=case.unit)
        row.extra = timing.extra
        if case.target is not None:
            row.target, row.met = str(case.target), case.target.met(ratio)
        rows.append(row)
    return rows + SKIPPED


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    for unit, scale in (("s", 1.0), ("ms", 1e-3), ("µs", 1e-6), ("ns", 1e-9)):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {unit}"
    return f"{seconds / 1e-12:.3g} ps"


def verdict(ratio: float | None) -> str:
    if ratio is None:
        return "—"
    return f"{ratio:.2f}x" if ratio >= 0.5 else f"{ratio:.3f}x ({1 / ratio:.1f}x faster)"


def environment() -> dict[str, str | int | None]:
    def installed(name: str) -> str:
        try:
            return version(name)
        except PackageNotFoundError:
            return "not installed"

    return {
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load": f"{os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else None,
        "appwrite_dsl": appwrite_dsl.__version__,
        "appwrite": installed("appwrite"),
        "pyparsing": installed("pyparsing"),
    }


def markdown(rows: list[Row], env: dict[str, str | int | None], settings: Settings) -> str:
    lines = [
        f"{env['python']} on {env['platform']}, {env['cpus']} CPUs; appwrite_dsl {env['appwrite_dsl']}, "
        f"appwrite SDK {env['appwrite']}, pyparsing {env['pyparsing']}; load average {env['load']} at the "
        f"end; best of {settings.repeat} repeats, ratio = appwrite_dsl time / baseline time.",
        "",
        "| appwrite_dsl | time | baseline | time | ratio | target | note |",
        "|---|---:|---|---:|---:|---|---|",
    ]
    for r in rows:
        target = f"{r.target} {'met' if r.met else 'MISSED'}" if r.target else ""
        unit = "" if r.unit == "per call" or r.ours is None else f" {r.unit}"
        note = r.note
        if "ours_wall" in r.extra:
            walls = duration(r.extra["ours_wall"]), duration(r.extra["theirs_wall"])
            note += f"; wall time over `python -c pass`: {walls[0]} vs {walls[1]}"
        lines.append(
            f"| {r.name} | {duration(r.ours)}{unit} | {r.baseline} | {duration(r.theirs)}{unit} | "
            f"{verdict(r.ratio)} | {target} | {note} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (best of 3, 0.02 s per timing)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of the Markdown table")
    parser.add_argument(
        "--only", metavar="TEXT", action="append", help="run only the rows whose name holds TEXT (repeatable)"
    )
    args = parser.parse_args(argv)
    settings = Settings(3, 0.02, 5) if args.quick else Settings(15, 0.1, 21)
    build()
    if args.only:
        CASES[:] = [case for case in CASES if any(text in case.name for text in args.only)]
        SKIPPED[:] = [row for row in SKIPPED if any(text in row.name for text in args.only)]
    rows = run(settings)
    env = environment()
    if args.json:
        document = {"environment": env, "settings": settings.__dict__, "rows": [row.__dict__ for row in rows]}
        print(json.dumps(document, indent=2, ensure_ascii=False))
    else:
        print(markdown(rows, env, settings))
    return 0


if __name__ == "__main__":
    sys.exit(main())
