"""The admission list dock on the sample plan, with pytest-qgis's iface and canvas."""

from __future__ import annotations

import shutil

import pytest
from dock_helpers import wait
from plan_helpers import add_clause
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import Qt

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.admission.library import Template
from ecozone_plugin.core.plan.geopackage import GeoPackagePlanStore
from ecozone_plugin.core.plan.schema import SCHEMA_VERSION
from ecozone_plugin.core.plan.store import ClauseChange
from ecozone_plugin.ui.admission_dock import AdmissionDock
from ecozone_plugin.ui.library_dialog import ClauseLibraryDialog
from ecozone_plugin.ui.widgets import plan_path_of

CITY = "全市范围内禁止新建、扩建化工园区。"
COUNTY_KEY = "区内重点管控单元实施主要污染物排放总量控制。"


@pytest.fixture
def plan(plan_copy):
    store = GeoPackagePlanStore(plan_copy)
    store.apply(
        [
            ClauseChange("add", Clause("city", "", 1, "1-1", CITY)),
            ClauseChange("add", Clause("county", "500190", 2, "2-1", COUNTY_KEY, class_filter=2)),
        ]
    )
    return store


@pytest.fixture
def dock(qgis_iface, qgis_new_project, plan, tmp_path):
    widget = AdmissionDock(qgis_iface, library_path=tmp_path / "my_library.json")
    widget.set_plan(plan.path)
    wait(widget)
    yield widget
    widget.unload()
    widget.deleteLater()
    QgsProject.instance().removeAllMapLayers()


def select_unit(dock, uid):
    layer = dock.units_layer
    ids = [f.id() for f in layer.getFeatures() if f["unit_uid"] == uid]
    layer.selectByIds(ids)


def shown(dock):
    """(dimension row, clause no, source, text, editable-looking) for every clause in the tree."""
    rows = []
    for i in range(dock.clauseTree.topLevelItemCount()):
        group = dock.clauseTree.topLevelItem(i)
        for j in range(group.childCount()):
            item = group.child(j)
            rows.append((i + 1, item.text(0), item.text(1), item.text(2)))
    return rows


def unit_of_class(store, unit_class):
    return next(u for u in store.units() if u.unit_class == unit_class)


def test_the_plan_layer_is_loaded_and_followed(dock, plan):
    assert dock.units_layer is not None and dock.units_layer.featureCount() == len(plan.units())
    assert plan_path_of(dock.units_layer) is not None
    assert dock.units_layer.renderer().type() == "categorizedSymbol"  # the bundled style
    assert "Select a unit" in dock.unitLabel.text()
    key = unit_of_class(plan, 2)
    select_unit(dock, key.uid)
    assert dock.unit.uid == key.uid
    label = dock.unitLabel.text()
    assert key.code in label and key.name in label and f"{key.area_km2:.2f}" in label
    assert shown(dock) == [(1, "1-1", "City", CITY), (2, "2-1", "County · key", COUNTY_KEY)]
    assert "Environmental risk prevention" in label  # missing dimensions are named
    priority = unit_of_class(plan, 1)
    select_unit(dock, priority.uid)
    assert shown(dock) == [(1, "1-1", "City", CITY)]  # the key-class county clause does not apply


def test_a_typed_clause_is_stored_when_the_selection_moves_on(dock, plan):
    key, priority = unit_of_class(plan, 2), unit_of_class(plan, 1)
    select_unit(dock, key.uid)
    dock.new_clause()
    dock.dimensionCombo.setCurrentIndex(2)
    dock.textEdit.setPlainText("园区应编制突发环境事件应急预案。")
    assert dock.dirty
    select_unit(dock, priority.uid)  # no explicit save
    own = plan.clauses("unit", key.uid)
    assert [(c.dimension, c.clause_no, c.text) for c in own] == [(3, "3-1", "园区应编制突发环境事件应急预案。")]
    select_unit(dock, key.uid)
    assert (3, "3-1", "Unit", "园区应编制突发环境事件应急预案。") in shown(dock)


