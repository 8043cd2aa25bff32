"""The entity arrays of a project file, with the keys the Appwrite CLI keeps on each kind of entity (its
whitelists in ``lib/config.js``)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "Kind"]


@dataclass(frozen=True)
class Kind:
    """One entity array of the project file, with the keys the Appwrite CLI keeps on it."""

    array: str
    noun: str  # "collection"
    id_param: str  # the create endpoint's ID parameter, named in the server's message
    permissions: str = ""  # "$permissions" or ""
    roles: str = ""  # "execute", "subscribe" or ""
    flag: str = ""  # "documentSecurity", ...
    items: str = ""  # "documents", ...
    database: str = ""  # the array declaring the databaseId, or ""


KINDS = (
    Kind("tablesDB", "TablesDB database", "databaseId"),
    Kind("databases", "database", "databaseId"),
    Kind("tables", "table", "tableId", "$permissions", flag="rowSecurity", items="rows", database="tablesDB"),
    Kind(
        "collections",
        "collection",
        "collectionId",
        "$permissions",
        flag="documentSecurity",
        items="documents",
        database="databases",
    ),
    Kind("buckets", "bucket", "bucketId", "$permissions", flag="fileSecurity", items="files"),
    Kind("functions", "function", "functionId", roles="execute"),
    Kind("sites", "site", "siteId"),
    Kind("topics", "topic", "topicId", roles="subscribe"),
    Kind("teams", "team", "teamId"),
)
