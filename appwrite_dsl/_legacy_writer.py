"""The legacy query syntax's canonical writer (Appwrite 1.0 to 1.4): ``(method, attribute, values)`` as the
string the server of a version reads back to the same triple, or InvalidQuery for what the syntax cannot
carry; :func:`write_query` for ``Query.to_legacy``. The reader, and the grammar both follow, are in
:mod:`appwrite_dsl._legacy`.

>>> print(write_legacy("equal", "role", ['x", "admin']))
equal("role", ["x\\", \\"admin"])
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from . import _scan
from ._legacy import _DROPPED_AFTER_BACKSLASH, _cut, _unknown_method
from ._methods import DEFAULT_VERSION, LEGACY_FORMS, legacy_release
from ._operand import JSONObject
from ._scan import INT64_MAX, INT64_MIN
from .errors import InvalidQuery
from .query import _LEGACY_ATTRIBUTE_FORMS, _SDK_HOLDS, Query

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from typing import NoReturn

    from ._legacy import LegacyValue

__all__ = ["write_legacy", "write_query"]


_ODD_RUN = re.compile(r'(?<!\\)(?:\\\\)*\\(?=[,\[\]"\']|\Z)')


def write_legacy(
    method: str, attribute: str, values: Sequence[LegacyValue], *, version: str = DEFAULT_VERSION
) -> str:
    """Write ``(method, attribute, values)`` as a canonical legacy query string for ``version``.

    The server of that version reads the result back to exactly the same triple. Raises InvalidQuery for
    a method the version lacks, a shape the method does not take (``between`` takes two values, ``limit``
    one value and no attribute, ``isNull`` and the order methods no values, ``select`` no attribute) and any
    value the syntax cannot carry (see the module documentation).
    """
    release = legacy_release(version)
    if not isinstance(method, str) or method not in release.methods:
        text = method if isinstance(method, str) else repr(method)
        message = _unknown_method(text, release) if isinstance(method, str) else "Expected a method name"
        raise InvalidQuery(message, text, 0, len(text))
    checked: object = attribute
    if not isinstance(checked, str):
        text = repr(checked)
        raise InvalidQuery(
            f"Expected the attribute as a str, found {type(checked).__name__}", text, 0, len(text)
        )
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        text = repr(values)
        raise InvalidQuery(
            f"Expected the values as a list or tuple, found {type(values).__name__}", text, 0, len(text)
        )
    form = LEGACY_FORMS[method]
    count = len(values)
    if form in ("page", "select") and attribute:
        _refuse_shape(f"Expected no attribute for {method}, found {_cut(attribute)}", attribute)
    if form == "page":
        if count != 1:
            _refuse_shape(f"Expected exactly 1 value for {method}, found {count}", method)
        return f"{method}({_write_scalar(values[0], 'values[0]')})"
    if form == "attribute":
        if count:
            _refuse_shape(f"Expected no values for {method}, found {count}", method)
        return f'{method}("{_write_string(attribute, "the attribute")}")'
    if form == "between":
        if count != 2:
            _refuse_shape(f"Expected exactly 2 values for between (its bounds), found {count}", method)
        low, high = _write_scalar(values[0], "values[0]"), _write_scalar(values[1], "values[1]")
        return f'between("{_write_string(attribute, "the attribute")}", {low}, {high})'
    items = [_write_scalar(value, f"values[{index}]") for index, value in enumerate(values)]
    if release.drops_bare_zero and items and items[-1] == "0":
        items[-1] = "-0"
    if form == "select":
        return f"select([{','.join(items)}])"
    return f'{method}("{_write_string(attribute, "the attribute")}", [{",".join(items)}])'


def _refuse_shape(message: str, source: str) -> NoReturn:
    raise InvalidQuery(message, source, 0, len(source))


def _write_string(value: str, what: str) -> str:
    """The content of a canonical string: ``"`` escaped as ``\\"``, every other character as it is."""
    if "\\" in value:
        odd = _ODD_RUN.search(value)
        if odd is not None:
            last = odd.end() - 1
            after = value[last + 1 : last + 2]
            why = (
                "the server drops one backslash of an odd run before , [ ] and '"
                if after in _DROPPED_AFTER_BACKSLASH
                else "an odd run of backslashes escapes the closing quote"
                if not after
                else 'an odd run of backslashes before " cannot be told from an escaped quote'
            )
            raise InvalidQuery(f"Cannot write {what} in the legacy syntax: {why}", value, last, last + 1)
    if not value.isascii():
        surrogate = _scan.SURROGATE.search(value)
        if surrogate is not None:
            at = surrogate.start()
            raise InvalidQuery(
                f"Cannot write {what} in the legacy syntax: it holds the lone surrogate "
                f"{surrogate.group()!r}, which is not Unicode",
                value,
                at,
                at + 1,
            )
    return value.replace('"', '\\"')


def _write_scalar(value: object, what: str) -> str:
    """scalar = string | number | boolean | null ;"""
    if isinstance(value, str):
        return '"' + _write_string(value, what) + '"'
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        if INT64_MIN <= value <= INT64_MAX:
            return int.__repr__(value)
        problem = "the server reads integers outside the signed 64-bit range as floats"
    elif isinstance(value, float):
        if math.isfinite(value) and (value != 0.0 or math.copysign(1.0, value) > 0):
            return float.__repr__(value)
        problem = (
            "-0.0 is read back as 0.0"
            if math.isfinite(value)
            else "infinity and NaN have no canonical form (NaN reads as a string)"
        )
    elif isinstance(value, (list, tuple)):
        problem = "lists cannot be nested (the server flattens them)"
    else:
        problem = f"expected str, int, float, bool or None, found {type(value).__name__}"
    text = repr(value)
    raise InvalidQuery(f"Cannot write {what} in the legacy syntax: {problem}", text, 0, len(text))


def write_query(query: Query) -> str:
    """``query`` in the legacy syntax of Appwrite 1.0-1.4, or InvalidQuery for what that syntax cannot write
    so that it reads back to the same query: nested queries, arrays or objects among the values, an
    attribute or values where the method's legacy form has none (or none where it has one), and what
    :func:`write_legacy` refuses."""
    text = str(query)
    method, attribute, values = query.method, query.attribute, query.values
    if method in _SDK_HOLDS or any(type(value) in (tuple, JSONObject, Query) for value in values or ()):
        raise InvalidQuery(
            "Expected a query without nested queries, arrays or objects: the legacy syntax cannot write them",
            text,
            0,
            len(text),
        )
    form = LEGACY_FORMS.get(method, "")
    problem = None
    if form in _LEGACY_ATTRIBUTE_FORMS and attribute is None:
        problem = f"Expected an attribute for {method}: the legacy syntax cannot leave it out"
    elif form not in _LEGACY_ATTRIBUTE_FORMS and form and attribute is not None:
        problem = f"Expected no attribute for {method}: its legacy form has none"
    elif form == "attribute" and values is not None:
        problem = f"Expected no values for {method}: its legacy form has none"
    elif form not in ("attribute", "") and values is None:
        problem = f"Expected values for {method}: the legacy syntax cannot leave them out"
    if problem is not None:
        raise InvalidQuery(problem, text, 0, len(text))
    scalars: tuple[LegacyValue, ...] = values or ()  # type: ignore[assignment] # checked above
    return write_legacy(method, attribute or "", scalars)
