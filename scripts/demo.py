"""make demo: the main job on the bundled sample district, through the real qgis_process.

Standardizes the sample's source layers, derives the control units, and writes under out/ a
GeoPackage with the styles saved as the layers' default, the derivation report and a QGIS
project, then prints a short summary.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT))

import sample_spec  # noqa: E402
from assemble import assemble  # noqa: E402
from qgis_process_runner import QgisProcess  # noqa: E402

SAMPLE = ROOT / "resources" / "sample"
OUT = ROOT / "out"
CLASS_NAMES = {1: "优先保护单元 priority", 2: "重点管控单元 key", 3: "一般管控单元 general"}


def standardize_and_derive(runner: QgisProcess, sample: Path, out: Path) -> tuple[list[Path], dict]:
    spec = sample_spec.load(sample)
    zones_dir = out / "zones"
    zones_dir.mkdir(parents=True, exist_ok=True)
    zone_files = []
    for n, source in enumerate(spec["sources"], start=1):
        target = zones_dir / f"{n:02d}_{source['element']}.gpkg"
        target.unlink(missing_ok=True)
        runner.run("ecozone:standardizezones", **sample_spec.standardize_parameters(source, sample, str(target)))
        print(f"  standardized {source['file']} -> {target.relative_to(out.parent)}")
        zone_files.append(target)
    units = out / "control_units.gpkg"
    units.unlink(missing_ok=True)
    parameters = sample_spec.derive_parameters(
        spec, sample, [str(p) for p in zone_files], str(units), METHOD=0, OUTPUT_REPORT=str(out / "derive_report.html")
    )
    return zone_files, runner.run("ecozone:deriveunits", **parameters)


def create_plan(runner: QgisProcess, units: Path, zone_files: list[Path], sample: Path, out: Path) -> Path:
    """The plan GeoPackage, with the sample's small admission list imported from a workbook."""
    spec = sample_spec.load(sample)
    boundary = spec["boundary"]
    plan = out / "青岚区规划成果.gpkg"
    runner.run(
        "ecozone:createplan",
        UNITS=str(units),
        BOUNDARY=str(sample / boundary["file"]),
        COUNTY_CODE_FIELD=boundary["county_code_field"],
        COUNTY_NAME_FIELD=boundary["county_name_field"],
        TOWN_CODE_FIELD=boundary["town_code_field"],
        TOWN_NAME_FIELD=boundary["town_name_field"],
        ZONES=[str(p) for p in zone_files],
        MIN_AREA=0.1,
        OUTPUT=str(plan),
    )
    runner.run("ecozone:setplaninfo", PLAN=str(plan), INFO=json.dumps(spec["filing_info"], ensure_ascii=False))
    workbook = write_sample_workbook(sample / "admission_list.json", out / "admission_list_input.xlsx")
    answer = runner.run("ecozone:importadmissionlist", PLAN=str(plan), INPUT=str(workbook))
    print(f"  admission list: {int(answer['results']['ADDED'])} clauses imported from {workbook.name}")
    runner.run("ecozone:exportadmissionlist", PLAN=str(plan), OUTPUT=str(out / "准入清单.xlsx"))
    return plan


def counted(number, noun: str) -> str:
    number = int(number)
    return f"{number} {noun}{'' if number == 1 else 's'}"


def file_plan(runner: QgisProcess, plan: Path, out: Path) -> str:
    """Validate the plan and write its filing package; returns the summary lines."""
    import json
    import zipfile

    answer = runner.run("ecozone:validateplan", PLAN=str(plan), OUTPUT_REPORT=str(out / "validation.html"))
    checked = answer["results"]
    for old in out.glob("500190_*.zip"):
        old.unlink()
    exported = runner.run("ecozone:exportfiling", PLAN=str(plan), FORMATS=["gpkg", "shp", "gdb"])
    package = Path(exported["results"]["OUTPUT"])  # the default name, beside the plan
    manifest = json.loads(zipfile.ZipFile(package).read("manifest.json"))
    counts = manifest["counts_by_class"]
    return (
        f"Check:   {counted(checked['ERRORS'], 'error')}, {counted(checked['WARNINGS'], 'warning')} "
        f"({(out / 'validation.html').relative_to(ROOT)})\n"
        f"Filing:  {package.relative_to(ROOT)} — {len(manifest['files'])} files, units by class "
        f"{counts.get('1', 0)}/{counts.get('2', 0)}/{counts.get('3', 0)}, CRS {manifest['crs']}, "
        f"{package.stat().st_size / 1e6:.1f} MB"
    )


def write_sample_workbook(source: Path, target: Path) -> Path:
    """The sample list (JSON, readable in review) as the level sheets an author would fill in."""
    import json

    from ecozone_plugin.core.admission.clauses import DIMENSION_LABELS, LEVEL_LABELS
    from ecozone_plugin.core.admission.excel import LEVEL_HEADERS, LEVEL_SHEETS, LEVEL_WIDTHS
    from ecozone_plugin.core.classes import CLASS_LABELS
    from ecozone_plugin.core.workbook import data_sheet, new_workbook, save_whole

    entries = json.loads(source.read_text(encoding="utf-8"))["clauses"]
    book = new_workbook()
    for level, title in LEVEL_SHEETS.items():
        rows = [
            [
                LEVEL_LABELS[level]["zh"],
                entry.get("scope", ""),
                CLASS_LABELS[entry["class"]]["zh"] if entry.get("class") else "",
                DIMENSION_LABELS[entry["dimension"]]["zh"],
                entry["clause_no"],
                entry["text"],
                entry.get("industry_codes", ""),
            ]
            for entry in entries
            if entry["level"] == level
        ]
        data_sheet(book, title, LEVEL_HEADERS, rows, LEVEL_WIDTHS)
    save_whole(book, target)
    return target


