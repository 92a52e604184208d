"""ecozone:exportfiling and ecozone:importfiling — the filing package (备案) out and back in."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication

from .. import qgis_adapters as qa
from ..core.check.report import report_html, report_json
from ..core.check.validation import validate_plan
from ..core.filing.package import ALL_FORMATS, FilingRequest, file_plan, open_package, package_plan_input
from ..core.filing.update import CHANGES_GPKG, check_update_of
from ..core.messages import EcoZoneError, Message
from ..core.plan.copy import as_geopackage
from ..core.progress import Canceled
from ..core.terms import term
from ..filing_maps import FilingMaps
from ..paths import plugin_version
from ..prefill import in_desktop, proposed_filing
from ..styles import PLAN_TABLES, delivery_styles
from .base import EcoZoneAlgorithm, StyleLayer
from .parameters import plan_parameter


class ExportFilingAlgorithm(EcoZoneAlgorithm):
    group_key = "filing"
    PLAN = "PLAN"
    PROFILE = "PROFILE"
    FORMATS = "FORMATS"
    ELEMENT_MAPS = "ELEMENT_MAPS"
    FORCE = "FORCE"
    PREVIOUS = "PREVIOUS"
    OUTPUT = "OUTPUT"
    ERRORS = "ERRORS"
    WARNINGS = "WARNINGS"
    PRIORITY_LOSSES = "PRIORITY_LOSSES"

    def name(self) -> str:
        return "exportfiling"

    def displayName(self) -> str:
        return self.tr("Export filing package")

    def flags(self):
        # The maps come from a print layout, which renders on the GUI thread only.
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def shortHelpString(self) -> str:
        return self.tr(
            "Writes the filing package (备案成果包) of a plan as one zip file: the control units with the "
            "boundary, element zones, admission clauses and plan information in the profile's field names and "
            "CRS (GeoPackage, and shapefile and File Geodatabase when asked), the admission list and statistics "
            "workbooks, a PDF map (and one per element when asked), the validation reports and manifest.json "
            "with the size and SHA-256 of every file. The plan is validated first: with errors nothing is "
            "written unless FORCE is set, which the manifest records. The zip appears only when complete. "
            "With PREVIOUS (the package filed before), it is the update filing (更新备案): changes/ holds the "
            "change layer and change report against that version, the manifest records update_of, and the "
            "export is refused while ground leaves priority protection without a reason (typed in the filing "
            "dock's update comparison), unless FORCE is set."
        )

    def initAlgorithm(self, config=None):
        plan, package = proposed_filing() if in_desktop() else ("", "")
        self.addParameter(plan_parameter(self.PLAN, self.tr("Plan"), defaultValue=plan or None))
        self.addParameter(
            QgsProcessingParameterString(self.PROFILE, self.tr("Profile"), defaultValue="", optional=True)
        )
        self.addParameter(
            QgsProcessingParameterEnum(
                self.FORMATS,
                self.tr("Data formats"),
                options=list(ALL_FORMATS),
                allowMultiple=True,
                optional=True,
                usesStaticStrings=True,
            )
        )
        self.addParameter(QgsProcessingParameterBoolean(self.ELEMENT_MAPS, self.tr("Element maps"), defaultValue=False))
        self.addParameter(
            QgsProcessingParameterBoolean(self.FORCE, self.tr("Export despite errors"), defaultValue=False)
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.PREVIOUS,
                self.tr("Earlier filing package (update filing)"),
                fileFilter=self.tr("Filing package or plan (*.zip *.gpkg)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT,
                self.tr("Filing package"),
                fileFilter="Zip (*.zip)",
                defaultValue=package or None,
                optional=True,
            )
        )
        helps = {
            self.PLAN: self.tr("The plan GeoPackage made by Create plan."),
            self.PROFILE: self.tr("Empty: the profile kept in the plan; or a bundled profile id or .json path."),
            self.FORMATS: self.tr("gpkg, shp, gdb; empty: the profile's formats. The GeoPackage is always written."),
            self.ELEMENT_MAPS: self.tr("Also one PDF map per element."),
            self.FORCE: self.tr(
                "Write the package even when validation finds errors or a priority loss has no reason; the "
                "manifest says so."
            ),
            self.PREVIOUS: self.tr(
                "The package filed before this update (or its plan); empty: a first filing without changes/."
            ),
            self.OUTPUT: self.tr("The .zip to write; empty: <admin code>_<plan version>_<date>.zip beside the plan."),
        }
        for name, text in helps.items():
            self.parameterDefinition(name).setHelp(text)
        for name in (self.PROFILE, self.FORCE):
            definition = self.parameterDefinition(name)
            definition.setFlags(definition.flags() | definition.FlagAdvanced)
        self.addOutput(QgsProcessingOutputNumber(self.ERRORS, self.tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber(self.WARNINGS, self.tr("Warnings")))
        self.addOutput(QgsProcessingOutputNumber(self.PRIORITY_LOSSES, self.tr("Priority losses")))

    def processAlgorithm(self, parameters, context, feedback):
        with as_geopackage(self.open_plan(parameters, self.PLAN, context)) as store:
            return self._export(store, parameters, context, feedback)

    def _export(self, store, parameters, context, feedback):
        progress = qa.FeedbackProgress(feedback)
        force = self.parameterAsBoolean(parameters, self.FORCE, context)
        element_maps = self.parameterAsBoolean(parameters, self.ELEMENT_MAPS, context)
        request = FilingRequest(
            formats=[f for f in self.parameterAsEnumStrings(parameters, self.FORMATS, context) if f],
            element_maps=element_maps,
            force=force,
            output=self.parameterAsFileOutput(parameters, self.OUTPUT, context),
            profile=self.parameterAsString(parameters, self.PROFILE, context),
            previous=self.parameterAsFile(parameters, self.PREVIOUS, context) or "",
        )
        feedback.pushInfo(self.tr("Validating the plan…"))
        try:
            maps = FilingMaps(store.path, store.info(), element_maps)
            result, validation = file_plan(store, request, maps, plugin_version(), progress, style_data=delivery_styles)
        except Canceled:
            raise QgsProcessingException(self.tr("Canceled: no package was written.")) from None
        except EcoZoneError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err
        for message in result.messages:
            feedback.pushWarning(qa.message_text(message))
        if validation.errors:
            feedback.reportError(
                self.tr("Exported with {0} validation errors, as FORCE asked; the manifest records it.").format(
                    validation.errors
                ),
                fatalError=False,
            )
        changes = result.manifest.get("changes")
        if changes:
            feedback.pushInfo(changes_text(result.manifest))
            if result.manifest.get("forced_without_reason"):
                feedback.reportError(
                    self.tr(
                        "{0} priority losses have no reason, exported as FORCE asked; the manifest records them."
                    ).format(  # noqa: E501  # fmt: skip
                        len(result.manifest["forced_without_reason"])
                    ),
                    fatalError=False,
                )
        feedback.pushInfo(
            self.tr("Filing package {0}: {1} files, {2} errors, {3} warnings.").format(
                result.path, len(result.manifest["files"]), validation.errors, validation.warnings
            )
        )
        return {
            self.OUTPUT: str(result.path),
            self.ERRORS: validation.errors,
            self.WARNINGS: validation.warnings,
            self.PRIORITY_LOSSES: (changes or {}).get("priority_losses", 0),
        }


def changes_text(manifest: dict) -> str:
    """One line on an update package's changes, in the interface language."""
    changes = manifest.get("changes") or {}
    by_type = changes.get("by_type") or {}
    lang = qa.ui_lang()
    kinds = "; ".join(f"{term('change_type', k, lang)} {n}" for k, n in by_type.items() if n)
    text = QCoreApplication.translate("ExportFilingAlgorithm", "Update of {0} (version {1}): {2} changed pieces ({3}); {4} priority losses, {5} without a reason.")  # noqa: E501  # fmt: skip
    record = manifest.get("update_of") or {}
    return text.format(
        record.get("package", "?"),
        record.get("plan_version", "?"),
        sum(by_type.values()),
        kinds or "-",
        changes.get("priority_losses", 0),
        changes.get("without_reason", 0),
    )


