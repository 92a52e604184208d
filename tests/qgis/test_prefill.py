"""What the dialogs propose: the project's boundary layer and its fields, the plan and its package."""

from __future__ import annotations

from datetime import date

from qgis.core import QgsFeature, QgsGeometry, QgsProject, QgsVectorLayer

from ecozone_plugin.prefill import guess_boundary, project_boundary, proposed_filing


def memory_layer(kind: str, fields: str, rows: list[list]) -> QgsVectorLayer:
    layer = QgsVectorLayer(f"{kind}?crs=EPSG:4544&{fields}", "mem", "memory")
    features = []
    for n, values in enumerate(rows):
        feature = QgsFeature(layer.fields())
        feature.setAttributes(values)
        x = 35_500_000 + 1000 * n
        feature.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({x} 3300000,{x + 900} 3300000,{x} 3300900,{x} 3300000))"))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def test_the_sample_boundary_is_proposed_with_its_fields(qgis_app, sample_dir, sample_spec):
    spec = sample_spec["boundary"]
    layer = QgsVectorLayer(str(sample_dir / spec["file"]), "乡镇街道", "ogr")
    guess = guess_boundary(layer)
    assert (guess.county_code, guess.county_name, guess.town_code, guess.town_name) == (
        spec["county_code_field"],
        spec["county_name_field"],
        spec["town_code_field"],
        spec["town_name_field"],
    )


def test_units_ids_areas_and_points_are_never_proposed(qgis_app, plan_path):
    units = QgsVectorLayer(f"{plan_path}|layername=control_units", "units", "ogr")
    assert "county_code" in units.fields().names() and guess_boundary(units) is None
    numbers = memory_layer("Polygon", "field=id:integer&field=area:double", [[1, 123456.78], [2, 234567.5]])
    assert guess_boundary(numbers) is None
    points = QgsVectorLayer("Point?crs=EPSG:4544&field=XZQDM:string", "pts", "memory")
    assert guess_boundary(points) is None


def test_a_numeric_code_field_counts_and_townships_are_preferred(qgis_app):
    counties = memory_layer(
        "Polygon", "field=PAC:double&field=NAME:string", [[500190.0, "青岚区"], [500191.0, "白溪县"]]
    )
    towns = memory_layer(
        "Polygon",
        "field=XZQDM:string&field=XZQMC:string",
        [["500190001", "南庄镇"], ["500190002", "石湾街道"], ["500191001", "白溪镇"]],
    )
    assert guess_boundary(counties).county_code == "PAC" and guess_boundary(counties).town_code == ""
    town_guess = guess_boundary(towns)
    assert (town_guess.county_code, town_guess.town_code, town_guess.town_name) == ("XZQDM", "XZQDM", "XZQMC")
    project = QgsProject()
    project.addMapLayers([counties, towns])
    assert project_boundary(project).layer is towns


def test_the_package_is_proposed_beside_the_plan_in_the_project(qgis_app, plan_copy):
    layer = QgsVectorLayer(f"{plan_copy}|layername=control_units", "units", "ogr")
    QgsProject.instance().addMapLayer(layer)
    try:
        plan, package = proposed_filing()
    finally:
        QgsProject.instance().removeAllMapLayers()
    assert plan == str(plan_copy.resolve())
    assert package.startswith(str(plan_copy.parent.resolve()) + "/500190_")
    assert package.endswith(f"_{date.today():%Y%m%d}.zip")


def derive_dialog_defaults(layers) -> dict:
    from qgis.core import QgsApplication

    QgsProject.instance().addMapLayers(layers)
    try:
        alg = QgsApplication.processingRegistry().createAlgorithmById("ecozone:deriveunits")
    finally:
        QgsProject.instance().removeAllMapLayers()
    names = ("BOUNDARY", "COUNTY_CODE_FIELD", "COUNTY_NAME_FIELD", "SPLIT_FIELD", "SPLIT_NAME_FIELD")
    return {name: alg.parameterDefinition(name).defaultValue() for name in names}


def test_the_derive_dialog_proposes_the_boundary_not_the_units(qgis_iface, sample_dir, sample_spec, plan_path):
    spec = sample_spec["boundary"]
    boundary = QgsVectorLayer(str(sample_dir / spec["file"]), "乡镇街道", "ogr")
    units = QgsVectorLayer(f"{plan_path}|layername=control_units", "units", "ogr")
    boundary_id = boundary.id()  # the project deletes the layer when it is removed
    defaults = derive_dialog_defaults([units, boundary])
    assert defaults == {
        "BOUNDARY": boundary_id,
        "COUNTY_CODE_FIELD": spec["county_code_field"],
        "COUNTY_NAME_FIELD": spec["county_name_field"],
        "SPLIT_FIELD": spec["town_code_field"],
        "SPLIT_NAME_FIELD": spec["town_name_field"],
    }
    assert set(
        derive_dialog_defaults([QgsVectorLayer(f"{plan_path}|layername=control_units", "u", "ogr")]).values()
    ) == {None}


def test_nothing_is_proposed_outside_the_desktop(qgis_app, sample_dir, sample_spec, monkeypatch):
    import qgis.utils

    monkeypatch.setattr(qgis.utils, "iface", None)  # as in qgis_process and scripts
    layer = QgsVectorLayer(str(sample_dir / sample_spec["boundary"]["file"]), "乡镇街道", "ogr")
    assert set(derive_dialog_defaults([layer]).values()) == {None}
