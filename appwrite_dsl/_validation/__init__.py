"""The mechanics behind :mod:`appwrite_dsl.validate`, one module per job (this module only re-exports).

Everything here follows the validators of utopia-php/database 7.2.6 (``src/Database/Validator/``) and the
list endpoints of appwrite/appwrite 1.9.6, with older versions' differences; the checks
return a problem as ``(description, path)``: the server's description (``"Invalid query: ..."`` or
``"Invalid query method: ..."``) and the path of the culprit inside the query (JSON keys and indexes, as
:func:`appwrite_dsl._php_json.locate` takes them). Paths and texts are only built when something fails, so a
valid query costs a few dictionary lookups and type tests per value.

* :mod:`._versions`: server versions, the methods each parser knows, the limits and wording of each release;
* :mod:`._attributes`: attributes as the checks see them, and the target of a request;
* :mod:`._values`: PHP's numeric strings, the Range validator, dates, UIDs;
* :mod:`._json_checks`: the checks of the current validators (JSON syntax, Appwrite 1.5 on);
* :mod:`._legacy_checks`: the checks of the legacy validators (Appwrite 1.0-1.4);
* :mod:`._documents`: the document-only rules (IndexedQueries);
* :mod:`._shapes`: methods a server version cannot parse (JSON era);
* :mod:`._spans`: where a path lies in a query string; the endpoint's textual rewrites;
* :mod:`._schemas`: the targets as the caller describes them (attributes, schemas, endpoint presets);
* :mod:`._policy`: the application's policy;
* :mod:`._pipeline`: the pipelines (:class:`Run`): reading, limits, cursor, validators, document rules, find.
"""

from __future__ import annotations

from ._attributes import SPATIAL_TYPES, STRING_TYPES, Attr, Target, compile_attribute
from ._documents import document_rules, triggers_of
from ._json_checks import check_json
from ._legacy_checks import check_legacy
from ._pipeline import PARAM, POLICY, SERVER, STRICT, Issue, Run, array_text
from ._policy import Policy, is_server_message, policy_problems
from ._spans import json_span
from ._values import is_uid, php_number
from ._versions import MAIN, Path, Profile, profile, version_number

__all__ = [
    "MAIN",
    "PARAM",
    "POLICY",
    "SERVER",
    "SPATIAL_TYPES",
    "STRICT",
    "STRING_TYPES",
    "Attr",
    "Issue",
    "Path",
    "Policy",
    "Profile",
    "Run",
    "Target",
    "array_text",
    "check_json",
    "check_legacy",
    "compile_attribute",
    "document_rules",
    "is_server_message",
    "is_uid",
    "json_span",
    "php_number",
    "policy_problems",
    "profile",
    "triggers_of",
    "version_number",
]
