"""Queries: the tree behind ``{"method":"equal","attribute":"title","values":["Iron Man"]}``.

>>> Query.equal("title", "Iron Man")
<Query '{"method":"equal","attribute":"title","values":["Iron Man"]}'>
>>> str(Query.or_queries([Query.equal("a", 1), Query.is_null("b")]))
'{"method":"or","values":[{"method":"equal","attribute":"a","values":[1]},{"method":"isNull","attribute":"b"}]}'
>>> q = Query.parse('{"values":[25],"method":"limit"}')
>>> q.method, q.attribute, q.values
('limit', None, (25,))
>>> q == Query.limit(25)
True
"""

from __future__ import annotations

import json
import json.encoder
import re
from collections.abc import Iterable, Mapping
from functools import cache

from . import _json
from . import _operand as operands
from ._builders import Builders
from ._cloud import JOINS, read_cloud
from ._methods import CLOUD, LEGACY_FORMS, NOT_FILTERS, SDK_METHODS, SERVER_METHODS, TABLE, version_number
from ._operand import JSONObject
from ._php_json import MAX_CONTAINERS
from ._scan import c_encoder, on_first_use
from ._value import Value
from .errors import InvalidQuery

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from typing import Any, Callable, Literal

    from typing_extensions import TypeAlias

    from ._legacy import LegacyValue
    from ._operand import Operand
else:  # checkers see the import above, and no module __getattr__ that would hide typos

    def __getattr__(name: str) -> object:
        """``Operand``, re-exported from :mod:`appwrite_dsl._operand`, which builds the alias on first use
        (it needs ``typing``, kept off the import path)."""
        if name == "Operand":
            return operands.Operand
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["METHODS", "SERVER_METHODS", "JSONObject", "Operand", "Query", "QueryValue", "syntax_of"]

QueryValue: TypeAlias = "Operand | Query"
"""What ``Query.values`` holds: operands, or nested queries for the methods that nest."""

METHODS = SDK_METHODS
"""Every wire method the Python SDK 27.0.0 writes; :data:`SERVER_METHODS` are those the server parses."""

_NESTING = frozenset(name for name, row in TABLE.items() if row.values == "queries")  # values are all queries
_JOINS = frozenset(name for name, row in TABLE.items() if row.values == "join")  # operands and queries
_SDK_HOLDS = _NESTING | _JOINS  # the SDK's builders nest queries in these
_HOLDS_QUERIES = _SDK_HOLDS | JOINS  # the cloud dialect reads queries among crossJoin's values too
_escape = operands.escape
_PREFIXES = {method: '{"method":"' + method + '"' for method in TABLE}
_VALUES_LEVEL = 2  # a query's operands sit inside its object and its values array
_NONE = (
    "Expected a value, found None: the SDK would leave out the values and the server would read none "
    "(to match null, pass [None])"
)
_PYTHON_DEPTH = "Expected a less deeply nested query: Python's recursion limit was reached while reading it"

refusal = operands.refusal


