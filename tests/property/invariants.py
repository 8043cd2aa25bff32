"""Laws shared by the property tests: error spans and rendering, server notes, and input strategies."""

from __future__ import annotations

from typing import Any, Callable, TypeVar

from hypothesis import strategies as st

from appwrite_dsl import ParseError, server
from appwrite_dsl.strategies import permission_strings, role_strings

T = TypeVar("T")
E = TypeVar("E", bound=BaseException)

WINDOW = 72  # errors.py shows at most this many characters of the source
INDENT = "    "

# Pieces of the grammar, and of what people mistype, to bias generated text towards near misses.
GRAMMAR_CHARS = 'anyusertmbglid:/"()ve0_-. '
TOKENS = (
    "any",
    "guests",
    "users",
    "user",
    "team",
    "member",
    "label",
    "verified",
    "unverified",
    "create",
    "read",
    "update",
    "delete",
    "write",
    ":",
    "/",
    '("',
    '")',
    '"',
    "(",
    ")",
    "'",
    "0",
    "00",
    "a",
    "_",
    "-",
    ".",
    " ",
    "*",
    "role:",
    "unique()",
    "\n",
    "\x00",
    "\x7f",
    "\x85",
    "\u2028",
    "\ud800",  # a lone surrogate
    "é",
    "\uff21",  # a fullwidth A
)
non_str = st.one_of(st.integers(), st.floats(), st.binary(), st.lists(st.text(), max_size=2), st.tuples())
piece = st.sampled_from(TOKENS) | st.characters()

grammar_text = st.text(alphabet=st.sampled_from(GRAMMAR_CHARS) | st.characters())
long_grammar_text = st.text(
    alphabet=st.sampled_from(GRAMMAR_CHARS) | st.characters(), min_size=70, max_size=110
)
token_text = st.lists(piece, max_size=12).map("".join)


@st.composite
def mutated(draw: st.DrawFn, canonical: st.SearchStrategy[str]) -> str:
    """A canonical string with one to three pieces inserted, deleted or replaced."""
    text = draw(canonical)
    for _ in range(draw(st.integers(1, 3))):
        op = draw(st.sampled_from(("insert", "delete", "replace")))
        i = draw(st.integers(0, len(text)))
        j = draw(st.integers(i, min(len(text), i + 3)))
        if op == "insert":
            text = text[:i] + draw(piece) + text[i:]
        elif op == "delete":
            text = text[:i] + text[j:]
        else:
            text = text[:i] + draw(piece) + text[j:]
    return text


def near_misses(canonical: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Arbitrary text, grammar-biased text, long text and near misses of ``canonical`` strings."""
    return st.one_of(st.text(), grammar_text, token_text, long_grammar_text, mutated(canonical))


# Mostly invalid text, and some canonical strings.
role_texts = near_misses(role_strings()) | role_strings()
permission_texts = near_misses(permission_strings()) | permission_strings()


def breaks_line(char: str) -> bool:
    """Whether ``char`` ends a line (for ``str.splitlines``: C0 separators, NEL, U+2028, U+2029)."""
    return len(f"a{char}a".splitlines()) > 1


def drawn(shown: str, text: str) -> bool:
    """Whether ``shown`` draws ``text`` one character for one (errors.py): C0 controls and DEL as their
    Unicode control pictures, any other line break and any lone surrogate as some character that is
    neither, the rest as themselves."""
    if len(shown) != len(text):
        return False
    for s, c in zip(shown, text):
        if ord(c) < 0x20 or c == "\x7f":
            if s != chr(0x2400 + ord(c) if c != "\x7f" else 0x2421):
                return False
        elif breaks_line(c) or is_surrogate(c):
            if breaks_line(s) or is_surrogate(s):
                return False
        elif s != c:
            return False
    return True


def is_surrogate(char: str) -> bool:
    return 0xD800 <= ord(char) < 0xE000


def check_error(error: ParseError, source: str) -> None:
    """The span and rendering laws of every ParseError about ``source``."""
    assert error.source == source
    assert 0 <= error.position <= error.end <= len(source)
    assert error.span == (error.position, error.end)
    rendered = str(error)
    lines = rendered.split("\n")
    assert len(lines) == 3, rendered
    # The first line is the message, drawn like the source (a server message may quote a raw newline).
    assert drawn(lines[0], error.message), rendered
    # No other line boundary either: a reader (or str.splitlines) must see exactly three lines.
    assert rendered.splitlines() == lines, rendered
    # And it can be printed.
    rendered.encode("utf-8")
    shown, marker = lines[1], lines[2]
    assert shown.startswith(INDENT)
    assert marker.startswith(INDENT)
    caret = marker.index("^")
    assert marker == " " * caret + "^" + "~" * (len(marker) - caret - 1)
    position, end = error.position, error.end
    if len(source) <= WINDOW:
        # The whole source is shown and the caret sits under source[position], spanning up to end.
        assert shown.startswith(INDENT)
        assert drawn(shown[len(INDENT) :], source), rendered
        assert caret == len(INDENT) + position
        assert len(marker) - caret == max(1, end - position)
        return
    # A window of the source is shown, with "..." where it is cut; the caret is under source[position].
    layouts = []
    for prefix in ("", "..."):
        lo = position - (caret - len(INDENT) - len(prefix))
        if lo < 0 or (lo > 0) != bool(prefix):
            continue
        hi = lo + WINDOW
        suffix = "..." if hi < len(source) else ""
        body = shown[len(INDENT) + len(prefix) : len(shown) - len(suffix)]
        if shown.startswith(INDENT + prefix) and shown.endswith(suffix) and drawn(body, source[lo:hi]):
            layouts.append((lo, hi))
    assert layouts, rendered
    lo, hi = layouts[0]
    assert lo <= position <= hi
    assert len(marker) - caret == max(1, min(end, hi) - position)


def check_server_note(message: str, text: str, *, permission: bool) -> None:
    """For a string the strict grammar refuses: the message names the server's reading exactly when the
    server's validator accepts the string."""
    if permission:
        accepted = server.check_permissions([text]) is None
        reading = str(server.parse_permission(text)) if accepted else None
    else:
        accepted = server.check_roles([text]) is None
        reading = str(server.parse_role(text)) if accepted else None
    if accepted:
        assert message.endswith(f"; the server would read this as {reading}"), (message, reading)
    else:
        assert "the server would read" not in message
        assert "the server accepts" not in message


def attempt(exception: type[E], call: Callable[..., T], *args: Any) -> tuple[T | None, E | None]:
    """``(call(*args), None)``, or ``(None, error)`` when the call raises ``exception``; anything else
    propagates (and fails the test)."""
    try:
        return call(*args), None
    except exception as error:
        return None, error
