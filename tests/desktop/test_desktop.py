"""The real QGIS desktop under Xvfb, Chinese interface, the plugin installed in a throw-away
profile: the provider and algorithms appear in the toolbox with Chinese names, deriving the
sample gives the styled layer, and the three class colours show on the map."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from plan_helpers import long_texts

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CLASS_COLOURS = {1: (0x3A, 0xA6, 0x55), 2: (0xE4, 0x57, 0x2E), 3: (0xF2, 0xC1, 0x4E)}


def profile_with_plugin(base: Path) -> Path:
    """A QGIS profile with the plugin installed the way a user does: from the package zip."""
    import zipfile

    from assemble import assemble, write_zip

    archive = base / "dist" / "ecozone_plugin.zip"
    write_zip(assemble(base / "build", link=False), archive)
    profile = base / "profiles" / "default"
    with zipfile.ZipFile(archive) as zf:
        zf.extractall(profile / "python" / "plugins")
    ini = profile / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(
        "[PythonPlugins]\necozone_plugin=true\n\n[locale]\nuserLocale=zh-Hans\noverrideFlag=true\n\n"
        "[qgis]\nshowTips322=false\ncheckVersion=false\n",
        encoding="utf-8",
    )
    return base


def blended(colour, opacity=0.85):
    return tuple(round(opacity * c + (1 - opacity) * 255) for c in colour)


def count_colour(image_path: Path, colour, tolerance=14) -> int:
    from qgis.PyQt.QtGui import QImage

    image = QImage(str(image_path))
    assert not image.isNull(), image_path
    count = 0
    for y in range(0, image.height(), 3):
        for x in range(0, image.width(), 3):
            c = image.pixelColor(x, y)
            if all(abs(a - b) <= tolerance for a, b in zip((c.red(), c.green(), c.blue()), colour)):
                count += 1
    return count


def test_plugin_in_the_real_qgis_desktop(tmp_path, qgis_app, pg_server):
    base = profile_with_plugin(tmp_path / "qgis")
    out = tmp_path / "desktop"
    out.mkdir()
    sample = tmp_path / "样例"
    shutil.copytree(ROOT / "resources" / "sample", sample)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    import sysconfig

    env.update(
        ECOZONE_DESKTOP_OUT=str(out),
        ECOZONE_SAMPLE=str(sample),
        ECOZONE_SCRIPTS=str(ROOT / "scripts"),
        ECOZONE_PG=pg_server.address("desktop_team_plan"),
        HOME=str(tmp_path / "home"),
        PYTHONPATH=sysconfig.get_paths()["purelib"],
        XDG_RUNTIME_DIR=str(tmp_path / "run"),
        LANG="C.UTF-8",
    )
    (tmp_path / "run").mkdir(mode=0o700)
    command = [
        "xvfb-run",
        "-a",
        "-s",
        "-screen 0 1600x1000x24",
        "qgis",
        "--nologo",
        "--noversioncheck",
        "--profiles-path",
        str(base),
        "--code",
        str(HERE / "desktop_script.py"),
    ]
    try:
        proc = subprocess.run(command, env=env, capture_output=True, text=True, timeout=240)
    except subprocess.TimeoutExpired as err:
        pytest.fail(f"QGIS did not quit within 240 s:\n{err.stdout}\n{err.stderr}")
    result_file = out / "result.json"
    assert result_file.exists(), f"QGIS did not finish the script:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    result = json.loads(result_file.read_text(encoding="utf-8"))
    print(f"screenshots: {out / 'map.png'} {out / 'window.png'}", file=sys.stderr)
    assert result["errors"] == []
    assert result["plugin_loaded"] is True
    assert result["provider_name"] == "EcoZone 生态环境分区管控"
    assert result["algorithms"]["ecozone:deriveunits"] == "划定环境管控单元"
    assert result["algorithms"]["ecozone:standardizezones"] == "标准化要素管控分区"
    assert "EcoZone 生态环境分区管控" in result["toolbox"]
    assert "划定环境管控单元" in result["toolbox"]
    assert "环境管控单元" in result["layers"]
    assert result["renderer"] == "categorizedSymbol" and result["categories"] == ["1", "2", "3"]
    assert result["alias"] == "环境管控单元编码"
    for unit_class, colour in CLASS_COLOURS.items():
        assert count_colour(out / "map.png", blended(colour)) > 200, f"class {unit_class} colour not on the map"
    check_admission_dock(result, out)
    check_filing_dock(result, out)
    check_library_and_dialogs(result, out)
    check_screening_dock(result, out)
    check_update_filing(result, out)
    check_team_plan(result, out)


def check_team_plan(result, out):
    """The admission dock on the plan in the team store (PostGIS), in Chinese: its units come from
    PostGIS and the clause typed there is in the database, not in the file."""
    from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
    from ecozone_plugin.core.plan.postgis import PostGISPlanStore

    team = result["team"]
    assert team["provider"] == "postgres" and team["features"] == len(GeoPackagePlanStore(result["plan"]).units())
    uid = result["key_unit"]["uid"]
    assert "团队库中新增的条款。" in [c.text for c in PostGISPlanStore.open(team["address"]).clauses("unit", uid)]
    assert "团队库中新增的条款。" not in [c.text for c in GeoPackagePlanStore(result["plan"]).clauses("unit", uid)]
    assert "重点管控单元" in team["label"]
    assert count_colour(out / "admission_postgis.png", (0, 0, 0), tolerance=60) > 50


def check_update_filing(result, out):
    """更新对比 in the 成果备案 dock, in Chinese: the priority loss first and red, shown on the map, its
    reason kept in the plan, and the update package written with changes/ and update_of."""
    import zipfile

    update = result["update"]
    assert update["busy_after_start"] is True  # the comparison runs as a task
    rows = update["rows"]
    assert rows and rows[0][0].startswith("优先保护调出") and rows[0][1] == update["lost_unit"]
    assert update["loss_colour"] == "#b00020" and update["map_shows_loss"] is True
    assert "优先保护空间减少 1 处，其中 1 处未填写理由" in update["summary_before"]
    assert "其中 0 处未填写理由" in update["summary"]
    assert update["reason_in_row"] == update["kept_reasons"][0] == "生态保护红线评估调整，已经省级论证"
    assert update["horizontal_scrollbar"] is False
    package = out / "青岚区更新备案成果.zip"
    assert update["package"] == str(package), update["after_export"]
    manifest = json.loads(zipfile.ZipFile(package).read("manifest.json"))
    assert manifest["update_of"]["package"] == Path(update["earlier"]).name
    earlier = json.loads(zipfile.ZipFile(update["earlier"]).read("manifest.json"))
    assert manifest["update_of"]["plan_version"] == earlier["plan_info"]["plan_version"] != "2026"
    assert manifest["plan_info"]["plan_version"] == "2026"
    assert {"changes/changes.gpkg", "changes/change_report.html"} <= set(zipfile.ZipFile(package).namelist())
    assert update["code_column_fits"] is True  # whole unit codes, not "ZH500190100…"
    assert count_colour(out / "filing_update.png", (0, 0, 0), tolerance=60) > 50


def check_screening_dock(result, out):
    """准入研判: a click on the map gives the verdict, its reasons and the unit, in Chinese; the report is a page."""
    import subprocess

    screening = result["screening"]
    assert screening["visible"] is True and screening["title"] == "准入研判"
    assert screening["plan"] == result["plan"]  # it follows the plan the admission dock opened
    assert screening["tool_active"] is True and screening["tool_released"] is True
    assert "判定不通过" in screening["verdict"]
    assert "市级条款 1-1【禁止类】涉及行业 26 化学原料和化学制品制造业" in screening["reasons"]
    assert "推荐" in screening["reasons"]  # 化工 in the clause proposed the code
    assert screening["industry"].startswith("2614 ")
    assert screening["units"][0].startswith(screening["general_code"])
    assert {"EcoZoneAdmissionDock", "EcoZoneFilingDock"} & set(screening["tabbed_with"])  # a tab beside the others
    assert screening["horizontal_scrollbar"] is False
    assert screening["buttons"] == ["地图点选", "所选要素", "导出报告…"]
    info = subprocess.run(["pdfinfo", screening["report"]], capture_output=True, text=True, check=True).stdout
    pages = dict(line.split(":", 1) for line in info.splitlines() if ":" in line)["Pages"]
    assert pages.strip() == "1"
    assert count_colour(out / "screening.png", (0xB0, 0x00, 0x20), tolerance=40) > 20  # the verdict in red


def check_library_and_dialogs(result, out):
    """The clause library shows whole templates; the dialogs propose what the project holds, in Chinese."""
    library = result["library"]
    assert library["first"] and library["first_width"] > library["column_width"]  # a template longer than a line …
    assert library["first_height"] >= 2 * library["line_height"]  # … wraps instead of ending in "…"
    assert library["cancel"] == "取消"  # Qt's own button words in Chinese too
    dialogs = result["dialogs"]
    derive = dialogs["deriveunits"]
    assert derive["BOUNDARY"] == result["dialogs"]["boundary_id"] or derive["BOUNDARY"].endswith("乡镇街道.gpkg")
    assert (derive["COUNTY_CODE_FIELD"], derive["SPLIT_FIELD"]) == ("区县代码", "乡镇代码")
    items = dialogs["standardizezones"]["ELEMENT_ITEMS"]
    assert items[:3] == ["生态（ecology）", "水环境（water）", "大气环境（air）"]
    assert dialogs["standardizezones"]["ELEMENT"] == "water"
    export = dialogs["exportfiling"]
    assert Path(export["PLAN"]).resolve() == Path(result["plan"]).resolve()
    assert Path(export["OUTPUT"]).parent == Path(result["plan"]).resolve().parent
    assert Path(export["OUTPUT"]).name.startswith("500190_") and export["OUTPUT"].endswith(".zip")
    for shot in (
        "clause_library.png",
        "dialog_deriveunits.png",
        "dialog_standardizezones.png",
        "dialog_exportfiling.png",
    ):
        assert count_colour(out / shot, (0, 0, 0), tolerance=60) > 50, shot


def check_filing_dock(result, out):
    """The 成果备案 dock: the check lists the findings by category, the export writes the package."""
    import zipfile

    filing = result["filing"]
    assert filing["visible"] is True and filing["title"] == "成果备案"
    assert filing["plan"] == result["plan"]
    incomplete = 0  # units lacking a dimension when checked: city, county and own clauses that apply to each
    for uid, unit_class, county in filing["units_at_check"]:
        dims = {
            d
            for level, scope, class_filter, d in filing["clauses_at_check"]
            if class_filter in (None, unit_class)
            and ((level, scope) == ("city", "") or (level, scope) in (("county", county), ("unit", uid)))
        }
        incomplete += not {1, 2, 3, 4} <= dims
    long = long_texts(filing["plan"])  # each a warning (EZ-A005) of the check
    groups = ([["EZ-A 属性", str(long)]] if long else []) + [["EZ-L 准入清单", str(incomplete)]]
    assert incomplete >= 1 and filing["groups"] == groups
    assert filing["horizontal_scrollbar"] is False  # the dock opened wide enough for its form
    assert filing["buttons"] == ["检查", "复制", "对比"]  # each in its own context: 复制 findings, not 副本
    assert f"0 个错误，{incomplete + long} 个警告" in filing["summary"] and "无错误" in filing["summary"]
    package = out / "青岚区备案成果.zip"
    assert filing["busy_after_start"] is True  # the export runs as a task
    assert filing["package"] == str(package) and package.exists()
    names = zipfile.ZipFile(package).namelist()
    assert {"manifest.json", "maps/control_units.pdf", "tables/admission_list.xlsx"} <= set(names)
    assert "成果包已生成" in filing["after_export"]
    for shot in ("filing_check.png", "filing_export.png"):
        assert count_colour(out / shot, (0, 0, 0), tolerance=60) > 50, shot


def check_admission_dock(result, out):
    """The 准入清单 dock on the sample plan: the selected unit, its inherited clauses, Chinese labels."""
    from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore

    dock = result["dock"]
    assert dock["visible"] is True and dock["title"] == "准入清单"
    state = dock["state"]
    assert result["key_unit"]["code"] in state["label"]
    assert "重点管控单元" in state["label"] and "尚无条款：资源利用效率" in state["label"]
    assert state["groups"] == ["空间布局约束", "污染物排放管控", "环境风险防控", "资源利用效率"]
    assert state["horizontal_scrollbar"] is False  # the dock opened wide enough for its form
    assert "ProcessingToolbox" in state["tabbed_with"]  # a tab beside the toolbox, not a split under it
    assert state["rows"] == [
        ["1-1", "市级", "全市范围内禁止新建、扩建化工园区。"],
        ["2-1", "区县 · 重点", "重点管控单元实施排放总量控制。"],
        ["3-1", "单元", "园区应编制突发环境事件应急预案。"],
    ]
    assert state["buttons"] == ["新建", "保存", "条款库…"]
    assert "个单元" in state["completeness"]
    assert count_colour(out / "dock.png", (0, 0, 0), tolerance=60) > 50  # the dock rendered text
    store = GeoPackagePlanStore(result["plan"])
    typed = [c.text for c in store.clauses("unit", result["key_unit"]["uid"])]
    assert "退出前输入的条款。" in typed, "text typed before quitting QGIS was lost"
