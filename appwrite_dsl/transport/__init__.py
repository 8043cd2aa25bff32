"""Request signing, parameter encoding and chunked uploads for any HTTP client.

The core imports no HTTP library; the adapters import theirs when first asked for.
"""

from __future__ import annotations

from .adapters import (
    aiohttp_middleware,
    aiohttp_sender,
    httpx_async_client,
    httpx_async_sender,
    httpx_async_transport,
    httpx_auth,
    httpx_client,
    httpx_sender,
    httpx_transport,
    requests_adapter,
    requests_auth,
    requests_sender,
    urllib_handler,
)
from .errors import NetworkError, TransportError, UnsafeRedirect
from .listing import (
    LAST_VERSION_WITHOUT_QUERY_ROUTES,
    MAX_URL_LENGTH,
    has_query_routes,
    list_request,
    query_request,
)
from .params import ParamStyle, encode_query, flatten_params
from .responses import AppwriteError, RateLimit, Retry, raise_for_status
from .sending import AsyncSend, Request, Response, Send, urllib_sender
from .signing import CREDENTIAL_HEADERS, DEFAULT_ENDPOINT, RESPONSE_FORMAT, Origin, Signer, origin_of
from .upload import CHUNK_SIZE, ChunkedUpload, UploadError, UploadProgress, UploadResult, upload, upload_async

__all__ = [
    "CHUNK_SIZE",
    "CREDENTIAL_HEADERS",
    "DEFAULT_ENDPOINT",
    "LAST_VERSION_WITHOUT_QUERY_ROUTES",
    "MAX_URL_LENGTH",
    "RESPONSE_FORMAT",
    "AppwriteError",
    "AsyncSend",
    "ChunkedUpload",
    "NetworkError",
    "Origin",
    "ParamStyle",
    "RateLimit",
    "Request",
    "Response",
    "Retry",
    "Send",
    "Signer",
    "TransportError",
    "UnsafeRedirect",
    "UploadError",
    "UploadProgress",
    "UploadResult",
    "aiohttp_middleware",
    "aiohttp_sender",
    "encode_query",
    "flatten_params",
    "has_query_routes",
    "httpx_async_client",
    "httpx_async_sender",
    "httpx_async_transport",
    "httpx_auth",
    "httpx_client",
    "httpx_sender",
    "httpx_transport",
    "list_request",
    "origin_of",
    "query_request",
    "raise_for_status",
    "requests_adapter",
    "requests_auth",
    "requests_sender",
    "upload",
    "upload_async",
    "urllib_handler",
    "urllib_sender",
]
