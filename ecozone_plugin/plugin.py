"""The plugin object QGIS loads: Processing provider, translation, dependency check."""

from __future__ import annotations

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication, QLibraryInfo, Qt, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QDockWidget, QScrollArea

from .dependencies import install_command, missing_requirements
from .paths import PLUGIN_DIR, resource
from .ui_locale import qgis_locale


class EcoZonePlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.translator = None
        self.qt_translator = None
        self.admission_dock = None
        self.admission_action = None
        self.filing_dock = None
        self.filing_action = None
        self.screening_dock = None
        self.screening_action = None
        self.missing = missing_requirements()
        self._install_translator()

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("EcoZonePlugin", text)

    def _install_translator(self) -> None:
        locale = qgis_locale()
        for candidate in (locale, locale.split("_")[0]):
            path = PLUGIN_DIR / "i18n" / f"ecozone_{candidate}.qm"
            if path.exists():
                translator = QTranslator()
                if translator.load(str(path)):
                    QCoreApplication.installTranslator(translator)
                    self.translator = translator
                break
        self._install_qt_translator(locale)

    def _install_qt_translator(self, locale: str) -> None:
        """Qt's own words (Cancel, Close on standard buttons) in the interface language: QGIS names
        Simplified Chinese zh-Hans, for which Qt has no file, so they stay English without this."""
        probe = "Cancel"  # a variable, so pylupdate does not take Qt's own word into the plugin's file
        if locale.split("_")[0] == "en" or QCoreApplication.translate("QPlatformTheme", probe) != probe:
            return
        if hasattr(QLibraryInfo, "path"):  # Qt 6 (and Qt 5.15 has no path())
            folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        else:
            folder = QLibraryInfo.location(QLibraryInfo.LibraryLocation.TranslationsPath)
        translator = QTranslator()
        if translator.load(f"qtbase_{locale}", folder):
            QCoreApplication.installTranslator(translator)
            self.qt_translator = translator

    def initProcessing(self):  # noqa: N802 - QGIS API
        if self.missing or self.provider is not None:
            return
        from .algorithms.provider import EcoZoneProvider

        self.provider = EcoZoneProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):  # noqa: N802 - QGIS API
        if self.missing:
            text = self.tr(
                "EcoZone needs the Python packages {0}. Install them from the OSGeo4W shell or a terminal with: {1} "
                "and restart QGIS."
            ).format(", ".join(self.missing), install_command(self.missing))
            QgsMessageLog.logMessage(text, "EcoZone", Qgis.MessageLevel.Critical)
            if self.iface is not None:
                self.iface.messageBar().pushMessage("EcoZone", text, Qgis.MessageLevel.Critical, 0)
            return
        self.initProcessing()
        if self.iface is not None:
            self._add_docks()

    def _add_dock(self, dock_class, icon: str, title: str, action_name: str):
        """A dock on the right, hidden until its checkable action (menu and toolbar) opens it."""
        dock = dock_class(self.iface, self.iface.mainWindow())
        self.iface.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        dock.hide()  # after adding: QGIS shows docks it adds; the action opens it
        action = QAction(QIcon(str(resource("icons", icon))), title, self.iface.mainWindow())
        action.setObjectName(action_name)
        action.setCheckable(True)
        dock.setToggleVisibilityAction(action)
        self.iface.addPluginToMenu(self.tr("&EcoZone"), action)
        self.iface.addToolBarIcon(action)
        return dock, action

    def _remove_dock(self, dock, action) -> None:
        dock.unload()
        self.iface.removePluginMenu(self.tr("&EcoZone"), action)
        self.iface.removeToolBarIcon(action)
        self.iface.removeDockWidget(dock)
        dock.deleteLater()

    def _add_docks(self) -> None:
        from .ui.admission_dock import AdmissionDock
        from .ui.filing_dock import FilingDock
        from .ui.screening_dock import ScreeningDock

        self.admission_dock, self.admission_action = self._add_dock(
            AdmissionDock, "ecozone.svg", self.tr("Admission list"), "EcoZoneAdmissionAction"
        )
        self.filing_dock, self.filing_action = self._add_dock(
            FilingDock, "filing.svg", self.tr("Filing"), "EcoZoneFilingAction"
        )
        self.screening_dock, self.screening_action = self._add_dock(
            ScreeningDock, "screening.svg", self.tr("Site screening"), "EcoZoneScreeningAction"
        )
        self.admission_dock.planChanged.connect(self._follow_plan)
        self._sized: set = set()
        self._place_slots = [
            (dock, lambda visible, dock=dock: self._share_place(dock, visible)) for dock in self.docks()
        ]
        for dock, slot in self._place_slots:
            dock.visibilityChanged.connect(slot)

    def docks(self) -> tuple:
        return tuple(d for d in (self.admission_dock, self.filing_dock, self.screening_dock) if d is not None)

    def _share_place(self, shown, visible: bool) -> None:
        """The docks open as tabs of one place rather than stacked (a laptop screen has no room):
        with each other and with the Processing toolbox, wide enough for their forms on first show,
        and widened again when a tab comes to the front narrower than its form (the place is shared)."""
        window = self.iface.mainWindow()
        if visible and not shown.isFloating() and shown not in self._sized:
            self._sized.add(shown)
            toolbox = window.findChild(QDockWidget, "ProcessingToolbox")
            others = [d for d in self.docks() if d is not shown and d.isVisible()]
            if not others and toolbox is not None and toolbox.isVisible() and not toolbox.isFloating():
                if window.dockWidgetArea(toolbox) == window.dockWidgetArea(shown):
                    window.tabifyDockWidget(toolbox, shown)
            needed, screen = self._form_width(shown)
            window.resizeDocks(
                [shown], [min(max(needed, shown.preferred_width), screen // 3)], Qt.Orientation.Horizontal
            )
            shown.raise_()
        elif visible and not shown.isFloating():
            needed, screen = self._form_width(shown)
            if shown.width() < needed:
                window.resizeDocks([shown], [min(needed, screen // 3)], Qt.Orientation.Horizontal)
        if not visible or shown.isFloating():
            return
        # beside an open dock of the plugin rather than under it
        for other in self.docks():
            if other is not shown and other.isVisible() and not other.isFloating():
                if shown not in window.tabifiedDockWidgets(other):
                    window.tabifyDockWidget(other, shown)
                    shown.raise_()
                return

    def _form_width(self, dock) -> tuple[int, int]:
        """The width a dock's form needs without a horizontal scrollbar, and the screen's width."""
        window = self.iface.mainWindow()
        screen = window.screen().availableGeometry().width() if window.screen() else 1600
        area = dock.widget()  # the scroll area round the form (ui/widgets.py scrollable)
        scrolled = isinstance(area, QScrollArea)
        form = area.widget() if scrolled else area
        bar = area.verticalScrollBar().sizeHint().width() if scrolled else 0
        return form.minimumSizeHint().width() + bar + 8, screen

    def _follow_plan(self, path: str) -> None:
        """The filing and screening docks work on the plan the admission list dock has open, unless they have one."""
        for dock in (self.filing_dock, self.screening_dock):
            if dock is not None and dock.store is None:
                dock.set_plan(path)

    def unload(self):
        if self.admission_dock is not None:
            self.admission_dock.planChanged.disconnect(self._follow_plan)
            for dock, slot in self._place_slots:
                dock.visibilityChanged.disconnect(slot)
            self._remove_dock(self.screening_dock, self.screening_action)
            self._remove_dock(self.filing_dock, self.filing_action)
            self._remove_dock(self.admission_dock, self.admission_action)
            self.admission_dock = self.admission_action = self.filing_dock = self.filing_action = None
            self.screening_dock = self.screening_action = None
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        for translator in (self.translator, self.qt_translator):
            if translator is not None:
                QCoreApplication.removeTranslator(translator)
        self.translator = self.qt_translator = None
