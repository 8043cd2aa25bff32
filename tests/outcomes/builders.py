"""Builder calls as data: ``{"on": "Query", "name": "equal", "args": [...], "kwargs": {...}}``.

Arguments are JSON with tags for what JSON cannot say: ``{"$tuple": [...]}``, ``{"$dict": [[key, value],
...]}`` (key order and non-str keys kept), ``{"$float": "nan"}``, ``{"$call": <call>}`` (the result of another
builder call, such as a nested query or a Role given to a Permission builder) and ``{"$parse": ["Query",
text]}`` (a value read with that class's ``parse``). :func:`outcome` replays a call and writes down its result
or its refusal.
"""

from __future__ import annotations

import math
from typing import Any

from appwrite_dsl import ID, Permission, Query, Role

from .encoding import Outcome, attempt, query, role

TARGETS: dict[str, Any] = {"Query": Query, "Role": Role, "Permission": Permission, "ID": ID}


class Unencodable(Exception):
    """An argument that the tags cannot write (the call is not recorded)."""


def decode(data: Any) -> Any:
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    ((tag, body),) = data.items()
    if tag == "$tuple":
        return tuple(decode(item) for item in body)
    if tag == "$dict":
        return {decode(key): decode(item) for key, item in body}
    if tag == "$float":
        return float(body)
    if tag == "$call":
        return run(body)
    if tag == "$parse":
        return TARGETS[body[0]].parse(body[1])
    raise ValueError(f"unknown tag {tag!r}")


def run(call: dict[str, Any]) -> Any:
    """Make the call (a nested call that raises makes the whole call raise)."""
    args = [decode(arg) for arg in call["args"]]
    kwargs = {key: decode(item) for key, item in call.get("kwargs", {}).items()}
    return getattr(TARGETS[call["on"]], call["name"])(*args, **kwargs)


def show(result: Any) -> Any:
    if isinstance(result, Query):
        return query(result)
    if isinstance(result, list):
        return [show(item) for item in result]
    if isinstance(result, Role):
        return role(result)
    if isinstance(result, Permission):
        return [str(result), result.action, show(result.role)]
    assert isinstance(result, str), type(result)
    return result


def outcome(call: dict[str, Any]) -> Outcome:
    return attempt(show, None, lambda: run(call))


def encode(item: Any, made: dict[int, dict[str, Any]]) -> Any:
    """An argument as data; ``made`` maps the ids of recorded results to their calls."""
    kind = type(item)
    if kind is int and item.bit_length() > 10_000:  # beyond what str() of an int may write
        raise Unencodable("int")
    if item is None or kind in (bool, int, str):
        return item
    if kind is float:
        return item if math.isfinite(item) else {"$float": repr(item)}
    if kind is list:
        return [encode(x, made) for x in item]
    if kind is tuple:
        return {"$tuple": [encode(x, made) for x in item]}
    if kind is dict:
        return {"$dict": [[encode(k, made), encode(v, made)] for k, v in item.items()]}
    if kind in (Query, Role, Permission):
        call = made.get(id(item))
        return {"$call": call} if call is not None else {"$parse": [kind.__name__, str(item)]}
    raise Unencodable(kind.__name__)
