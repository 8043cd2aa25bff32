"""Secrets written in a project file (AW306): where they are, what they look like, and how to mask them.

The detector is conservative, to stay quiet on real project files full of IDs, hashes and commands:

* tokens with a well-known shape, anywhere in the text: an Appwrite API key (``standard_`` and a long
  hexadecimal key), GitHub, Stripe, Slack, AWS, Google, OpenAI/Anthropic and SendGrid keys, private key
  blocks, JSON Web Tokens, URLs with a password;
* the value of a function or site variable (``vars``, an object of names or a list of ``key``/``value``
  pairs, as CLIs of every era wrote it) whose name ends like a secret's (``..._SECRET``, ``..._TOKEN``,
  ``..._PASSWORD``, ``..._API_KEY``) and that is not a placeholder (``${...}``, ``<your key>``, ``changeme``).

A high-entropy string alone is never reported: IDs, hashes and build commands look the same.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import NamedTuple

from ._reader import Array, Document, Node, Object, Opaque, String

__all__ = ["Secret", "find", "mask", "masked_line"]


class Secret(NamedTuple):
    """A secret at ``text[start:end]``; the first ``keep`` characters (a public prefix) stay visible."""

    start: int
    end: int
    keep: int
    kind: str
    path: tuple[str | int, ...]


# (what it is, pattern, how many leading characters are a public prefix). Each pattern starts with a literal,
# which the regular expression engine searches fast; the word boundary before it is checked apart.
_TOKENS: tuple[tuple[str, re.Pattern[str], int], ...] = (
    ("an Appwrite API key", re.compile(r"standard_[0-9a-fA-F]{32,}"), len("standard_")),
    ("a GitHub token", re.compile(r"gh[pousr]_[A-Za-z0-9]{36,}"), 4),
    ("a GitHub token", re.compile(r"github_pat_[A-Za-z0-9_]{40,}"), 11),
    ("a Stripe key", re.compile(r"sk_(?:live|test)_[A-Za-z0-9]{16,}"), 3),
    ("a Stripe key", re.compile(r"rk_(?:live|test)_[A-Za-z0-9]{16,}"), 3),
    ("a Stripe key", re.compile(r"whsec_[A-Za-z0-9]{24,}"), 6),
    ("a Slack token", re.compile(r"xox[abposr]-[A-Za-z0-9-]{10,}"), 5),
    (
        "a Slack webhook URL",
        re.compile(r"https://hooks\.slack\.com/services/[A-Za-z0-9]+/[A-Za-z0-9]+/[A-Za-z0-9]{16,}"),
        len("https://hooks.slack.com/services/"),
    ),
    ("an AWS access key ID", re.compile(r"AKIA[0-9A-Z]{16}(?![0-9A-Za-z])"), 4),
    ("an AWS access key ID", re.compile(r"ASIA[0-9A-Z]{16}(?![0-9A-Za-z])"), 4),
    ("a Google API key", re.compile(r"AIza[0-9A-Za-z_-]{35}"), 4),
    ("an OpenAI or Anthropic API key", re.compile(r"sk-(?:[A-Za-z0-9]+-)*[A-Za-z0-9_-]{32,}"), 3),
    ("a SendGrid API key", re.compile(r"SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}"), 3),
    ("a private key", re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----[^\"]*"), 0),
    ("a JSON Web Token", re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,}"), 0),
)
# The password of scheme://user:password@host (the scheme is checked apart).
_URL_PASSWORD = re.compile(r"://[^\s:/@\"\\]*:([^\s:/@\"\\]{3,})@")
_PLACEHOLDER = re.compile(
    r"^[$<{%\[*]|your|change.?me|example|placeholder|xxxx|\.\.\.|^(?:password|pass|secret|token|none|null|"
    r"undefined|test|dummy|fake|todo)$",
    re.IGNORECASE,
)
_SECRET_NAME = re.compile(
    r"(?:secret|token|passw(?:or)?d|pwd|api_?key|apikey|private_?key|access_?key|auth_?key|secret_?key)$",
    re.IGNORECASE,
)


def _placeholder(value: str) -> bool:
    return bool(_PLACEHOLDER.search(value)) or len(set(value)) <= 2


def _word_start(text: str, start: int) -> bool:
    """Whether a word starts at ``start`` (no letter, digit or ``_`` before it)."""
    return start == 0 or not (text[start - 1].isalnum() or text[start - 1] == "_")


def _tokens(text: str) -> Iterator[tuple[int, int, int, str]]:
    for kind, pattern, keep in _TOKENS:
        for match in pattern.finditer(text):
            if _word_start(text, match.start()) and not _PLACEHOLDER.search(match.group()):
                yield match.start(), match.end(), keep, kind
    for match in _URL_PASSWORD.finditer(text):
        start = match.start()
        if start and text[start - 1].isalnum() and not _placeholder(match.group(1)):
            yield match.start(1), match.end(1), 0, "a password in a URL"


def find_in_text(text: str) -> list[tuple[int, int, int]]:
    """Spans of well-known secret tokens in any text, for masking a file that is not JSON."""
    return sorted((start, end, keep) for start, end, keep, _ in _tokens(text))


def _locate(document: Document, offsets: list[int]) -> dict[int, tuple[str | int, ...]]:
    """The path of the string containing each of the sorted ``offsets`` (offsets outside strings, in keys
    for instance, are left out). Only the containers holding an offset are entered."""
    paths: dict[int, tuple[str | int, ...]] = {}
    stack: list[tuple[Node, tuple[str | int, ...]]] = [(document.root, ())]
    while stack:
        node, path = stack.pop()
        first = bisect.bisect_left(offsets, node.start)
        if first == len(offsets) or offsets[first] >= node.end:
            continue  # no offset inside
        if isinstance(node, Opaque):
            node = document.expand(node)
        if isinstance(node, String):
            for offset in offsets[first : bisect.bisect_left(offsets, node.end)]:
                paths[offset] = path
            continue
        children: Iterator[tuple[str | int, Node]]
        if isinstance(node, Object):
            children = iter(node.members.items())
        elif isinstance(node, Array):
            children = enumerate(node.items)
        else:
            continue
        stack.extend((child, (*path, step)) for step, child in children)
    return paths


def _secret_names(value: object) -> bool:
    """Whether variables read without positions (an object of names, or a list of key/value pairs) have a
    name like a secret's."""
    if isinstance(value, dict):
        names = list(value)
    elif isinstance(value, list):
        names = [item.get("key") for item in value if isinstance(item, dict)]
    else:
        return False
    return any(isinstance(name, str) and _SECRET_NAME.search(name) for name in names)