def test_inherited_clauses_are_read_only_and_own_ones_editable(dock, plan):
    key = unit_of_class(plan, 2)
    add_clause(plan, Clause("unit", key.uid, 1, "1-1", "原有条款"))
    select_unit(dock, key.uid)
    city_item = dock.clauseTree.topLevelItem(0).child(0)
    dock.clauseTree.setCurrentItem(city_item)
    assert dock.editing is None and dock.textEdit.isReadOnly() and not dock.deleteButton.isEnabled()
    own_item = dock.clauseTree.topLevelItem(0).child(1)
    assert own_item.text(2) == "原有条款"
    dock.clauseTree.setCurrentItem(own_item)
    assert dock.editing is not None and not dock.textEdit.isReadOnly() and dock.deleteButton.isEnabled()
    dock.textEdit.setPlainText("修改后的条款")
    dock.industryEdit.setText("2511；2614")
    dock.industryEdit.textEdited.emit("2511；2614")
    dock.close()  # closing the dock saves too
    stored = plan.clauses("unit", key.uid)[0]
    assert (stored.text, stored.industry_codes) == ("修改后的条款", "2511;2614")
    assert plan.history(1)[0].action == "update"


def test_delete_reorder_and_undo(dock, plan):
    key = unit_of_class(plan, 2)
    for n, text in enumerate(["第一条", "第二条", "第三条"], start=1):
        add_clause(plan, Clause("unit", key.uid, 1, f"1-{n}", text))
    select_unit(dock, key.uid)
    group = dock.clauseTree.topLevelItem(0)
    dock.clauseTree.setCurrentItem(group.child(1))  # 第一条 (after the city clause)
    dock.move_clause(1)
    numbers = {c.text: c.clause_no for c in plan.clauses("unit", key.uid)}
    assert numbers == {"第二条": "1-1", "第一条": "1-2", "第三条": "1-3"}
    assert dock.editing.text == "第一条"  # the moved clause stays selected
    dock.delete_clause()
    assert sorted(c.text for c in plan.clauses("unit", key.uid)) == ["第三条", "第二条"]
    dock.undo()
    assert {c.text: c.clause_no for c in plan.clauses("unit", key.uid)} == numbers
    dock.undo()
    assert {c.text: c.clause_no for c in plan.clauses("unit", key.uid)} == {
        "第一条": "1-1",
        "第二条": "1-2",
        "第三条": "1-3",
    }
    assert not dock.undoButton.isEnabled()


def test_county_and_city_clauses_are_edited_in_the_same_dock(dock, plan):
    general = unit_of_class(plan, 3)
    dock.levelCombo.setCurrentIndex(dock.levelCombo.findData("county"))
    assert not dock.scopeCombo.isHidden() and dock.scopeCombo.currentData() == "500190"
    assert shown(dock) == [(2, "2-1", "County · key", COUNTY_KEY)]
    dock.classCombo.setCurrentIndex(dock.classCombo.findData(3))
    dock.new_clause()
    dock.dimensionCombo.setCurrentIndex(3)
    dock.textEdit.setPlainText("一般管控单元推广节水灌溉。")
    dock.commit_pending()
    stored = plan.clauses("county", "500190")
    assert ("一般管控单元推广节水灌溉。", 3, "4-1") in [(c.text, c.class_filter, c.clause_no) for c in stored]
    dock.levelCombo.setCurrentIndex(dock.levelCombo.findData("unit"))
    select_unit(dock, general.uid)
    assert (4, "4-1", "County · general", "一般管控单元推广节水灌溉。") in shown(dock)


def test_library_templates_go_into_all_selected_units_at_once(dock, plan, qgis_parent):
    units = [u for u in plan.units() if u.unit_class == 2]
    layer = dock.units_layer
    layer.selectByIds([f.id() for f in layer.getFeatures() if f["unit_class"] == 2])
    library = dock.library()
    dialog = ClauseLibraryDialog(library, 2, 2, len(units), parent=qgis_parent)
    texts = [t.text for t in library if t.unit_class == 2 and t.dimension == 2][:2]
    dialog.check(texts)
    dialog.selected_box.setChecked(True)
    dialog.accept()
    assert dialog.target == "selected" and [t.text for t in dialog.chosen] == texts
    dock.insert_into_units(dialog.chosen, dock.selected_uids())
    wait(dock)
    for unit in units:
        assert [(c.clause_no, c.text) for c in plan.clauses("unit", unit.uid)] == [("2-1", texts[0]), ("2-2", texts[1])]
    dock.undo()
    assert plan.clauses("unit") == []


