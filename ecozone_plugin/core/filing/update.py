"""The update filing (更新备案): a plan compared with the version filed before it, the changes it
carries into the package (changes/), the author's reasons kept in the plan, and the refusal of an
update whose losses of priority-protection ground have no reason.

The earlier version is its filing package (.zip, verified against its manifest) or a plan
GeoPackage. It is named by ``key``: the SHA-256 of the package's manifest.json (what ``update_of``
and the plan's ``based_on`` record), or for a plan file its name and version.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..compare import Comparison, Piece, Version, compare, read_version, reproject, store_version
from ..compare_report import write_html, write_xlsx
from ..messages import EcoZoneError
from ..plan.store import ChangeReason, PlanStore, piece_key
from ..progress import Progress
from .package import CHANGES_GPKG_PATH

CHANGES_FOLDER = "changes"
CHANGES_GPKG = CHANGES_GPKG_PATH
CHANGES_HTML = "changes/change_report.html"
CHANGES_XLSX = "changes/change_report.xlsx"


def key_of(piece: Piece) -> str:
    return piece_key(piece.old.uid if piece.old else "", piece.new.uid if piece.new else "", piece.change_type)


@dataclass
class Previous:
    """The earlier version an update is compared with."""

    path: Path
    version: Version
    key: str
    manifest_sha256: str = ""  # empty for a plan GeoPackage

    @property
    def plan_version(self) -> str:
        return str(self.version.info.get("plan_version") or "")

    def update_of(self) -> dict:
        return {"package": self.path.name, "plan_version": self.plan_version, "manifest_sha256": self.manifest_sha256}


def manifest_sha256(zip_path: str | os.PathLike) -> str:
    """The SHA-256 of a package's manifest.json as stored in the zip ('' when it has none)."""
    try:
        with zipfile.ZipFile(zip_path) as archive:
            return hashlib.sha256(archive.read("manifest.json")).hexdigest()
    except (OSError, KeyError, zipfile.BadZipFile):
        return ""


def read_previous(path: str | os.PathLike, work: str | os.PathLike) -> Previous:
    """The earlier version: a package (verified, refused with its own problem) or a plan GeoPackage."""
    source = Path(path)
    version = read_version(str(source), str(work))
    if source.suffix.lower() == ".zip":
        digest = manifest_sha256(source)
        return Previous(source, version, digest, digest)
    return Previous(source, version, f"plan:{source.name}|{version.info.get('plan_version', '')}")


@dataclass
class Update:
    """A plan compared with its earlier version, the author's reasons by piece key."""

    previous: Previous
    new: Version
    comparison: Comparison
    reasons: dict[str, str]

    def same_version(self) -> bool:
        """The update keeps the earlier package's plan version (EZ-F014)."""
        return bool(self.previous.plan_version) and self.previous.plan_version == self.new.info.get("plan_version")

    def reason(self, piece: Piece) -> str:
        return self.reasons.get(key_of(piece), "")

    def unexplained(self) -> list[Piece]:
        """The priority losses that have no reason yet (the export refuses while there are any)."""
        return [p for p in self.comparison.priority_losses if not self.reason(p).strip()]

    def counts(self) -> dict:
        losses = self.comparison.priority_losses
        return {
            "by_type": self.comparison.counts(),
            "priority_losses": len(losses),
            "hard_losses": sum(p.hard_loss for p in losses),
            "without_reason": len(self.unexplained()),
            "small_pieces": self.comparison.small_pieces,
        }

    def reason_rows(self, reasons: dict[str, str], author_version: str = "") -> list[ChangeReason]:
        """ChangeReason rows for the reasons typed, by piece key, for the pieces of this comparison."""
        by_key = {key_of(p): p for p in self.comparison.pieces}
        rows = []
        for key, text in reasons.items():
            piece = by_key.get(key)
            if piece is None:
                continue
            rows.append(
                ChangeReason(
                    previous=self.previous.key,
                    old_unit_uid=piece.old.uid if piece.old else "",
                    new_unit_uid=piece.new.uid if piece.new else "",
                    change_type=piece.change_type,
                    reason=text,
                    old_unit_code=piece.old.code if piece.old else "",
                    new_unit_code=piece.new.code if piece.new else "",
                    area_km2=round(float(piece.area_km2), 6),
                    plan_version=author_version,
                )
            )
        return rows


def compare_with_previous(
    store: PlanStore,
    previous: Previous,
    min_change_m2: float = 1.0,
    progress: Progress | None = None,
) -> Update:
    """The plan in ``store`` against ``previous``, in the plan's CRS, with the reasons the plan keeps."""
    progress = progress or Progress()
    new = store_version(store, Path(store.path).name)
    old = reproject(previous.version, new.epsg)
    result = compare(old.units, new.units, new.hard(), old.priority_zones(), min_change_m2, progress)
    reasons = {key: r.reason for key, r in store.change_reasons(previous.key).items()}
    return Update(Previous(previous.path, old, previous.key, previous.manifest_sha256), new, result, reasons)


