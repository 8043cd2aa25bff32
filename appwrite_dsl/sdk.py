"""The official SDK's ``Query``, ``Permission``, ``Role`` and ``ID``, returning checked strings.

A drop-in for code written against the Python SDK 27 (``from appwrite.query import Query``): the same
names, signatures and return types (``str``, and ``list[str]`` for ``Query.page`` and ``build()``), the
same bytes for every call the server reads as written, and an
:class:`~appwrite_dsl.errors.ParseError` where the SDK would write a string the server rejects or
misreads. Each builder is the tree builder of the same name (:class:`appwrite_dsl.Query`, ...) with
``str()`` applied to its result, so the checks and messages are those of the tree.

>>> from appwrite_dsl.sdk import ID, Permission, Query, Role
>>> Permission.read(Role.user("abc", "verified"))
'read("user:abc/verified")'
>>> Query.or_queries([Query.equal("a", "x"), Query.is_null("b")])
'{"method":"or","values":[{"method":"equal","attribute":"a","values":["x"]},{"method":"isNull","attribute":"b"}]}'
>>> Query.builder().equal("a", 1).limit(5).build()
['{"method":"equal","attribute":"a","values":[1]}', '{"method":"limit","values":[5]}']
>>> Role.users("Verified")
Traceback (most recent call last):
  ...
appwrite_dsl.errors.InvalidRole: Expected 'verified' or 'unverified' as the status, found 'Verified'
    Verified
    ^~~~~~~~
"""

from __future__ import annotations

import functools
import inspect
from typing import TYPE_CHECKING, Callable, cast

from . import permission as _permission
from . import query as _query
from . import role as _role
from .id import ID

if TYPE_CHECKING:  # ParamSpec and Concatenate are in typing from Python 3.10 on; only checkers read these
    from typing import Protocol, overload

    from typing_extensions import Concatenate, ParamSpec

    P = ParamSpec("P")

    class _Pushing(Protocol[P]):
        """A chained method of Query.Builder, as checkers see it: bound, it takes the builder's arguments."""

        @overload
        def __get__(
            self, builder: None, owner: object
        ) -> Callable[Concatenate[Query.Builder, P], Query.Builder]: ...
        @overload
        def __get__(self, builder: Query.Builder, owner: object) -> Callable[P, Query.Builder]: ...


__all__ = ["ID", "Permission", "Query", "Role"]


def _signed(function: Callable[..., object], builder: Callable[..., object], returns: str) -> None:
    """Give ``function`` the name, docstring and parameters of the tree ``builder``, returning ``returns``."""
    functools.update_wrapper(function, builder)
    function.__module__ = __name__
    function.__signature__ = inspect.signature(builder).replace(  # type: ignore[attr-defined]
        return_annotation=returns
    )
    del function.__wrapped__  # type: ignore[attr-defined]  # the signature above is the whole truth


def _text(builder: Callable[P, object]) -> staticmethod[P, str]:
    """The SDK's builder of the same name: the tree ``builder``'s result as its wire text."""

    def text(*args: P.args, **kwargs: P.kwargs) -> str:
        return str(builder(*args, **kwargs))

    _signed(text, builder, "str")
    return staticmethod(text)


def _texts(builder: Callable[P, list[_query.Query]]) -> staticmethod[P, list[str]]:
    """As :func:`_text`, for a builder returning a list of queries (``page``)."""

    def texts(*args: P.args, **kwargs: P.kwargs) -> list[str]:
        return [str(query) for query in builder(*args, **kwargs)]

    _signed(texts, builder, "list[str]")
    return staticmethod(texts)


def _push(builder: Callable[P, object]) -> _Pushing[P]:
    """A chained method of ``Query.Builder``: push the wire text of what ``builder`` returns (each query
    of a list) and return the builder."""

    def push(self: Query.Builder, /, *args: P.args, **kwargs: P.kwargs) -> Query.Builder:
        made = builder(*args, **kwargs)
        if type(made) is list:
            self._queries.extend([str(query) for query in cast("list[object]", made)])
        else:
            self._queries.append(str(made))
        return self

    _signed(push, builder, "Query.Builder")
    push.__qualname__ = f"Query.Builder.{builder.__name__}"
    push.__signature__ = push.__signature__.replace(  # type: ignore[attr-defined]
        parameters=[
            inspect.Parameter("self", inspect.Parameter.POSITIONAL_ONLY),
            *push.__signature__.parameters.values(),  # type: ignore[attr-defined]
        ]
    )
    return cast("_Pushing[P]", push)


_Q = _query.Query


