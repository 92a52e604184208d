"""A plan's address as QGIS knows it: ``pgconn:NAME/SCHEMA`` names one of QGIS's stored PostgreSQL
connections (Browser › PostgreSQL) and the plan's schema there. Its authentication configuration
(QgsAuthManager) gives the user and password, which stay in memory: the libpq address made here is
never written to a plan, a project, a log or a message (they show it redacted)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri, QgsSettings

from .core.messages import EcoZoneError
from .core.plan.address import is_database_address
from .core.plan.postgis import redacted, split_address

PREFIX = "pgconn:"
# QgsDataSourceUri.SslMode as QGIS stores it in its connection settings
SSL_MODES = {0: "prefer", 1: "disable", 2: "allow", 3: "require", 4: "verify-ca", 5: "verify-full"}


def is_plan_address(text: str | None) -> bool:
    """A PostGIS plan's address (postgresql://…?schema=… or pgconn:NAME/SCHEMA), not a file."""
    return bool(text) and (is_database_address(str(text)) or str(text).startswith(PREFIX))


def shown(address: str) -> str:
    """The address as messages and outputs show it: pgconn: as given, a libpq address redacted."""
    return address if address.startswith(PREFIX) else redacted(address)


def stored_connections() -> list[str]:
    """The names of QGIS's stored PostgreSQL connections."""
    settings = QgsSettings()
    settings.beginGroup("PostgreSQL/connections")
    try:
        return sorted(settings.childGroups())
    finally:
        settings.endGroup()


class _Stored:
    """One stored connection's settings, as ``pgconn:NAME/SCHEMA`` names it."""

    def __init__(self, address: str):
        self.name, _, self.schema = address[len(PREFIX) :].rpartition("/")
        if not self.name or not self.schema or self.name not in stored_connections():
            raise EcoZoneError("EZ-T028", address=address, known=", ".join(stored_connections()) or "-")
        self.settings = QgsSettings()

    def value(self, key: str) -> str:
        return str(self.settings.value(f"PostgreSQL/connections/{self.name}/{key}", "") or "")


def resolve(address: str) -> str:
    """``pgconn:NAME/SCHEMA`` as a libpq address with ``?schema=``; any other address as it is."""
    text = str(address)
    if not text.startswith(PREFIX):
        return text
    stored = _Stored(text)
    user, password = stored.value("username"), stored.value("password")
    authcfg = stored.value("authcfg")
    if authcfg:
        config = QgsAuthMethodConfig()
        if not QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, True):
            raise EcoZoneError("EZ-T029", name=stored.name, authcfg=authcfg)
        user, password = config.config("username", user), config.config("password", "")
    query = [("schema", stored.schema)]
    if stored.value("service"):
        query.append(("service", stored.value("service")))
    ssl = stored.value("sslmode")
    if ssl.isdigit() and int(ssl) in SSL_MODES and int(ssl) != 0:
        query.append(("sslmode", SSL_MODES[int(ssl)]))
    who = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
    host, port = stored.value("host"), stored.value("port")
    netloc = (who + "@" if who else "") + host + (f":{port}" if port and host else "")
    return f"postgresql://{netloc}/{quote(stored.value('database'), safe='')}?{urlencode(query)}"


def layer_uri(address: str, table: str) -> str:
    """The QGIS layer source of a table of a PostGIS plan, never with a password. For ``pgconn:`` it
    is the stored connection's with its authentication configuration's id; for a libpq address QGIS,
    as libpq, finds the password in the password file or the service."""
    text = str(address)
    if text.startswith(PREFIX):
        stored = _Stored(text)
        schema, authcfg = stored.schema, stored.value("authcfg")
        service, host, port = stored.value("service"), stored.value("host"), stored.value("port")
        database, user = stored.value("database"), stored.value("username")
    else:
        from psycopg2.extensions import parse_dsn

        dsn, schema = split_address(text)
        params = parse_dsn(dsn)
        authcfg, service = "", params.get("service", "")
        host, port = params.get("host", ""), params.get("port", "")
        database, user = params.get("dbname", ""), params.get("user", "")
    uri = QgsDataSourceUri()
    if service:
        uri.setConnection(service, database, user, "", QgsDataSourceUri.SslPrefer, authcfg)
    else:
        uri.setConnection(host, port or "5432", database, user, "", QgsDataSourceUri.SslPrefer, authcfg)
    uri.setDataSource(schema, table, "geom", "", "id")
    return uri.uri(False)