def prepare_update(
    store: PlanStore, previous_path: str | os.PathLike, min_change_m2: float = 1.0, progress: Progress | None = None
) -> Update:
    """Read the earlier version (a package is unpacked into a temporary folder, removed after) and compare."""
    import shutil
    import tempfile

    work = tempfile.mkdtemp(prefix="ecozone-previous-")
    try:
        return compare_with_previous(store, read_previous(previous_path, work), min_change_m2, progress)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def refuse_unexplained(update: Update) -> None:
    """EZ-F012 naming every priority loss without a reason (old unit, area, new unit)."""
    missing = update.unexplained()
    if missing:
        named = "; ".join(
            f"{p.old.code} → {p.new.code if p.new else '-'} {p.area_km2:.4f} km²" for p in missing[:20]
        ) + (f"; … ({len(missing)})" if len(missing) > 20 else "")
        raise EcoZoneError("EZ-F012", count=len(missing), pieces=named)


def write_changes(folder: Path, update: Update) -> None:
    """changes/changes.gpkg (one polygon per changed piece, reasons filled), change_report.html and .xlsx."""
    from osgeo import gdal, ogr, osr

    from .. import schema
    from ..gdal_errors import quiet_gdal
    from ..zones.geometry import as_multipolygon, to_wkb

    (folder / CHANGES_FOLDER).mkdir(exist_ok=True)
    reasons = {id(p): update.reason(p) for p in update.comparison.pieces}
    write_html(folder / CHANGES_HTML, update.comparison, update.previous.version, update.new, reasons)
    write_xlsx(folder / CHANGES_XLSX, update.comparison, update.previous.version, update.new, reasons)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(update.new.epsg)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    fields = schema.CHANGES + schema.CHANGE_IDS
    from ..plan.schema import OGR_TYPES

    with quiet_gdal():
        ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(folder / CHANGES_GPKG))
        layer = ds.CreateLayer("changes", srs, ogr.wkbMultiPolygon, options=["FID=id", "GEOMETRY_NAME=geom"])
        if layer is None:
            raise EcoZoneError("EZ-F001", path=CHANGES_GPKG, error=gdal.GetLastErrorMsg())
        for f in fields:
            layer.CreateField(ogr.FieldDefn(f.name, OGR_TYPES[f.kind]))
        layer.StartTransaction()
        for piece in update.comparison.pieces:
            feature = ogr.Feature(layer.GetLayerDefn())
            values = {
                "old_unit_code": piece.old.code if piece.old else None,
                "new_unit_code": piece.new.code if piece.new else None,
                "old_class": piece.old.unit_class if piece.old else None,
                "new_class": piece.new.unit_class if piece.new else None,
                "change_type": piece.change_type,
                "area_km2": round(float(piece.area_km2), 6),
                "county_code": piece.county_code,
                "priority_loss": int(piece.priority_loss),
                "hard_loss": int(piece.hard_loss),
                "old_zones": piece.old_zones or None,
                "reason": update.reason(piece) or None,
                "old_unit_uid": piece.old.uid if piece.old else None,
                "new_unit_uid": piece.new.uid if piece.new else None,
            }
            for name, value in values.items():
                if value is not None:
                    feature.SetField(name, value)
            feature.SetGeometry(ogr.CreateGeometryFromWkb(to_wkb(as_multipolygon(piece.geometry))))
            if layer.CreateFeature(feature) != 0:
                raise EcoZoneError("EZ-F001", path=CHANGES_GPKG, error=gdal.GetLastErrorMsg())
        layer.CommitTransaction()
        ds = None


def manifest_update(update: Update, forced: bool) -> dict:
    """What the manifest records of an update: ``update_of``, the counts of changes, what was forced."""
    record = {"update_of": update.previous.update_of(), "changes": update.counts()}
    if forced and update.unexplained():
        record["forced_without_reason"] = [
            {
                "old_unit_code": p.old.code,
                "new_unit_code": p.new.code if p.new else "",
                "area_km2": round(p.area_km2, 6),
            }
            for p in update.unexplained()
        ]
    return record


def check_update_of(manifest: dict, earlier_zip: str | os.PathLike) -> list[str]:
    """What in an update package's ``update_of`` does not match the earlier package given ([] when all do)."""
    record = manifest.get("update_of")
    if not isinstance(record, dict):
        return ["update_of"]
    earlier = Path(earlier_zip)
    problems = []
    if record.get("manifest_sha256") != manifest_sha256(earlier):
        problems.append("manifest_sha256")
    if record.get("package") != earlier.name:
        problems.append("package")
    try:
        with zipfile.ZipFile(earlier) as archive:
            earlier_version = json.loads(archive.read("manifest.json")).get("plan_info", {}).get("plan_version", "")
    except (OSError, KeyError, ValueError, zipfile.BadZipFile):
        earlier_version = None
    if record.get("plan_version") != earlier_version:
        problems.append("plan_version")
    return problems


