"""The lint rules: code, name, severity, category, summary, documentation and era of each.

This module is the one source of the rules' documentation: ``appwrite-dsl rule CODE`` prints it, and the
rule reference in ``docs/lint-rules.md`` is generated from it (``appwrite-dsl rule --all --format
markdown``; a test keeps the page in step). Codes are grouped like ruff's: ``AW0xx`` reading the file,
``AW1xx`` what the server rejects, ``AW2xx`` what the server reads differently, ``AW3xx`` security,
``AW4xx`` hygiene; ``AW5xx`` is kept for query rules. A code, once published, keeps its meaning.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import Literal

__all__ = ["DOCS_URL", "GROUPS", "RULES", "Category", "Rule", "Severity", "markdown", "rule", "text"]

Severity = Literal["error", "warning", "info"]
Category = Literal["security", "correctness", "hygiene"]

DOCS_URL = "https://appwrite-dsl.readthedocs.io/en/latest/lint-rules.html"
"""The rule reference on the documentation site; each rule is the anchor ``#aw301`` there."""

_EVERY_ERA = "Every project file, whichever CLI version wrote it."


@dataclass(frozen=True)
class Rule:
    """A lint rule: stable ``code``, kebab-case ``name``, default ``severity``, ``category``, one-line
    ``summary``, ``details`` (Markdown) and the ``era`` of project files it applies to."""

    code: str
    name: str
    severity: Severity
    summary: str
    category: Category = "correctness"
    details: str = ""
    era: str = _EVERY_ERA

    @property
    def url(self) -> str:
        """The rule's page on the documentation site."""
        return f"{DOCS_URL}#{self.code.lower()}"


GROUPS: tuple[tuple[str, str, str], ...] = (
    (
        "AW0",
        "AW0xx: reading the file",
        "The Appwrite CLI reads the project file with json-bigint and **swallows every parse error**: it "
        "goes on with an empty configuration and may later overwrite the file. These rules report what "
        "makes it do so, with the line and column.",
    ),
    (
        "AW1",
        "AW1xx: what the server rejects",
        "`appwrite push` sends these values to the server, which rejects them; the message is **the server's "
        "own** (utopia-php/database 7.2.6, Appwrite 1.9), computed by `appwrite_dsl.server`.",
    ),
    (
        "AW2",
        "AW2xx: what the server reads differently",
        "The server accepts these strings but stores something else; the message is appwrite_dsl's strict "
        "parser's and names the server's reading.",
    ),
    (
        "AW3",
        "AW3xx: security",
        "Who can do what: every account is a signed-in user (anyone can sign up, and an anonymous session "
        "is an account), and `any` is everyone, with or without a session.",
    ),
    (
        "AW4",
        "AW4xx: hygiene",
        "The server stores a permission list after normalising it (`write` expanded, duplicates "
        "dropped), and for tables the CLI compares lists as strings, in order: a list that is not "
        "already minimal never matches what `pull` returns.",
    ),
)

