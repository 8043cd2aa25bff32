"""The pipelines: reading, the list limits, the cursor, the validators, the document-only rules, what
``Database::find()`` checks after them."""

from __future__ import annotations

from collections.abc import Sequence

from .. import _legacy, _legacy_server, _php_json
from .._methods import LOGICAL_METHODS, SERVER_METHODS
from ..errors import InvalidQuery
from ..query import Query
from . import _server_reading
from ._attributes import Target
from ._documents import _SEARCHES, _TRIGGERS, _VECTORS, document_rules, triggers_of
from ._json_checks import _VALUES, _page_path, check_json
from ._legacy_checks import check_legacy
from ._policy import Policy, policy_problems
from ._shapes import unknown_method
from ._spans import json_span, original_span, rewrite
from ._values import UID_TEXT, is_uid
from ._versions import _VECTOR, Path, Profile

PARAM = "Invalid `queries` param: "
_ARGUMENT, _QUERY, _UNKNOWN = "general_argument_invalid", "general_query_invalid", "general_unknown"
SERVER, STRICT, POLICY = "server", "strict", "policy"


def array_text(max_length: int) -> str:
    """``ArrayList(Text(max_length), 100)``'s description (Appwrite's ``queries`` parameter)."""
    return (
        "Value must a valid array no longer than 100 items and Value must be a valid string and at least 1 "
        f"chars and no longer than {max_length} chars"
    )


class Issue:
    """One problem found: ``rank`` orders them as the server would meet them."""

    __slots__ = ("end", "error_type", "item", "kind", "message", "rank", "source", "start")

    def __init__(  # noqa: PLR0917 - one problem's parts, in the order a QueryError takes them
        self,
        rank: tuple[int, int, int],
        item: int | None,
        source: str,
        start: int,
        end: int,
        message: str,
        kind: str,
        error_type: str | None,
    ) -> None:
        self.rank, self.item, self.source, self.start, self.end = rank, item, source, start, end
        self.message, self.kind, self.error_type = message, kind, error_type

    @property
    def stage(self) -> str | None:
        """Which of the server's steps refuses the list (None for other kinds of problem)."""
        return STAGES[self.rank[1]] if self.kind is SERVER else None


STAGES = ("param", "parse", "cursor", "validator", "validator", "convert", "find")
"""The server's steps by rank: the parameter check, parsing, the first cursor, the validator (and the
document-only rules of ``IndexedQueries``), ``Database::convertQueries``, ``Database::validateSelections``.
The other list endpoints do all of it in their parameter's validator: their problems are all ``param``."""
_SINGLE_VALUE = frozenset(("limit", "offset", "cursorAfter", "cursorBefore"))
_CURSORS = frozenset(("cursorAfter", "cursorBefore"))
_NOTED = _SINGLE_VALUE | _VECTOR | LOGICAL_METHODS | {"search", "notSearch", "select"}  # see Run._check


class _Item:
    """One item of the list as read: its text, the tree returned to the caller, the tree the server checks
    (they differ only after an endpoint's rewrites), and how to map positions back. The class attributes
    are the defaults (one instance per query: setting only what differs keeps the hot path short)."""

    syntax = "json"
    query: Query | None = None
    checked: Query | None = None
    moved: Sequence[tuple[int, int, int]] = ()
    failed = False

    def __init__(self, text: str) -> None:
        self.text = text


_new_item = object.__new__  # an _Item without the call of __init__ (the reading loop sets its text)


