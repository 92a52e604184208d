"""ecozone:screensite — may a project of this industry go here? Sites judged against a filed plan."""

from __future__ import annotations

from pathlib import Path

from qgis.core import (
    QgsFeature,
    QgsFeatureSink,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from .. import qgis_adapters as qa
from ..core import schema
from ..core.check.validation import plan_profile
from ..core.industry import Classification
from ..core.messages import EcoZoneError, Message
from ..core.progress import Canceled, SubProgress
from ..core.screening import SEVERITY, Site, clause_refs, index_html, plan_inputs, screen, verdict_text
from ..core.zones.geometry import to_wkb
from .base import EcoZoneAlgorithm
from .parameters import plan_parameter


class ScreenSiteAlgorithm(EcoZoneAlgorithm):
    group_key = "screening"
    PLAN = "PLAN"
    SITES = "SITES"
    INDUSTRY_FIELD = "INDUSTRY_FIELD"
    INDUSTRY = "INDUSTRY"
    NAME_FIELD = "NAME_FIELD"
    OUTPUT = "OUTPUT"
    OUTPUT_SITES = "OUTPUT_SITES"
    OUTPUT_REPORT = "OUTPUT_REPORT"

    def name(self) -> str:
        return "screensite"

    def flags(self):
        # the one-page reports are print layouts, which render on the GUI thread
        return super().flags() | QgsProcessingAlgorithm.FlagNoThreading

    def displayName(self) -> str:
        return self.tr("Screen project sites")

    def shortHelpString(self) -> str:
        return self.tr(
            "Judges project sites (points, lines or polygons, any CRS) against a plan: every control unit a "
            "site touches, its effective admission list (city, county and unit clauses) and the red line and "
            "protected areas. Verdicts: 判定不通过 (hard-protected ground, or a prohibiting clause names the "
            "industry or a broader code of it), 受限准入 (a restricting clause names it, or the site lies in a "
            "priority unit), 待补充信息 (industry missing or unknown, only finer codes named, or outside the "
            "plan), 判定通过 otherwise. Industries are GB/T 4754-2017 codes or names; codes proposed from a "
            "clause's wording take part, and a reason resting on one says so."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(plan_parameter(self.PLAN, self.tr("Plan")))
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.SITES, self.tr("Project sites"), [QgsProcessing.TypeVectorAnyGeometry]
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.INDUSTRY_FIELD, self.tr("Industry field"), parentLayerParameterName=self.SITES, optional=True
            )
        )
        self.addParameter(QgsProcessingParameterString(self.INDUSTRY, self.tr("Industry"), optional=True))
        self.addParameter(
            QgsProcessingParameterField(
                self.NAME_FIELD, self.tr("Site name field"), parentLayerParameterName=self.SITES, optional=True
            )
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Sites by unit")))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT_SITES, self.tr("Site verdicts"), optional=True))
        self.addParameter(
            QgsProcessingParameterFolderDestination(self.OUTPUT_REPORT, self.tr("Report folder"), optional=True)
        )
        helps = {
            self.PLAN: self.tr("The plan GeoPackage (or the one a filing package unpacks to)."),
            self.SITES: self.tr(
                "The project sites: points, lines or polygons in any CRS; they are reprojected to the plan's."
            ),
            self.NAME_FIELD: self.tr("Field with each site's name, for the outputs and the report."),
            self.INDUSTRY_FIELD: self.tr(
                "Field with each site's industry: a GB/T 4754 code (3011) or name (水泥制造)."
            ),
            self.INDUSTRY: self.tr("One industry for every site, when the layer has no industry field."),
            self.OUTPUT: self.tr(
                "One feature per site and unit it touches, with the overlap and the deciding clauses."
            ),
            self.OUTPUT_SITES: self.tr("One feature per site with its verdict and reasons."),
            self.OUTPUT_REPORT: self.tr(
                "A folder for index.html (every site's verdict and reasons, the worst first) and a one-page PDF "
                "per site (site_<id>.pdf: map, verdict, reasons, units, clauses)."
            ),
        }
        for name, text in helps.items():
            self.parameterDefinition(name).setHelp(text)

    def processAlgorithm(self, parameters, context, feedback):
        progress = qa.FeedbackProgress(feedback)
        store = self.open_plan(parameters, self.PLAN, context)
        try:
            profile = plan_profile(store, "")
            units, clauses, hard = plan_inputs(store, profile)
        except EcoZoneError as err:
            raise QgsProcessingException(qa.message_text(err.message)) from err
        source = self.source_to_read(parameters, self.SITES, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.SITES))
        label = self._layer_name(parameters, self.SITES, context, source)
        self.require_crs(source, label)
        industry_field = self.parameterAsString(parameters, self.INDUSTRY_FIELD, context)
        name_field = self.parameterAsString(parameters, self.NAME_FIELD, context)
        industry = self.parameterAsString(parameters, self.INDUSTRY, context).strip()
        self.require_fields(source, label, [industry_field, name_field])
        crs = qa.crs_from_text(store.crs())
        rows, messages = qa.read_geometries(
            source,
            crs,
            context.transformContext(),
            SubProgress(progress, 0, 30),
            label,
            [industry_field, name_field],
            polygons=False,
        )
        if not rows:
            raise QgsProcessingException(qa.message_text(Message("EZ-Y001", {"layer": label})))
        sites = [
            Site(
                int(fid),
                qa.text_value(attrs.get(name_field)) if name_field else "",
                geom,
                qa.text_value(attrs.get(industry_field)) if industry_field else industry,
            )
            for fid, geom, attrs in rows
        ]
        gb = Classification.load()
        try:
            results = screen(sites, units, clauses, hard, profile, gb, SubProgress(progress, 30, 80))
        except Canceled:
            raise QgsProcessingException(self.tr("Canceled: nothing was written.")) from None
        unknown = sorted({r.site.industry for r in results if r.site.industry and not r.industry_code})
        if unknown:
            fids = [str(r.site.fid) for r in results if r.site.industry and not r.industry_code]
            messages.append(Message("EZ-Y002", {"sites": ", ".join(fids[:20]), "values": "、".join(unknown[:20])}))
        for message in messages:
            feedback.pushWarning(qa.message_text(message))
        outputs = self._write(parameters, context, source, crs, results, profile)
        report = self.parameterAsString(parameters, self.OUTPUT_REPORT, context)
        if report:
            folder = Path(report)
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "index.html").write_text(index_html(results, profile, store.info()), encoding="utf-8")
            from ..screening_report import plan_units, site_report

            units_layer = plan_units(store)  # read once for every report
            for n, result in enumerate(results):  # each report whole: a cancel stops between two
                if feedback.isCanceled():
                    feedback.pushWarning(
                        self.tr("Canceled: {0} of {1} site reports were written.").format(n, len(results))
                    )
                    break
                feedback.setProgress(80 + 20.0 * n / len(results))
                site_report(store, result, profile, folder / f"site_{result.site.fid}.pdf", units_layer)
            outputs[self.OUTPUT_REPORT] = str(folder)
        counts = {v: sum(r.verdict == v for r in results) for v in SEVERITY}
        feedback.pushInfo(
            self.tr("{0} sites: {1} 判定不通过, {2} 受限准入, {3} 待补充信息, {4} 判定通过.").format(
                len(results), counts["fail"], counts["restricted"], counts["incomplete"], counts["pass"]
            )
        )
        return outputs

    def _write(self, parameters, context, source, crs, results, profile) -> dict:
        outputs = {}
        kind = QgsWkbTypes.multiType(QgsWkbTypes.flatType(source.wkbType()))
        hit_fields = qa.qgs_fields(schema.SCREEN_HITS)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT, context, hit_fields, kind, crs)
        if sink is not None:
            for result in results:
                geometry = _qgs(result.site.geometry)
                for hit in result.hits:
                    feature = QgsFeature(hit_fields)
                    feature.setGeometry(geometry)
                    feature.setAttributes(
                        [
                            result.site.fid,
                            result.site.name or None,
                            hit.unit.code,
                            hit.unit.name,
                            hit.unit.unit_class,
                            hit.unit.subclass,
                            round(float(hit.overlap), 6),
                            verdict_text(hit.verdict, profile),
                            clause_refs(hit) or None,
                        ]
                    )
                    sink.addFeature(feature, QgsFeatureSink.FastInsert)
            outputs[self.OUTPUT] = dest
        site_fields = qa.qgs_fields(schema.SCREEN_SITES)
        sink, dest = self.parameterAsSink(parameters, self.OUTPUT_SITES, context, site_fields, kind, crs)
        if sink is not None:
            for result in results:
                feature = QgsFeature(site_fields)
                feature.setGeometry(_qgs(result.site.geometry))
                feature.setAttributes(
                    [
                        result.site.fid,
                        result.site.name,
                        result.industry_code or result.site.industry,
                        result.industry_name,
                        verdict_text(result.verdict, profile),
                        "；".join(result.reasons),
                    ]
                )
                sink.addFeature(feature, QgsFeatureSink.FastInsert)
            outputs[self.OUTPUT_SITES] = dest
        return outputs


def _qgs(geom) -> QgsGeometry:
    geometry = QgsGeometry()
    geometry.fromWkb(to_wkb(geom))
    geometry.convertToMultiType()
    return geometry
