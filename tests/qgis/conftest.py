"""Fixtures of the algorithm tests: the sample district, standardized and derived once."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import sample_spec as sample_spec_module

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "resources" / "sample"


class Feedback:
    """Collects what an algorithm reports."""

    def __init__(self):
        from qgis.core import QgsProcessingFeedback

        class _Collect(QgsProcessingFeedback):
            def __init__(inner):
                super().__init__()
                inner.infos, inner.warnings = [], []

            def pushInfo(inner, text):  # noqa: N802
                inner.infos.append(text)

            def pushWarning(inner, text):  # noqa: N802
                inner.warnings.append(text)

        self.feedback = _Collect()


@pytest.fixture
def chinese_ui(qgis_app):
    """QGIS set to Simplified Chinese (zh-Hans) for one test, as an author's QGIS is."""
    from qgis.core import QgsSettings

    settings = QgsSettings()
    settings.setValue("locale/userLocale", "zh-Hans")
    settings.setValue("locale/overrideFlag", True)
    yield "zh"
    settings.remove("locale/userLocale")
    settings.remove("locale/overrideFlag")


@pytest.fixture
def feedback(qgis_app):
    return Feedback().feedback


@pytest.fixture
def run_alg(qgis_app):
    import processing

    def _run(alg_id, parameters, feedback=None):
        return processing.run(alg_id, parameters, feedback=feedback)

    return _run


@pytest.fixture(scope="session")
def sample_dir(tmp_path_factory):
    """A copy of the bundled sample district (tests never write into resources/)."""
    target = tmp_path_factory.mktemp("sample") / "样例区县"
    shutil.copytree(SAMPLE, target)
    return target


@pytest.fixture(scope="session")
def sample_spec(sample_dir):
    return sample_spec_module.load(sample_dir)


@pytest.fixture(scope="session")
def standardized(qgis_app, sample_dir, sample_spec, tmp_path_factory):
    """The sample's source layers in the standard schema (GeoPackages), in source order."""
    import processing

    out = tmp_path_factory.mktemp("zones")
    paths = []
    for n, source in enumerate(sample_spec["sources"]):
        params = sample_spec_module.standardize_parameters(
            source, sample_dir, str(out / f"{n}_{source['element']}.gpkg")
        )
        paths.append(processing.run("ecozone:standardizezones", params)["OUTPUT"])
    return paths


@pytest.fixture(scope="session")
def derived(qgis_app, sample_dir, sample_spec, standardized, tmp_path_factory):
    import processing

    out = tmp_path_factory.mktemp("units")
    parameters = sample_spec_module.derive_parameters(
        sample_spec, sample_dir, standardized, str(out / "units.gpkg"), OUTPUT_REPORT=str(out / "report.html")
    )
    return processing.run("ecozone:deriveunits", parameters)


@pytest.fixture(scope="session")
def plan_path(qgis_app, derived, standardized, sample_dir, sample_spec, tmp_path_factory):
    """The sample district's plan, made once by ecozone:createplan; copy it before writing (see plan_copy)."""
    import processing

    boundary = sample_spec["boundary"]
    out = tmp_path_factory.mktemp("plan") / "青岚区规划.gpkg"
    result = processing.run(
        "ecozone:createplan",
        {
            "UNITS": derived["OUTPUT"],
            "BOUNDARY": str(sample_dir / boundary["file"]),
            "COUNTY_CODE_FIELD": boundary["county_code_field"],
            "COUNTY_NAME_FIELD": boundary["county_name_field"],
            "TOWN_CODE_FIELD": boundary["town_code_field"],
            "TOWN_NAME_FIELD": boundary["town_name_field"],
            "ZONES": standardized,
            "MIN_AREA": 0.1,
            "OUTPUT": str(out),
        },
    )
    assert result["OUTPUT"] == str(out)
    processing.run("ecozone:setplaninfo", {"PLAN": str(out), "INFO": json.dumps(sample_spec["filing_info"])})
    return out


@pytest.fixture
def plan_copy(plan_path, tmp_path):
    """A fresh copy of the sample plan for one test to write to."""
    target = tmp_path / "规划成果.gpkg"
    shutil.copy(plan_path, target)
    return target