class Run:
    """Validate one list of queries against a target; ``issues`` and ``queries`` hold the outcome."""

    first_cursor: Query | None = None

    def __init__(self, items: Sequence[object] | None, target: Target, rules: Policy | None) -> None:
        self.target = target
        self.issues: list[Issue] = []
        documents = target.documents
        profile = target.profile
        if items is None:  # not a list at all
            message = array_text(target.max_length) if documents else "Queries must be an array"
            self.issues.append(Issue((0, 0, -1), None, "", 0, 0, PARAM + message, SERVER, _ARGUMENT))
            self.items, self.queries = [], []
            return
        if documents and len(items) > 100:
            self.issues.append(
                Issue((0, 0, -1), None, "", 0, 0, PARAM + array_text(target.max_length), SERVER, _ARGUMENT)
            )
        records: list[_Item] = []
        self.items = records
        # Plain JSON strings take the short way: length, parse, nothing else to read.
        fast = not profile.legacy and not target.rewrites
        every_method = profile.methods is SERVER_METHODS
        max_length = target.max_length
        parse = Query.parse
        for index, value in enumerate(items):
            if fast and type(value) is str:
                item = _new_item(_Item)
                item.text = value
                records.append(item)
                if documents and not 0 < len(value) <= max_length:
                    self._too_long(index, item)
                    continue
                try:
                    tree = parse(value, "json")
                except InvalidQuery as error:
                    self._json_failure(index, item, value, error)
                    continue
                item.checked = item.query = tree
                if not every_method:
                    self._known_methods(index, item, tree)
            else:
                records.append(self._read(index, value))
        self._check(documents)
        if len(self.issues) > 1:
            self._drop_shadowed()
        if rules is not None:
            for index, item in enumerate(records):
                if item.query is not None:
                    for message, path in policy_problems(item.query, rules):
                        start, end = self._span(item, path)
                        self.issues.append(
                            Issue((2, index, 0), index, item.text, start, end, message, POLICY, None)
                        )
        if len(self.issues) > 1:
            self.issues.sort(key=_rank)
        self.queries = [item.query for item in records]

    def _drop_shadowed(self) -> None:
        """A query the server refuses needs no note of appwrite_dsl's on how it would be read."""
        refused = {issue.item for issue in self.issues if issue.kind is SERVER}
        self.issues = [issue for issue in self.issues if issue.kind is SERVER or issue.item not in refused]

    # Reporting

    def _span(self, item: _Item, path: Path) -> tuple[int, int]:
        """Where ``path`` lies in the item's text. A rewrite (webhooks) only changes the content of strings,
        so a path leads to the same place in the text as given."""
        if item.syntax == "legacy":
            return _legacy.legacy_span(item.text, path)
        return json_span(item.text, path)

    def _server(self, phase: int, index: int, item: _Item, description: str, span: tuple[int, int]) -> None:
        """A validator's description, as the pipeline reports it."""
        item.failed = True
        if self.target.documents:
            message, error_type = description, _QUERY
        else:
            message, error_type = PARAM + description, _ARGUMENT
        rank = (0, phase if self.target.documents else 0, index)
        self.issues.append(Issue(rank, index, item.text, span[0], span[1], message, SERVER, error_type))

    def _too_long(self, index: int, item: _Item) -> None:
        item.failed = True
        text = item.text
        message = PARAM + array_text(self.target.max_length)
        self.issues.append(Issue((0, 0, index), index, text, 0, len(text), message, SERVER, _ARGUMENT))

    def _parse_failure(
        self, index: int, item: _Item, message: str, span: tuple[int, int], status: int = 400
    ) -> None:
        """The parser's message, as the version and the pipeline report it (``status`` 500: a PHP
        TypeError)."""
        item.failed = True
        wording = self.target.profile.wording
        if self.target.documents:
            full, error_type = message, (_UNKNOWN if status == 500 else _QUERY)
        elif wording == "appwrite-1.0":
            full, error_type = PARAM + "Invalid query: ${query}", _ARGUMENT  # sic: not interpolated
        elif wording == "appwrite-1.3":
            full, error_type = PARAM + "Invalid query: " + item.text, _ARGUMENT
        else:
            full, error_type = PARAM + "Invalid query: " + message, _ARGUMENT
        rank = (0, 1 if self.target.documents else 0, index)
        self.issues.append(Issue(rank, index, item.text, span[0], span[1], full, SERVER, error_type))

    def _refusal(self, index: int, item: _Item, message: str, span: tuple[int, int]) -> None:
        """appwrite_dsl's own refusal of a text the server would read differently from what it says."""
        item.failed = True
        self.issues.append(Issue((1, 0, index), index, item.text, span[0], span[1], message, STRICT, None))

    # Reading

    def _read(self, index: int, value: object) -> _Item:
        target = self.target
        legacy = target.profile.legacy
        if isinstance(value, str):
            item = _Item(str.__str__(value))
        elif isinstance(value, Query):
            item = _Item(str(value))
            if legacy:
                try:
                    item.text = value.to_legacy()
                except InvalidQuery as error:
                    self._refusal(index, item, error.message, (0, len(item.text)))
                    return item
        else:
            return self._not_text(index, value)
        item.syntax = "legacy" if legacy else "json"
        text = item.text
        if target.documents and not 0 < len(text) <= target.max_length:
            self._too_long(index, item)
            return item
        read = text
        if target.rewrites:
            read, item.moved = rewrite(text, target.rewrites)
        given = value if isinstance(value, Query) else None
        if legacy:
            self._read_legacy(index, item, read, given)
        else:
            self._read_json(index, item, read, given)
        return item

    def _not_text(self, index: int, value: object) -> _Item:
        """An item that is not a string: the document routes' parameter check refuses it; the other list
        endpoints hand it to ``Query::parse(string)``, which PHP calls with the value as a string (arrays
        cannot be: a TypeError the validator reports)."""
        if value is None or type(value) in (bool, int, float):
            text = "1" if value is True else "" if value in (None, False) else _php_string(value)  # type: ignore[arg-type]
        elif isinstance(value, (list, tuple, dict)):
            text = ""
        else:
            raise TypeError(
                f"queries must hold str or Query items, not {type(value).__name__} (item {index})"
            )
        item = _Item(text)
        if self.target.documents:
            self._too_long(index, item)
        elif text or value in (None, False):
            self._read_json(index, item, text, None) if not self.target.profile.legacy else self._read_legacy(
                index, item, text, None
            )
        else:
            message = (
                "Utopia\\Database\\Query::parse(): Argument #1 ($query) must be of type string, array given"
            )
            self._parse_failure(index, item, message, (0, 0), 500)
        return item

    def _json_failure(self, index: int, item: _Item, text: str, error: InvalidQuery) -> None:
        message, span = error.message, (error.position, error.end)
        methods = self.target.profile.methods
        status = error.status  # None: the refusal is appwrite_dsl's, not the server's
        if methods is SERVER_METHODS and status is None and not item.moved:
            reading = _server_reading.php_parse(_php_json.decode(text))
            if type(reading) is tuple:
                self._parse_failure(index, item, reading[0], json_span(text, reading[1]), reading[2])
                return
            self._refusal(index, item, message, span)
            item.failed = False
            item.checked = reading  # type: ignore[assignment]  # the checks read it like a Query
            return
        if methods is not SERVER_METHODS and error.stage != "decode":
            data = _php_json.decode(text)
            found = _server_reading.php_parse(data, methods) if type(data) in (dict, list) else None
            if type(found) is tuple:
                message, span, status = found[0], json_span(text, found[1]), found[2]
        if item.moved:
            span = original_span(span, item.moved)
        if status is not None:
            self._parse_failure(index, item, message, span, status)
        else:
            self._refusal(index, item, message, span)

    def _known_methods(self, index: int, item: _Item, tree: Query) -> None:
        path = unknown_method(tree, self.target.profile.methods)
        if path is not None:
            node = _node(tree, path)
            self._parse_failure(index, item, "Invalid query method: " + node.method, self._span(item, path))

    def _read_json(self, index: int, item: _Item, text: str, given: Query | None) -> None:
        try:
            tree = given if given is not None and not item.moved else Query.parse(text, syntax="json")
        except InvalidQuery as error:
            self._json_failure(index, item, text, error)
            return
        item.checked = tree
        item.query = given if given is not None else tree if not item.moved else _reparse(item.text, tree)
        self._known_methods(index, item, tree)

    def _read_legacy(self, index: int, item: _Item, text: str, given: Query | None) -> None:
        profile = self.target.profile
        if given is not None and not item.moved:
            release = profile.release
            if release is not None and release.drops_bare_zero:
                try:
                    _legacy.read_legacy(text, version=profile.version)
                except InvalidQuery as error:
                    self._refusal(index, item, error.message, (error.position, error.end))
                    return
            item.query = item.checked = given
            return
        try:
            tree = legacy_strict(text, profile)
        except InvalidQuery as strict:
            try:
                reading = _legacy_server.server_read_legacy(text, version=profile.version)
            except _legacy_server.ServerError as error:
                span = original_span((error.position, error.end), item.moved)
                self._parse_failure(index, item, error.message, span, error.status or 400)
                return
            problem = check_legacy(reading.method, reading.attribute, reading.values, self.target)
            if problem is not None:
                self._server(3, index, item, problem[0], (0, len(item.text)))
            else:
                span = original_span((strict.position, strict.end), item.moved)
                self._refusal(index, item, strict.message, span)
            return
        item.checked = tree
        item.query = given if given is not None else tree

    # Checking

    def _check(self, documents: bool) -> None:
        """The cursor (document routes), every query's validators, then the document-only rules."""
        target = self.target
        legacy = target.profile.legacy
        cursor = documents  # the first cursor query is checked before the validators (see _cursor)
        triggered = 0
        marked: list[int] = []  # the queries holding vector queries or searches, for the document-only rules
        triggers: list[int] = []  # theirs, as triggers_of finds them
        datetimes = target.datetimes if documents else frozenset()
        later = []  # what Database::find() looks at after the validator: dates, selections
        for index, item in enumerate(self.items):
            tree = item.checked
            if tree is None or item.failed:
                continue
            method = tree.method
            if cursor and method in _CURSORS:
                cursor = False
                if not self._cursor(index, item, tree):
                    continue
            attribute, values = tree.attribute, tree.values
            if legacy:
                problem = check_legacy(method, attribute or "", values or (), target)
            else:
                problem = check_json(tree, method, attribute, values, target)
            if problem is not None:
                self._server(3, index, item, problem[0], self._span(item, problem[1]))
                continue
            if values and attribute in datetimes:  # (convertQueries has nothing to read in a query without)
                later.append(index)
            if method not in _NOTED:
                continue
            if method in _SINGLE_VALUE:
                if values and len(values) > 1:
                    count = len(values)
                    message = (
                        f"Expected one value in {method}, found {count}: the server reads only the first"
                    )
                    self._refusal(index, item, message, self._span(item, ("values", 1)))
                    item.failed = False
            elif documents:
                if method in _TRIGGERS:
                    found = triggers_of(tree)
                    if found:
                        marked.append(index)
                        triggers.append(found)
                        triggered |= found
                listed = later and later[-1] == index
                if not listed and (
                    method == "select"
                    or (datetimes and method in LOGICAL_METHODS and _server_reading.mentions(tree, datetimes))
                ):
                    later.append(index)
        if triggered & _VECTORS or (triggered & _SEARCHES and target.fulltext is not None):
            self._document_rules(marked, triggers)
        if later and not legacy:
            self._after_validation(later)

    def _after_validation(self, later: list[int]) -> None:
        """``Database::find()`` after the validator: ``convertQueries`` re-reads dates, then
        ``validateSelections``; both run only when every query passed. Dates in forms appwrite_dsl does not
        read are noted as strictness. ``later`` holds the indexes of the queries they may concern."""
        target = self.target
        records = self.items
        trees: list[Query] = [records[index].checked for index in later]  # type: ignore[misc]
        issues = self.issues  # an item fails only with an issue of its own
        refused = bool(issues) and (
            any(issue.kind is SERVER for issue in issues) or any(item.failed for item in records)
        )
        if target.datetimes:
            unread: list[tuple[int, str, Path]] = []
            found = _server_reading.convert_problem(
                trees, target.datetimes, target.uuid_sequence, self.first_cursor, unread
            )
            for index, value, path in unread:
                item = records[later[index]]
                message = (
                    "Expected a date in a form appwrite_dsl reads (ISO 8601 and the common PHP forms), "
                    f"found {value!r}: whether the server's date reader takes it is not known here"
                )
                self._refusal(later[index], item, message, self._span(item, path))
                item.failed = False
            if refused:
                return
            if found is not None:
                index, message, path = found
                self._stage(5, later[index], message, path)
                return
        if refused:
            return
        if not target.schemaless:
            chosen = _server_reading.selection_problem(trees, target.selectable)
            if chosen is not None:
                self._stage(6, later[chosen[0]], chosen[1], _VALUES)

    def _stage(self, phase: int, index: int, message: str, path: Path) -> None:
        item = self.items[index]
        item.failed = True
        start, end = self._span(item, path)
        self.issues.append(Issue((0, phase, index), index, item.text, start, end, message, SERVER, _QUERY))

    def _cursor(self, index: int, item: _Item, tree: Query) -> bool:
        """Document routes check the first cursor query's value (``UID(36)``) before the validators: whether
        it passes."""
        self.first_cursor = tree  # Appwrite replaces its value with the document
        values = tree.values
        if values and is_uid(values[0]):
            return True
        item.failed = True
        start, end = self._span(item, _page_path(values))
        message = "Invalid cursor: " + UID_TEXT
        self.issues.append(Issue((0, 2, index), index, item.text, start, end, message, SERVER, _QUERY))
        return False

    def _document_rules(self, marked: list[int], triggers: list[int]) -> None:
        """The document-only rules on the queries that passed and hold vector queries or searches (``marked``,
        in order, with their ``triggers``): the others cannot break them."""
        trees: list[Query] = [self.items[index].checked for index in marked]  # type: ignore[misc]
        found = document_rules(trees, self.target, triggers)
        if found is not None:
            index = marked[found[0]]
            item = self.items[index]
            self._server(4, index, item, found[1], self._span(item, found[2]))


