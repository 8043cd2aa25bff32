"""``appwrite-dsl rule CODE`` / ``appwrite-dsl rule --all``: a lint rule's documentation, as ``ruff rule``
prints it (``--format markdown``: the rule reference of the documentation site)."""

from __future__ import annotations

import argparse
from typing import TextIO

from . import _catalogue

__all__ = ["register", "run"]


def run(options: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Print the rules ``options`` name; exit 2 for an unknown code."""
    if options.format == "markdown":
        if options.code is not None:
            err.write("appwrite-dsl: error: --format markdown writes the whole reference: use --all\n")
            return 2
        out.write(_catalogue.markdown())
        return 0
    if options.all:
        out.write("\n".join(_catalogue.text(entry) for entry in _catalogue.RULES))
        return 0
    try:
        entry = _catalogue.rule(options.code)
    except KeyError:
        err.write(
            f"appwrite-dsl: error: unknown rule {options.code!r}; `appwrite-dsl rule --all` lists every one\n"
        )
        return 2
    out.write(_catalogue.text(entry))
    return 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``rule`` to the ``appwrite-dsl`` subcommands."""
    parser = commands.add_parser(
        "rule",
        help="print the documentation of a lint rule",
        description=f"Print a lint rule's documentation; every rule is also on {_catalogue.DOCS_URL}",
    )
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("code", nargs="?", metavar="CODE", help="a rule code, e.g. AW301")
    group.add_argument("--all", action="store_true", help="every rule")
    parser.add_argument(
        "--format",
        choices=("text", "markdown"),
        default="text",
        help="text, or markdown: the rule reference of the documentation (with --all)",
    )
    parser.set_defaults(run=run)
