"""Site screening (准入研判): may a project of this industry go here, by the filed plan itself.

A site is judged against every unit it touches, with each unit's effective admission list (city,
county and unit clauses), and against the plan's hard-priority ground. The verdicts, worst first:

- fail (判定不通过): the site touches hard-priority ground (red line, protected areas), or a
  prohibiting clause of a touched unit names the site's industry or a broader code of it;
- restricted (受限准入): a restricting clause names the industry, or the site lies in a priority
  unit without a prohibition;
- incomplete (待补充信息): the industry is missing or unknown, the only clauses that name it name a
  more specific code than the site gives, or the site lies outside the plan;
- pass (判定通过): otherwise.

Clauses without industry codes apply as text but do not decide. Codes proposed from a clause's
wording take part, and a reason resting on one says so. The wording comes from the profile.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

import numpy as np
import shapely

from .admission.clauses import LEVEL_LABELS, Clause, UnitInfo, effective_lists
from .admission.tags import PROHIBIT, RESTRICT, TYPE_LABELS
from .classes import PRIORITY, is_hard_zone
from .html_page import page
from .industry import Classification, split_codes
from .progress import Progress
from .terms import term

FAIL, RESTRICTED, INCOMPLETE, PASS = "fail", "restricted", "incomplete", "pass"
SEVERITY = {FAIL: 3, RESTRICTED: 2, INCOMPLETE: 1, PASS: 0}
DEFAULT_SCREENING = {
    "verdicts": {FAIL: "判定不通过", RESTRICTED: "受限准入", INCOMPLETE: "待补充信息", PASS: "判定通过"},
    "priority_restricts": True,  # a site in a priority unit is at least restricted
}


def screening_rules(profile: dict) -> dict:
    rules = {**DEFAULT_SCREENING, **(profile.get("screening") or {})}
    rules["verdicts"] = {**DEFAULT_SCREENING["verdicts"], **rules.get("verdicts", {})}
    return rules


@dataclass
class Site:
    fid: int
    name: str
    geometry: object  # shapely, in the plan's CRS
    industry: str = ""  # as given: a code or a name


@dataclass
class Decision:
    """A clause that decides (or would, were the site's code specific enough)."""

    clause: Clause
    unit_code: str
    kind: str  # FAIL, RESTRICTED or INCOMPLETE
    code: str  # the clause's code that names the industry
    proposed: bool  # the code is proposed from the wording, not confirmed

    def text(self, gb: Classification) -> str:
        where = LEVEL_LABELS[self.clause.level]["zh"]
        label = TYPE_LABELS.get(self.clause.clause_type, "")
        head = f"单元 {self.unit_code} {where}条款 {self.clause.clause_no}【{label}】"
        basis = "（行业代码由条款文字推荐，尚未确认）" if self.proposed else ""
        industry = f"{self.code} {gb.name(self.code)}"
        if self.kind == INCOMPLETE:
            return f"{head}涉及更细的行业 {industry}，需补充项目的细分行业代码{basis}：{self.clause.text}"
        return f"{head}涉及行业 {industry}{basis}：{self.clause.text}"


@dataclass
class Hit:
    unit: UnitInfo
    overlap: float  # km² for polygons, km for lines, 0 for points
    verdict: str = PASS
    decisions: list[Decision] = field(default_factory=list)
    applicable: list[Clause] = field(default_factory=list)  # the unit's effective list


@dataclass
class SiteResult:
    site: Site
    industry_code: str
    industry_name: str
    verdict: str
    reasons: list[str]
    hits: list[Hit]


class Screener:
    """A plan prepared for screening: valid unit geometries, search trees and effective lists are
    made once, so a click in the dock is answered at once and a batch of sites in one pass."""

    def __init__(
        self,
        units: list[tuple[UnitInfo, object]],
        clauses: list[Clause],
        hard: list[tuple[str, object]],
        profile: dict,
        classification: Classification | None = None,
    ):
        self.gb = classification or Classification.load()
        self.rules = screening_rules(profile)
        self.units = [u for u, _g in units]
        self.lists = effective_lists(self.units, clauses)
        self.unit_geoms = np.asarray([shapely.make_valid(g) for _u, g in units], dtype=object)
        self.unit_tree = shapely.STRtree(self.unit_geoms)
        self.hard = hard
        self.hard_tree = shapely.STRtree(np.asarray([g for _s, g in hard], dtype=object)) if hard else None
        self.codes_of = {id(c): _clause_codes(c, self.gb) for c in clauses}

    def judge(self, sites: list[Site], progress: Progress | None = None) -> list[SiteResult]:
        progress = progress or Progress()
        gb = self.gb
        site_geoms = np.asarray([s.geometry for s in sites], dtype=object)
        hits_of: dict[int, list[int]] = {}
        if len(sites):
            for s, u in zip(*self.unit_tree.query(site_geoms, predicate="intersects")):
                hits_of.setdefault(int(s), []).append(int(u))
        hard_of: dict[int, set[str]] = {}
        if self.hard_tree is not None and len(sites):
            for s, h in zip(*self.hard_tree.query(site_geoms, predicate="intersects")):
                hard_of.setdefault(int(s), set()).add(self.hard[int(h)][0])
        results = []
        for n, site in enumerate(sites):
            if n % 500 == 0:
                progress.check()
                progress.set_progress(100.0 * n / max(1, len(sites)))
            code = gb.resolve(site.industry) if str(site.industry or "").strip() else ""
            hits = []
            for u in hits_of.get(n, []):
                unit = self.units[u]
                hit = Hit(unit, _overlap(site.geometry, self.unit_geoms[u]), applicable=self.lists[unit.uid].clauses)
                hit.decisions = _decisions(hit, code, self.codes_of, gb) if code else []
                hit.verdict = _hit_verdict(hit, code, self.rules)
                hits.append(hit)
            hits.sort(key=lambda h: (-SEVERITY[h.verdict], -h.overlap, h.unit.code))
            verdict, reasons = _site_verdict(site, code, hits, hard_of.get(n, set()), self.rules, gb)
            results.append(SiteResult(site, code, gb.name(code), verdict, reasons, hits))
        progress.set_progress(100)
        return results


def screen(
    sites: list[Site],
    units: list[tuple[UnitInfo, object]],
    clauses: list[Clause],
    hard: list[tuple[str, object]],
    profile: dict,
    classification: Classification | None = None,
    progress: Progress | None = None,
) -> list[SiteResult]:
    """Judge every site; ``units`` are (unit, shapely geometry) and ``hard`` (subtype, geometry) in
    the plan's CRS, as the sites are."""
    return Screener(units, clauses, hard, profile, classification).judge(sites, progress)


def _clause_codes(clause: Clause, gb: Classification) -> list[tuple[str, bool]]:
    """(normalised code, proposed) of a clause: its confirmed codes, then those its wording proposes."""
    confirmed = [(gb.normalise(c), False) for c in split_codes(clause.industry_codes)]
    proposed = [(gb.normalise(c), True) for c in split_codes(clause.proposed_codes)]
    seen, out = set(), []
    for code, is_proposed in confirmed + proposed:
        if code and code not in seen:
            seen.add(code)
            out.append((code, is_proposed))
    return out


def _decisions(hit: Hit, code: str, codes_of: dict, gb: Classification) -> list[Decision]:
    out = []
    for clause in hit.applicable:
        if clause.clause_type not in (PROHIBIT, RESTRICT):
            continue
        kind = FAIL if clause.clause_type == PROHIBIT else RESTRICTED
        for clause_code, proposed in codes_of.get(id(clause), []):
            if gb.covers(clause_code, code):  # the clause names the industry or a broader code of it
                out.append(Decision(clause, hit.unit.code, kind, clause_code, proposed))
                break
            if gb.covers(code, clause_code):  # the clause names a finer code than the site gives
                out.append(Decision(clause, hit.unit.code, INCOMPLETE, clause_code, proposed))
                break
    return out


def _hit_verdict(hit: Hit, code: str, rules: dict) -> str:
    kinds = {d.kind for d in hit.decisions}
    if FAIL in kinds:
        return FAIL
    if RESTRICTED in kinds or (rules["priority_restricts"] and hit.unit.unit_class == PRIORITY):
        return RESTRICTED
    if not code or INCOMPLETE in kinds:
        return INCOMPLETE
    return PASS


def _site_verdict(site: Site, code: str, hits: list[Hit], hard: set[str], rules: dict, gb: Classification):
    reasons = []
    verdict = PASS
    if hard:
        verdict = FAIL
        reasons.append(f"涉及刚性保护区域：{'、'.join(sorted(hard))}")
    if not hits:
        verdict = max(verdict, INCOMPLETE, key=SEVERITY.get)
        reasons.append("项目位于规划范围外，无法研判")
    if not str(site.industry or "").strip():
        verdict = max(verdict, INCOMPLETE, key=SEVERITY.get)
        reasons.append("未提供项目行业，请补充国民经济行业分类代码")
    elif not code:
        verdict = max(verdict, INCOMPLETE, key=SEVERITY.get)
        reasons.append(f"行业“{site.industry}”不在 GB/T 4754-2017 中，请核对行业代码")
    for hit in hits:
        verdict = max(verdict, hit.verdict, key=SEVERITY.get)
        decided = [d for d in hit.decisions if d.kind != INCOMPLETE]
        if hit.verdict == RESTRICTED and not decided and hit.unit.unit_class == PRIORITY:
            reasons.append(f"位于优先保护单元 {hit.unit.code} {hit.unit.name}")
        wanted = decided if decided else (hit.decisions if hit.verdict == INCOMPLETE else [])
        reasons += [d.text(gb) for d in wanted]
    return verdict, _unique(reasons)


def _unique(items: list[str]) -> list[str]:
    seen, out = set(), []
    for item in items:
        if item not in seen:
            seen.add(item)
            out.append(item)
    return out


def _overlap(site, unit) -> float:
    dimension = shapely.get_dimensions(site)
    if dimension == 0:
        return 0.0
    piece = shapely.intersection(site, unit)
    return float(shapely.area(piece) / 1e6 if dimension == 2 else shapely.length(piece) / 1e3)


def verdict_text(verdict: str, profile: dict) -> str:
    return screening_rules(profile)["verdicts"][verdict]


def plan_inputs(store, profile: dict) -> tuple[list, list[Clause], list]:
    """What screening reads from a plan: (unit, geometry) pairs, the clauses, and the hard-priority
    ground as (subtype, geometry): protected areas and the profile's hard subtypes."""
    from .records import unit_info

    units = [
        (unit_info(attrs), shapely.from_wkb(wkb)) for attrs, wkb in store.features("control_units") if wkb is not None
    ]
    hard = [
        (attrs.get("subtype") or attrs.get("element") or "", shapely.from_wkb(wkb))
        for attrs, wkb in store.features("element_zones")
        if wkb is not None and is_hard_zone(attrs, profile)
    ]
    return units, store.clauses(), hard


def clause_refs(hit: Hit) -> str:
    """The deciding clauses of a hit as "level unit number" items, e.g. 单元级 ZH3 1-2."""
    items = []
    for d in hit.decisions:
        where = hit.unit.code if d.clause.level == "unit" else d.clause.scope or "全市"
        items.append(
            f"{LEVEL_LABELS[d.clause.level]['zh']} {where} {d.clause.clause_no}{'（推荐代码）' if d.proposed else ''}"
        )
    return "；".join(items)


def index_html(results, profile: dict, info: dict) -> str:
    """The index page of a screening: every site's verdict with its reasons and the units it touches, worst first."""
    e = html.escape
    rows = []
    for result in sorted(results, key=lambda r: (-SEVERITY[r.verdict], r.site.fid)):
        units = "<br>".join(
            f"{e(h.unit.code)} {e(h.unit.name)}（{e(term('unit_class', h.unit.unit_class, 'zh'))}）"
            for h in result.hits
        )
        reasons = "".join(f"<li>{e(r)}</li>" for r in result.reasons) or "<li>—</li>"
        rows.append(
            f"<tr class='{result.verdict}'><td>{result.site.fid}</td><td>{e(result.site.name)}</td>"
            f"<td>{e(result.industry_code or result.site.industry)} {e(result.industry_name)}</td>"
            f"<td><b>{e(verdict_text(result.verdict, profile))}</b></td><td>{units or '—'}</td>"
            f"<td><ul>{reasons}</ul></td></tr>"
        )
    plan = f"{info.get('county_names', '').replace(';', '、')} {info.get('plan_version', '')}"
    body = (
        f"<p>规划成果：{e(plan)}</p><table><tr><th>编号</th><th>项目</th><th>行业</th><th>研判结果</th>"
        f"<th>涉及单元</th><th>理由</th></tr>{''.join(rows)}</table>"
    )
    style = "tr.fail td:nth-child(4){color:#b00020}tr.restricted td:nth-child(4){color:#a66300}"
    return page("准入研判结果", body, "zh", style)
