"""A pytest plugin that writes down every top-level builder call and every project file given to the
linter while the tests run (used once, to collect the builder calls of the differential tests and the
linter tests' project files into the inputs; see ``generate.py``).

Loaded with ``-p tests.outcomes.capture``; ``OUTCOMES_CAPTURE`` and ``OUTCOMES_CAPTURE_LINT`` name the JSON
Lines files to append to.
"""

from __future__ import annotations

import functools
import os
from typing import Any

import pytest
from hypothesis import settings

from appwrite_dsl import ID, Permission, Query, Role
from appwrite_dsl.lint import rules

from .builders import Unencodable, encode
from .encoding import dumps, store_text

_made: dict[int, dict[str, Any]] = {}
_keep: list[Any] = []  # results whose ids are in _made stay alive
_calls: dict[str, None] = {}
_files: dict[str, None] = {}


class _State:
    depth = 0  # builder calls under way: only the outermost is recorded
    linting = False  # a lint call under way (check_bytes calls check_text)


_state = _State()


def _lint(function: Any) -> Any:
    @functools.wraps(function)
    def wrapper(data: str | bytes, path: str, options: rules.Options | None = None) -> Any:
        if _state.linting:
            return function(data, path, options)
        record: dict[str, Any] = {"file": store_text(data)}
        if options is not None:
            record["options"] = {
                "known_teams": sorted(options.known_teams),
                "id_max_length": options.id_max_length,
            }
        _files.setdefault(dumps(record), None)
        _state.linting = True
        try:
            return function(data, path, options)
        finally:
            _state.linting = False

    return wrapper


def _wrap(owner: str, name: str, function: Any) -> Any:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        call = None
        if _state.depth == 0:
            try:
                call = {
                    "on": owner,
                    "name": name,
                    "args": [encode(a, _made) for a in args],
                    "kwargs": {k: encode(v, _made) for k, v in sorted(kwargs.items())},
                }
            except (Unencodable, RecursionError):
                call = None
            if call is not None and not call["kwargs"]:
                del call["kwargs"]
        _state.depth += 1
        try:
            result = function(*args, **kwargs)
        finally:
            _state.depth -= 1
            if call is not None:
                try:
                    _calls.setdefault(dumps(call), None)
                except RecursionError:
                    call = None
        if call is not None:
            for item in result if isinstance(result, list) else [result]:
                _made[id(item)] = call
                _keep.append(item)
        return result

    return wrapper


def _install() -> None:
    for owner, cls, kind in (
        ("Query", Query, staticmethod),
        ("Role", Role, classmethod),
        ("Permission", Permission, classmethod),
        ("ID", ID, staticmethod),
    ):
        for name, member in list(vars(cls).items()):
            if (
                not isinstance(member, kind)
                or name.startswith("_")
                or name in ("parse", "builder", "unique", "is_valid")
            ):
                continue
            function = member.__func__
            if kind is classmethod:
                bound = _wrap(owner, name, lambda *a, _f=function, _c=cls, **k: _f(_c, *a, **k))
                setattr(cls, name, staticmethod(bound))
            else:
                setattr(cls, name, staticmethod(_wrap(owner, name, function)))


def pytest_configure(config: pytest.Config) -> None:
    _install()
    rules.check_text = _lint(rules.check_text)
    rules.check_bytes = _lint(rules.check_bytes)


def pytest_collection_finish(session: pytest.Session) -> None:
    settings.register_profile(
        "outcomes-capture", max_examples=100, deadline=None, derandomize=True, database=None
    )
    settings.load_profile("outcomes-capture")


def pytest_unconfigure(config: pytest.Config) -> None:
    for variable, lines in (("OUTCOMES_CAPTURE", _calls), ("OUTCOMES_CAPTURE_LINT", _files)):
        path = os.environ.get(variable)
        if path:
            with open(path, "a", encoding="utf-8") as handle:
                for line in lines:
                    handle.write(line + "\n")
