"""Recognition of class values and the mapping formats."""

from __future__ import annotations

import pytest

from ecozone_plugin.core.classes import recognise
from ecozone_plugin.core.profile import ProfileError, load_profile
from ecozone_plugin.core.zones.standardize import (
    MappingError,
    ambiguous_noise_values,
    classify_values,
    parse_mapping,
    read_mapping_file,
)

NOISE = load_profile("default")["noise_class_map"]


@pytest.mark.parametrize(
    "value, element, expected",
    [
        ("优先保护区", "water", (1, "水环境优先保护区")),
        ("重点管控区-工业", "water", (2, "水环境工业污染重点管控区")),
        ("重点管控区-城镇生活", "water", (2, "水环境城镇生活污染重点管控区")),
        ("重点管控区-农业", "water", (2, "水环境农业污染重点管控区")),
        ("一般管控区", "water", (3, "水环境一般管控区")),
        ("2", "air", (2, "大气环境高排放重点管控区")),
        (3.0, "air", (3, "大气环境一般管控区")),
        ("大气环境受体敏感重点管控区", "air", (2, "大气环境受体敏感重点管控区")),
        ("生态保护红线", "ecology", (1, "生态保护红线")),
        ("一般生态空间", "ecology", (1, "一般生态空间")),
        ("建设用地污染风险重点管控区", "soil", (2, "建设用地污染风险重点管控区")),
        ("0类", "noise", (1, "声环境0类功能区")),
        ("2类", "noise", (3, "声环境2类功能区")),
        ("4a类", "noise", (2, "声环境4a类功能区")),
        ("声环境3类功能区", "noise", (2, "声环境3类功能区")),
        ("1类", "noise", (3, "声环境1类功能区")),
        ("0", "noise", (1, "声环境0类功能区")),
        ("4b", "noise", (2, "声环境4b类功能区")),
        ("1", "noise", None),  # a functional class or a control class? ambiguous
        (3.0, "noise", None),
        ("森林公园", "protected", (1, "森林公园")),
        (None, "protected", (1, "自然保护地")),
        ("产业园区", "development", (2, "产业园区")),
        ("城镇开发边界", "development", (2, "城镇开发边界")),
        ("其他", "water", None),
        ("", "air", None),
    ],
)
def test_common_spellings_are_recognised(value, element, expected):
    assert recognise(value, element, NOISE) == expected


def test_bare_noise_digits_are_ambiguous_unless_mapped():
    values = ["1", "3类", 2.0, "4a", "1", None]
    assert ambiguous_noise_values(values, {}) == ["1", "2"]
    mapping = parse_mapping('{"1": [3, "声环境1类功能区"], "2": [3, "声环境2类功能区"]}')
    assert ambiguous_noise_values(values, mapping) == []
    resolved, unknown, _defaulted = classify_values(values[:4], "noise", mapping, NOISE, None)
    assert unknown == [] and resolved["1"] == (3, "声环境1类功能区") and resolved["3类"] == (2, "声环境3类功能区")


def test_mapping_wins_and_unknown_values_are_listed():
    mapping = parse_mapping('{"A区": [2, "水环境工业污染重点管控区"], "B区": [1]}')
    resolved, unknown, defaulted = classify_values(
        ["A区", "B区", "优先保护区", "C区", "D区", "C区"], "water", mapping, NOISE, None
    )
    assert resolved == {
        "A区": (2, "水环境工业污染重点管控区"),
        "B区": (1, "水环境优先保护区"),
        "优先保护区": (1, "水环境优先保护区"),
    }
    assert unknown == ["C区", "D区"] and defaulted == []
    resolved, unknown, defaulted = classify_values(["C区"], "water", mapping, NOISE, 3)
    assert resolved == {"C区": (3, "水环境一般管控区")} and unknown == [] and defaulted == ["C区"]


@pytest.mark.parametrize("text", ['{"A": [4]}', '["A", 1]', '{"A": ["x"]}', "{not json"])
def test_bad_mappings_are_refused(text):
    with pytest.raises(MappingError):
        parse_mapping(text)


def test_mapping_files_csv_in_utf8_and_gbk(tmp_path):
    utf8 = tmp_path / "m.csv"
    utf8.write_text("value,class,subtype\n甲类,1,水环境优先保护区\n乙类,2,\n", encoding="utf-8")
    assert read_mapping_file(utf8) == {"甲类": (1, "水环境优先保护区"), "乙类": (2, None)}
    gbk = tmp_path / "g.csv"
    gbk.write_bytes("丙类,3\n".encode("gbk"))
    assert read_mapping_file(gbk) == {"丙类": (3, None)}
    js = tmp_path / "m.json"
    js.write_text('{"丁": [2, "产业园区"]}', encoding="utf-8")
    assert read_mapping_file(js) == {"丁": (2, "产业园区")}


def test_profiles_load_by_id_or_path(tmp_path):
    assert load_profile("default")["code_template"] == "ZH{county_code}{unit_class}{seq:04d}"
    custom = tmp_path / "zj.json"
    custom.write_text('{"id": "zj", "min_area_km2": 0.05}', encoding="utf-8")
    profile = load_profile(str(custom))
    assert profile["min_area_km2"] == 0.05 and profile["field_map"]["unit_code"] == "HJZHGKDYBM"
    with pytest.raises(ProfileError):
        load_profile("no-such-profile")
