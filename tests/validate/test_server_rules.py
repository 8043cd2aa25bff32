"""Generated cases around every rule the server conformance vectors were recorded for. Each test states the
rule as the server's code writes it (utopia-php/database 7.2.6: ``Validator/Query/Filter.php``,
``Validator/Query/Select.php``, ``Validator/IndexedQueries.php``, ``Validator/Datetime.php``,
``Validator/BigInt.php``, ``Validator/Sequence.php``, ``Database.php``), computes the expected answer from
that statement alone (with the standard library's ``datetime`` for dates), and compares ``check``'s."""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from appwrite_dsl.validate import Attribute, Deployment, QueryError, Schema, check

EXAMPLES = settings(max_examples=300, deadline=None)
PREFIX = "Invalid query: "

SCHEMA = Schema(
    [
        Attribute.string("title"),
        Attribute.string("body"),
        Attribute.integer("i32", bits=32),
        Attribute.integer("u32", bits=32, signed=False),
        Attribute.integer("u64", bits=64, signed=False),
        Attribute.bigint("big"),
        Attribute.bigint("ubig", signed=False),
        Attribute.float("price"),
        Attribute.datetime("born"),
        Attribute.object("o"),
        Attribute.vector("v", 3),
        Attribute.string("enc", encrypted=True),
        Attribute.relationship("author", "manyToOne", side="parent"),
        Attribute.relationship("posts", "oneToMany", side="child"),
    ],
    fulltext=["title"],
)
ADAPTERS = ("mariadb", "mysql", "postgres", "mongodb")


def text(method: str, attribute: str | None = None, values: Any = None) -> str:
    query: dict[str, Any] = {"method": method}
    if attribute is not None:
        query["attribute"] = attribute
    if values is not None:
        query["values"] = values
    return json.dumps(query, separators=(",", ":"))


def refusal(queries: list[str], **options: Any) -> tuple[str, str | None] | None:
    """The server's answer as check gives it: (message, stage) of the first refusal, or None."""
    found: list[QueryError] = check(queries, schema=options.pop("schema", SCHEMA), **options)
    server = [error for error in found if error.kind == "server"]
    return (server[0].message, server[0].stage) if server else None


def invalid_value(attribute: str) -> tuple[str, str]:
    return (f'{PREFIX}Query value is invalid for attribute "{attribute}"', "validator")


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**63), 2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=5),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from("abc"), inner, min_size=1, max_size=2)
    ),
    max_leaves=5,
)


# The index rules of IndexedQueries: no "Invalid query: " prefix; a value error anywhere wins over them.


@EXAMPLES
@given(
    st.lists(
        st.sampled_from(["search-title", "search-body", "vector", "equal", "bad"]), min_size=1, max_size=5
    )
)
def test_the_index_rules(kinds: list[str]) -> None:
    queries = [
        {
            "search-title": text("search", "title", ["x"]),
            "search-body": text("notSearch", "body", ["x"]),
            "vector": text("vectorDot", "v", [[1, 2, 3]]),
            "equal": text("equal", "title", ["x"]),
            "bad": text("equal", "i32", ["1"]),
        }[kind]
        for kind in kinds
    ]
    if "bad" in kinds:
        expected: tuple[str, str] | None = invalid_value("i32")
    elif kinds.count("vector") > 1:
        expected = ("Cannot use multiple vector queries in a single request", "validator")
    elif "search-body" in kinds:
        expected = ('Searching by attribute "body" requires a fulltext index.', "validator")
    else:
        expected = None
    assert refusal(queries) == expected


# exists / notExists: Filter returns right after the attribute check; only convertQueries reads the values
# of a datetime attribute.


@EXAMPLES
@given(
    st.sampled_from(["exists", "notExists"]),
    st.sampled_from(
        ["title", "i32", "big", "price", "o", "v", "author", "author.name", "o.x", "enc.x", "nope"]
    ),
    st.lists(json_values, min_size=1, max_size=4),
)
def test_exists_values_are_not_checked(method: str, attribute: str, values: list[Any]) -> None:
    head = attribute.partition(".")[0]
    if isinstance(values[0], (list, dict)) and not values[0]:  # the count rule comes first
        expected: tuple[str, str] | None = (
            f"{PREFIX}{method[0].upper()}{method[1:]} queries require at least one value.",
            "validator",
        )
    elif head == "enc":
        expected = (f"{PREFIX}Cannot query encrypted attribute: enc", "validator")
    elif head == "nope":
        expected = (f"{PREFIX}Attribute not found in schema: nope", "validator")
    else:
        expected = None
    assert refusal([text(method, attribute, values)]) == expected


