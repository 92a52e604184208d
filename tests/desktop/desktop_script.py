"""Runs inside the real QGIS desktop (qgis --code): checks what a user sees, then quits.

Reads ECOZONE_DESKTOP_OUT (a folder), ECOZONE_SAMPLE and ECOZONE_SCRIPTS; writes result.json and screenshots.
"""

import json
import os
import sys
import traceback
from pathlib import Path

from qgis.core import QgsApplication, QgsProject, QgsVectorLayer
from qgis.PyQt.QtCore import QTimer
from qgis.PyQt.QtWidgets import QDockWidget
from qgis.utils import iface, plugins

OUT = Path(os.environ["ECOZONE_DESKTOP_OUT"])
SAMPLE = Path(os.environ["ECOZONE_SAMPLE"])
result = {"errors": []}


def toolbox_texts():
    dock = iface.mainWindow().findChild(QDockWidget, "ProcessingToolbox")
    dock.setVisible(True)
    from qgis.PyQt.QtWidgets import QTreeView

    tree = dock.findChild(QTreeView)
    model = tree.model()
    texts = []

    def walk(parent, depth):
        for row in range(model.rowCount(parent)):
            index = model.index(row, 0, parent)
            texts.append(str(model.data(index)))
            if depth < 3:
                walk(index, depth + 1)

    walk(tree.rootIndex(), 0)
    return texts


def derive():
    import processing

    sys.path.insert(0, os.environ["ECOZONE_SCRIPTS"])
    import sample_spec

    spec = sample_spec.load(SAMPLE)
    zones = [
        processing.run(
            "ecozone:standardizezones",
            sample_spec.standardize_parameters(source, SAMPLE, str(OUT / f"zone_{n}.gpkg")),
        )["OUTPUT"]
        for n, source in enumerate(spec["sources"])
    ]
    parameters = sample_spec.derive_parameters(spec, SAMPLE, zones, str(OUT / "units.gpkg"))
    return processing.runAndLoadResults("ecozone:deriveunits", parameters)


def finish():
    try:
        canvas = iface.mapCanvas()
        layers = [lyr for lyr in QgsProject.instance().mapLayers().values() if isinstance(lyr, QgsVectorLayer)]
        units = [lyr for lyr in layers if "unit_class" in lyr.fields().names()]
        result["layers"] = [lyr.name() for lyr in layers]
        if units:
            layer = units[0]
            result["renderer"] = layer.renderer().type()
            result["categories"] = [str(c.value()) for c in layer.renderer().categories()]
            result["alias"] = layer.attributeAlias(layer.fields().indexOf("unit_code"))
            canvas.setExtent(layer.extent())
            canvas.refreshAllLayers()
        canvas.waitWhileRendering()
        canvas.saveAsImage(str(OUT / "map.png"))
        iface.mainWindow().grab().save(str(OUT / "window.png"))
    except Exception:  # noqa: BLE001 - report everything to the test
        result["errors"].append(traceback.format_exc())
    (OUT / "result.json").write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    QgsApplication.exit(0)


def main():
    try:
        result["plugin_loaded"] = "ecozone_plugin" in plugins
        registry = QgsApplication.processingRegistry()
        provider = registry.providerById("ecozone")
        result["provider_name"] = provider.name() if provider else None
        result["algorithms"] = {a.id(): a.displayName() for a in provider.algorithms()} if provider else {}
        result["toolbox"] = toolbox_texts()
        result["derive"] = {k: str(v) for k, v in derive().items()}
    except Exception:  # noqa: BLE001
        result["errors"].append(traceback.format_exc())
    QTimer.singleShot(3000, finish)


QTimer.singleShot(2000, main)
