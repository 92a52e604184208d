"""Where a plan is: a GeoPackage path, or a PostgreSQL address naming the plan's schema
(``postgresql://user@host:port/db?schema=name``)."""

from __future__ import annotations

import os

from .store import PlanStore


def is_database_address(address: str | os.PathLike) -> bool:
    return str(address).startswith(("postgresql://", "postgres://"))


def open_store(address: str | os.PathLike, allow_old: bool = False, shown: str = "") -> PlanStore:
    """The plan at ``address``: a PostGIS schema or a GeoPackage file (refused as each store refuses);
    ``shown`` is the address as the author gave it, kept as the store's ``address``."""
    if is_database_address(address):
        from .postgis import PostGISPlanStore

        return PostGISPlanStore.open(str(address), shown)
    from .geopackage import GeoPackagePlanStore

    return GeoPackagePlanStore(address, allow_old=allow_old)
