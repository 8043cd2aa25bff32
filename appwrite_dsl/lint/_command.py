"""``appwrite-dsl lint [PATH...]``: check Appwrite CLI project files.

Exit codes: 0 when no finding reaches ``--fail-on`` (``warning`` by default), 1 when one does, 2 for a usage
error, a path that cannot be read or no project file found (then the error is all that is written).
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

from . import config, discovery, reporters
from ._catalogue import DOCS_URL
from .rules import Finding, Options, check_bytes

__all__ = ["register", "run"]

_LEVELS = {"info": 0, "warning": 1, "error": 2}
_CONFIG, _LEGACY = discovery.PROJECT_FILES


def _display(path: Path, cwd: Path) -> str:
    """``path`` relative to the working directory when it is inside it."""
    try:
        return path.relative_to(cwd).as_posix()
    except ValueError:
        return str(path)


def _settings(options: argparse.Namespace, cwd: Path, err: TextIO) -> config.Settings:
    settings = config.Settings()
    pyproject = Path(options.config) if options.config else discovery.find_pyproject(cwd)
    if pyproject is not None:
        settings, note = config.load_pyproject(pyproject)
        if note:
            err.write(f"appwrite-dsl: {note}\n")
    select = config.parse_codes(options.select, "--select") if options.select is not None else None
    ignore = config.parse_codes(options.ignore, "--ignore") if options.ignore else ()
    pointers = tuple(config.parse_pointer_ignore(text) for text in options.ignore_pointer)
    return settings.updated(select=select, ignore=ignore, pointer_ignores=pointers)


def _both(chosen: Path, other: Path, cwd: Path, *, linted: bool) -> str:
    """The note for two project files where the Appwrite CLI reads only ``chosen``."""
    if chosen.parent == other.parent:
        where = _display(chosen.parent, cwd) or "."
        said = f"{where} holds both {_CONFIG} and {_LEGACY}: the Appwrite CLI reads {_CONFIG}"
    else:
        said = (
            f"the Appwrite CLI reads {_display(chosen, cwd)} here, not {_display(other, cwd)} (it looks for "
            f"{_CONFIG} in every parent first)"
        )
    return (
        f"note: {said}; --all lints both"
        if linted
        else f"note: {said}, so only it is linted (--all lints both)"
    )


def _search(cwd: Path, everything: bool, notes: list[str], errors: list[str]) -> list[Path]:
    """The file the Appwrite CLI reads in ``cwd`` (and, with ``everything``, the one it passes over)."""
    found = discovery.find_project_file(cwd)
    if found is None:
        errors.append(f"no {_CONFIG} or {_LEGACY} in {cwd} or any parent directory")
        return []
    other = discovery.find_legacy_file(cwd) if found.name == _CONFIG else None
    if other is None:
        return [found]
    notes.append(_both(found, other, cwd, linted=everything))
    return [found, other] if everything else [found]


def _walked(directory: Path, everything: bool, cwd: Path, notes: list[str]) -> list[Path]:
    """The project files below ``directory``; in a directory holding both names, the one the CLI reads
    (and, with ``everything``, both)."""
    found = list(discovery.walk(directory))
    names = set(found)
    kept = []
    for path in found:
        if path.name == _LEGACY and path.with_name(_CONFIG) in names:
            notes.append(_both(path.with_name(_CONFIG), path, cwd, linted=everything))
            if not everything:
                continue
        kept.append(path)
    return kept


def _project_files(
    options: argparse.Namespace, cwd: Path, notes: list[str], errors: list[str]
) -> list[tuple[Path, str]]:
    """The files to lint with the names to show, in order, without repeats; problems go to ``errors``."""
    targets: list[tuple[Path, str]] = []
    if not options.paths:
        targets.extend((path, _display(path, cwd)) for path in _search(cwd, options.all, notes, errors))
    for given in options.paths:
        path = Path(given)
        if path.is_dir():
            found = _walked(path, options.all, cwd, notes)
            if not found:
                errors.append(f"no {_CONFIG} or {_LEGACY} in {given} or below it")
            targets.extend((item, _display(item, cwd)) for item in found)
        else:
            targets.append((path, given))
    unique: dict[Path, tuple[Path, str]] = {}
    for path, shown in targets:
        unique.setdefault(path.resolve(), (path, shown))
    return list(unique.values())


def _use_color(choice: str, out: TextIO) -> bool:
    if choice != "auto":
        return choice == "always"
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def run(options: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Lint the files ``options`` name; return the exit code."""
    cwd = Path.cwd()
    try:
        settings = _settings(options, cwd, err)
    except config.ConfigError as error:
        err.write(f"appwrite-dsl: error: {error}\n")
        return 2
    notes: list[str] = []
    errors: list[str] = []
    files = _project_files(options, cwd, notes, errors)
    lint_options = Options(known_teams=settings.known_teams, id_max_length=settings.id_max_length)
    findings: list[Finding] = []
    linted = 0
    for path, shown in files:
        try:
            data = path.read_bytes()
        except OSError as error:
            errors.append(f"cannot read {shown}: {error.strerror or error}")
            continue
        linted += 1
        findings.extend(f for f in check_bytes(data, shown, lint_options) if settings.reports(f))
    findings.sort(key=Finding.sort_key)
    for message in notes:
        err.write(f"appwrite-dsl: {message}\n")
    for message in errors:
        err.write(f"appwrite-dsl: error: {message}\n")
    if linted:
        if options.format == "text":
            out.write(reporters.text(findings, files=linted, color=_use_color(options.color, out)))
        elif options.format == "json":
            out.write(reporters.json_report(findings))
        elif options.format == "sarif":
            out.write(reporters.sarif(findings, errors=errors))
        else:
            out.write(reporters.github(findings))
    if errors:
        return 2
    threshold = _LEVELS[options.fail_on]
    failing = any(_LEVELS[finding.severity] >= threshold for finding in findings)
    return 1 if failing and not options.exit_zero else 0


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``lint`` to the ``appwrite-dsl`` subcommands."""
    lint = commands.add_parser(
        "lint",
        help="check Appwrite CLI project files",
        description="Check appwrite.config.json / appwrite.json files.",
        epilog="Rules: `appwrite-dsl rule AW301` prints one, `appwrite-dsl rule --all` every one; "
        f"{DOCS_URL}",
    )
    lint.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help="a project file, or a directory to search below (skipping .git, node_modules and what "
        ".gitignore excludes); default: the file the Appwrite CLI reads here",
    )
    lint.add_argument("--format", choices=reporters.FORMATS, default="text", help="output format")
    lint.add_argument(
        "--select", metavar="CODES", help="comma-separated code prefixes to check (replaces the config's)"
    )
    lint.add_argument("--ignore", metavar="CODES", help="comma-separated code prefixes not to report")
    lint.add_argument(
        "--ignore-pointer",
        action="append",
        default=[],
        metavar="POINTER[=CODES]",
        help="do not report (those codes) at this JSON Pointer or under it; repeatable",
    )
    lint.add_argument(
        "--config", metavar="PYPROJECT", help="the pyproject.toml to read [tool.appwrite-dsl] from"
    )
    lint.add_argument(
        "--color", choices=("auto", "always", "never"), default="auto", help="colour the text output"
    )
    lint.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        default="warning",
        help="the lowest severity that makes the exit code 1 (default: warning)",
    )
    lint.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    lint.add_argument(
        "--all",
        action="store_true",
        help=f"where a directory holds both {_CONFIG} and {_LEGACY}, lint both (default: the one the "
        "CLI reads)",
    )
    lint.set_defaults(run=run)
