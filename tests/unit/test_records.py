"""Attributes to records: classes read strictly, county codes cut, unit rows read whatever their types."""

from __future__ import annotations

import pytest
from helpers import rect

from ecozone_plugin.core.records import RecordError, admin_area, unit_info, zone_class_of, zones_from_rows


@pytest.mark.parametrize(
    "value, expected",
    [
        (2, (2, False)),
        (2.0, (2, False)),
        (" 3 ", (3, False)),
        ("1.0", (1, False)),
        ("1.7", (None, True)),
        ("优先", (None, False)),
        (None, (None, False)),
        (True, (None, False)),
    ],
)
def test_zone_classes_are_read_strictly(value, expected):
    assert zone_class_of(value) == expected


def test_a_township_row_becomes_an_area_of_its_county():
    area = admin_area(
        rect(0, 0, 1, 1), {"乡镇代码": "500101003", "名称": "甲镇 "}, "乡镇代码", "名称", "乡镇代码", fid=7
    )
    assert (area.county_code, area.county_name, area.split_value, area.fid) == ("500101", "甲镇", "500101003", 7)
    assert admin_area(rect(0, 0, 1, 1), {"乡镇代码": "NULL"}, "乡镇代码") is None


def test_unit_rows_of_any_source_become_unit_infos():
    info = unit_info({"unit_uid": "u1", "unit_code": "ZH50010110001", "unit_class": "1", "area_km2": "2.5"})
    assert (info.uid, info.unit_class, info.area_km2, info.county_code) == ("u1", 1, 2.5, "")
    assert unit_info({"unit_class": None, "area_km2": "n/a"}).unit_class == 0


def test_a_layer_of_unknown_classes_only_is_refused_with_what_it_holds():
    rows = [(1, rect(0, 0, 1, 1), {"element": "water", "zone_class": 7, "subtype": "x"})]
    with pytest.raises(RecordError) as error:
        zones_from_rows(rows, "水环境")
    assert error.value.message.code == "EZ-D018" and error.value.message.params["values"] == "'7'"