RULES: tuple[Rule, ...] = (
    Rule(
        "AW001",
        "json-syntax",
        "error",
        "The file is not JSON; the Appwrite CLI reads a file it cannot parse as empty.",
        details="The file is not JSON (RFC 8259); the message says what was expected where, e.g. `Expected "
        "',' or '}' after a member, found '\"'`, or, at the end of the file, which bracket is still open. "
        "Nesting deeper than 1000 levels is reported here too. No other rule runs on a file that is not "
        "JSON.",
    ),
    Rule(
        "AW002",
        "invalid-utf8",
        "error",
        "The file is not valid UTF-8; the Appwrite CLI reads U+FFFD instead and writes it back.",
        details="Bytes that are not UTF-8. The CLI decodes them as U+FFFD and writes that back; the linter "
        "does the same and goes on.",
    ),
    Rule(
        "AW003",
        "byte-order-mark",
        "error",
        "The file starts with a byte order mark, which the Appwrite CLI cannot parse.",
        details="A UTF-8 byte order mark at the start. Node's `Buffer.toString()` keeps it and json-bigint "
        "fails on it, so the CLI sees an empty configuration. The linter skips it and goes on.",
    ),
    Rule(
        "AW004",
        "refused-key",
        "error",
        "A key contains `__proto__` or `constructor`; the Appwrite CLI refuses the whole file.",
        details="A key containing `__proto__` or `constructor` (also spelt with `\\u00XX` escapes, also "
        "inside a longer key such as `myconstructorX`, at any depth): json-bigint refuses the whole file.",
    ),
    Rule(
        "AW005",
        "duplicate-key",
        "warning",
        "A key appears twice in one object; only the last value counts.",
        details="The same key twice in one object. json-bigint (and Python's `json`) keep the last value "
        "silently; the finding points at the later key and names the line of the earlier one.",
    ),
    Rule(
        "AW006",
        "invalid-structure",
        "error",
        "A value the project file needs is missing or has the wrong JSON type.",
        details="The top level is not an object; `collections` (or another entity array) is not an array; "
        "an entity is not an object or has no string `$id`; a collection or table has no string "
        "`databaseId`; `projectId` is not a string; `documentSecurity`, `rowSecurity` or `fileSecurity` is "
        "not `true` or `false`.",
        era="Every project file. Collections written by CLIs before 0.18.1 (Appwrite before 0.15) have no "
        "`databaseId`; they are reported, since today's CLI cannot push them.",
    ),
    Rule(
        "AW101",
        "invalid-permission",
        "error",
        "The server rejects this permission string.",
        details='An element of `$permissions` the `Permissions(100)` validator rejects, e.g. `read("anyx")`: '
        '`Role "anyx" is not allowed. Must be one of: any, guests, users, user, team, member, label.` Every '
        "element is checked, not only the first.",
        era="Files of Appwrite 1.0 and later (CLI 1.0.0+), the permission strings of today's server.",
    ),
    Rule(
        "AW102",
        "invalid-role",
        "error",
        "The server rejects this role string.",
        details="Likewise for an element of `execute` or `subscribe` (`Roles(100)`).",
        era="Files of Appwrite 1.0 and later (CLI 1.0.0+).",
    ),
    Rule(
        "AW103",
        "invalid-list",
        "error",
        "The server rejects this permission or role list as a whole (not an array, over 100 items).",
        details="The list itself: `Permissions must be an array of strings.`, `You can only provide up "
        "to 100 permissions.` (roles likewise). `null` counts as absent.",
    ),
    Rule(
        "AW104",
        "legacy-permission",
        "error",
        "A '*' or 'role:' string from before Appwrite 1.0, which the server rejects.",
        details='`*`, anything containing `role:` (`role:all`, `read("role:member")`), and permissions '
        "granted to the role `*`, the formats of Appwrite before 1.0. The message is the server's "
        '(`Wildcard permission "*" has been replaced. Use "any" instead.`).',
        era="Strings written for Appwrite before 1.0 (CLI 0.x), pushed to a server of today.",
    ),
    Rule(
        "AW105",
        "invalid-id",
        "error",
        "The server rejects this ID.",
        details="An entity `$id` or a `databaseId` that is not a Key (1 to 36 characters of "
        "`[A-Za-z0-9._-]`, not starting with a special character; set `id-max-length = 255` for "
        "MongoDB-backed servers). The message is the server's Key text.",
    ),
    Rule(
        "AW106",
        "invalid-project-id",
        "error",
        "The project ID breaks the server's project ID rules.",
        details="A `projectId` outside `^[a-z0-9][a-z0-9-]*$` or longer than 36 characters (server text). A "
        "project ID ending in a line break passes the server's pattern (`$` matches before a final newline) "
        "and is reported here too, with appwrite_dsl's message.",
    ),
    Rule(
        "AW201",
        "misread-permission",
        "error",
        "The server accepts this permission string but reads it as another permission.",
        category="security",
        details="`read(\"user:a:b\")`: `Expected a letter, digit, '.', '-' or '_' in a user ID, found ':'; "
        'the server would read this as read("user:a")`. Also `read("users:")`, `read("team:a/b:c")`, '
        '`read("an")y")` and the like.',
        era="Files of Appwrite 1.0 and later (CLI 1.0.0+).",
    ),
    Rule(
        "AW202",
        "misread-role",
        "error",
        "The server accepts this role string but reads it as another role.",
        category="security",
        details="The same for role strings (`user:ops:admin` is read as `user:ops`).",
        era="Files of Appwrite 1.0 and later (CLI 1.0.0+).",
    ),
    Rule(
        "AW203",
        "generated-id",
        "warning",
        "unique() as an ID: the server generates a new ID, which the file never matches.",
        details="`unique()` as `$id`, `databaseId` or `projectId`: the server would generate a new ID, "
        "so the entity in the file never matches the one on the server.",
    ),
    Rule(
        "AW301",
        "public-write",
        "error",
        "write, update or delete is granted to any or guests.",
        category="security",
        details="`write`, `update` or `delete` granted to `any` (everyone, signed in or not) or `guests` "
        "(everyone without a session) on a collection, table or bucket: anyone may change or delete every "
        "document, row or file in it. `create` for `any` is not reported (public sign-up forms are "
        "legitimate).",
        era="Files of Appwrite 1.0 and later (CLI 1.0.0+); older `$write` arrays are AW407.",
    ),
    Rule(
        "AW302",
        "public-execute",
        "warning",
        "A function can be executed by everyone (any, or users together with guests).",
        category="security",
        details="A function whose `execute` contains `any`, which `appwrite init function` writes by "
        "default, or grants both `users` (or `users/verified` and `users/unverified`) and `guests`: "
        "together they are everyone, like `any`.",
        era="Files of Appwrite 1.0 and later (CLI 1.0.0+).",
    ),
    Rule(
        "AW303",
        "unreachable",
        "warning",
        "No permissions and item security off: no client can reach the resource.",
        details="A collection, table or bucket with no permissions (an empty or absent `$permissions`) "
        "and its security flag off or absent: no client can reach its items; only API keys and console "
        "admins can.",
        era="Files of Appwrite 1.0 and later (CLI 1.0.0+).",
    ),
    Rule(
        "AW304",
        "item-security-only",
        "info",
        "Item security on but no container grant: only item permissions apply, no client can create items.",
        details="The same with the security flag on: only the items' own permissions give access, and no "
        "client can create items (creating needs a container-level `create`). Fine for data that a server "
        "writes with per-user permissions; select it off with `--ignore AW304` when that is the design.",
        era="Files of Appwrite 1.0 and later (CLI 1.0.0+).",
    ),
    Rule(
        "AW305",
        "signed-in-write",
        "warning",
        "write, update or delete is granted to every signed-in user on a whole collection, table or bucket.",
        category="security",
        details='`update("users")`, `delete("users")` or `write("users")` (and the `users/verified` and '
        "`users/unverified` variants) on a collection, table or bucket: every account may edit or delete "
        "every document, row or file in it, other people's included. Anyone can sign up, and an anonymous "
        'session is an account, so this is nearly as open as `any`. Grant `create("users")` on the '
        "container, turn on `documentSecurity` / `rowSecurity` / `fileSecurity`, and give each item its own "
        '`update("user:ID")` and `delete("user:ID")` (the server does so by default for items a user '
        "creates without permissions).",
        era="Files of Appwrite 1.0 and later (CLI 1.0.0+).",
    ),
    Rule(
        "AW306",
        "committed-secret",
        "error",
        "An API key or another secret is written in the project file.",
        category="security",
        details="A string that is a secret: an Appwrite API key (`standard_` followed by a long hexadecimal "
        "key), a key with a well-known prefix (GitHub, Stripe, Slack, AWS, Google, OpenAI, Anthropic, "
        "SendGrid), a private key block, a JSON Web Token, a URL with a password, or a non-placeholder "
        "value of a function or site variable named like a secret (`*_SECRET`, `*_TOKEN`, `*_PASSWORD`, "
        "`*_API_KEY`, ...). The project file is meant to be committed, so the secret is public to everyone "
        "who can read the repository: revoke it, and keep it in a `.env` file next to the function or in "
        "the console. Every output format masks the value.",
    ),
    Rule(
        "AW401",
        "duplicate-entry",
        "warning",
        "The same string appears twice in one permission or role list.",
        category="hygiene",
        details="The same string twice in one list.",
    ),
    Rule(
        "AW402",
        "implied-by-write",
        "warning",
        "create, update or delete for a role that write already grants in the same list.",
        category="hygiene",
        details="`create`, `update` or `delete` for a role that a `write` in the same list already grants "
        "(`write` means create, update and delete on collections, tables and buckets).",
        era="Files of Appwrite 1.0 and later (CLI 1.0.0+).",
    ),
    Rule(
        "AW403",
        "redundant-role",
        "warning",
        "A broader role in the same list already grants this action.",
        category="hygiene",
        details="A broader role in the same list already grants the action (`write` counts as its three "
        "actions): `any` includes every role; `users` includes `users/verified`, `users/unverified` and "
        "every `user:`, `team:`, `member:` and `label:` role (only signed-in users hold those); "
        "`users/verified` includes `user:X/verified`; `user:X` includes `user:X/verified`; `team:T` "
        "includes `team:T/R`. The message names the broader entries.",
        era="Files of Appwrite 1.0 and later (CLI 1.0.0+).",
    ),
    Rule(
        "AW404",
        "unknown-team",
        "warning",
        "A team role names a team that the file does not declare in teams.",
        category="hygiene",
        details="A `team:T` role whose team is not declared in `teams`. Teams created by your app at run "
        "time can be listed in `known-teams`.",
        era="Files with a `teams` key (or with `known-teams` set). The CLI writes `teams` since 1.2.1 "
        "(February 2023), and only when teams are initialised or pulled, so a file without the key says "
        "nothing about teams and the rule stays silent.",
    ),
    Rule(
        "AW405",
        "duplicate-entity",
        "warning",
        "Two entities of one kind have the same $id; the Appwrite CLI only sees one.",
        category="hygiene",
        details="Two entities of one array with the same `$id` (and `databaseId`): the CLI matches entities "
        "by `$id`.",
    ),
    Rule(
        "AW406",
        "unknown-database",
        "warning",
        "databaseId names a database that the file does not declare.",
        category="hygiene",
        details="A collection's or table's `databaseId` not declared in `databases` or `tablesDB`.",
        era="Files with a `databases` or `tablesDB` key. The CLI writes `databases` since 2.0.0 (Appwrite "
        "1.3, April 2023), always together with the collections it pulls; files of older CLIs name "
        "databases only in `databaseId`, and the rule stays silent on them.",
    ),
    Rule(
        "AW407",
        "ignored-permission-key",
        "warning",
        "A permission key the Appwrite CLI does not read on this kind of entity.",
        category="hygiene",
        details="A permission key the CLI does not read on that kind of entity: `execute` on a site (sites "
        "have none), `permissions` without `$` on a collection, `$permissions` on a function, the pre-1.0 "
        "`$read`/`$write` keys. They grant nothing, and the next `pull` drops them.",
    ),
)

