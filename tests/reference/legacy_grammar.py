"""Reference pyparsing grammar for the legacy query syntax (test oracle, not runtime code).

Written from the grammar alone, not from the library: the legacy query syntax of docs/reference/grammar.md,
the canonical form that ``Query::parse`` of utopia-php/database 0.46.0 (``src/Database/Query.php``) reads
exactly as written:

* the canonical EBNF: one pyparsing element per rule, named exactly like the rule so that
  ``pyparsing.diagram`` can draw railroad diagrams of it (``digits`` and ``sp`` are named too);
* the writer's representability rule inside ``backslash-run``: a run of backslashes is a ``backslash-run``
  when it is even and not followed by another backslash, or odd and followed by a character other than
  ``" , [ ] '``; an odd run before ``"`` is an even ``backslash-run`` followed by ``'\\"'``;
* the writer's rules on ``number`` (an int64 integer, a finite float, not ``-0.0``) and on ``str-char`` (no
  lone surrogates);
* the shape of each method's arguments, with the methods Appwrite 1.4 knows (the compatibility page), as
  :data:`SHAPES`, applied to the arguments after parsing.

One extension of the EBNF (outside strings the server drops spaces when it splits the arguments): ``sp``, any
number of spaces, is allowed around every token inside the parentheses; ``", "`` of the EBNF is
``sp "," sp``.

Whitespace: every element is built with ``leave_whitespace()`` (per element, so the process-wide pyparsing
defaults stay untouched), and the grammar ends in a whitespace-free ``StringEnd``.
"""

from __future__ import annotations

import math
from typing import Union

import pyparsing as pp

__all__ = [
    "ARGUMENT",
    "ARRAY",
    "BACKSLASH_RUN",
    "BOOLEAN",
    "DIGITS",
    "METHOD",
    "NULL",
    "NUMBER",
    "QUERY",
    "SCALAR",
    "SHAPES",
    "SP",
    "STRING",
    "STR_CHAR",
    "parse_legacy",
]

Value = Union[str, int, float, bool, None]

# The argument shape of each method Appwrite 1.4 parses (the methods: docs/reference/compatibility.md).
SHAPES: dict[str, str] = {
    "equal": "filter",
    "notEqual": "filter",
    "lessThan": "filter",
    "lessThanEqual": "filter",
    "greaterThan": "filter",
    "greaterThanEqual": "filter",
    "contains": "filter",
    "search": "filter",
    "startsWith": "filter",
    "endsWith": "filter",
    "isNull": "null",
    "isNotNull": "null",
    "orderAsc": "order",
    "orderDesc": "order",
    "between": "between",
    "select": "select",
    "limit": "page",
    "offset": "page",
    "cursorAfter": "page",
    "cursorBefore": "page",
}


def _lit(text: str) -> pp.ParserElement:
    return pp.Literal(text).leave_whitespace()


def _named(expr: pp.ParserElement, name: str) -> pp.ParserElement:
    return expr.leave_whitespace().set_name(name)


def _number(tokens: pp.ParseResults) -> int | float:
    text = tokens[0]
    return float(text) if "." in text or "e" in text else int(text)


def _representable(tokens: pp.ParseResults) -> bool:
    """The writer's number rule: what reads back as the same number."""
    value = tokens[0]
    if isinstance(value, int):
        return bool(-(2**63) <= value <= 2**63 - 1)
    return math.isfinite(value) and not (value == 0 and math.copysign(1.0, value) < 0)


SP = _named(pp.Regex(" *"), "sp")
METHOD = _named(pp.Word(pp.alphas), "method")
STR_CHAR = _named(pp.Regex(r'[^"\\\ud800-\udfff]'), "str-char")
ESCAPED_QUOTE = _named(_lit('\\"').set_parse_action(pp.replace_with('"')), "'\\\"'")
BACKSLASH_RUN = _named(
    pp.Regex(
        r"(?:\\\\)+(?=\\\")"  # the even part of an odd run before '"'
        r"|(?:\\\\)+(?!\\)"  # an even run
        r"|(?:\\\\)*\\(?=[^\\\",\[\]'])"  # an odd run before any other character
    ),
    "backslash-run",
)
STRING = _named(
    pp.Combine(
        _lit('"') + pp.ZeroOrMore(STR_CHAR | BACKSLASH_RUN | ESCAPED_QUOTE).leave_whitespace() + _lit('"'),
        adjacent=True,
    ).set_parse_action(lambda tokens: tokens[0][1:-1]),
    "string",
)
DIGITS = _named(pp.Word(pp.nums), "digits")
NUMBER = _named(
    pp.Combine(
        pp.Opt(_lit("-"))
        + DIGITS
        + pp.Opt(_lit(".") + DIGITS)
        + pp.Opt(_lit("e") + (_lit("+") | _lit("-")) + DIGITS)
    )
    .set_parse_action(_number)
    .add_condition(_representable, message="a number the server reads back as the same value"),
    "number",
)
BOOLEAN = _named(
    (_lit("true") | _lit("false")).set_parse_action(lambda tokens: tokens[0] == "true"), "boolean"
)
NULL = _named(_lit("null").set_parse_action(pp.replace_with(None)), "null")
SCALAR = _named(STRING | NUMBER | BOOLEAN | NULL, "scalar")


def _items(opening: str, item: pp.ParserElement, closing: str) -> pp.ParserElement:
    """opening sp [ item sp { "," sp item sp } ] closing"""
    listed = item + SP.suppress() + pp.ZeroOrMore(_lit(",").suppress() + SP.suppress() + item + SP.suppress())
    return (
        _lit(opening).suppress()
        + SP.suppress()
        + pp.Opt(listed.leave_whitespace())
        + _lit(closing).suppress()
    )


ARRAY = _named(pp.Group(_items("[", SCALAR, "]")).set_parse_action(lambda tokens: tuple(tokens[0])), "array")
ARGUMENT = _named(SCALAR | ARRAY, "argument")
QUERY = _named(
    METHOD("method") + pp.Group(_items("(", ARGUMENT, ")"))("arguments") + pp.StringEnd().leave_whitespace(),
    "query",
).parse_with_tabs()


def _shape(method: str, args: list[Value | tuple[Value, ...]]) -> tuple[str, str, tuple[Value, ...]] | None:
    """The shape table: which arguments each method takes, and the triple they give."""
    shape = SHAPES.get(method)

    def scalar(arg: object) -> bool:
        return not isinstance(arg, tuple)

    if shape == "select" and len(args) == 1 and isinstance(args[0], tuple):
        return method, "", args[0]
    if shape == "page" and len(args) == 1 and scalar(args[0]):
        return method, "", (args[0],)  # type: ignore[return-value]
    if not args or not isinstance(args[0], str):
        return None
    attribute, rest = args[0], args[1:]
    if shape in ("null", "order") and not rest:
        return method, attribute, ()
    if shape == "between" and len(rest) == 2 and scalar(rest[0]) and scalar(rest[1]):
        return method, attribute, (rest[0], rest[1])  # type: ignore[return-value]
    if shape == "filter" and len(rest) == 1:
        values = rest[0]
        return method, attribute, values if isinstance(values, tuple) else (values,)
    return None


def parse_legacy(text: str) -> tuple[str, str, tuple[Value, ...]] | None:
    """``(method, attribute, values)`` of a canonical legacy query for Appwrite 1.4, or None."""
    try:
        result = QUERY.parse_string(text, parse_all=True)
    except pp.ParseBaseException:
        return None
    return _shape(result["method"], list(result["arguments"]))
