"""``appwrite-dsl audit [PATH]``: who can do what with each collection, table, bucket, function and topic
of an Appwrite CLI project file (:mod:`appwrite_dsl.audit`), as a table or as JSON.

Exit codes: 0 when the audit ran, 2 for a missing or unreadable file or one that is not JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from .audit import audit_file, table, to_json
from .errors import ParseError
from .lint.discovery import PROJECT_FILES, find_project_file


def register(subparsers: Any) -> None:
    """Add the ``audit`` command to ``appwrite-dsl``'s subcommands."""
    parser = subparsers.add_parser(
        "audit",
        help="show who can do what with each container of a project file",
        description=(
            "For every collection, table, bucket, function and topic of an appwrite.config.json / "
            "appwrite.json, which kinds of principal can create, read, update, delete, execute or subscribe."
        ),
    )
    parser.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help="a project file, or a directory to search from as the Appwrite CLI does (default: .)",
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.set_defaults(run=run)


def _target(given: str | None) -> Path | None:
    path = Path(given or ".")
    return find_project_file(path) if path.is_dir() else path


def run(args: argparse.Namespace, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run ``appwrite-dsl audit`` with parsed ``args``; returns the exit code."""
    out = out or sys.stdout
    err = err or sys.stderr
    path = _target(args.path)
    if path is None:
        where = args.path or "."
        err.write(
            f"appwrite-dsl: error: no {' or '.join(PROJECT_FILES)} in {where} or any parent directory\n"
        )
        return 2
    shown = args.path if args.path and not Path(args.path).is_dir() else str(path)
    try:
        entries = audit_file(path)
    except OSError as error:
        err.write(f"appwrite-dsl: error: cannot read {shown}: {error.strerror or error}\n")
        return 2
    except ParseError as error:
        err.write(f"appwrite-dsl: error: {shown} is not JSON: {error.message}\n")
        return 2
    if args.format == "json":
        out.write(
            json.dumps({"file": shown, "entities": to_json(entries)}, ensure_ascii=False, indent=2) + "\n"
        )
    else:
        out.write(table(entries, name=shown))
    return 0
