"""Dimension schemes: provinces name and order the dimensions; clauses keep them by meaning."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from plan_helpers import clause, make_plan

from ecozone_plugin.core.admission.dimensions import scheme
from ecozone_plugin.core.admission.excel import export_workbook, import_workbook
from ecozone_plugin.core.check.validation import validate_store
from ecozone_plugin.core.messages import EcoZoneError
from ecozone_plugin.core.plan.store import ClauseChange
from ecozone_plugin.core.profile import complete_profile, load_profile, plan_profile


def test_every_alias_is_read_by_meaning_whatever_the_profile():
    for profile in ("default", "guangdong"):
        dimensions = scheme(load_profile(profile))
        for text, meaning in (
            ("空间布局约束", 1),
            ("区域布局管控", 1),
            ("能源资源利用", 4),
            ("资源利用效率要求", 4),
            ("污染物排放管控", 2),
            ("环境风险防控", 3),
            ("共性要求", 0),
            ("管控要求", 0),
        ):
            assert dimensions.parse(text) == meaning, (profile, text)
    assert scheme(load_profile("default")).parse("2") == 2
    assert scheme(load_profile("guangdong")).parse("2") == 4  # "2" is an energy clause there


def test_the_guangdong_scheme_names_and_orders_them():
    dimensions = scheme(load_profile("guangdong"))
    assert [dimensions.label(d) for d in dimensions.shown()] == [
        "区域布局管控",
        "能源资源利用",
        "污染物排放管控",
        "环境风险防控",
        "管控要求",
    ]
    assert dimensions.position(4) == 2 and dimensions.position(1) == 1
    assert not dimensions.needs_all(1) and dimensions.needs_all(2)


def test_a_profile_with_a_broken_scheme_is_refused():
    with pytest.raises(EcoZoneError) as error:
        complete_profile({"id": "x", "dimensions": {"order": [1, 2, 2, 4]}}, "x.json")
    assert error.value.message.code == "EZ-P012"


def guangdong_plan(path):
    store = make_plan(path)
    store.set_info({"profile": "guangdong", "profile_json": json.dumps(load_profile("guangdong"), ensure_ascii=False)})
    return store


def test_export_uses_the_plans_labels_and_order_and_import_keeps_the_meaning(tmp_path):
    store = guangdong_plan(tmp_path / "gd.gpkg")
    store.apply(
        [
            ClauseChange("add", clause("unit", "u-a2", 4, "2-1", "单位产值能耗持续下降")),
            ClauseChange("add", clause("unit", "u-a2", 1, "1-1", "不得新建化工项目")),
            ClauseChange("add", clause("unit", "u-a1", 0, "1", "严格按生态保护红线管理")),
        ]
    )
    export_workbook(store, tmp_path / "gd.xlsx")
    book = load_workbook(tmp_path / "gd.xlsx")
    unit_rows = [[c.value for c in row] for row in book["单元级"].iter_rows(min_row=2)]
    assert [(r[1], r[3], r[4]) for r in unit_rows] == [
        ("ZH50010110001", "管控要求", "1"),
        ("ZH50010120001", "区域布局管控", "1-1"),
        ("ZH50010120001", "能源资源利用", "2-1"),  # the clause number as published
    ]
    headers = [c.value for c in book["附表"][1]][4:]
    assert headers == ["区域布局管控", "能源资源利用", "污染物排放管控", "环境风险防控", "管控要求"]
    national = make_plan(tmp_path / "national.gpkg")
    import_workbook(national, tmp_path / "gd.xlsx", mode=0)
    assert sorted((c.scope, c.dimension, c.clause_no) for c in national.clauses()) == [
        ("u-a1", 0, "1"),
        ("u-a2", 1, "1-1"),
        ("u-a2", 4, "2-1"),
    ]


def test_completeness_follows_the_profile(tmp_path):
    for path, profile, priority_complete in (
        (tmp_path / "gd.gpkg", "guangdong", True),
        (tmp_path / "cn.gpkg", "default", False),
    ):
        store = guangdong_plan(path) if profile == "guangdong" else make_plan(path)
        store.apply(
            [
                ClauseChange(
                    "add", clause("unit", "u-a1", 0, "1", "严格按生态保护红线管理")
                ),  # undivided priority list
                ClauseChange("add", clause("unit", "u-a2", 0, "1", "共性要求一条")),  # a key unit needs all four
            ]
        )
        result = validate_store(store, plan_profile(store))
        incomplete = {f.unit_code for f in result.findings if f.code == "EZ-L001"}
        assert ("ZH50010110001" not in incomplete) is priority_complete, profile
        assert "ZH50010120001" in incomplete


def test_new_clauses_are_numbered_as_the_province_numbers_them(tmp_path):
    from ecozone_plugin.core.admission.editor import ClauseEditor

    store = guangdong_plan(tmp_path / "gd.gpkg")
    editor = ClauseEditor(store, "测试", scheme(plan_profile(store)).position)
    editor.set_target("unit", "u-a2")
    assert editor.add("单位产值能耗持续下降", 4).clause_no == "2-1"  # 能源资源利用 is the second there
    assert editor.add("第二条", 4).clause_no == "2-2"
    assert editor.add("不分维度的要求", 0).clause_no == "1"
