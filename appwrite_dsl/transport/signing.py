"""Signing requests for one Appwrite endpoint: its headers, its URLs, and the origin rule.

A :class:`Signer` holds an endpoint, a project, at most one credential and the response format. Its
headers go only to requests whose origin (scheme, host, port) is the endpoint's origin: HTTP clients copy
custom headers such as ``X-Appwrite-Key`` to the next hop of a cross-origin redirect (they strip only
``Authorization``), so every adapter checks the origin of every hop itself.

>>> signer = Signer("https://cloud.appwrite.io/v1", "my-project", key="secret")
>>> signer.is_endpoint("https://cloud.appwrite.io:443/v1/account")
True
>>> signer.is_endpoint("https://cloud.appwrite.io.evil.example/v1/account")
False
>>> signer.url("/storage/buckets/b/files/f/preview", {"width": 200}, project_param=True)
'https://cloud.appwrite.io/v1/storage/buckets/b/files/f/preview?width=200&project=my-project'
"""

from __future__ import annotations

import json
from collections.abc import Mapping, MutableMapping
from typing import Any, NamedTuple
from urllib.parse import urlencode, urlsplit

from .params import ParamStyle, flatten_params

__all__ = [
    "CREDENTIAL_HEADERS",
    "DEFAULT_ENDPOINT",
    "RESPONSE_FORMAT",
    "Origin",
    "Signer",
    "origin_of",
]

DEFAULT_ENDPOINT = "https://cloud.appwrite.io/v1"
"""The endpoint the SDKs default to."""

RESPONSE_FORMAT = "2.5.0"
"""The ``X-Appwrite-Response-Format`` that the Python SDK 27.0.0 sends."""

CREDENTIAL_HEADERS = frozenset(
    {
        "x-appwrite-key",
        "x-appwrite-jwt",
        "x-appwrite-session",
        "x-appwrite-dev-key",
        "x-fallback-cookies",
        "cookie",
        "authorization",
    }
)
"""Lower-case names of the headers that carry secrets; they never leave the endpoint's origin."""
_APPWRITE_CREDENTIALS = frozenset(
    name for name in CREDENTIAL_HEADERS if name.startswith(("x-appwrite-", "x-fallback-"))
)