def legacy_strict(text: str, profile: Profile) -> Query:
    """A legacy string read strictly (``Query.parse(text, syntax="legacy")``), and for the 1.0.0-1.0.1
    servers that drop a bare ``0``, read again as that version does."""
    query = Query.parse(text, syntax="legacy")
    release = profile.release
    if release is not None and release.drops_bare_zero:
        _legacy.read_legacy(text, version=profile.version)
    return query


def _php_string(number: float) -> str:
    """PHP's string of a number (``1.0`` is ``"1"``, ``1e25`` is ``"1.0E+25"``)."""
    if type(number) is int or (number.is_integer() and abs(number) < 1e15):
        return str(int(number))
    text = repr(number)
    if "e" in text:
        mantissa, _, exponent = text.partition("e")
        mantissa = mantissa if "." in mantissa else mantissa + ".0"
        text = f"{mantissa}E{'+' if not exponent.startswith('-') else '-'}{exponent.lstrip('+-')}"
    return text


def _rank(issue: Issue) -> tuple[int, int, int]:
    return issue.rank


def _node(query: Query, path: Path) -> Query:
    """The query a path of the form ``("values", i, "values", j, ..., "method")`` leads to."""
    for step in path[1:-1:2]:
        query = query.values[step]  # type: ignore[index, assignment]
    return query


def _reparse(text: str, fallback: Query) -> Query:
    try:
        return Query.parse(text, syntax="json")
    except InvalidQuery:  # pragma: no cover - a rewrite never turns an invalid text into a valid one
        return fallback
