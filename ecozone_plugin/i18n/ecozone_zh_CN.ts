<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>DeriveUnitsAlgorithm</name>
    <message>
        <location filename="../algorithms/derive_units.py" line="79"/>
        <source>Derive control units</source>
        <translation>划定环境管控单元</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="82"/>
        <source>Derives the environmental control units (priority protection, key control, general control) of every county in the boundary layer from standard element zones.

Overlay (叠加法): a place covered by any priority zone is priority, else by any key zone key, else general; the ground of each class in a county is one unit, key ground inside each industrial park or urban development boundary its own unit. Fitting (拟合法): each base polygon (township) becomes priority or key when those zones cover more than the threshold share of it, else general. Ecological red line and protected areas are always priority. Parts smaller than the minimum area join the neighbour with the longest shared border inside the county. Units are coded and named by the profile; areas are planar in the CGCS2000 Gauss-Krüger zone of each county.</source>
        <translation>由标准要素管控分区划定行政边界图层中每个区县的环境管控单元（优先保护、重点管控、一般管控）。

叠加法：被任一优先保护区覆盖的区域为优先保护，否则被任一重点管控区覆盖的为重点管控，其余为一般管控；一个区县内同一类别的区域为一个单元，产业园区和城镇开发边界内的重点管控区域各自成为单元。拟合法：各基础单元（乡镇街道）中优先保护或重点管控区占比超过阈值的，整体划为相应类别，否则为一般管控。生态保护红线和各类保护地始终为优先保护。面积小于最小面积的图斑并入区县内共边最长的相邻单元。单元编码和名称按配置方案生成；面积为各区县所在 CGCS2000 高斯-克吕格投影带的平面面积。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="96"/>
        <source>Administrative boundary (counties or townships)</source>
        <translation>行政边界（区县或乡镇街道）</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="103"/>
        <source>County code field</source>
        <translation>区县代码字段</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="108"/>
        <source>County name field</source>
        <translation>区县名称字段</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="116"/>
        <source>Split units by field</source>
        <translation>按字段拆分单元</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="121"/>
        <source>Element zone layers (standard schema)</source>
        <translation>要素管控分区图层（标准结构）</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="126"/>
        <source>Method</source>
        <translation>划定方法</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="126"/>
        <source>Overlay (叠加法)</source>
        <translation>叠加法</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="126"/>
        <source>Fitting (拟合法)</source>
        <translation>拟合法</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="134"/>
        <source>Minimum unit part area (km²)</source>
        <translation>单元最小图斑面积（平方千米）</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="143"/>
        <source>Fitting: priority share threshold (%)</source>
        <translation>拟合法：优先保护占比阈值（%）</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="153"/>
        <source>Fitting: key share threshold (%)</source>
        <translation>拟合法：重点管控占比阈值（%）</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="164"/>
        <source>Fitting: base polygons</source>
        <translation>拟合法：基础单元</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="169"/>
        <source>Previous control units (keep their codes)</source>
        <translation>原环境管控单元（沿用编码）</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="177"/>
        <source>Profile</source>
        <translation>配置方案</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="329"/>
        <source>Control units</source>
        <translation>环境管控单元</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="181"/>
        <source>Derivation report</source>
        <translation>划定报告</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="191"/>
        <source>Counties, or townships inside counties; units never cross a county.</source>
        <translation>区县或区县内的乡镇街道面；管控单元不跨区县。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="192"/>
        <source>Field with the 6-digit county code (GB/T 2260); a longer township code is cut to its first 6 digits.</source>
        <translation>6 位区县行政区划代码（GB/T 2260）字段；更长的乡镇代码取前 6 位。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="195"/>
        <source>Field with the county name; without it names use the code.</source>
        <translation>区县名称字段；未指定时单元名称使用区县代码。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="196"/>
        <source>Optional field (e.g. township code): units do not cross its values.</source>
        <translation>可选字段（如乡镇代码）：管控单元不跨越该字段的不同取值。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="197"/>
        <source>Polygon layers with the fields element, zone_class and subtype (run &apos;Standardize element zones&apos; first).</source>
        <translation>含 element、zone_class、subtype 字段的面图层（请先运行“标准化要素管控分区”）。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="200"/>
        <source>Overlay (recommended) or fitting to base polygons.</source>
        <translation>叠加法（推荐）或按基础单元拟合。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="201"/>
        <source>Parts of units below this area join the neighbour with the longest shared border; 0 keeps every part.</source>
        <translation>面积小于此值的单元图斑并入共边最长的相邻单元；为 0 时保留全部图斑。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="204"/>
        <source>Fitting: a base polygon becomes priority when priority zones cover more than this share.</source>
        <translation>拟合法：优先保护区占基础单元面积超过此比例时，该基础单元划为优先保护。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="207"/>
        <source>Fitting: share of key ground that makes a base polygon key; default as above.</source>
        <translation>拟合法：重点管控区占比超过此比例时划为重点管控；默认同上。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="210"/>
        <source>Fitting: base polygons; by default the boundary features (townships).</source>
        <translation>拟合法的基础单元；默认使用行政边界要素（乡镇街道）。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="211"/>
        <source>Earlier control units (unit_code, unit_class, county_code): a new unit keeps the code of the earlier unit of its county and class that it overlaps most.</source>
        <translation>原有环境管控单元（含 unit_code、unit_class、county_code）：新单元沿用同区县、同类别中与其重叠最大的原单元编码。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="215"/>
        <source>Bundled profile id (default) or the path of a .json profile.</source>
        <translation>内置配置方案名称（default）或 .json 配置文件路径。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="216"/>
        <source>The control units, styled by class.</source>
        <translation>按类别配色的环境管控单元。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="217"/>
        <source>HTML report: repairs, merged fragments, class areas per county.</source>
        <translation>HTML 报告：几何修复、碎片合并、各区县分类面积。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="271"/>
        <source>Deriving units of {0} counties from {1} zones ({2}), in {3}.</source>
        <translation>正在由 {1} 个分区划定 {0} 个区县的管控单元（{2}），坐标系 {3}。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="279"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写出任何结果。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="344"/>
        <source>Layer {0} has no field {1}; its fields are: {2}.</source>
        <translation>图层 {0} 没有字段 {1}；现有字段为：{2}。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="373"/>
        <source>Layer {0} has no feature with a county code in field {1}.</source>
        <translation>图层 {0} 的字段 {1} 中没有任何区县代码。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="383"/>
        <source>Give at least one element zone layer.</source>
        <translation>请至少指定一个要素管控分区图层。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="389"/>
        <source>Layer {0} lacks the fields {1} of the standard zone schema; run &apos;Standardize element zones&apos; on it first.</source>
        <translation>图层 {0} 缺少标准分区结构的字段 {1}；请先对其运行“标准化要素管控分区”。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="433"/>
        <source>Layer {0} lacks the fields {1} that previous units need.</source>
        <translation>图层 {0} 缺少原单元所需的字段 {1}。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="455"/>
        <source>{0} units: priority {1} ({2:.2f} km²), key {3} ({4:.2f} km²), general {5} ({6:.2f} km²); {7} fragments merged (listed in the report); {8:.1f} s.</source>
        <translation>共 {0} 个单元：优先保护 {1} 个（{2:.2f} 平方千米），重点管控 {3} 个（{4:.2f} 平方千米），一般管控 {5} 个（{6:.2f} 平方千米）；合并碎片 {7} 处（详见报告）；用时 {8:.1f} 秒。</translation>
    </message>
