"""Site screening on a hand-made plan whose answers are known: every verdict and its reasons."""

from __future__ import annotations

import shapely
from shapely.geometry import LineString, Point, box

from ecozone_plugin.core.admission.clauses import Clause, UnitInfo
from ecozone_plugin.core.screening import FAIL, INCOMPLETE, PASS, RESTRICTED, Site, screen, verdict_text


def unit(uid, code, unit_class):
    return UnitInfo(uid, code, f"单元{code}", unit_class, "500101", "甲区", "", 0.01)


UNITS = [
    (unit("p", "ZH1", 1), box(0, 0, 100, 100)),
    (unit("k", "ZH2", 2), box(100, 0, 200, 100)),
    (unit("g", "ZH3", 3), box(200, 0, 300, 100)),
]
HARD = [("生态保护红线", box(10, 10, 30, 30))]
CLAUSES = [
    Clause("city", "", 1, "1-1", "禁止新建化工项目", industry_codes="26", clause_type="prohibit", type_inferred=False),
    Clause("unit", "k", 1, "1-2", "不得新建电镀项目", clause_type="prohibit", proposed_codes="3360"),
    Clause("unit", "g", 1, "1-1", "严格控制水泥产能", industry_codes="3011", clause_type="restrict"),
    Clause("unit", "g", 1, "1-2", "禁止新建棉印染项目", industry_codes="1713", clause_type="prohibit"),
    Clause("unit", "g", 2, "2-1", "禁止露天焚烧", clause_type="prohibit"),  # no industry: text only
    Clause("county", "500101", 4, "4-1", "鼓励发展清洁能源", industry_codes="4411", clause_type="encourage"),
]


def judge(geometry, industry):
    return screen([Site(1, "项目", geometry, industry)], UNITS, CLAUSES, HARD, {})[0]


def test_a_prohibition_of_a_broader_code_fails_the_site():
    result = judge(Point(250, 50), "2614")
    assert result.verdict == FAIL and result.industry_name
    assert any("市级条款 1-1【禁止类】涉及行业 26 化学原料和化学制品制造业" in r for r in result.reasons)


def test_a_restriction_restricts_and_a_name_is_read_as_its_code():
    for industry in ("3011", "水泥制造", "C3011"):
        result = judge(Point(250, 50), industry)
        assert (result.verdict, result.industry_code) == (RESTRICTED, "3011"), industry
    assert any("单元 ZH3 单元级条款 1-1【限制类】" in r for r in judge(Point(250, 50), "3011").reasons)


def test_a_proposed_code_decides_and_says_so():
    result = judge(Point(150, 50), "3360")
    assert result.verdict == FAIL
    assert any("由条款文字推荐" in r and "ZH2" in r for r in result.reasons)


def test_a_finer_code_in_the_clause_asks_for_more_information():
    result = judge(Point(250, 50), "17")
    assert result.verdict == INCOMPLETE
    assert any("更细的行业 1713" in r for r in result.reasons)


def test_priority_ground_restricts_and_hard_ground_fails():
    assert judge(Point(60, 60), "4411").verdict == RESTRICTED
    assert any("优先保护单元 ZH1" in r for r in judge(Point(60, 60), "4411").reasons)
    hard = judge(Point(20, 20), "4411")
    assert hard.verdict == FAIL and hard.reasons[0] == "涉及刚性保护区域：生态保护红线"


def test_missing_unknown_or_outside_ask_for_more_and_the_rest_passes():
    assert judge(Point(250, 50), "").verdict == INCOMPLETE
    unknown = judge(Point(250, 50), "9999")
    assert unknown.verdict == INCOMPLETE and "9999" in unknown.reasons[0]
    outside = judge(Point(500, 500), "4411")
    assert outside.verdict == INCOMPLETE and outside.hits == []
    passed = judge(Point(250, 50), "4411")
    assert passed.verdict == PASS and passed.reasons == []  # 禁止露天焚烧 names no industry: it does not decide
    assert [c.clause_no for c in passed.hits[0].applicable if c.dimension == 2] == ["2-1"]


def test_polygons_and_lines_hit_every_unit_with_their_overlap():
    polygon = judge(box(150, 10, 250, 20), "4411")
    assert sorted((h.unit.code, round(h.overlap * 1e6)) for h in polygon.hits) == [("ZH2", 500), ("ZH3", 500)]
    line = judge(LineString([(50, 50), (250, 50)]), "2614")
    assert line.verdict == FAIL
    assert sorted((h.unit.code, round(h.overlap * 1e3)) for h in line.hits) == [("ZH1", 50), ("ZH2", 100), ("ZH3", 50)]
    assert [h.verdict for h in line.hits][0] == FAIL  # the worst hit first


def test_the_wording_of_verdicts_comes_from_the_profile():
    assert verdict_text(FAIL, {}) == "判定不通过" and verdict_text(PASS, {}) == "判定通过"
    profile = {"screening": {"verdicts": {"pass": "符合准入要求"}, "priority_restricts": False}}
    assert verdict_text(PASS, profile) == "符合准入要求" and verdict_text(RESTRICTED, profile) == "受限准入"
    result = screen([Site(1, "", Point(60, 60), "4411")], UNITS, CLAUSES, [], profile)[0]
    assert result.verdict == PASS


def test_many_sites_at_once_keep_their_order():
    sites = [Site(n, "", Point(5 + (n % 290), 50), "4411") for n in range(2000)]
    results = screen(sites, UNITS, CLAUSES, HARD, {})
    assert [r.site.fid for r in results] == list(range(2000))
    assert all(r.verdict == (RESTRICTED if r.site.geometry.x <= 100 else PASS) for r in results)
    assert shapely.get_num_geometries(sites[0].geometry) == 1


def test_a_site_across_a_county_border_is_judged_by_each_countys_list():
    other = UnitInfo("h", "ZH4", "单元ZH4", 3, "500102", "乙区", "", 0.01)
    units = UNITS + [(other, box(300, 0, 400, 100))]
    clauses = CLAUSES + [
        Clause("county", "500102", 1, "1-1", "乙区严格控制火电", industry_codes="4411", clause_type="restrict")
    ]
    result = screen([Site(1, "跨区项目", box(280, 10, 320, 20), "4411")], units, clauses, [], {})[0]
    assert [(h.unit.code, h.unit.county_code, h.verdict) for h in result.hits] == [
        ("ZH4", "500102", RESTRICTED),  # 乙区's restriction applies to its own unit only
        ("ZH3", "500101", PASS),
    ]
    assert result.verdict == RESTRICTED
    assert any("区县级条款 1-1【限制类】涉及行业 4411" in r and "ZH4" in r for r in result.reasons)
