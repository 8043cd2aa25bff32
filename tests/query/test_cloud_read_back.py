"""Every SDK 27.0.0 builder output but ``relationship`` reads back under the cloud dialect as written."""

from __future__ import annotations

import pytest
from appwrite.query import Query as SDKQuery
from hypothesis import given
from hypothesis import strategies as st

from appwrite_dsl import InvalidQuery
from appwrite_dsl.query import Query

from .test_builders import CALLS, Call

INT64 = range(-(2**63), 2**63)


def _int64_only(value: object) -> bool:
    """Whether every integer in a value (nested queries included) is an int64: PHP reads a wider one as a
    float, in every dialect, so such an output reads back as that float (as the server holds it)."""
    if isinstance(value, Query):
        return _int64_only(value.values or ())
    if isinstance(value, dict):
        return all(_int64_only(member) for member in value.values())
    if isinstance(value, tuple):
        return all(_int64_only(item) for item in value)
    return not isinstance(value, int) or isinstance(value, bool) or value in INT64


CLOUD = "cloud-2.5"
READ_BACK = sorted(set(CALLS) - {"relationship", "page"})


def _read_back(text: str, built: Query) -> None:
    read = Query.parse(text, server_version=CLOUD)
    assert str(read) == text
    assert (read.method, read.attribute, read.values) == (built.method, built.attribute, built.values)


@pytest.mark.parametrize("name", READ_BACK)
@given(data=st.data())
def test_every_builder_output_reads_back_as_written(name: str, data: st.DataObject) -> None:
    call = Call(name, data.draw(CALLS[name], label="args"))
    try:
        ours = call.run(Query)
    except InvalidQuery:
        return  # the SDK would write what the server refuses or misreads (tests/test_query_builders)
    sdk = call.run(SDKQuery)
    assert str(ours) == sdk
    if _int64_only(ours):
        _read_back(sdk, ours)
    else:  # read as the server holds it: the wide integer as a float, and that text is a fixed point
        read = Query.parse(sdk, server_version=CLOUD)
        assert (read.method, read.attribute) == (ours.method, ours.attribute)
        assert Query.parse(str(read), server_version=CLOUD) == read


@given(st.integers(1, 10**6), st.integers(1, 10**4))
def test_page_reads_back_as_written(page: int, per_page: int) -> None:
    for text, built in zip(SDKQuery.page(page, per_page), Query.page(page, per_page)):
        _read_back(text, built)


def test_relationship_is_refused_with_the_servers_message() -> None:
    text = SDKQuery.relationship("author", [SDKQuery.equal("name", "x")])
    with pytest.raises(InvalidQuery) as caught:
        Query.parse(text, server_version=CLOUD)
    assert caught.value.message == "Invalid query method: relationship"


@pytest.mark.parametrize(
    ("build", "text"),
    [
        (SDKQuery.count, '{"method":"count","attribute":"*"}'),
        (lambda: SDKQuery.sum("price", "total"), '{"method":"sum","attribute":"price","values":["total"]}'),
        (lambda: SDKQuery.join("t", []), '{"method":"join","attribute":"t","values":[]}'),
        (
            lambda: SDKQuery.join("orders", "o", [SDKQuery.on("users.id", "o.user_id")]),
            '{"method":"join","attribute":"orders","values":["o",{"method":"on","values":'
            '["users.id","=","o.user_id"]}]}',
        ),
        (lambda: SDKQuery.having([SDKQuery.greater_than("total", 5)]), None),
        (lambda: SDKQuery.regex("name", "^a"), '{"method":"regex","attribute":"name","values":["^a"]}'),
    ],
)
def test_examples(build: object, text: str | None) -> None:
    written = build()  # type: ignore[operator]
    if text is not None:
        assert written == text
    read = Query.parse(written, server_version=CLOUD)
    assert str(read) == written
