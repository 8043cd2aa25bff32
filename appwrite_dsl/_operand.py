"""The operands of queries: the values appwrite_dsl keeps (``str``, ``int``, finite ``float``, ``bool``,
``None``, tuples and the immutable :class:`JSONObject`), how builder arguments become them (or are refused),
and how the SDK writes them: ``json.dumps(..., separators=(",", ":"))``, through the same C encoder.

>>> operand([1, {"b": (2,)}], 0)
(1, JSONObject({'b': (2,)}))
>>> encode(("a", 1, new_object({"k": None}, 1)))
'["a",1,{"k":null}]'
"""

from __future__ import annotations

import json.encoder
import reprlib
from collections.abc import Iterable, Mapping

from . import _scan
from ._php_json import DEPTH, MAX_CONTAINERS, SYNTAX, UTF16
from ._scan import c_encoder
from .errors import InvalidQuery

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing; checkers read the block as true
if TYPE_CHECKING:
    from typing import Any, Callable, NoReturn, Union

    Operand = Union[str, int, float, bool, None, tuple["Operand", ...], "JSONObject"]
    """A query operand as appwrite_dsl stores it: JSON values with tuples for arrays."""

__all__ = [
    "JSONObject",
    "Operand",
    "check_text",
    "depth",
    "encode",
    "escape",
    "list_like_message",
    "new_object",
    "operand",
    "php_list",
    "plain",
    "refusal",
    "write_python",
]


if not TYPE_CHECKING:  # checkers see the alias above, and no module __getattr__ that would hide typos

    def __getattr__(name: str) -> object:
        """``Operand`` for a module that imports it at run time: the alias needs typing, loaded only then."""
        if name == "Operand":
            from typing import Union  # noqa: PLC0415 - off the import path unless asked for

            alias = Union[str, int, float, bool, None, tuple["Operand", ...], "JSONObject"]
            globals()["Operand"] = alias
            return alias
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


escape: Callable[[str], str] = json.encoder.encode_basestring_ascii
"""A ``str`` as the SDK writes it: quoted, ASCII-escaped (the C function behind ``json.dumps``)."""
_shown = reprlib.Repr()
_shown.maxstring = _shown.maxother = 80
_shown.maxlist = _shown.maxtuple = _shown.maxdict = 8


# Immutable JSON objects


class JSONObject(dict):  # type: ignore[type-arg]
    """A JSON object operand (``{"$id": "x"}``): an immutable, hashable ``dict`` with ``str`` keys, in order.

    ``JSONObject({"k": [1, 2]})`` normalises its argument as the query builders do (lists become tuples,
    nested dicts become JSONObjects) and refuses what they refuse. It is a ``dict`` for reading (and for
    ``json.dumps``) whose changing methods raise TypeError. Equality and hashing follow the canonical JSON
    text, so ``{"k": 1}`` and ``{"k": True}`` differ, as they do on the wire, and key order counts.
    """

    __slots__ = ("_depth",)

    _depth: int

    def __init__(self, members: Mapping[Any, object] | None = None) -> None:
        made = operand({} if members is None else dict(members), 0)
        assert isinstance(made, JSONObject)
        _fill(self, made, made._depth)

    def __str__(self) -> str:
        return encode(self)

    def __repr__(self) -> str:
        return f"JSONObject({dict.__repr__(self)})"

    def __eq__(self, other: object) -> bool:
        if isinstance(other, JSONObject):
            return str(self) == str(other)
        if isinstance(other, Mapping):
            try:
                return str(self) == str(JSONObject(other))
            except InvalidQuery:
                return False
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:  # type: ignore[override]
        return hash(str(self))

    def __reduce__(self) -> tuple[type[JSONObject], tuple[dict[str, Operand]]]:
        return (JSONObject, (dict(self),))

    def _immutable(self, *args: object, **kwargs: object) -> NoReturn:
        """Raise TypeError: a JSONObject cannot be changed (build a new one from a changed ``dict``)."""
        raise TypeError("JSONObject objects are immutable")

    __setitem__ = __delitem__ = __ior__ = _immutable
    clear = pop = popitem = setdefault = update = _immutable


