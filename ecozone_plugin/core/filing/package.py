"""The filing package (备案): written whole or not at all, and read back with every checksum verified.

Layout (DESIGN.md): manifest.json; data/ (control_units.gpkg in the profile's field names and
CRS with admin_boundary, element_zones, admission_clause and plan_info; control_units.shp with
.cpg and control_units.gdb when asked); tables/ (admission_list.xlsx, unit_statistics.xlsx);
maps/ (PDFs rendered by the caller, which owns the print layout); report/ (validation.json/.html).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath

from osgeo import gdal, ogr, osr

from ..admission.excel import export_workbook
from ..check.report import report_html, report_json
from ..check.statistics import compute, write_xlsx
from ..check.validation import SHAPEFILE_TEXT_BYTES, ValidationResult, plan_profile, validate_store
from ..gdal_errors import quiet_gdal
from ..messages import EcoZoneError, Message
from ..plan.store import PlanStore
from ..profile import complete_profile
from ..progress import Progress, SubProgress

FORMAT = "ecozone-filing"
FORMAT_VERSION = 1
FULL_TEXT = "data/control_units.gpkg"  # where a text the shapefile shortens is whole
CHANGES_GPKG_PATH = "changes/changes.gpkg"  # an update filing's change layer (update.py)
ALL_FORMATS = ("gpkg", "shp", "gdb")
SPATIAL = ("control_units", "admin_boundary", "element_zones")
TABLES = ("admission_clause", "plan_info")
# What importfiling needs to check a package at all; a package that lacks one is named incomplete.
REQUIRED_FILES = (
    "data/control_units.gpkg",
    "tables/admission_list.xlsx",
    "report/validation.json",
)
MAX_MEMBERS = 100_000  # a File Geodatabase of a province has a few hundred files
MAX_UNPACKED_BYTES = 16 * 2**30  # a province's package is a few GB: more is a zip bomb or a mistake


@dataclass
class FilingResult:
    path: Path
    manifest: dict
    messages: list[Message] = field(default_factory=list)


@dataclass
class FilingRequest:
    """What an author asks of a filing: formats (empty: the profile's), element maps, force, the output
    (empty: the default name beside the plan) and a profile (empty: the plan's own)."""

    formats: list[str] = field(default_factory=list)
    element_maps: bool = False
    force: bool = False
    output: str = ""
    profile: str = ""
    previous: str = ""  # the earlier package (.zip) or plan this filing updates: then changes/ too
    min_change_m2: float = 1.0


def file_plan(
    store: PlanStore,
    request: FilingRequest,
    render_maps: Callable[[Path, Progress], list[Path]] | None,
    tool_version: str,
    progress: Progress | None = None,
    style_data: Callable[[Path, dict], list[tuple[str, str]]] | None = None,
    update=None,
) -> tuple[FilingResult, ValidationResult]:
    """Validate the plan and write its filing package, as the export algorithm and the filing dock do.

    With ``request.previous`` the package is an update filing; ``update`` is the comparison with that
    earlier version when the caller has made it already (the filing dock), else it is made here.
    """
    progress = progress or Progress()
    profile = plan_profile(store, request.profile)
    asked = [f for f in request.formats or profile["formats"] if f in ALL_FORMATS]
    formats = sorted(set(asked) | {"gpkg"}, key=ALL_FORMATS.index)
    output = request.output or str(Path(store.path).with_name(default_name(store)))
    validation = validate_store(store, profile, SubProgress(progress, 0, 25))
    if request.previous and update is None:
        from .update import prepare_update

        update = prepare_update(store, request.previous, request.min_change_m2, SubProgress(progress, 25, 30))
    shown = {
        "PLAN": Path(store.path).name,
        "FORMATS": formats,
        "ELEMENT_MAPS": request.element_maps,
        "FORCE": request.force,
        "OUTPUT": Path(output).name,
    }
    if update is not None:
        shown["PREVIOUS"] = update.previous.path.name
    result = export_package(
        store,
        output,
        profile,
        validation,
        formats,
        render_maps,
        shown,
        tool_version,
        force=request.force,
        progress=SubProgress(progress, 30, 100),
        style_data=style_data,
        update=update,
    )
    if update is not None and update.same_version():
        result.messages.insert(0, Message("EZ-F014", {"version": update.previous.plan_version}))
    if update is not None:
        result.messages[:0] = basis_mismatch(store.info(), update.previous)
    return result, validation


def basis_mismatch(info: dict, previous) -> list[Message]:
    """EZ-F016 when the plan records the package it is based on and the update compares another."""
    based_on = info.get("based_on") or ""
    if not based_on or not previous.manifest_sha256 or based_on == previous.manifest_sha256:
        return []
    params = {
        "based_on_package": info.get("based_on_package") or "?",
        "based_on": based_on[:12],
        "path": previous.path.name,
        "sha256": previous.manifest_sha256[:12],
    }
    return [Message("EZ-F016", params)]


def default_name(store: PlanStore, today: date | None = None) -> str:
    info = store.info()
    codes = [c for c in info.get("county_codes", "").split(";") if c]
    admin = info.get("city_code") or (codes[0] if len(codes) == 1 else (codes[0][:4] + "00" if codes else "plan"))
    version = "".join(ch if ch.isalnum() or ch in ".-" else "_" for ch in (info.get("plan_version") or "1.0"))
    return f"{admin}_{version}_{(today or date.today()).strftime('%Y%m%d')}.zip"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


INTERNAL_COLUMNS = ("id", "row_version")  # the store's own bookkeeping, not part of a filing


def _mapped_select(columns: list[str], field_map: dict, geometry: str | None) -> str:
    parts = [f'"{c}" AS "{field_map.get(c, c)}"' for c in columns if c not in INTERNAL_COLUMNS]
    if geometry:
        parts.append(f'"{geometry}"')
    return ", ".join(parts)


def _columns(ds, table: str) -> tuple[list[str], str | None]:
    layer = ds.GetLayerByName(table)
    definition = layer.GetLayerDefn()
    names = [definition.GetFieldDefn(i).GetName() for i in range(definition.GetFieldCount())]
    geometry = layer.GetGeometryColumn() or None
    return names, geometry


def write_delivery_gpkg(plan_path: str, target: Path, profile: dict, progress: Progress) -> str:
    """The plan's tables in the profile's field names and delivery CRS; returns the delivery CRS."""
    field_map = profile["field_map"]
    delivery_crs = profile["delivery_crs"] or ""
    source = gdal.OpenEx(plan_path, gdal.OF_VECTOR)
    with quiet_gdal():
        for n, table in enumerate(SPATIAL + TABLES):
            progress.check()
            columns, geometry = _columns(source, table)
            options = gdal.VectorTranslateOptions(
                format="GPKG",
                SQLStatement=f'SELECT {_mapped_select(columns, field_map, geometry)} FROM "{table}"',
                SQLDialect="SQLITE" if geometry is None else None,
                layerName=table,
                dstSRS=delivery_crs if (geometry and delivery_crs) else None,
                accessMode="update" if n else None,
                layerCreationOptions=["FID=id"] + (["GEOMETRY_NAME=geom"] if geometry else []),
                geometryType="MULTIPOLYGON" if geometry else None,
            )
            if gdal.VectorTranslate(str(target), source, options=options) is None:
                raise EcoZoneError("EZ-F001", path=str(target), error=gdal.GetLastErrorMsg())
            progress.set_progress(100.0 * (n + 1) / len(SPATIAL + TABLES))
    return delivery_crs


def write_shapefile(gpkg: Path, folder: Path, encoding: str, code_field: str, progress: Progress) -> list[Message]:
    """control_units.shp (+.cpg) from the delivery GeoPackage; texts too long for a .dbf are cut and reported."""
    messages = []
    source = ogr.Open(str(gpkg))
    layer = source.GetLayerByName("control_units")
    with quiet_gdal():
        driver = ogr.GetDriverByName("ESRI Shapefile")
        ds = driver.CreateDataSource(str(folder))
        target = ds.CreateLayer(
            "control_units", layer.GetSpatialRef(), ogr.wkbMultiPolygon, options=[f"ENCODING={encoding}"]
        )
        definition = layer.GetLayerDefn()
        text_fields = []
        for i in range(definition.GetFieldCount()):
            field_defn = definition.GetFieldDefn(i)
            copy = ogr.FieldDefn(field_defn.GetName(), field_defn.GetType())
            if field_defn.GetType() == ogr.OFTString:
                copy.SetWidth(SHAPEFILE_TEXT_BYTES)
                text_fields.append(field_defn.GetName())
            elif field_defn.GetType() == ogr.OFTReal:
                copy.SetWidth(20)
                copy.SetPrecision(6)
            target.CreateField(copy)
        total = max(layer.GetFeatureCount(), 1)
        for n, feature in enumerate(layer):
            progress.check()
            out = ogr.Feature(target.GetLayerDefn())
            out.SetGeometry(feature.GetGeometryRef())
            for name in feature.keys():
                value = feature.GetField(name)
                if name in text_fields and isinstance(value, str):
                    data = value.encode(encoding, errors="replace")
                    if len(data) > SHAPEFILE_TEXT_BYTES:
                        value = data[:SHAPEFILE_TEXT_BYTES].decode(encoding, errors="ignore")
                        messages.append(
                            Message(
                                "EZ-F002",
                                {
                                    "unit": feature.GetField(code_field),
                                    "field": name,
                                    "length": len(data),
                                    "limit": SHAPEFILE_TEXT_BYTES,
                                },
                            )
                        )
                out.SetField(name, value)
            if target.CreateFeature(out) != 0:
                raise EcoZoneError("EZ-F001", path=str(folder), error=gdal.GetLastErrorMsg())
            progress.set_progress(100.0 * n / total)
        ds = None
    cpg = folder / "control_units.cpg"
    if not cpg.exists():
        cpg.write_text(encoding.upper(), encoding="ascii")
    return messages


def write_filegdb(gpkg: Path, target: Path) -> None:
    with quiet_gdal():
        options = gdal.VectorTranslateOptions(format="OpenFileGDB")
        if gdal.VectorTranslate(str(target), str(gpkg), options=options) is None:
            raise EcoZoneError("EZ-F001", path=str(target), error=gdal.GetLastErrorMsg() or "OpenFileGDB")


def export_package(
    store: PlanStore,
    target_zip: str | os.PathLike,
    profile: dict,
    validation: ValidationResult,
    formats: list[str],
    render_maps: Callable[[Path, Progress], list[Path]] | None,
    parameters: dict,
    tool_version: str,
    force: bool = False,
    progress: Progress | None = None,
    style_data: Callable[[Path, dict], list[tuple[str, str]]] | None = None,
    update=None,
) -> FilingResult:
    """Write the package; refused when validation has errors unless forced. Built under a temporary name.

    With ``update`` (an :class:`update.Update`), the package is the update filing: it also holds changes/
    and its manifest records ``update_of``; it is refused while a priority loss has no reason, unless forced.

    ``style_data(gpkg, field_map)`` stores the layers' default styles in the delivery GeoPackage and
    returns the (table, error) pairs it could not store; ``render_maps(folder, progress)`` draws the maps.
    """
    progress = progress or Progress()
    if validation.errors and not force:
        codes = ", ".join(sorted({f.code for f in validation.findings if f.severity == "error"}))
        raise EcoZoneError("EZ-F003", errors=validation.errors, codes=codes)
    if update is not None and not force:
        from .update import refuse_unexplained

        refuse_unexplained(update)
    target = Path(target_zip)
    temporary = target.with_name(f".{target.stem}.{uuid.uuid4().hex[:8]}.part")
    messages: list[Message] = []
    work = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix="ecozone-filing-"))
        for folder in ("data", "tables", "maps", "report"):
            (work / folder).mkdir()
        delivery_gpkg = work / "data" / "control_units.gpkg"
        crs = write_delivery_gpkg(store.path, delivery_gpkg, profile, SubProgress(progress, 0, 20))
        if "shp" in formats:
            code_field = profile["field_map"].get("unit_code", "unit_code")
            encoding = profile["shp_encoding"]
            messages += write_shapefile(
                delivery_gpkg, work / "data", encoding, code_field, SubProgress(progress, 20, 30)
            )
        if "gdb" in formats:
            write_filegdb(delivery_gpkg, work / "data" / "control_units.gdb")
        if style_data is not None:  # after the copies: layer_styles belongs to the GeoPackage only
            for table, error in style_data(delivery_gpkg, profile["field_map"]):
                messages.append(Message("EZ-F011", {"table": table, "error": error}))
        progress.set_progress(35)
        export_workbook(store, work / "tables" / "admission_list.xlsx", SubProgress(progress, 35, 45))
        units = store.units()
        stats = compute(units, store.unit_zones())
        write_xlsx(stats, work / "tables" / "unit_statistics.xlsx")
        progress.set_progress(50)
        # the reports travel in Chinese, the language of the authority that reviews the filing
        (work / "report" / "validation.json").write_text(
            report_json(validation, store.path, profile, "zh"), encoding="utf-8"
        )
        (work / "report" / "validation.html").write_text(
            report_html(validation, store.path, profile, "zh"), encoding="utf-8"
        )
        if update is not None:
            from .update import write_changes

            write_changes(work, update)
            if style_data is not None:
                for table, error in style_data(work / CHANGES_GPKG_PATH, {}):
                    messages.append(Message("EZ-F011", {"table": table, "error": error}))
        if render_maps is not None:
            render_maps(work / "maps", SubProgress(progress, 50, 85))
        progress.set_progress(85)
        files = []
        for path in sorted(p for p in work.rglob("*") if p.is_file()):
            progress.check()
            files.append(
                {"path": path.relative_to(work).as_posix(), "size": path.stat().st_size, "sha256": sha256_of(path)}
            )
        manifest = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "tool": {"name": "EcoZone", "version": tool_version},
            "profile": profile["id"],
            "profile_json": profile,
            "parameters": parameters,
            "crs": crs,
            "plan_info": {k: v for k, v in store.info().items() if k != "profile_json"},
            "counts_by_class": {str(c): n for c, (n, _a) in sorted(stats.by_class.items())},
            "area_km2_by_class": {str(c): round(a, 6) for c, (_n, a) in sorted(stats.by_class.items())},
            "validation": {"errors": validation.errors, "warnings": validation.warnings, "codes": validation.codes()},
            "forced": bool(force and validation.errors),
            # texts the shapefile holds shortened; data/control_units.gpkg has them whole
            "shortened_in_shapefile": [
                {**{k: m.params[k] for k in ("unit", "field", "length", "limit")}, "full_text": FULL_TEXT}
                for m in messages
                if m.code == "EZ-F002"
            ],
            "files": files,
        }
        if update is not None:
            from .update import manifest_update

            manifest.update(manifest_update(update, force))
        (work / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.write(work / "manifest.json", "manifest.json")
            for entry in files:
                progress.check()
                archive.write(work / entry["path"], entry["path"])
        progress.set_progress(99)
        os.replace(temporary, target)
    except OSError as error:  # a full disk, a folder that cannot be written: the package is not written
        raise EcoZoneError("EZ-F001", path=str(target), error=error.strerror or str(error)) from error
    finally:
        temporary.unlink(missing_ok=True)
        if work is not None:
            shutil.rmtree(work, ignore_errors=True)
    progress.set_progress(100)
    return FilingResult(target, manifest, messages)


# --- reading a package back ------------------------------------------------------------------


@dataclass
class PackageCheck:
    manifest: dict | None
    problems: list[Message] = field(default_factory=list)
    folder: Path | None = None


def _safe_member(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and not name.startswith("\\")


def open_package(zip_path: str | os.PathLike, folder: str | os.PathLike) -> PackageCheck:
    """Extract a package into a fresh empty folder and check it against its own manifest.

    Every member is checked in the archive itself (a file left on disk by an earlier import
    cannot stand in for a missing one): listed but absent (EZ-F006), changed (EZ-F008), present
    but unlisted (EZ-F009), and the core files a filing needs must be there. When ``folder`` is
    not empty, the package goes into a new subfolder named after it (``check.folder`` says where).
    """
    zip_path = Path(zip_path)
    try:
        archive = zipfile.ZipFile(zip_path)
    except (OSError, zipfile.BadZipFile) as error:
        raise EcoZoneError("EZ-F004", path=str(zip_path), error=str(error)) from error
    with archive:
        members = {info.filename: info for info in archive.infolist() if not info.filename.endswith("/")}
        unsafe = [n for n in members if not _safe_member(n)]
        if unsafe:
            raise EcoZoneError("EZ-F005", path=str(zip_path), names=", ".join(unsafe))
        total = sum(info.file_size for info in members.values())
        if len(members) > MAX_MEMBERS or total > MAX_UNPACKED_BYTES:
            raise EcoZoneError(
                "EZ-F010",
                path=str(zip_path),
                members=len(members),
                size_mb=total / 2**20,
                max_members=MAX_MEMBERS,
                max_mb=MAX_UNPACKED_BYTES / 2**20,
            )
        if "manifest.json" not in members:
            return PackageCheck(None, [Message("EZ-F006", {"path": "manifest.json"})])
        try:
            manifest = json.loads(archive.read("manifest.json").decode("utf-8"))
        except (ValueError, UnicodeDecodeError) as error:
            return PackageCheck(None, [Message("EZ-F007", {"error": str(error)})])
        problem = manifest_problem(manifest)
        if problem:
            return PackageCheck(None, [Message("EZ-F007", {"error": problem})])
        target = fresh_folder(Path(folder), zip_path.stem)
        check = PackageCheck(manifest, folder=target)
        try:
            archive.extractall(target)
        except (OSError, zipfile.BadZipFile) as error:
            raise EcoZoneError("EZ-F004", path=str(zip_path), error=str(error)) from error
    listed = {entry["path"]: entry for entry in manifest["files"]}
    for path in sorted(set(listed) | (set(REQUIRED_FILES) - set(members))):
        entry = listed.get(path)
        if entry is None or path not in members or not _safe_member(path):
            check.problems.append(Message("EZ-F006", {"path": path}))
            continue
        local = target / path
        if local.stat().st_size != entry["size"] or sha256_of(local) != entry["sha256"]:
            check.problems.append(Message("EZ-F008", {"path": path}))
    for name in sorted(set(members) - set(listed) - {"manifest.json"}):
        check.problems.append(Message("EZ-F009", {"path": name}))
    return check


def manifest_problem(manifest) -> str:
    """What makes a manifest unusable ('' when it is usable): its shape is checked before anything reads it."""
    if not isinstance(manifest, dict):
        return f"an object was expected, not {type(manifest).__name__}"
    if manifest.get("format") != FORMAT:
        return f"format {manifest.get('format')!r}"
    version = manifest.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int):
        return f"format_version {version!r} is not a whole number"
    if version > FORMAT_VERSION:
        return f"format_version {version} is newer than {FORMAT_VERSION}"
    files = manifest.get("files")
    if not isinstance(files, list):
        return "files is not a list"
    for n, entry in enumerate(files):
        if not (
            isinstance(entry, dict)
            and isinstance(entry.get("path"), str)
            and isinstance(entry.get("size"), int)
            and isinstance(entry.get("sha256"), str)
        ):
            return f"files[{n}] is not an object with path, size and sha256"
    for key in ("plan_info", "validation", "profile_json"):
        if key in manifest and not isinstance(manifest[key], dict):
            return f"{key} is not an object"
    return ""


def fresh_folder(folder: Path, name: str) -> Path:
    """``folder`` when it is new or empty, else a new subfolder ``name`` (numbered when taken)."""
    if not folder.exists() or (folder.is_dir() and not any(folder.iterdir())):
        folder.mkdir(parents=True, exist_ok=True)
        return folder
    candidate, n = folder / name, 1
    while candidate.exists():
        n += 1
        candidate = folder / f"{name}_{n}"
    candidate.mkdir(parents=True)
    return candidate


def package_plan_input(folder: Path, manifest: dict):
    """The extracted package's plan as validation reads it: working field names, a Gauss-Krüger CRS."""
    import shapely

    from ..admission.clauses import Clause
    from ..check.validation import PlanInput
    from ..zones.crs import gk3_epsg_for_longitude

    profile = complete_profile(manifest.get("profile_json") or {}, "manifest.json")
    inverse = {v: k for k, v in profile["field_map"].items()}
    ds = ogr.Open(str(Path(folder) / "data" / "control_units.gpkg"))
    if ds is None:
        raise EcoZoneError("EZ-F006", path="data/control_units.gpkg")
    units_layer = ds.GetLayerByName("control_units")
    source_srs = units_layer.GetSpatialRef()
    source_srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    geographic = osr.SpatialReference()
    geographic.ImportFromEPSG(4490)
    geographic.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    minx, maxx, miny, maxy = units_layer.GetExtent()
    lon, _lat, _z = osr.CoordinateTransformation(source_srs, geographic).TransformPoint(
        (minx + maxx) / 2, (miny + maxy) / 2
    )
    epsg = gk3_epsg_for_longitude(lon)
    working = osr.SpatialReference()
    working.ImportFromEPSG(epsg)
    working.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)

    def rows(table):
        layer = ds.GetLayerByName(table)
        if layer is None:
            return []
        srs = layer.GetSpatialRef()
        transform = None
        if srs is not None:
            srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
            transform = osr.CoordinateTransformation(srs, working)
        result = []
        for feature in layer:
            attrs = {inverse.get(k, k): v for k, v in feature.items().items()}
            geometry = feature.GetGeometryRef()
            shape = None
            if geometry is not None:
                geometry = geometry.Clone()
                if transform is not None:
                    geometry.Transform(transform)
                shape = shapely.from_wkb(bytes(geometry.ExportToIsoWkb()))
            result.append((attrs, shape))
        return result

    clauses = [Clause.from_dict(attrs) for attrs, _g in rows("admission_clause")]
    plan = PlanInput(
        units=rows("control_units"),
        boundary=rows("admin_boundary"),
        zones=rows("element_zones"),
        clauses=clauses,
        epsg=epsg,
    )
    return plan, profile
