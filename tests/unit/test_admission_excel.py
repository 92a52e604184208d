"""The admission list workbook: export for print, import row by row, round trip."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook
from plan_helpers import clause, make_plan

from ecozone_plugin.core.admission.excel import export_workbook, import_workbook
from ecozone_plugin.core.messages import EcoZoneError
from ecozone_plugin.core.plan.store import ClauseChange

HEADERS = ["层级", "范围编码", "适用类别", "维度", "条款编号", "条款内容", "行业代码"]


@pytest.fixture
def store(tmp_path):
    plan = make_plan(tmp_path / "plan.gpkg")
    plan.apply(
        [
            ClauseChange("add", clause("city", "", 1, "1-1", "全市禁止新建化工园区")),
            ClauseChange(
                "add", clause("city", "", 2, "2-1", "重点单元严格排放", class_filter=2, industry_codes="2511")
            ),
            ClauseChange("add", clause("county", "500101", 3, "3-1", "甲区风险防控")),
            ClauseChange("add", clause("unit", "u-a2", 1, "1-9", "园区第九条")),
            ClauseChange("add", clause("unit", "u-a2", 1, "1-10", "园区第十条")),
            ClauseChange("add", clause("unit", "u-b3", 4, "4-1", "节约用水")),
        ]
    )
    return plan


def snapshot(store):
    return sorted(
        (c.level, c.scope, c.class_filter or 0, c.dimension, c.clause_no, c.text, c.industry_codes)
        for c in store.clauses()
    )


def write_book(path, sheets):
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
    book.save(path)
    return path


def test_export_has_every_level_and_the_appendix_formatted_for_print(store, tmp_path):
    counts = export_workbook(store, tmp_path / "清单.xlsx")
    assert counts == {"市级": 2, "区县级": 1, "单元级": 3, "附表": 4}
    book = load_workbook(tmp_path / "清单.xlsx")
    assert book.sheetnames == ["市级", "区县级", "单元级", "附表"]
    unit_sheet = book["单元级"]
    assert [c.value for c in unit_sheet[1]] == HEADERS
    assert [[c.value for c in row] for row in unit_sheet.iter_rows(min_row=2)] == [
        ["单元级", "ZH50010120001", None, "空间布局约束", "1-9", "园区第九条", None],
        ["单元级", "ZH50010120001", None, "空间布局约束", "1-10", "园区第十条", None],
        ["单元级", "ZH50010230001", None, "资源利用效率", "4-1", "节约用水", None],
    ]
    assert book["市级"]["C3"].value == "重点管控单元" and book["市级"]["G3"].value == "2511"
    appendix = book["附表"]
    assert [c.value for c in appendix[1]][:4] == ["环境管控单元编码", "环境管控单元名称", "管控单元分类", "所属区县"]
    key_row = [c.value for c in appendix[3]]
    assert key_row[:4] == ["ZH50010120001", "甲区重点管控单元", "重点管控单元", "甲区"]
    assert key_row[4] == "1. 全市禁止新建化工园区\n2. 园区第九条\n3. 园区第十条"
    assert key_row[5] == "1. 重点单元严格排放"
    assert key_row[6] == "1. 甲区风险防控"
    assert [c.value for c in appendix[2]][5] is None  # the priority unit gets no key-class clause
    for ws in book.worksheets:
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.name == "黑体" and ws["A1"].font.bold
        assert ws["A2"].font.name == "宋体" and ws["A2"].alignment.wrap_text
        assert ws.page_setup.orientation == "landscape" and ws.print_title_rows == "$1:$1"
    assert appendix.column_dimensions["E"].width == 48
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".xlsx"] == ["清单.xlsx"]


def test_export_then_import_gives_the_same_clauses(store, tmp_path):
    before = snapshot(store)
    export_workbook(store, tmp_path / "out.xlsx")
    report = import_workbook(store, tmp_path / "out.xlsx")
    assert report.problems == [] and report.layout == "levels"
    assert (report.added, report.updated, report.removed, report.unchanged) == (0, 0, 0, 6)
    assert snapshot(store) == before
    other = make_plan(tmp_path / "empty.gpkg")
    report = import_workbook(other, tmp_path / "out.xlsx")
    assert report.added == 6
    assert snapshot(other) == before


def test_import_updates_adds_and_replace_removes(store, tmp_path):
    path = write_book(
        tmp_path / "edit.xlsx",
        {
            "单元级": [
                HEADERS,
                ["单元级", "ZH50010120001", "", "1", "1-9", "改写的第九条", ""],
                ["单元级", "ZH50010220001", "", "污染物排放管控", "2-1", "新增条款", "2614；2619"],
            ]
        },
    )
    report = import_workbook(store, path)
    assert (report.added, report.updated, report.removed) == (1, 1, 0)
    texts = {(c.scope, c.clause_no): (c.text, c.industry_codes) for c in store.clauses("unit")}
    assert texts[("u-a2", "1-9")] == ("改写的第九条", "")
    assert texts[("u-b2", "2-1")] == ("新增条款", "2614;2619")
    assert ("u-a2", "1-10") in texts  # kept: REPLACE is off
    report = import_workbook(store, path, replace=True)
    assert report.removed == 2
    assert sorted((c.scope, c.clause_no) for c in store.clauses("unit")) == [("u-a2", "1-9"), ("u-b2", "2-1")]
    assert len(store.clauses("city")) == 2  # the file has no city sheet: city clauses stay


BAD_ROWS = [
    HEADERS,
    ["单元级", "ZH99999999999", "", "空间布局约束", "1-1", "未知单元", ""],
    ["单元级", "ZH50010110001", "", "环境质量底线", "1-1", "未知维度", ""],
    ["单元级", "ZH50010110001", "", "空间布局约束", "1-1", "第一次", ""],
    ["单元级", "ZH50010110001", "", "空间布局约束", "1-1", "编号重复", ""],
    ["单元级", "ZH50010110001", "", "资源利用效率", "4-1", "", ""],
    ["省级", "", "", "空间布局约束", "1-1", "未知层级", ""],
    ["区县级", "500199", "", "空间布局约束", "1-1", "未知区县", ""],
    ["区县级", "500101", "特别单元", "空间布局约束", "1-2", "未知类别", ""],
    ["单元级", "ZH50010230001", "", "环境风险防控", "3-1", "干净的一行", ""],
]


def test_bad_rows_are_reported_one_by_one_and_mode_0_imports_nothing(store, tmp_path):
    path = write_book(tmp_path / "bad.xlsx", {"单元级": BAD_ROWS})
    before = snapshot(store)
    report = import_workbook(store, path, mode=0)
    found = [(m.code, m.params["sheet"], m.params["row"], m.params.get("value")) for m in report.problems]
    assert found == [
        ("EZ-X001", "单元级", 2, "ZH99999999999"),
        ("EZ-X002", "单元级", 3, "环境质量底线"),
        ("EZ-X003", "单元级", 5, "1-1"),
        ("EZ-X004", "单元级", 6, "4-1"),
        ("EZ-X005", "单元级", 7, "省级"),
        ("EZ-X007", "单元级", 8, "500199"),
        ("EZ-X006", "单元级", 9, "特别单元"),
    ]
    assert "第 5 行" in report.problems[2].text("zh") and "row 4" in report.problems[2].text("en")
    assert not report.applied and snapshot(store) == before
    report = import_workbook(store, path, mode=1)
    assert report.applied and report.added == 2
    new = {c.text for c in store.clauses("unit")} - {t for *_, t, _i in before}
    assert new == {"第一次", "干净的一行"}


def test_the_appendix_authors_keep_is_read_as_unit_clauses(store, tmp_path):
    header = [
        "序号",
        "环境管控单元编码",
        "环境管控单元名称",
        "管控单元分类",
        "所属区县",
        "空间布局约束",
        "污染物排放管控",
        "环境风险防控",
        "资源利用效率",
    ]
    rows = [
        ["表1 青岚区环境管控单元准入清单"],
        header,
        [
            1,
            "ZH50010120001",
            "甲区重点管控单元",
            "重点管控单元",
            "甲区",
            "1. 全市禁止新建化工园区\n2. 禁止新建燃煤锅炉。\n3、园区内企业集中治污",
            "1.重点单元严格排放",
            "",
            "（1）提高用水效率",
        ],
        [2, "ZH50010210000", "不存在", "一般管控单元", "乙区", "1. 任意", "", "", ""],
        [3, "ZH50010120001", "重复", "重点管控单元", "甲区", "1. 又一次", "", "", ""],
    ]
    path = write_book(tmp_path / "附表.xlsx", {"汇总": rows})
    fresh = make_plan(tmp_path / "fresh.gpkg")
    fresh.apply([ClauseChange("add", c) for c in store.clauses() if c.level != "unit"])
    report = import_workbook(fresh, path, mode=0)
    assert report.layout == "appendix"
    assert [(m.code, m.params["row"]) for m in report.problems] == [("EZ-X001", 4), ("EZ-X011", 5)]
    report = import_workbook(fresh, path, mode=1)
    # the unit's own clauses keep their numbers as published (item 1 is the inherited city clause)
    assert sorted((c.dimension, c.clause_no, c.text) for c in fresh.clauses("unit", "u-a2")) == [
        (1, "1-2", "禁止新建燃煤锅炉。"),
        (1, "1-3", "园区内企业集中治污"),
        (4, "4-1", "提高用水效率"),
    ]


def test_files_that_are_not_admission_lists_are_refused(store, tmp_path):
    (tmp_path / "text.xlsx").write_text("plain text", encoding="utf-8")
    with pytest.raises(EcoZoneError) as error:
        import_workbook(store, tmp_path / "text.xlsx")
    assert error.value.message.code == "EZ-X010"
    path = write_book(tmp_path / "other.xlsx", {"Sheet": [["a", "b"], [1, 2]]})
    with pytest.raises(EcoZoneError) as error:
        import_workbook(store, path)
    assert error.value.message.code == "EZ-X008"
