"""The framework examples of the web-backend guide, which the documentation build shows but cannot run
(Flask and Django are not documentation dependencies), run here against real requests."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

PAGE = Path(__file__).resolve().parents[2] / "docs" / "guides" / "web-backend.md"
LIMIT = '{"method":"limit","values":[20]}'
EQUAL = '{"method":"equal","attribute":"genre","values":["sf"]}'
MIXED = f"queries[1]={quote(LIMIT)}&queries[]={quote(EQUAL)}&queries[0]={quote(EQUAL)}"


def _blocks(kind: str) -> list[str]:
    return re.findall(
        r"^```" + re.escape(kind) + r"\n(.*?)^```$", PAGE.read_text(encoding="utf-8"), re.M | re.S
    )


@pytest.fixture(scope="module")
def namespace() -> dict[str, Any]:
    space: dict[str, Any] = {"__name__": "web_backend_guide"}
    [setup] = _blocks("{testcode}")
    exec(setup, space)
    return space


def _framework_block(name: str) -> str:
    [block] = [b for b in _blocks("python") if f"from {name}" in b]
    return block


def test_flask_example(namespace: dict[str, Any]) -> None:
    space = dict(namespace)
    exec(_framework_block("flask"), space)
    client = space["app"].test_client()
    answer = client.get("/books?" + MIXED)
    assert answer.status_code == 200
    assert answer.get_json() == {"queries": [LIMIT, EQUAL, EQUAL]}  # [1], [] at 2, then [0]
    refused = client.get("/books?queries[]=" + quote('{"method":"limit","values":[500]}'))
    assert refused.status_code == 400
    assert refused.get_json()["type"] == "general_query_invalid"
    assert refused.get_json()["message"] == "The policy allows a limit of at most 50, found 500"


def test_django_example(namespace: dict[str, Any]) -> None:
    from django.conf import settings

    if not settings.configured:
        settings.configure(DEFAULT_CHARSET="utf-8", ALLOWED_HOSTS=["testserver"])
    from django.test import RequestFactory

    space = dict(namespace)
    exec(_framework_block("django"), space)
    answer = space["list_books"](RequestFactory().get("/books?" + MIXED))
    assert answer.status_code == 200
    assert json.loads(answer.content) == {"queries": [LIMIT, EQUAL, EQUAL]}
    refused = space["list_books"](RequestFactory().get("/books?queries=limit(5)"))
    assert refused.status_code == 400
    assert json.loads(refused.content)["message"] == "Invalid query: Syntax error"