def style_and_project(units_path: Path, plan: Path, zone_files: list[Path], boundary: Path, out: Path) -> list[tuple]:
    """Save the QML styles as default styles in the GeoPackages and build a QGIS project."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from qgis.core import QgsApplication, QgsProject

    app = QgsApplication([], False)
    app.initQgis()
    project = QgsProject.instance()
    rows = build_project(project, units_path, plan, zone_files, boundary)
    project.write(str(out / "ecozone_demo.qgz"))
    project.clear()
    app.exitQgis()
    return rows


def build_project(project, units_path: Path, plan: Path, zone_files: list[Path], boundary: Path) -> list[tuple]:
    """The demo's layers, styled, in a QGIS project; returns the derived units' rows."""
    from qgis.core import QgsReferencedRectangle, QgsVectorLayer

    from ecozone_plugin.core.terms import term
    from ecozone_plugin.styles import save_default_styles, style_layer

    project.setTitle("EcoZone 示例区县环境管控单元")
    elements = [path.stem.split("_", 1)[-1] for path in zone_files]
    for path in reversed(zone_files):
        element = path.stem.split("_", 1)[-1]
        name = term("element_title", element, "zh")
        layer = QgsVectorLayer(str(path), name, "ogr")
        if elements.count(element) > 1:  # two layers of one element: each by the source it came from
            source = next(layer.getFeatures(), None)
            if source is not None and source["source_layer"]:
                layer.setName(str(source["source_layer"]))
        style_layer(layer, "element_zones", "zh")
        layer.saveStyleToDatabase("element_zones", "EcoZone 要素管控分区", True, "")
        project.addMapLayer(layer)
        project.layerTreeRoot().findLayer(layer.id()).setItemVisibilityChecked(False)
    layer = QgsVectorLayer(str(units_path), "环境管控单元（划定结果）", "ogr")
    style_layer(layer, "control_units", "zh")
    layer.saveStyleToDatabase("control_units", "EcoZone 环境管控单元", True, "")
    project.addMapLayer(layer)
    project.layerTreeRoot().findLayer(layer.id()).setItemVisibilityChecked(False)
    save_default_styles(plan, "zh")
    plan_layer = QgsVectorLayer(f"{plan}|layername=control_units", "环境管控单元（规划成果库）", "ogr")
    style_layer(plan_layer, "control_units", "zh")
    project.addMapLayer(plan_layer)
    admin = QgsVectorLayer(str(boundary), "乡镇街道", "ogr")
    style_layer(admin, "admin_boundary", "zh")
    project.addMapLayer(admin)
    # The plan's units head the layer list, so QGIS opens the project with them as the active
    # layer (selecting picks units, not townships); the township lines are still drawn on top.
    root = project.layerTreeRoot()
    drawn = [admin] + [node.layer() for node in root.findLayers() if node.layer() is not admin]
    node = root.findLayer(plan_layer.id())
    root.insertChildNode(0, node.clone())
    root.removeChildNode(node)
    root.setHasCustomLayerOrder(True)
    root.setCustomLayerOrder(drawn)
    rows = [(f["unit_code"], f["unit_name"], f["unit_class"], f["area_km2"]) for f in layer.getFeatures()]
    project.setCrs(plan_layer.crs())
    project.viewSettings().setDefaultViewExtent(QgsReferencedRectangle(plan_layer.extent(), plan_layer.crs()))
    return rows


def main() -> int:
    started = time.perf_counter()
    OUT.mkdir(exist_ok=True)
    plugin_parent = OUT / "plugins"
    assemble(plugin_parent, link=False)
    runner = QgisProcess(plugin_parent, locale="zh-Hans")  # the author works in Chinese
    runner.enable_plugin()
    print("EcoZone demo: sample district", SAMPLE.relative_to(ROOT))
    zone_files, answer = standardize_and_derive(runner, SAMPLE, OUT)
    units_path = Path(answer["results"]["OUTPUT"])
    spec = sample_spec.load(SAMPLE)
    plan = create_plan(runner, units_path, zone_files, SAMPLE, OUT)
    filing_summary = file_plan(runner, plan, OUT)
    from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore

    store = GeoPackagePlanStore(plan)  # before the project step, whose exitQgis() unloads the GDAL drivers
    by_level = {level: len(store.clauses(level)) for level in ("city", "county", "unit")}
    admission_summary = (
        f"Admission list: {by_level['city']} city, {by_level['county']} county, {by_level['unit']} unit clauses; "
        f"{len(store.incomplete_units())} of {len(store.units())} units still lack a clause in some dimension"
    )
    rows = style_and_project(units_path, plan, zone_files, SAMPLE / spec["boundary"]["file"], OUT)
    counts = {c: 0 for c in CLASS_NAMES}
    areas = {c: 0.0 for c in CLASS_NAMES}
    for _code, _name, unit_class, area in rows:
        counts[unit_class] += 1
        areas[unit_class] += area
    print(f"\n{len(rows)} control units:")
    for c, label in CLASS_NAMES.items():
        print(f"  {label}: {counts[c]} units, {areas[c]:.2f} km²")
    print(f"  total area: {sum(areas.values()):.2f} km²")
    print(admission_summary)
    print(f"\nUnits:   {units_path.relative_to(ROOT)} (styled)")
    print(f"Report:  {(OUT / 'derive_report.html').relative_to(ROOT)}")
    print(f"Plan:    {plan.relative_to(ROOT)} (admission list: {(OUT / '准入清单.xlsx').relative_to(ROOT)})")
    print(filing_summary)
    print(f"Project: {(OUT / 'ecozone_demo.qgz').relative_to(ROOT)}")
    print(f"Time taken: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