# Datetime: PHP's reader, the year run, and the adapter's range, after the zone offset.

_MIN = {
    "mariadb": datetime.datetime(1000, 1, 1, tzinfo=datetime.timezone.utc),
    "mysql": datetime.datetime(1000, 1, 1, tzinfo=datetime.timezone.utc),
    "postgres": None,  # -4713: before anything datetime can hold
    "mongodb": None,
}
_MAX = datetime.datetime(9999, 12, 31, 23, 59, 59, tzinfo=datetime.timezone.utc)


@EXAMPLES
@given(
    st.sampled_from(ADAPTERS),
    st.datetimes(min_value=datetime.datetime(1, 1, 2), max_value=datetime.datetime(9999, 12, 30)),
    st.sampled_from(["T", " ", "t"]),
    st.sampled_from(["", "Z", "+01:00", "-01:00", "+0530", "-14:00"]),
    st.sampled_from(["", ".5", ".123456", ".123456789", ",5"]),
)
def test_datetime_values(
    adapter: str, moment: datetime.datetime, separator: str, zone: str, fraction: str
) -> None:
    value = f"{moment.year:04d}-{moment:%m-%d}{separator}{moment:%H:%M:%S}{fraction}{zone}"
    queries = [text("equal", "born", [value])]
    if fraction == ",5":  # PHP's reader does not take a comma before the fraction
        expected: tuple[str, str] | None = invalid_value("born")
    else:
        offset = {"": 0, "Z": 0, "+01:00": 60, "-01:00": -60, "+0530": 330, "-14:00": -840}[zone]
        micro = int((fraction[1:] + "000000")[:6]) if fraction else 0
        instant = moment.replace(microsecond=micro, tzinfo=datetime.timezone.utc) - datetime.timedelta(
            minutes=offset
        )
        low = _MIN[adapter]
        inside = (low is None or instant >= low) and instant <= _MAX and (low is None or moment.year >= 1000)
        expected = None if inside else invalid_value("born")
    assert refusal(queries, deployment=Deployment(adapter)) == expected


def _month_days(year: int, month: int) -> int:
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]


def _normalised(year: int, month: int, day: int) -> tuple[int, int, int]:
    """PHP's rolling: month 0 is the December before, day 0 the last day of the month before, a day past the
    month's end runs into the next."""
    if month == 0:
        year, month = year - 1, 12
    if day == 0:
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        day = _month_days(year, month)
    if day > _month_days(year, month):
        day -= _month_days(year, month)
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return year, month, day


@EXAMPLES
@given(st.sampled_from(ADAPTERS), st.integers(-9999, 12000), st.integers(0, 12), st.integers(0, 31))
def test_datetime_years_and_rolling_dates(adapter: str, year: int, month: int, day: int) -> None:
    value = f"{'-' if year < 0 else ''}{abs(year):04d}-{month:02d}-{day:02d}"
    min_year = {"mariadb": 1000, "mysql": 1000, "postgres": -4713, "mongodb": -9999}[adapter]
    run = re.search(r"(?<![0-9])([0-9]{4})(?![0-9])", value)
    ok = (
        abs(year) <= 9999
        and run is not None
        and min_year <= int(run.group(1)) <= 9999
        and (min_year, 1, 1) <= _normalised(year, month, day) <= (9999, 12, 31)
    )
    expected = None if ok else invalid_value("born")
    assert refusal([text("equal", "born", [value])], deployment=Deployment(adapter)) == expected


@EXAMPLES
@given(st.sampled_from(["born", "garbage", "doc1", "name", "$createdAt", "2024-13-45", "1", "x", "now", ""]))
def test_exists_on_a_datetime_is_reread(value: str) -> None:
    messages = {
        "born": "at position 0 (b): The timezone could not be found in the database",
        "garbage": "at position 0 (g): The timezone could not be found in the database",
        "doc1": "at position 0 (d): The timezone could not be found in the database",
        "name": "at position 0 (n): The timezone could not be found in the database",
        "$createdAt": "at position 0 ($): Unexpected character",
        "2024-13-45": "at position 6 (3): Unexpected character",
        "1": "at position 0 (1): Unexpected character",
    }
    expected = (
        (f"Failed to parse time string ({value}) {messages[value]}", "convert") if value in messages else None
    )
    assert refusal([text("exists", "born", [value])]) == expected
    assert (
        refusal(
            [
                text(
                    "or",
                    None,
                    [json.loads(text("exists", "born", [value])), json.loads(text("isNull", "title"))],
                )
            ]
        )
        == expected
    )


