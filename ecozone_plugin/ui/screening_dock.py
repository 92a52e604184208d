"""The 准入研判 dock: choose an industry, click the map or use selected features, read the verdict."""

from __future__ import annotations

import html
from pathlib import Path

import shapely
from qgis.core import (
    QgsCoordinateTransform,
    QgsGeometry,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from qgis.gui import QgsMapToolEmitPoint, QgsRubberBand
from qgis.PyQt.QtCore import QStringListModel, Qt
from qgis.PyQt.QtGui import QColor
from qgis.PyQt.QtWidgets import (
    QCompleter,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..core.check.validation import plan_profile
from ..core.industry import Classification
from ..core.messages import EcoZoneError
from ..core.screening import FAIL, INCOMPLETE, PASS, RESTRICTED, Screener, Site, plan_inputs, verdict_text
from ..core.terms import term
from ..qgis_adapters import crs_from_text, message_text, ui_lang
from .plan_dock import PlanDock
from .widgets import WrappedText, scrollable, units_layer_of

VERDICT_COLOURS = {FAIL: "#b00020", RESTRICTED: "#a66300", INCOMPLETE: "#555555", PASS: "#1b7f3a"}
UNIT_ROLE = Qt.ItemDataRole.UserRole + 5


class ScreeningDock(PlanDock):
    """Site screening on the open plan, answered at once from a prepared plan (core Screener)."""

    preferred_width = 440

    def __init__(self, iface, parent=None):
        super().__init__(iface, parent)
        self.setObjectName("EcoZoneScreeningDock")
        self.setWindowTitle(self.tr("Site screening"))
        self.gb = Classification.load()
        self.screener = None
        self.plan_crs = None
        self.result = None
        self.tool = None
        self.draw_tool = None
        self.band = None
        self.corners = []
        self._build()
        self._connections += [
            (self.planWidget.fileChanged, self.open_plan),
            (self.pickButton.toggled, self._pick),
            (self.drawButton.toggled, self._draw),
            (self.selectionButton.clicked, self.screen_selection),
            (self.reportButton.clicked, self.export_report),
            (self.industryEdit.textChanged, self._industry_changed),
            (self.unitTree.itemClicked, self.zoom_to_unit),
            (self.visibilityChanged, self._visibility_changed),
        ]
        self.connect_all()

    def _build(self) -> None:
        form = QWidget(self)
        layout = QVBoxLayout(form)
        fields = QFormLayout()
        self.planWidget = self.make_plan_widget()
        plan_row = QHBoxLayout()
        plan_row.addWidget(self.planWidget, 1)
        plan_row.addWidget(self.make_team_button())
        fields.addRow(self.tr("Plan"), plan_row)
        self.industryEdit = QLineEdit(form)
        self.industryEdit.setPlaceholderText(self.tr("GB/T 4754 code or name, e.g. 3011 or 水泥制造"))
        entries = [f"{i.code} {i.name}" for i in self.gb.by_code.values()]
        completer = QCompleter(QStringListModel(entries, self), self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.industryEdit.setCompleter(completer)
        fields.addRow(self.tr("Industry"), self.industryEdit)
        self.industryLabel = QLabel(form)
        self.industryLabel.setWordWrap(True)
        fields.addRow("", self.industryLabel)
        layout.addLayout(fields)
        buttons = QHBoxLayout()
        self.pickButton = QPushButton(self.tr("Click on the map"), form)
        self.pickButton.setCheckable(True)
        self.pickButton.setToolTip(self.tr("Click a site on the map to screen it"))
        self.drawButton = QPushButton(self.tr("Draw an area"), form)
        self.drawButton.setCheckable(True)
        self.drawButton.setToolTip(self.tr("Click the corners of the site on the map; right-click to finish"))
        self.selectionButton = QPushButton(self.tr("Selected features"), form)
        self.selectionButton.setToolTip(self.tr("Screen the selected features of the active layer as one site"))
        self.reportButton = QPushButton(self.tr("Export report…"), form)
        self.reportButton.setEnabled(False)
        for button in (self.pickButton, self.drawButton, self.selectionButton):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        layout.addWidget(self.reportButton)
        self.verdictLabel = QLabel(self.tr("Open a plan, choose the industry, then click a site."), form)
        self.verdictLabel.setWordWrap(True)
        layout.addWidget(self.verdictLabel)
        self.reasonLabel = QLabel(form)
        self.reasonLabel.setWordWrap(True)
        self.reasonLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.reasonLabel)
        self.unitTree = QTreeWidget(form)
        self.unitTree.setHeaderLabels([self.tr("Unit"), self.tr("Class"), self.tr("Verdict")])
        self.unitTree.setRootIsDecorated(False)
        self.unitTree.setColumnWidth(0, 200)
        self.unitTree.setColumnWidth(1, 90)
        self.unit_text = WrappedText(self.unitTree, 0)
        layout.addWidget(self.unitTree, 1)
        self.setWidget(form)
        scrollable(self)

    # --- the plan ---------------------------------------------------------------------------
    def open_plan(self, path: str) -> None:
        """Open a plan and prepare it for screening as a background task (its units are read and
        indexed once); a click waits for nothing after that."""
        store = self.open_store(path) if path else None
        self.store, self.screener, self.result = store, None, None
        self._show(None)
        if store is None:
            return
        try:
            self.profile = plan_profile(store, "")
        except EcoZoneError as err:
            self.warn(message_text(err.message))
            self.store = None
            return
        self.plan_crs = crs_from_text(store.crs())
        profile, gb = self.profile, self.gb

        def work(_task):
            units, clauses, hard = plan_inputs(store, profile)
            return Screener(units, clauses, hard, profile, gb)

        def done(exception, screener=None):
            if isinstance(exception, EcoZoneError):
                self.warn(message_text(exception.message))
            elif exception is not None:
                self.warn(self.tr("The plan could not be prepared for screening: {0}").format(exception))
            self.screener = screener

        self.run_task(self.tr("Preparing the plan for screening"), work, done)

    # --- screening --------------------------------------------------------------------------
    def _industry_changed(self, text: str) -> None:
        code = self.gb.resolve(text.split(" ")[0]) or self.gb.resolve(text)
        if not text.strip():
            self.industryLabel.setText("")
        elif code:
            self.industryLabel.setText(f"{code} {self.gb.name(code)}（{self.gb.get(code).level}）")
        else:
            self.industryLabel.setText(self.tr("Not in GB/T 4754-2017: the verdict will be 待补充信息."))

    def industry(self) -> str:
        text = self.industryEdit.text().strip()
        return text.split(" ")[0] if self.gb.normalise(text.split(" ")[0]) else text

    def screen_geometry(self, geometry: QgsGeometry, crs, name: str = "") -> None:
        """Screen one site given in ``crs``; the verdict, reasons and units show at once."""
        if self.screener is None:
            self.warn(
                self.tr("Open a plan first.") if self.store is None else self.tr("The plan is still being prepared.")
            )
            return
        geometry = QgsGeometry(geometry)
        if crs is not None and crs != self.plan_crs:
            geometry.transform(QgsCoordinateTransform(crs, self.plan_crs, QgsProject.instance()))
        site = shapely.make_valid(shapely.from_wkb(bytes(geometry.asWkb())))
        self.result = self.screener.judge([Site(0, name, site, self.industry())])[0]
        self._show(self.result)

    def screen_point(self, point, crs=None) -> None:
        self.screen_geometry(QgsGeometry.fromPointXY(point), crs, self.tr("Site clicked on the map"))

    def screen_selection(self) -> None:
        layer = self.iface.activeLayer() if self.iface is not None else None
        if not isinstance(layer, QgsVectorLayer) or not layer.selectedFeatureCount():
            self.warn(self.tr("Select the site's features on the map first (any layer)."))
            return
        geometries = [f.geometry() for f in layer.selectedFeatures() if f.hasGeometry()]
        self.screen_geometry(QgsGeometry.unaryUnion(geometries), layer.crs(), layer.name())

    def _show(self, result) -> None:
        self.unitTree.clear()
        self.reportButton.setEnabled(result is not None)
        if result is None:
            self.verdictLabel.setText(self.tr("Open a plan, choose the industry, then click a site."))
            self.reasonLabel.setText("")
            return
        colour = VERDICT_COLOURS[result.verdict]
        text = html.escape(verdict_text(result.verdict, self.profile))
        self.verdictLabel.setText(f"<span style='font-size:16pt; font-weight:bold; color:{colour}'>{text}</span>")
        reasons = result.reasons or [self.tr("No clause of the touched units names this industry.")]
        self.reasonLabel.setText("<br>".join(f"• {html.escape(r)}" for r in reasons))
        lang = ui_lang()
        for hit in result.hits:
            item = QTreeWidgetItem(
                [
                    f"{hit.unit.code} {hit.unit.name}",
                    term("unit_class", hit.unit.unit_class, lang),
                    verdict_text(hit.verdict, self.profile),
                ]
            )
            item.setData(0, UNIT_ROLE, hit.unit.uid)
            item.setForeground(
                2, self.palette().text() if hit.verdict == PASS else _brush(VERDICT_COLOURS[hit.verdict])
            )
            self.unitTree.addTopLevelItem(item)

    def zoom_to_unit(self, item, _column=0) -> None:
        uid = item.data(0, UNIT_ROLE)
        if self.store is None or not uid or self.iface is None:
            return
        layer = units_layer_of(self.store, "units")
        layer.setSubsetString(f"unit_uid = '{uid.replace(chr(39), '')}'")
        extent = QgsRectangle(layer.extent())
        canvas = self.iface.mapCanvas()
        transform = QgsCoordinateTransform(layer.crs(), canvas.mapSettings().destinationCrs(), QgsProject.instance())
        canvas.setExtent(transform.transformBoundingBox(extent).buffered(extent.width() * 0.1))
        canvas.refresh()

    # --- the map tool -----------------------------------------------------------------------
    def _pick(self, on: bool) -> None:
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is None:
            return
        if on:
            self.drawButton.setChecked(False)
            self.tool = QgsMapToolEmitPoint(canvas)
            self.tool.canvasClicked.connect(self._clicked)
            self.tool.deactivated.connect(lambda: self.pickButton.setChecked(False))
            canvas.setMapTool(self.tool)
        else:
            self.release_tool()

    def _clicked(self, point, _button) -> None:
        self.screen_point(point, self.iface.mapCanvas().mapSettings().destinationCrs())

    def _draw(self, on: bool) -> None:
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is None:
            return
        if on:
            self.pickButton.setChecked(False)
            self.corners = []
            self.band = QgsRubberBand(canvas, QgsWkbTypes.PolygonGeometry)
            self.band.setColor(QColor(255, 0, 0, 160))
            self.band.setFillColor(QColor(255, 0, 0, 40))
            self.band.setWidth(2)
            self.draw_tool = QgsMapToolEmitPoint(canvas)
            self.draw_tool.canvasClicked.connect(self.corner_clicked)
            self.draw_tool.deactivated.connect(lambda: self.drawButton.setChecked(False))
            canvas.setMapTool(self.draw_tool)
        else:
            self._end_drawing()

    def corner_clicked(self, point, button) -> None:
        """A left click adds a corner of the site; a right click closes it and screens it."""
        if button == Qt.MouseButton.RightButton:
            if len(self.corners) >= 3:
                ring = QgsGeometry.fromPolygonXY([self.corners + [self.corners[0]]])
                self.screen_geometry(ring, self.iface.mapCanvas().mapSettings().destinationCrs(), self.tr("Drawn area"))
            self.corners = []
            if self.band is not None:
                self.band.reset(QgsWkbTypes.PolygonGeometry)
            return
        self.corners.append(point)
        if self.band is not None:
            self.band.addPoint(point)

    def _end_drawing(self) -> None:
        canvas = self.iface.mapCanvas() if self.iface is not None else None
        if canvas is not None and self.draw_tool is not None and canvas.mapTool() is self.draw_tool:
            canvas.unsetMapTool(self.draw_tool)
        self.draw_tool = None
        if self.band is not None:
            self.band.reset(QgsWkbTypes.PolygonGeometry)
            if canvas is not None:
                canvas.scene().removeItem(self.band)
        self.band = None
        self.corners = []
        if self.drawButton.isChecked():
            self.drawButton.setChecked(False)

    def release_tool(self) -> None:
        self._end_drawing()
        if self.tool is not None and self.iface is not None:
            canvas = self.iface.mapCanvas()
            if canvas.mapTool() is self.tool:
                canvas.unsetMapTool(self.tool)
        self.tool = None
        if self.pickButton.isChecked():
            self.pickButton.setChecked(False)

    def _visibility_changed(self, visible: bool) -> None:
        if not visible:
            self.release_tool()

    # --- the report -------------------------------------------------------------------------
    def export_report(self, path: str = "") -> str:
        """The one-page report of the shown result (PDF); returns the path written."""
        if self.result is None:
            return ""
        if not path:
            path, _filter = QFileDialog.getSaveFileName(self, self.tr("Export report"), "", "PDF (*.pdf)")
        if not path:
            return ""
        from ..screening_report import site_report

        try:
            site_report(self.store, self.result, self.profile, Path(path))
        except (OSError, RuntimeError) as err:
            self.warn(self.tr("The report could not be written: {0}").format(err))
            return ""
        self.inform(self.tr("Report written: {0}").format(path))
        return path

    def unload(self) -> None:
        self.release_tool()
        super().unload()


def _brush(colour: str):
    from qgis.PyQt.QtGui import QBrush, QColor

    return QBrush(QColor(colour))