_dict_update = dict.update
_set_depth = JSONObject.__dict__["_depth"].__set__


def _fill(target: JSONObject, items: dict[str, Operand], depth_: int) -> None:
    _dict_update(target, items)
    _set_depth(target, depth_)


def new_object(items: dict[str, Operand], depth_: int) -> JSONObject:
    """A JSONObject of checked members, nested ``depth_`` arrays and objects deep."""
    made: JSONObject = dict.__new__(JSONObject)
    _fill(made, items, depth_)
    return made


def depth(value: object) -> int:
    """How many nested JSON arrays and objects an operand is written with (0 for a scalar)."""
    kind = type(value)
    if kind is tuple:
        inner = 0
        for item in value:  # type: ignore[attr-defined]
            if type(item) is tuple or type(item) is JSONObject:
                inner = max(inner, depth(item))
        return 1 + inner
    if kind is JSONObject:
        return value._depth  # type: ignore[attr-defined, no-any-return]
    return 0


# Writing


def write_python(value: Operand) -> str:
    """:func:`encode` in Python, for interpreters without json's C encoder."""
    kind = type(value)
    if kind is str:
        return escape(value)  # type: ignore[arg-type]
    if kind is int or kind is float:
        return repr(value)
    if kind is bool:
        return "true" if value else "false"
    if value is None:
        return "null"
    if kind is tuple:
        return "[" + ",".join([write_python(item) for item in value]) + "]"  # type: ignore[union-attr]
    members = value.items()  # type: ignore[union-attr]
    return "{" + ",".join([escape(key) + ":" + write_python(member) for key, member in members]) + "}"


_write_fast = c_encoder(None)


def encode(value: Operand) -> str:
    """The SDK's bytes for one operand: ``json.dumps(value, separators=(",", ":"))`` as the SDK calls it,
    through the same C encoder when the interpreter has it."""
    if _write_fast is None:  # pragma: no cover - CPython builds the C encoder
        return write_python(value)
    return "".join(_write_fast(value, 0))


# Normalising builder arguments


def refusal(message: str, value: object) -> InvalidQuery:
    """The error about a builder argument; its source is the argument, or a short repr of it."""
    if isinstance(value, str) and value.isprintable():
        shown = value
    else:
        try:
            shown = _shown.repr(value)
        except ValueError:  # an int of more than 4300 digits
            shown = f"<{type(value).__name__}>"
    return InvalidQuery(message, shown, 0, len(shown))


def check_text(value: str) -> str:
    """Return ``value`` unless it holds a lone surrogate, which the server cannot read."""
    if not value.isascii():
        found = _scan.SURROGATE.search(value)
        if found is not None:
            raise refusal(
                f"Expected valid Unicode text, found the lone surrogate {found.group()!r}: "
                f"the server answers Invalid query: {UTF16}",
                value,
            )
    return value


def _too_deep(value: object) -> InvalidQuery:
    return refusal(
        f"Expected at most {MAX_CONTAINERS} nested arrays and objects in a query: the server answers "
        f"Invalid query: {DEPTH}",
        value,
    )


