"""Every decision of tests/data/conformance/authorization.jsonl, replayed through appwrite_dsl.authorization."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from appwrite_dsl.authorization import Membership, Principal, explain
from tests.conformance import record_id, records

RECORDS = records("authorization.jsonl")


def principal(data: dict[str, Any]) -> Principal:
    """A principal from a record's ``principal`` object."""
    kind = data["kind"]
    memberships = [
        Membership(m["id"], m["team"], roles=m["roles"], confirmed=m["confirmed"])
        for m in data.get("memberships", [])
    ]
    if kind == "guest":
        return Principal.guest()
    if kind == "user":
        return Principal.user(
            data["id"],
            email_verified=data["email_verified"],
            phone_verified=data["phone_verified"],
            labels=data["labels"],
            memberships=memberships,
        )
    if kind == "anonymous":
        return Principal.anonymous(data["id"], labels=data["labels"], memberships=memberships)
    if kind == "key":
        return Principal.key(data["scopes"])
    assert kind == "admin"
    return Principal.admin(data["role"])


def replay(record: dict[str, Any]) -> dict[str, Any]:
    """The decision for a record's input, in the record's ``server`` shape."""
    data = dict(record["input"])
    who = principal(data.pop("principal"))
    decision = explain(who, data.pop("action"), **data)
    result: dict[str, Any] = {
        "allowed": decision.allowed,
        "stage": decision.stage,
        "roles": list(decision.roles),
    }
    if decision.error is not None:
        result["error"], result["code"] = decision.error, decision.code
    if "visible" in record["server"]:
        result["visible"] = decision.visible
    if decision.realtime_roles is not None:
        result["realtime_roles"] = list(decision.realtime_roles)
    return result


def test_every_record_is_present() -> None:
    assert len(RECORDS) == 1498
    stages = Counter(record["server"]["stage"] for record in RECORDS)
    assert stages == {None: 684, "permission": 685, "scope": 71, "disabled": 31, "grant": 27}


@pytest.mark.parametrize("record", RECORDS, ids=[record_id(r) for r in RECORDS])
def test_decision_matches_the_server(record: dict[str, Any]) -> None:
    assert replay(record) == record["server"]
