"""The admission list editor in core: targets, own and inherited clauses, numbering, writes, undo."""

from __future__ import annotations

import pytest
from plan_helpers import make_plan

from ecozone_plugin.core.admission.clauses import Clause
from ecozone_plugin.core.admission.editor import ClauseEditor, unit_insertions
from ecozone_plugin.core.admission.library import Template
from ecozone_plugin.core.plan.store import ClauseChange


@pytest.fixture
def store(tmp_path):
    plan = make_plan(tmp_path / "规划.gpkg")
    plan.apply(
        [
            ClauseChange("add", Clause("city", "", 1, "1-1", "全市布局")),
            ClauseChange("add", Clause("county", "500101", 2, "2-1", "甲区重点单元排放", class_filter=2)),
        ]
    )
    return plan


def texts(clauses):
    return [(c.level, c.clause_no, c.text) for c in clauses]


def test_a_unit_shows_what_it_inherits_and_owns_only_its_own(store):
    editor = ClauseEditor(store, "张工")
    editor.set_target("unit", "u-a2")  # a key unit of 500101
    assert texts(editor.shown()) == [("city", "1-1", "全市布局"), ("county", "2-1", "甲区重点单元排放")]
    assert not any(editor.is_own(c) for c in editor.shown())
    first = editor.add("单元自身条款", 1)
    second = editor.add("  第二条  ", 1, "2614；2511")
    assert (first.clause_no, second.clause_no, second.text, second.industry_codes) == (
        "1-1",
        "1-2",
        "第二条",
        "2614;2511",
    )
    assert [c.text for c in editor.shown() if editor.is_own(c)] == ["单元自身条款", "第二条"]
    city = next(c for c in editor.shown() if c.level == "city")
    assert editor.own(city.id) is None and not editor.delete(city.id)  # inherited: edited at its own level
    assert editor.add("   ", 1) is None
    editor.set_target("unit", "")
    assert editor.add("没有单元", 1) is None and editor.shown() == []


def test_update_renumbers_a_clause_moved_to_another_dimension(store):
    editor = ClauseEditor(store)
    editor.set_target("unit", "u-b3")
    a = editor.add("甲", 4)
    b = editor.add("乙", 4)
    assert editor.update(b, "乙", 4) is None  # nothing changed: nothing written
    moved = editor.update(b, "乙（改）", 3)
    assert (moved.dimension, moved.clause_no, moved.text) == (3, "3-1", "乙（改）")
    assert [c.clause_no for c in store.clauses("unit", "u-b3")] == [a.clause_no, "3-1"]


def test_move_delete_and_undo(store):
    editor = ClauseEditor(store)
    editor.set_target("unit", "u-a1")
    ids = [editor.add(text, 2).id for text in ("一", "二", "三")]
    assert editor.move(ids[2], -1) and not editor.move(ids[0], -1)  # the first cannot go further up
    assert [(c.clause_no, c.text) for c in store.clauses("unit", "u-a1")] == [
        ("2-1", "一"),
        ("2-3", "二"),
        ("2-2", "三"),
    ]
    assert editor.delete(ids[0])
    assert [c.text for c in store.clauses("unit", "u-a1")] == ["二", "三"]
    assert editor.undo()  # the delete
    assert editor.undo()  # the move
    assert sorted((c.clause_no, c.text) for c in store.clauses("unit", "u-a1")) == [
        ("2-1", "一"),
        ("2-2", "二"),
        ("2-3", "三"),
    ]
    while editor.can_undo():
        editor.undo()
    assert store.clauses("unit") == []


def test_county_and_city_clauses_are_numbered_per_class(store):
    editor = ClauseEditor(store)
    editor.set_target("county", "500101", class_filter=2)
    assert editor.add("重点类第二条", 2).clause_no == "2-2"
    editor.set_target("county", "500101", class_filter=None)
    assert editor.add("全部单元", 2).clause_no == "2-1"
    editor.set_target("city", "", class_filter=1)
    assert editor.add("优先类", 1).clause_no == "1-1"
    assert [c.class_filter for c in store.clauses("city")] == [None, 1]


def test_templates_go_in_once(store):
    editor = ClauseEditor(store)
    editor.set_target("unit", "u-a2")
    templates = [Template(2, "园区污水集中处理。", 2), Template(3, "编制应急预案。", 2)]
    assert len(editor.insert(templates)) == 2
    assert editor.insert(templates) == []  # already there
    changes = unit_insertions(store, templates, ["u-a2", "u-b2"])
    assert [(c.clause.scope, c.clause.clause_no, c.clause.text) for c in changes] == [
        ("u-b2", "2-1", "园区污水集中处理。"),
        ("u-b2", "3-1", "编制应急预案。"),
    ]


def test_an_editor_undoes_only_its_own_store(store, tmp_path):
    other = make_plan(tmp_path / "另一规划.gpkg")
    editor = ClauseEditor(store)
    editor.set_target("unit", "u-a1")
    editor.add("本规划", 1)
    other.apply([ClauseChange("add", Clause("unit", "u-a1", 1, "1-1", "另一规划"))])
    assert not editor.history.push(other, [1])
    assert editor.undo() and store.clauses("unit") == []
    assert [c.text for c in other.clauses("unit")] == ["另一规划"]