class Query(Builders, Value):
    """One query: a ``method``, an ``attribute`` and ``values`` (``None`` when left out).

    Build one with the SDK-named builders (:meth:`equal`, :meth:`or_queries`, :meth:`limit`, ...) or read
    one with :meth:`parse`; both give the same immutable, hashable tree. ``values`` is a tuple of operands
    (``str``, ``int``, ``float``, ``bool``, ``None``, tuples, :class:`JSONObject`) or, for ``and``, ``or``,
    ``elemMatch`` and the SDK's ``relationship``, ``having`` and joins, nested queries. ``str(query)`` is the
    JSON syntax, byte for byte what the Python SDK 27.0.0 writes for the same call; where the SDK would write
    something the server rejects or misreads, the builders raise :class:`~appwrite_dsl.InvalidQuery`.
    Equality and hashing follow that text.
    """

    # Filled once by the trusted constructors below (_new, _leaf) or by __init__; the public names are
    # read-only properties.
    __slots__ = ("_attribute", "_json", "_method", "_values")

    _method: str
    _attribute: str | None
    _values: Any  # a tuple, None, or the JSON text of the values: read from it when first asked for
    _json: str | None  # the JSON text, once written

    def __init__(self, method: str, attribute: str | None = None, values: object = None) -> None:
        """Build a query from parts, as the SDK's ``Query(method, attribute, values)`` does.

        ``values`` is a list or tuple of values, or one value; None leaves it out. Children of the
        methods that nest may be queries, their JSON text or dicts.
        """
        if type(method) is not str or method not in METHODS:
            raise refusal(f"Expected a query method the SDK writes, found {method!r}", method)
        items = None if values is None else _values(method, values)
        self._method = method
        self._attribute = None if attribute is None else _attribute(attribute)
        self._values = items
        self._json = None

    @property
    def method(self) -> str:
        """The wire method (``equal``, ``or``, ``limit``, ...)."""
        return self._method

    @property
    def attribute(self) -> str | None:
        """The attribute (the table, for the joins); None when the query has no ``attribute`` member."""
        return self._attribute

    @property
    def values(self) -> tuple[QueryValue, ...] | None:
        """The operands (or nested queries) in order; None when the query has no ``values`` member."""
        values = self._values
        if type(values) is str:  # a builder or the reader's fast path wrote the text: read the values from it
            values = self._values = _read_values(values)
        return values  # type: ignore[no-any-return]

    def _parts(self) -> tuple[str, str | None, tuple[QueryValue, ...] | None]:
        return (self._method, self._attribute, self.values)

    def __str__(self) -> str:
        text = self._json
        if text is None:
            text = self._json = _text(self) if self._method in _HOLDS_QUERIES else _write(self)
        return text

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Query):
            return NotImplemented
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def to_json(self) -> str:
        """The JSON syntax (Appwrite >= 1.5), the same as ``str(query)``."""
        return str(self)

    def to_legacy(self) -> str:
        """The legacy syntax of Appwrite 1.0-1.4 (``equal("title", ["Iron Man"])``).

        Raises InvalidQuery for what that syntax cannot write so that it reads back to the same query:
        nested queries, arrays or objects among the values, an attribute or values where the method's
        legacy form has none (or none where it has one), methods the legacy server does not know, strings
        and numbers it would read back differently.
        """
        from ._legacy_writer import write_query  # noqa: PLC0415 - the legacy syntax is off the import path

        return write_query(self)

    @property
    def queries(self) -> tuple[Query, ...]:
        """The nested queries among the values (of ``and``, ``or``, ``elemMatch``, ...); empty otherwise."""
        return tuple(value for value in self.values or () if isinstance(value, Query))

    @classmethod
    def parse(
        cls,
        text: str | bytes,
        syntax: Literal["auto", "json", "legacy"] = "auto",
        *,
        server_version: str | None = None,
    ) -> Query:
        """Read one query string.

        ``syntax="json"`` reads it as utopia-php/database 7.2.6 (Appwrite 1.9) does: the same methods
        (case-sensitive), key order free, null as a missing key, ``"values"`` read as written; where the
        server refuses the text, the error carries the server's message. ``"legacy"`` reads the syntax of
        Appwrite 1.0-1.4; ``"auto"`` picks JSON for a text whose first character after JSON whitespace is
        ``{`` or ``[`` and the legacy syntax otherwise. ``bytes`` are read as the server reads the
        request's UTF-8.

        ``server_version="cloud-2.5"`` reads the cloud dialect, the JSON syntax as utopia-php/query 0.6.0
        reads it (the joins, aggregates, ``groupBy``, ``having``, ... the Python SDK 27.0.0 writes); an
        Appwrite version picks the syntax of that release (legacy up to 1.4, JSON from 1.5).

        Raises InvalidQuery (a ParseError) for anything else, pointing at the culprit.
        """
        if server_version is None and type(text) is str:  # the common call: the syntax by the first character
            if text[:1] == "{" and syntax in ("auto", "json"):
                query = _json.read_canonical(text, _leaf, _new)  # None unless the SDK's form
                return _json.read(text, _new) if query is None else query
            if syntax in ("auto", "legacy"):
                parts = _read_common(text)  # a text it reads starts with a method: the legacy syntax
                if parts is not None:
                    return _legacy_query(*parts)
        if not isinstance(text, (str, bytes, bytearray)):
            raise TypeError(f"text must be a str or bytes, not {type(text).__name__}")
        if server_version == CLOUD:
            if syntax == "legacy":
                raise ValueError(f"server_version {CLOUD!r} reads the JSON syntax only, not syntax='legacy'")
            return read_cloud(text, _new)
        if server_version is not None and syntax == "auto":
            number = version_number(server_version)
            if number is None:
                raise ValueError(
                    f"server_version must be an Appwrite version such as '1.9.6' or {CLOUD!r}, "
                    f"not {server_version!r}"
                )
            syntax = "legacy" if number < (1, 5, 0) else "json"
        if syntax == "json" or (syntax == "auto" and syntax_of(text) == "json"):
            return _json.read(text, _new)
        if syntax in ("auto", "legacy"):
            return _read_legacy(text)
        raise ValueError(f"syntax must be 'auto', 'json' or 'legacy', not {syntax!r}")


