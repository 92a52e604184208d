"""Generate synthetic but realistic sample districts for EcoZone, seeded and deterministic.

One district is about 2,000 km² with about 20 townships, in CGCS2000 / 3-degree GK CM 105E
(EPSG:4544). Its element layers come the way authors receive them: mixed formats and
schemas, Chinese field names, class values written in different ways, a GBK shapefile with a
.cpg and one without, zones overlapping across layers, slivers where layers nearly share a
border, and a few invalid geometries.

    python bench/generate_district.py OUT_DIR [--scale N] [--detail D] [--seed S]

--scale N places N districts side by side (a city); --detail 1.0 gives about 20,000 input
polygons and 2 million vertices per district (the benchmark), smaller values a lighter
sample (resources/sample uses 0.05).
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import shapely
from shapely.geometry import LineString, MultiPolygon, Point, Polygon, box

EPSG = 4544
DISTRICT_SIZE = 45_000.0  # metres: each district sits in a 45 km cell
ORIGIN = (445_000.0, 3_260_000.0)
COUNTY_NAMES = ["青岚区", "云溪区", "石桥区", "南屏区", "枫林区", "白鹭区", "松涛区", "临江区", "桃源区"]
TOWN_FIRST = "龙凤金银石竹梅兰松柏桃李双清新安永福太平长乐宝华东西南北中"
TOWN_SECOND = "溪桥湾坪坝岭山河塘口场湖"


@dataclass
class Layer:
    path: str  # file name inside OUT_DIR
    name: str
    fields: list[tuple[str, str]]  # (name, "str" | "int")
    rows: list[tuple[object, dict]]  # (geometry, attributes)
    encoding: str = "UTF-8"
    drop_cpg: bool = False


class Warp:
    """A smooth displacement field: straight lines become natural boundaries, topology kept."""

    def __init__(self, rng: np.random.Generator):
        self.terms = []
        for wavelength, amplitude in ((26_000, 900), (9_000, 180), (2_500, 30), (700, 6)):
            for _ in range(3):
                angle = rng.uniform(0, 2 * math.pi)
                k = 2 * math.pi / wavelength
                self.terms.append(
                    (
                        k * math.cos(angle),
                        k * math.sin(angle),
                        rng.uniform(0, 2 * math.pi),
                        amplitude / 3.0,
                        rng.uniform(0, 2 * math.pi),
                    )
                )

    def __call__(self, coords: np.ndarray) -> np.ndarray:
        x, y = coords[:, 0], coords[:, 1]
        dx = np.zeros_like(x)
        dy = np.zeros_like(y)
        for kx, ky, phase, amp, turn in self.terms:
            wave = amp * np.sin(kx * x + ky * y + phase)
            dx += wave * math.cos(turn)
            dy += wave * math.sin(turn)
        return np.column_stack([x + dx, y + dy])

    def geom(self, g, spacing: float):
        return shapely.transform(shapely.segmentize(g, spacing), self)


def blob(rng, cx, cy, radius, vertices, roughness=0.35):
    """An irregular closed shape around (cx, cy) with about the given mean radius."""
    theta = np.linspace(0, 2 * math.pi, vertices, endpoint=False)
    r = np.ones_like(theta)
    for k in range(2, 7):
        r += roughness / k * rng.uniform(-1, 1) * np.cos(k * theta + rng.uniform(0, 2 * math.pi))
    r += 0.03 * rng.uniform(-1, 1, vertices)
    r = np.clip(r, 0.35, None) * radius
    return Polygon(np.column_stack([cx + r * np.cos(theta), cy + r * np.sin(theta)]))


def vertices_for(radius, detail):
    spacing = 9.0 / max(detail, 0.02) ** 0.5
    return int(min(max(2 * math.pi * radius / spacing, 12), 400))


def town_name(rng, used):
    """A township name not used yet: two characters while they last (a city of many districts
    uses them up), then three."""
    for attempt in range(400):
        first = rng.choice(list(TOWN_FIRST))
        if attempt >= 200:
            first += rng.choice(list(TOWN_FIRST))
        name = first + rng.choice(list(TOWN_SECOND))
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("no township name left")


def scatter(rng, region, count, radius_range, detail, min_gap=1.0):
    """Non-overlapping blobs placed on a jittered grid inside region."""
    if count <= 0:
        return []
    minx, miny, maxx, maxy = region.bounds
    step = math.sqrt(region.area / count)
    shapely.prepare(region)
    out = []
    y = miny + step / 2
    while y < maxy:
        x = minx + step / 2
        while x < maxx:
            cx, cy = x + rng.uniform(-0.3, 0.3) * step, y + rng.uniform(-0.3, 0.3) * step
            if region.contains(Point(cx, cy)):
                radius = min(rng.uniform(*radius_range), step * 0.45 * min_gap)
                out.append(blob(rng, cx, cy, radius, vertices_for(radius, detail)))
            x += step
        y += step
    return out


def generate(out_dir: Path, scale: int = 1, detail: float = 0.05, seed: int = 20241) -> dict:
    rng = np.random.default_rng(seed)
    warp = Warp(rng)
    cols = math.ceil(math.sqrt(scale))
    rows_n = math.ceil(scale / cols)
    ox, oy = ORIGIN
    cells = [
        box(ox + c * DISTRICT_SIZE, oy + r * DISTRICT_SIZE, ox + (c + 1) * DISTRICT_SIZE, oy + (r + 1) * DISTRICT_SIZE)
        for r in range(rows_n)
        for c in range(cols)
    ][:scale]
    region_ideal = shapely.union_all(cells).buffer(-2_500, join_style=2).buffer(2_000)
    layers = {
        k: [] for k in ("boundary", "ecology", "water", "air", "soil", "noise", "protected", "drinking", "development")
    }
    used_names: set[str] = set()
    counties = []

    for i, cell in enumerate(cells):
        code = f"5001{90 + i:02d}"
        cname = COUNTY_NAMES[i % len(COUNTY_NAMES)] if i < len(COUNTY_NAMES) else f"示范{i + 1}区"
        district_ideal = cell.intersection(region_ideal)
        cx, cy = cell.centroid.x, cell.centroid.y
        counties.append((code, cname))

        # Townships: Voronoi cells of jittered seeds, warped with the district.
        seeds = [Point(cx + rng.uniform(-18_000, 18_000), cy + rng.uniform(-18_000, 18_000)) for _ in range(22)]
        vor = shapely.voronoi_polygons(shapely.MultiPoint(seeds), extend_to=cell.buffer(5_000))
        towns = []
        for n, face in enumerate(sorted(vor.geoms, key=lambda g: (-round(g.centroid.y), round(g.centroid.x)))):
            piece = face.intersection(district_ideal)
            if piece.area < 1e6:
                continue
            suffix = "街道" if n < 5 else "镇"
            towns.append(warp.geom(piece, 100))
            layers["boundary"].append(
                (
                    towns[-1],
                    {
                        "区县代码": code,
                        "区县名称": cname,
                        "乡镇代码": f"{code}{len(towns):03d}",
                        "乡镇名称": town_name(rng, used_names) + suffix,
                    },
                )
            )

        urban_c = (cx + rng.uniform(-4_000, 4_000), cy + rng.uniform(-4_000, 4_000))
        urban = blob(rng, *urban_c, 6_000, 180, 0.25)
        parks = [
            blob(rng, urban_c[0] + dx, urban_c[1] + dy, rng.uniform(1_800, 2_600), 120, 0.3)
            for dx, dy in ((7_000, 1_500), (-6_500, -4_000), (1_000, 8_500))
        ]
        layers["development"].append((warp.geom(urban, 50), {"名称": f"{cname}城镇开发边界", "类型": "城镇开发边界"}))
        for p, park in enumerate(parks):
            layers["development"].append(
                (
                    warp.geom(park, 50),
                    {"名称": f"{cname}{['工业园区', '高新技术产业园', '物流园区'][p]}", "类型": "产业园区"},
                )
            )

        # Ecology: red line on mountains at the far side of the town, general space around it.
        mountains = [
            blob(rng, cx + dx, cy + dy, rng.uniform(3_500, 6_000), vertices_for(5_000, detail), 0.45)
            for dx, dy in ((-14_000, 13_000), (13_000, -14_000), (-15_000, -12_000))
        ]
        small_red = scatter(
            rng, district_ideal.difference(urban.buffer(1_000)), int(2_500 * detail) + 8, (80, 400), detail
        )
        red = [m for m in mountains] + small_red
        red_union = shapely.union_all(red)
        general_eco = [shapely.difference(m.buffer(900), red_union) for m in mountains]
        mountain_zone = shapely.union_all(mountains).buffer(1_200)
        general_eco += scatter(
            rng, district_ideal.difference(mountain_zone).difference(urban), int(1_500 * detail) + 6, (150, 600), detail
        )
        for n, g in enumerate(red):
            layers["ecology"].append(
                (
                    warp.geom(g.intersection(district_ideal.buffer(40)), 60),
                    {"类别": "生态保护红线", "编号": f"HX{code}{n + 1:05d}", "名称": f"{cname}生态保护红线{n + 1}"},
                )
            )
        for n, g in enumerate(general_eco):
            layers["ecology"].append(
                (
                    warp.geom(g.intersection(district_ideal), 60),
                    {"类别": "一般生态空间", "编号": f"KJ{code}{n + 1:05d}", "名称": f"{cname}一般生态空间{n + 1}"},
                )
            )
        # A self-touching, invalid red-line polygon.
        bx, by = cx - 16_500, cy + 1_000
        layers["ecology"].append(
            (
                Polygon([(bx, by), (bx + 600, by), (bx + 600, by + 600), (bx + 300, by - 200), (bx, by + 600)]),
                {"类别": "生态保护红线", "编号": f"HX{code}99999", "名称": "自相交红线斑块"},
            )
        )

        # Protected areas and drinking-water sources (the latter along a river).
        for n, (dx, dy, kind) in enumerate(
            (
                (-13_000, 12_000, "自然保护区"),
                (12_000, -13_500, "森林公园"),
                (2_000, -9_000, "湿地公园"),
                (-9_000, 2_000, "风景名胜区"),
            )
        ):
            layers["protected"].append(
                (
                    warp.geom(blob(rng, cx + dx, cy + dy, rng.uniform(1_500, 3_500), 150), 50),
                    {"名称": f"{cname}{kind}{n + 1}", "类型": kind},
                )
            )
        river = LineString(
            [
                (cx - 22_000, cy + 6_000),
                (cx - 8_000, cy + 2_000),
                (urban_c[0], urban_c[1] - 2_000),
                (cx + 10_000, cy - 4_000),
                (cx + 23_000, cy - 2_000),
            ]
        )
        for n, frac in enumerate((0.15, 0.45, 0.8)):
            pt = river.interpolate(frac, normalized=True)
            first = Point(pt).buffer(400, 48)
            second = Point(pt).buffer(1_600, 64).difference(first)
            name = f"{cname}{['上游', '城区', '下游'][n]}饮用水水源地"
            layers["drinking"].append((warp.geom(first, 40), {"水源地名称": name, "保护区级别": "一级"}))
            layers["drinking"].append((warp.geom(second, 40), {"水源地名称": name, "保护区级别": "二级"}))

        # Water: catchments (Voronoi) classed by where they lie.
        wseeds = [Point(cx + rng.uniform(-21_000, 21_000), cy + rng.uniform(-21_000, 21_000)) for _ in range(14)]
        wvor = shapely.voronoi_polygons(shapely.MultiPoint(wseeds), extend_to=cell.buffer(5_000))
        for n, face in enumerate(sorted(wvor.geoms, key=lambda g: (round(g.centroid.x), round(g.centroid.y)))):
            piece = face.intersection(district_ideal.buffer(3))  # a few metres beyond: slivers
            if piece.is_empty:
                continue
            c = piece.centroid
            if piece.intersects(parks[0]) or piece.intersects(parks[1]):
                value = "重点管控区-工业"
            elif c.distance(Point(urban_c)) < 7_000:
                value = "重点管控区-城镇生活"
            elif c.y > cy + 9_000:
                value = "优先保护区"
            elif n % 3 == 0:
                value = "重点管控区-农业"
            else:
                value = "一般管控区"
            layers["water"].append(
                (
                    warp.geom(piece, 80),
                    {"分区类别": value, "分区编码": f"YS{code}2{n + 1:04d}", "控制单元": f"{cname}第{n + 1}控制单元"},
                )
            )

        # Air: by township, digitised again (vertices off by up to 0.5 m: slivers and overlaps).
        for n, town in enumerate(towns):
            c = town.centroid
            dist = math.hypot(c.x - warp(np.array([urban_c]))[0, 0], c.y - warp(np.array([urban_c]))[0, 1])
            if any(town.intersects(warp.geom(p, 200)) for p in parks[:2]):
                grade, sub = 2, "大气环境高排放重点管控区"
            elif dist < 6_000:
                grade, sub = 2, "大气环境受体敏感重点管控区"
            elif dist < 9_000:
                grade, sub = 2, "大气环境布局敏感重点管控区"
            elif town.intersects(warp.geom(mountains[0], 200)):
                grade, sub = 1, "大气环境优先保护区"
            else:
                grade, sub = 3, "大气环境一般管控区"
            jitter = shapely.transform(
                town, lambda xy, s=n + 1: xy + 0.5 * np.sin(xy[:, ::-1] * 12.9898 * s + xy * 78.233)
            )
            layers["air"].append((jitter, {"GKFL": str(grade), "YSXL": sub, "BM": f"YS{code}3{n + 1:04d}"}))

        # Soil: many farmland patches, risk sites, a few bowties.
        farmland_area = district_ideal.difference(urban).difference(red_union)
        for g in scatter(rng, farmland_area, int(13_500 * detail) + 10, (60, 260), detail):
            layers["soil"].append((warp.geom(g, 80), {"类型": "农用地优先保护区"}))
        for g in scatter(rng, urban.union(shapely.union_all(parks)), int(1_200 * detail) + 5, (40, 180), detail):
            layers["soil"].append((warp.geom(g, 80), {"类型": "建设用地污染风险重点管控区"}))
        for g in scatter(rng, farmland_area, int(600 * detail) + 3, (60, 200), detail):
            layers["soil"].append((warp.geom(g, 80), {"类型": "农用地污染风险重点管控区"}))
        for n in range(3):
            x0, y0 = cx + 4_000 * n - 12_000, cy - 17_000
            layers["soil"].append(
                (
                    Polygon([(x0, y0), (x0 + 300, y0 + 300), (x0 + 300, y0), (x0, y0 + 300)]),
                    {"类型": "农用地优先保护区"},
                )
            )

        # Noise: functional zones inside the urban boundary, roads as class 4a.
        nseeds = [
            Point(urban_c[0] + rng.uniform(-5_500, 5_500), urban_c[1] + rng.uniform(-5_500, 5_500)) for _ in range(10)
        ]
        nvor = shapely.voronoi_polygons(shapely.MultiPoint(nseeds), extend_to=urban.buffer(2_000))
        roads = shapely.union_all(
            [
                LineString([(urban_c[0] - 7_000, urban_c[1] + k), (urban_c[0] + 7_000, urban_c[1] - k)]).buffer(35)
                for k in (-2_000, 1_500)
            ]
        )
        for n, face in enumerate(sorted(nvor.geoms, key=lambda g: (round(g.centroid.x), round(g.centroid.y)))):
            piece = face.intersection(urban).difference(roads)
            if piece.is_empty:
                continue
            label = "3类" if any(piece.intersects(p) for p in parks) else ("1类" if n % 2 else "2类")
            layers["noise"].append((warp.geom(piece, 60), {"功能区": label}))
        layers["noise"].append((warp.geom(roads.intersection(urban), 60), {"功能区": "4a类"}))
        layers["noise"].append(
            (warp.geom(blob(rng, urban_c[0] - 3_000, urban_c[1] + 3_000, 350, 40), 60), {"功能区": "0类"})
        )

    layers["boundary"] = apart(layers["boundary"])
    out_dir.mkdir(parents=True, exist_ok=True)
    specs = [
        Layer(
            "乡镇街道.gpkg",
            "乡镇街道",
            [("区县代码", "str"), ("区县名称", "str"), ("乡镇代码", "str"), ("乡镇名称", "str")],
            layers["boundary"],
        ),
        Layer("生态空间.gpkg", "生态空间", [("类别", "str"), ("编号", "str"), ("名称", "str")], layers["ecology"]),
        Layer(
            "水环境管控分区.shp",
            "水环境管控分区",
            [("分区类别", "str"), ("分区编码", "str"), ("控制单元", "str")],
            layers["water"],
            encoding="GBK",
        ),
        Layer(
            "大气环境管控分区.gpkg",
            "大气环境管控分区",
            [("GKFL", "str"), ("YSXL", "str"), ("BM", "str")],
            layers["air"],
        ),
        Layer(
            "土壤环境管控分区.shp", "土壤环境管控分区", [("类型", "str")], layers["soil"], encoding="GBK", drop_cpg=True
        ),
        Layer("声环境功能区.gpkg", "声环境功能区", [("功能区", "str")], layers["noise"]),
        Layer("自然保护地.gpkg", "自然保护地", [("名称", "str"), ("类型", "str")], layers["protected"]),
        Layer(
            "饮用水水源保护区.gpkg",
            "饮用水水源保护区",
            [("水源地名称", "str"), ("保护区级别", "str")],
            layers["drinking"],
        ),
        Layer(
            "城镇开发边界与产业园区.gpkg",
            "城镇开发边界与产业园区",
            [("名称", "str"), ("类型", "str")],
            layers["development"],
        ),
    ]
    summary = {}
    for spec in specs:
        summary[spec.name] = write_layer(out_dir, spec)
    summary["counties"] = counties
    (out_dir / "sample.json").write_text(
        json.dumps(describe(counties), ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    return summary


def apart(boundary: list) -> list:
    """Townships with no ground in two counties: each county's warped townships lose what an
    earlier county already holds (counties of a real boundary layer never overlap)."""
    out, taken = [], None
    for code in dict.fromkeys(attrs["区县代码"] for _g, attrs in boundary):
        own = [(g, attrs) for g, attrs in boundary if attrs["区县代码"] == code]
        if taken is not None:
            own = [(shapely.difference(g, taken), attrs) for g, attrs in own]
        out += [(g, attrs) for g, attrs in own if not g.is_empty]
        county = shapely.union_all([g for g, _a in own])
        taken = county if taken is None else shapely.union(taken, county)
    return out


def describe(counties) -> dict:
    """sample.json: which field of each generated layer holds what (read by make demo and the tests)."""
    return {
        "name": "、".join(name for _code, name in counties) + " (synthetic sample)",
        # what the author enters in the Filing dock (ecozone:setplaninfo in make demo)
        "filing_info": {
            "province": "示例省",
            "city": "示例市",
            "compiled_by": "示例市生态环境局",
            "contact": "023-00000000",
            "plan_version": "2025",
        },
        "boundary": {
            "file": "乡镇街道.gpkg",
            "county_code_field": "区县代码",
            "county_name_field": "区县名称",
            "town_code_field": "乡镇代码",
            "town_name_field": "乡镇名称",
        },
        "sources": [
            {
                "file": "生态空间.gpkg",
                "element": "ecology",
                "class_field": "类别",
                "code_field": "编号",
                "name_field": "名称",
            },
            {
                "file": "水环境管控分区.shp",
                "element": "water",
                "class_field": "分区类别",
                "code_field": "分区编码",
                "name_field": "控制单元",
            },
            {
                "file": "大气环境管控分区.gpkg",
                "element": "air",
                "class_field": "GKFL",
                "subtype_field": "YSXL",
                "code_field": "BM",
            },
            {"file": "土壤环境管控分区.shp", "element": "soil", "class_field": "类型", "source_encoding": "GBK"},
            {"file": "声环境功能区.gpkg", "element": "noise", "class_field": "功能区"},
            {"file": "自然保护地.gpkg", "element": "protected", "subtype_field": "类型", "name_field": "名称"},
            {
                "file": "饮用水水源保护区.gpkg",
                "element": "protected",
                "class_field": "保护区级别",
                "name_field": "水源地名称",
                "mapping": {"一级": [1, "饮用水水源保护区"], "二级": [1, "饮用水水源保护区"]},
            },
            {
                "file": "城镇开发边界与产业园区.gpkg",
                "element": "development",
                "subtype_field": "类型",
                "name_field": "名称",
            },
        ],
    }


def write_layer(out_dir: Path, spec: Layer) -> dict:
    from osgeo import ogr, osr

    path = out_dir / spec.path
    is_shp = path.suffix == ".shp"
    if is_shp:
        for ext in (".shp", ".shx", ".dbf", ".prj", ".cpg"):
            path.with_suffix(ext).unlink(missing_ok=True)
    else:
        path.unlink(missing_ok=True)
    driver = ogr.GetDriverByName("ESRI Shapefile" if is_shp else "GPKG")
    ds = driver.CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(EPSG)
    options = [f"ENCODING={spec.encoding}"] if is_shp else []
    layer = ds.CreateLayer(spec.name, srs, ogr.wkbMultiPolygon, options)
    for name, kind in spec.fields:
        fd = ogr.FieldDefn(name, ogr.OFTString if kind == "str" else ogr.OFTInteger)
        if kind == "str":
            fd.SetWidth(80)
        layer.CreateField(fd)
    defn = layer.GetLayerDefn()
    vertices = 0
    ds.StartTransaction() if not is_shp else None
    for geom, attrs in spec.rows:
        if geom.is_empty:
            continue
        if isinstance(geom, Polygon):
            geom = MultiPolygon([geom])
        elif not isinstance(geom, MultiPolygon):
            geom = MultiPolygon([g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)])
            if geom.is_empty:
                continue
        vertices += shapely.get_num_coordinates(geom)
        feature = ogr.Feature(defn)
        for key, value in attrs.items():
            feature.SetField(key, value)
        feature.SetGeometry(ogr.CreateGeometryFromWkb(shapely.to_wkb(geom)))
        layer.CreateFeature(feature)
    ds.CommitTransaction() if not is_shp else None
    count = layer.GetFeatureCount()
    ds = None
    if is_shp and spec.drop_cpg:
        path.with_suffix(".cpg").unlink(missing_ok=True)
        with open(path.with_suffix(".dbf"), "r+b") as dbf:  # no language driver id either
            dbf.seek(29)
            dbf.write(b"\x00")
    return {"file": spec.path, "features": count, "vertices": int(vertices)}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--detail", type=float, default=0.05)
    parser.add_argument("--seed", type=int, default=20241)
    parser.add_argument("--clean", action="store_true", help="empty OUT_DIR first")
    args = parser.parse_args(argv)
    if args.clean and args.out_dir.exists():
        shutil.rmtree(args.out_dir)
    summary = generate(args.out_dir, args.scale, args.detail, args.seed)
    total_f = sum(v["features"] for k, v in summary.items() if k != "counties" and k != "乡镇街道")
    total_v = sum(v["vertices"] for k, v in summary.items() if k != "counties" and k != "乡镇街道")
    for name, info in summary.items():
        if name != "counties":
            print(f"{info['file']}: {info['features']} features, {info['vertices']} vertices")
    print(f"element zones: {total_f} polygons, {total_v} vertices; counties: {summary['counties']}")


if __name__ == "__main__":
    main()
