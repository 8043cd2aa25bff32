"""The FastAPI dependency: all three client forms, Appwrite's error body, the OpenAPI parameter; through
FastAPI's test client and through a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
import urllib.error
import urllib.request
import warnings
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import pytest
from fastapi import FastAPI

from appwrite_dsl.fastapi import QueriesDepends, QueryRejected, install
from appwrite_dsl.params import read_queries
from appwrite_dsl.transport.params import encode_query
from appwrite_dsl.validate import Attribute, Policy, Schema, check

with warnings.catch_warnings():  # Starlette 1.x deprecates httpx in favour of httpx2 (not installed)
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

BOOKS = Schema([Attribute.string("title"), Attribute.integer("year", bits=32), Attribute.string("genre")])
POLICY = Policy(attributes=["title", "year", "genre"], max_limit=50)
EQUAL = '{"method":"equal","attribute":"genre","values":["sf"]}'
LIMIT = '{"method":"limit","values":[20]}'
ORDER = '{"method":"orderDesc","attribute":"year"}'


def make_app() -> FastAPI:
    app = FastAPI()
    install(app)

    @app.get("/books")
    def list_books(queries: list[str] = QueriesDepends(schema=BOOKS, policy=POLICY)) -> dict[str, Any]:
        return {"queries": queries}

    @app.get("/users")
    def list_users(queries: list[str] = QueriesDepends(endpoint="users")) -> dict[str, Any]:
        return {"queries": queries}

    @app.get("/plain")
    def plain(queries: list[str] = QueriesDepends(schema=BOOKS)) -> dict[str, Any]:
        return {"queries": queries}

    return app


APP = make_app()
BARE = FastAPI()  # without install(): FastAPI's own HTTPException answer


@BARE.get("/books")
def bare_books(queries: list[str] = QueriesDepends(schema=BOOKS)) -> dict[str, Any]:
    return {"queries": queries}


FORMS = [
    encode_query({"queries": [EQUAL, LIMIT, ORDER]}),
    encode_query({"queries": [EQUAL, LIMIT, ORDER]}, style="brackets"),
    "&".join(f"queries={quote(q)}" for q in (EQUAL, LIMIT, ORDER)),
    # mixed forms and orders, a gap and a replaced item
    f"queries[7]=x&queries[0]={quote(EQUAL)}&queries[]={quote(LIMIT)}&queries[7]={quote(ORDER)}",
]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(APP) as test_client:
        yield test_client


def test_every_form_gives_the_list(client: TestClient) -> None:
    answers = [client.get("/books?" + form).json() for form in FORMS[:3]]
    assert answers == [{"queries": [EQUAL, LIMIT, ORDER]}] * 3
    # [7] first, then [0], then [] at 8, then [7] replaced in place: the server iterates 7, 0, 8
    assert client.get("/books?" + FORMS[3]).json() == {"queries": [ORDER, EQUAL, LIMIT]}
    assert client.get("/books", params={"queries": [LIMIT, EQUAL]}).json() == {"queries": [LIMIT, EQUAL]}
    assert client.get("/books").json() == {"queries": []}


def test_canonical_strings_are_given(client: TestClient) -> None:
    loose = '{ "values" : [20], "method" : "limit" }'
    assert client.get("/books", params={"queries[0]": loose}).json() == {"queries": [LIMIT]}


def test_a_refused_list_is_a_400_in_appwrite_shape(client: TestClient) -> None:
    texts = [
        EQUAL,
        '{"method":"equal","attribute":"year","values":["1999"]}',
        '{"method":"limit","values":[500]}',
    ]
    answer = client.get("/books", params={f"queries[{i}]": t for i, t in enumerate(texts)})
    assert answer.status_code == 400
    body = answer.json()
    expected = check(texts, schema=BOOKS, policy=POLICY)
    assert body == {
        "message": 'Invalid query: Query value is invalid for attribute "year"',
        "code": 400,
        "type": "general_query_invalid",
        "errors": [
            {"index": e.index, "message": e.message, "position": e.position, "end": e.end, "kind": e.kind}
            for e in expected
        ],
    }
    assert [e["kind"] for e in body["errors"]] == ["server", "policy"]


def test_the_server_error_type_of_list_endpoints(client: TestClient) -> None:
    answer = client.get("/users", params={"queries[]": '{"method":"select","values":["name"]}'})
    assert answer.status_code == 400
    assert answer.json()["type"] == "general_argument_invalid"
    assert answer.json()["message"] == "Invalid `queries` param: Invalid query method: select"


def test_policy_only_error_and_nested_item(client: TestClient) -> None:
    answer = client.get("/books", params={"queries[]": '{"method":"equal","attribute":"$id","values":["a"]}'})
    assert answer.status_code == 400
    assert answer.json()["type"] == "general_query_invalid"
    assert answer.json()["errors"][0]["kind"] == "policy"
    nested = client.get("/books?queries[0][method]=limit")
    assert nested.status_code == 400
    assert nested.json()["errors"][0]["kind"] == "server"
    assert nested.json()["type"] == "general_argument_invalid"


def test_without_install_fastapi_wraps_the_body_in_detail() -> None:
    with TestClient(BARE) as bare:
        answer = bare.get("/books", params={"queries[]": "limit(5)"})
    assert answer.status_code == 400
    assert answer.json()["detail"]["message"] == "Invalid query: Syntax error"


def test_openapi_parameter(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    [parameter] = schema["paths"]["/books"]["get"]["parameters"]
    assert parameter["name"] == "queries"
    assert parameter["in"] == "query"
    assert parameter["required"] is False
    assert parameter["schema"]["type"] == "array"
    assert parameter["schema"]["maxItems"] == 100
    assert parameter["schema"]["items"]["format"] == "appwrite-query"
    assert parameter["schema"]["items"]["maxLength"] == 4096
    assert "queries[0]=" in parameter["description"]
    assert "queries[]=" in parameter["description"]
    [users] = schema["paths"]["/users"]["get"]["parameters"]
    assert "maxItems" not in users["schema"]


def test_rejection_carries_the_error() -> None:
    from appwrite_dsl.validate import QueryValidationError

    with pytest.raises(QueryValidationError) as caught:
        read_queries("queries[0][x]=1")
    rejected = QueryRejected(caught.value)
    assert rejected.status_code == 400
    assert rejected.error is caught.value
    assert rejected.body["errors"][0]["index"] == 0


# A real server: uvicorn on a socket of 127.0.0.1 bound here; it stops after the tests, or by itself
# after two minutes whatever happens.


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    import uvicorn

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(APP, log_level="warning", lifespan="off", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    deadline = threading.Timer(120, lambda: setattr(server, "should_exit", True))
    deadline.daemon = True
    thread.start()
    deadline.start()
    for _ in range(500):
        if server.started or not thread.is_alive():
            break
        threading.Event().wait(0.01)
    assert server.started
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        deadline.cancel()
        thread.join(10)
        sock.close()
        assert not thread.is_alive()


def _get(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.load(error)


def test_real_server_every_form(served: str) -> None:
    for form in FORMS[:2]:
        assert _get(f"{served}/books?{form}") == (200, {"queries": [EQUAL, LIMIT, ORDER]})
    assert _get(f"{served}/books?{FORMS[2]}") == (200, {"queries": [EQUAL, LIMIT, ORDER]})
    assert _get(f"{served}/books?{FORMS[3]}") == (200, {"queries": [ORDER, EQUAL, LIMIT]})
    mixed = "queries%5B1%5D=" + quote(LIMIT) + "&queries%5B0%5D=" + quote(EQUAL)
    assert _get(f"{served}/books?{mixed}") == (200, {"queries": [LIMIT, EQUAL]})


def test_real_server_refusal(served: str) -> None:
    status, body = _get(f"{served}/books?" + encode_query({"queries": ['{"method":"limit","values":[500]}']}))
    assert status == 400
    assert body["type"] == "general_query_invalid"
    assert body["code"] == 400
    assert body["message"] == "The policy allows a limit of at most 50, found 500"


def test_real_server_with_the_sdk_encoder_and_requests(served: str) -> None:
    import requests

    answer = requests.get(f"{served}/plain", params={"queries[]": [LIMIT, ORDER]}, timeout=10)
    assert answer.json() == {"queries": [LIMIT, ORDER]}
    answer = requests.get(f"{served}/plain", params={"queries": [ORDER]}, timeout=10)
    assert answer.json() == {"queries": [ORDER]}