</context>
<context>
    <name>EcoZoneAlgorithm</name>
    <message>
        <location filename="../algorithms/base.py" line="26"/>
        <source>Control units</source>
        <translation>环境管控单元</translation>
    </message>
</context>
<context>
    <name>EcoZonePlugin</name>
    <message>
        <location filename="../plugin.py" line="45"/>
        <source>EcoZone needs the Python packages {0}. Install them from the OSGeo4W shell or a terminal with: {1} and restart QGIS.</source>
        <translation>EcoZone 需要 Python 包 {0}。请在 OSGeo4W Shell 或终端中运行：{1}，然后重启 QGIS。</translation>
    </message>
</context>
<context>
    <name>EcoZoneProvider</name>
    <message>
        <location filename="../algorithms/provider.py" line="19"/>
        <source>EcoZone zoning control</source>
        <translation>EcoZone 生态环境分区管控</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="22"/>
        <source>EcoZone zoning control {0}</source>
        <translation>EcoZone 生态环境分区管控 {0}</translation>
    </message>
</context>
<context>
    <name>StandardizeZonesAlgorithm</name>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="62"/>
        <source>Standardize element zones</source>
        <translation>标准化要素管控分区</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="65"/>
        <source>Turns one element sub-zone layer, in whatever schema it came, into the standard element zone schema (element, zone_class 1/2/3, subtype, zone_code, zone_name) that 'Derive control units' reads.

Class values are recognised when written the common ways (1/2/3, 优先保护区, 重点管控区-工业, 一般管控区, the subtype names, noise classes 0-4b); anything else needs a mapping, typed as JSON {&quot;source value&quot;: [class, &quot;subtype&quot;]} or given as a .json/.csv file. Unknown values are refused with a list, unless a class for unmapped values is chosen. Geometries are reprojected to the CGCS2000 Gauss-Krüger zone and invalid ones are repaired, each repair reported.</source>
        <translation>将任意结构的单个要素管控分区图层转换为“划定环境管控单元”读取的标准要素分区结构（element、zone_class 1/2/3、subtype、zone_code、zone_name）。

