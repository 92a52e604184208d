"""The language of the QGIS interface (no dependencies beyond QGIS, so the plugin can read it
before it knows whether shapely is installed)."""

from __future__ import annotations

from qgis.core import QgsSettings


def qgis_locale() -> str:
    """The interface locale as a Qt name: QGIS calls Simplified Chinese 'zh-Hans'."""
    from qgis.PyQt.QtCore import QLocale

    settings = QgsSettings()
    name = str(settings.value("locale/userLocale", "") or "")
    if not settings.value("locale/overrideFlag", False, type=bool) or not name:
        name = QLocale.system().name()
    aliases = {"zh-hans": "zh_CN", "zh_hans": "zh_CN", "zh": "zh_CN", "zh-hant": "zh_TW"}
    return aliases.get(name.lower(), name.replace("-", "_"))
