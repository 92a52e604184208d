"""Tracking statistics over versions: ordered by date, changes from the version before, matrices."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from test_compare import NEW, OLD, km_box, unit

from ecozone_plugin.core.compare import Version
from ecozone_plugin.core.tracking import track, write_html, write_xlsx


def version(label, units, date, plan_version):
    return Version(label, units, [], [], 4544, {}, {"compiled_date": date, "plan_version": plan_version})


def versions():
    third = NEW + [(unit("x1", "ZHX", 3, county="500102"), km_box(0, 20, 10, 30))]
    return [
        version("c.gpkg", third, "2025-06-30", "2025"),
        version("a.gpkg", OLD, "2021-06-30", "2021"),
        version("b.gpkg", NEW, "2023-06-30", "2023"),
    ]


def test_versions_are_ordered_by_date_and_each_row_says_its_change():
    result = track(versions())
    assert [v.info["plan_version"] for v in result.versions] == ["2021", "2023", "2025"]
    by_key = {(r["version"], r["county_code"], r["unit_class"], r["subclass"]): r for r in result.rows}
    first = by_key[("2021", "500101", 1, "")]
    assert (first["units"], first["area_km2"], first["units_change"]) == (1, pytest.approx(100.0), None)
    second = by_key[("2023", "500101", 1, "")]
    assert (second["units"], second["area_km2"], second["units_change"], second["area_change_km2"]) == (
        2,
        pytest.approx(100.0),
        1,
        pytest.approx(0.0),
    )
    general = by_key[("2023", "500101", 3, "")]
    assert general["area_change_km2"] == pytest.approx(80.0 - 120.0)  # g1 and r1 (120) became g2 (80)
    assert result.county_notes and "500102" in result.county_notes[0] and result.county_notes[0].startswith("2025")


def test_the_matrices_between_consecutive_versions_and_the_report(tmp_path):
    result = track(versions())
    assert [(a, b) for a, b, _m in result.matrices] == [("2021", "2023"), ("2023", "2025")]
    assert result.matrices[0][2][(1, 2)] == pytest.approx(20.0)  # p1 ground that went to k1
    assert result.matrices[1][2][(0, 3)] == pytest.approx(100.0)  # the new county's unit
    write_xlsx(result, tmp_path / "跟踪.xlsx")
    book = load_workbook(tmp_path / "跟踪.xlsx")
    assert book.sheetnames[:2] == ["按类别", "按单元细类"] and "转移矩阵1" in book.sheetnames
    assert len(book["按类别"]._charts) == 1
    write_html(result, tmp_path / "跟踪.html")
    text = (tmp_path / "跟踪.html").read_text(encoding="utf-8")
    assert "<svg" in text and "2021 → 2023" in text and "县域范围与上一版本不同" in text
