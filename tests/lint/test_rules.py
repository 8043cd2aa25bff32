"""Each lint rule: a file that triggers it (code, pointer, message, position) and one that does not."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from appwrite_dsl import ParseError, Permission, Role, server
from appwrite_dsl.lint._verdicts import permission_verdict, role_verdict
from appwrite_dsl.lint.rules import (
    RULES,
    Finding,
    Options,
    check_bytes,
    check_text,
    rule,
)
from appwrite_dsl.strategies import permission_strings, role_strings

TEAMS = [{"$id": "editors", "name": "Editors"}]
DATABASES = [{"$id": "main", "name": "Main", "enabled": True}]


def project(**entities: Any) -> dict[str, Any]:
    """A minimal clean project with ``entities`` added (collections default to database "main")."""
    data: dict[str, Any] = {"projectId": "my-project", "databases": DATABASES, "teams": TEAMS}
    data.update(entities)
    return data


def collection(grants: Any = ..., **extra: Any) -> dict[str, Any]:
    entity: dict[str, Any] = {"$id": "posts", "databaseId": "main", "name": "Posts"}
    if grants is not ...:
        entity["$permissions"] = grants
    entity.setdefault("documentSecurity", False)
    entity.update(extra)
    return entity


def lint(data: Any, options: Options | None = None) -> list[Finding]:
    text = data if isinstance(data, str) else json.dumps(data, indent=4)
    return check_text(text, "appwrite.config.json", options)


def line(data: Any, needle: str) -> int:
    """The line of the first occurrence of the JSON string ``needle`` in the file ``data`` is written as."""
    text = json.dumps(data, indent=4)
    return text[: text.index(json.dumps(needle))].count("\n") + 1


def found(data: Any, options: Options | None = None) -> list[tuple[str, str]]:
    return [(finding.code, finding.pointer) for finding in lint(data, options)]


def only(data: Any, code: str) -> Finding:
    """The one finding with ``code``."""
    [finding] = [finding for finding in lint(data) if finding.code == code]
    return finding


def perms(*strings: Any) -> dict[str, Any]:
    return project(collections=[collection(list(strings))])


def test_the_clean_project_is_clean() -> None:
    assert lint(perms('read("any")', 'create("users")', 'update("team:editors/owner")')) == []


def test_registry_is_complete_and_ordered() -> None:
    codes = [entry.code for entry in RULES]
    assert codes == sorted(codes)
    assert len(set(codes)) == len(codes)
    assert len({entry.name for entry in RULES}) == len(RULES)
    assert rule("AW301").name == "public-write"
    for entry in RULES:
        assert entry.severity in ("error", "warning", "info")
        assert entry.summary.endswith(".")


# AW0xx


def test_aw001_json_syntax() -> None:
    [finding] = lint('{\n    "projectId": "p",\n    "teams": [\n}')
    assert (finding.code, finding.line, finding.column, finding.pointer) == ("AW001", 4, 1, "")
    assert (
        finding.message == "Expected a value (object, array, string, number, true, false or null), found '}'"
    )
    assert finding.source == "}"
    assert found('{"projectId": "p"}') == []


def test_deep_nesting_in_a_project_file_is_a_finding() -> None:
    for text in ("[" * 100_000, '{"a":' * 100_000, "[" * 100_000 + "]" * 100_000):
        findings = check_bytes(text.encode(), "appwrite.config.json")
        assert [finding.code for finding in findings][:1] == ["AW001"]


def test_aw002_invalid_utf8_is_reported_and_read_like_the_cli() -> None:
    data = b'{\n  "projectId": "caf\xe9",\n  "projectName": "\xff\xfe ok \xef\xbf\xbd"\n}'
    findings = check_bytes(data, "appwrite.json")
    assert [(f.code, f.line, f.column) for f in findings] == [("AW106", 2, 16), ("AW002", 2, 20)]
    assert findings[1].message == (
        "Expected UTF-8, found the bytes E9 (3 invalid sequences in the file); the Appwrite CLI reads each "
        "invalid sequence as U+FFFD and writes that back"
    )
    assert check_bytes('{"projectName": "\ufffd é"}'.encode(), "a.json") == []


def test_aw003_byte_order_mark_then_the_rest_is_still_checked() -> None:
    findings = check_bytes(b'\xef\xbb\xbf{"projectId": "Bad"}', "appwrite.json")
    assert [(f.code, f.line, f.column) for f in findings] == [("AW003", 1, 1), ("AW106", 1, 16)]
    assert check_bytes(b'\xef\xbb\xbf{"', "appwrite.json")[0].code == "AW003"
    assert [f.code for f in check_bytes(b'\xef\xbb\xbf{"', "appwrite.json")] == ["AW003", "AW001"]


def test_aw004_refused_key() -> None:
    data = project(functions=[{"$id": "f", "execute": [], "myconstructorX": 1}])
    finding = only(data, "AW004")
    assert finding.pointer == "/functions/0/myconstructorX"
    assert finding.message == (
        'The Appwrite CLI refuses a key containing "constructor" (json-bigint): it reads the whole file as an '
        "empty configuration"
    )
    assert "AW004" not in {code for code, _ in found(project(functions=[{"$id": "f", "construct": 1}]))}


def test_aw005_duplicate_key_points_at_the_later_one() -> None:
    text = '{\n  "projectId": "p",\n  "teams": [],\n  "projectId": "q"\n}'
    [finding] = lint(text)
    assert (finding.code, finding.line, finding.column, finding.pointer) == ("AW005", 4, 3, "/projectId")
    assert finding.message == 'The key "projectId" is already in this object (line 2); only this value counts'
    assert found('{"projectId": "p", "teams": []}') == []


@pytest.mark.parametrize(
    ("data", "pointer", "message"),
    [
        ([], "", "Expected an object at the top of the project file, found an array"),
        (
            {"collections": {}},
            "/collections",
            "Expected an array of collections for collections, found an object",
        ),
        ({"buckets": ["b"]}, "/buckets/0", "Expected an object for a bucket, found a string"),
        ({"teams": [{"name": "x"}]}, "/teams/0", 'Expected a "$id" member in this team'),
        ({"teams": [{"$id": 7}]}, "/teams/0/$id", "Expected a string for $id, found a number"),
        (
            {"databases": DATABASES, "tables": [{"$id": "t"}]},
            "/tables/0",
            'Expected a "databaseId" member in this table',
        ),
        ({"projectId": None}, "/projectId", "Expected a string for projectId, found null"),
        (
            {"buckets": [{"$id": "b", "$permissions": ['read("any")'], "fileSecurity": "yes"}]},
            "/buckets/0/fileSecurity",
            "Expected true or false for fileSecurity, found a string",
        ),
    ],
)
def test_aw006_invalid_structure(data: Any, pointer: str, message: str) -> None:
    finding = only(data, "AW006")
    assert (finding.pointer, finding.message) == (pointer, message)


def test_aw006_not_for_absent_or_null_arrays() -> None:
    assert found({"collections": None, "projectId": "p"}) == []


# AW1xx


def test_aw101_every_invalid_permission_with_the_servers_message() -> None:
    findings = [
        f for f in lint(perms('read("anyx")', 'read("any")', 5, 'reader("any")')) if f.code == "AW101"
    ]
    assert [(f.pointer, f.message) for f in findings] == [
        (
            "/collections/0/$permissions/0",
            'Role "anyx" is not allowed. Must be one of: any, guests, users, user, team, member, label.',
        ),
        ("/collections/0/$permissions/2", "Every permission must be of type string."),
        ("/collections/0/$permissions/3", 'Invalid permission type: "reader".'),
    ]
    assert "AW101" not in {code for code, _ in found(perms('read("user:abc")'))}


def test_aw101_finding_is_located_at_the_string() -> None:
    data = perms('read("anyx")')
    finding = only(data, "AW101")
    row = line(data, 'read("anyx")')
    assert (finding.line, finding.column, finding.end_line, finding.end_column) == (row, 17, row, 33)
    assert finding.source == '                "read(\\"anyx\\")"'


def test_aw102_invalid_role() -> None:
    data = project(functions=[{"$id": "f", "execute": ["users/Verified", "users"]}])
    finding = only(data, "AW102")
    assert (finding.pointer, finding.message) == (
        "/functions/0/execute/0",
        'Role "users" dimension value is invalid. Must be one of: verified, unverified.',
    )
    assert found(project(functions=[{"$id": "f", "execute": ["users"]}])) == []


@pytest.mark.parametrize(
    ("data", "pointer", "message"),
    [
        (perms(), "", ""),
        (
            project(collections=[collection("read")]),
            "/collections/0/$permissions",
            "Permissions must be an array of strings.",
        ),
        (
            project(collections=[collection([f'read("user:u{n}")' for n in range(101)])]),
            "/collections/0/$permissions",
            "You can only provide up to 100 permissions.",
        ),
        (
            project(topics=[{"$id": "t", "subscribe": {"a": 1}}]),
            "/topics/0/subscribe",
            "Roles must be an array of strings.",
        ),
    ],
)
def test_aw103_invalid_list(data: Any, pointer: str, message: str) -> None:
    findings = [f for f in lint(data) if f.code == "AW103"]
    assert [(f.pointer, f.message) for f in findings] == ([(pointer, message)] if message else [])


def test_aw103_not_at_exactly_100() -> None:
    data = project(collections=[collection([f'read("user:u{n}")' for n in range(100)])])
    assert "AW103" not in {code for code, _ in found(data)}


def test_aw104_legacy_strings() -> None:
    data = project(
        collections=[collection(["*", 'read("role:all")', 'write("*")', 'read("any")'])],
        functions=[{"$id": "f", "execute": ["role:member", "*"]}],
    )
    findings = [(f.pointer, f.message) for f in lint(data) if f.code == "AW104"]
    assert findings == [
        ("/collections/0/$permissions/0", 'Wildcard permission "*" has been replaced. Use "any" instead.'),
        (
            "/collections/0/$permissions/1",
            'Permissions using the "role:" prefix have been replaced. Use "users", "guests", or "any" instead.',
        ),
        (
            "/collections/0/$permissions/2",
            'Role "*" is not allowed. Must be one of: any, guests, users, user, team, member, label.',
        ),
        (
            "/functions/0/execute/0",
            'Roles using the "role:" prefix have been removed. Use "users", "guests", or "any" instead.',
        ),
        ("/functions/0/execute/1", 'Wildcard role "*" has been replaced. Use "any" instead.'),
    ]
    assert "AW101" not in {code for code, _ in found(data)}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        # The server's messages for these quote the text, and it contains "Wildcard": not a legacy string.
        ("Wildcard", "AW102"),
        ('Role "*" x', "AW102"),
        ("*/x", "AW102"),
        ("role", "AW102"),
        # Every role with "role:" in it is refused by the server's legacy rule, wherever it stands.
        ("role:all", "AW104"),
        ("xrole:y", "AW104"),
        ("team:t/role:x", "AW104"),
        ("*", "AW104"),
    ],
)
def test_role_verdict_tells_legacy_strings_by_the_rule_not_the_message(text: str, code: str) -> None:
    refusal = server.roles_error([text])
    assert refusal is not None
    assert role_verdict(text)[:2] == (code, refusal.message)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Wildcard", "AW101"),
        ('read("Wildcard")', "AW101"),
        ('read("a")("Wildcard")', "AW101"),
        ('read("users/Wildcard")', "AW101"),
        ('read("role")', "AW101"),
        ('read("role:all")', "AW104"),
        ('read("user:role:x")', "AW104"),
        ("*", "AW104"),
        ('read("*")', "AW104"),
        ('write("*:x")', "AW104"),
    ],
)
def test_permission_verdict_tells_legacy_strings_by_the_rule_not_the_message(text: str, code: str) -> None:
    refusal = server.permissions_error([text], allowed=server.PERMISSION_TYPES)
    assert refusal is not None
    assert permission_verdict(text)[:2] == (code, refusal.message)


def test_aw102_for_a_role_named_wildcard_in_a_project() -> None:
    data = project(functions=[{"$id": "f", "execute": ["Wildcard", "role:all"]}])
    findings = [(f.code, f.pointer, f.message) for f in lint(data) if f.code.startswith("AW1")]
    assert findings == [
        (
            "AW102",
            "/functions/0/execute/0",
            'Role "Wildcard" is not allowed. Must be one of: any, guests, users, user, team, member, label.',
        ),
        (
            "AW104",
            "/functions/0/execute/1",
            'Roles using the "role:" prefix have been removed. Use "users", "guests", or "any" instead.',
        ),
    ]


KEY_TEXT = (
    "Parameter must contain at most {} chars. Valid chars are a-z, A-Z, 0-9, period, hyphen, and underscore. "
    "Can't start with a special char"
)


def test_aw105_invalid_ids() -> None:
    data = project(
        collections=[collection(['read("any")'], **{"$id": "my posts", "databaseId": "_main"})],
        functions=[{"$id": "a" * 37}],
    )
    findings = [(f.pointer, f.message) for f in lint(data) if f.code == "AW105"]
    assert findings == [
        ("/collections/0/$id", KEY_TEXT.format(36)),
        ("/collections/0/databaseId", KEY_TEXT.format(36)),
        ("/functions/0/$id", KEY_TEXT.format(36)),
    ]
    assert "AW105" not in {code for code, _ in found(project(functions=[{"$id": "a" * 36}]))}
    long_ids = project(functions=[{"$id": "a" * 40}])
    assert "AW105" not in {code for code, _ in found(long_ids, Options(id_max_length=255))}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "My Project",
            "Project IDs must contain at most 36 chars. Valid chars are a-z, 0-9, and hyphen. Can't start with a special char.",
        ),
        (
            "-p",
            "Project IDs must contain at most 36 chars. Valid chars are a-z, 0-9, and hyphen. Can't start with a special char.",
        ),
        (
            "p" * 37,
            "Project IDs must contain at most 36 chars. Valid chars are a-z, 0-9, and hyphen. Can't start with a special char.",
        ),
        (
            "my-project\n",
            "Expected no line break at the end of the project ID; the server accepts it (its pattern's $ matches "
            "before a final newline) but the ID is then not what it seems",
        ),
        ("my-project", None),
        ("p" * 36, None),
    ],
)
def test_aw106_project_id(value: str, message: str | None) -> None:
    findings = [(f.pointer, f.message) for f in lint({"projectId": value}) if f.code == "AW106"]
    assert findings == ([] if message is None else [("/projectId", message)])


def test_aw201_misread_permission_names_the_servers_reading() -> None:
    finding = only(perms('read("user:a:b")'), "AW201")
    assert finding.message == (
        "Expected a letter, digit, '.', '-' or '_' in a user ID, found ':'; the server would read this as "
        'read("user:a")'
    )
    assert finding.pointer == "/collections/0/$permissions/0"
    assert "AW201" not in {code for code, _ in found(perms('read("user:a")'))}


def test_aw202_misread_role() -> None:
    finding = only(project(topics=[{"$id": "t", "subscribe": ["users:"]}]), "AW202")
    assert (
        finding.message
        == "Expected end of role after 'users', found ':'; the server would read this as users"
    )
    assert found(project(topics=[{"$id": "t", "subscribe": ["users"]}])) == []


def test_aw203_generated_ids() -> None:
    data = project(collections=[collection(['read("any")'], **{"$id": "unique()"})])
    data["projectId"] = "unique()"
    assert [pointer for code, pointer in found(data) if code == "AW203"] == [
        "/projectId",
        "/collections/0/$id",
    ]
    assert "AW203" not in {code for code, _ in found(perms('read("any")'))}


# AW3xx


def test_aw301_public_write_update_delete() -> None:
    data = perms('write("any")', 'update("guests")', 'delete("any")', 'create("any")', 'read("guests")')
    findings = [(f.pointer, f.message) for f in lint(data) if f.code == "AW301"]
    assert findings == [
        (
            "/collections/0/$permissions/0",
            'write("any") lets anyone (signed in or not) create, update and delete documents of the collection "posts"',
        ),
        (
            "/collections/0/$permissions/1",
            'update("guests") lets anyone without a session update documents of the collection "posts"',
        ),
        (
            "/collections/0/$permissions/2",
            'delete("any") lets anyone (signed in or not) delete documents of the collection "posts"',
        ),
    ]
    buckets = project(buckets=[{"$id": "b", "$permissions": ['delete("any")'], "fileSecurity": True}])
    assert (
        only(buckets, "AW301").message
        == 'delete("any") lets anyone (signed in or not) delete files of the bucket "b"'
    )
    assert "AW301" not in {
        code for code, _ in found(perms('create("any")', 'read("any")', 'update("users")'))
    }


def test_aw302_public_execute() -> None:
    finding = only(project(functions=[{"$id": "hello", "execute": ["users", "any"]}]), "AW302")
    assert finding.pointer == "/functions/0/execute/1"
    assert finding.message == (
        'The function "hello" can be executed by anyone (signed in or not): execute contains "any", the '
        "default of appwrite init function"
    )
    assert found(project(functions=[{"$id": "hello", "execute": ["users"]}])) == []
    assert found(project(topics=[{"$id": "t", "subscribe": ["any"]}])) == []


@pytest.mark.parametrize(
    ("entity", "pointer", "state"),
    [
        (collection([], documentSecurity=False), "/collections/0/$permissions", "off"),
        (collection(), "/collections/0/documentSecurity", "off"),
        ({"$id": "posts", "databaseId": "main"}, "/collections/0/$id", "absent (off)"),
        (collection(None), "/collections/0/$permissions", "off"),
    ],
)
def test_aw303_unreachable(entity: dict[str, Any], pointer: str, state: str) -> None:
    finding = only(project(collections=[entity]), "AW303")
    assert finding.pointer == pointer
    assert finding.message == (
        f'The collection "posts" has no permissions and documentSecurity is {state}: its documents are open to '
        "no client (only API keys and console admins)"
    )


def test_aw303_not_when_something_is_granted_or_the_list_is_invalid() -> None:
    for data in (perms('read("users")'), perms('read("anyx")'), project(collections=[collection("x")])):
        assert "AW303" not in {code for code, _ in found(data)}


def test_aw304_item_security_only() -> None:
    data = project(tables=[{"$id": "t", "databaseId": "main", "$permissions": [], "rowSecurity": True}])
    finding = only(data, "AW304")
    assert (finding.pointer, finding.severity) == ("/tables/0/$permissions", "info")
    assert finding.message == (
        'The table "t" grants nothing itself and rowSecurity is on: clients reach only rows whose own '
        "permissions allow it, and rows can be created by no client (only API keys and console admins)"
    )
    assert "AW303" not in {code for code, _ in found(data)}
    granted = project(
        tables=[{"$id": "t", "databaseId": "main", "$permissions": ['read("users")'], "rowSecurity": True}]
    )
    assert "AW304" not in {code for code, _ in found(granted)}


# AW4xx


def test_aw401_duplicate_entry() -> None:
    data = project(functions=[{"$id": "f", "execute": ["users", "team:editors", "users"]}])
    finding = only(data, "AW401")
    assert (finding.pointer, finding.message) == (
        "/functions/0/execute/2",
        f"users is already in this list (line {line(data, 'users')})",
    )
    assert found(project(functions=[{"$id": "f", "execute": ["users/verified", "team:editors"]}])) == []


def test_aw402_implied_by_write() -> None:
    data = perms('create("user:a")', 'write("user:a")', 'delete("user:a")', 'update("user:b")')
    findings = [(f.pointer, f.message) for f in lint(data) if f.code == "AW402"]
    at = line(data, 'write("user:a")')
    assert findings == [
        (
            "/collections/0/$permissions/0",
            f'create("user:a") is already granted by write("user:a") (line {at})',
        ),
        (
            "/collections/0/$permissions/2",
            f'delete("user:a") is already granted by write("user:a") (line {at})',
        ),
    ]
    assert "AW402" not in {code for code, _ in found(perms('write("user:a")', 'read("user:a")'))}


@pytest.mark.parametrize(
    ("strings", "redundant"),
    [
        (['read("users")', 'read("users/verified")'], [1]),
        (['read("user:x")', 'read("any")', 'read("guests")'], [0, 2]),
        (['read("team:t/admin")', 'read("team:t")'], [0]),
        (['read("user:x/verified")', 'read("user:x")'], [0]),
        (['read("users/verified")', 'read("user:x/verified")'], [1]),
        (['read("users")', 'read("team:t")', 'read("member:m")', 'read("label:vip")'], [1, 2, 3]),
        (['write("users")', 'update("user:x")'], [1]),
        (['create("users")', 'update("users")', 'delete("users")', 'write("user:x")'], [3]),
        # not redundant:
        (['read("users/verified")', 'read("user:x")'], []),
        (['read("users")', 'read("guests")'], []),
        (['read("team:t")', 'read("team:u/admin")'], []),
        (['create("users")', 'write("user:x")'], []),
        (['read("users")', 'update("user:x")'], []),
    ],
)
def test_aw403_redundant_role(strings: list[str], redundant: list[int]) -> None:
    data = perms(*strings)
    pointers = [
        pointer
        for code, pointer in found(data, Options(known_teams=frozenset({"t", "u"})))
        if code == "AW403"
    ]
    assert pointers == [f"/collections/0/$permissions/{index}" for index in redundant]


def test_aw403_message_names_every_broader_entry() -> None:
    data = perms('create("users")', 'update("users")', 'delete("users")', 'write("user:x")')
    at = line(data, 'create("users")')
    assert only(data, "AW403").message == (
        f'write("user:x") is redundant: create("users") (line {at}), update("users") (line {at + 1}), '
        f'delete("users") (line {at + 2}) already grant it'
    )
    data = project(functions=[{"$id": "f", "execute": ["team:editors", "team:editors/owner"]}])
    at = line(data, "team:editors")
    assert (
        only(data, "AW403").message
        == f"team:editors/owner is redundant: team:editors (line {at}) already grants it"
    )


def test_aw404_unknown_team() -> None:
    data = perms('read("team:staff")', 'read("team:editors")')
    finding = only(data, "AW404")
    assert (finding.pointer, finding.message) == (
        "/collections/0/$permissions/0",
        'The team "staff" is not declared in "teams"',
    )
    assert "AW404" not in {code for code, _ in found(data, Options(known_teams=frozenset({"staff"})))}
    roles = project(topics=[{"$id": "t", "subscribe": ["team:staff/owner"]}])
    assert only(roles, "AW404").pointer == "/topics/0/subscribe/0"


def test_aw405_duplicate_entity() -> None:
    data = project(
        databases=[*DATABASES, {"$id": "other", "name": "Other"}],
        collections=[
            collection(['read("any")']),
            collection(['read("any")']),
            collection(['read("any")'], databaseId="other"),
        ],
    )
    finding = only(data, "AW405")
    assert finding.pointer == "/collections/1/$id"
    assert finding.message.startswith('Another collection in the database "main" has the $id "posts" (line ')
    teams = project(teams=[*TEAMS, {"$id": "editors"}])
    assert only(teams, "AW405").message.startswith('Another team has the $id "editors"')


def test_aw406_unknown_database() -> None:
    data = project(tables=[{"$id": "t", "databaseId": "nowhere", "$permissions": ['read("users")']}])
    finding = only(data, "AW406")
    assert (finding.pointer, finding.message) == (
        "/tables/0/databaseId",
        'The database "nowhere" is not declared in "tablesDB"',
    )
    declared = project(
        tablesDB=DATABASES, tables=[{"$id": "t", "databaseId": "main", "$permissions": ['read("users")']}]
    )
    assert found(declared) == []


def test_aw407_ignored_permission_keys() -> None:
    data = project(
        sites=[{"$id": "web", "execute": ["any"]}],
        collections=[collection(['read("users")'], permissions=['read("any")'], **{"$read": ["*"]})],
        functions=[{"$id": "f", "$permissions": []}],
    )
    findings = [(f.pointer, f.message) for f in lint(data) if f.code == "AW407"]
    assert findings == [
        (
            "/sites/0/execute",
            'The Appwrite CLI does not read "execute" on a site: it grants nothing and the next pull drops it',
        ),
        (
            "/collections/0/permissions",
            'The Appwrite CLI does not read "permissions" on a collection: it grants nothing and the next pull '
            'drops it; did you mean "$permissions"?',
        ),
        (
            "/collections/0/$read",
            'The Appwrite CLI does not read "$read" on a collection: it grants nothing and the next pull drops '
            'it; it is the permission format of Appwrite before 1.0: use "$permissions"',
        ),
        (
            "/functions/0/$permissions",
            'The Appwrite CLI does not read "$permissions" on a function: it grants nothing and the next pull '
            "drops it",
        ),
    ]
    assert "AW302" not in {code for code, _ in found(data)}


def test_findings_are_sorted_and_all_collected() -> None:
    data = perms('read("anyx")', 'update("any")', 'read("user:a:b")', 'update("any")')
    findings = lint(data)
    assert findings == sorted(findings, key=Finding.sort_key)
    assert [f.code for f in findings] == ["AW101", "AW301", "AW201", "AW301", "AW401"]


# The verdict shortcut for canonical strings agrees with the library's parsers.

NEAR = st.sampled_from(
    ["", "0", "/", ":", '"', ")", "/0", ":0", "x" * 37, "-", "é", "\n", "/verified", "/owner"]
)


def mutated(strings: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Canonical strings, and the same with a near-miss inserted anywhere."""
    return strings | st.builds(
        lambda s, at, bit: s[: at % (len(s) + 1)] + bit + s[at % (len(s) + 1) :],
        strings,
        st.integers(0),
        NEAR,
    )


