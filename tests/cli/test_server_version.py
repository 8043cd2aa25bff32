"""``appwrite-dsl parse/explain/convert --server-version``: the dialect shown, cloud-only methods refused when
converted to the older syntaxes (the installed command)."""

from __future__ import annotations

import json

from .test_commands import run

COUNT = '{"method":"count","attribute":"*"}'
CLOUD_DIALECT = "cloud-2.5 (utopia-php/query 0.6.0)"


def test_parse_shows_the_dialect() -> None:
    result = run("parse", "--server-version", "cloud-2.5", COUNT)
    assert result.returncode == 0, result.stderr
    assert f"  dialect: {CLOUD_DIALECT}\n" in result.stdout
    assert "  method: count\n" in result.stdout
    result = run("parse", "--server-version", "1.9.6", "--format", "json", '{"method":"limit","values":[1]}')
    (fields,) = json.loads(result.stdout)
    assert fields["dialect"] == "json (Appwrite 1.5 to 1.9.x, utopia-php/database 7.2.6)"
    result = run("parse", "--server-version", "1.4", 'equal("a", [1])')
    assert "  dialect: legacy (Appwrite 1.0 to 1.4)\n" in result.stdout


def test_parse_refuses_raw_in_every_dialect() -> None:
    for version, text in (
        ("cloud-2.5", '{"method":"raw","attribute":"SELECT 1"}'),
        ("1.9.6", '{"method":"raw","attribute":"SELECT 1"}'),
        ("1.4", 'raw("SELECT 1")'),
    ):
        result = run("parse", "--server-version", version, text)
        assert result.returncode == 1
        assert "raw" in result.stderr.lower()


def test_explain_shows_the_dialect_and_the_reading() -> None:
    result = run("explain", "--server-version", "cloud-2.5", COUNT, '{"method":"union","values":{"a":{}}}')
    assert result.returncode == 1
    assert result.stdout == (
        f"{COUNT}\n  kind: query\n  dialect: {CLOUD_DIALECT}\n  reads: {COUNT}\n"
        '{"method":"union","values":{"a":{}}}\n  kind: query\n'
        f"  dialect: {CLOUD_DIALECT}\n  refused: Invalid query method: \n"
    )


def test_convert_refuses_cloud_only_methods_naming_the_first_version() -> None:
    nested = '{"method":"or","values":[{"method":"sum","attribute":"a"},{"method":"isNull","attribute":"b"}]}'
    result = run("convert", "--server-version", "cloud-2.5", "--to", "json", nested)
    assert result.returncode == 1
    assert result.stderr.startswith(
        f"Expected a method of the JSON syntax (Appwrite 1.5 to 1.9.x), found sum: it first appears in {CLOUD_DIALECT}"
    )
    result = run(
        "convert",
        "--server-version",
        "cloud-2.5",
        "--to",
        "legacy",
        '{"method":"regex","attribute":"a","values":["x"]}',
    )
    assert result.stderr.startswith(
        f"Expected a method of the legacy syntax (Appwrite 1.0 to 1.4), found regex: it first appears in {CLOUD_DIALECT}"
    )
    # what both dialects hold converts as before
    result = run(
        "convert", "--server-version", "cloud-2.5", "--to", "legacy", '{"method":"limit","values":[5]}'
    )
    assert (result.returncode, result.stdout) == (0, "limit(5)\n")


def test_an_unknown_server_version_is_a_usage_error() -> None:
    result = run("parse", "--server-version", "2.0", COUNT)
    assert result.returncode == 2
    assert "Expected an Appwrite version such as 1.9.6 or cloud-2.5, found '2.0'" in result.stderr
