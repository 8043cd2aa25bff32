"""The table of query methods (appwrite_dsl._methods): complete for the SDK, consistent with itself."""

from __future__ import annotations

import re
from pathlib import Path

from appwrite.query import Query as SDKQuery

from appwrite_dsl import _methods
from appwrite_dsl._methods import LEGACY_FORMS, SERVER_METHODS, TABLE, version_number
from appwrite_dsl.query import Query


def _sdk_builders() -> set[str]:
    return {
        name
        for name, member in vars(SDKQuery).items()
        if isinstance(member, staticmethod) and not name.startswith("_") and name != "builder"
    }


def test_every_sdk_27_builder_is_in_the_table_once() -> None:
    named = [name for row in TABLE.values() for name in row.sdk if name != "page"]  # page: limit and offset
    assert len(named) == len(set(named))
    named.append("page")
    assert set(named) == _sdk_builders()


def test_every_builder_writes_the_method_its_row_names() -> None:
    arguments = {
        "page": (1,),
        "or_queries": ([Query.equal("a", 1), Query.equal("b", 2)],),
        "and_queries": ([Query.equal("a", 1), Query.equal("b", 2)],),
        "elem_match": ("a", [Query.equal("b", 1)]),
        "relationship": ("a", [Query.equal("b", 1)]),
        "having": ([Query.equal("a", 1)],),
        "order_random": (),
        "distinct": (),
        "on": ("a", "b"),
        "join": ("t", "a", "b"),
        "left_join": ("t", "a", "b"),
        "right_join": ("t", "a", "b"),
        "full_outer_join": ("t", "a", "b"),
        "cross_join": ("t",),
        "exists": (["a"],),
        "not_exists": (["a"],),
        "select": (["a"],),
        "group_by": (["a"],),
        "cursor_before": ("x",),
        "cursor_after": ("x",),
        "limit": (1,),
        "offset": (1,),
        "between": ("a", 1, 2),
        "not_between": ("a", 1, 2),
        "created_between": ("a", "b"),
        "updated_between": ("a", "b"),
        "created_before": ("a",),
        "created_after": ("a",),
        "updated_before": ("a",),
        "updated_after": ("a",),
        "distance_equal": ("a", [1, 2], 3),
        "distance_not_equal": ("a", [1, 2], 3),
        "distance_greater_than": ("a", [1, 2], 3),
        "distance_less_than": ("a", [1, 2], 3),
        "is_null": ("a",),
        "is_not_null": ("a",),
        "order_asc": ("a",),
        "order_desc": ("a",),
    }
    for row in TABLE.values():
        for name in row.sdk:
            built = getattr(Query, name)(*arguments.get(name, ("a", "x")))
            methods = {query.method for query in built} if isinstance(built, list) else {built.method}
            assert row.name in methods, (name, row.name, methods)


def test_the_dialects_agree_with_the_rows() -> None:
    assert len(SERVER_METHODS) == 48
    assert len(_methods.CLOUD_METHODS) == 86  # utopia-php/query 0.6.0's 87 names but raw
    assert _methods.CLOUD_METHODS >= SERVER_METHODS
    assert {"relationship"} == _methods.SDK_METHODS - _methods.CLOUD_METHODS
    for row in TABLE.values():
        assert row.nests == (row.values in ("queries", "join"))
        for dialect, written in row.dialects.items():
            if dialect == "cloud":  # one version; accepted "" where the API layer refuses the method
                assert written.since == _methods.CLOUD and written.accepted in (_methods.CLOUD, "")
                continue
            since, accepted = version_number(written.since), version_number(written.accepted)
            assert since is not None and accepted is not None and since <= accepted
        if "legacy" in row.dialects:
            assert row.dialects["legacy"].form in ("filter", "attribute", "between", "select", "page")
            assert "json" in row.dialects  # every legacy method lived on in the JSON syntax
    assert set(LEGACY_FORMS) == set(_methods.LEGACY_METHODS["1.4"])
    assert {m for m in LEGACY_FORMS if TABLE[m].dialects["legacy"].since == "1.3"} == {
        "isNull",
        "isNotNull",
        "between",
        "startsWith",
        "endsWith",
        "select",
    }


def test_versions_are_read_in_one_place() -> None:
    assert version_number("1.4") == (1, 4, 0)
    assert version_number("1.4.13") == (1, 4, 13)
    assert version_number("1.10") is None
    assert version_number(1.4) is None
    assert _methods.legacy_release("1.0.2").appwrite == "1.0.2-1.0.3"


def test_the_compatibility_page_lists_the_tables_methods() -> None:
    """docs/reference/compatibility.md's JSON table, row by row, is the table's ``json`` dialect."""
    page = (Path(__file__).resolve().parents[2] / "docs" / "reference" / "compatibility.md").read_text(
        "utf-8"
    )
    rows = {}
    for line in page.splitlines():
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        first = re.match(r"1\.[0-9]+\.[0-9]+", cells[0])
        if len(cells) == 3 and first and cells[1][:1].isdigit():  # Appwrite, database, methods added
            rows[first[0]] = set(cells[2].split(", "))
    since = {"1.5.0": "1.5", "1.8.0": "1.8.0", "1.8.1": "1.8.1", "1.9.0": "1.9.0"}
    assert set(rows) == set(since)
    for row, version in since.items():
        assert rows[row] == {m for m in SERVER_METHODS if TABLE[m].dialects["json"].since == version}, row
