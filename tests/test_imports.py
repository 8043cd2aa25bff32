"""The package re-exports lazily, and its everyday names load only what they need.

``appwrite_dsl/__init__.py`` imports each name of ``__all__`` from its module on first use (PEP 562), so the
modules a program loads are those of the names it uses. The fresh-interpreter tests check the import path of
``from appwrite_dsl import Query, Permission, Role, ID`` by the modules it loads, not by timing it.
"""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

import appwrite_dsl

ROOT = Path(__file__).resolve().parents[1]

# What the import path of the four everyday names must not load: the typing machinery and heavy standard
# modules, and appwrite_dsl's legacy syntax (servers up to 1.4: loaded by the first legacy text), server emulation,
# validation, lint, transport and authorization.
FORBIDDEN = frozenset(
    {
        "typing",
        "dataclasses",
        "enum",
        "ipaddress",
        "pathlib",
        "inspect",
        "datetime",
        "decimal",
        "urllib.parse",
        "hashlib",
        "appwrite_dsl.server",
        "appwrite_dsl._legacy",
        "appwrite_dsl._legacy_server",
        "appwrite_dsl._chain",
        "appwrite_dsl.authorization",
        "appwrite_dsl._decide",
        "appwrite_dsl._decision",
        "appwrite_dsl.access",
        "appwrite_dsl.audit",
        "appwrite_dsl.validate",
        "appwrite_dsl._validation",
        "appwrite_dsl.lint",
        "appwrite_dsl.transport",
    }
)


def _loaded(code: str) -> set[str]:
    """The modules a fresh interpreter loads to run ``code``, after ``json`` and ``re`` (which the SDK's
    ``appwrite.query`` loads too, with ``enum``, ``functools`` and ``collections``): no site packages, the
    source tree first on the path."""
    script = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); import json, re; before = set(sys.modules)\n"
        f"{code}\n"
        "print(json.dumps(sorted(set(sys.modules) - before)))"
    )
    done = subprocess.run(
        [sys.executable, "-I", "-S", "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return set(json.loads(done.stdout))


def test_every_name_is_its_modules_object() -> None:
    names = [name for name in appwrite_dsl.__all__ if name != "__version__"]
    assert set(appwrite_dsl._HOMES) == set(names)
    for name in names:
        home = importlib.import_module(f"appwrite_dsl.{appwrite_dsl._HOMES[name]}")
        assert getattr(appwrite_dsl, name) is getattr(home, name), name


def test_star_import_and_dir() -> None:
    namespace: dict[str, object] = {}
    exec("from appwrite_dsl import *", namespace)
    assert set(namespace) - {"__builtins__"} == set(appwrite_dsl.__all__)
    assert namespace["Query"] is appwrite_dsl.Query
    assert namespace["__version__"] == appwrite_dsl.__version__ == "0.1.0"
    assert set(appwrite_dsl.__all__) <= set(dir(appwrite_dsl))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="module 'appwrite_dsl' has no attribute 'Qeury'"):
        appwrite_dsl.Qeury  # type: ignore[attr-defined]  # noqa: B018
    with pytest.raises(ImportError):
        exec("from appwrite_dsl import Qeury", {})


def test_importing_the_package_loads_nothing_else() -> None:
    assert _loaded("import appwrite_dsl; assert appwrite_dsl.__version__") == {"appwrite_dsl", "__future__"}


def test_one_name_loads_only_its_module() -> None:
    assert _loaded("from appwrite_dsl import ParseError") == {
        "appwrite_dsl",
        "appwrite_dsl.errors",
        "__future__",
    }


def test_the_everyday_names_load_no_heavy_module() -> None:
    code = (
        "from appwrite_dsl import Query, Permission, Role, ID\n"
        "assert str(Permission.read(Role.user(ID.custom('abc')))) == 'read(\"user:abc\")'\n"
        "assert Query.parse(str(Query.equal('a', 1))).method == 'equal'"
    )
    loaded = _loaded(code)
    assert {"appwrite_dsl.query", "appwrite_dsl.permission", "appwrite_dsl.role", "appwrite_dsl.id"} <= loaded
    assert loaded & FORBIDDEN == set()


def test_every_module_imports_first() -> None:
    """With nothing imported by the package itself, each module must be importable before any other."""
    script = (
        f"import importlib, json, pkgutil, sys; sys.path.insert(0, {str(ROOT)!r})\n"
        "import appwrite_dsl\n"
        "names = [m.name for m in pkgutil.walk_packages(appwrite_dsl.__path__, 'appwrite_dsl.')]\n"
        "failed = {}\n"
        "for name in names:\n"
        "    for loaded in [m for m in sys.modules if m.partition('.')[0] == 'appwrite_dsl']:\n"
        "        del sys.modules[loaded]\n"
        "    try:\n"
        "        importlib.import_module(name)\n"
        "    except ModuleNotFoundError as error:  # an optional dependency (fastapi, pydantic, httpx, ...)\n"
        "        if (error.name or '').partition('.')[0] == 'appwrite_dsl':\n"
        "            failed[name] = repr(error)\n"
        "    except Exception as error:\n"
        "        failed[name] = repr(error)\n"
        "print(json.dumps([len(names), failed]))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, cwd=ROOT
    )
    count, failed = json.loads(done.stdout)
    assert count > 50
    assert failed == {}