# The tree's mechanics.

_new_instance = object.__new__


def _new(method: str, attribute: str | None, values: tuple[Any, ...] | None) -> Query:
    """The trusted constructor: a query from checked parts, written when first asked for (the readers',
    the nesting builders')."""
    query: Query = _new_instance(Query)
    query._method = method
    query._attribute = attribute
    query._values = values
    query._json = None
    return query


def _leaf(method: str, attribute: str | None, values: str | None) -> Query:
    """A query without nested queries from its checked attribute and the JSON text of its values: the
    builders write the text first, as the SDK does, and read the values back only if asked."""
    text = _PREFIXES[method]
    if attribute is not None:
        text += ',"attribute":' + _escape(attribute)
    if values is not None:
        text += ',"values":' + values
    query: Query = _new_instance(Query)
    query._method = method
    query._attribute = attribute
    query._values = values
    query._json = text + "}"
    return query


def _write(query: Query) -> str:
    """The SDK's bytes for one query whose nested queries, if any, already know theirs."""
    text = _PREFIXES[query._method]
    if query._attribute is not None:
        text += ',"attribute":' + _escape(query._attribute)
    values = query.values
    if values is None:
        return text + "}"
    if query._method not in _HOLDS_QUERIES:
        return text + ',"values":' + operands.encode(values) + "}"  # type: ignore[arg-type] # operands
    items = [str(value) if type(value) is Query else operands.encode(value) for value in values]  # type: ignore[arg-type]
    return text + ',"values":[' + ",".join(items) + "]}"


def _text(query: Query) -> str:
    """Write ``query`` after every nested query not yet written, innermost first and without recursion, so
    that 254 nested ``or`` queries (the server's limit) stay within Python's stack."""
    pending, order = [query], []
    while pending:
        node = pending.pop()
        order.append(node)
        if node._method in _HOLDS_QUERIES and node.values:
            pending.extend(value for value in node.values if type(value) is Query and value._json is None)
    for node in reversed(order[1:]):
        node._json = _write(node)
    return _write(query)


_scan_once = json.JSONDecoder().scan_once  # type: ignore[attr-defined] # json.loads without its Python layers


def _read_values(text: str) -> tuple[Operand, ...]:
    """The values of a leaf from their JSON text, as checked when it was written or read; a flat array
    (no object, no inner array) needs no walk."""
    items = _scan_once(text, 0)[0]
    return tuple(items) if "{" not in text and text.find("[", 1) < 0 else _frozen(items)


def _frozen(value: Any) -> Any:
    """A value read back from a builder's JSON text, made immutable: lists become tuples, objects
    JSONObjects (one Python frame per level of nesting)."""
    kind = type(value)
    if kind is list:
        items = []
        for item in value:
            items.append(_frozen(item) if type(item) is list or type(item) is dict else item)
        return tuple(items)
    if kind is dict:
        members, inner = {}, 0
        for key, member in value.items():
            members[key] = made = _frozen(member)
            inner = max(inner, operands.depth(made))
        return operands.new_object(members, 1 + inner)
    return value


