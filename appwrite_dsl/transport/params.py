"""Request parameters on the wire: flattening lists and objects the way the SDKs do.

Appwrite reads parameters with PHP-style brackets. The SDKs flatten lists with **indexed** brackets
(``queries[0]=…&queries[1]=…``) and objects with named ones (``data[title]=…``); the REST documentation
writes ``queries[]=…``, which the server reads as the same ordered list.

>>> flatten_params({"queries": ['{"method":"limit","values":[5]}'], "total": False})
[('queries[0]', '{"method":"limit","values":[5]}'), ('total', 'false')]
>>> encode_query({"queries": ["a b", "c&d"]}, style="brackets")
'queries%5B%5D=a+b&queries%5B%5D=c%26d'
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Literal
from urllib.parse import urlencode

__all__ = ["ParamStyle", "encode_query", "flatten_params", "wire_value"]

ParamStyle = Literal["indexed", "brackets"]
"""``"indexed"``: ``queries[0]=…`` as every SDK sends; ``"brackets"``: ``queries[]=…`` as the REST
documentation writes it."""


def wire_value(value: object) -> str:
    """The text of one scalar parameter: booleans as ``true``/``false`` (SDK >= 22), enum members by
    their value, strings as they are, anything else (numbers, ``Query`` objects of this library or of the
    SDK) by ``str()``, which for query objects is their wire form."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    if isinstance(value, (bytes, bytearray, memoryview)):
        raise TypeError("bytes are not a parameter value; decode them, or send them as a file")
    return str(value)


def flatten_params(params: Mapping[str, object], *, style: ParamStyle = "indexed") -> list[tuple[str, str]]:
    """Flatten ``params`` to ordered ``(name, value)`` pairs: lists and tuples as ``name[0]``, ``name[1]``
    (or ``name[]`` with ``style="brackets"``), mappings as ``name[key]``, recursively; ``None`` values
    (at any depth) are left out, as the SDKs leave out unset parameters.

    With ``style="brackets"`` a list may hold only scalars: PHP reads ``a[][x]=1&a[][y]=2`` as two
    one-key objects, so nested containers inside a list raise ValueError there.
    """
    if style not in ("indexed", "brackets"):
        raise ValueError(f"style must be 'indexed' or 'brackets', not {style!r}")
    pairs: list[tuple[str, str]] = []
    for name, value in params.items():
        if not isinstance(name, str):
            raise TypeError(f"parameter names must be str, not {type(name).__name__}")
        _flatten(name, value, style, pairs)
    return pairs


def _flatten(name: str, value: object, style: ParamStyle, out: list[tuple[str, str]]) -> None:
    if value is None:
        return
    if isinstance(value, Mapping):
        for key, item in value.items():
            _flatten(f"{name}[{key}]", item, style, out)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            if style == "brackets":
                if isinstance(item, (Mapping, list, tuple)):
                    raise ValueError(
                        f"{name}[] cannot hold a list or an object: the server would split it into "
                        "one array per field; use style='indexed'"
                    )
                _flatten(f"{name}[]", item, style, out)
            else:
                _flatten(f"{name}[{index}]", item, style, out)
    else:
        out.append((name, wire_value(value)))


def encode_query(params: Mapping[str, object], *, style: ParamStyle = "indexed") -> str:
    """The query string (without ``?``) of ``params``, form-encoded as ``requests`` and the Python SDK
    encode it (space as ``+``, brackets as ``%5B``/``%5D``)."""
    return urlencode(flatten_params(params, style=style))
