"""The docks on a plan in the team store (PostGIS): the admission list dock edits its clauses,
the filing dock checks and files it, with pytest-qgis's iface."""

from __future__ import annotations

import uuid
import zipfile

from dock_helpers import wait
from qgis.core import QgsProject

from ecozone_plugin.core.plan.copy import copy_plan
from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
from ecozone_plugin.core.plan.postgis import PostGISPlanStore
from ecozone_plugin.ui.admission_dock import AdmissionDock
from ecozone_plugin.ui.filing_dock import FilingDock
from ecozone_plugin.ui.widgets import plan_path_of


def test_the_admission_and_filing_docks_work_on_a_postgis_plan(
    qgis_iface, qgis_new_project, plan_copy, pg_server, tmp_path
):
    address = pg_server.address(f"dock_{uuid.uuid4().hex[:8]}")
    copy_plan(GeoPackagePlanStore(plan_copy), address)
    dock = AdmissionDock(qgis_iface, library_path=tmp_path / "library.json")
    try:
        dock.set_plan(address)
        wait(dock)
        store = PostGISPlanStore.open(address)
        layer = dock.units_layer
        assert layer.providerType() == "postgres" and layer.featureCount() == len(store.units())
        assert plan_path_of(layer) == address and "password" not in layer.source()
        key = next(u for u in store.units() if u.unit_class == 2)
        layer.selectByIds([f.id() for f in layer.getFeatures() if f["unit_uid"] == key.uid])
        assert dock.unit.uid == key.uid
        dock.new_clause()
        dock.dimensionCombo.setCurrentIndex(2)
        dock.textEdit.setPlainText("园区应编制突发环境事件应急预案。")
        other = next(u for u in store.units() if u.unit_class == 1)
        layer.selectByIds([f.id() for f in layer.getFeatures() if f["unit_uid"] == other.uid])  # moves on: saved
        assert [(c.dimension, c.text) for c in store.clauses("unit", key.uid)] == [
            (3, "园区应编制突发环境事件应急预案。")
        ]
        assert GeoPackagePlanStore(plan_copy).clauses("unit", key.uid) == []  # the team store, not the file
    finally:
        dock.unload()
        dock.deleteLater()
    filing = FilingDock(qgis_iface)
    try:
        filing.set_plan(address)
        assert filing.store is not None and filing.countyValue.text() == "500190 青岚区"
        filing.run_check()
        wait(filing)
        assert "0 errors" in filing.resultLabel.text()
        target = tmp_path / "团队库备案.zip"
        filing.outputWidget.setFilePath(str(target))
        filing.export_package()
        wait(filing, 120)
        assert filing.package == str(target), filing.resultLabel.text()
        assert "maps/control_units.pdf" in zipfile.ZipFile(target).namelist()
    finally:
        filing.unload()
        filing.deleteLater()
        QgsProject.instance().removeAllMapLayers()


def test_the_dock_shows_what_others_wrote_and_offers_a_choice_when_its_copy_is_stale(
    qgis_iface, qgis_new_project, plan_copy, pg_server, tmp_path, monkeypatch
):
    from ecozone_plugin.core.admission.clauses import Clause
    from ecozone_plugin.core.plan.store import ClauseChange

    address = pg_server.address(f"team_{uuid.uuid4().hex[:8]}")
    copy_plan(GeoPackagePlanStore(plan_copy), address)
    colleague = PostGISPlanStore.open(address)
    key = next(u for u in colleague.units() if u.unit_class == 2)
    colleague.apply([ClauseChange("add", Clause("unit", key.uid, 1, "1-1", "原有条款"))], author="同事")
    dock = AdmissionDock(qgis_iface, library_path=tmp_path / "library.json")
    try:
        dock.set_plan(address)
        wait(dock)
        layer = dock.units_layer
        layer.selectByIds([f.id() for f in layer.getFeatures() if f["unit_uid"] == key.uid])
        assert dock.sync_timer.isActive() and not dock.refresh_from_plan()  # nothing new yet
        # the colleague adds a clause: the dock shows it on its next look
        colleague.apply([ClauseChange("add", Clause("unit", key.uid, 2, "2-1", "同事新增"))], author="同事")
        assert dock.refresh_from_plan()
        texts = [dock.clauseTree.topLevelItem(i).child(j).text(2) for i in range(dock.clauseTree.topLevelItemCount())
                 for j in range(dock.clauseTree.topLevelItem(i).childCount())]  # fmt: skip
        assert "同事新增" in texts
        # both edit 原有条款: the colleague saves first; the author keeps their text as a new clause
        mine = next(c for c in colleague.clauses("unit", key.uid) if c.text == "原有条款")
        colleague.apply([ClauseChange("update", mine.with_changes(text="同事改过"))], author="同事")
        asked = []
        monkeypatch.setattr(dock, "ask_about_stale", lambda text, can_keep: asked.append(text) or "new")
        dock.editing = mine
        dock.textEdit.setPlainText("我的改法")
        dock.dirty = True
        dock.commit_pending()
        assert asked and "同事" in asked[0]
        assert sorted(c.text for c in colleague.clauses("unit", key.uid)) == ["同事改过", "同事新增", "我的改法"]
    finally:
        dock.unload()
        dock.deleteLater()
        QgsProject.instance().removeAllMapLayers()


