"""The demo's QGIS project: the plan's units head the layer list (QGIS opens with them active),
the township lines are drawn on top."""

from __future__ import annotations

import shutil
from pathlib import Path

import demo
from qgis.core import QgsProject


def test_the_plan_units_head_the_list_and_the_townships_are_drawn_on_top(
    qgis_app, derived, plan_path, standardized, sample_dir, sample_spec, tmp_path
):
    units = tmp_path / "units.gpkg"
    shutil.copy(derived["OUTPUT"], units)
    zones = []
    for path in standardized:
        zones.append(tmp_path / Path(path).name)
        shutil.copy(path, zones[-1])
    plan = tmp_path / "plan.gpkg"
    shutil.copy(plan_path, plan)
    project = QgsProject()
    rows = demo.build_project(project, units, plan, zones, sample_dir / sample_spec["boundary"]["file"])
    assert len(rows) >= 15
    target = tmp_path / "demo.qgz"
    assert project.write(str(target))
    again = QgsProject()
    assert again.read(str(target))
    root = again.layerTreeRoot()
    listed = [node.layer().name() for node in root.findLayers()]
    assert listed[0] == "环境管控单元（规划成果库）" and "乡镇街道" in listed
    zone_names = [
        name for name in listed if name not in ("环境管控单元（规划成果库）", "环境管控单元（划定结果）", "乡镇街道")
    ]
    assert len(zone_names) == len(zones) == len(set(zone_names))  # every layer its own name, none 01_ecology
    assert "生态空间" in zone_names and "水环境管控分区" in zone_names and not any("_" in n for n in zone_names)
    assert root.hasCustomLayerOrder() and [layer.name() for layer in root.layerOrder()][:2] == [
        "乡镇街道",
        "环境管控单元（规划成果库）",
    ]
