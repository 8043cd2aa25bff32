"""The signing core: headers, origins, URLs and parameter encoding (no HTTP library involved)."""

from __future__ import annotations

import copy as copy_module
import doctest
import enum
import importlib
import pickle
import subprocess
import sys
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

from appwrite_dsl.transport import (
    CREDENTIAL_HEADERS,
    DEFAULT_ENDPOINT,
    RESPONSE_FORMAT,
    Origin,
    Signer,
    encode_query,
    flatten_params,
    origin_of,
)


def test_the_core_imports_no_http_client() -> None:
    code = (
        "import sys, appwrite_dsl.transport as t; t.Signer(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('httpx', 'requests', 'aiohttp', 'urllib3')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize(
    "name",
    [
        "appwrite_dsl.transport.params",
        "appwrite_dsl.transport.signing",
        "appwrite_dsl.transport.responses",
        "appwrite_dsl.transport.listing",
    ],
)
def test_module_docstrings(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted >= 2
    assert result.failed == 0


def test_default_headers() -> None:
    signer = Signer(project="proj", key="k")
    assert signer.endpoint == DEFAULT_ENDPOINT == "https://cloud.appwrite.io/v1"
    assert signer.headers() == {
        "X-Appwrite-Project": "proj",
        "X-Appwrite-Response-Format": RESPONSE_FORMAT,
        "X-Appwrite-Key": "k",
    }
    assert RESPONSE_FORMAT == "2.5.0"


@pytest.mark.parametrize(
    ("options", "header", "value"),
    [
        ({"key": "k1"}, "X-Appwrite-Key", "k1"),
        ({"jwt": "eyJ.a.b"}, "X-Appwrite-JWT", "eyJ.a.b"),
        ({"session": "s3cr3t"}, "X-Appwrite-Session", "s3cr3t"),
        ({"cookie": "a_session_proj=abc"}, "Cookie", "a_session_proj=abc"),
        ({"fallback_cookies": '{"a_session_proj":"abc"}'}, "X-Fallback-Cookies", '{"a_session_proj":"abc"}'),
        ({"fallback_cookies": {"a_session_proj": "abc"}}, "X-Fallback-Cookies", '{"a_session_proj":"abc"}'),
        ({"bearer": "tok"}, "Authorization", "Bearer tok"),
    ],
)
def test_each_credential(options: dict[str, Any], header: str, value: str) -> None:
    signer = Signer("http://127.0.0.1:8080/v1", "proj", locale="fr", response_format="1.4.0", **options)
    assert signer.headers() == {
        "X-Appwrite-Project": "proj",
        "X-Appwrite-Response-Format": "1.4.0",
        "X-Appwrite-Locale": "fr",
        header: value,
    }
    assert header.lower() in CREDENTIAL_HEADERS
    secret = next(iter(options.values()))
    assert "abc" not in repr(signer) and str(secret) not in repr(signer)
    assert f"{header}=<redacted>" in repr(signer)


def test_extra_headers_and_no_response_format() -> None:
    signer = Signer(project="p", response_format=None, headers={"X-Appwrite-Dev-Key": "dev", "X-Trace": "1"})
    assert signer.headers() == {"X-Appwrite-Project": "p", "X-Appwrite-Dev-Key": "dev", "X-Trace": "1"}
    assert "dev" not in repr(signer)
    with pytest.raises(ValueError, match="credentials never go into URLs"):
        signer.url("/x", {"devKey": "dev"})


@pytest.mark.parametrize(
    ("args", "options", "error", "message"),
    [
        (("ftp://h/v1",), {}, ValueError, "must start with http:// or https://"),
        (("HTTPS://h/v1",), {}, ValueError, "must start with http:// or https://"),
        (("https://user:pw@h/v1",), {}, ValueError, "user information"),
        (("https://h/v1?project=p",), {}, ValueError, "query or a fragment"),
        (("https://h/v1#x",), {}, ValueError, "query or a fragment"),
        (("https://h:99999/v1",), {}, ValueError, "no valid host or port"),
        (("https:///v1",), {}, ValueError, "no valid host or port"),
        ((b"https://h",), {}, TypeError, "endpoint must be a str"),
        (("https://h", "p"), {"key": "a", "jwt": "b"}, ValueError, "at most one credential, not key, jwt"),
        (("https://h", "p"), {"key": "a\r\nX-Evil: 1"}, ValueError, "control character"),
        (("https://h", "p"), {"key": ""}, ValueError, "must not be empty"),
        (("https://h", "p\n"), {}, ValueError, "control character"),
        (("https://h", "p"), {"headers": {"X-Appwrite-Project": "q"}}, ValueError, "already set"),
        (("https://h", "p"), {"headers": {"Bad Name": "q"}}, ValueError, "not a valid header name"),
        (("https://h", "p"), {"locale": 5}, TypeError, "locale must be a str"),
    ],
)
def test_bad_configuration(
    args: tuple[Any, ...], options: dict[str, Any], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        Signer(*args, **options)


def test_signer_is_immutable_and_copies() -> None:
    signer = Signer("https://h/v1", "p", key="k", locale="fr")
    with pytest.raises(AttributeError):
        signer._project = "q"
    for copy in (pickle.loads(pickle.dumps(signer)), copy_module.deepcopy(signer)):
        assert (copy.endpoint, copy.project, copy.origin, copy.headers()) == (
            signer.endpoint,
            signer.project,
            signer.origin,
            signer.headers(),
        )
        with pytest.raises(ValueError, match="credentials never go into URLs"):
            copy.url("/x", {"k": "k"})


def test_international_hosts_compare_in_idna() -> None:
    signer = Signer("https://bücher.example/v1", "p", key="k")
    assert signer.origin == Origin("https", "xn--bcher-kva.example", 443)
    assert signer.is_endpoint("https://xn--bcher-kva.example/v1/x")
    assert signer.is_endpoint("https://BÜCHER.example/v1/x")
    assert not signer.is_endpoint("https://bucher.example/v1/x")


@pytest.mark.parametrize(
    ("url", "same"),
    [
        ("https://cloud.appwrite.io/v1/account", True),
        ("https://cloud.appwrite.io:443/other", True),
        ("HTTPS://Cloud.Appwrite.IO/v1", True),
        ("https://user@cloud.appwrite.io/v1", True),
        ("http://cloud.appwrite.io/v1", False),
        ("https://cloud.appwrite.io:8443/v1", False),
        ("https://cloud.appwrite.io.evil.example/v1", False),
        ("https://evil.example/cloud.appwrite.io/v1", False),
        ("https://evil.example?https://cloud.appwrite.io/v1", False),
        ("https://cloud.appwrite.io@evil.example/v1", False),
        ("https://cloud.appwrite.io:bad/v1", False),
        ("//cloud.appwrite.io/v1", False),
        ("/v1/account", False),
        ("ws://cloud.appwrite.io/v1", False),
    ],
)
def test_origin_rule(url: str, same: bool) -> None:
    assert Signer().is_endpoint(url) is same


def test_origins() -> None:
    assert origin_of("http://[::1]:8080/x") == Origin("http", "::1", 8080)
    assert str(Origin("http", "::1", 8080)) == "http://[::1]:8080"
    assert Origin.of("HTTP", "[::1]", None) == Origin("http", "::1", 80)
    assert origin_of("mailto:x@y") is None
    assert Signer("http://[::1]:8080/v1").is_endpoint_origin("http", "::1", 8080)
    assert not Signer("http://[::1]:8080/v1").is_endpoint_origin("http", "::1", None)


def test_update_headers() -> None:
    signer = Signer("https://h/v1", "p", key="k")
    headers = {"x-appwrite-project": "mine", "Accept": "*/*"}
    signer.update_headers(headers, same_origin=True)
    assert headers == {
        "x-appwrite-project": "mine",  # the request's own header wins
        "Accept": "*/*",
        "X-Appwrite-Response-Format": "2.5.0",
        "X-Appwrite-Key": "k",
    }
    # off the endpoint, copies of the signer's values go, everything else stays
    copied = {
        "X-Appwrite-Key": "k",
        "x-appwrite-response-format": "2.5.0",
        "Authorization": "Basic other",
        "X-Appwrite-Project": "mine",
    }
    signer.update_headers(copied, same_origin=False)
    assert copied == {"Authorization": "Basic other", "X-Appwrite-Project": "mine"}
    fresh: dict[str, str] = {}
    assert signer.sign("https://elsewhere/v1", fresh) is False and fresh == {}
    assert signer.sign("https://h/v1/x", fresh) is True and fresh["X-Appwrite-Key"] == "k"


def test_urls() -> None:
    signer = Signer("https://h/v1/", "proj", key="k")
    assert signer.endpoint == "https://h/v1"
    assert signer.url("/account") == "https://h/v1/account"
    url = signer.url(
        "/tablesdb/db/tables/t/rows",
        {"queries": ['{"method":"limit","values":[5]}', "a b&c"], "total": False},
    )
    assert url == (
        "https://h/v1/tablesdb/db/tables/t/rows?queries%5B0%5D=%7B%22method%22%3A%22limit%22%2C%22values%22"
        "%3A%5B5%5D%7D&queries%5B1%5D=a+b%26c&total=false"
    )
    assert parse_qsl(urlsplit(signer.url("/x", {"queries": ["q0", "q1"]}, style="brackets")).query) == [
        ("queries[]", "q0"),
        ("queries[]", "q1"),
    ]
    preview = signer.url(
        "/storage/buckets/b/files/f/preview", {"width": 100, "output": None}, project_param=True
    )
    assert preview == "https://h/v1/storage/buckets/b/files/f/preview?width=100&project=proj"
    assert "k" not in parse_qsl(urlsplit(preview).query)[0][1]


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("account", None, "must start with a single '/'"),
        ("//evil.example/x", None, "must start with a single '/'"),
        ("/x?project=p", None, "must not contain '?'"),
        ("/x#y", None, "must not contain '#'"),
        ("/x y", None, "must not contain ' '"),
        ("/x", {"jwt": "k"}, "credentials never go into URLs"),
        ("/x", {"a": ["k"]}, "credentials never go into URLs"),
    ],
)
def test_bad_urls(path: str, params: Any, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Signer("https://h/v1", "proj", key="k").url(path, params)


def test_project_param_needs_a_project_and_no_clash() -> None:
    with pytest.raises(ValueError, match="needs a signer with a project"):
        Signer().url("/x", project_param=True)
    with pytest.raises(ValueError, match="already has a 'project'"):
        Signer(project="p").url("/x", {"project": "q"}, project_param=True)


class Gravity(enum.Enum):
    CENTER = "center"


class WireQuery:
    """Anything whose str() is the wire form (as the library's Query objects are)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return self.text


SDK_CASES: list[dict[str, Any]] = [
    {
        "queries": [
            '{"method":"equal","attribute":"name","values":["a b","c&d=e"]}',
            '{"method":"limit","values":[5]}',
        ],
        "total": False,
    },
    {"data": {"title": "T", "tags": ["x", "y"], "nested": {"deep": [1, 2.5, True]}}},
    {"permissions": ['read("any")'], "flag": True, "count": 3, "ratio": 0.5, "empty": []},
    {"k": "ünïcödé ~*(),"},
]


@pytest.mark.parametrize("params", SDK_CASES)
def test_flattening_matches_the_sdk(params: dict[str, Any]) -> None:
    from appwrite.client import Client

    assert flatten_params(params) == list(Client().flatten(params, stringify=True).items())


def test_scalars_enums_objects_and_none() -> None:
    from appwrite.query import Query as SdkQuery

    pairs = flatten_params(
        {
            "gravity": Gravity.CENTER,
            "queries": [WireQuery('{"method":"limit","values":[1]}'), SdkQuery("offset", None, 2)],
            "skipped": None,
            "list": [None, "kept"],
        }
    )
    assert pairs == [
        ("gravity", "center"),
        ("queries[0]", '{"method":"limit","values":[1]}'),
        ("queries[1]", '{"method":"offset","values":[2]}'),
        ("list[1]", "kept"),
    ]
    with pytest.raises(TypeError, match="bytes are not a parameter value"):
        flatten_params({"b": b"x"})
    with pytest.raises(TypeError, match="parameter names must be str"):
        flatten_params({1: "x"})  # type: ignore[dict-item]
    with pytest.raises(ValueError, match="cannot hold a list or an object"):
        flatten_params({"a": [{"x": 1}]}, style="brackets")
    with pytest.raises(ValueError, match="style must be"):
        flatten_params({}, style="php")  # type: ignore[arg-type]
    assert (
        encode_query({"queries": ["a b"], "x": {"y": "z"}}, style="brackets")
        == "queries%5B%5D=a+b&x%5By%5D=z"
    )
