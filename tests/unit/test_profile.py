"""Profiles are checked when they load: templates that would hang or crash derivation are refused by name."""

from __future__ import annotations

import json
import signal

import pytest
from helpers import PROFILE, county, rect, run, zone

from ecozone_plugin.core.derive.units import DeriveError
from ecozone_plugin.core.messages import EcoZoneError
from ecozone_plugin.core.plan.info import checked_info, missing_info
from ecozone_plugin.core.profile import ProfileError, load_profile, profile_name


def write_profile(tmp_path, **keys):
    path = tmp_path / "province.json"
    path.write_text(json.dumps({"id": "province", **keys}, ensure_ascii=False), encoding="utf-8")
    return str(path)


def refusal(tmp_path, **keys):
    with pytest.raises(ProfileError) as error:
        load_profile(write_profile(tmp_path, **keys))
    return error.value.message


def test_a_code_template_without_seq_is_refused(tmp_path):
    message = refusal(tmp_path, code_template="ZH{county_code}{unit_class}")
    assert message.code == "EZ-P004" and message.params["template"] == "ZH{county_code}{unit_class}"
    assert "{seq}" in message.text("zh") and "{seq}" in message.text("en")


def test_an_unknown_placeholder_is_named(tmp_path):
    message = refusal(tmp_path, code_template="ZH{county}{unit_class}{seq:04d}")
    assert (message.code, message.params["name"], message.params["key"]) == ("EZ-P005", "county", "code_template")
    assert "{county}" in message.text("en")
    message = refusal(tmp_path, name_template="{county_name}{township}")
    assert (message.code, message.params["name"], message.params["key"]) == ("EZ-P005", "township", "name_template")


@pytest.mark.parametrize("template", ["ZH{seq:04d", "ZH{seq:zz}", "ZH{seq!x}"])
def test_a_template_that_cannot_be_formatted_is_refused(tmp_path, template):
    assert refusal(tmp_path, code_template=template).code == "EZ-P006"


def test_keys_that_are_no_longer_read_or_not_numbers_are_refused(tmp_path):
    assert refusal(tmp_path, multipart=False).code == "EZ-P007"
    assert refusal(tmp_path, min_area_km2="0,1").code == "EZ-P008"
    assert refusal(tmp_path, min_area_km2=-1).code == "EZ-P008"
    assert load_profile(write_profile(tmp_path, min_area_km2=0.5))["min_area_km2"] == 0.5


def test_the_bundled_profiles_pass():
    assert load_profile("default")["code_template"] == "ZH{county_code}{unit_class}{seq:04d}"


class _HungError(Exception):
    pass


def test_derivation_with_a_template_that_ignores_seq_stops_instead_of_hanging():
    """A profile given as a dict (not loaded from a file) still cannot hang the renumbering loop."""

    def hung(*_args):
        raise _HungError

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(30)
    try:
        admin = [county(rect(0, 0, 4, 3))]
        parks = [
            zone(rect(0, 0, 1, 1), "development", 2, "产业园区", "甲园"),
            zone(rect(3, 2, 4, 3), "development", 2, "产业园区", "乙园"),
        ]
        with pytest.raises(DeriveError) as error:
            run(admin, parks, profile={**PROFILE, "code_template": "ZH{county_code}{unit_class}"})
        assert error.value.message.code == "EZ-P004"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_every_profile_gets_its_missing_keys_from_the_national_default(tmp_path):
    import json as _json

    from plan_helpers import make_plan

    from ecozone_plugin.core.check.validation import plan_profile

    default = load_profile("default")
    province = load_profile(write_profile(tmp_path, min_area_km2=0.5, gap_min_m2=5.0))
    assert set(province) == set(default) | {"id"}
    assert (province["min_area_km2"], province["gap_min_m2"], province["code_template"]) == (
        0.5,
        5.0,
        default["code_template"],
    )
    store = make_plan(tmp_path / "规划.gpkg")  # a plan made with a profile of fewer keys, as older versions wrote it
    store.set_info({"profile_json": _json.dumps({"id": "old", "min_area_km2": 0.2})})
    copied = plan_profile(store)
    assert (
        copied["id"] == "old"
        and copied["min_area_km2"] == 0.2
        and copied["overlap_min_m2"] == default["overlap_min_m2"]
    )


def test_grouping_and_subclass_labels_of_the_wrong_form_are_refused(tmp_path):
    message = refusal(tmp_path, grouping={"1": ["region", "development"]})
    assert (message.code, message.params["key"]) == ("EZ-P009", "grouping.1")
    assert refusal(tmp_path, grouping={"2": "township"}).code == "EZ-P009"
    message = refusal(tmp_path, subclass_labels=["园区型"])
    assert (message.code, message.params["key"]) == ("EZ-P010", "subclass_labels")
    assert "产业园区" in message.text("zh") and "产业园区" in message.text("en")
    assert refusal(tmp_path, place_elements="protected").code == "EZ-P010"
    assert refusal(tmp_path, min_unit_km2=-1).params["key"] == "min_unit_km2"
    assert refusal(tmp_path, element_min_share=1.5).params["key"] == "element_min_share"
    message = refusal(tmp_path, required_info=["province", "county_seat"])
    assert message.code == "EZ-P011" and "compiled_by" in message.params["known"]
    assert refusal(tmp_path, required_info="province").code == "EZ-P011"


def test_a_profile_is_shown_by_its_name():
    assert (profile_name("default", "zh"), profile_name("default", "en")) == ("全国默认", "National default")
    assert profile_name("no_such_profile", "zh") == "no_such_profile"


def test_what_a_filing_needs_comes_from_the_profile(tmp_path):
    assert load_profile("default")["required_info"] == ["province", "city", "compiled_by", "contact", "plan_version"]
    assert load_profile(write_profile(tmp_path, required_info=["city"]))["required_info"] == ["city"]
    assert missing_info({"province": "重庆市", "city": " ", "contact": None}, ["province", "city", "contact"]) == [
        "city",
        "contact",
    ]
    assert checked_info({"province": " 重庆市 ", "compiled_date": "2026-12-01"}) == {
        "province": "重庆市",
        "compiled_date": "2026-12-01",
    }
    for bad in ({"schema_version": "4"}, {"profile_json": "{}"}, {}, ["province"]):
        with pytest.raises(EcoZoneError) as err:
            checked_info(bad)
        assert err.value.message.code == "EZ-T020"
    with pytest.raises(EcoZoneError) as err:
        checked_info({"compiled_date": "2026年12月1日"})
    assert err.value.message.code == "EZ-T021"


def test_a_province_names_only_the_classes_it_changes(tmp_path):
    profile = load_profile(
        write_profile(tmp_path, grouping={"3": "split"}, name_template={"3": "{place}{class_label}"})
    )
    assert profile["grouping"] == {"1": "region", "2": ["development", "split"], "3": "split"}
    assert profile["name_template"]["1"] == "{county_name}{place}{class_label}"