def operand(value: object, level: int) -> Operand:
    """Turn a builder argument into a stored operand, refusing what the server would misread or reject.

    ``level`` counts the JSON arrays and objects already around the value. Lists and tuples become tuples,
    dicts become :class:`JSONObject`; ``str``/``int``/``float`` subclasses (enums) become the plain value the
    SDK writes. Raises InvalidQuery for non-finite floats, lone surrogates, objects the SDK would write from
    their ``__dict__`` (or fail on), dict keys the SDK cannot write or writes twice, objects the server reads
    as arrays, and nesting beyond the server's limit.
    """
    kind = type(value)
    if kind is str:
        return check_text(value)  # type: ignore[arg-type]
    if kind is int or kind is bool or value is None:
        return value  # type: ignore[return-value]
    if kind is float:
        if value - value == 0.0:  # type: ignore[operator]
            return value  # type: ignore[return-value]
        raise refusal(
            f"Expected a finite number, found {value!r}: JSON has no NaN or Infinity, the SDK would write it "
            f"bare and the server answers Invalid query: {SYNTAX}",
            value,
        )
    if kind is list or kind is tuple or kind is dict:
        return _container(value, level)  # type: ignore[arg-type]
    if kind is JSONObject:
        if level + value._depth > MAX_CONTAINERS:  # type: ignore[attr-defined]
            raise _too_deep(value)
        return value  # type: ignore[return-value]
    if isinstance(value, str):
        return check_text(str.__str__(value))
    if isinstance(value, bool):  # pragma: no cover - bool cannot be subclassed
        return value
    if isinstance(value, int):
        return int.__int__(value)
    if isinstance(value, float):
        return operand(float.__float__(value), level)
    if isinstance(value, (list, tuple)):
        return operand(list(value), level)
    if isinstance(value, Mapping):
        return operand(dict(value), level)
    raise refusal(
        "Expected a str, int, float, bool, None, list, tuple or dict as a value, found "
        f"{type(value).__module__}.{type(value).__qualname__} (the SDK would write its __dict__, or fail)",
        value,
    )


def plain(items: Iterable[object]) -> bool:
    """Whether every item is an ASCII ``str``, an ``int``, a ``bool``, None or a finite ``float``: items kept
    exactly as they are (the common case, checked without a call per item)."""
    for item in items:
        kind = type(item)
        if kind is str:
            if not item.isascii():  # type: ignore[attr-defined]
                return False
        elif kind is float:
            if item - item != 0.0:  # type: ignore[operator]
                return False
        elif kind is not int and kind is not bool and item is not None:
            return False
    return True


def _key(key: object, where: dict[Any, object]) -> str:
    """The key the SDK writes for a dict key: ``1`` -> ``"1"``, ``True`` -> ``"true"``, None -> ``"null"``."""
    if type(key) is str:
        return check_text(key)
    if isinstance(key, str):
        return check_text(str.__str__(key))
    if key is True or key is False or key is None:
        return encode(key)
    if isinstance(key, int):
        return int.__repr__(key)
    if isinstance(key, float):
        return float.__repr__(key)
    raise refusal(f"Expected str keys in an object, found the {type(key).__name__} key {key!r}", where)


def _container(value: list[Any] | tuple[Any, ...] | dict[Any, Any], level: int) -> Operand:
    """A list, tuple or dict argument as a tuple or a JSONObject: one Python frame per level of nesting, so
    that the server's 511 levels fit in the stack."""
    if level >= MAX_CONTAINERS:
        raise _too_deep(value)
    if type(value) is not dict:
        if plain(value):
            return tuple(value)
        items = []
        for item in value:
            kind = type(item)
            if kind is list or kind is tuple or kind is dict:
                items.append(_container(item, level + 1))
            else:
                items.append(operand(item, level + 1))
        return tuple(items)
    members: dict[str, Operand] = {}
    inner = 0  # the deepest member
    for key, member in value.items():
        name = key if type(key) is str and key.isascii() else _key(key, value)
        if name in members:
            raise refusal(
                f"Expected distinct keys in an object, found the key {name!r} twice once written", value
            )
        kind = type(member)
        if (kind is str and member.isascii()) or kind is int or kind is bool or member is None:
            members[name] = member
            continue
        if kind is list or kind is tuple or kind is dict:
            members[name] = made = _container(member, level + 1)
        else:
            members[name] = made = operand(member, level + 1)
        inner = max(inner, depth(made))
    if php_list(members):
        raise refusal(list_like_message(members), value)
    return new_object(members, 1 + inner)


def php_list(items: Mapping[str, object]) -> bool:
    """Whether PHP's decoder turns the object into a list (keys "0", "1", ... in order, or no key at all)."""
    return not items or ("0" in items and all(key == str(index) for index, key in enumerate(items)))


def list_like_message(items: Mapping[str, Operand]) -> str:
    if not items:
        return "Expected a non-empty object: the server reads {} as the empty array []"
    return (
        'Expected an object whose keys are not "0", "1", ... in order: the server reads it as the array '
        + encode(tuple(items.values()))
    )