def reference(text: str, *, permission: bool) -> tuple[object, ...]:
    """What the library says: the server's verdict first, then the strict parser's."""
    problem = server.check_permissions([text]) if permission else server.check_roles([text])
    if problem is not None:
        return ("rejected", problem[1])
    reading = server.parse_permission(text) if permission else None
    role = reading.role if reading is not None else server.parse_role(text)
    try:
        (Permission.parse if permission else Role.parse)(text)
        strict = ""
    except ParseError as error:
        strict = error.message
    return (
        strict,
        reading.type if reading is not None else "",
        str(role),
        role.name,
        role.identifier,
        role.dimension,
    )


def verdict(text: str, *, permission: bool) -> tuple[object, ...]:
    _, message, action, role = (permission_verdict if permission else role_verdict)(text)
    if role is None:
        return ("rejected", message)
    return (message, action, str(role), role.name, role.identifier, role.dimension)


@given(mutated(permission_strings()) | st.text(max_size=30))
@example('read("user:0")')
@example('read("team:t/0")')
@example('read("label:0")')
@example('read("team:00/0a")')
@example('write("user:' + "a" * 36 + '/verified")')
def test_permission_verdicts_agree_with_the_library(text: str) -> None:
    assert verdict(text, permission=True) == reference(text, permission=True)


@given(mutated(role_strings()) | st.text(max_size=30))
@example("user:0")
@example("member:0")
@example("team:t/" + "r" * 81)
@example("team:t/" + "r" * 82)
@example("users/verified\n")
def test_role_verdicts_agree_with_the_library(text: str) -> None:
    assert verdict(text, permission=False) == reference(text, permission=False)