# Selections: the Select validator, then Database::validateSelections.

_NAMES = ["title", "author", "posts", "$tenant", "$id", "*", "nope", "author.name", "nope.x", ".x", "title"]


@EXAMPLES
@given(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=4), st.booleans(), st.sampled_from(ADAPTERS))
def test_selections(names: list[str], shared: bool, adapter: str) -> None:
    query = text("select", None, names)
    unknown = [name.partition(".")[0] for name in names if name.partition(".")[0] in ("nope", "")]
    if len(set(names)) != len(names):
        expected: tuple[str, str] | None = (f"{PREFIX}Duplicate attributes selected", "validator")
    elif unknown:
        expected = (f"{PREFIX}Attribute not found in schema: {unknown[0]}", "validator")
    else:
        refused = [
            n for n in names if "." not in n and (n in ("author", "posts") or (n == "$tenant" and not shared))
        ]
        refused += ["*"] if refused and "*" in names else []
        expected = (
            None
            if not refused or "*" in names
            else ("Cannot select attributes: " + ", ".join(refused), "find")
        )
    assert refusal([query], deployment=Deployment(adapter, shared)) == expected


@EXAMPLES
@given(
    st.lists(st.text(max_size=3), max_size=2), json_values.filter(lambda value: not isinstance(value, str))
)
def test_select_type_names(before: list[str], wrong: Any) -> None:
    names = {type(None): "null", bool: "bool", int: "int", float: "float", list: "array", dict: "array"}
    query = text("select", None, [*before, wrong, "title"])
    expected = (f"{PREFIX}Attribute selection must be a string, got {names[type(wrong)]}", "validator")
    assert refusal([query]) == expected


# {} (the empty array), objects as values, 1e400 (INF): the server's reading, not appwrite_dsl's.


@EXAMPLES
@given(st.sampled_from(["equal", "contains", "notContains", "containsAny", "crosses", "intersects"]))
def test_an_empty_object_is_an_empty_array(method: str) -> None:
    attribute = "title" if method[0] in "ec" and method != "crosses" else "o"
    expected = (f"{PREFIX}{method[0].upper()}{method[1:]} queries require at least one value.", "validator")
    assert refusal([text(method, attribute, [{}])]) == expected
    assert refusal([f'{{"method":"{method}","attribute":"{attribute}","values":{{}}}}']) == expected


@EXAMPLES
@given(st.sampled_from(["limit", "offset"]), st.sampled_from(["1e400", "-1e400"]))
def test_infinity_is_out_of_range(method: str, number: str) -> None:
    low = 1 if method == "limit" else 0
    expected = (
        f"{PREFIX}Invalid {method}: Value must be a valid range between {low} and 9,223,372,036,854,775,808",
        "validator",
    )
    assert refusal([f'{{"method":"{method}","values":[{number}]}}']) == expected
    assert refusal([f'{{"method":"equal","attribute":"price","values":[{number}]}}']) is None
    assert refusal([f'{{"method":"equal","attribute":"i32","values":[{number}]}}']) == invalid_value("i32")


@EXAMPLES
@given(st.dictionaries(st.sampled_from(["0", "1", "k", "-1"]), st.text(max_size=3), min_size=1, max_size=3))
def test_values_given_as_an_object(members: dict[str, str]) -> None:
    # PHP reads the members' values; $values[0] is the member named "0".
    query = json.dumps({"method": "equal", "attribute": "title", "values": members})
    assert refusal([query]) is None
    numbers = dict.fromkeys(members, 5)
    limit = refusal([json.dumps({"method": "limit", "values": numbers})])
    assert limit == (
        None if "0" in members else (f"{PREFIX}Invalid limit: Value must be a valid number", "validator")
    )


# Paths below an object attribute hold text; a vector path reads as the vector.


@EXAMPLES
@given(st.sampled_from(["o.x", "o.a.b"]), st.lists(json_values, min_size=1, max_size=3))
def test_object_paths_hold_text(attribute: str, values: list[Any]) -> None:
    fits = all(isinstance(value, str) for value in values)
    expected = None if fits else invalid_value("o")
    if isinstance(values[0], (list, dict)) and not values[0]:  # the count rule comes first
        expected = (f"{PREFIX}Equal queries require at least one value.", "validator")
    assert refusal([text("equal", attribute, values)]) == expected