def _depth(value: object, *, exact: bool = False) -> int:
    """How many nested JSON arrays and objects a query or operand is written with. For a builder's query
    whose values were not read back, unless ``exact``, its count of brackets: an upper bound."""
    if type(value) is not Query:
        return operands.depth(value)
    if type(value._values) is str and not exact:
        text: str = value._json  # type: ignore[assignment]
        return text.count("[") + text.count("{")
    deepest = 0
    for item in value.values or ():
        if type(item) is Query or type(item) is tuple or type(item) is JSONObject:
            deepest = max(deepest, _depth(item, exact=exact))
    return 1 if value.values is None else 2 + deepest


def _attribute(value: object) -> str:
    """An attribute (or a table) argument: a ``str``."""
    if type(value) is str:
        return value if value.isascii() else operands.check_text(value)
    if isinstance(value, str):
        return operands.check_text(str.__str__(value))
    if value is None:
        raise refusal(
            "Expected a str as the attribute, found None: the SDK would leave the attribute out", value
        )
    raise refusal(
        f"Expected a str as the attribute, found {type(value).__name__}: the server answers "
        "Invalid query attribute. Must be a string",
        value,
    )


def _not_json(value: object) -> object:
    """``default`` of the values encoder: what json cannot write is refused, a Mapping becomes an object."""
    if isinstance(value, Query):
        raise refusal(
            f"Expected a value, found the query {value}: only and, or, elemMatch (and the SDK's "
            "relationship, having and joins) nest queries; elsewhere the server reads it as an object",
            value,
        )
    return operands.operand(value, 0)


_encode_values = c_encoder(_not_json)
_LIMIT = MAX_CONTAINERS - 1  # arrays and objects a values array may hold, itself included


@cache
def _written_key() -> re.Pattern[str]:
    """A key the encoder may have converted from 1, 1.5, True, None, nan, inf (two may then be equal)."""
    return re.compile(r'"(?=[-0-9tfnNI])(?:-?[0-9][0-9.eE+-]*|true|false|null|NaN|-?Infinity)":')


@cache
def _surrogate_pair() -> re.Pattern[str]:
    """A surrogate pair, as the encoder escapes one."""
    return re.compile(r"\\ud[89ab][0-9a-f]{2}\\ud[c-f][0-9a-f]{2}")


def _array(items: list[Any] | tuple[Any, ...]) -> str:
    """The JSON text of a values array, as the SDK writes it (the same C encoder), or InvalidQuery.

    The encoder itself refuses NaN, infinities, keys and objects JSON has no form for (``allow_nan`` off,
    ``default`` refusing); the rest is looked for in its output: objects PHP reads as arrays (``{}``,
    ``{"0":``), keys that may have been converted from numbers, booleans or None (two may then be equal),
    escapes of surrogates that are not pairs, enough brackets to pass the server's nesting limit. Only then
    :func:`_operands` walks the values, naming the culprit if there is one.
    """
    if _encode_values is None:  # pragma: no cover - CPython builds the C encoder
        return operands.encode(_operands(items))
    try:
        text = "".join(_encode_values(items, 0))
    except (ValueError, TypeError, RecursionError) as error:
        _operands(items)  # raises InvalidQuery naming the culprit, if it is one of ours
        raise refusal(f"Expected values JSON can carry: {error}", items) from None
    if (
        ("{" in text and ("{}" in text or '{"0":' in text or _written_key().search(text)))
        or ("\\" in text and "\\ud" in text and _lone_surrogates(items, text))
        or (len(text) >= 2 * _LIMIT and text.find("[", 1) > 0 and text.count("[") + text.count("{") >= _LIMIT)
    ):
        _operands(items)
    return text


