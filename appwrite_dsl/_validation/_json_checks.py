"""The checks of the current validators (JSON syntax, Appwrite 1.5 on)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .._methods import LOGICAL_METHODS, NOT_FILTERS, SERVER_METHODS, TABLE
from .._operand import JSONObject
from .._scan import parameter_type
from ..query import Query
from . import _datetime
from ._attributes import (
    BIGINT,
    BOOLEAN,
    DATETIME,
    FLOAT,
    INTEGER,
    OBJECT,
    RELATIONSHIP,
    SELECT_INTERNAL,
    SEQUENCE,
    SPATIAL,
    STRING,
    UNKNOWN,
    VECTOR,
    Attr,
    Target,
)
from ._values import _is_bigint, _is_sequence, _mixed, is_uid, php_number, range_text, uid_text
from ._versions import _SPATIAL_ONLY, Path, Problem, Profile

if TYPE_CHECKING:
    from typing import Any

_TYPES = {name: TABLE[name].kind for name in NOT_FILTERS & SERVER_METHODS}
"""The validator that types each method that is not a filter (the method table's ``kind``)."""
_ARITY = {name: row.arity for name, row in TABLE.items() if row.arity}
"""The value-count rule of each method the validators count (the method table's ``arity``)."""
EXACTLY_ONE = frozenset(name for name, arity in _ARITY.items() if arity == "exactly-one")
EXACTLY_TWO = frozenset(name for name, arity in _ARITY.items() if arity == "exactly-two")
CONTAINS = frozenset(("contains", "containsAny", "containsAll", "notContains"))
_ON_ARRAYS = CONTAINS | {"isNull", "isNotNull", "exists", "notExists"}
_OBJECT_CHECKED = CONTAINS | {"equal", "notEqual"}
SEARCHES = frozenset(("search", "notSearch"))

_METHOD: Path = ("method",)
_ATTRIBUTE: Path = ("attribute",)
_VALUES: Path = ("values",)
_FIRST: Path = ("values", 0)


def _title(method: str) -> str:
    return method[:1].upper() + method[1:]


def _invalid(description: str, path: Path) -> tuple[str, Path]:
    return ("Invalid query: " + description, path)


def check_json(
    query: Query, method: str, attribute: str | None, values: Sequence[Any] | None, target: Target
) -> Problem:
    """``Validator\\Queries::isValid`` for one query of the JSON era (``method``, ``attribute`` and
    ``values`` are its parts, as the caller read them): its children first, then its type's validator."""
    kind = _TYPES.get(method)
    if kind is None:  # a filter
        if method in LOGICAL_METHODS and values:
            for index, child in enumerate(values):
                problem = check_json(child, child.method, child.attribute, child.values, target)
                if problem is not None:
                    return problem[0], ("values", index, *problem[1])
        if not target.filters:
            return ("Invalid query method: " + method, _METHOD)
        if target.special:
            return _vcs_namespace(query)
        return _filter(method, attribute or "", values or (), target)
    if kind not in target.registered:
        return ("Invalid query method: " + method, _METHOD)
    if kind == "order":
        return _order(method, attribute, target)
    if kind == "limit" or kind == "offset":  # noqa: PLR1714 - two identity tests are faster than a tuple
        return _page(kind, values, target.profile)
    if kind == "cursor":
        if target.special == "branches":
            return _branch_cursor(values)
        if values and is_uid(values[0], target.uid_length):
            return None
        return _invalid("Invalid cursor: " + uid_text(target.uid_length), _page_path(values))
    return _select(values or (), target)


def _page_path(values: Sequence[object] | None) -> Path:
    return _FIRST if values else _VALUES


def _page(kind: str, values: Sequence[object] | None, profile: Profile) -> Problem:
    """Limit and Offset (1.0-1.3: the Range validator alone)."""
    value = values[0] if values else None
    number = php_number(value)
    low, high = profile.limit if kind == "limit" else profile.offset
    if number is None and profile.numeric_first:
        return _invalid("Invalid limit: Value must be a valid number", _page_path(values))  # sic for offset
    if type(number) is not int or not low <= number <= high:
        return _invalid(f"Invalid {kind}: " + range_text(low, high), _page_path(values))
    return None


def _order(method: str, attribute: str | None, target: Target) -> Problem:
    if method == "orderRandom" or not attribute or attribute in target.attributes:
        return None
    head, dot, _ = attribute.partition(".")
    if target.schemaless and not (dot and head in target.attributes):
        return None
    if dot and target.profile.nested == "first" and head in target.attributes:
        return _invalid("Cannot order by nested attribute: " + head, _ATTRIBUTE)
    shown = head if dot and target.profile.nested == "first" else attribute
    return _invalid("Attribute not found in schema: " + shown, _ATTRIBUTE)


def _select(values: Sequence[object], target: Target) -> Problem:
    if not values:
        return _invalid("No attributes selected", _VALUES)
    for index, value in enumerate(values):
        if type(value) is not str:
            return _invalid(
                f"Attribute selection must be a string, got {parameter_type(value)}", ("values", index)
            )
    if len(set(values)) != len(values):
        seen: set[object] = set()
        for index, value in enumerate(values):
            if value in seen:
                return _invalid("Duplicate attributes selected", ("values", index))
            seen.add(value)
    attributes = target.attributes
    for index, value in enumerate(values):
        name: str = value  # type: ignore[assignment]
        if name in SELECT_INTERNAL or name in attributes or target.schemaless:
            continue
        head = name.partition(".")[0]
        if head != name and (head in SELECT_INTERNAL or head in attributes):
            continue
        shown = head if target.profile.nested == "first" else name
        return _invalid("Attribute not found in schema: " + shown, ("values", index))
    return None


_SCALARS = frozenset((INTEGER, FLOAT, BOOLEAN, DATETIME))
# Methods with nothing to check beyond the values' types and the array rule (for strings, contains too).
_PLAIN = frozenset(
    (
        *EXACTLY_ONE,
        *EXACTLY_TWO,
        "equal",
        "isNull",
        "isNotNull",
        "contains",
        "containsAny",
        "containsAll",
        "notContains",
    )
) - {"regex"}


def _filter(method: str, attribute: str, values: Sequence[Any], target: Target) -> Problem:  # noqa: PLR0915
    """The Filter validator: the count rules, then ``isValidAttributeAndValues``."""
    rule = _ARITY.get(method)
    if rule == "at-least-one":
        if not values or (type(values[0]) is tuple and not values[0]):
            return _invalid(f"{_title(method)} queries require at least one value.", _VALUES)
    elif rule == "exactly-one":
        if len(values) != 1:
            return _invalid(f"{_title(method)} queries require exactly one value.", _VALUES)
    elif rule == "exactly-two":
        if len(values) != 2:
            return _invalid(f"{_title(method)} queries require exactly two values.", _VALUES)
    elif rule == "distance":
        first = values[0] if len(values) == 1 else None
        if type(first) not in (tuple, JSONObject) or len(first) != 3:  # type: ignore[arg-type]
            return _invalid("Distance query requires [[geometry, distance]] parameters", _VALUES)
    elif rule == "vector":
        return _vector(method, attribute, values, target)
    elif rule == "two-queries":
        return _logical(method, values, 2)
    elif rule == "one-query":
        if not target.schemaless:
            return _invalid("elemMatch is not supported by the database", _METHOD)
        problem = _is_valid_attribute(attribute, target)
        return problem if problem is not None else _logical(method, values, 1)
    found = target.plain.get(attribute)
    if found is not None:
        name = attribute
    else:
        found = target.attributes.get(attribute)
        problem = _is_valid_attribute(attribute, target)
        if problem is not None:
            return problem
        name = attribute
        if "." in attribute and found is None:
            name = attribute.partition(".")[0]
            found = target.attributes.get(name)
        if method in _EXISTS:
            return _is_valid_attribute(name, target)
        if found is None:  # schemaless, not in the schema
            if len(values) > target.max_values:
                return _invalid(
                    f"Query on attribute has greater than {target.max_values} values: {name}", _VALUES
                )
            return None
        if found.code is RELATIONSHIP and name != attribute:
            return None  # a path below a relationship: checked on the related collection
    if method in _EXISTS:
        return None
    if len(values) > target.max_values:
        return _invalid(f"Query on attribute has greater than {target.max_values} values: {name}", _VALUES)
    # The common cases inline: plain methods on strings, numbers, booleans and dates whose values all fit.
    code = found.code
    if (
        name is attribute
        and method in _PLAIN
        and (code is STRING or (code in _SCALARS and (found.array or method not in CONTAINS)))
    ):
        fits = True
        if code is STRING:
            for value in values:
                if type(value) is not str:
                    fits = False
                    break
        elif code is INTEGER:
            low, high = found.low, found.high
            for value in values:
                if type(value) is not int or not low <= value <= high:
                    fits = False
                    break
        elif code is DATETIME:
            bounds = target.dates
            for value in values:
                if _datetime.valid(value, *bounds) is False:
                    fits = False
                    break
        else:
            kinds = (float, int) if code is FLOAT else (bool, bool)
            for value in values:
                if type(value) not in kinds:
                    fits = False
                    break
        if fits:
            if found.array and method not in _ON_ARRAYS:
                return _invalid(
                    f'Cannot query {method} on attribute "{name}" because it is an array.', _METHOD
                )
            return None
    return _attribute_and_values(method, name, found, values, target, dotted="." in attribute)


_EXISTS = frozenset(("exists", "notExists"))


def _logical(method: str, children: Sequence[Any], least: int) -> Problem:
    for index, child in enumerate(children):
        if child.method in _TYPES:
            return _invalid(
                f"{_logical_name(method)} queries can only contain filter queries", ("values", index)
            )
    if len(children) < least:
        need = "at least two queries" if least == 2 else "at least one query"
        return _invalid(f"{_logical_name(method)} queries require {need}", _VALUES)
    return None


def _logical_name(method: str) -> str:
    return _title(method) if method != "elemMatch" else method


def _is_valid_attribute(attribute: str, target: Target) -> Problem:
    """``Filter::isValidAttribute``: encryption of the full name, then the name (a dotted name not in the
    schema by its first segment)."""
    attributes = target.attributes
    found = attributes.get(attribute)
    if found is not None and found.encrypted:
        return _invalid("Cannot query encrypted attribute: " + attribute, _ATTRIBUTE)
    if found is None and not target.schemaless:
        head = attribute.partition(".")[0]
        if head not in attributes:
            return _invalid("Attribute not found in schema: " + head, _ATTRIBUTE)
    return None


def _lookup(attribute: str, target: Target) -> tuple[Attr | None, str, Problem]:
    """The lookup of the legacy validators: the attribute (None for a path below a relationship, which is
    not checked there), the name the messages use, or the problem."""
    attributes = target.attributes
    found = attributes.get(attribute)
    if found is not None:
        if found.encrypted:
            return None, attribute, _invalid("Cannot query encrypted attribute: " + attribute, _ATTRIBUTE)
        return found, attribute, None
    head, dot, _ = attribute.partition(".")
    nested = target.profile.nested
    if dot and nested != "unknown":
        found = attributes.get(head)
        if found is None:
            return None, head, _invalid("Attribute not found in schema: " + head, _ATTRIBUTE)
        if nested == "refused":
            return None, head, _invalid("Cannot query nested attribute on: " + head, _ATTRIBUTE)
        return (None if found.code is RELATIONSHIP else found), head, None
    return None, attribute, _invalid("Attribute not found in schema: " + attribute, _ATTRIBUTE)


def _vector(method: str, attribute: str, values: Sequence[Any], target: Target) -> Problem:
    problem = _is_valid_attribute(attribute, target)
    if problem is not None:
        return problem
    found = target.attributes.get(attribute)
    name = attribute if found is not None else attribute.partition(".")[0]
    found = found or target.attributes.get(name)
    if found is None or found.code is not VECTOR:
        return _invalid("Vector queries can only be used on vector attributes", _ATTRIBUTE)
    if len(values) != 1:
        return _invalid(f"{_title(method)} queries require exactly one vector value.", _VALUES)
    return _attribute_and_values(method, name, found, values, target, dotted="." in attribute)


def _attribute_and_values(
    method: str, name: str, found: Attr, values: Sequence[Any], target: Target, *, dotted: bool = False
) -> Problem:
    """``isValidAttributeAndValues`` after the lookup and the number of values."""
    code = found.code
    if method in _SPATIAL_ONLY and code is not SPATIAL:
        return _invalid(
            f'Spatial query "{method}" cannot be applied on non-spatial attribute: {name}', _ATTRIBUTE
        )
    if dotted and code is OBJECT:  # a path below an object attribute: its values are texts
        index = next((i for i, value in enumerate(values) if type(value) is not str), None)
    else:
        index = _bad_value(found, method, values, target)
    if index is not None:
        message = _value_message(found, name, values[index], target, dotted=dotted)
        assert message is not None  # a value was refused
        return _invalid(message, ("values", index))
    if found.virtual:
        return _invalid("Cannot query on virtual relationship attribute", _ATTRIBUTE)
    if (
        method in CONTAINS
        and not found.array
        and code is not STRING
        and code is not OBJECT
        and code is not SPATIAL
    ):
        which = "notContains" if method == "notContains" else "contains"
        return _invalid(
            f'Cannot query {which} on attribute "{name}" because it is not an array, string, or object.',
            _METHOD,
        )
    if found.array and method not in _ON_ARRAYS:
        return _invalid(f'Cannot query {method} on attribute "{name}" because it is an array.', _METHOD)
    # Vector methods only reach here on vector attributes (_vector), and an array refuses them above.
    return None


def _bad_value(found: Attr, method: str, values: Sequence[Any], target: Target) -> int | None:
    """The index of the first value the attribute's type refuses, or None."""
    code = found.code
    if code is STRING:
        for index, value in enumerate(values):
            if type(value) is not str:
                return index
        return None
    if code is INTEGER:
        low, high = found.low, found.high
        for index, value in enumerate(values):
            if type(value) is not int or not low <= value <= high:
                return index
        return None
    if code is BIGINT:
        signed = found.low < 0
        for index, value in enumerate(values):
            if not _is_bigint(value, signed, target.unsigned_bigint):
                return index
        return None
    if code is FLOAT:
        for index, value in enumerate(values):
            kind = type(value)
            if kind is not float and kind is not int:
                return index
        return None
    if code is BOOLEAN:
        for index, value in enumerate(values):
            if type(value) is not bool:
                return index
        return None
    if code is DATETIME:
        bounds = target.dates
        for index, value in enumerate(values):
            if _datetime.valid(value, *bounds) is False:
                return index
        return None
    if code is RELATIONSHIP:
        for index, value in enumerate(values):
            if type(value) is not str or len(value) > 255:
                return index
        return None
    if code is SEQUENCE:
        low, uuid = found.low, target.uuid_sequence
        for index, value in enumerate(values):
            if not _is_sequence(value, low, uuid):
                return index
        return None
    if code is OBJECT:
        if method in _OBJECT_CHECKED:
            for index, value in enumerate(values):
                if _mixed(value):
                    return index
        return None
    for index, value in enumerate(values):
        if _value_message(found, "", value, target) is not None:
            return index
    return None


def _value_message(
    found: Attr, name: str, value: object, target: Target, *, dotted: bool = False
) -> str | None:
    """The message for a value the type refuses (None for spatial and vector values that pass)."""
    code = found.code
    if code is SPATIAL:
        return None if type(value) in (tuple, JSONObject) else "Spatial data must be an array"
    if code is VECTOR:
        if type(value) not in (tuple, JSONObject):
            return "Vector query value must be an array"
        items = value.values() if type(value) is JSONObject else value
        if any(php_number(item) is None for item in items):  # type: ignore[attr-defined]
            return "Vector query value must contain only numeric values"
        if len(value) != found.dimensions:  # type: ignore[arg-type]
            return f"Vector query value must have {found.dimensions} elements"
        return None
    if code is OBJECT and not dotted:
        return f'Invalid object query structure for attribute "{name}"'
    if code is UNKNOWN:
        return "Unknown Data type"
    return f'Query value is invalid for attribute "{name}"'


def _branch_cursor(values: Sequence[object] | None) -> Problem:
    value = values[0] if values else None
    if type(value) is str and 1 <= len(value) <= 256:
        return None
    return _invalid(
        "Invalid cursor: Value must be a valid string and at least 1 chars and no longer than 256 chars",
        _page_path(values),
    )


def _vcs_namespace(query: Query) -> Problem:
    """VcsRepositories: only ``equal("namespace", [<string of 1-256 chars>])``."""
    if query.method != "equal":
        return _invalid("Only equal queries are supported for namespace", _METHOD)
    if query.attribute != "namespace":
        return _invalid("Only namespace can be queried", _ATTRIBUTE)
    values = query.values or ()
    if len(values) != 1:
        return _invalid("Namespace query must have exactly one value", _VALUES)
    value = values[0]
    if type(value) is not str or not 1 <= len(value) <= 256:
        return _invalid(
            "Namespace query value must be a string with a maximum length of 256 characters", _FIRST
        )
    return None
