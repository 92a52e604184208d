"""A plan kept in one schema of a PostgreSQL database with PostGIS (the team store).

The schema holds the same tables as a plan GeoPackage, made from the same field lists
(core/schema.py): PostGIS MultiPolygon columns with GiST indexes for the spatial tables. A plan
is addressed by a libpq connection string plus the schema's name; every value is a bound
parameter and every identifier is quoted by psycopg's own quoting. Creating a plan is one
transaction: a failure leaves no schema behind.
"""

from __future__ import annotations

from contextlib import contextmanager
from datetime import datetime, timezone
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .. import schema as fields
from ..messages import EcoZoneError
from ..progress import Progress
from .schema import CLAUSE_KEY_INDEX, REASON_KEY_INDEX, SCHEMA_VERSION, SPATIAL_TABLES
from .sql_store import SqlPlanStore, StoreReadOnlyError, StoreUniqueError, StoreWriteError
from .store import PlanData

PG_TYPES = {
    fields.TEXT: "text",
    fields.INTEGER: "integer",
    fields.REAL: "double precision",
    fields.TIMESTAMP: "timestamptz",
}
TIMESTAMPTZ_OID = 1184  # how psycopg's cursor describes a timestamptz column
TABLES = (
    ("control_units", fields.UNITS, True),
    ("admin_boundary", fields.BOUNDARY, True),
    ("element_zones", fields.ZONES, True),
    ("unit_zone", fields.UNIT_ZONE, False),
    ("admission_clause", fields.CLAUSES, False),
    ("plan_info", fields.INFO, False),
    ("change_log", fields.LOG, False),
    ("change_reason", fields.CHANGE_REASON, False),
)
MOMENT_COLUMNS = {f.name for _t, table_fields, _s in TABLES for f in table_fields if f.kind == fields.TIMESTAMP}


def _iso(moment) -> str | None:
    if not isinstance(moment, datetime):
        return moment
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _driver():
    try:
        import psycopg2
        import psycopg2.extras
        import psycopg2.sql
    except ImportError as error:
        raise EcoZoneError("EZ-T022", error=str(error)) from error
    return psycopg2


def split_address(address: str) -> tuple[str, str]:
    """(libpq connection string, schema) of ``postgresql://user@host:port/db?schema=name&…``; the
    other query parameters (sslmode, service, …) stay in the connection string."""
    parts = urlsplit(address)
    query = parse_qsl(parts.query, keep_blank_values=True)
    schemas = [v for k, v in query if k == "schema"]
    if parts.scheme not in ("postgresql", "postgres") or len(schemas) != 1 or not schemas[0]:
        raise EcoZoneError("EZ-T023", address=redacted(address))
    rest = urlencode([(k, v) for k, v in query if k != "schema"])
    return urlunsplit((parts.scheme, parts.netloc, parts.path, rest, "")), schemas[0]


def redacted(address: str) -> str:
    """The address without its password, for messages and logs."""
    parts = urlsplit(address)
    if parts.password is None:
        return address
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


class _PgConnection:
    """One connection to the plan's schema; ``?`` placeholders of the shared SQL become psycopg's."""

    def __init__(self, dsn: str, schema: str, update: bool, label: str):
        pg = _driver()
        self.pg = pg
        try:
            self.db = pg.connect(dsn)
        except pg.Error as error:
            raise EcoZoneError("EZ-T030", path=label, error=str(error).strip()) from error
        self.schema = schema
        with self.db.cursor() as cur:
            cur.execute("SET TIME ZONE 'UTC'")
            cur.execute(pg.sql.SQL("SET search_path TO {}, public").format(pg.sql.Identifier(schema)))
            if not update:
                cur.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        self.db.commit()

    @contextmanager
    def _refused(self):
        """What the database refuses, as the store's errors: a repeated key, no right to write, the rest."""
        try:
            yield
        except self.pg.errors.UniqueViolation as error:
            raise StoreUniqueError(str(error)) from error
        except (self.pg.errors.InsufficientPrivilege, self.pg.errors.ReadOnlySqlTransaction) as error:
            raise StoreReadOnlyError(str(error)) from error
        except (self.pg.Error, ValueError) as error:  # ValueError: a NUL character, which text cannot hold
            raise StoreWriteError(str(error)) from error

    def execute(self, text: str, *params):
        cur = self.db.cursor(cursor_factory=self.pg.extras.RealDictCursor)
        with self._refused():
            cur.execute(text.replace("%", "%%").replace("?", "%s"), params)
        return cur

    def rows(self, text: str, *params) -> list[dict]:
        """The rows as dicts; a timestamptz comes back as the ISO 8601 text in UTC a GeoPackage plan keeps."""
        cur = self.execute(text, *params)
        if not cur.description:
            return []
        moments = [column.name for column in cur.description if column.type_code == TIMESTAMPTZ_OID]
        rows = [dict(row) for row in cur.fetchall()]
        for row in rows if moments else ():
            for name in moments:
                row[name] = _iso(row[name])
        return rows

    def insert(self, table: str, row: dict) -> int:
        """Insert one row; its id. A row given its id (an undone delete) moves the id sequence past it."""
        sql = self.pg.sql
        row = {k: (None if v == "" and k in MOMENT_COLUMNS else v) for k, v in row.items()}  # '': not set
        name = sql.Identifier(table)
        statement = sql.SQL("INSERT INTO {} ({}) VALUES ({}) RETURNING id").format(
            name,
            sql.SQL(", ").join(sql.Identifier(column) for column in row),
            sql.SQL(", ").join(sql.Placeholder() for _ in row),
        )
        advance = sql.SQL(
            "SELECT setval(pg_get_serial_sequence(%s, 'id'), GREATEST(%s, (SELECT max(id) FROM {})))"
        ).format(name)
        cur = self.db.cursor()
        with self._refused():
            cur.execute(statement, tuple(row.values()))
            new_id = cur.fetchone()[0]
            if "id" in row:
                cur.execute(advance, (table, new_id))
        return new_id

    def has_table(self, name: str) -> bool:
        found = "SELECT 1 AS x FROM information_schema.tables WHERE table_schema = ? AND table_name = ?"
        return bool(self.rows(found, self.schema, name))

    @contextmanager
    def transaction(self):
        """One write: the plan's writers take turns (a lock held until commit), so two authors' writes
        never deadlock and each sees what the one before committed."""
        try:
            self.execute("SELECT pg_advisory_xact_lock(hashtext(?))", f"ecozone:{self.schema}")
            yield self
        except BaseException:
            self.db.rollback()
            raise
        try:
            self.db.commit()
        except self.pg.Error as error:
            self.db.rollback()
            raise StoreWriteError(str(error)) from error

    def close(self) -> None:
        self.db.close()


