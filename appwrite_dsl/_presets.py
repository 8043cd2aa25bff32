"""The attributes each built-in list endpoint lets a query use, by server version (appwrite/appwrite
1.9.6, ``src/Appwrite/Utopia/Database/Validator/Queries/``).

Each table maps an endpoint (the name of its validator class, ``Appwrite\\Utopia\\Database\\Validator\\
Queries\\<Name>``, with a lower-case first letter) to its queryable attributes and their types. The names come
from the validator's allowed list; the types from the collection it is built on
(``appwrite/appwrite:app/config/collections/*.php``). An allowed name the collection does not define
(``rowSecurity`` on tables, ``billingPlan`` on teams, ...) is left out: the server refuses it with
``Attribute not found in schema``, and so does the validator here. Every endpoint also takes ``$id``,
``$createdAt``, ``$updatedAt`` and, from 1.8, ``$sequence``; those are added by the validator, not listed.

An entry is ``"key:type"`` with ``[]`` for an array; the types:

====== ===========================================================
``s``  string
``b``  boolean
``d``  datetime
``i``  integer, 32-bit signed (the collections' default size)
``u``  integer, 32-bit unsigned
``U``  integer, 64-bit unsigned (``size: 8, signed: false``)
``f``  float
``id`` an internal ID (the Sequence validator)
====== ===========================================================

Only the table of Appwrite 1.9.6 (and main at 0cefd061) is in the specification; :func:`table` gives it for
every version until tables of older versions are added here (docs/validation.md says what that means).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import NamedTuple

__all__ = ["TABLES", "EndpointData", "table"]


class EndpointData(NamedTuple):
    """One endpoint's preset: its attributes (``"key:type"`` entries), whether ``select`` is allowed, its
    special validator (``""``, ``"branches"`` or ``"vcsRepositories"``) and textual rewrites of the raw
    query string done before validation."""

    attributes: tuple[str, ...]
    select: bool = False
    special: str = ""
    rewrites: tuple[tuple[str, str], ...] = ()


def _entry(fields: str, *, select: bool = False) -> EndpointData:
    return EndpointData(tuple(fields.split()), select)


_EXECUTION_LOGS = "status:s responseStatusCode:i duration:f requestMethod:s requestPath:s deploymentId:s"
_ATTRIBUTES = "key:s type:s size:i required:b array:b status:s error:s"
_RESOURCES = "resourceType:s resourceId:s parentResourceType:s parentResourceId:s"

_1_9_6: dict[str, EndpointData] = {
    "users": _entry(
        "name:s email:s phone:s status:b passwordUpdate:d registration:d emailVerification:b "
        "phoneVerification:b labels:s[] impersonator:b accessedAt:d"
    ),
    "teams": _entry("name:s total:i"),  # billingPlan: not in the collection
    "memberships": _entry("userId:s teamId:s invited:d joined:d confirm:b roles:s[]"),
    "identities": _entry("userId:s provider:s providerUid:s providerEmail:s providerAccessTokenExpiry:d"),
    "targets": _entry("userId:s providerId:s identifier:s providerType:s"),
    "databases": _entry("name:s"),
    "collections": _entry("name:s enabled:b documentSecurity:b"),
    "tables": _entry("name:s enabled:b"),  # rowSecurity: not in the collection
    "attributes": _entry(_ATTRIBUTES),
    "columns": _entry(_ATTRIBUTES),
    "indexes": _entry("key:s type:s status:s attributes:s[] error:s"),
    "buckets": _entry(
        "enabled:b name:s fileSecurity:b maximumFileSize:U encryption:b antivirus:b transformations:b"
    ),
    "files": _entry("name:s folder:s signature:s mimeType:s sizeOriginal:U chunksTotal:u chunksUploaded:u"),
    "fileTokens": _entry(""),  # expire: the validator is built on files, which has no such key
    "functions": _entry(  # scheduleNext, schedulePrevious: not in the collection
        "name:s enabled:b runtime:s deploymentId:s schedule:s timeout:i entrypoint:s commands:s "
        "installationId:s"
    ),
    "sites": _entry(
        "name:s enabled:b framework:s deploymentId:s buildCommand:s installCommand:s outputDirectory:s "
        "installationId:s"
    ),
    "deployments": _entry(
        "buildSize:U sourceSize:U totalSize:U buildDuration:u status:s activate:b type:s", select=True
    ),
    "executions": _entry("trigger:s " + _EXECUTION_LOGS),
    "logs": _entry(_EXECUTION_LOGS),
    "variables": _entry("key:s resourceType:s resourceId:s secret:b"),
    "topics": _entry("name:s emailTotal:i smsTotal:i pushTotal:i"),  # description: not in the collection
    "subscribers": _entry("targetId:s topicId:s userId:s providerType:s"),
    "messages": _entry(  # description: not in the collection
        "scheduledAt:d deliveredAt:d deliveredTotal:i status:s providerType:s"
    ),
    "providers": _entry("name:s provider:s type:s enabled:b"),
    "projects": _entry("name:s teamId:s labels:s[] search:s accessedAt:d", select=True),
    # bundleIdentifier, applicationId, packageIdentifierName, packageName: not in the collection
    "platforms": _entry("type:s name:s hostname:s"),
    "keys": _entry("expire:d accessedAt:d name:s scopes:s[]"),
    "devKeys": _entry("accessedAt:d expire:d"),
    "webhooks": _entry("name:s url:s httpUser:s security:b events:s[] enabled:b logs:s attempts:i")._replace(
        rewrites=(('"tls"', '"security"'), ('"authUsername"', '"httpUser"'))
    ),
    "rules": _entry(
        "domain:s type:s trigger:s deploymentResourceType:s deploymentResourceId:s deploymentId:s "
        "deploymentVcsProviderBranch:s"
    ),
    "migrations": _entry(
        "status:s stage:s source:s destination:s resources:s[] resourceId:s resourceInternalId:s "
        "resourceType:s parentResourceId:s parentResourceInternalId:s parentResourceType:s "
        "destinationResourceId:s destinationResourceInternalId:s destinationResourceType:s statusCounters:s "
        "resourceData:s errors:s[]"
    ),
    "installations": _entry("provider:s organization:s"),
    "transactions": _entry("status:s expiresAt:d"),
    "schedules": _entry("resourceType:s resourceId:s projectId:s schedule:s active:b region:s"),
    "insights": _entry(f"type:s severity:s status:s {_RESOURCES} analyzedAt:d dismissedAt:d dismissedBy:s"),
    "reports": _entry("appId:s type:s targetType:s target:s analyzedAt:d"),
    "notifications": _entry(
        f"read:b type:s channel:s messageId:s projectId:s {_RESOURCES} firstSeen:d lastSeen:d"
    ),
    "presences": _entry("userInternalId:id userId:s expiresAt:d status:s source:s"),
    "branches": _entry("")._replace(special="branches"),
    "vcsRepositories": _entry("")._replace(special="vcsRepositories"),
}

TABLES: MappingProxyType[str, MappingProxyType[str, EndpointData]] = MappingProxyType(
    {"1.9.6": MappingProxyType(_1_9_6)}
)
"""The presets by the first server version they describe."""

TYPES = MappingProxyType(
    {
        "s": ("string", 0, True),
        "b": ("boolean", 0, True),
        "d": ("datetime", 0, True),
        "i": ("integer", 4, True),
        "u": ("integer", 4, False),
        "U": ("integer", 8, False),
        "f": ("double", 0, True),
        "id": ("id", 0, True),
    }
)
"""Entry type -> (Appwrite attribute type, size, signed)."""


def table(number: tuple[int, int, int]) -> tuple[str, MappingProxyType[str, EndpointData]]:
    """The table for a server version ``(1, minor, patch)``: the newest one not after it, else the oldest
    one there is. Returns the table's version and the table."""
    chosen = min(TABLES, key=_number)
    for version in TABLES:
        if _number(chosen) < _number(version) <= number:
            chosen = version
    return chosen, TABLES[chosen]


def _number(version: str) -> tuple[int, int, int]:
    major, minor, patch = version.split(".")
    return (int(major), int(minor), int(patch))
