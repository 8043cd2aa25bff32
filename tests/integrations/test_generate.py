"""appwrite-dsl generate: the installed command writes a module that passes mypy --strict and pyright,
whose builders make the same queries as appwrite_dsl.Query, offer only what the server accepts, and
refuse (under mypy and pyright) a wrong name, a wrong value type and a method that does not apply."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from appwrite_dsl.generate import entities, generate, load_project, method_table, schema_code
from appwrite_dsl.query import Query
from appwrite_dsl.validate import Attribute, Schema, check

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "tests" / "data" / "generate" / "appwrite.config.json"
EXAMPLE = ROOT / "examples" / "appwrite.config.json"
BIN = Path(sys.executable).parent
COMMAND = shutil.which("appwrite-dsl", path=str(BIN))
DATETIME = "2024-01-01T00:00:00.000+00:00"


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    assert COMMAND is not None, "the appwrite-dsl command is not installed next to this Python"
    return subprocess.run([COMMAND, *args], capture_output=True, text=True, check=False, cwd=cwd)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    result = run("generate", str(PROJECT), "-o", str(folder / "models.py"))
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    return folder / "models.py"


@pytest.fixture(scope="module")
def models(generated: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("generated_models", generated)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_regenerating_gives_the_same_bytes(generated: Path, tmp_path: Path) -> None:
    again = run("generate", str(PROJECT), "-o", str(tmp_path / "again.py"))
    assert again.returncode == 0
    assert (tmp_path / "again.py").read_bytes() == generated.read_bytes()
    assert run("generate", str(PROJECT)).stdout.encode() == generated.read_bytes()
    assert generate(load_project(PROJECT)) == generated.read_text(encoding="utf-8")


def test_the_project_file_is_found_as_the_cli_finds_it(tmp_path: Path) -> None:
    (tmp_path / "appwrite.json").write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    result = run("generate", cwd=tmp_path / "sub")
    assert result.returncode == 0, result.stderr
    assert "class PostsQuery:" in result.stdout
    assert "from appwrite.json" in result.stdout


def test_usage_and_io_errors(tmp_path: Path) -> None:
    missing = run("generate", str(tmp_path / "nope.json"))
    assert missing.returncode == 2
    assert missing.stderr.startswith("appwrite-dsl: error: cannot read")
    (tmp_path / "bad.json").write_text("[1]", encoding="utf-8")
    assert run("generate", str(tmp_path / "bad.json")).returncode == 2
    assert run("generate", str(tmp_path)).returncode == 2  # no project file up the tree of tmp_path
    assert run("generate", "--bogus").returncode == 2


def test_both_layouts_and_the_system_fields(models: ModuleType) -> None:
    assert models.LegacyBooksDocument.__annotations__.keys() >= {
        "$id",
        "$sequence",
        "$collectionId",
        "$databaseId",
        "$createdAt",
        "$updatedAt",
        "$permissions",
        "title",
    }
    assert "$tableId" in models.PlacesRow.__annotations__
    assert "$collectionId" not in models.PlacesRow.__annotations__
    assert sorted(models.__all__) == models.__all__
    assert {"MainBooksQuery", "LegacyBooksQuery", "AuthorsQuery", "PlacesQuery"} <= set(models.__all__)


def test_schemas_equal_the_ones_validate_builds(models: ModuleType) -> None:
    project = load_project(PROJECT)
    found = {entity.name: Schema.from_collection(entity.data) for entity in entities(project)}
    assert found["LegacyBooks"] == models.LEGACY_BOOKS_SCHEMA
    assert found["MainBooks"] == models.MAIN_BOOKS_SCHEMA
    assert found["Places"] == models.PLACES_SCHEMA
    assert found["Authors"] == models.AUTHORS_SCHEMA
    assert models.LEGACY_BOOKS_SCHEMA.fulltext == frozenset({"title"})


def test_schema_code_round_trips() -> None:
    schema = Schema(
        [
            Attribute.integer("n", bits=32, signed=False),
            Attribute.vector("v", 3),
            Attribute.string("s", array=True),
        ],
        fulltext=["s"],
        schemaless=True,
        max_query_length=524288,
    )
    assert eval(schema_code(schema), {"Schema": Schema, "Attribute": Attribute}) == schema


def _sample(scalar: str, key: str, column: dict[str, Any] | None) -> Any:
    if scalar.startswith("Literal["):
        return ast.literal_eval(scalar[len("Literal[") : -1].split(",", maxsplit=1)[0])
    if scalar in ("str", "Union[str, Sequence[str]]"):
        dated = key in ("$createdAt", "$updatedAt") or (column or {}).get("type") == "datetime"
        return DATETIME if dated else "a"
    return {"int": 1, "float": 1.5, "bool": True, "int | str": 1}[scalar]


def _cases(models: ModuleType) -> list[tuple[Any, Query, Schema]]:
    """Every (typed call, the same call on Query, schema) the generated builders offer."""
    cases = []
    for entity in entities(load_project(PROJECT)):
        builder = getattr(models, entity.name + "Query")
        schema = Schema.from_collection(entity.data)
        columns = {str(c["key"]): dict(c) for c in entity.columns}
        for method, groups in method_table(entity, schema).items():
            for scalar, keys in groups.items():
                for key in keys:
                    if method in ("is_null", "is_not_null", "order_asc", "order_desc"):
                        args: tuple[Any, ...] = (key,)
                    elif method.startswith("distance_"):
                        args = (key, [1.0, 2.0], 10.0)
                    elif method.startswith("vector_"):
                        args = (key, [0.1, 0.2, 0.3])
                    elif scalar == "":
                        args = (key, [1.0, 2.0])
                    elif method in ("between", "not_between"):
                        value = _sample(scalar, key, columns.get(key))
                        args = (key, value, value)
                    else:
                        args = (key, _sample(scalar, key, columns.get(key)))
                    cases.append((getattr(builder, method)(*args), getattr(Query, method)(*args), schema))
        cases.append((builder.select(["$id"]), Query.select(["$id"]), schema))
    return cases


def test_typed_builders_make_the_queries_query_makes(models: ModuleType) -> None:
    cases = _cases(models)
    assert len(cases) > 300
    for typed, untyped, _ in cases:
        assert typed == untyped
        assert str(typed) == str(untyped)


def test_every_offered_query_is_accepted_by_the_server(models: ModuleType) -> None:
    for typed, _, schema in _cases(models):
        assert check([typed], schema=schema) == [], str(typed)


def test_inapplicable_methods_are_not_offered(models: ModuleType) -> None:
    books = method_table(entities(load_project(PROJECT))[0], models.LEGACY_BOOKS_SCHEMA)
    offered = {method: {key for keys in groups.values() for key in keys} for method, groups in books.items()}
    assert "year" not in offered["starts_with"]
    assert "tags" not in offered["equal"]  # arrays take contains, not equal
    assert "tags" in offered["contains_any"]
    assert "secret" not in offered["equal"]  # encrypted: the server refuses every query on it
    assert "search" in offered and offered["search"] == {"title"}  # the only fulltext index
    assert not hasattr(models.AuthorsQuery, "vector_dot")
    assert "books" not in offered.get("equal", set())
    authors = method_table(entities(load_project(PROJECT))[1], models.AUTHORS_SCHEMA)
    assert "books" not in {key for keys in authors["equal"].values() for key in keys}  # virtual side
    for method in ("starts_with", "less_than", "equal"):
        refused = getattr(Query, method)("secret", "a")
        assert check([refused], schema=models.LEGACY_BOOKS_SCHEMA) != []


# The type checkers, on snippets: one that uses the module correctly, and one per mistake.

GOOD = """
from typing import Optional