@dataclass
class Basis:
    """The filed package a new plan follows (plan_info ``based_on``): what the update filing then
    names as ``update_of``."""

    path: Path  # the package .zip or the unpacked package's manifest.json
    sha256: str  # of the package's manifest.json, as ``update_of`` records it
    package: str  # the package's file name (or its unpacked folder's)
    plan_version: str
    manifest: dict

    def info(self) -> dict[str, str]:
        return {"based_on": self.sha256, "based_on_package": self.package, "based_on_version": self.plan_version}

    def delivered_name(self, field: str) -> str:
        """The name a working field has in the package's data (the package's profile field map)."""
        field_map = (self.manifest.get("profile_json") or {}).get("field_map") or {}
        return str(field_map.get(field) or field)


def _manifest_of(raw: bytes, where: str) -> dict:
    from .package import manifest_problem

    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise EcoZoneError("EZ-F007", error=f"{where}: {error}") from error
    problem = manifest_problem(manifest)
    if problem:
        raise EcoZoneError("EZ-F007", error=f"{where}: {problem}")
    return manifest


def _basis_of_zip(path: Path) -> Basis:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise EcoZoneError("EZ-F004", path=str(path), error=str(error)) from error
    with archive:
        names = set(archive.namelist())
        if "manifest.json" not in names:
            raise EcoZoneError("EZ-F015", path=str(path))
        raw = archive.read("manifest.json")
        manifest = _manifest_of(raw, path.name)
        for entry in manifest["files"]:
            if entry["path"] not in names:
                raise EcoZoneError("EZ-F006", path=f"{path.name}: {entry['path']}")
            digest, size = hashlib.sha256(), 0
            with archive.open(entry["path"]) as member:
                for block in iter(lambda: member.read(1 << 20), b""):
                    digest.update(block)
                    size += len(block)
            if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
                raise EcoZoneError("EZ-F008", path=f"{path.name}: {entry['path']}")
    return Basis(path, hashlib.sha256(raw).hexdigest(), path.name, _version_in(manifest), manifest)


def _version_in(manifest: dict) -> str:
    return str((manifest.get("plan_info") or {}).get("plan_version") or "")


def package_manifest_path(path: str | os.PathLike) -> Path | None:
    """manifest.json of the unpacked package that ``path`` is, or lies in (its folder or the one above:
    a layer of data/ names its package this way); None when there is none."""
    source = Path(str(path).split("|", 1)[0])
    if source.name == "manifest.json":
        return source if source.is_file() else None
    start = source if source.is_dir() else source.parent
    for folder in (start, start.parent):
        candidate = folder / "manifest.json"
        if candidate.is_file():
            return candidate
    return None


# SQLite files of an unpacked package: QGIS opening one rewrites its header (journal mode, change
# counter) without changing its content, so on disk only their size is compared with the manifest.
OPENED_IN_PLACE = (".gpkg", ".sqlite")


def basis_of(path: str | os.PathLike) -> Basis:
    """The filed package at ``path``: a package .zip, an unpacked package (its folder, its
    manifest.json or a file in it). Every file the manifest lists is checked (size and SHA-256; in
    an unpacked package the size only of the GeoPackages, see OPENED_IN_PLACE): a package changed
    since it was filed is refused, naming the file (EZ-F008), and anything that is not a package
    (EZ-F015)."""
    from .package import sha256_of

    source = Path(str(path).split("|", 1)[0])
    if source.suffix.lower() == ".zip" and source.is_file():
        return _basis_of_zip(source)
    manifest_path = package_manifest_path(source)
    if manifest_path is None:
        raise EcoZoneError("EZ-F015", path=str(source))
    raw = manifest_path.read_bytes()
    manifest = _manifest_of(raw, str(manifest_path))
    folder = manifest_path.parent
    for entry in manifest["files"]:
        local = folder / entry["path"]
        if not local.is_file():
            raise EcoZoneError("EZ-F006", path=str(local))
        changed = local.stat().st_size != entry["size"]
        if not changed and local.suffix.lower() not in OPENED_IN_PLACE:
            changed = sha256_of(local) != entry["sha256"]
        if changed:
            raise EcoZoneError("EZ-F008", path=str(local))
    return Basis(manifest_path, hashlib.sha256(raw).hexdigest(), folder.name, _version_in(manifest), manifest)