def _vars(document: Document) -> Iterator[tuple[str, String, tuple[str | int, ...]]]:
    """Every variable of every function and site: its name, its value node and the value's path."""
    root = document.root
    if not isinstance(root, Object):
        return
    for array_key in ("functions", "sites"):
        array = root.members.get(array_key)
        if not isinstance(array, Array):
            continue
        for index, entity in enumerate(array.items):
            node = entity.members.get("vars") if isinstance(entity, Object) else None
            if node is None or (isinstance(node, Opaque) and not _secret_names(node.value)):
                continue
            node = document.expand(node)
            base: tuple[str | int, ...] = (array_key, index, "vars")
            if isinstance(node, Object):
                for name, member in node.members.items():
                    if isinstance(member, String):
                        yield name, member, (*base, name)
            elif isinstance(node, Array):
                for position, item in enumerate(node.items):
                    if not isinstance(item, Object):
                        continue
                    key, text = item.members.get("key"), item.members.get("value")
                    if isinstance(key, String) and isinstance(text, String):
                        yield key.value, text, (*base, position, "value")


def find(document: Document) -> list[Secret]:
    """Every secret in ``document``, in text order, each once."""
    found: dict[int, Secret] = {}
    tokens = sorted(_tokens(document.text))
    paths = _locate(document, [start for start, *_ in tokens])
    for start, end, keep, kind in tokens:
        if start in paths and start not in found:
            found[start] = Secret(start, end, keep, kind, paths[start])
    for name, node, path in _vars(document):
        value = node.value
        if not _SECRET_NAME.search(name) or len(value) < 8 or any(c.isspace() for c in value):
            continue
        if _placeholder(value) or value.isdigit() or node.start + 1 in found:
            continue
        found[node.start + 1] = Secret(node.start + 1, node.end - 1, 0, f'the value of "{name}"', path)
    return [found[start] for start in sorted(found)]


def mask(value: str, keep: int) -> str:
    """``value`` masked for display: its public prefix, asterisks, and its length."""
    return f"{value[:keep]}{'*' * 8} ({len(value)} characters)"


def masked_line(line: str, spans: list[tuple[int, int, int]]) -> str:
    """``line`` with each ``(start, end, keep)`` span (0-based, within the line) replaced by asterisks after
    its first ``keep`` characters; the length is kept, so columns and carets stay where they were."""
    chars = list(line)
    for start, end, keep in spans:
        for index in range(max(0, start + keep), min(len(chars), end)):
            chars[index] = "*"
    return "".join(chars)