from models import LegacyBooksDocument, LegacyBooksQuery, PlacesQuery, PlacesRow, LEGACY_BOOKS_SCHEMA
from appwrite_dsl.query import Query
from appwrite_dsl.validate import validate

queries: list[Query] = [
    LegacyBooksQuery.equal("title", "Dune"),
    LegacyBooksQuery.equal("year", [1965, 1966]),
    LegacyBooksQuery.equal("genre", "sf"),
    LegacyBooksQuery.between("price", 1, 9.5),
    LegacyBooksQuery.greater_than("published", "2024-01-01"),
    LegacyBooksQuery.starts_with("title", "Du"),
    LegacyBooksQuery.contains_any("tags", ["classic", "space"]),
    LegacyBooksQuery.search("title", "dune"),
    LegacyBooksQuery.is_null("author"),
    LegacyBooksQuery.order_desc("$createdAt"),
    LegacyBooksQuery.select(["title", "$id"]),
    PlacesQuery.distance_less_than("location", [1.0, 2.0], 1000.0),
    PlacesQuery.vector_cosine("embedding", [0.1, 0.2, 0.3]),
    Query.limit(10),
]
validate(queries, schema=LEGACY_BOOKS_SCHEMA)


def read(book: LegacyBooksDocument, place: PlacesRow) -> tuple[str, Optional[int], str]:
    return book["title"], book["year"], place["$createdAt"]
