"""The mechanics behind :mod:`appwrite_dsl.validate`, one module per job (this module only re-exports).

Everything here follows the validators of utopia-php/database 7.2.6 (``src/Database/Validator/``) and the
list endpoints of appwrite/appwrite 1.9.6, with older versions' differences; the checks
return a problem as ``(description, path)``: the server's description (``"Invalid query: ..."`` or
``"Invalid query method: ..."``) and the path of the culprit inside the query (JSON keys and indexes, as
:func:`appwrite_dsl._php_json.locate` takes them). Paths and texts are only built when something fails, so a
valid query costs a few dictionary lookups and type tests per value.

* :mod:`._versions`: server versions, the methods each parser knows, the limits and wording of each release;
* :mod:`._schemas`: the targets as the caller describes them (attributes, schemas, endpoint presets);
* :mod:`._deployment`: the deployment a document endpoint runs on (database adapter, shared tables);
* :mod:`._attributes`: attributes as the checks see them, and the target of a request;
* :mod:`._values`: PHP's numeric strings, the Range validator, dates, UIDs;
* :mod:`._datetime`: how the server reads a date (PHP's ``DateTime``, the ``Datetime`` validator);
* :mod:`._json_checks`: the checks of the current validators (JSON syntax, Appwrite 1.5 on);
* :mod:`._legacy_checks`: the checks of the legacy validators (Appwrite 1.0-1.4);
* :mod:`._documents`: the document-only rules (IndexedQueries);
* :mod:`._shapes`: methods a server version cannot parse (JSON era);
* :mod:`._server_reading`: the server's reading of a text the strict reader refuses; ``Database::find()``'s
  checks after the validators;
* :mod:`._spans`: where a path lies in a query string; the endpoint's textual rewrites;
* :mod:`._policy`: the application's policy;
* :mod:`._pipeline`: the pipelines (:class:`Run`): reading, limits, cursor, validators, document rules, find;
* :mod:`._cloud_pipeline`: the pipeline of the cloud dialect (:func:`run_cloud`).
"""

from __future__ import annotations

from ._attributes import QUERY_LENGTH, SPATIAL_TYPES, STRING_TYPES
from ._cloud_pipeline import run as run_cloud
from ._pipeline import PARAM, SERVER, Run, array_text
from ._versions import profile, version_number

__all__ = [
    "PARAM",
    "QUERY_LENGTH",
    "SERVER",
    "SPATIAL_TYPES",
    "STRING_TYPES",
    "Run",
    "array_text",
    "profile",
    "run_cloud",
    "version_number",
]