class Query:
    """The SDK's ``Query`` builders: each returns the query's JSON text, a ``str``.

    Unlike the SDK's class, this one is not instantiated: ``Query(method, attribute, values)`` objects
    are the tree's (:class:`appwrite_dsl.Query`), whose ``str()`` is the same text.
    """

    __slots__ = ()

    equal = _text(_Q.equal)
    not_equal = _text(_Q.not_equal)
    regex = _text(_Q.regex)
    less_than = _text(_Q.less_than)
    less_than_equal = _text(_Q.less_than_equal)
    greater_than = _text(_Q.greater_than)
    greater_than_equal = _text(_Q.greater_than_equal)
    is_null = _text(_Q.is_null)
    is_not_null = _text(_Q.is_not_null)
    exists = _text(_Q.exists)
    not_exists = _text(_Q.not_exists)
    between = _text(_Q.between)
    starts_with = _text(_Q.starts_with)
    ends_with = _text(_Q.ends_with)
    select = _text(_Q.select)
    search = _text(_Q.search)
    order_asc = _text(_Q.order_asc)
    order_desc = _text(_Q.order_desc)
    order_random = _text(_Q.order_random)
    cursor_before = _text(_Q.cursor_before)
    cursor_after = _text(_Q.cursor_after)
    limit = _text(_Q.limit)
    offset = _text(_Q.offset)
    contains = _text(_Q.contains)
    contains_any = _text(_Q.contains_any)
    contains_all = _text(_Q.contains_all)
    not_contains = _text(_Q.not_contains)
    not_search = _text(_Q.not_search)
    not_between = _text(_Q.not_between)
    not_starts_with = _text(_Q.not_starts_with)
    not_ends_with = _text(_Q.not_ends_with)
    created_before = _text(_Q.created_before)
    created_after = _text(_Q.created_after)
    created_between = _text(_Q.created_between)
    updated_before = _text(_Q.updated_before)
    updated_after = _text(_Q.updated_after)
    updated_between = _text(_Q.updated_between)
    or_queries = _text(_Q.or_queries)
    and_queries = _text(_Q.and_queries)
    elem_match = _text(_Q.elem_match)
    relationship = _text(_Q.relationship)
    distance_equal = _text(_Q.distance_equal)
    distance_not_equal = _text(_Q.distance_not_equal)
    distance_greater_than = _text(_Q.distance_greater_than)
    distance_less_than = _text(_Q.distance_less_than)
    vector_dot = _text(_Q.vector_dot)
    vector_cosine = _text(_Q.vector_cosine)
    vector_euclidean = _text(_Q.vector_euclidean)
    intersects = _text(_Q.intersects)
    not_intersects = _text(_Q.not_intersects)
    crosses = _text(_Q.crosses)
    not_crosses = _text(_Q.not_crosses)
    overlaps = _text(_Q.overlaps)
    not_overlaps = _text(_Q.not_overlaps)
    touches = _text(_Q.touches)
    not_touches = _text(_Q.not_touches)
    count = _text(_Q.count)
    count_distinct = _text(_Q.count_distinct)
    sum = _text(_Q.sum)
    avg = _text(_Q.avg)
    min = _text(_Q.min)
    max = _text(_Q.max)
    stddev = _text(_Q.stddev)
    stddev_pop = _text(_Q.stddev_pop)
    stddev_samp = _text(_Q.stddev_samp)
    variance = _text(_Q.variance)
    var_pop = _text(_Q.var_pop)
    var_samp = _text(_Q.var_samp)
    bit_and = _text(_Q.bit_and)
    bit_or = _text(_Q.bit_or)
    bit_xor = _text(_Q.bit_xor)
    group_by = _text(_Q.group_by)
    having = _text(_Q.having)
    distinct = _text(_Q.distinct)
    on = _text(_Q.on)
    join = _text(_Q.join)
    left_join = _text(_Q.left_join)
    right_join = _text(_Q.right_join)
    full_outer_join = _text(_Q.full_outer_join)
    cross_join = _text(_Q.cross_join)
    covers = _text(_Q.covers)
    not_covers = _text(_Q.not_covers)
    spatial_equals = _text(_Q.spatial_equals)
    not_spatial_equals = _text(_Q.not_spatial_equals)
    page = _texts(_Q.page)

    @staticmethod
    def builder() -> Query.Builder:
        """A :class:`Query.Builder` collecting query strings by chained calls."""
        return Query.Builder()

    class Builder:
        """Collects query strings by chained calls, as the SDK's ``Query.builder()``:
        ``Query.builder().equal("a", 1).limit(5).build()``. Pass ``build()``'s list where the SDK's service
        methods take queries (the SDK's client unwraps only its own builder).
        """

        __slots__ = ("_queries",)

        def __init__(self) -> None:
            self._queries: list[str] = []

        def build(self) -> list[str]:
            """The query strings pushed so far, in order (a new list)."""
            return list(self._queries)

        equal = _push(_Q.equal)
        not_equal = _push(_Q.not_equal)
        less_than = _push(_Q.less_than)
        less_than_equal = _push(_Q.less_than_equal)
        greater_than = _push(_Q.greater_than)
        greater_than_equal = _push(_Q.greater_than_equal)
        search = _push(_Q.search)
        is_null = _push(_Q.is_null)
        is_not_null = _push(_Q.is_not_null)
        between = _push(_Q.between)
        starts_with = _push(_Q.starts_with)
        ends_with = _push(_Q.ends_with)
        select = _push(_Q.select)
        cursor_after = _push(_Q.cursor_after)
        cursor_before = _push(_Q.cursor_before)
        order_asc = _push(_Q.order_asc)
        order_desc = _push(_Q.order_desc)
        order_random = _push(_Q.order_random)
        limit = _push(_Q.limit)
        offset = _push(_Q.offset)
        contains = _push(_Q.contains)
        contains_any = _push(_Q.contains_any)
        contains_all = _push(_Q.contains_all)
        not_contains = _push(_Q.not_contains)
        not_search = _push(_Q.not_search)
        not_between = _push(_Q.not_between)
        not_starts_with = _push(_Q.not_starts_with)
        not_ends_with = _push(_Q.not_ends_with)
        regex = _push(_Q.regex)
        exists = _push(_Q.exists)
        not_exists = _push(_Q.not_exists)
        created_before = _push(_Q.created_before)
        created_after = _push(_Q.created_after)
        created_between = _push(_Q.created_between)
        updated_before = _push(_Q.updated_before)
        updated_after = _push(_Q.updated_after)
        updated_between = _push(_Q.updated_between)
        or_queries = _push(_Q.or_queries)
        and_queries = _push(_Q.and_queries)
        elem_match = _push(_Q.elem_match)
        relationship = _push(_Q.relationship)
        distance_equal = _push(_Q.distance_equal)
        distance_not_equal = _push(_Q.distance_not_equal)
        distance_greater_than = _push(_Q.distance_greater_than)
        distance_less_than = _push(_Q.distance_less_than)
        intersects = _push(_Q.intersects)
        not_intersects = _push(_Q.not_intersects)
        crosses = _push(_Q.crosses)
        not_crosses = _push(_Q.not_crosses)
        overlaps = _push(_Q.overlaps)
        not_overlaps = _push(_Q.not_overlaps)
        touches = _push(_Q.touches)
        not_touches = _push(_Q.not_touches)
        count = _push(_Q.count)
        count_distinct = _push(_Q.count_distinct)
        sum = _push(_Q.sum)
        avg = _push(_Q.avg)
        min = _push(_Q.min)
        max = _push(_Q.max)
        stddev = _push(_Q.stddev)
        stddev_pop = _push(_Q.stddev_pop)
        stddev_samp = _push(_Q.stddev_samp)
        variance = _push(_Q.variance)
        var_pop = _push(_Q.var_pop)
        var_samp = _push(_Q.var_samp)
        bit_and = _push(_Q.bit_and)
        bit_or = _push(_Q.bit_or)
        bit_xor = _push(_Q.bit_xor)
        group_by = _push(_Q.group_by)
        having = _push(_Q.having)
        distinct = _push(_Q.distinct)
        join = _push(_Q.join)
        left_join = _push(_Q.left_join)
        right_join = _push(_Q.right_join)
        full_outer_join = _push(_Q.full_outer_join)
        cross_join = _push(_Q.cross_join)
        vector_dot = _push(_Q.vector_dot)
        vector_cosine = _push(_Q.vector_cosine)
        vector_euclidean = _push(_Q.vector_euclidean)
        covers = _push(_Q.covers)
        not_covers = _push(_Q.not_covers)
        spatial_equals = _push(_Q.spatial_equals)
        not_spatial_equals = _push(_Q.not_spatial_equals)
        page = _push(_Q.page)


class Permission:
    """The SDK's ``Permission`` builders: each returns the permission string, a ``str``. The role is a
    role string (what :class:`Role` returns) or an :class:`appwrite_dsl.Role`."""

    __slots__ = ()

    read = _text(_permission.Permission.read)
    write = _text(_permission.Permission.write)
    create = _text(_permission.Permission.create)
    update = _text(_permission.Permission.update)
    delete = _text(_permission.Permission.delete)


class Role:
    """The SDK's ``Role`` builders: each returns the role string, a ``str``."""

    __slots__ = ()

    any = _text(_role.Role.any)
    user = _text(_role.Role.user)
    users = _text(_role.Role.users)
    guests = _text(_role.Role.guests)
    team = _text(_role.Role.team)
    member = _text(_role.Role.member)
    label = _text(_role.Role.label)
