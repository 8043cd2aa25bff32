"""``appwrite-dsl generate [PATH] [-o FILE]``: typed Python from a project file (appwrite_dsl.generate).

Without PATH, the project file is found as the Appwrite CLI finds it; without ``-o``, the module is
written to standard output. Exit codes: 0 when written, 2 for a usage error or a file that cannot be read.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, TextIO

from .lint import discovery

__all__ = ["register", "run"]


def register(subparsers: Any) -> None:
    """Add the ``generate`` subcommand to the command's subparsers."""
    parser = subparsers.add_parser(
        "generate",
        help="write typed Python (row types, query builders, schemas) from a project file",
        description="Write a typed Python module from the collections and tables of an Appwrite project "
        "file: a TypedDict per collection or table, query builders checked by mypy and pyright, and the "
        "Schema that appwrite_dsl.validate uses.",
    )
    parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="the project file, or a directory to search from as the Appwrite CLI does (default: .)",
    )
    parser.add_argument("-o", "--output", metavar="FILE", help="write the module here (default: stdout)")
    parser.set_defaults(run=run)


def run(options: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Generate the module; 2 for a project file that cannot be found or read."""
    from .generate import generate, load_project  # noqa: PLC0415 - off the command's start-up

    given = Path(options.path) if options.path else Path.cwd()
    path = discovery.find_project_file(given) if given.is_dir() else given
    if path is None:
        names = " or ".join(discovery.PROJECT_FILES)
        err.write(f"appwrite-dsl: error: no {names} in {given} or any parent directory\n")
        return 2
    try:
        text = generate(load_project(path), source=path.name)
    except (OSError, ValueError) as error:
        err.write(f"appwrite-dsl: error: cannot read {path}: {error}\n")
        return 2
    if options.output is None:
        out.write(text)
        return 0
    try:
        with open(options.output, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
    except OSError as error:
        err.write(
            f"appwrite-dsl: error: cannot write {os.fspath(options.output)}: {error.strerror or error}\n"
        )
        return 2
    return 0
