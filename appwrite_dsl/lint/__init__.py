"""Lint Appwrite CLI project files (``appwrite.config.json``, ``appwrite.json``): rules with stable codes
(``appwrite-dsl rule --all``), a JSON reader that keeps positions, and text, JSON, SARIF and GitHub reporters.

The command is ``appwrite-dsl lint``; in Python, :func:`check_bytes` returns the findings for one file.
"""

from __future__ import annotations

from .config import ConfigError, Settings, load_pyproject
from .discovery import PROJECT_FILES, find_project_file
from .rules import RULES, Finding, Options, Rule, Severity, check_bytes, check_text

__all__ = [
    "PROJECT_FILES",
    "RULES",
    "ConfigError",
    "Finding",
    "Options",
    "Rule",
    "Settings",
    "Severity",
    "check_bytes",
    "check_text",
    "find_project_file",
    "load_pyproject",
]
