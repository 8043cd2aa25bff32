"""Fuzz the query readers: Query.parse in the JSON and legacy syntaxes, from str and from bytes.

Only InvalidQuery may escape, with a well-formed span and rendering; "auto" picks the syntax by the first
character; JSON -> str -> JSON keeps the tree and the text; a tree the legacy writer accepts reads back
from the legacy syntax to the same tree and the same legacy text; UTF-8 bytes read as the str does.

    python fuzz/fuzz_query.py [libFuzzer options] [corpus dir]   (or: python fuzz/run.py query)
"""

from __future__ import annotations

import _common
from _common import attempt, expect

from appwrite_dsl import InvalidQuery
from appwrite_dsl.query import Query

CORPORA = ("query-json", "query-legacy")  # tests/data files (skipped while not written)
DICTIONARIES = ("queries",)
EXAMPLES = (
    '{"method":"equal","attribute":"title","values":["Iron Man"]}',
    '{"values":[25],"method":"limit"}',
    '{"method":"or","values":[{"method":"isNull","attribute":"b"},{"method":"equal","attribute":"a","values":[1]}]}',
    '{"method":"between","attribute":"n","values":[1,2.5]}',
    '{"method":"select","values":["a","b"]}',
    '{"method":"equal","attribute":"a","values":[null,true,"x\\"y","\\u00e9"]}',
    '{"method":"elemMatch","attribute":"tags","values":[{"method":"equal","attribute":"k","values":["v"]}]}',
    'equal("title", ["Iron Man","Ant Man"])',
    'equal("a", "x")',
    "limit(25)",
    'between("n", 1, 2.5)',
    'select(["a","b"])',
    'isNull("b")',
    'search("body", "a\\"b")',
    # Refused, or read differently by the server.
    '{"method":"equal","attribute":"a","values":{"0":"x"}}',
    '{"method":"limit","values":[1e400]}',
    '{"method":"Equal"}',
    "equal(title)",
    'equal("a", [1,])',
    "",
    "{",
)

_ROUND_TRIP = ("json", "legacy")


def _laws(query: Query) -> None:
    text = str(query)
    again = Query.parse(text, "json")
    expect(again == query and str(again) == text, "JSON -> str -> JSON keeps the tree", again, query)
    expect(Query.parse(text) == query, "auto reads JSON text as JSON", text)
    legacy = attempt(query.to_legacy, None, InvalidQuery)
    if legacy is None:
        return
    back = Query.parse(legacy, "legacy")
    expect(back == query, "legacy -> tree -> legacy keeps the tree", legacy, back)
    expect(back.to_legacy() == legacy, "legacy -> tree -> legacy keeps the text", legacy, back.to_legacy())


def check(text: str) -> None:
    read = {
        syntax: attempt(lambda s=syntax: Query.parse(text, s), text, InvalidQuery) for syntax in _ROUND_TRIP
    }
    auto = attempt(lambda: Query.parse(text), text, InvalidQuery)
    picked = read["json"] if text.lstrip(" \t\n\r")[:1] in ("{", "[") else read["legacy"]
    expect(auto == picked, "auto is the syntax of the first character after JSON whitespace", auto, picked)
    for query in read.values():
        if query is not None:
            _laws(query)
    data = text.encode("utf-8", "surrogatepass")
    from_bytes = attempt(lambda: Query.parse(data), None, InvalidQuery)
    if data.decode("utf-8", "replace") == text:  # valid UTF-8: the bytes mean the text
        expect(from_bytes == auto, "UTF-8 bytes read as the str", from_bytes, auto)


if __name__ == "__main__":
    _common.fuzz(check)
