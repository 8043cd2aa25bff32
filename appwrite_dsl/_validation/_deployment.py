"""The deployment a document or row endpoint runs on: its database adapter and whether projects share tables.

``Database::find()`` of utopia-php/database 7.2.6 validates with values taken from the adapter
(``src/Database/Adapter/{MariaDB,Postgres,Mongo}.php`` and ``Adapter/SQL.php``: ``getMinDateTime``,
``getMaxDateTime``, ``getMaxUIDLength``, ``getIdAttributeType``, ``getSupportForUnsignedBigInt``), and
``Database::getInternalAttributes()`` lists ``$tenant`` only with shared tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from . import _datetime

__all__ = ["ADAPTERS", "Deployment"]

_MICRO_DAY = 86_400 * 1_000_000
_MAX = (_datetime.civil_days(9999, 12, 31) + 1) * _MICRO_DAY - 1_000_000  # 9999-12-31 23:59:59


class _Adapter:
    __slots__ = ("min_date", "min_year", "sequence", "uid_length", "unsigned_bigint")

    def __init__(self, min_year: int, *, uid_length: int, sequence: str, unsigned_bigint: int) -> None:
        self.min_year = min_year
        self.min_date = _datetime.civil_days(min_year, 1, 1) * _MICRO_DAY
        self.uid_length = uid_length
        self.sequence = sequence
        self.unsigned_bigint = unsigned_bigint


ADAPTERS = {
    "mariadb": _Adapter(1000, uid_length=36, sequence="integer", unsigned_bigint=2**64 - 1),
    "mysql": _Adapter(1000, uid_length=36, sequence="integer", unsigned_bigint=2**64 - 1),
    "postgres": _Adapter(-4713, uid_length=36, sequence="integer", unsigned_bigint=2**63 - 1),
    "postgresql": _Adapter(-4713, uid_length=36, sequence="integer", unsigned_bigint=2**63 - 1),
    "mongodb": _Adapter(-9999, uid_length=255, sequence="uuid7", unsigned_bigint=2**63 - 1),
}


@dataclass(frozen=True)
class Deployment:
    """Where a project's documents live, as far as query validation can tell.

    ``adapter`` is the database adapter: ``"mariadb"`` (the default: every installation made before Appwrite
    1.9 and kept on upgrade), ``"mysql"``, ``"postgres"`` (or ``"postgresql"``, as ``_APP_DB_ADAPTER``
    writes it) or ``"mongodb"``. It sets the dates accepted (MariaDB and MySQL: 1000-01-01 00:00:00 to
    9999-12-31 23:59:59 UTC; PostgreSQL from -4713-01-01; MongoDB from -9999-01-01), the length of cursor
    IDs after the first
    (36; 255 on MongoDB), what ``$sequence`` holds (integers; UUIDv7 strings on MongoDB) and the largest
    unsigned ``bigint`` (2^64 - 1 on MariaDB and MySQL, 2^63 - 1 elsewhere). ``shared_tables`` is
    ``_APP_DATABASE_SHARED_TABLES`` naming the project's database host: then ``$tenant`` may be selected.

    >>> Deployment()
    Deployment(adapter='mariadb', shared_tables=False)
    >>> Deployment("postgres").max_uid_length
    36
    """

    adapter: str = "mariadb"
    shared_tables: bool = False
    _values: _Adapter = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        values = ADAPTERS.get(self.adapter) if isinstance(self.adapter, str) else None
        if values is None:
            raise ValueError(f"Expected a database adapter ({', '.join(ADAPTERS)}), found {self.adapter!r}")
        if type(self.shared_tables) is not bool:
            raise TypeError(f"shared_tables must be a bool, not {type(self.shared_tables).__name__}")
        object.__setattr__(self, "_values", values)

    @property
    def max_uid_length(self) -> int:
        """The longest ID a cursor query after the first may hold."""
        return self._values.uid_length

    @property
    def key(self) -> tuple[str, bool]:
        """What the compiled targets are cached by."""
        return (self.adapter, self.shared_tables)

    def date_bounds(self) -> tuple[int, int, int, int]:
        """``(min, max, min year, max year)``: instants as :func:`._datetime.read` gives them."""
        values = self._values
        return values.min_date, _MAX, values.min_year, 9999


DEFAULT_DEPLOYMENT = Deployment()