class ImportFilingAlgorithm(EcoZoneAlgorithm):
    group_key = "filing"
    INPUT = "INPUT"
    PREVIOUS = "PREVIOUS"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"
    ERRORS = "ERRORS"
    WARNINGS = "WARNINGS"
    UNITS = "UNITS"

    def name(self) -> str:
        return "importfiling"

    def displayName(self) -> str:
        return self.tr("Import filing package")

    def shortHelpString(self) -> str:
        return self.tr(
            "Opens a filing package: checks manifest.json and the size and SHA-256 of every file, names any "
            "file that is missing, changed or not listed, loads the control units, boundary and element zones "
            "(styled), and validates the plan again, writing the reports into the folder. An update package "
            "also shows its changes against the earlier version (the change layer, priority losses first), "
            "and with PREVIOUS its update_of is checked against that earlier package."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(QgsProcessingParameterFile(self.INPUT, self.tr("Filing package"), extension="zip"))
        self.addParameter(
            QgsProcessingParameterFile(
                self.PREVIOUS, self.tr("Earlier filing package (for an update)"), extension="zip", optional=True
            )
        )
        self.parameterDefinition(self.PREVIOUS).setHelp(
            self.tr("The package this update says it follows; its manifest must match the update's update_of.")
        )
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Unpack into")))
        self.parameterDefinition(self.INPUT).setHelp(self.tr("A .zip made by Export filing package."))
        self.parameterDefinition(self.OUTPUT_FOLDER).setHelp(
            self.tr(
                "Folder for the package's files and the new validation reports (report/revalidation.*). "
                "When it is not empty, a new subfolder named after the package is made inside it."
            )
        )
        self.addOutput(QgsProcessingOutputNumber(self.ERRORS, self.tr("Errors")))
        self.addOutput(QgsProcessingOutputNumber(self.WARNINGS, self.tr("Warnings")))
        self.addOutput(QgsProcessingOutputString(self.UNITS, self.tr("Control units")))

    def processAlgorithm(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, self.INPUT, context)
        folder = Path(self.parameterAsString(parameters, self.OUTPUT_FOLDER, context))
        try:
            check = open_package(path, folder)
        except EcoZoneError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err
        if check.folder is not None and check.folder != folder:
            feedback.pushWarning(
                self.tr("The folder {0} was not empty: the package was unpacked into {1}.").format(folder, check.folder)
            )
            folder = check.folder
        for problem in check.problems:
            feedback.reportError(qa.message_text(problem), fatalError=False)
        if check.problems:
            raise QgsProcessingException(
                self.tr("The package {0} failed its checks:\n{1}").format(
                    path, "\n".join(qa.message_text(p) for p in check.problems)
                )
            )
        feedback.pushInfo(self.tr("All {0} files match the manifest.").format(len(check.manifest["files"])))
        earlier = self.parameterAsFile(parameters, self.PREVIOUS, context)
        if earlier:
            differing = check_update_of(check.manifest, earlier)
            if differing:
                message = Message(
                    "EZ-F013",
                    {
                        "recorded": str(check.manifest.get("update_of", "-")),
                        "path": earlier,
                        "fields": ", ".join(differing),
                    },
                )
                raise QgsProcessingException(qa.message_text(message))
            feedback.pushInfo(self.tr("update_of matches the earlier package {0}.").format(Path(earlier).name))
        if check.manifest.get("changes"):
            feedback.pushInfo(changes_text(check.manifest))
            self._show_losses(folder, feedback)
        feedback.setProgress(30)
        try:
            plan, profile = package_plan_input(folder, check.manifest)
            min_area = check.manifest.get("plan_info", {}).get("min_area_km2") or None
            result = validate_plan(plan, profile, float(min_area) if min_area else None, qa.FeedbackProgress(feedback))
        except EcoZoneError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err
        lang = qa.ui_lang()
        report = folder / "report" / "revalidation.html"
        report.write_text(report_html(result, path, profile, lang), encoding="utf-8")
        report.with_suffix(".json").write_text(report_json(result, path, profile, lang), encoding="utf-8")
        recorded = check.manifest.get("validation", {})
        if (recorded.get("errors"), recorded.get("warnings")) != (result.errors, result.warnings):
            feedback.pushWarning(
                self.tr("Validation now finds {0} errors and {1} warnings; the manifest recorded {2} and {3}.").format(
                    result.errors, result.warnings, recorded.get("errors"), recorded.get("warnings")
                )
            )
        gpkg = folder / "data" / "control_units.gpkg"
        field_map = profile["field_map"]
        units_uri = f"{gpkg}|layername=control_units"
        if context.project() is not None:
            for table, name in (
                ("plan_info", self.tr("Plan information")),
                ("admission_clause", self.tr("Admission clauses")),
                ("admin_boundary", self.tr("Administrative boundary")),
                ("element_zones", self.tr("Element zones")),
                ("control_units", self.tr("Control units (filed)")),
            ):
                uri = f"{gpkg}|layername={table}"
                details = QgsProcessingContext.LayerDetails(name, context.project(), name)
                context.addLayerToLoadOnCompletion(uri, details)
                if table in PLAN_TABLES:
                    StyleLayer.attach(context, uri, PLAN_TABLES[table], renames=field_map)
            if (folder / CHANGES_GPKG).exists():
                uri = f"{folder / CHANGES_GPKG}|layername=changes"
                name = self.tr("Changes against the earlier version")
                context.addLayerToLoadOnCompletion(
                    uri, QgsProcessingContext.LayerDetails(name, context.project(), name)
                )
                StyleLayer.attach(context, uri, "changes")
        feedback.pushInfo(
            self.tr("{0} units validated again: {1} errors, {2} warnings.").format(
                len(plan.units), result.errors, result.warnings
            )
        )
        return {
            self.OUTPUT_FOLDER: str(folder),
            self.ERRORS: result.errors,
            self.WARNINGS: result.warnings,
            self.UNITS: units_uri,
        }

    def _show_losses(self, folder: Path, feedback) -> None:
        """The update's priority losses with their reasons, read from its change layer."""
        from osgeo import ogr

        dataset = ogr.Open(str(folder / CHANGES_GPKG))
        layer = dataset.GetLayerByName("changes") if dataset is not None else None
        if layer is None:
            return
        layer.SetAttributeFilter("priority_loss = 1")
        rows = sorted(
            ((f["area_km2"] or 0.0, f["old_unit_code"], f["new_unit_code"], f["reason"]) for f in layer), reverse=True
        )
        dataset = None
        text = self.tr("Priority loss {0} → {1}: {2:.4f} km²; reason: {3}")
        for area, old, new, reason in rows:
            line = text.format(old, new or "-", area, reason or self.tr("none given"))
            if reason:
                feedback.pushInfo(line)
            else:
                feedback.reportError(line, fatalError=False)