def _lone_surrogates(items: list[Any] | tuple[Any, ...], text: str) -> bool:
    """Whether the encoder's ``text`` of ``items`` may hold a surrogate escape that is not half of a pair."""
    try:  # a list of strings (the common case) is checked in C: UTF-8 has no surrogates
        "".join(items).encode("utf-8")
    except UnicodeEncodeError:
        return True
    except TypeError:  # other values: look at the escapes themselves
        return "\\ud" in _surrogate_pair().sub("", text)
    return False


def _operand(value: object) -> Operand:
    if isinstance(value, Query):
        _not_json(value)
    return operands.operand(value, _VALUES_LEVEL)


def _operands(values: Iterable[object]) -> tuple[Operand, ...]:
    return tuple([_operand(value) for value in values])


def _wrap(value: object) -> str:
    """The SDK's ``values``: a list as it is, any other value as a list of one; the JSON text of it. Unlike
    the SDK, a tuple is a list too, and None is refused (the SDK would leave the values out)."""
    if type(value) is str:
        return "[" + _escape(value if value.isascii() else operands.check_text(value)) + "]"
    kind = type(value)
    if kind is list or kind is tuple or isinstance(value, (list, tuple)):
        return _array(value)  # type: ignore[arg-type]
    if value is None:
        raise refusal(_NONE, value)
    return _array((value,))


def _pair(start: object, end: object) -> str:
    return _array((start, end))


def _alias(alias: object) -> str | None:
    """The aggregates' and ``cross_join``'s alias: no values when it is ``''`` (or None, as in the SDK)."""
    return None if alias == "" or alias is None else _wrap(alias)


def _whole(number: object, name: str) -> None:
    if type(number) is not int:
        raise refusal(f"Expected an int as {name}, found {type(number).__name__}", number)


def _values(method: str, values: object) -> tuple[QueryValue, ...]:
    """The constructor's values: children for the methods that nest, operands elsewhere."""
    items = values if isinstance(values, (list, tuple)) else [values]
    if method in _NESTING:
        return _nested(_children(items))
    if method in _JOINS:
        return _nested(tuple([_child(item) if isinstance(item, Query) else _operand(item) for item in items]))
    return _operands(items)


def _children(queries: object) -> tuple[Query, ...]:
    if isinstance(queries, (str, bytes, Query, Mapping)) or not isinstance(queries, Iterable):
        raise refusal(f"Expected a list of queries, found {type(queries).__name__}", queries)
    return tuple([_child(query) for query in queries])


def _child(query: object) -> Query:
    """A nested query: a Query, the JSON text of one (as the SDK's builders take them) or a decoded dict."""
    if isinstance(query, Query):
        return query
    if isinstance(query, str):
        return _from_text(query)
    if isinstance(query, Mapping):
        return _from_mapping(query)
    raise refusal(f"Expected a query or its JSON text, found {type(query).__name__}", query)


def _from_text(text: str) -> Query:
    """A query from the JSON text the SDK's builders return, read as the SDK reads it (``json.loads``)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidQuery(f"Expected a query in the JSON syntax: {error.msg}", text, error.pos) from None
    except (ValueError, RecursionError):
        raise InvalidQuery("Expected a query in the JSON syntax", text, 0, len(text)) from None
    if not isinstance(data, dict):
        raise InvalidQuery("Expected a query in the JSON syntax: a JSON object", text, 0, len(text))
    try:
        return _from_mapping(data)
    except RecursionError:
        raise InvalidQuery(_PYTHON_DEPTH, text, 0, len(text)) from None


def _from_mapping(data: Mapping[Any, Any]) -> Query:
    extra = [key for key in data if key not in ("method", "attribute", "values")]
    if extra:
        raise refusal(
            f"Expected a query with only method, attribute and values, found {extra[0]!r}", dict(data)
        )
    return Query(data.get("method"), data.get("attribute"), data.get("values"))  # type: ignore[arg-type]


def _nested(values: tuple[QueryValue, ...]) -> tuple[QueryValue, ...]:
    """Values holding queries, after checking the nesting against the server's limit."""
    limit = MAX_CONTAINERS - _VALUES_LEVEL
    if max(map(_depth, values), default=0) > limit and max(_depth(v, exact=True) for v in values) > limit:
        raise refusal(
            f"Expected at most {MAX_CONTAINERS} nested arrays and objects in a query: "
            "the server answers Invalid query: Maximum stack depth exceeded",
            values,
        )
    return values