@EXAMPLES
@given(st.lists(st.integers(-5, 5), min_size=1, max_size=5))
def test_vector_paths(vector: list[int]) -> None:
    expected = None if len(vector) == 3 else (f"{PREFIX}Vector query value must have 3 elements", "validator")
    assert refusal([text("vectorDot", "v.x", [vector])]) == expected


# Integers: 32-bit unsigned ranges, 64-bit validated as signed, bigint as ints or digit strings.


@EXAMPLES
@given(st.integers(-(2**63), 2**63 - 1))
def test_integer_ranges(number: int) -> None:
    assert refusal([text("equal", "i32", [number])]) == (
        None if -(2**31) <= number < 2**31 else invalid_value("i32")
    )
    assert refusal([text("equal", "u32", [number])]) == (
        None if 0 <= number < 2**32 else invalid_value("u32")
    )
    assert refusal([text("equal", "u64", [number])]) is None


@EXAMPLES
@given(
    st.sampled_from(ADAPTERS),
    st.sampled_from(["", "-", "+", " ", "0"]),
    st.integers(0, 2**65),
    st.sampled_from(["", "\n", " ", "\n\n", ".0"]),
)
def test_bigint_strings(adapter: str, lead: str, number: int, tail: str) -> None:
    value = lead + str(number) + tail
    digits = re.fullmatch(r"(-?)([0-9]+)\n?", value)
    unsigned_max = 2**64 - 1 if adapter in ("mariadb", "mysql") else 2**63 - 1
    signed_ok = digits is not None and (int(digits[2]) <= 2**63 if digits[1] else int(digits[2]) < 2**63)
    unsigned_ok = digits is not None and not digits[1] and int(digits[2]) <= unsigned_max
    deployment = Deployment(adapter)
    assert refusal([text("equal", "big", [value])], deployment=deployment) == (
        None if signed_ok else invalid_value("big")
    )
    assert refusal([text("equal", "ubig", [value])], deployment=deployment) == (
        None if unsigned_ok else invalid_value("ubig")
    )


@EXAMPLES
@given(
    st.sampled_from(["", " ", "+", "-", "0", "\t"]),
    st.integers(0, 2**64),
    st.sampled_from(["", " ", "\n", ".0", "e3", "x"]),
)
def test_sequence_values(lead: str, number: int, tail: str) -> None:
    value = lead + str(number) + tail
    # Range(1, PHP_INT_MAX, integer) after PHP's numeric test (whitespace around, a sign); "0" is empty.
    numeric = re.fullmatch(r"[ \t\n\r\v\f]*[+-]?[0-9]+[ \t\n\r\v\f]*", value)
    ok = value != "0" and numeric is not None and 1 <= int(value.strip()) <= 2**63 - 1
    assert refusal([text("equal", "$sequence", [value])]) == (None if ok else invalid_value("$sequence"))
    uuid = "0190e3b4-8d2c-7c4e-9a1b-123456789abc"
    mongo = Deployment("mongodb")
    assert refusal([text("equal", "$sequence", [value])], deployment=mongo) == invalid_value("$sequence")
    assert refusal([text("equal", "$sequence", [uuid])], deployment=mongo) is None


@EXAMPLES
@given(st.sampled_from(ADAPTERS), st.integers(1, 300))
def test_cursor_lengths(adapter: str, length: int) -> None:
    first = text("cursorAfter", None, ["a" * length])
    later = [text("cursorAfter", None, ["doc"]), text("cursorBefore", None, ["a" * length])]
    uid = "UID must contain at most {} chars. Valid chars are a-z, A-Z, 0-9, and underscore. Can't start with a leading underscore"
    deployment = Deployment(adapter)
    assert refusal([first], deployment=deployment) == (
        None if length <= 36 else ("Invalid cursor: " + uid.format(36), "cursor")
    )
    most = 255 if adapter == "mongodb" else 36
    assert refusal(later, deployment=deployment) == (
        None if length <= most else (f"{PREFIX}Invalid cursor: " + uid.format(most), "validator")
    )


@EXAMPLES
@given(st.lists(json_values | st.text(max_size=3), min_size=1, max_size=4))
def test_the_parameter_check(items: list[Any]) -> None:
    expected = None
    if any(not isinstance(item, str) or not item for item in items):
        expected = (
            "Invalid `queries` param: Value must a valid array no longer than 100 items and Value must be a "
            "valid string and at least 1 chars and no longer than 4096 chars",
            "param",
        )
    found = refusal(items)
    if expected is not None:
        assert found == expected
    else:
        assert found is None or found[1] != "param"