_BY_CODE = {entry.code: entry for entry in RULES}


def rule(code: str) -> Rule:
    """The rule with ``code`` (any case); raises KeyError for an unknown code."""
    return _BY_CODE[code.upper()]


def text(entry: Rule) -> str:
    """A rule's documentation as ``appwrite-dsl rule`` prints it (paragraphs wrapped at 100 columns)."""
    paragraphs = (
        f"{entry.code} {entry.name} ({entry.severity}, {entry.category})",
        entry.summary,
        entry.details,
        f"Applies to: {entry.era}",
        f"Docs: {entry.url}",
    )
    return (
        "\n\n".join(textwrap.fill(paragraph, 100, break_on_hyphens=False) for paragraph in paragraphs) + "\n"
    )


def _cell(value: str) -> str:
    return value.replace("|", "\\|")


def markdown() -> str:
    """The rule reference of ``docs/lint-rules.md``: the table of codes, then each group with its rules."""
    out = [
        "| code | name | default severity | category | summary |\n",
        "|---|---|---|---|---|\n",
    ]
    out.extend(
        f"| [{entry.code}](#{entry.code.lower()}) | `{entry.name}` | {entry.severity} | {entry.category} | "
        f"{_cell(entry.summary)} |\n"
        for entry in RULES
    )
    out.append("\n`AW5xx` is reserved for query rules.\n")
    for prefix, title, intro in GROUPS:
        out.append(f"\n## {title}\n\n{intro}\n")
        for entry in RULES:
            if entry.code.startswith(prefix):
                out.append(
                    f"\n({entry.code.lower()})=\n### {entry.code} {entry.name}\n\n"
                    f"{entry.severity.capitalize()}, {entry.category}. {entry.details}\n\n"
                    f"*Era:* {entry.era}\n"
                )
    return "".join(out)
