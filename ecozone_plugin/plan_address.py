"""A plan's address as QGIS knows it: ``pgconn:NAME/SCHEMA`` names one of QGIS's stored PostgreSQL
connections (Browser › PostgreSQL) and the plan's schema there. Its authentication configuration
(QgsAuthManager) gives the user and password, which stay in memory: the libpq address made here is
never written to a plan, a project, a log or a message (they show it redacted)."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from qgis.core import QgsApplication, QgsAuthMethodConfig, QgsDataSourceUri, QgsSettings

from .core.messages import EcoZoneError

PREFIX = "pgconn:"
# QgsDataSourceUri.SslMode as QGIS stores it in its connection settings
SSL_MODES = {0: "prefer", 1: "disable", 2: "allow", 3: "require", 4: "verify-ca", 5: "verify-full"}


def stored_connections() -> list[str]:
    """The names of QGIS's stored PostgreSQL connections."""
    settings = QgsSettings()
    settings.beginGroup("PostgreSQL/connections")
    try:
        return sorted(settings.childGroups())
    finally:
        settings.endGroup()


def resolve(address: str) -> str:
    """``pgconn:NAME/SCHEMA`` as a libpq address with ``?schema=``; any other address as it is."""
    text = str(address)
    if not text.startswith(PREFIX):
        return text
    name, _, schema = text[len(PREFIX) :].rpartition("/")
    if not name or not schema or name not in stored_connections():
        raise EcoZoneError("EZ-T028", address=text, known=", ".join(stored_connections()) or "-")
    settings = QgsSettings()
    base = f"PostgreSQL/connections/{name}/"

    def value(key: str) -> str:
        return str(settings.value(base + key, "") or "")

    user, password = value("username"), value("password")
    authcfg = value("authcfg")
    if authcfg:
        config = QgsAuthMethodConfig()
        if not QgsApplication.authManager().loadAuthenticationConfig(authcfg, config, True):
            raise EcoZoneError("EZ-T029", name=name, authcfg=authcfg)
        user, password = config.config("username", user), config.config("password", "")
    query = [("schema", schema)]
    if value("service"):
        query.append(("service", value("service")))
    ssl = value("sslmode")
    if ssl.isdigit() and int(ssl) in SSL_MODES and int(ssl) != 0:
        query.append(("sslmode", SSL_MODES[int(ssl)]))
    who = quote(user, safe="") + (":" + quote(password, safe="") if password else "")
    host = value("host")
    port = value("port")
    netloc = (who + "@" if who else "") + (host or "") + (f":{port}" if port and host else "")
    return f"postgresql://{netloc}/{quote(value('database'), safe='')}?{urlencode(query)}"


def layer_uri(address: str, table: str) -> str:
    """The QGIS layer source of a table of a PostGIS plan. For ``pgconn:`` it is the stored
    connection's, with its authentication configuration's id and no password; for a libpq address
    the same without a password (QGIS, as libpq, finds it in the password file or service)."""
    from .qgis_adapters import postgis_layer_uri

    text = str(address)
    if not text.startswith(PREFIX):
        return postgis_layer_uri(text, table)
    name, _, schema = text[len(PREFIX) :].rpartition("/")
    settings = QgsSettings()
    base = f"PostgreSQL/connections/{name}/"

    def value(key: str) -> str:
        return str(settings.value(base + key, "") or "")

    uri = QgsDataSourceUri()
    prefer, authcfg = QgsDataSourceUri.SslPrefer, value("authcfg")
    if value("service"):
        uri.setConnection(value("service"), value("database"), value("username"), "", prefer, authcfg)
    else:
        port = value("port") or "5432"
        uri.setConnection(value("host"), port, value("database"), value("username"), "", prefer, authcfg)
    uri.setDataSource(schema, table, "geom", "", "id")
    return uri.uri(False)
