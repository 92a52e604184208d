"""The plan store: tables, inheritance, ordering, uniqueness, transactions, undo, migration."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import uuid
from pathlib import Path

import pytest
from osgeo import gdal, ogr
from plan_helpers import FILING_INFO, add_clause, clause, downgrade_to_schema_1, make_plan, plan_data

from ecozone_plugin.core.admission.clauses import clause_number_key, strip_item_number
from ecozone_plugin.core.messages import EcoZoneError
from ecozone_plugin.core.plan.create import create_plan
from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore, _Connection
from ecozone_plugin.core.plan.postgis import create_postgis_plan
from ecozone_plugin.core.plan.schema import SCHEMA_VERSION
from ecozone_plugin.core.plan.store import ChangeReason, ClauseChange, UndoHistory

ROOT = Path(__file__).resolve().parents[2]
TABLES = {
    "control_units",
    "admin_boundary",
    "element_zones",
    "unit_zone",
    "admission_clause",
    "plan_info",
    "change_log",
    "change_reason",
}


@pytest.fixture(params=["gpkg", "postgis"])
def store(request, tmp_path):
    """The small plan in each backend: a GeoPackage file, and a schema on the tests' PostGIS server."""
    if request.param == "gpkg":
        return make_plan(tmp_path / "规划.gpkg")
    server = request.getfixturevalue("pg_server")
    return create_postgis_plan(server.address(f"plan_{uuid.uuid4().hex[:10]}"), plan_data(), author="tester")


@pytest.fixture
def gpkg_store(tmp_path):
    return make_plan(tmp_path / "规划.gpkg")


def table_names(path):
    ds = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    return {ds.GetLayer(i).GetName() for i in range(ds.GetLayerCount())}


def clause_rows(store):
    return sorted((c.level, c.scope, c.class_filter or 0, c.dimension, c.clause_no, c.text) for c in store.clauses())


def test_create_plan_has_the_tables_of_the_design(gpkg_store, tmp_path):
    assert table_names(gpkg_store.path) == TABLES
    assert [p.name for p in tmp_path.iterdir()] == ["规划.gpkg"]  # the temporary file was renamed
    ds = gdal.OpenEx(gpkg_store.path, gdal.OF_VECTOR)
    units = ds.GetLayerByName("control_units")
    assert units.GetGeomType() == ogr.wkbMultiPolygon
    assert units.GetGeometryColumn() == "geom"
    assert units.GetSpatialRef().GetAuthorityCode(None) == "4544"
    units.SetSpatialFilterRect(500_500, 3_300_500, 500_600, 3_300_600)  # inside u-a1 only: the R-tree works
    assert [f["unit_uid"] for f in units] == ["u-a1"]
    info = gpkg_store.info()
    assert info["schema_version"] == str(SCHEMA_VERSION)
    assert info["county_codes"] == "500101;500102"
    assert [e.action for e in gpkg_store.history()] == ["create"]
    assert [(u.code, u.unit_class, round(u.area_km2, 6)) for u in gpkg_store.units()][0] == ("ZH50010110001", 1, 4.0)
    assert gpkg_store.counties() == [("500101", "甲区"), ("500102", "乙区")]


