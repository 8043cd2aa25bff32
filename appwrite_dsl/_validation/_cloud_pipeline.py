"""Validation in the cloud dialect: the document and row list endpoints of Appwrite's ``feat-query-lib``
branch (pull request #11649), which parse with utopia-php/query 0.6.0.

What is recorded from that branch's code, and applied here, in the server's order:

* the parameter: ``ArrayList(Text(4096), 100)`` (at most 100 strings of 1 to 4096 characters);
* parsing (:func:`appwrite_dsl._cloud.read_cloud`); Appwrite's wrapper rethrows 0.6.0's message as
  ``general_query_invalid``; a nesting method's child that is not an object is a PHP ``TypeError`` (500);
* ``Validator\\Queries::isValid`` of utopia-php/database ``32823ded``: every top-level query, the children of
  ``and``/``or`` and the non-``on`` queries of a nested join, breadth first, go to the validator of their
  method type; a method without one is ``Invalid query method: <name>``; the ``Join`` and ``Having``
  validators' refusals are ``Invalid query: <description>``.

The attribute checks of that branch's ``Filter``, ``Order``, ``Select``, ``Aggregate``, ``GroupBy`` and
``Distinct`` validators (join and aggregate aliases among them) were not recorded against server code and are
not applied: docs/validation.md lists the gap.
"""

from __future__ import annotations

from collections.abc import Sequence

from .._cloud import JOINS
from .._methods import CLOUD, CLOUD_ACCEPTED
from .._scan import php_type
from ..errors import InvalidQuery
from ..query import Query
from ._pipeline import PARAM, POLICY, SERVER, STRICT, Issue, array_text
from ._policy import Policy, policy_problems
from ._spans import json_span
from ._versions import Path

__all__ = ["run"]

_ARGUMENT, _QUERY, _UNKNOWN = "general_argument_invalid", "general_query_invalid", "general_unknown"
_JOIN_OPERATORS = ("=", "!=", "<", ">", "<=", ">=", "<>")
_LOGICAL = ("and", "or")


def run(
    items: Sequence[object] | None, max_length: int, rules: Policy | None
) -> tuple[list[Query | None], list[Issue]]:
    """Validate one ``queries`` parameter: the parsed queries (None where one fails) and the problems."""
    issues: list[Issue] = []
    if items is None or len(items) > 100:
        issues.append(Issue((0, 0, -1), None, "", 0, 0, PARAM + array_text(max_length), SERVER, _ARGUMENT))
        if items is None:
            return [], issues
    queries: list[Query | None] = []
    for index, value in enumerate(items):
        query = None
        if isinstance(value, Query):
            text = str(value)
        elif isinstance(value, str):
            text = str.__str__(value)
        elif value is None or isinstance(value, (bool, int, float, list, tuple, dict)):
            text = ""  # ArrayList(Text) refuses any other JSON value
        else:
            raise TypeError(
                f"queries must hold str or Query items, not {type(value).__name__} (item {index})"
            )
        if not 0 < len(text) <= max_length or not isinstance(value, (str, Query)):
            message = PARAM + array_text(max_length)
            issues.append(Issue((0, 0, index), index, text, 0, len(text), message, SERVER, _ARGUMENT))
        else:
            try:
                query = Query.parse(text, server_version=CLOUD)
            except InvalidQuery as error:
                issues.append(_parse_issue(index, text, error))
            else:
                issues.extend(_api_issues(index, text, query))
        queries.append(query)
        if query is not None and rules is not None:
            for message, path in policy_problems(query, rules):
                start, end = json_span(text, path)
                issues.append(Issue((2, index, 0), index, text, start, end, message, POLICY, None))
    issues.sort(key=lambda issue: issue.rank)
    return queries, issues


def _parse_issue(index: int, text: str, error: InvalidQuery) -> Issue:
    message, span = error.message, (error.position, error.end)
    if error.status is not None:  # the server refuses it (500: a PHP TypeError)
        error_type = _UNKNOWN if error.status == 500 else _QUERY
        return Issue((0, 1, index), index, text, *span, message, SERVER, error_type)
    return Issue((1, 0, index), index, text, *span, message, STRICT, None)


def _api_issues(index: int, text: str, query: Query) -> list[Issue]:
    """``Validator\\Queries::isValid``'s walk: each query it dispatches, and what refuses it."""
    found = []
    pending: list[tuple[Query, Path]] = [(query, ())]
    while pending:
        node, path = pending.pop(0)
        method = node.method
        values = node.values or ()
        if method in _LOGICAL:
            pending.extend(
                (child, (*path, "values", i)) for i, child in enumerate(values) if type(child) is Query
            )
        if method in JOINS:
            pending.extend(
                (child, (*path, "values", i))
                for i, child in enumerate(values)
                if type(child) is Query and child.method != "on"
            )
        problem = _problem(node)
        if problem is not None:
            message, where = problem
            start, end = json_span(text, (*path, *where))
            found.append(Issue((0, 3, index), index, text, start, end, message, SERVER, _QUERY))
    return found


def _problem(query: Query) -> tuple[str, Path] | None:
    method = query.method
    if method not in CLOUD_ACCEPTED or method == "on":
        if method == "naturalJoin":
            return "Invalid query: Natural joins are not supported", ("method",)
        return "Invalid query method: " + method, ("method",)
    values = query.values or ()
    if method == "having" and not values:
        return "Invalid query: Having requires at least one condition", ()
    if method not in JOINS:
        return None
    if not query.attribute or query.attribute == "0":  # PHP's empty()
        return "Invalid query: Join requires a table name", ("attribute",)
    conditions = [(i, v) for i, v in enumerate(values) if type(v) is Query]
    if not conditions:
        return None  # a flat join: [left, operator, right, alias?]
    for i, condition in conditions:
        if condition.method != "on":
            continue
        sides = condition.values or ()
        left = sides[0] if len(sides) > 0 else ""
        operator = sides[1] if len(sides) > 1 else "="
        right = sides[2] if len(sides) > 2 else ""
        if type(left) is not str or not left or type(right) is not str or not right:
            return "Invalid query: Join ON requires left and right columns", ("values", i)
        if type(operator) is not str or operator not in _JOIN_OPERATORS:
            shown = operator if type(operator) is str else php_type(operator)
            return f"Invalid query: Invalid join operator: {shown}", ("values", i, "values", 1)
    return None