def test_an_insert_that_ends_after_another_plan_was_opened_cannot_be_undone_there(dock, plan, plan_path, tmp_path):
    other_path = tmp_path / "另一规划.gpkg"
    shutil.copy(plan_path, other_path)
    other = GeoPackagePlanStore(other_path)
    other.apply([ClauseChange("add", Clause("unit", u.uid, 1, "1-1", "另一规划的单元条款")) for u in other.units()])
    theirs = {(c.scope, c.text) for c in other.clauses("unit")}
    uids = [u.uid for u in plan.units()]
    template = next(t for t in dock.library() if t.dimension == 2)
    dock.insert_into_units([template], uids)  # runs as a task on plan A ...
    dock.set_plan(str(other_path))  # ... while the author opens plan B
    wait(dock)
    assert not dock.undoButton.isEnabled()
    dock.undo()
    assert {(c.scope, c.text) for c in other.clauses("unit")} == theirs
    assert {(c.scope, c.text) for c in plan.clauses("unit")} == {(uid, template.text) for uid in uids}


def test_the_user_extends_the_library(dock, tmp_path):
    from ecozone_plugin.core.admission.library import add_user_template

    add_user_template(dock.library_path, Template(4, "本区特有：再生水利用率不低于30%。", 2))
    library = dock.library()
    mine = [t for t in library if t.source == "user"]
    assert [(t.dimension, t.unit_class, t.text) for t in mine] == [(4, 2, "本区特有：再生水利用率不低于30%。")]
    assert len(library) > 20
    dialog = ClauseLibraryDialog(library, 2, 4, 0)
    assert "本区特有：再生水利用率不低于30%。" in [i.text(0) for i in dialog.template_items()]
    assert not dialog.selected_box.isEnabled()


def test_completeness_counts_and_selects_incomplete_units(dock, plan):
    total = len(plan.units())
    assert dock.completenessLabel.text() == f"{total} of {total} units lack a clause in some dimension."
    for dimension in (2, 3, 4):
        add_clause(plan, Clause("city", "", dimension, f"{dimension}-1", f"全市第{dimension}维度要求"))
    dock.refresh_completeness()
    wait(dock)
    assert dock.completenessLabel.text() == f"All {total} units have clauses in all four dimensions."
    assert not dock.selectIncompleteButton.isEnabled()
    key = unit_of_class(plan, 2)
    plan.apply([ClauseChange("delete", clause_id=plan.clauses("city")[0].id)])  # dimension 1 now comes from nowhere…
    add_clause(plan, Clause("unit", key.uid, 1, "1-1", "只有这个单元有空间布局约束"))
    dock.refresh_completeness()
    wait(dock)
    assert dock.completenessLabel.text() == f"{total - 1} of {total} units lack a clause in some dimension."
    dock.select_incomplete()
    selected = sorted(f["unit_uid"] for f in dock.units_layer.selectedFeatures())
    assert selected == sorted(u.uid for u in plan.units() if u.uid != key.uid)


def test_activating_a_plan_layer_opens_its_plan(qgis_iface, qgis_new_project, plan, tmp_path):
    from qgis.core import QgsVectorLayer

    dock = AdmissionDock(qgis_iface, library_path=tmp_path / "lib.json")
    try:
        layer = QgsVectorLayer(f"{plan.path}|layername=control_units", "units", "ogr")
        QgsProject.instance().addMapLayer(layer)
        wait(dock)
        assert dock.store is not None and dock.units_layer is layer
        assert dock.planWidget.filePath() == plan.path
    finally:
        dock.unload()
        QgsProject.instance().removeAllMapLayers()


def test_a_file_that_is_not_a_plan_is_explained(qgis_iface, sample_dir, tmp_path):
    dock = AdmissionDock(qgis_iface, library_path=tmp_path / "lib.json")
    try:
        dock.set_plan(str(sample_dir / "生态空间.gpkg"))
        assert dock.store is None
        messages = qgis_iface.messageBar().get_messages(1)  # Qgis.Warning
        assert any("EZ-T002" in m for m in messages)
        assert not dock.newButton.isEnabled()
    finally:
        dock.unload()


@pytest.mark.parametrize("agreed", [True, False])
def test_an_older_plan_is_upgraded_only_when_the_author_agrees(
    qgis_iface, qgis_new_project, plan_copy, tmp_path, monkeypatch, agreed
):
    from plan_helpers import downgrade_to_schema_1

    from ecozone_plugin.ui import widgets

    downgrade_to_schema_1(plan_copy)
    before = plan_copy.read_bytes()
    asked = []
    monkeypatch.setattr(widgets, "ask_to_upgrade", lambda _parent, path, version: asked.append(version) or agreed)
    dock = AdmissionDock(qgis_iface, library_path=tmp_path / "lib.json")
    try:
        dock.set_plan(str(plan_copy))
        wait(dock)
        assert asked == [1]
        backup = plan_copy.with_name(f"{plan_copy.stem}.schema1.bak.gpkg")
        if agreed:
            assert dock.store is not None and not dock.store.needs_migration
            assert backup.read_bytes() == before
            assert GeoPackagePlanStore(plan_copy).info()["schema_version"] == str(SCHEMA_VERSION)
        else:
            assert dock.store is None and not backup.exists()
            assert plan_copy.read_bytes() == before
            assert any("upgraded first" in m for m in qgis_iface.messageBar().get_messages(1))
    finally:
        dock.unload()
        QgsProject.instance().removeAllMapLayers()