常见写法的类别取值可自动识别（1/2/3、优先保护区、重点管控区-工业、一般管控区、各细类名称、声环境 0–4b 类）；其他取值需要映射，可直接填写 JSON {&quot;源取值&quot;: [类别, &quot;细类&quot;]}，或提供 .json/.csv 文件。无法识别的取值将被列出并拒绝，除非指定了未映射取值的类别。几何投影到 CGCS2000 高斯-克吕格投影带，无效几何自动修复并逐一报告。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="78"/>
        <source>Source layer</source>
        <translation>源图层</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="81"/>
        <source>Element</source>
        <translation>环境要素</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="86"/>
        <source>Class field</source>
        <translation>管控类别字段</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="91"/>
        <source>Subtype field</source>
        <translation>要素细类字段</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="91"/>
        <source>Zone code field</source>
        <translation>分区编码字段</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="91"/>
        <source>Zone name field</source>
        <translation>分区名称字段</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="99"/>
        <source>Value mapping (JSON)</source>
        <translation>取值映射（JSON）</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="102"/>
        <source>Value mapping file</source>
        <translation>取值映射文件</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="107"/>
        <source>Class for unmapped values</source>
        <translation>未映射取值的类别</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="117"/>
        <source>Source text encoding</source>
        <translation>源数据文字编码</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="120"/>
        <source>Target CRS</source>
        <translation>目标坐标系</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="121"/>
        <source>Standard element zones</source>
        <translation>标准要素管控分区</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="123"/>
        <source>The element sub-zone layer as received (shapefile, GeoPackage, …).</source>
        <translation>收到的要素管控分区图层（Shapefile、GeoPackage 等）。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="124"/>
        <source>Which element the layer zones: ecology, water, air, soil, noise, resource, protected (drinking-water sources, nature protected areas) or development (urban development boundary, industrial parks).</source>
        <translation>图层对应的环境要素：ecology 生态、water 水环境、air 大气环境、soil 土壤、noise 声环境、resource 资源利用、protected 保护地（饮用水水源保护区、自然保护地）或 development 开发边界（城镇开发边界、产业园区）。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="129"/>
        <source>Field holding the class as the source writes it. Optional for protected (always priority) and development (always key).</source>
        <translation>源数据中记录管控类别的字段。protected（均为优先保护）和 development（均为重点管控）可不指定。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="133"/>
        <source>Field with the Chinese subtype name; otherwise it follows from the class value.</source>
        <translation>记录中文要素细类名称的字段；未指定时由类别取值推定。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="136"/>
        <source>Field with the zone code, carried into provenance.</source>
        <translation>分区编码字段，记入来源信息。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="137"/>
        <source>Field with the zone name; development zones are split into units by it.</source>
        <translation>分区名称字段；开发边界与园区按此名称拆分单元。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="138"/>
        <source>JSON object: {&quot;source value&quot;: [class, &quot;subtype&quot;]}; class 1, 2 or 3.</source>
        <translation>JSON 对象：{&quot;源取值&quot;: [类别, &quot;细类&quot;]}；类别为 1、2 或 3。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="139"/>
        <source>A .json file as above, or a .csv with columns value, class, subtype.</source>
        <translation>格式同上的 .json 文件，或含 value、class、subtype 三列的 .csv 文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="140"/>
        <source>Class (1, 2 or 3) for values neither mapped nor recognised; empty refuses them.</source>
        <translation>既未映射也无法识别的取值所归的类别（1、2 或 3）；留空则拒绝处理。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="143"/>
        <source>Text encoding of a shapefile that lacks a .cpg file, e.g. GBK; empty keeps what the file declares.</source>
        <translation>缺少 .cpg 文件的 Shapefile 的文字编码，如 GBK；留空则按文件声明读取。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="146"/>
        <source>CRS of the output; by default the CGCS2000 3-degree Gauss-Krüger zone of the layer's centre.</source>
        <translation>输出坐标系；默认为图层中心所在的 CGCS2000 高斯-克吕格 3 度带。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="149"/>
        <source>Zones in the standard schema.</source>
        <translation>标准结构的要素管控分区。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="178"/>
        <source>class field</source>
        <translation>类别字段</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="178"/>
        <source>subtype field</source>
        <translation>细类字段</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="178"/>
        <source>code field</source>
        <translation>编码字段</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="178"/>
        <source>name field</source>
        <translation>名称字段</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="185"/>
        <source>Layer {0} has no field {1} (the {2}); its fields are: {3}.</source>
        <translation>图层 {0} 没有字段 {1}（{2}）；现有字段为：{3}。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="191"/>
        <source>Choose the class field of layer {0}: element {1} needs one (only protected and development do not).</source>
        <translation>请为图层 {0} 选择类别字段：要素 {1} 需要类别字段（仅 protected 和 development 不需要）。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="250"/>
        <source>{0} zones written from layer {1} ({2} repaired or skipped).</source>
        <translation>已由图层 {1} 写出 {0} 个分区（修复或跳过 {2} 处）。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="264"/>
        <source>Layer {0} could not be read as {1}.</source>
        <translation>无法按 {1} 编码读取图层 {0}。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="295"/>
        <source>Layer {0} has no CRS: assign one, or choose the target CRS.</source>
        <translation>图层 {0} 没有坐标系：请先指定坐标系，或选择目标坐标系。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="229"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写出任何结果。</translation>
    </message>
</context>
</TS>