_DEFAULT_PORTS = {"http": 80, "https": 443}
_TOKEN_CHARS = frozenset("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


class Origin(NamedTuple):
    """An origin as browsers compare them: lower-case scheme and host, and the port (the scheme's
    default when the URL has none)."""

    scheme: str
    host: str
    port: int

    @classmethod
    def of(cls, scheme: str, host: str | None, port: int | None) -> Origin | None:
        """The origin of already-parsed URL parts (as an HTTP client parsed them), or None for a scheme
        other than http/https or an empty host. IPv6 brackets are removed; a host that is not ASCII is
        written in IDNA (``xn--…``), as clients connect to it."""
        scheme = scheme.lower()
        if scheme not in _DEFAULT_PORTS or not host:
            return None
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]
        if not host.isascii():
            try:
                host = host.encode("idna").decode("ascii")
            except UnicodeError:
                return None
        return cls(scheme, host.lower(), _DEFAULT_PORTS[scheme] if port is None else port)

    def __str__(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{self.scheme}://{host}:{self.port}"


def origin_of(url: str) -> Origin | None:
    """The :class:`Origin` of ``url``, or None when it has none (another scheme, no host, a bad port)."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    return Origin.of(parts.scheme, parts.hostname, port)


def _check_value(name: str, value: object) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be a str, not {type(value).__name__}")
    if value == "":
        raise ValueError(f"{name} must not be empty")
    bad = next((c for c in value if ord(c) < 0x20 or ord(c) == 0x7F), None)
    if bad is not None:
        raise ValueError(f"{name} contains the control character {bad!r}, which would break the header")
    return value


class Signer:
    """The headers and URLs of requests to one Appwrite endpoint.

    ``endpoint`` must start with ``http://`` or ``https://`` (as the SDKs require) and carry no user
    information, query or fragment. Give at most one credential: ``key`` (``X-Appwrite-Key``), ``jwt``
    (``X-Appwrite-JWT``), ``session`` (``X-Appwrite-Session``), ``cookie`` (a ``Cookie`` header such as
    ``a_session_<project>=…``), ``fallback_cookies`` (``X-Fallback-Cookies``: the JSON text, or a mapping
    such as ``{"a_session_<project>": secret}`` that is written as compact JSON) or ``bearer``
    (``Authorization: Bearer …``). ``locale`` sets ``X-Appwrite-Locale``; ``response_format`` sets
    ``X-Appwrite-Response-Format`` (None to leave it out; below ``1.5.0`` servers convert legacy query
    strings and answer with older models). ``headers`` adds further headers (``X-Appwrite-Dev-Key`` there is
    treated as a credential).

    A Signer is immutable; ``repr()`` never shows a secret.
    """

    __slots__ = ("_endpoint", "_headers", "_origin", "_project", "_secrets")

    _endpoint: str
    _origin: Origin
    _project: str | None
    _headers: tuple[tuple[str, str], ...]
    _secrets: frozenset[str]

    def __init__(
        self,
        endpoint: str = DEFAULT_ENDPOINT,
        project: str | None = None,
        *,
        key: str | None = None,
        jwt: str | None = None,
        session: str | None = None,
        cookie: str | None = None,
        fallback_cookies: str | Mapping[str, str] | None = None,
        bearer: str | None = None,
        locale: str | None = None,
        response_format: str | None = RESPONSE_FORMAT,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if not isinstance(endpoint, str):
            raise TypeError(f"endpoint must be a str, not {type(endpoint).__name__}")
        if not endpoint.startswith(("http://", "https://")):
            raise ValueError(f"endpoint must start with http:// or https://: {endpoint!r}")
        parts = urlsplit(endpoint)
        if "@" in parts.netloc:
            raise ValueError("endpoint must not carry user information: credentials never go into URLs")
        if parts.query or parts.fragment or "?" in endpoint or "#" in endpoint:
            raise ValueError(f"endpoint must not have a query or a fragment: {endpoint!r}")
        origin = origin_of(endpoint)
        if origin is None:
            raise ValueError(f"endpoint has no valid host or port: {endpoint!r}")
        _check_value("endpoint", endpoint)

        own: list[tuple[str, str]] = []
        if project is not None:
            own.append(("X-Appwrite-Project", _check_value("project", project)))
        if response_format is not None:
            own.append(("X-Appwrite-Response-Format", _check_value("response_format", response_format)))
        if locale is not None:
            own.append(("X-Appwrite-Locale", _check_value("locale", locale)))

        if isinstance(fallback_cookies, Mapping):
            fallback_cookies = json.dumps(dict(fallback_cookies), separators=(",", ":"))
        given = [
            (name, header, value)
            for name, header, value in (
                ("key", "X-Appwrite-Key", key),
                ("jwt", "X-Appwrite-JWT", jwt),
                ("session", "X-Appwrite-Session", session),
                ("cookie", "Cookie", cookie),
                ("fallback_cookies", "X-Fallback-Cookies", fallback_cookies),
                ("bearer", "Authorization", bearer),
            )
            if value is not None
        ]
        if len(given) > 1:
            names = ", ".join(name for name, _, _ in given)
            raise ValueError(f"give at most one credential, not {names}")
        secrets: set[str] = set()
        for name, header, value in given:
            text = _check_value(name, value)
            own.append((header, f"Bearer {text}" if name == "bearer" else text))
            secrets.add(text)

        taken = {name.lower() for name, _ in own}
        for name, value in (headers or {}).items():
            if not name or not set(name) <= _TOKEN_CHARS:
                raise ValueError(f"not a valid header name: {name!r}")
            if name.lower() in taken:
                raise ValueError(f"header {name!r} is already set by the signer")
            text = _check_value(f"header {name!r}", value)
            own.append((name, text))
            taken.add(name.lower())
            if name.lower() in CREDENTIAL_HEADERS:
                secrets.add(text)

        set_ = object.__setattr__
        set_(self, "_endpoint", endpoint.rstrip("/"))
        set_(self, "_origin", origin)
        set_(self, "_project", project)
        set_(self, "_headers", tuple(own))
        set_(self, "_secrets", frozenset(secrets))

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Signer objects are immutable")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self._endpoint, self._origin, self._project, self._headers, self._secrets))

    @property
    def endpoint(self) -> str:
        """The endpoint, without a trailing slash."""
        return self._endpoint

    @property
    def project(self) -> str | None:
        """The project ID, or None."""
        return self._project

    @property
    def origin(self) -> Origin:
        """The endpoint's origin: the only origin that receives the signer's headers."""
        return self._origin

    def headers(self) -> dict[str, str]:
        """All headers the signer adds to a request for its endpoint (a new dict each time)."""
        return dict(self._headers)

    def is_endpoint(self, url: str) -> bool:
        """Whether ``url`` has the endpoint's origin."""
        return origin_of(url) == self._origin

    def is_endpoint_origin(self, scheme: str, host: str | None, port: int | None) -> bool:
        """Whether URL parts, as an HTTP client parsed them for the connection it is about to open, have
        the endpoint's origin. Adapters use this with their client's own parse, so that no difference
        between two URL parsers can send a credential elsewhere."""
        return Origin.of(scheme, host, port) == self._origin

    def update_headers(self, headers: MutableMapping[str, Any], *, same_origin: bool) -> None:
        """Sign a request's header mapping in place.

        For the endpoint's origin, add every signer header the request does not have yet (header names
        compare case-insensitively; a header the caller set wins). For any other origin, remove every
        Appwrite credential header (whoever set it) and every header that carries one of the signer's
        values: clients copy headers to the next hop of a redirect, and this makes such a
        copy harmless.
        """
        if same_origin:
            present = {name.lower() for name in headers}
            for name, value in self._headers:
                if name.lower() not in present:
                    headers[name] = value
            return
        for name, value in list(headers.items()):
            if self.is_off_origin_header(name, value):
                headers.pop(name, None)

    def is_off_origin_header(self, name: str, value: object) -> bool:
        """Whether a header must not go to another origin: an Appwrite credential header (whoever set it,
        whatever its value: it means nothing to another server), or a copy of one of the signer's own
        headers (``Cookie`` and ``Authorization`` only then: a request may carry its own to another host)."""
        lowered = name.lower()
        return lowered in _APPWRITE_CREDENTIALS or any(
            own.lower() == lowered and own_value == value for own, own_value in self._headers
        )

    def sign(self, url: str, headers: MutableMapping[str, Any]) -> bool:
        """:meth:`update_headers` with the origin of ``url``; returns whether it was the endpoint's."""
        same = self.is_endpoint(url)
        self.update_headers(headers, same_origin=same)
        return same

    def url(
        self,
        path: str,
        params: Mapping[str, object] | None = None,
        *,
        style: ParamStyle = "indexed",
        project_param: bool = False,
    ) -> str:
        """The URL of ``path`` (``/account``, ``/storage/buckets/b/files``) under the endpoint, with
        ``params`` as its query string (:func:`~appwrite_dsl.transport.params.flatten_params`).

        ``project_param=True`` adds ``project=<project>`` for places that cannot send headers, such as an
        ``<img src>`` pointing at a file preview. Credentials never go into URLs: a parameter whose value
        is one of the signer's secrets raises ValueError.
        """
        if not isinstance(path, str):
            raise TypeError(f"path must be a str, not {type(path).__name__}")
        if not path.startswith("/") or path.startswith("//"):
            raise ValueError(f"path must start with a single '/': {path!r}")
        bad = next((c for c in path if c in "?#\\" or ord(c) <= 0x20 or ord(c) == 0x7F), None)
        if bad is not None:
            raise ValueError(f"path must not contain {bad!r}; put parameters in params")
        pairs = flatten_params(params or {}, style=style)
        if project_param:
            if self._project is None:
                raise ValueError("project_param=True needs a signer with a project")
            if any(name == "project" for name, _ in pairs):
                raise ValueError("params already has a 'project' parameter")
            pairs.append(("project", self._project))
        for name, value in pairs:
            if value in self._secrets:
                raise ValueError(f"parameter {name!r} carries a credential; credentials never go into URLs")
        query = urlencode(pairs)
        return f"{self._endpoint}{path}" + (f"?{query}" if query else "")

    def __repr__(self) -> str:
        shown = [repr(self._endpoint)]
        if self._project is not None:
            shown.append(f"project={self._project!r}")
        for name, _ in self._headers:
            if name.lower() in CREDENTIAL_HEADERS:
                shown.append(f"{name}=<redacted>")
        return f"Signer({', '.join(shown)})"


def _restore(
    endpoint: str,
    origin: Origin,
    project: str | None,
    headers: tuple[tuple[str, str], ...],
    secrets: frozenset[str],
) -> Signer:
    signer = Signer.__new__(Signer)
    state = {
        "_endpoint": endpoint,
        "_origin": origin,
        "_project": project,
        "_headers": headers,
        "_secrets": secrets,
    }
    for name, value in state.items():
        object.__setattr__(signer, name, value)
    return signer