def test_effective_list_inherits_from_every_level_in_order(store):
    store.apply(
        [
            ClauseChange("add", clause("unit", "u-a2", 1, "1-10", "单元第十条")),
            ClauseChange("add", clause("unit", "u-a2", 1, "1-9", "单元第九条")),
            ClauseChange("add", clause("county", "500101", 1, "1-1", "甲区总体")),
            ClauseChange("add", clause("county", "500101", 1, "1-1", "甲区重点类", class_filter=2)),
            ClauseChange("add", clause("county", "500102", 1, "1-1", "乙区总体")),
            ClauseChange("add", clause("city", "", 2, "2-1", "全市排放")),
            ClauseChange("add", clause("city", "", 1, "1-1", "全市布局")),
            ClauseChange("add", clause("city", "", 1, "1-1", "全市优先类", class_filter=1)),
            ClauseChange("add", clause("city", "", 1, "1-2", "全市重点类", class_filter=2)),
            ClauseChange("add", clause("unit", "u-a1", 1, "1-1", "另一单元")),
        ],
        author="tester",
    )
    key_unit = store.effective_list("u-a2")
    assert [(c.source, c.clause_no, c.text) for c in key_unit.clauses] == [
        ("city", "1-1", "全市布局"),
        ("city_class", "1-2", "全市重点类"),
        ("county", "1-1", "甲区总体"),
        ("county_class", "1-1", "甲区重点类"),
        ("unit", "1-9", "单元第九条"),
        ("unit", "1-10", "单元第十条"),
        ("city", "2-1", "全市排放"),
    ]
    assert key_unit.missing_dimensions() == [3, 4]
    priority = store.effective_list("u-a1")
    assert [c.text for c in priority.clauses] == ["全市布局", "全市优先类", "甲区总体", "另一单元", "全市排放"]
    general_b = store.effective_list("u-b3")
    assert [c.text for c in general_b.clauses] == ["全市布局", "乙区总体", "全市排放"]
    bulk = store.effective_lists()
    assert [c.id for c in bulk["u-a2"].clauses] == [c.id for c in key_unit.clauses]
    assert sorted(store.incomplete_units()) == ["u-a1", "u-a2", "u-b2", "u-b3"]


def test_complete_units_are_not_listed_as_incomplete(store):
    store.apply([ClauseChange("add", clause("city", "", d, f"{d}-1", f"全市第{d}维度")) for d in (1, 2, 3)])
    add_clause(store, clause("county", "500102", 4, "4-1", "乙区资源"))
    assert store.incomplete_units() == {"u-a1": [4], "u-a2": [4]}


def test_clause_numbers_sort_numerically():
    numbers = ["1-10", "2-1", "1-9", "1-2-1", "1-2", "10-1"]
    assert sorted(numbers, key=clause_number_key) == ["1-2", "1-2-1", "1-9", "1-10", "2-1", "10-1"]
    assert strip_item_number("1. 禁止新建") == "禁止新建"
    assert strip_item_number("（2）严格控制") == "严格控制"
    assert strip_item_number("3、加强") == "加强"
    assert strip_item_number("2030年前完成") == "2030年前完成"


def test_clause_key_is_unique_and_a_failed_batch_changes_nothing(store):
    add_clause(store, clause("city", "", 1, "1-1", "全市布局"))
    add_clause(store, clause("city", "", 1, "1-1", "同编号但限重点类", class_filter=2))
    before, log_before = clause_rows(store), len(store.history(0))
    with pytest.raises(EcoZoneError) as error:
        store.apply(
            [
                ClauseChange("add", clause("unit", "u-a1", 2, "2-1", "先写入的一条")),
                ClauseChange("add", clause("city", "", 1, "1-1", "重复编号")),
            ]
        )
    assert error.value.message.code == "EZ-T010"
    assert clause_rows(store) == before
    assert len(store.history(0)) == log_before
    with pytest.raises(EcoZoneError) as error:
        add_clause(store, clause("unit", "u-a1", 1, "1-1", "   "))
    assert error.value.message.code == "EZ-T015"
    with pytest.raises(EcoZoneError):
        add_clause(store, clause("county", "", 1, "1-1", "没有范围"))


