"""How the fixed input set was made (run once; kept to show where every input comes from).

``python -m tests.outcomes generate`` collects every golden-corpus, conformance and fuzz input, the builder
calls of the differential tests and the linter tests' project files (by running those tests under
:mod:`.capture`), generates texts from a fixed seed, mutates them, and writes ``inputs/<area>.jsonl``. The
inputs are data from then on: the recorder and the replay read the stored texts and never this module, so
a change here (or in the tests it draws from) does not change the input set unless it is run again, which
is only for growing the set, in a commit of its own.
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import types
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from appwrite_dsl.query import METHODS

from .. import conformance, corpus
from .builders import outcome
from .encoding import dumps, store_text
from .observe import INPUTS
from .run import write_lines

ROOT = Path(__file__).resolve().parents[2]
FUZZ = ROOT / "fuzz"
SEED = 20261204
MAX_NESTED_CALLS = 60
"""Builder calls with more nested calls are left out: replaying them would recurse deeper than the library's
own calls may (the deep-nesting limits are covered by parse inputs instead)."""

SPECIALS = (
    '"',
    "'",
    "\\",
    "\\\\",
    '\\"',
    ")",
    "(",
    '")',
    '("',
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "/",
    " ",
    "\t",
    "\n",
    "\r",
    "\x00",
    "\x1f",
    "\x7f",
    "\x85",
    "\xa0",
    "\u2028",
    "\u2029",
    "\ufeff",
    "\ufffd",
    "\ud800",
    "\udbff",
    "\udc80",
    "\udfff",
    "\U0001f600",
    "\u00e9",
    "e\u0301",
    "0",
    "-",
    "+",
    ".",
    "1e400",
    "-0",
    "null",
    "true",
    "\\u0000",
    "\\ud800",
    "\\udc00",
    "\\/",
    "$",
    "*",
    "%",
    "#",
    "9223372036854775808",
    "0x1f",
)
ROLE_NAMES = ("any", "guests", "users", "user", "team", "member", "label", "Any", "role", "users2", "*", "")
ACTIONS = ("read", "create", "update", "delete", "write", "Read", "execute", "")
DIMENSIONS = ("verified", "unverified", "owner", "admin", "Verified", "", "a:b", "0")
ATTRIBUTES = (
    "title",
    "body",
    "year",
    "count",
    "price",
    "ok",
    "at",
    "tags",
    "scores",
    "author",
    "loc",
    "emb",
    "meta",
    "secret",
    "$id",
    "$createdAt",
    "$sequence",
    "a.b",
    "",
    "nope",
    "meta.k",
)


def _harness(name: str) -> types.ModuleType:
    sys.path.insert(0, str(FUZZ))
    spec = importlib.util.spec_from_file_location(f"fuzz_{name}", FUZZ / f"fuzz_{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _fuzz_common() -> types.ModuleType:
    sys.path.insert(0, str(FUZZ))
    import _common  # type: ignore[import-not-found]

    return _common  # type: ignore[no-any-return]


def _corpus(*names: str) -> list[str]:
    texts = []
    for kind in ("valid", "invalid"):
        for name in names:
            if not (corpus.DATA / kind / f"{name}.txt").exists():
                continue
            for text, expected in corpus.cases(kind, name):
                texts.append(text)
                if kind == "valid" and expected:
                    texts.append(expected)
    return texts


def _dictionary_escape(match: re.Match[str]) -> str:
    code = match.group(1)
    return chr(int(code[1:], 16)) if len(code) == 3 else code


def _dictionary(name: str) -> list[str]:
    tokens = []
    for line in (FUZZ / "dict" / f"{name}.dict").read_text(encoding="utf-8").splitlines():
        if line.startswith('"') and line.endswith('"') and len(line) > 1:  # libFuzzer escapes: \\ \" \xNN
            raw = re.sub(r"\\(x[0-9a-fA-F]{2}|.)", _dictionary_escape, line[1:-1]).encode("latin-1")
            tokens.append(raw.decode("utf-8", "surrogateescape"))
    return tokens


def _stored(text: Any) -> Any:
    """A conformance input: a str, or raw bytes from ``{"$b64": ...}``."""
    if isinstance(text, dict) and "$b64" in text:
        import base64

        return base64.b64decode(text["$b64"])
    return text


# ------------------------------------------------------------------------------------------- generation


def _key(rng: random.Random) -> str:
    alphabet = "abcxyz0189._-ABZ"
    text = "".join(rng.choice(alphabet) for _ in range(rng.choice((0, 1, 3, 8, 20, 36, 37, 40))))
    if rng.random() < 0.15:
        spot = rng.randrange(len(text) + 1)
        text = text[:spot] + rng.choice(SPECIALS) + text[spot:]
    return text


def _role(rng: random.Random) -> str:
    name = rng.choice(ROLE_NAMES)
    text = name
    if rng.random() < 0.7:
        text += ":" + _key(rng)
    if rng.random() < 0.4:
        text += "/" + (rng.choice(DIMENSIONS) if rng.random() < 0.6 else _key(rng))
    if rng.random() < 0.1:
        text += ":" + _key(rng)
    return text


def _permission(rng: random.Random) -> str:
    role = _role(rng)
    shape = rng.random()
    action = rng.choice(ACTIONS)
    if shape < 0.8:
        return f'{action}("{role}")'
    return rng.choice(
        (f"{action}('{role}')", f'{action}("{role}"', f"{action}({role})", f'{action}("{role}"))')
    )


def _scalar(rng: random.Random) -> Any:
    return rng.choice(
        (
            lambda: _key(rng),
            lambda: rng.choice(SPECIALS) + _key(rng),
            lambda: rng.randint(-10, 10),
            lambda: rng.choice((2**31, 2**63 - 1, 2**63, -(2**63), -(2**63) - 1, 10**20)),
            lambda: rng.choice((0.5, -0.0, 1e16, 1.5e-7, 1e308, 2.5)),
            lambda: rng.choice((True, False, None)),
        )
    )()


def _json_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 2 or roll < 0.7:
        return _scalar(rng)
    if roll < 0.85:
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 3))]
    return {_key(rng) or "k": _json_value(rng, depth + 1) for _ in range(rng.randint(0, 2))}


def _json_query(rng: random.Random, depth: int = 0) -> dict[str, Any]:
    method = rng.choice(sorted(METHODS)) if rng.random() < 0.9 else rng.choice(("Equal", "equals", "", "or "))
    data: dict[str, Any] = {"method": method}
    if rng.random() < 0.8:
        data["attribute"] = rng.choice(ATTRIBUTES) if rng.random() < 0.8 else _scalar(rng)
    if rng.random() < 0.85:
        if method in ("and", "or", "elemMatch", "having") and depth < 3 and rng.random() < 0.8:
            data["values"] = [_json_query(rng, depth + 1) for _ in range(rng.randint(0, 3))]
        else:
            data["values"] = [_json_value(rng) for _ in range(rng.randint(0, 3))]
    if rng.random() < 0.05:
        data[rng.choice(("extra", "method", "values"))] = _scalar(rng)
    return data


def _json_text(rng: random.Random) -> str:
    data = _json_query(rng)
    items = list(data.items())
    if rng.random() < 0.3:
        rng.shuffle(items)
    separators = rng.choice(((",", ":"), (", ", ": "), (",", ":")))
    return json.dumps(dict(items), separators=separators, ensure_ascii=rng.random() < 0.5)


def _legacy_value(rng: random.Random) -> str:
    value = _scalar(rng)
    if isinstance(value, str):
        return rng.choice(('"' + value + '"', json.dumps(value), "'" + value + "'", value))
    return json.dumps(value)


def _legacy_text(rng: random.Random) -> str:
    method = rng.choice(
        (
            "equal",
            "notEqual",
            "lessThan",
            "greaterThanEqual",
            "contains",
            "search",
            "isNull",
            "between",
            "startsWith",
            "select",
            "orderAsc",
            "orderDesc",
            "limit",
            "offset",
            "cursorAfter",
            "Equal",
            "regex",
        )
    )
    attribute = json.dumps(rng.choice(ATTRIBUTES))
    values = ", ".join(_legacy_value(rng) for _ in range(rng.randint(0, 3)))
    shape = rng.random()
    if shape < 0.4:
        return f"{method}({attribute}, [{values}])"
    if shape < 0.6:
        return f"{method}({attribute}, {values})"
    if shape < 0.75:
        return f"{method}([{values}])"
    if shape < 0.9:
        return f"{method}({values or _legacy_value(rng)})"
    return f"{method}({attribute})"


def _mutate(rng: random.Random, text: str) -> str | bytes:
    roll = rng.randrange(12)
    spot = rng.randrange(len(text) + 1)
    if roll == 0:
        return text[:spot]
    if roll == 1 and text:
        return text[: min(spot, len(text) - 1)] + text[min(spot, len(text) - 1) + 1 :]
    if roll in (2, 3):
        return text[:spot] + rng.choice(SPECIALS) + text[spot:]
    if roll == 4 and text:
        spot = min(spot, len(text) - 1)
        return text[:spot] + rng.choice(SPECIALS) + text[spot + 1 :]
    if roll == 5:
        other = rng.randrange(len(text) + 1)
        lo, hi = sorted((spot, other))
        return text[:hi] + text[lo:hi] + text[hi:]
    if roll == 6 and len(text) > 1:
        spot = min(spot, len(text) - 2)
        return text[:spot] + text[spot + 1] + text[spot] + text[spot + 2 :]
    if roll == 7:
        data = bytearray(text.encode("utf-8", "surrogatepass"))
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
        return bytes(data)
    if roll == 8:
        return text[:spot] + "\\" * rng.randint(1, 5) + rng.choice(('"', "'", "", ",", "]")) + text[spot:]
    if roll == 9:
        return text[:spot] + rng.choice('ax"\\é\ud800 ') * rng.choice((64, 300)) + text[spot:]
    if roll == 10:
        return text.swapcase() if rng.random() < 0.5 else text.upper()
    return text[:spot] + text[spot:].replace('"', "'", 1)


def _deep_queries() -> list[str]:
    texts = []
    leaf = '{"method":"equal","attribute":"a","values":[1]}'
    for depth in (2, 10, 100, 254, 255, 256, 510, 511, 512, 1000):
        for method in ("and", "or", "elemMatch"):
            attribute = ',"attribute":"x"' if method == "elemMatch" else ""
            texts.append(f'{{"method":"{method}"{attribute},"values":[' * depth + leaf + "]}" * depth)
        texts.append('{"method":"equal","attribute":"a","values":' + "[" * depth + "1" + "]" * depth + "}")
        texts.append(
            '{"method":"equal","attribute":"a","values":[' + '{"k":' * depth + "1" + "}" * depth + "]}"
        )
        texts.append("equal(" + "[" * depth + '"a"' + "]" * depth + ")")
        texts.append("{" * depth)
    return texts


def _long_texts() -> list[str]:
    texts = []
    for length in (36, 37, 255, 256, 4096, 4097):
        name = "a" * length
        texts += [
            f'{{"method":"equal","attribute":"{name}","values":["x"]}}',
            f'{{"method":"equal","attribute":"t","values":["{name}"]}}',
            f'equal("{name}", ["x"])',
            f'read("user:{name}")',
            f"user:{name}",
            f"team:t/{name}",
            name,
        ]
    return texts


# ---------------------------------------------------------------------------------------------- inputs


def _capture(tests: Iterable[str], variable: str) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "capture.jsonl"
        environment = {**os.environ, variable: str(path), "PYTHONHASHSEED": "0"}
        command = [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "tests.outcomes.capture",
            *tests,
        ]
        subprocess.run(command, cwd=ROOT, env=environment, check=True, stdout=subprocess.DEVNULL)
        return path.read_text(encoding="utf-8").splitlines()


class _Area:
    def __init__(self) -> None:
        self.records: dict[str, None] = {}

    def add(self, record: dict[str, Any]) -> None:
        self.records.setdefault(dumps(record), None)

    def text(self, text: str | bytes, origin: str) -> None:
        self.records.setdefault(dumps({"from": origin, "text": store_text(text)}), None)


def _unique_texts(area: _Area) -> list[str]:
    """The records with each text once (the first origin wins)."""
    seen: set[str] = set()
    kept = []
    for line in area.records:
        text = dumps(json.loads(line)["text"])
        if text not in seen:
            seen.add(text)
            kept.append(line)
    return kept


class _Inputs:
    """The input set under construction, area by area."""

    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.access, self.queries, self.access_lists, self.query_lists = _Area(), _Area(), _Area(), _Area()
        self.validation, self.builders, self.lint = _Area(), _Area(), _Area()

    def collect(self) -> None:
        """The golden corpora, the conformance vectors and the fuzz seeds, dictionaries and regressions."""
        for text in _corpus("roles", "permissions", "ids"):
            self.access.text(text, "corpus")
        for text in _corpus("query-json", "query-legacy", "validate"):
            self.queries.text(text, "corpus")
        for record in conformance.records("permissions-roles.jsonl"):
            if isinstance(record["input"], str):
                self.access.text(record["input"], "conformance")
            else:
                self.access_lists.add({"from": "conformance", "values": record["input"]})
        for name in ("json-queries.jsonl", "legacy-queries.jsonl", "query-cloud.jsonl"):
            for record in conformance.records(name):
                self.queries.text(_stored(record["input"]), "conformance")
        for record in conformance.records("validation.jsonl"):
            self.validation.add({key: record[key] for key in ("indexes", "options", "queries", "schema")})
            if isinstance(record["queries"], list):
                for item in record["queries"]:
                    if isinstance(item, str):
                        self.queries.text(item, "conformance")
        common = _fuzz_common()
        for name in ("role", "permission", "id", "laws"):
            for text in common.seeds(_harness(name)):
                self.access.text(text, "fuzz")
        for text in common.seeds(_harness("query")):
            self.queries.text(text, "fuzz")
        for name in ("roles", "permissions", "ids"):
            for text in _dictionary(name):
                self.access.text(text, "fuzz-dict")
        for text in _dictionary("queries"):
            self.queries.text(text, "fuzz-dict")
        for _, text in common.regression_inputs():
            self.access.text(text, "fuzz-regression")
            self.queries.text(text, "fuzz-regression")
        for text in _harness("project").EXAMPLES:
            self.lint.add({"file": text})

    def capture(self) -> None:
        """The builder calls of the differential tests (their results' texts are parse inputs too) and the
        project files of the linter tests."""
        tests = ["tests/query/test_builders.py", "tests/access/test_sdk.py", "tests/access/test_builders.py"]
        for line in _capture(tests, "OUTCOMES_CAPTURE"):
            if line.count('{"$call"') > MAX_NESTED_CALLS:
                continue
            call = json.loads(line)
            self.builders.add({"call": call})
            result = outcome(call).get("ok")
            if isinstance(result, dict):  # a query: its JSON and legacy texts
                self.queries.text(result["str"], "builder")
                if "ok" in result["legacy"]:
                    self.queries.text(result["legacy"]["ok"], "builder")
            elif isinstance(result, list) and result and isinstance(result[0], str):
                self.access.text(result[0], "builder")
        for line in _capture(["tests/lint"], "OUTCOMES_CAPTURE_LINT"):
            self.lint.add(json.loads(line))

    def generate(self) -> None:
        """Generated texts, then mutations of everything so far (the seeds included)."""
        rng = self.rng
        for _ in range(1500):
            self.access.text(_role(rng), "generated")
            self.access.text(_permission(rng), "generated")
            self.access.text(_key(rng), "generated")
        for _ in range(3500):
            self.queries.text(_json_text(rng), "generated")
            self.queries.text(_legacy_text(rng), "generated")
        for text in _deep_queries():
            self.queries.text(text, "deep")
        for text in _long_texts():
            self.queries.text(text, "long")
            self.access.text(text, "long")
        for area, count in ((self.access, 4500), (self.queries, 8000)):
            pool = [json.loads(line)["text"] for line in _unique_texts(area)]
            pool = [text for text in pool if isinstance(text, str) and len(text) < 2000]
            for _ in range(count):
                mutated = _mutate(rng, rng.choice(pool))
                if area is self.access and isinstance(mutated, bytes):
                    mutated = mutated.decode("utf-8", "surrogateescape")
                area.text(mutated, "mutated")

    def lists(self) -> None:
        """Lists of permission and role texts, of query texts (some over the server's limits), and
        mutations of the example project file."""
        rng = self.rng
        access_pool = [json.loads(line)["text"] for line in _unique_texts(self.access)]
        query_pool = [json.loads(line)["text"] for line in _unique_texts(self.queries)]
        query_pool = [text for text in query_pool if isinstance(text, str)]
        for _ in range(1500):
            self.access_lists.add({"from": "generated", "values": rng.sample(access_pool, rng.randint(0, 5))})
        for size in (99, 100, 101):
            self.access_lists.add({"from": "generated", "values": ['read("any")'] * size})
        for _ in range(1500):
            self.query_lists.add({"from": "generated", "queries": rng.sample(query_pool, rng.randint(0, 4))})
        example = (ROOT / "examples" / "appwrite.config.json").read_text(encoding="utf-8")
        self.lint.add({"file": example})
        for _ in range(40):
            mutated = _mutate(rng, example)
            self.lint.add({"file": store_text(mutated) if isinstance(mutated, bytes) else mutated})

    def cli(self) -> list[str]:
        """The texts given to the command line: those of the golden corpora, the fuzz seeds and the
        permission, role, JSON and legacy query conformance vectors, as str (``-`` would read standard
        input); not the generated ones, nor the cloud and validation vectors."""
        vectors = {
            record["input"]
            for name in ("permissions-roles.jsonl", "json-queries.jsonl", "legacy-queries.jsonl")
            for record in conformance.records(name)
            if isinstance(record["input"], str)
        }
        chosen = ("corpus", "fuzz", "fuzz-dict", "fuzz-regression")
        seen: set[str] = set()
        lines = []
        for area in (self.access, self.queries):
            for line in _unique_texts(area):
                record = json.loads(line)
                text = record["text"]
                if not isinstance(text, str) or text == "-" or text in seen:
                    continue
                if record["from"] in chosen or (record["from"] == "conformance" and text in vectors):
                    seen.add(text)
                    lines.append(dumps(record))
        return lines

    def areas(self) -> dict[str, list[str]]:
        return {
            "access": _unique_texts(self.access),
            "access-lists": list(self.access_lists.records),
            "queries": _unique_texts(self.queries),
            "query-lists": list(self.query_lists.records),
            "validation": list(self.validation.records),
            "builders": list(self.builders.records),
            "lint": list(self.lint.records),
            "cli": self.cli(),
        }


def generate() -> dict[str, list[str]]:
    inputs = _Inputs()
    inputs.collect()
    inputs.capture()
    inputs.generate()
    inputs.lists()
    return inputs.areas()


CONFIGS: dict[str, Any] = {
    "schemas": {},  # filled from tests/validate/helpers.py's SCHEMA and a schemaless one below
    "policies": {
        "strict": {
            "attributes": ["title", "year", "tags", "meta"],
            "forbidden": ["select", "regex", "search"],
            "max_limit": 100,
            "max_offset": 5000,
            "max_depth": 1,
        }
    },
    "runs": {
        "1.9.6": {"schema": "every-kind", "server_version": "1.9.6"},
        "1.9.6/policy": {"schema": "every-kind", "server_version": "1.9.6", "policy": "strict"},
        "1.8.0": {"schema": "every-kind", "server_version": "1.8.0"},
        "1.5.0": {"schema": "every-kind", "server_version": "1.5.0"},
        "1.4.13": {"schema": "every-kind", "server_version": "1.4.13"},
        "1.3.0": {"schema": "every-kind", "server_version": "1.3.0"},
        "1.2.0": {"schema": "every-kind", "server_version": "1.2.0"},
        "1.0.0": {"schema": "every-kind", "server_version": "1.0.0"},
        "schemaless/1.9.6": {"schema": "schemaless", "server_version": "1.9.6"},
        "users/1.9.6": {"endpoint": "users", "server_version": "1.9.6"},
        "files/1.4.13": {"endpoint": "files", "server_version": "1.4.13"},
        "webhooks/1.9.6": {"endpoint": "webhooks", "server_version": "1.9.6"},
    },
}


def _configs() -> dict[str, Any]:
    from dataclasses import asdict

    from ..validate.helpers import SCHEMA

    configs: dict[str, Any] = json.loads(json.dumps(CONFIGS))
    configs["schemas"] = {
        "every-kind": {
            "attributes": [asdict(attribute) for attribute in SCHEMA.attributes],
            "fulltext": sorted(SCHEMA.fulltext or ()),
        },
        "schemaless": {"attributes": [], "schemaless": True},
    }
    return configs


def write(force: bool = False) -> None:
    if (INPUTS / "access.jsonl").exists() and not force:
        raise SystemExit("the inputs exist: they are fixed (pass --force to generate them again)")
    INPUTS.mkdir(parents=True, exist_ok=True)
    (INPUTS / "configs.json").write_text(
        json.dumps(_configs(), indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    for area, lines in generate().items():
        write_lines(INPUTS / f"{area}.jsonl", lines)
        print(f"{area}: {len(lines)} inputs")
