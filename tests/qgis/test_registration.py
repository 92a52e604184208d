"""Every algorithm is registered with a name, group and help, in English and in Chinese."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from ecozone_plugin.paths import PLUGIN_DIR

ALGORITHMS = [
    "ecozone:standardizezones",
    "ecozone:deriveunits",
    "ecozone:createplan",
    "ecozone:exportadmissionlist",
    "ecozone:importadmissionlist",
    "ecozone:upgradeplan",
    "ecozone:copyplan",
    "ecozone:setplaninfo",
    "ecozone:validateplan",
    "ecozone:unitstatistics",
    "ecozone:exportfiling",
    "ecozone:importfiling",
    "ecozone:screensite",
    "ecozone:compareversions",
    "ecozone:trackingstatistics",
]
TS = PLUGIN_DIR / "i18n" / "ecozone_zh_CN.ts"
QM = PLUGIN_DIR / "i18n" / "ecozone_zh_CN.qm"


@pytest.fixture(scope="module")
def chinese(qgis_app):
    translator = QTranslator()
    assert translator.load(str(QM)), "run make translations"
    QCoreApplication.installTranslator(translator)
    yield translator
    QCoreApplication.removeTranslator(translator)


def test_provider_lists_the_algorithms_and_the_model(qgis_app):
    provider = QgsApplication.processingRegistry().providerById("ecozone")
    ids = sorted(a.id() for a in provider.algorithms())
    assert ids == sorted(ALGORITHMS + ["ecozone:standardize_derive"])


@pytest.mark.parametrize("alg_id", ALGORITHMS)
def test_every_parameter_has_help(qgis_app, alg_id):
    alg = QgsApplication.processingRegistry().algorithmById(alg_id)
    assert alg.displayName() and alg.group() and len(alg.shortHelpString()) > 100
    for parameter in alg.parameterDefinitions():
        assert parameter.description(), parameter.name()
        assert parameter.help(), f"{alg_id} {parameter.name()} has no help"
        assert parameter.name() == parameter.name().upper()


@pytest.mark.parametrize("alg_id", ALGORITHMS)
def test_decimal_numbers_show_a_few_decimals(qgis_app, alg_id):
    from qgis.core import QgsProcessingParameterNumber

    alg = QgsApplication.processingRegistry().algorithmById(alg_id)
    for parameter in alg.parameterDefinitions():
        if isinstance(parameter, QgsProcessingParameterNumber) and parameter.dataType() == parameter.Double:
            decimals = parameter.metadata().get("widget_wrapper", {}).get("decimals")
            assert decimals in (1, 2, 3), f"{alg_id} {parameter.name()} shows {decimals} decimals"


def test_the_fitting_parameters_sit_together_in_the_main_section(qgis_app):
    alg = QgsApplication.processingRegistry().algorithmById("ecozone:deriveunits")
    names = [p.name() for p in alg.parameterDefinitions()]
    advanced = {p.name() for p in alg.parameterDefinitions() if p.flags() & p.FlagAdvanced}
    fitting = ["FIT_THRESHOLD", "FIT_KEY_THRESHOLD", "BASE_UNITS"]
    assert not advanced & set(fitting)
    where = [names.index(n) for n in fitting]
    assert where == list(range(where[0], where[0] + 3))


@pytest.mark.parametrize("alg_id", ALGORITHMS)
def test_names_and_help_are_in_chinese(chinese, alg_id):
    alg = QgsApplication.processingRegistry().algorithmById(alg_id).create()
    alg.initAlgorithm()
    texts = [alg.displayName(), alg.shortHelpString(), alg.group()]
    for parameter in alg.parameterDefinitions():
        texts += [parameter.description(), parameter.help()]
    for text in texts:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text), text


def test_ts_file_has_no_unfinished_translation():
    from check_translations import untranslated

    assert untranslated(str(TS)) == []
    assert len(list(ET.parse(TS).iter("message"))) > 70


def test_chinese_names_in_toolbox_terms(chinese):
    alg = QgsApplication.processingRegistry().algorithmById("ecozone:deriveunits").create()
    assert alg.displayName() == "划定环境管控单元"
    assert QgsApplication.processingRegistry().providerById("ecozone").name() == "EcoZone 生态环境分区管控"


def test_the_bundled_model_is_named_in_chinese_in_the_units_group(chinese):
    model = QgsApplication.processingRegistry().algorithmById("ecozone:standardize_derive")
    derive = QgsApplication.processingRegistry().algorithmById("ecozone:deriveunits")
    assert model.displayName() == "标准化要素分区后划定环境管控单元"
    assert (model.group(), model.groupId()) == ("环境管控单元", derive.groupId())


def test_model_runs_standardize_then_derive(run_alg, sample_dir, sample_spec, tmp_path):
    boundary = sample_spec["boundary"]
    result = run_alg(
        "ecozone:standardize_derive",
        {
            "ecology": str(sample_dir / "生态空间.gpkg"),
            "ecology_class": "类别",
            "water": str(sample_dir / "水环境管控分区.shp"),
            "water_class": "分区类别",
            "boundary": str(sample_dir / boundary["file"]),
            "county_code": boundary["county_code_field"],
            "county_name": boundary["county_name_field"],
            "derive:units": str(tmp_path / "model_units.gpkg"),
        },
    )
    from qgis.core import QgsVectorLayer

    layer = QgsVectorLayer(result["derive:units"], "u", "ogr")
    classes = sorted({f["unit_class"] for f in layer.getFeatures()})
    assert layer.featureCount() >= 3 and classes == [1, 2, 3]


def test_qgis_locale_maps_zh_hans(qgis_app):
    from qgis.core import QgsSettings

    from ecozone_plugin.qgis_adapters import ui_lang
    from ecozone_plugin.ui_locale import qgis_locale

    settings = QgsSettings()
    try:
        settings.setValue("locale/userLocale", "zh-Hans")
        settings.setValue("locale/overrideFlag", True)
        assert qgis_locale() == "zh_CN" and ui_lang() == "zh"
        settings.setValue("locale/userLocale", "en_US")
        assert qgis_locale() == "en_US" and ui_lang() == "en"
    finally:
        settings.remove("locale/userLocale")
        settings.remove("locale/overrideFlag")
