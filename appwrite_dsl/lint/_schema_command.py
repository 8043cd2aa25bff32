"""``appwrite-dsl schema``: the JSON Schema (draft 2020-12) of Appwrite CLI project files, for editors.

The schema ships with the package (``appwrite-project.schema.json``). It is as strict as the Appwrite CLI
25.1.0, which checks the file with strict schemas (``lib/commands/config.ts``, ``ConfigSchema``) before a
push: a key it does not know is refused.
"""

from __future__ import annotations

import argparse
from importlib import resources
from typing import TextIO

__all__ = ["SCHEMA_FILE", "register", "run", "schema_text"]

SCHEMA_FILE = "appwrite-project.schema.json"


def schema_text() -> str:
    """The schema, as shipped."""
    return resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")


def run(options: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Write the schema to standard output or to ``--output``."""
    text = schema_text()
    if options.output is None:
        out.write(text)
        return 0
    try:
        with open(options.output, "w", encoding="utf-8") as file:
            file.write(text)
    except OSError as error:
        err.write(f"appwrite-dsl: error: cannot write {options.output}: {error.strerror or error}\n")
        return 2
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``schema`` to the ``appwrite-dsl`` subcommands."""
    parser = commands.add_parser(
        "schema",
        help="write the JSON Schema of Appwrite CLI project files (for editors)",
        description="Write the JSON Schema (draft 2020-12) of appwrite.config.json / appwrite.json, as "
        "strict as the Appwrite CLI 25.1.0 (unknown keys are refused).",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    parser.set_defaults(run=run)
