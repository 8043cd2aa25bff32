"""How PHP builds ``$_GET`` from query parameters, for one variable: bracket paths, keys and appends.

Appwrite runs on Swoole, which parses the query string with PHP's own ``php_register_variable_safe``
(swoole-src ``thirdparty/php/main/SAPI.h``, ``swoole_php_treat_data``); utopia-php/http hands that array
(``$this->swoole->get``) to the route's parameters, and utopia-php/validators' ``ArrayList`` iterates it in
insertion order, whatever its keys. This module follows ``php_register_variable_ex`` (php-src
``main/php_variables.c``) and the Zend hash rules it relies on:

- leading spaces of a name are dropped; before the first ``[``, ``' '`` and ``'.'`` become ``_``;
- ``[]`` and ``[ ]`` append at the next free integer key (one more than the largest integer key so far, as
  PHP 8.3 and later count, negative keys included; 0 in an array without one; nothing when that key is
  taken, which happens only after the key ``PHP_INT_MAX``);
- ``[k]`` sets key ``k``: a canonical decimal integer in range (``0``, ``7``, ``-3``; not ``07``, ``-0``
  or ``+1``) is an integer key, anything else a string key; setting an existing key keeps its place;
- text after a ``]`` that is not ``[`` is ignored; a first ``[`` without ``]`` is no bracket at all (the name
  becomes ``name_...``); past 64 levels of brackets the whole variable is dropped;
- a name ends at its first NUL character (``%00``: PHP reads it as a C string);
- only the first 1000 parameters are read (``max_input_vars``; Swoole counts them in ``swoole_php_treat_data``
  and stops there).
"""

from __future__ import annotations

import re
from typing import Union

__all__ = ["PHPArray", "Value", "read_variable"]

MAX_NESTING = 64
"""``max_input_nesting_level``'s default."""
MAX_VARIABLES = 1000
"""``max_input_vars``'s default."""
_LONG_MAX = 2**63 - 1
_LONG_MIN = -(2**63)
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)")

Key = Union[int, str]


class PHPArray:
    """An ordered PHP array: ``items`` in insertion order and the next key ``[]`` appends at."""

    __slots__ = ("items", "next_free")

    def __init__(self) -> None:
        self.items: dict[Key, Value] = {}
        self.next_free: int | None = None

    def set(self, key: Key, value: Value) -> None:
        self.items[key] = value
        if isinstance(key, int) and (self.next_free is None or key >= self.next_free):
            self.next_free = key + 1 if key < _LONG_MAX else _LONG_MAX

    def append(self, value: Value) -> bool:
        key = 0 if self.next_free is None else self.next_free
        if key in self.items:
            return False
        self.set(key, value)
        return True

    def child(self, key: Key) -> PHPArray:
        """The array at ``key``, made (in place of any string there) when it is not one."""
        found = self.items.get(key)
        if isinstance(found, PHPArray):
            return found
        made = PHPArray()
        self.set(key, made)
        return made


Value = Union[str, PHPArray]


def array_key(text: str) -> Key:
    """``ZEND_HANDLE_NUMERIC_STR``: a canonical decimal integer in range is an integer key."""
    if _DECIMAL.fullmatch(text) and text != "-0":
        number = int(text)
        if _LONG_MIN <= number <= _LONG_MAX:
            return number
    return text


def variable_name(key: str) -> str:
    """The name PHP files ``key`` under (what precedes its brackets), or "" for none."""
    key = key.lstrip(" ")
    cut = key.find("[")
    if cut != -1 and key.find("]", cut + 1) != -1:
        key = key[:cut]
    elif cut != -1:  # an unclosed first bracket is part of the name
        key = key[:cut] + "_" + key[cut + 1 :].replace("[", "_")
    return key.replace(" ", "_").replace(".", "_")


def _register(root: PHPArray, key: str, value: str) -> None:
    """``php_register_variable_ex`` for a key whose name is known to have a closed first bracket."""
    key = key.lstrip(" ")
    at = key.find("[")
    index: Key | None = array_key(variable_name(key))
    table = root
    top = index
    nesting = 0
    while True:
        nesting += 1
        if nesting > MAX_NESTING:
            root.items.pop(top, None)  # type: ignore[arg-type]
            return
        at += 1
        start = at
        if key[at : at + 1] == " ":
            at += 1
        if key[at : at + 1] == "]":
            new_index: Key | None = None
        else:
            close = key.find("]", at)
            if close == -1:  # not an index: what was read so far takes the value
                break
            new_index = array_key(key[start:close])
            at = close
        if index is None:
            made = PHPArray()
            if not table.append(made):
                return
            table = made
        else:
            table = table.child(index)
        index = new_index
        at += 1
        if key[at : at + 1] != "[":
            break
    if index is None:
        table.append(value)
    else:
        table.set(index, value)


def read_variable(pairs: list[tuple[str, str]], name: str, *, bare_appends: bool) -> Value | None:
    """The value PHP gives the variable ``name`` from decoded ``(key, value)`` pairs, in order; None when
    no pair names it. With ``bare_appends``, a bare ``name=v`` counts as ``name[]=v`` (PHP would replace
    the variable with the string)."""
    root = PHPArray()
    for given, value in pairs[:MAX_VARIABLES]:
        key = given.partition("\x00")[0]
        if variable_name(key) != name:
            continue
        bracketed = "[" in key
        if not bracketed and not bare_appends:
            root.set(array_key(name), value)
        else:
            _register(root, key if bracketed else name + "[]", value)
    return root.items.get(array_key(name))