def test_every_write_is_logged_and_can_be_undone(store):
    added = add_clause(store, clause("unit", "u-b2", 2, "2-1", "原文"), author="张工")
    clause_id = store.clauses("unit")[0].id
    entry = store.history(1)[0]
    assert (entry.id, entry.author, entry.action, entry.object_id) == (added[0], "张工", "add", str(clause_id))
    assert entry.new["text"] == "原文" and entry.old is None
    first = store.clauses("unit")[0]
    assert first.created_at.endswith("Z") and first.created_at == first.updated_at

    updated = store.apply([ClauseChange("update", first.with_changes(text="修改后"))], author="张工", reason="审查意见")
    assert store.clauses("unit")[0].text == "修改后"
    assert store.history(1)[0].old["text"] == "原文" and store.history(1)[0].reason == "审查意见"
    deleted = store.apply([ClauseChange("delete", clause_id=clause_id)])
    assert store.clauses("unit") == []

    store.revert(deleted)
    restored = store.clauses("unit")
    assert [(c.id, c.text) for c in restored] == [(clause_id, "修改后")]
    store.revert(updated)
    assert store.clauses("unit")[0].text == "原文"
    store.revert(added)
    assert store.clauses() == []
    assert [e.action for e in store.history(3)] == ["delete", "update", "add"]


def test_an_undo_history_belongs_to_one_store(store, tmp_path):
    other = make_plan(tmp_path / "另一规划.gpkg")
    history = UndoHistory(store)
    mine = store.apply([ClauseChange("add", clause("city", "", 1, "1-1", "本规划条款"))])
    theirs = other.apply([ClauseChange("add", clause("city", "", 1, "1-1", "另一规划条款"))])
    assert mine == theirs  # both plans' logs start at the same id: the id alone cannot tell the plans apart
    assert history.push(store, mine) and len(history) == 1
    assert not history.push(other, theirs) and len(history) == 1  # a write of another plan is not kept
    history.bind(other)  # another plan opened: its history starts empty
    assert len(history) == 0 and history.undo() == []
    assert [c.text for c in other.clauses()] == ["另一规划条款"]
    assert [c.text for c in store.clauses()] == ["本规划条款"]
    history.bind(store)
    assert history.push(store, mine) and history.undo() and store.clauses() == []
    assert [c.text for c in other.clauses()] == ["另一规划条款"]


def test_reorder_renumbers_the_group(store):
    for n, text in enumerate(["甲", "乙", "丙"], start=1):
        add_clause(store, clause("unit", "u-a1", 1, f"1-{n}", text))
    add_clause(store, clause("unit", "u-a1", 2, "2-1", "其他维度"))
    ids = {c.text: c.id for c in store.clauses("unit")}
    store.reorder([ids["丙"], ids["甲"], ids["乙"]])
    numbers = {c.text: c.clause_no for c in store.clauses("unit")}
    assert numbers == {"丙": "1-1", "甲": "1-2", "乙": "1-3", "其他维度": "2-1"}
    with pytest.raises(EcoZoneError):
        store.reorder([ids["甲"], ids["其他维度"]])


