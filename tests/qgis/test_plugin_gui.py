"""The plugin's GUI set-up and tear-down with pytest-qgis's iface: three docks, their actions, clean unload."""

from __future__ import annotations

from qgis.core import QgsApplication


def test_init_gui_adds_the_docks_and_unload_removes_them(qgis_iface, qgis_new_project, plan_copy, monkeypatch):
    from ecozone_plugin.plugin import EcoZonePlugin

    removed = []
    # pytest-qgis's stub iface lacks these two; the real one has them
    monkeypatch.setattr(
        qgis_iface, "removePluginMenu", lambda menu, action: removed.append(action.objectName()), raising=False
    )
    monkeypatch.setattr(qgis_iface, "removeDockWidget", lambda dock: removed.append(dock.objectName()), raising=False)
    registry = QgsApplication.processingRegistry()
    session_provider = registry.providerById("ecozone")
    plugin = EcoZonePlugin(qgis_iface)
    monkeypatch.setattr(plugin, "initProcessing", lambda: None)  # the session's provider is registered already
    try:
        plugin.initGui()
        assert plugin.admission_dock.objectName() == "EcoZoneAdmissionDock" and not plugin.admission_dock.isVisible()
        assert plugin.filing_action.isCheckable() and plugin.admission_action.text() == "Admission list"
        plugin.admission_dock.set_plan(str(plan_copy))
        assert plugin.filing_dock.store is not None and plugin.filing_dock.store.path == str(plan_copy)
        assert plugin.screening_dock.store is not None and plugin.screening_dock.store.path == str(plan_copy)
        assert plugin.screening_action.isCheckable() and plugin.screening_action.text() == "Site screening"
    finally:
        plugin.unload()
    assert removed == [
        "EcoZoneScreeningAction",
        "EcoZoneScreeningDock",
        "EcoZoneFilingAction",
        "EcoZoneFilingDock",
        "EcoZoneAdmissionAction",
        "EcoZoneAdmissionDock",
    ]
    assert plugin.filing_dock is None and plugin.admission_dock is None and plugin.screening_dock is None
    assert registry.providerById("ecozone") is session_provider  # unload touched only what initGui made
