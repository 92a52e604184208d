"""EcoZone (生态环境分区管控编制助手): a QGIS plugin for ecological environment zoning plans."""


def classFactory(iface):  # noqa: N802 - the name QGIS looks for
    from .plugin import EcoZonePlugin

    return EcoZonePlugin(iface)