class PostGISPlanStore(SqlPlanStore):
    """A plan kept in one schema of a PostGIS database."""

    def __init__(self, dsn: str, schema: str):
        self.dsn, self.schema_name = dsn, schema
        self.path = f"{redacted(dsn)} › {schema}"  # what messages name; never a password
        with self._open(update=False) as conn:
            needed = ("control_units", "admission_clause", "plan_info", "change_log")
            missing = [t for t in needed if not conn.has_table(t)]
            if missing:
                raise EcoZoneError("EZ-T002", path=self.path, tables=", ".join(missing))
            rows = conn.rows("SELECT value FROM plan_info WHERE key = 'schema_version'")
        version = int(rows[0]["value"]) if rows and str(rows[0]["value"]).isdigit() else 1
        if version != SCHEMA_VERSION:
            code = "EZ-T003" if version > SCHEMA_VERSION else "EZ-T007"
            raise EcoZoneError(code, path=self.path, version=version, supported=SCHEMA_VERSION)
        self.schema_version = version

    needs_migration = False  # a plan of another schema version is refused when opened
    _database_user = ""

    def _author(self, author: str) -> str:
        """The name given (the QGIS user), else the database user the plan was opened as."""
        if author:
            return author
        if not self._database_user:
            with self._open(update=False) as conn:
                self._database_user = conn.rows("SELECT current_user AS who")[0]["who"]
        return self._database_user

    @classmethod
    def open(cls, address: str, shown: str = "") -> PostGISPlanStore:
        """The plan at a libpq address; ``shown`` is the address as the author gave it (pgconn:…)."""
        store = cls(*split_address(address))
        store.address = shown or address
        return store

    @contextmanager
    def _open(self, update: bool = True):
        conn = _PgConnection(self.dsn, self.schema_name, update, self.path)
        try:
            yield conn
        finally:
            conn.close()

    def features(self, table: str) -> list[tuple[dict, bytes | None]]:
        if table not in SPATIAL_TABLES:
            raise ValueError(f"not a spatial table of a plan: {table}")
        names = ", ".join(["id", *fields.names(_fields_of(table))])
        with self._open(update=False) as conn:
            rows = conn.rows(f"SELECT {names}, ST_AsBinary(geom) AS wkb FROM {table} ORDER BY id")
        result = []
        for row in rows:
            wkb = row.pop("wkb")
            result.append((row, bytes(wkb) if wkb is not None else None))
        return result

    def crs(self) -> str:
        with self._open(update=False) as conn:
            found = conn.rows(
                "SELECT srid FROM geometry_columns WHERE f_table_schema = ? AND f_table_name = 'control_units'",
                self.schema_name,
            )
        return f"EPSG:{found[0]['srid']}" if found and found[0]["srid"] else ""


def list_plans(dsn: str) -> list[dict]:
    """The EcoZone plans of a database: every schema with a plan_info table, with its schema version,
    counties and plan version (what a plan chooser shows), by schema name."""
    conn = _PgConnection(dsn, "public", False, redacted(dsn))
    try:
        schemas = [
            r["table_schema"]
            for r in conn.rows(
                "SELECT table_schema FROM information_schema.tables WHERE table_name = 'plan_info' "
                "AND table_schema IN (SELECT table_schema FROM information_schema.tables "
                "WHERE table_name = 'admission_clause') ORDER BY table_schema"
            )
        ]
        plans = []
        sql = conn.pg.sql
        for schema in schemas:
            query = sql.SQL("SELECT key, value FROM {}.plan_info WHERE key IN %s").format(sql.Identifier(schema))
            cur = conn.db.cursor()
            cur.execute(query, (("schema_version", "county_names", "plan_version"),))
            info = dict(cur.fetchall())
            plans.append(
                {"schema": schema, **{k: info.get(k) or "" for k in ("schema_version", "county_names", "plan_version")}}
            )
        return plans
    except conn.pg.Error as error:
        raise EcoZoneError("EZ-T030", path=redacted(dsn), error=str(error).strip()) from error
    finally:
        conn.close()