_LOGICAL_NAMES = {"and": "And", "or": "Or", "elemMatch": "elemMatch"}


def _logical(method: str, attribute: str | None, queries: Iterable[Query | str]) -> Query:
    """``and``, ``or``, ``elemMatch``: refused where the server's validator refuses them (too few children,
    children that are not filters), with its message."""
    children = _children(queries)
    name = _LOGICAL_NAMES[method]
    for child in children:
        if child.method in NOT_FILTERS:
            raise refusal(f"{name} queries can only contain filter queries", str(child))
    if method != "elemMatch" and len(children) < 2:
        raise refusal(
            f"{name} queries require at least two queries", _write(_new(method, attribute, children))
        )
    if not children:
        raise refusal(f"{name} queries require at least one query", _write(_new(method, attribute, children)))
    return _new(method, attribute, _nested(children))


def _join(
    method: str, table: object, left: object, right: object, *, operator: object, alias: object
) -> Query:
    """The SDK's join dispatch: ``left`` a list of :meth:`Query.on` queries; or ``left`` an alias and
    ``right`` the list; or ``left operator right`` and an optional alias."""
    if isinstance(left, (list, tuple)):
        return _new(method, _attribute(table), _nested(_children(left)))
    if isinstance(right, (list, tuple)):
        head = (_operand(left),) if left != "" else ()
        return _new(method, _attribute(table), _nested(head + _children(right)))
    flat = (left, operator, right) if alias == "" else (left, operator, right, alias)
    return _leaf(method, _attribute(table), _array(flat))


_LEGACY_ATTRIBUTE_FORMS = frozenset(("attribute", "filter", "between"))


def syntax_of(text: str | bytes | bytearray) -> Literal["json", "legacy"]:
    """The syntax ``Query.parse(text)`` reads ``text`` in: ``"json"`` when it starts, after JSON
    whitespace, with an object or an array (a legacy query starts with its method name), else ``"legacy"``.
    """
    if isinstance(text, str):
        if text[:1].isalpha():  # a legacy query's method
            return "legacy"
        first = text.lstrip(" \t\n\r")[:1] in ("{", "[")
    else:
        first = bytes(text.lstrip(b" \t\n\r")[:1]) in (b"{", b"[")
    return "json" if first else "legacy"


def _read_legacy(text: str | bytes) -> Query:
    if not isinstance(text, str):
        data = bytes(text)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            position = len(data[: error.start].decode("utf-8", "replace"))
            raise InvalidQuery(
                "Invalid query: Malformed UTF-8 characters, possibly incorrectly encoded",
                data.decode("utf-8", "replace"),
                position,
                position + 1,
            ) from None
    from ._legacy import read_legacy  # noqa: PLC0415 - the legacy syntax is off the import path

    return _legacy_query(*read_legacy(text))


def _legacy_fast_path() -> Callable[[str], tuple[str, str, tuple[LegacyValue, ...]] | None]:
    """The legacy reader's fast path, ``_legacy.read_common``: the syntax of servers up to 1.4 is loaded by
    the first text read in it, off the import path."""
    from ._legacy import read_common  # noqa: PLC0415

    return read_common


_read_common = on_first_use(globals(), "_read_common", _legacy_fast_path)


def _legacy_query(method: str, attribute: str, values: tuple[LegacyValue, ...]) -> Query:
    # The legacy syntax has no absent attribute or values, only empty ones: each method's form says which.
    form = LEGACY_FORMS[method]
    # The strict reader only returns what a query holds as is (scalars: strings without lone surrogates,
    # int64 integers, finite floats), so the parts need no second check.
    return _new(
        method,
        attribute if form in _LEGACY_ATTRIBUTE_FORMS else attribute or None,
        None if form == "attribute" and not values else values,
    )