def test_edit_shortcuts_are_plain_buttons(dock):
    assert dock.newButton.text() and dock.textEdit.placeholderText()
    assert dock.clauseTree.headerItem().text(2) == "Clause"
    assert dock.objectName() == "EcoZoneAdmissionDock"
    assert dock.levelCombo.count() == 3
    dimensions = [dock.dimensionCombo.itemText(i) for i in range(dock.dimensionCombo.count())]
    assert dimensions[0] == "1 Spatial layout constraints" and dimensions[-1] == "0 Common requirements"
    assert [dock.dimensionCombo.itemData(i) for i in range(dock.dimensionCombo.count())] == [1, 2, 3, 4, 0]
    assert dock.clauseTree.topLevelItem(0).flags() & Qt.ItemIsSelectable == Qt.NoItemFlags


def test_library_templates_go_into_the_shown_unit_or_county(dock, plan):
    priority = unit_of_class(plan, 1)
    select_unit(dock, priority.uid)
    templates = [t for t in dock.library() if t.unit_class == 1 and t.dimension == 1][:2]
    dock.insert_here(templates)
    dock.insert_here(templates)  # a template the unit already has is not added twice
    assert [(c.clause_no, c.text) for c in plan.clauses("unit", priority.uid)] == [
        ("1-1", templates[0].text),
        ("1-2", templates[1].text),
    ]
    assert [row[3] for row in shown(dock)][:3] == [CITY, templates[0].text, templates[1].text]
    dock.levelCombo.setCurrentIndex(dock.levelCombo.findData("county"))
    dock.classCombo.setCurrentIndex(dock.classCombo.findData(1))
    dock.insert_here(templates[:1])
    county = [(c.class_filter, c.clause_no, c.text) for c in plan.clauses("county", "500190")]
    assert (1, "1-1", templates[0].text) in county


def test_the_current_clause_can_be_saved_to_the_library(dock, plan):
    key = unit_of_class(plan, 2)
    add_clause(plan, Clause("unit", key.uid, 4, "4-1", "本单元再生水回用率不低于30%。"))
    select_unit(dock, key.uid)
    dock.clauseTree.setCurrentItem(dock.clauseTree.topLevelItem(3).child(0))
    dialog = ClauseLibraryDialog(dock.library(), 2, 4, 0, current_text=dock.textEdit.toPlainText())
    assert dialog.save_button.isEnabled()
    dialog.save_button.click()
    from ecozone_plugin.core.admission.library import add_user_template

    add_user_template(dock.library_path, dialog.saved_template)
    mine = [(t.dimension, t.unit_class, t.text) for t in dock.library() if t.source == "user"]
    assert mine == [(4, 2, "本单元再生水回用率不低于30%。")]


def test_unload_after_the_project_was_cleared(qgis_iface, qgis_new_project, plan, tmp_path):
    """QGIS clears the project before it unloads plugins on quit: the dock's layer is gone by then."""
    dock = AdmissionDock(qgis_iface, library_path=tmp_path / "lib.json")
    dock.set_plan(plan.path)
    wait(dock)
    QgsProject.instance().clear()
    dock.unload()  # must not raise: a raising unload stops QGIS with an error dialog
    assert dock.units_layer is None


LONG = (
    "禁止在饮用水水源一级保护区内新建、改建、扩建与供水设施和保护水源无关的建设项目；已建成的与供水设施和"
    "保护水源无关的建设项目，由县级以上人民政府责令拆除或者关闭。禁止在二级保护区内新建、改建、扩建排放"
    "污染物的建设项目。"
)


