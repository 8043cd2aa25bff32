"""docs/query-dialects.md's versions table is generated from the one method table (appwrite_dsl._methods).

Regenerate it with ``python -m tests.query.test_dialects_page`` after changing the table.
"""

from __future__ import annotations

from pathlib import Path

from appwrite_dsl._methods import CLOUD_METHODS, LEGACY_FORMS, SERVER_METHODS, TABLE

PAGE = Path(__file__).resolve().parents[2] / "docs" / "query-dialects.md"
START, END = "<!-- generated: the versions table -->\n", "<!-- end of the generated table -->\n"


def _legacy(name: str) -> str:
    if name not in LEGACY_FORMS:
        return ""
    written = TABLE[name].dialects["legacy"]
    return (
        written.since
        if written.accepted == written.since
        else f"{written.since} (validated {written.accepted})"
    )


def _cloud(name: str) -> str:
    if name == "relationship":
        return "refused: `Invalid query method: relationship`"
    if name not in CLOUD_METHODS:
        return ""
    if not TABLE[name].dialects["cloud"].accepted:
        return "parsed; the API refuses it"
    return "inside joins only" if name == "on" else "yes"


def render() -> str:
    """The Markdown table: one row per method, in the method table's order."""
    lines = [
        "| method | SDK 27.0.0 builder | legacy (Appwrite) | JSON (Appwrite) | cloud-2.5 |",
        "|---|---|---|---|---|",
    ]
    for name, row in TABLE.items():
        builders = ", ".join(f"`{builder}`" for builder in row.sdk) or "—"
        json_since = row.dialects["json"].since if name in SERVER_METHODS else ""
        lines.append(
            f"| `{name}` | {builders} | {_legacy(name) or '—'} | {json_since or '—'} | {_cloud(name) or '—'} |"
        )
    return "\n".join(lines) + "\n"


def test_the_page_holds_the_generated_table() -> None:
    text = PAGE.read_text(encoding="utf-8")
    assert text.split(START, 1)[1].split(END, 1)[0] == render()


def test_the_table_has_a_row_per_method() -> None:
    assert render().count("\n| `") == len(TABLE) == 87  # 86 cloud methods and relationship


if __name__ == "__main__":  # pragma: no cover - the maintainer's regeneration
    text = PAGE.read_text(encoding="utf-8")
    head, rest = text.split(START, 1)
    PAGE.write_text(head + START + render() + END + rest.split(END, 1)[1], encoding="utf-8")
