"""Clause tags as published lists write them, types read from the wording, industry codes."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from plan_helpers import clause, make_plan
from test_admission_excel import write_book

from ecozone_plugin.core.admission.excel import cell_clauses, export_workbook, import_workbook
from ecozone_plugin.core.admission.tags import infer_type, parse, tag_text
from ecozone_plugin.core.industry import Classification, proposed_codes
from ecozone_plugin.core.plan.store import ClauseChange


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "1-2.【产业/禁止类】不得引入专业电镀、漂染等项目",
            ("1-2", "产业", "prohibit", False, "不得引入专业电镀、漂染等项目"),
        ),
        ("3.【水/限制类】严格控制用水总量", ("3", "水", "restrict", False, "严格控制用水总量")),
        ("1-10、[大气/鼓励引导类] 推动清洁能源", ("1-10", "大气", "encourage", False, "推动清洁能源")),
        ("（2）［土壤／综合类］做好调查", ("2", "土壤", "general", False, "做好调查")),
        ("2．【禁止类】严禁围湖造田", ("2", "", "prohibit", False, "严禁围湖造田")),
        ("【生态】禁止开发建设", ("", "生态", "prohibit", True, "禁止开发建设")),
        ("严禁新建燃煤锅炉", ("", "", "prohibit", True, "严禁新建燃煤锅炉")),
        ("限制高耗水行业扩张", ("", "", "restrict", True, "限制高耗水行业扩张")),
        ("鼓励发展节水产业", ("", "", "encourage", True, "鼓励发展节水产业")),
        ("2025年前完成整治", ("", "", "general", True, "2025年前完成整治")),
        ("1.5万吨以上项目应当配套", ("", "", "general", True, "1.5万吨以上项目应当配套")),
    ],
)
def test_a_published_line_gives_number_tags_and_text(line, expected):
    tagged = parse(line)
    assert (tagged.number, tagged.element_tag, tagged.clause_type, tagged.type_inferred, tagged.text) == expected


def test_forbidding_wins_over_restricting_and_tags_are_written_back():
    assert infer_type("禁止新建，限制扩建") == "prohibit"
    assert tag_text("产业", "prohibit", False) == "【产业/禁止类】"
    assert tag_text("水", "restrict", True) == "【水】"  # an inferred type is not published as if written
    assert tag_text("", "general", True) == ""


def test_a_numbered_cell_joins_wrapped_lines_and_an_unnumbered_one_keeps_each_line():
    cell = "1.【产业/禁止类】不得引入专业电镀、\n漂染等项目。\n2. 严格控制\n用水总量。"
    assert cell_clauses(cell) == [("1", "【产业/禁止类】不得引入专业电镀、漂染等项目。"), ("2", "严格控制用水总量。")]
    assert cell_clauses("禁止新建化工\n限制扩建") == [("", "禁止新建化工"), ("", "限制扩建")]


def test_tags_survive_the_workbook_round_trip(tmp_path):
    store = make_plan(tmp_path / "plan.gpkg")
    store.apply(
        [
            ClauseChange(
                "add",
                clause(
                    "city",
                    "",
                    1,
                    "1-1",
                    "不得引入电镀项目",
                    element_tag="产业",
                    clause_type="prohibit",
                    type_inferred=False,
                ),
            ),
            ClauseChange("add", clause("unit", "u-a2", 2, "2-1", "严格控制排放总量", element_tag="大气")),
        ]
    )
    stored = {c.clause_no: c for c in store.clauses()}
    assert (stored["1-1"].clause_type, stored["1-1"].type_inferred, stored["1-1"].proposed_codes) == (
        "prohibit",
        False,
        "3360",
    )
    assert (stored["2-1"].clause_type, stored["2-1"].type_inferred) == ("restrict", True)  # read from the wording
    export_workbook(store, tmp_path / "清单.xlsx")
    book = load_workbook(tmp_path / "清单.xlsx")
    assert book["市级"]["F2"].value == "【产业/禁止类】不得引入电镀项目"
    appendix = {row[0].value: row for row in book["附表"].iter_rows(min_row=2)}
    assert "1. 【大气】严格控制排放总量" in appendix["ZH50010120001"][5].value.split("\n")
    again = make_plan(tmp_path / "again.gpkg")
    import_workbook(again, tmp_path / "清单.xlsx", mode=0)

    def content(plan):
        return sorted(
            (c.level, c.dimension, c.clause_no, c.text, c.element_tag, c.clause_type, c.type_inferred)
            for c in plan.clauses()
        )

    assert content(again) == content(store)


def test_the_long_layout_of_a_wide_appendix_reads_tags_and_published_numbers(tmp_path):
    store = make_plan(tmp_path / "plan.gpkg")
    header = ["环境管控单元编码", "环境管控单元名称", "管控单元分类", "所属区县", "空间布局约束", "污染物排放管控"]
    row = [
        "ZH50010120001",
        "甲",
        "重点管控单元",
        "甲区",
        "1-3.【产业/禁止类】不得新建\n水泥项目。",
        "2-1【水】限制排污",
    ]
    import_workbook(store, write_book(tmp_path / "附表.xlsx", {"附表": [header, row]}), mode=0)
    got = sorted(
        (c.clause_no, c.element_tag, c.clause_type, c.type_inferred, c.text, c.proposed_codes) for c in store.clauses()
    )
    assert got == [
        ("1-3", "产业", "prohibit", False, "不得新建水泥项目。", "3011"),
        ("2-1", "水", "restrict", True, "限制排污", ""),
    ]


def test_the_classification_reads_codes_at_every_level():
    gb = Classification.load()
    assert gb.lineage("2614") == ["2614", "261", "26", "C"]
    assert gb.normalise("c26") == "26" and gb.normalise("D26") == "" and gb.normalise("9999") == ""
    assert gb.covers("C", "2614") and gb.covers("26", "2614") and not gb.covers("261", "26")
    assert gb.resolve("水泥制造") == "3011" and gb.resolve("电镀") == "3360" and gb.resolve("不存在的行业") == ""
    assert gb.find("3011")[0].name == "水泥制造" and any(i.code == "3011" for i in gb.find("水泥"))
    assert len([c for c in gb.by_code.values() if c.level == "小类"]) == 1385


def test_keywords_propose_codes_the_classification_holds():
    gb = Classification.load()
    assert proposed_codes("不得新建电镀、印染项目", confirmed="3360").split(";") == [
        "1713",
        "1723",
        "1733",
        "1743",
        "1752",
        "1762",
    ]
    from ecozone_plugin.core.industry import keyword_table

    for keyword, codes in keyword_table():
        assert all(gb.normalise(code) for code in codes), keyword


def test_the_long_layout_as_lists_are_printed(tmp_path):
    store = make_plan(tmp_path / "plan.gpkg")
    header = ["序号", "环境管控单元编码", "环境管控单元名称", "管控单元分类", "区县", "管控维度", "管控要求"]
    rows = [
        ["表 2 准入清单"],
        header,
        [
            1,
            "ZH50010120001",
            "甲",
            "重点管控单元",
            "甲区",
            "空间布局约束",
            "1.【产业/禁止类】不得新建电镀、\n漂染项目。\n2.鼓励发展高新技术产业。",
        ],
        [2, "ZH50010120001", "甲", "重点管控单元", "甲区", "污染物排放管控", "1.严格控制挥发性有机物排放。"],
        [3, "ZH50010120001", "甲", "重点管控单元", "甲区", "污染物排放管控", "1.重复的一行"],
        [4, "ZH99999999999", "无", "一般管控单元", "甲区", "资源利用效率", "1.任意"],
    ]
    report = import_workbook(store, write_book(tmp_path / "清单.xlsx", {"Sheet1": rows}), mode=1)
    assert report.layout == "appendix"
    assert [(m.code, m.params["row"]) for m in report.problems] == [("EZ-X011", 5), ("EZ-X001", 6)]
    got = sorted((c.dimension, c.clause_no, c.element_tag, c.clause_type, c.text) for c in store.clauses())
    assert got == [
        (1, "1-1", "产业", "prohibit", "不得新建电镀、漂染项目。"),
        (1, "1-2", "", "encourage", "鼓励发展高新技术产业。"),
        (2, "2-1", "", "restrict", "严格控制挥发性有机物排放。"),
    ]
