"""Command line: ``appwrite-dsl``."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Run the command line with ``argv`` (default ``sys.argv[1:]``) and return the exit code."""
    del argv
    sys.stderr.write("appwrite-dsl: nothing here yet\n")
    return 2