def _fields_of(table: str):
    return next(f for name, f, _spatial in TABLES if name == table)


def _epsg(crs: str) -> int:
    if not crs.upper().startswith("EPSG:"):
        raise EcoZoneError("EZ-T024", crs=crs[:60])
    return int(crs.split(":", 1)[1])


def _create(conn: _PgConnection, schema: str, data: PlanData, progress: Progress, author: str, finish) -> None:
    sql = conn.pg.sql
    cur = conn.db.cursor()
    srid = _epsg(data.crs)
    cur.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))  # only with overwrite
    cur.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    cur.execute(sql.SQL("SET search_path TO {}, public").format(sql.Identifier(schema)))
    for table, table_fields, spatial in TABLES:
        columns = [sql.SQL("id integer GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")]
        columns += [sql.SQL("{} " + PG_TYPES[f.kind]).format(sql.Identifier(f.name)) for f in table_fields]
        if spatial:
            columns.append(sql.SQL("geom geometry(MultiPolygon, {})").format(sql.Literal(srid)))
        cur.execute(sql.SQL("CREATE TABLE {} ({})").format(sql.Identifier(table), sql.SQL(", ").join(columns)))
        if spatial:
            cur.execute(sql.SQL("CREATE INDEX ON {} USING GIST (geom)").format(sql.Identifier(table)))
    for statement in (
        f"CREATE UNIQUE INDEX {CLAUSE_KEY_INDEX} ON admission_clause "
        "(level, scope, COALESCE(class_filter, 0), dimension, clause_no)",
        "CREATE UNIQUE INDEX plan_info_key ON plan_info (key)",
        f"CREATE UNIQUE INDEX {REASON_KEY_INDEX} ON change_reason (previous, old_unit_uid, new_unit_uid, change_type)",
        "CREATE INDEX unit_zone_uid ON unit_zone (unit_uid)",
        "CREATE UNIQUE INDEX control_units_uid ON control_units (unit_uid)",
    ):
        cur.execute(statement)
    steps = (
        ("control_units", data.units),
        ("admin_boundary", data.boundary),
        ("element_zones", data.zones),
        ("unit_zone", [(row, None) for row in data.unit_zone]),
    )
    for n, (table, rows) in enumerate(steps):
        progress.check()
        names = list(fields.names(_fields_of(table)))
        spatial = table in SPATIAL_TABLES
        geometry = ", ST_Multi(ST_GeomFromWKB(%s, %s))" if spatial else ""
        template = "(" + ", ".join(["%s"] * len(names)) + geometry + ")"
        values = []
        for attributes, wkb in rows:
            row = [attributes.get(name) for name in names]
            if spatial:
                row += [conn.pg.Binary(bytes(wkb)) if wkb is not None else None, srid]
            values.append(tuple(row))
        target = sql.SQL("INSERT INTO {} ({}) VALUES %s").format(
            sql.Identifier(table),
            sql.SQL(", ").join([sql.Identifier(n) for n in names] + ([sql.Identifier("geom")] if spatial else [])),
        )
        conn.pg.extras.execute_values(cur, target.as_string(conn.db), values, template=template, page_size=500)
        progress.set_progress(90.0 * (n + 1) / len(steps))
    if finish is not None:
        finish(conn)
    else:
        from .create import record_creation

        record_creation(conn, data, author, schema)


def create_postgis_plan(
    address: str,
    data: PlanData,
    progress: Progress | None = None,
    author: str = "",
    finish=None,
    overwrite: bool = False,
) -> PostGISPlanStore:
    """Write a new plan into a new schema of the database, in one transaction: refused when the
    schema exists unless ``overwrite`` (then the old schema goes in the same transaction).
    ``finish(conn)`` writes the information and log instead of the new plan's own (a copy)."""
    progress = progress or Progress()
    dsn, schema = split_address(address)
    label = f"{redacted(dsn)} › {schema}"
    conn = _PgConnection(dsn, "public", True, label)
    try:
        exists = conn.rows("SELECT 1 AS x FROM information_schema.schemata WHERE schema_name = ?", schema)
        if exists and not overwrite:
            raise EcoZoneError("EZ-T025", path=label)
        try:
            with conn.transaction():
                _create(conn, schema, data, progress, author, finish)
        except (StoreWriteError, conn.pg.Error) as error:
            raise EcoZoneError("EZ-T017", path=label, error=str(error).strip()) from error
    finally:
        conn.close()
    progress.set_progress(100)
    return PostGISPlanStore(dsn, schema)