def test_the_filing_dock_writes_only_what_its_author_edited_and_asks_when_a_colleague_wrote_it(
    qgis_iface, qgis_new_project, plan_copy, pg_server, monkeypatch
):
    address = pg_server.address(f"info_{uuid.uuid4().hex[:8]}")
    copy_plan(GeoPackagePlanStore(plan_copy), address)
    colleague = PostGISPlanStore.open(address)
    filing = FilingDock(qgis_iface)
    asked = []
    try:
        filing.set_plan(address)
        filing.save_info()  # the form's defaults (the date, the profile) are written once
        assert filing.sync_timer.isActive() and not filing.refresh_from_plan()  # nothing new yet
        # the colleague sets the contact; the dock shows it when the author comes back to it
        colleague.update_info({"contact": "023-6666"}, "同事", "filing dock", read=colleague.info_versions())
        filing._focus_changed(filing.provinceEdit, filing.contactEdit)  # within the dock: no look
        assert filing.contactEdit.text() != "023-6666"
        filing._focus_changed(None, filing.contactEdit)  # from elsewhere (the map, another program)
        assert filing.contactEdit.text() == "023-6666" and not filing.refresh_from_plan()
        # the colleague changes the city while the author edits the compiler: both are kept
        colleague.update_info({"city": "同事写的市"}, "同事", "filing dock", read=colleague.info_versions())
        filing.compiledByEdit.setText("作者的单位")
        assert not filing.refresh_from_plan()  # the author is typing: the form is left alone
        assert filing.save_info()
        info = colleague.info()
        assert (info["city"], info["compiled_by"]) == ("同事写的市", "作者的单位")
        assert filing.cityEdit.text() == "同事写的市"  # the form was read again after the write
        # both edit the plan version: the colleague writes first, the author is asked
        colleague.update_info({"plan_version": "同事版"}, "同事", "filing dock", read=colleague.info_versions())
        monkeypatch.setattr(filing, "ask_about_stale_info", lambda text: asked.append(text) or "reload")
        filing.versionEdit.setText("作者版")
        assert not filing.save_info()
        assert asked and "同事" in asked[0] and colleague.info()["plan_version"] == "同事版"
        assert filing.versionEdit.text() == "同事版"  # shown theirs
        monkeypatch.setattr(filing, "ask_about_stale_info", lambda text: asked.append(text) or "mine")
        colleague.update_info({"plan_version": "同事再改"}, "同事", "filing dock", read=colleague.info_versions())
        filing.versionEdit.setText("作者版")
        assert filing.save_info() and len(asked) == 2
        assert colleague.info()["plan_version"] == "作者版" and colleague.info()["city"] == "同事写的市"
    finally:
        filing.unload()
        filing.deleteLater()


def test_the_plan_chooser_lists_the_plans_of_a_stored_connection(qgis_iface, plan_copy, pg_server, tmp_path):
    from qgis.core import QgsSettings

    from ecozone_plugin.ui.team_dialog import TeamPlanDialog

    schema = f"chooser_{uuid.uuid4().hex[:8]}"
    copy_plan(GeoPackagePlanStore(plan_copy), pg_server.address(schema))
    settings = QgsSettings()
    base = "PostgreSQL/connections/本地团队库/"
    for key, value in {"host": "127.0.0.1", "port": str(pg_server.port), "database": "postgres",
                       "username": "postgres"}.items():  # fmt: skip
        settings.setValue(base + key, value)
    try:
        dialog = TeamPlanDialog()
        dialog.connectionCombo.setCurrentText("本地团队库")
        dialog.show_plans()
        rows = {
            dialog.planTree.topLevelItem(i).text(0): dialog.planTree.topLevelItem(i).text(1)
            for i in range(dialog.planTree.topLevelItemCount())
        }
        assert rows[schema] == "青岚区"
        for i in range(dialog.planTree.topLevelItemCount()):
            if dialog.planTree.topLevelItem(i).text(0) == schema:
                dialog.planTree.setCurrentItem(dialog.planTree.topLevelItem(i))
        dialog.accept()
        assert dialog.address == f"pgconn:本地团队库/{schema}"
        dock = AdmissionDock(qgis_iface, library_path=tmp_path / "library.json")
        try:
            dock.set_plan(dialog.address)
            wait(dock)
            assert dock.store is not None and dock.units_layer.providerType() == "postgres"
            assert dock.units_layer.featureCount() == len(dock.store.units())
        finally:
            dock.unload()
            dock.deleteLater()
    finally:
        settings.remove("PostgreSQL/connections/本地团队库")
        QgsProject.instance().removeAllMapLayers()
