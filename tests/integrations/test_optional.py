"""The core, the parameter reader, the generator and the command work without the optional packages."""

from __future__ import annotations

import subprocess
import sys

PROGRAM = """
import sys
for name in ("pydantic", "pydantic_core", "fastapi", "starlette"):
    sys.modules[name] = None  # importing them now fails
import appwrite_dsl, appwrite_dsl._cli
from appwrite_dsl.params import read_queries
from appwrite_dsl.generate import generate
assert read_queries("queries[1]=b&queries[]=c") == ["b", "c"]
assert "class BooksQuery" in generate({"tables": [{"$id": "books", "columns": []}]})
try:
    import appwrite_dsl.pydantic
except ImportError:
    print("extra needed")
"""


def test_no_optional_package_is_imported() -> None:
    result = subprocess.run([sys.executable, "-c", PROGRAM], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "extra needed\n"