def test_whole_clauses_wrap_in_the_list_and_in_the_library(dock, plan):
    unit = unit_of_class(plan, 1)
    add_clause(plan, Clause("unit", unit.uid, 1, "1-9", LONG))
    dock.resize(420, 700)
    dock.show()
    select_unit(dock, unit.uid)
    wait(dock)
    tree = dock.clauseTree
    group = tree.topLevelItem(0)
    item = next(group.child(j) for j in range(group.childCount()) if group.child(j).text(2) == LONG)
    line = tree.fontMetrics().height()
    narrow = tree.visualItemRect(item).height()
    assert narrow >= 3 * line  # wrapped over several lines, not one line ending in "…"
    tree.setColumnWidth(2, 1400)
    wait(dock)
    assert tree.visualItemRect(item).height() < narrow  # rows follow the column's width

    dialog = ClauseLibraryDialog([Template(1, LONG, unit_class=1)], 1, 1, selected_units=1, parent=dock)
    dialog.resize(640, 500)
    dialog.show()
    QgsApplication.processEvents()
    template = dialog.tree.topLevelItem(0).child(0)
    assert template.text(0) == LONG and dialog.tree.visualItemRect(template).height() >= 2 * line
    dialog.close()


def test_a_guangdong_plan_shows_its_names_order_and_undivided_list(
    qgis_iface, qgis_new_project, plan_copy, tmp_path, chinese_ui
):
    import json

    from ecozone_plugin.core.profile import load_profile

    store = GeoPackagePlanStore(plan_copy)
    store.set_info({"profile": "guangdong", "profile_json": json.dumps(load_profile("guangdong"), ensure_ascii=False)})
    priority = unit_of_class(store, 1)
    add_clause(store, Clause("unit", priority.uid, 0, "1", "严格按照生态保护红线管理"))
    widget = AdmissionDock(qgis_iface, library_path=tmp_path / "lib.json")
    try:
        widget.set_plan(str(plan_copy))
        wait(widget)
        items = [widget.dimensionCombo.itemText(i) for i in range(widget.dimensionCombo.count())]
        assert items[:2] == ["1 区域布局管控", "2 能源资源利用"] and items[-1] == "0 管控要求"
        select_unit(widget, priority.uid)
        wait(widget)
        groups = [widget.clauseTree.topLevelItem(i).text(2) for i in range(widget.clauseTree.topLevelItemCount())]
        assert groups == ["区域布局管控", "能源资源利用", "污染物排放管控", "环境风险防控", "管控要求"]
        assert widget.clauseTree.topLevelItem(4).child(0).text(2) == "严格按照生态保护红线管理"
        assert "#b00020" not in widget.unitLabel.text()  # no missing dimension: an undivided priority list is complete
    finally:
        widget.unload()
        widget.deleteLater()
        QgsProject.instance().removeAllMapLayers()


def test_tags_types_and_proposed_codes_are_edited_in_the_dock(dock, plan):
    unit = unit_of_class(plan, 2)
    add_clause(plan, Clause("unit", unit.uid, 1, "1-5", "禁止新建电镀项目"))
    select_unit(dock, unit.uid)
    wait(dock)
    group = dock.clauseTree.topLevelItem(0)
    item = next(group.child(j) for j in range(group.childCount()) if group.child(j).text(2) == "禁止新建电镀项目")
    dock.clauseTree.setCurrentItem(item)
    assert dock.typeCombo.currentIndex() == 0 and dock.typeCombo.currentText() == "From the wording: Prohibit"
    assert "Proposed from the wording: 3360 金属表面处理及热处理加工" in dock.codesLabel.text()
    assert dock.adoptButton.isVisibleTo(dock)
    dock.adopt_proposed()
    stored = next(c for c in plan.clauses("unit", unit.uid) if c.clause_no == "1-5")
    assert (stored.industry_codes, stored.proposed_codes) == ("3360", "")
    assert dock.codesLabel.text() == "3360 金属表面处理及热处理加工" and not dock.adoptButton.isVisibleTo(dock)
    dock.tagEdit.setText("产业")
    dock.tagEdit.textEdited.emit("产业")
    dock.typeCombo.setCurrentIndex(dock.typeCombo.findData("restrict"))
    dock.typeCombo.activated.emit(dock.typeCombo.currentIndex())
    dock.commit_pending()
    stored = next(c for c in plan.clauses("unit", unit.uid) if c.clause_no == "1-5")
    assert (stored.element_tag, stored.clause_type, stored.type_inferred) == ("产业", "restrict", False)
    dock.industrySearch.completer().activated[str].emit("3011 水泥制造")
    dock.commit_pending()
    stored = next(c for c in plan.clauses("unit", unit.uid) if c.clause_no == "1-5")
    assert stored.industry_codes == "3360;3011"