def test_unit_clauses_follow_the_uid_when_units_are_recoded(gpkg_store):
    add_clause(gpkg_store, clause("unit", "u-b3", 3, "3-1", "跟随单元"))
    ds = gdal.OpenEx(gpkg_store.path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    ds.ExecuteSQL("UPDATE control_units SET unit_code = 'ZH50010230009' WHERE unit_uid = 'u-b3'")
    ds = None
    effective = gpkg_store.effective_list("u-b3")
    assert effective.unit.code == "ZH50010230009"
    assert [c.text for c in effective.clauses] == ["跟随单元"]


def test_a_full_disk_leaves_the_last_committed_state(gpkg_store, monkeypatch):
    add_clause(gpkg_store, clause("city", "", 1, "1-1", "已提交"))
    before = clause_rows(gpkg_store)
    original = _Connection.__init__

    def limited(self, path, update):
        original(self, path, update)
        pages = self.rows("PRAGMA page_count")[0]["page_count"]
        self.execute(f"PRAGMA max_page_count = {pages + 2}")

    monkeypatch.setattr(_Connection, "__init__", limited)
    batch = [ClauseChange("add", clause("unit", "u-a1", 1, f"1-{n}", "很长的条款" * 300)) for n in range(1, 60)]
    with pytest.raises(EcoZoneError) as error:
        gpkg_store.apply(batch)
    assert error.value.message.code == "EZ-T017"
    assert "full" in error.value.message.params["error"]
    monkeypatch.setattr(_Connection, "__init__", original)
    assert clause_rows(gpkg_store) == before
    add_clause(gpkg_store, clause("city", "", 2, "2-1", "之后仍可写入"))
    assert len(gpkg_store.clauses()) == 2


def test_a_process_killed_mid_transaction_leaves_the_last_committed_state(gpkg_store):
    add_clause(gpkg_store, clause("city", "", 1, "1-1", "已提交"))
    before = clause_rows(gpkg_store)
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        sys.path[:0] = [{str(ROOT)!r}, {str(Path(__file__).parent)!r}]
        from plan_helpers import clause
        from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
        from ecozone_plugin.core.plan.store import ClauseChange

        def changes():
            for n in range(1, 200):
                if n == 120:
                    os.kill(os.getpid(), signal.SIGKILL)
                yield ClauseChange("add", clause("unit", "u-a2", 2, f"2-{{n}}", "写到一半" * 50))

        GeoPackagePlanStore({gpkg_store.path!r}).apply(changes())
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == -9, result.stderr
    reopened = GeoPackagePlanStore(gpkg_store.path)
    assert clause_rows(reopened) == before
    ds = gdal.OpenEx(gpkg_store.path, gdal.OF_VECTOR)
    check = ds.ExecuteSQL("PRAGMA integrity_check")
    assert check.GetNextFeature().GetField(0) == "ok"
    ds.ReleaseResultSet(check)
    add_clause(reopened, clause("unit", "u-a2", 2, "2-1", "重新写入"))
    assert len(reopened.clauses()) == 2


def test_opening_an_older_plan_writes_nothing_and_migrating_keeps_a_backup(gpkg_store):
    add_clause(gpkg_store, clause("county", "500101", 4, "4-1", "节约用水"))
    add_clause(gpkg_store, clause("county", "500101", 1, "1-1", "禁止新建电镀项目"))
    downgrade_to_schema_1(gpkg_store.path)
    before = Path(gpkg_store.path).read_bytes()
    with pytest.raises(EcoZoneError) as error:
        GeoPackagePlanStore(gpkg_store.path)
    assert error.value.message.code == "EZ-T007" and "ecozone:upgradeplan" in error.value.message.text("en")
    old = GeoPackagePlanStore(gpkg_store.path, allow_old=True)
    assert old.needs_migration and old.schema_version == 1
    assert Path(gpkg_store.path).read_bytes() == before  # opening wrote nothing
    backup = old.migrate("测试")
    assert backup == Path(gpkg_store.path).with_name("规划.schema1.bak.gpkg") and backup.read_bytes() == before
    migrated = GeoPackagePlanStore(gpkg_store.path)
    assert migrated.info()["schema_version"] == "7" and not migrated.needs_migration
    versions = migrated.info_versions()  # every entry starts at 1; the schema version was written again
    assert versions.pop("schema_version") == 2 and set(versions.values()) == {1}
    assert [(c.text, c.row_version) for c in migrated.clauses()] == [("节约用水", 1), ("禁止新建电镀项目", 1)]
    # the types are read from the wording, the industries it names proposed, both until confirmed
    assert [(c.clause_type, c.type_inferred, c.proposed_codes) for c in migrated.clauses()] == [
        ("general", True, ""),
        ("prohibit", True, "3360"),
    ]
    ds = gdal.OpenEx(str(gpkg_store.path), gdal.OF_VECTOR)
    assert ds.GetLayerByName("control_units").GetLayerDefn().GetFieldIndex("townships") >= 0
    assert ds.GetLayerByName("change_reason") is not None  # a GeoPackage table QGIS lists
    ds = None
    reason = ChangeReason("abc", "u-a1", "", "removed", "调出", old_unit_code="ZH50010110001", area_km2=0.5)
    migrated.set_change_reasons([reason], "测试")
    assert migrated.change_reasons("abc")[reason.key].reason == "调出"
    last = next(e for e in migrated.history() if e.action == "migrate")
    assert (last.action, last.author, last.old, last.new) == (
        "migrate",
        "测试",
        {"schema_version": 1},
        {"schema_version": 7},
    )
    add_clause(migrated, clause("county", "500101", 4, "4-2", "行业代码", industry_codes="2511;2614"))
    assert migrated.clauses()[-1].industry_codes == "2511;2614"
    assert migrated.migrate() is None  # current: nothing to do, no second backup
    assert sorted(p.name for p in backup.parent.glob("*.bak*")) == ["规划.schema1.bak.gpkg"]


def test_a_newer_plan_or_another_file_is_refused(gpkg_store, tmp_path):
    ds = gdal.OpenEx(gpkg_store.path, gdal.OF_VECTOR | gdal.OF_UPDATE)
    ds.ExecuteSQL("UPDATE plan_info SET value = '99' WHERE key = 'schema_version'")
    ds = None
    with pytest.raises(EcoZoneError) as error:
        GeoPackagePlanStore(gpkg_store.path)
    assert error.value.message.code == "EZ-T003"
    other = tmp_path / "other.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(other))
    ds.CreateLayer("roads", geom_type=ogr.wkbLineString)
    ds = None
    with pytest.raises(EcoZoneError) as error:
        GeoPackagePlanStore(other)
    assert error.value.message.code == "EZ-T002"
    with pytest.raises(EcoZoneError) as error:
        GeoPackagePlanStore(tmp_path / "missing.gpkg")
    assert error.value.message.code == "EZ-T001"
    (tmp_path / "text.gpkg").write_text("not a database", encoding="utf-8")
    with pytest.raises(EcoZoneError):
        GeoPackagePlanStore(tmp_path / "text.gpkg")


def test_a_failed_create_leaves_no_file(tmp_path, monkeypatch):
    from plan_helpers import plan_data

    data = plan_data()
    data.units.append(({"unit_uid": "u-a1"}, data.units[0][1]))  # uid twice: the unique index refuses it
    with pytest.raises(EcoZoneError) as error:
        create_plan(tmp_path / "bad.gpkg", data)
    assert error.value.message.code == "EZ-T017" and "UNIQUE" in error.value.message.params["error"]
    assert os.listdir(tmp_path) == []


class _CommitFailing:
    """A GeoPackage data source whose n-th commit reports failure (as GDAL does when it did not go through)."""

    def __init__(self, ds, failing: int):
        self._ds, self._failing, self.commits = ds, failing, 0

    def __getattr__(self, name):
        return getattr(self._ds, name)

    def CommitTransaction(self):  # noqa: N802 - OGR's name
        self.commits += 1
        result = self._ds.CommitTransaction()
        return 1 if self.commits == self._failing else result


@pytest.mark.parametrize("failing", [1, 4])  # the units' commit, and the last one (unit_zone)
def test_a_commit_that_fails_while_creating_leaves_no_plan(tmp_path, monkeypatch, failing):
    from plan_helpers import plan_data

    real_driver = ogr.GetDriverByName

    class Driver:
        def __init__(self, name):
            self._driver = real_driver(name)

        def CreateDataSource(self, path):  # noqa: N802 - OGR's name
            return _CommitFailing(self._driver.CreateDataSource(path), failing)

    monkeypatch.setattr(ogr, "GetDriverByName", Driver)  # the module function every caller looks up
    with pytest.raises(EcoZoneError) as error:
        create_plan(tmp_path / "plan.gpkg", plan_data())
    assert error.value.message.code == "EZ-T017"
    assert os.listdir(tmp_path) == []


def test_a_change_to_a_stale_copy_is_refused_naming_who_changed_it(store):
    """Two authors read the same clause; the second one's update (and delete) of the copy read before
    the first one's write is refused, naming the first, and nothing of the batch is written."""
    add_clause(store, clause("unit", "u-a1", 1, "1-1", "原文"), author="甲")
    mine = store.clauses("unit")[0]
    theirs = store.clauses("unit")[0]
    assert mine.row_version == theirs.row_version == 1
    store.apply([ClauseChange("update", mine.with_changes(text="甲改"))], author="甲")
    assert store.clauses("unit")[0].row_version == 2
    before = (clause_rows(store), len(store.history(0)))
    batch = [
        ClauseChange("add", clause("unit", "u-a1", 2, "2-1", "同批新增")),
        ClauseChange("update", theirs.with_changes(text="乙改")),
    ]
    with pytest.raises(EcoZoneError) as refused:
        store.apply(batch, author="乙")
    message = refused.value.message
    assert message.code == "EZ-T026" and message.params["author"] == "甲" and message.params["clause_no"] == "1-1"
    assert "甲" in message.text("zh") and message.params["ts"].endswith("Z")
    assert (clause_rows(store), len(store.history(0))) == before
    with pytest.raises(EcoZoneError) as refused:
        store.apply([ClauseChange("delete", theirs, clause_id=theirs.id)], author="乙")
    assert refused.value.message.code == "EZ-T026"
    fresh = store.clauses("unit")[0]
    store.apply(
        [
            ClauseChange("update", fresh.with_changes(text="乙改")),
            ClauseChange("update", fresh.with_changes(text="乙再改")),
        ]
    )
    assert [(c.text, c.row_version) for c in store.clauses("unit")] == [("乙再改", 4)]  # one batch, two updates


def test_a_plan_entry_written_since_it_was_read_is_refused_and_others_are_kept(store):
    """Two authors read the plan information; each edits some entries. The second author's entry
    another has written meanwhile is refused naming who wrote it, nothing of that write lands, and
    an entry the second author did not edit is never written back over the first one's."""
    read_by_yi = store.info_versions()
    assert read_by_yi["province"] == read_by_yi["city"] == 1 and "based_on" not in read_by_yi
    store.update_info({"province": "四川省", "city": "成都市"}, "甲", "filing dock", read=store.info_versions())
    assert (store.info_versions()["province"], store.info_versions()["city"]) == (2, 2)
    logged = len(store.history(0))
    with pytest.raises(EcoZoneError) as refused:
        store.update_info({"province": "贵州省", "compiled_by": "乙院"}, "乙", "filing dock", read=read_by_yi)
    message = refused.value.message
    assert message.code == "EZ-T031" and message.params["author"] == "甲" and message.params["key"] == "province"
    assert "省份" in message.text("zh") and "甲" in message.text("zh") and message.params["ts"].endswith("Z")
    info = store.info()
    assert (info["province"], info["city"], info["compiled_by"]) == ("四川省", "成都市", FILING_INFO["compiled_by"])
    assert len(store.history(0)) == logged  # nothing written, nothing logged
    # the second author edited only compiled_by: it lands, and 甲's entries stay as they are
    store.update_info({"compiled_by": "乙院"}, "乙", "filing dock", read=read_by_yi)
    info = store.info()
    assert (info["province"], info["city"], info["compiled_by"]) == ("四川省", "成都市", "乙院")
    # an entry someone else added since it was read (absent when read) is refused as well
    store.update_info({"based_on": "abc"}, "甲", "filing dock", read=store.info_versions())
    with pytest.raises(EcoZoneError) as refused:
        store.update_info({"based_on": "def"}, "乙", "filing dock", read=read_by_yi)
    assert refused.value.message.code == "EZ-T031" and refused.value.message.params["key"] == "based_on"
    # written over on purpose (no versions given), as the one-shot ecozone:setplaninfo does
    store.update_info({"based_on": "def"}, "乙", "setplaninfo")
    assert store.info()["based_on"] == "def" and store.info_versions()["based_on"] == 2
