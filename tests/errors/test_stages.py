"""Whose refusal a query reader's error is, as data (``InvalidQuery.stage``, ``InvalidQuery.status``).

Checked on every conformance record a reader refuses: where the real server refuses the text, our error
carries its exact message and the server's stage and HTTP status (``"decode"`` exactly when PHP's
``json_decode`` fails or gives a value that is not an array; 500 exactly for a PHP ``TypeError``); where the
server reads it and we refuse it (appwrite_dsl's strictness), both are None.
"""

from __future__ import annotations

import base64
import doctest
import pickle
from typing import Any

import pytest

import appwrite_dsl.errors
from appwrite_dsl import InvalidQuery, Query
from appwrite_dsl._legacy import read_legacy
from appwrite_dsl._legacy_server import ServerError, server_read_legacy
from appwrite_dsl._php_json import decode

from ..conformance import records

CLOUD = "cloud-2.5"


def _text(record: dict[str, Any]) -> str | bytes:
    value = record["input"]
    return base64.b64decode(value["$b64"]) if isinstance(value, dict) else value


def _refusal(text: str | bytes, **options: Any) -> InvalidQuery | None:
    try:
        Query.parse(text, **options)
    except InvalidQuery as error:
        return error
    return None


def _decodes_to_an_array(text: str | bytes) -> bool:
    """PHP's side of ``Query::parse`` before ``parseQuery``: ``json_decode`` and the array check."""
    source = text if isinstance(text, str) else text.decode("utf-8", "surrogateescape")
    try:
        return isinstance(decode(source), (dict, list))
    except InvalidQuery:
        return False


def _check(error: InvalidQuery | None, text: str | bytes, server: dict[str, Any]) -> int:
    """One reading: 1 when ``error`` was checked against the server's answer, 0 when the text was read."""
    if error is None:
        return 0
    message = server.get("error")
    # The server's own message, or (a cloud TypeError) our description ending with the engine's.
    servers = message is not None and (
        error.message == message or (server["class"] == "TypeError" and error.message.endswith(message[-40:]))
    )
    if not servers:  # the server reads the text, or refuses it otherwise: the refusal is ours
        assert (error.stage, error.status) == (None, None), error.message
        return 1
    assert error.stage == ("parse" if _decodes_to_an_array(text) else "decode")
    assert error.status == (500 if server["class"] == "TypeError" else 400)
    return 1


def test_json_records() -> None:
    checked = sum(
        _check(_refusal(_text(record), syntax="json"), _text(record), record["server"])
        for record in records("json-queries.jsonl")
    )
    assert checked >= 60


def test_cloud_records() -> None:
    checked = 0
    for record in records("query-cloud.jsonl"):
        text = _text(record)
        checked += _check(_refusal(text, server_version=CLOUD), text, record["cloud"])
        checked += _check(_refusal(text, syntax="json"), text, record["current_7_2_6"])
    assert checked >= 1000


def test_legacy_records() -> None:
    """The legacy server's errors are its own (stage ``parse``); the strict reader's are ours."""
    checked = 0
    for record in records("legacy-queries.jsonl"):
        text, server = _text(record), record["server"]
        if not isinstance(text, str):
            continue  # bytes: the server's reading is of bytes, the strict reader's of str
        strict = _strict_refusal(text)
        if strict is not None:
            assert (strict.stage, strict.status) == (None, None)
            checked += 1
        if "error" in server:
            with pytest.raises(ServerError) as caught:
                server_read_legacy(text)
            assert caught.value.message == server["error"]
            assert caught.value.stage == "parse"
            assert caught.value.status == (500 if server["class"] == "TypeError" else 400)
            checked += 1
    assert checked >= 50


def _strict_refusal(text: str) -> InvalidQuery | None:
    try:
        read_legacy(text)
    except InvalidQuery as error:
        return error
    return None


def test_builders_refuse_on_their_own_account() -> None:
    with pytest.raises(InvalidQuery) as caught:
        Query.equal("a", [float("nan")])
    assert (caught.value.stage, caught.value.status) == (None, None)


@pytest.mark.parametrize("text", ['{"method":"equal"', '{"method":"or","values":[1]}', '{"method":"x"}', "7"])
def test_pickled_errors_keep_the_stage(text: str) -> None:
    error = _refusal(text, syntax="json")
    assert error is not None and error.stage is not None
    again = pickle.loads(pickle.dumps(error))
    assert (again.stage, again.status, again.message, again.span) == (
        error.stage,
        error.status,
        error.message,
        error.span,
    )
    assert vars(again) == vars(error)


def test_module_docstring() -> None:
    result = doctest.testmod(appwrite_dsl.errors)
    assert result.attempted >= 4
    assert result.failed == 0