"""

BAD = {
    "wrong_name": 'from models import LegacyBooksQuery\nLegacyBooksQuery.equal("titel", "Dune")\n',
    "wrong_value_type": 'from models import LegacyBooksQuery\nLegacyBooksQuery.equal("year", "1965")\n',
    "inapplicable_method": 'from models import LegacyBooksQuery\nLegacyBooksQuery.starts_with("year", "19")\n',
    "enum_value": 'from models import LegacyBooksQuery\nLegacyBooksQuery.equal("genre", "romance")\n',
    "array_equal": 'from models import LegacyBooksQuery\nLegacyBooksQuery.equal("tags", "x")\n',
    "missing_method": 'from models import AuthorsQuery\nAuthorsQuery.vector_dot("name", [1.0])\n',
    "row_key": 'from models import PlacesRow\ndef f(place: PlacesRow) -> object:\n    return place["titel"]\n',
    "select_name": 'from models import LegacyBooksQuery\nLegacyBooksQuery.select(["titel"])\n',
}


@pytest.fixture(scope="module")
def snippets(generated: Path) -> Path:
    folder = generated.parent
    (folder / "good.py").write_text(GOOD, encoding="utf-8")
    for name, text in BAD.items():
        (folder / f"bad_{name}.py").write_text(text, encoding="utf-8")
    return folder


def _errors_by_file(output: str, pattern: str) -> dict[str, set[int]]:
    """File name -> the lines with errors."""
    lines: dict[str, set[int]] = {}
    for line in output.splitlines():
        found = re.search(pattern, line)
        if found:
            lines.setdefault(Path(found.group(1)).name, set()).add(int(found.group(2)))
    return lines


def _check(errors: dict[str, set[int]], output: str) -> None:
    assert "models.py" not in errors, output
    assert "good.py" not in errors, output
    assert sorted(errors) == sorted(f"bad_{name}.py" for name in BAD), output
    for name, text in BAD.items():  # each mistake is reported where it is: the snippet's last line
        assert errors[f"bad_{name}.py"] == {text.count("\n")}, output


def test_mypy_strict(snippets: Path) -> None:
    files = ["models.py", "good.py", *(f"bad_{name}.py" for name in BAD)]
    env = {**os.environ, "MYPYPATH": str(ROOT)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--strict",
            "--no-error-summary",
            "--cache-dir",
            str(snippets / ".mypy"),
            *files,
        ],
        capture_output=True,
        text=True,
        check=False,
        cwd=snippets,
        env=env,
    )
    assert result.stderr == ""
    _check(_errors_by_file(result.stdout, r"^([^:]+\.py):(\d+): error:"), result.stdout)


PYRIGHT = shutil.which("pyright", path=str(BIN))


def test_pyright(snippets: Path) -> None:
    assert PYRIGHT is not None, "pyright (the test extra) is not installed next to this Python"
    config = {"typeCheckingMode": "strict", "extraPaths": [str(ROOT)], "pythonVersion": "3.9"}
    (snippets / "pyrightconfig.json").write_text(json.dumps(config), encoding="utf-8")
    files = ["models.py", "good.py", *(f"bad_{name}.py" for name in BAD)]
    result = subprocess.run([PYRIGHT, *files], capture_output=True, text=True, check=False, cwd=snippets)
    _check(_errors_by_file(result.stdout, r"^\s*(/[^:]+\.py):(\d+):\d+ - error"), result.stdout)


def test_odd_names_still_make_valid_python(tmp_path: Path) -> None:
    project = {
        "projectId": 'p"""\\',
        "tables": [
            {
                "$id": 'x"""y\\',
                "databaseId": "9db",
                "columns": [
                    {"key": 'it\'s "odd"', "type": "string", "required": True},
                    {"key": "1st", "type": "integer", "required": False},
                    {"key": "kind", "type": "string", "format": "enum", "elements": ['a"b', "c'd"]},
                ],
            },
            {"$id": "x-y", "databaseId": "other", "columns": []},
        ],
    }
    text = generate(project)
    namespace: dict[str, Any] = {}
    exec(compile(text, "odd.py", "exec"), namespace)
    assert {"N9dbXYQuery", "OtherXYQuery"} <= set(namespace["__all__"])
    typed = namespace["N9dbXYQuery"].equal('it\'s "odd"', "v")
    assert typed == Query.equal('it\'s "odd"', "v")
    assert namespace["N9dbXYQuery"].equal("kind", 'a"b') == Query.equal("kind", 'a"b')


def test_value_types_are_written_once(generated: Path) -> None:
    text = generated.read_text(encoding="utf-8")
    assert (
        "def contains(attribute: Literal['title', 'genre', 'tags'], value: Union[str, Sequence[str]])" in text
    )
    assert "Union[Union[" not in text
