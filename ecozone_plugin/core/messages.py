"""One bilingual catalogue for the messages and findings that core produces.

Each message has a stable code, an English and a Chinese template and its parameters; the
interface chooses the language. Both templates use the same parameters, except that a value
worded per language comes as ``name`` (Chinese) and ``name_en``. Qt's tr() is for the interface only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR, WARNING = "error", "warning"
# Validation findings: the letter after "EZ-" is their category; each one's entry below carries its
# default severity, which a profile may change ("severity": {code: "error" | "warning" | "ignore"}).
FINDING_CATEGORIES = {
    "G": {"en": "Geometry", "zh": "几何"},
    "C": {"en": "Coverage", "zh": "覆盖"},
    "K": {"en": "Codes and names", "zh": "编码与名称"},
    "A": {"en": "Attributes", "zh": "属性"},
    "R": {"en": "Rules", "zh": "划定规则"},
    "L": {"en": "Admission list", "zh": "准入清单"},
}

CATALOGUE: dict[str, dict[str, str]] = {
    "EZ-D001": {
        "en": "Layer {layer}, feature {fid}: invalid geometry repaired ({reason}).",
        "zh": "图层 {layer} 要素 {fid}：几何无效，已修复（{reason}）。",
    },
    "EZ-D002": {
        "en": "Layer {layer}, feature {fid}: empty or non-polygonal geometry skipped.",
        "zh": "图层 {layer} 要素 {fid}：几何为空或不是面，已跳过。",
    },
    "EZ-D003": {
        "en": "Layer {layer} has no features; it contributes nothing.",
        "zh": "图层 {layer} 没有要素，未参与计算。",
    },
    "EZ-D004": {
        "en": "Layer {layer} was reprojected from {source_crs} to {target_crs}.",
        "zh": "图层 {layer} 已从 {source_crs} 投影转换到 {target_crs}。",
    },
    "EZ-D005": {
        "en": "County {county}: fragment of {area} m² ({from_class}) merged into "
        "{to_class} (shared border {border_m:.0f} m) at ({x:.0f}, {y:.0f}).",
        "zh": "区县 {county}：{area} 平方米的碎片（{from_class}）并入相邻的{to_class}"
        "（共边 {border_m:.0f} 米），位置 ({x:.0f}, {y:.0f})。",
    },
    "EZ-D012": {
        "en": "County {county}: fragment of {area} m² ({from_class}) at ({x:.0f}, {y:.0f}) "
        "kept: it holds hard-priority ground (red line or protected area).",
        "zh": "区县 {county}：{area} 平方米的碎片（{from_class}）位于 ({x:.0f}, {y:.0f})，"
        "含生态保护红线或保护地，予以保留。",
    },
    "EZ-D013": {
        "en": "County {county}: fragment of {area} m² ({from_class}) at ({x:.0f}, {y:.0f}) "
        "kept: it has no neighbour in the county to join.",
        "zh": "区县 {county}：{area} 平方米的碎片（{from_class}）位于 ({x:.0f}, {y:.0f})，"
        "在本区县内没有可并入的相邻单元，予以保留。",
    },
    "EZ-D016": {
        "en": "Layer {layer} holds {kind_en}, not polygons: element zones are areas. Choose the polygon layer of "
        "the zones, or make polygons of the features first.",
        "zh": "图层 {layer} 的几何类型为{kind}，不是面：要素管控分区必须是面。请选择分区的面图层，或先将要素转为面。",
    },
    "EZ-D017": {
        "en": "Layer {layer} has no usable feature (none, or only empty geometries): it would contribute "
        "nothing. Fix the layer or leave it out.",
        "zh": "图层 {layer} 没有可用的要素（没有要素或几何均为空），不会参与划定。请修正该图层，或不再选用。",
    },
    "EZ-D018": {
        "en": "Layer {layer}: none of its {count} features has zone class 1, 2 or 3 (values seen: {values}), so "
        "it would contribute nothing and its ground would come out general. Standardize the layer first.",
        "zh": "图层 {layer}：{count} 个要素中没有一个的分区类别为 1、2 或 3（现有取值：{values}），"
        "该图层不会参与划定，其范围将被划为一般管控。请先标准化该图层。",
    },
    "EZ-D019": {
        "en": "Layer {layer}: element {value!r} (features {fids}; {count} in all) is not one of {allowed}. A misspelt "
        "element loses its meaning (a protected area would no longer be hard priority). Correct the value or "
        "standardize the layer again.",
        "zh": "图层 {layer}：环境要素 {value!r}（要素 {fids}，共 {count} 个）不在 {allowed} 之中。"
        "要素名称写错会失去其含义（如保护地将不再按刚性优先保护处理）。请修正取值，或重新标准化该图层。",
    },
    "EZ-D020": {
        "en": "Layer {layer}: zone class {value!r} (features {fids}; {count} in all) is not a whole number; classes "
        "are 1 priority, 2 key, 3 general. Correct the values or standardize the layer again.",
        "zh": "图层 {layer}：分区类别 {value!r}（要素 {fids}，共 {count} 个）不是整数；类别只能为 1 优先保护、"
        "2 重点管控、3 一般管控。请修正取值，或重新标准化该图层。",
    },
    "EZ-D021": {
        "en": "Layer {layer} has no coordinate reference system, or one QGIS does not know: its places cannot be "
        "matched with the others. Set its CRS (Layer Properties › Source) first.",
        "zh": "图层 {layer} 没有坐标参照系，或其坐标参照系无法识别，无法与其他图层叠加。"
        "请先设置其坐标参照系（图层属性 › 源）。",
    },
    "EZ-D022": {
        "en": "Boundary layer {layer} holds {kind_en}, not polygons: give the polygons of the counties or townships.",
        "zh": "行政边界图层 {layer} 的几何类型为{kind}，不是面。请使用区县或乡镇街道的面图层。",
    },
    "EZ-D024": {
        "en": "County {county}: {count} slivers of under 1 m² each ({area} m² in all), left where layers nearly "
        "share a border, were merged into their neighbours.",
        "zh": "区县 {county}：{count} 处面积均不足 1 平方米的细碎多边形（合计 {area} 平方米，多为图层边界近乎重合处的"
        "叠加残余）已并入相邻单元。",
    },
    "EZ-D025": {
        "en": "Layer {layer} lies in a filing package that does not check out ({problem}): the units keep its "
        "codes, but the new plan cannot record which filed package it updates. Unpack the package again with "
        "Open filing package.",
        "zh": "图层 {layer} 所在的备案成果包未通过核验（{problem}）：新单元仍沿用其编码，但新规划无法记录所依据的"
        "备案成果包。请用“打开备案成果包”重新解压。",
    },
    "EZ-D023": {
        "en": "Boundary layer {layer}: feature {fid} (county {county}) and feature {other_fid} (county {other}) "
        "overlap by {area_m2:.0f} m² near ({x:.0f}, {y:.0f}). Counties never overlap: fix the boundary first.",
        "zh": "行政边界图层 {layer}：要素 {fid}（区县 {county}）与要素 {other_fid}（区县 {other}）重叠 "
        "{area_m2:.0f} 平方米，位置约 ({x:.0f}, {y:.0f})。区县之间不应重叠，请先修正行政边界。",
    },
    "EZ-D007": {
        "en": "No county name field given: unit names use the county code {county}.",
        "zh": "未指定区县名称字段：单元名称使用区县代码 {county}。",
    },
    "EZ-D008": {
        "en": "Layer {layer}, feature {fid}: zone class {value!r} is not 1, 2 or 3; "
        "the feature is skipped. Standardize the layer first.",
        "zh": "图层 {layer} 要素 {fid}：分区类别 {value!r} 不是 1、2 或 3，已跳过。请先标准化该图层。",
    },
    "EZ-D009": {
        "en": "Boundary feature {fid} has no county code in field {field}; it is skipped.",
        "zh": "行政边界要素 {fid} 的字段 {field} 中没有区县代码，已跳过。",
    },
    "EZ-D010": {
        "en": "Previous unit {code} kept its code for the new unit it overlaps most ({overlap_km2:.3f} km²).",
        "zh": "原单元 {code} 的编码沿用到与其重叠最大的新单元（重叠 {overlap_km2:.3f} 平方千米）。",
    },
    "EZ-D014": {
        "en": "The boundary layer has no usable features: check that it has polygons and that the county "
        "code field is filled.",
        "zh": "行政边界图层没有可用的要素：请检查其中是否有面要素，以及区县代码字段是否已填写。",
    },
    "EZ-D015": {
        "en": "Unknown method {method!r}: use overlay or fitting.",
        "zh": "未知的划定方法 {method!r}：请使用叠加法或拟合法。",
    },
    "EZ-P001": {
        "en": "Profile {profile!r} not found: give one of {available} or the path of a .json profile file.",
        "zh": "未找到配置方案 {profile!r}：请使用 {available} 之一，或 .json 配置文件的路径。",
    },
    "EZ-P002": {
        "en": "Profile {path} is not valid JSON: {error}",
        "zh": "配置文件 {path} 不是有效的 JSON：{error}",
    },
    "EZ-P003": {
        "en": "Profile {path} lacks the keys {keys}.",
        "zh": "配置文件 {path} 缺少键 {keys}。",
    },
    "EZ-P004": {
        "en": "Profile {path}: the code template {template} has no {{seq}}, so every unit of a county and class "
        "would get the same code. Add a sequence number, e.g. ZH{{county_code}}{{unit_class}}{{seq:04d}}.",
        "zh": "配置文件 {path}：编码规则 {template} 中没有 {{seq}}，同一区县同类单元将得到相同编码。"
        "请加入序号，例如 ZH{{county_code}}{{unit_class}}{{seq:04d}}。",
    },
    "EZ-P005": {
        "en": "Profile {path}: {key} {template} uses the unknown placeholder {{{name}}}. Use only {allowed}.",
        "zh": "配置文件 {path}：{key} {template} 使用了未知占位符 {{{name}}}。只能使用 {allowed}。",
    },
    "EZ-P006": {
        "en": "Profile {path}: {key} {template} is not a usable template ({error}). Write it in Python format "
        "syntax, e.g. ZH{{county_code}}{{unit_class}}{{seq:04d}}.",
        "zh": "配置文件 {path}：{key} {template} 不是可用的模板（{error}）。请按 Python 格式语法书写，"
        "例如 ZH{{county_code}}{{unit_class}}{{seq:04d}}。",
    },
    "EZ-P007": {
        "en": "Profile {path}: multipart false (one unit per part) is not supported; units are multipart. "
        "Remove the key.",
        "zh": "配置文件 {path}：不支持 multipart 为 false（每个部分一个单元），单元均为多部件。请删除该键。",
    },
    "EZ-P008": {
        "en": "Profile {path}: {key} {value} is not a number of km² (0 or more), or for element_min_share a "
        "share from 0 to 1.",
        "zh": "配置文件 {path}：{key} 的值 {value} 无效：面积应为不小于 0 的平方千米数，"
        "element_min_share 应为 0 至 1 之间的比例。",
    },
    "EZ-P009": {
        "en": "Profile {path}: {key} {value} is not a grouping. Give, for each class 1, 2 and 3, one of region, "
        'split, county, or development followed by one of them, e.g. ["development", "split"].',
        "zh": "配置文件 {path}：{key} 的值 {value} 不是有效的分组规则。请为 1、2、3 类分别给出 region（按连片区域）、"
        "split（按拆分字段）、county（按区县）之一，或在其前加 development（按开发区），"
        '例如 ["development", "split"]。',
    },
    "EZ-P011": {
        "en": "Profile {path}: required_info {value} names entries a plan does not have. List some of {known}.",
        "zh": "配置文件 {path}：required_info 的值 {value} 含有规划信息中没有的项。请从 {known} 中选择。",
    },
    "EZ-P012": {
        "en": "Profile {path}: dimensions {value} is not a dimension scheme. Give order as the national numbers "
        "1–4 in the province's order (e.g. [1, 4, 2, 3]), labels by national number (0 for undivided or common "
        "text) and complete_classes as the classes that need all four, e.g. [2, 3].",
        "zh": "配置文件 {path}：dimensions 的值 {value} 不是有效的管控维度方案。order 应按本省顺序列出全国维度编号 1–4"
        "（如 [1, 4, 2, 3]），labels 按全国编号给出名称（0 表示不分维度或共性要求），complete_classes 列出须四个维度"
        "齐全的单元类别（如 [2, 3]）。",
    },
    "EZ-P010": {
        "en": "Profile {path}: {key} {value} has the wrong form. subclass_labels maps subtype names to labels, "
        'e.g. {{"产业园区": "园区型"}}; place_elements lists elements, e.g. ["protected", "development"].',
        "zh": "配置文件 {path}：{key} 的值 {value} 格式不对。subclass_labels 应为细类名称到单元细类的对应，"
        '例如 {{"产业园区": "园区型"}}；place_elements 应为要素列表，例如 ["protected", "development"]。',
    },
    "EZ-S005": {
        "en": "The value mapping is not valid JSON: {error}",
        "zh": "取值映射不是有效的 JSON：{error}",
    },
    "EZ-S006": {
        "en": 'The value mapping must be a JSON object: {{"source value": [class, "subtype"]}}.',
        "zh": '取值映射必须是 JSON 对象：{{"源取值": [类别, "细类"]}}。',
    },
    "EZ-S007": {
        "en": "Value mapping for {key!r}: the class must be 1, 2 or 3, not {value!r}.",
        "zh": "取值 {key!r} 的映射：类别必须为 1、2 或 3，而不是 {value!r}。",
    },
    "EZ-S008": {
        "en": "The mapping file {path} cannot be read: {error}",
        "zh": "无法读取映射文件 {path}：{error}",
    },
    "EZ-S009": {
        "en": "Layer {layer}: the noise values {values} can mean a functional class (1类 = class 1 of GB 3096) or a "
        "control class (1 priority, 2 key, 3 general). Write them as 1类, 2类, 3类, or say in the mapping which is "
        'meant, e.g. {{"1": [3, "声环境1类功能区"]}}.',
        "zh": "图层 {layer}：声环境取值 {values} 既可理解为声环境功能区类别（1类，GB 3096），也可理解为管控类别"
        "（1 优先保护、2 重点管控、3 一般管控）。请写成 1类、2类、3类，或在取值映射中说明含义，"
        '例如 {{"1": [3, "声环境1类功能区"]}}。',
    },
    "EZ-S010": {
        "en": "Layer {layer} has no field {field}, and its field names do not decode ({fields}): the file is in "
        "another text encoding, typically a GBK shapefile without a .cpg file. Give the source encoding "
        "(SOURCE_ENCODING=GBK).",
        "zh": "图层 {layer} 中没有字段 {field}，且其字段名无法正确解码（{fields}）：文件采用了其他文字编码，"
        "常见于没有 .cpg 文件的 GBK 编码 shapefile。请指定源文件编码（SOURCE_ENCODING=GBK）。",
    },
    "EZ-S001": {
        "en": "Layer {layer}: values not recognised as a class: {values}. Add them to the "
        "mapping, or choose a class for unmapped values.",
        "zh": "图层 {layer}：以下取值无法识别为管控类别：{values}。请在映射中补充，或为未映射取值指定类别。",
    },
    "EZ-S002": {
        "en": "Layer {layer} is in {crs}, which cannot be transformed to CGCS2000 exactly "
        "(no official parameters); check the result against control points.",
        "zh": "图层 {layer} 的坐标系为 {crs}，无法精确转换到 CGCS2000（缺少官方转换参数），请用控制点核对结果。",
    },
    "EZ-S003": {
        "en": "Layer {layer}: eastings such as {easting:.0f} carry a zone prefix, but its CRS "
        "{crs} has none. Assign the prefixed CRS (e.g. EPSG:{suggested}) to the layer first.",
        "zh": "图层 {layer}：横坐标（如 {easting:.0f}）带有带号，但其坐标系 {crs} 不带带号。"
        "请先为图层指定带带号的坐标系（如 EPSG:{suggested}）。",
    },
    "EZ-S004": {
        "en": "Layer {layer}: {count} features with value {value!r} mapped to class {zone_class} "
        "as asked for unmapped values.",
        "zh": "图层 {layer}：{count} 个取值为 {value!r} 的要素按未映射取值的设置归为类别 {zone_class}。",
    },
    "EZ-T001": {
        "en": "The plan {path} cannot be opened: {error}. Check the path, and that the file is a plan made by "
        "Create plan and not open for writing elsewhere.",
        "zh": "无法打开规划成果库 {path}：{error}。"
        "请检查路径，确认该文件是由“创建规划成果库”生成的，且未被其他程序独占。",
    },
    "EZ-T002": {
        "en": "{path} is not an EcoZone plan: the tables {tables} are missing. Create the plan with "
        '"Create plan" first.',
        "zh": "{path} 不是 EcoZone 规划成果库：缺少数据表 {tables}。请先用“创建规划成果库”生成。",
    },
    "EZ-T003": {
        "en": "The plan {path} has schema version {version}, made by a newer EcoZone (this one knows up to "
        "{supported}). Update the plugin to open it.",
        "zh": "规划成果库 {path} 的结构版本为 {version}，由更新版本的 EcoZone 创建（本版本最高支持 {supported}）。"
        "请升级插件后再打开。",
    },
    "EZ-T004": {
        "en": "The plan has no control unit with uid {uid}: the units layer and the plan differ. Reopen the plan.",
        "zh": "规划成果库中没有标识为 {uid} 的管控单元：单元图层与规划成果库不一致，请重新打开规划成果库。",
    },
    "EZ-T005": {
        "en": "Only clauses of one level, scope, class and dimension can be reordered together.",
        "zh": "只能对同一层级、范围、类别和维度的条款一起调整顺序。",
    },
    "EZ-T006": {
        "en": "Change {change} is not a clause change of this plan and cannot be undone.",
        "zh": "变更 {change} 不是本规划的条款变更，无法撤销。",
    },
    "EZ-T007": {
        "en": "The plan {path} was made by an older EcoZone (schema version {version}; this one uses {supported}) "
        "and is not changed by opening it. Upgrade it once: open it in the Admission list dock, which asks and "
        "keeps a backup copy, or run Upgrade plan (ecozone:upgradeplan).",
        "zh": "规划成果库 {path} 由旧版 EcoZone 创建（结构版本 {version}，本版本为 {supported}），打开时不会修改它。"
        "请先升级一次：在“准入清单”停靠窗口中打开（会询问并保留备份副本），或运行“升级规划成果库”"
        "（ecozone:upgradeplan）。",
    },
    "EZ-T019": {
        "en": "The backup copy {path} could not be written ({error}), so the plan was not upgraded. Free some disk "
        "space or make the folder writable.",
        "zh": "无法写入备份副本 {path}（{error}），因此未升级规划成果库。请腾出磁盘空间，或确认目录可写。",
    },
    "EZ-T020": {
        "en": "Unknown plan information {keys}: an author sets {known}.",
        "zh": "未知的规划信息项 {keys}：可设置的信息项为 {known}。",
    },
    "EZ-T021": {
        "en": "Date {value!r} is not written as YYYY-MM-DD (e.g. 2026-12-01).",
        "zh": "日期 {value!r} 格式不对，应写作 YYYY-MM-DD（例如 2026-12-01）。",
    },
    "EZ-T022": {
        "en": "A plan on PostgreSQL needs the psycopg2 Python package ({error}). On Debian: apt install "
        "python3-psycopg2; with OSGeo4W it comes with QGIS.",
        "zh": "打开 PostgreSQL 上的规划成果库需要 Python 包 psycopg2（{error}）。Debian 上请执行 "
        "apt install python3-psycopg2；OSGeo4W 安装的 QGIS 已自带。",
    },
    "EZ-T023": {
        "en": "{address} is not a plan address: write postgresql://user@host:port/database?schema=plan_schema "
        "(other libpq parameters such as sslmode may follow).",
        "zh": "{address} 不是有效的规划成果库地址：请写作 postgresql://用户@主机:端口/数据库?schema=规划模式名"
        "（其后可附加 sslmode 等 libpq 参数）。",
    },
    "EZ-T024": {
        "en": "A plan on PostGIS is kept in an EPSG coordinate system; {crs} has no EPSG code. Derive the units "
        "in a CGCS2000 Gauss-Krüger zone (as Derive control units does).",
        "zh": "PostGIS 上的规划成果库须使用 EPSG 坐标系；{crs} 没有 EPSG 代码。请在 CGCS2000 高斯-克吕格投影带中"
        "划定单元（“划定环境管控单元”即如此）。",
    },
    "EZ-T025": {
        "en": "{path} exists already; a new plan is not written over it. Choose another schema name, or remove "
        "the old plan first.",
        "zh": "{path} 已存在，新规划不会覆盖它。请换一个模式名，或先删除原有规划。",
    },
    "EZ-T026": {
        "en": "Clause {clause_no} ({level} {scope}) was changed by {author} at {ts} after you read it; nothing of "
        "this change was written. Reload the clause to see their text, or keep yours as a new clause.",
        "zh": "条款 {clause_no}（{level} {scope}）在您读取后已由 {author} 于 {ts} 修改；本次修改未写入。"
        "请重新载入该条款查看其内容，或将您的文字另存为新条款。",
    },
    "EZ-T027": {
        "en": "The plan {path} is read-only for you: the database allows you to read it, not to change it "
        "({error}). Nothing was written. Ask the plan's administrator for write access, or work on a copy.",
        "zh": "规划成果库 {path} 对您是只读的：数据库只允许您读取，不允许修改（{error}）。未写入任何内容。"
        "请向规划管理员申请写权限，或在副本上工作。",
    },
    "EZ-T028": {
        "en": "{address} names no stored QGIS connection and schema: write pgconn:CONNECTION/SCHEMA with one of "
        "the PostgreSQL connections of the Browser ({known}).",
        "zh": "{address} 没有指向已保存的 QGIS 连接和模式：请写作 pgconn:连接名/模式名，连接名取浏览器中已有的 "
        "PostgreSQL 连接（{known}）。",
    },
    "EZ-T029": {
        "en": "The authentication configuration {authcfg} of the connection {name} cannot be read: unlock QGIS's "
        "authentication database (master password) or choose the configuration again in the connection.",
        "zh": "无法读取连接 {name} 的认证配置 {authcfg}：请解锁 QGIS 认证数据库（主密码），"
        "或在连接设置中重新选择认证配置。",
    },
    "EZ-T030": {
        "en": "The team store {path} cannot be reached: {error}. Check the host, port, database and user (or the "
        "QGIS connection), that the server runs, and that the password is in libpq's password file, the service "
        "or the connection's authentication configuration.",
        "zh": "无法连接团队成果库 {path}：{error}。请检查主机、端口、数据库和用户（或 QGIS 连接设置），确认服务器"
        "正在运行，且密码已存于 libpq 密码文件、服务配置或连接的认证配置中。",
    },
    "EZ-T031": {
        "en": "The plan entry {label_en} was changed by {author} at {ts} after you read it; nothing of this change "
        "was written. Reload to see their entry, or write yours again over it.",
        "zh": "规划信息“{label_zh}”在您读取后已由 {author} 于 {ts} 修改；本次修改未写入。"
        "请重新载入查看其内容，或再次写入以覆盖。",
    },
    "EZ-T008": {
        "en": "The schema version is kept by EcoZone and cannot be set by hand.",
        "zh": "结构版本由 EcoZone 维护，不能手动修改。",
    },
    "EZ-T009": {
        "en": "Clause {id} is no longer in the plan (changed elsewhere?). Reload the list.",
        "zh": "条款 {id} 已不在规划成果库中（可能已在别处修改），请刷新列表。",
    },
    "EZ-T010": {
        "en": "Clause number {clause_no} is already used at level {level}, scope {scope}, dimension "
        "{dimension}: choose another number.",
        "zh": "条款编号 {clause_no} 在层级 {level}、范围 {scope}、维度 {dimension} 中已被使用，请换一个编号。",
    },
    "EZ-T011": {
        "en": "Unknown clause level {level!r}: use city, county or unit.",
        "zh": "未知的条款层级 {level!r}：请使用 city（市级）、county（区县级）或 unit（单元级）。",
    },
    "EZ-T012": {
        "en": "Unknown dimension {dimension!r}: use 1 to 4, or 0 for undivided or common text.",
        "zh": "未知的管控维度 {dimension!r}：请使用 1 至 4，或用 0 表示不分维度的管控要求或共性要求。",
    },
    "EZ-T013": {
        "en": "Unknown class {value!r} for a clause: use 1, 2, 3 or none.",
        "zh": "条款的适用类别 {value!r} 无效：请使用 1、2、3 或留空。",
    },
    "EZ-T014": {
        "en": "A {level} clause needs its scope (the county code or the unit).",
        "zh": "{level} 级条款需要指定范围（区县代码或管控单元）。",
    },
    "EZ-T015": {
        "en": "Clause {clause_no} has no text.",
        "zh": "条款 {clause_no} 没有内容。",
    },
    "EZ-T016": {
        "en": "A clause needs a number such as 1-1.",
        "zh": "条款需要编号，例如 1-1。",
    },
    "EZ-T017": {
        "en": "The plan {path} could not be written: {error}. Nothing was changed. For a plan file, free disk "
        "space or close the program that holds the file; for a plan on PostgreSQL, check that the server is "
        "reachable and the text holds no NUL character. Then try again.",
        "zh": "无法写入规划成果库 {path}：{error}。未做任何修改。规划成果库文件请释放磁盘空间或关闭占用该文件的程序；"
        "PostgreSQL 上的规划请确认服务器可以连接、文字中没有 NUL 字符。然后重试。",
    },
    "EZ-T018": {
        "en": "The clause library {path} cannot be read: {error}. Correct the JSON or delete the file to start "
        "a new library.",
        "zh": "无法读取条款库 {path}：{error}。请修正其中的 JSON，或删除该文件以重建条款库。",
    },
    "EZ-F001": {
        "en": "{path} could not be written: {error}. Nothing was filed. Check the disk space and that the "
        "target folder is writable.",
        "zh": "无法写入 {path}：{error}。未生成备案成果包。请检查磁盘空间及目标目录是否可写。",
    },
    "EZ-F002": {
        "en": "Unit {unit}: field {field} has {length} bytes, more than a shapefile holds ({limit}); the "
        "shapefile has it shortened (the GeoPackage keeps it whole).",
        "zh": "单元 {unit}：字段 {field} 长 {length} 字节，超过 shapefile 的上限（{limit}），shapefile 中已截断"
        "（GeoPackage 中保留全文）。",
    },
    "EZ-F003": {
        "en": "Validation found {errors} errors ({codes}): the package was not written. Fix them, or export "
        "with FORCE (recorded in the manifest).",
        "zh": "成果检查发现 {errors} 个错误（{codes}），未生成备案成果包。"
        "请先修正，或勾选“强制导出”（将记录在清单文件中）。",
    },
    "EZ-F004": {
        "en": "{path} is not a readable zip file: {error}. Ask the sender for the package again.",
        "zh": "{path} 不是可读取的 zip 文件：{error}。请向提交方重新索取成果包。",
    },
    "EZ-F005": {
        "en": "{path} holds paths outside its folder ({names}); it was not opened. Do not use this file; ask "
        "for the package again.",
        "zh": "{path} 中含有指向包外的路径（{names}），未予打开。请勿使用该文件，并重新索取成果包。",
    },
    "EZ-F006": {
        "en": "The package lacks {path}: it is incomplete. Ask for the package again.",
        "zh": "成果包缺少文件 {path}，内容不完整。请重新索取成果包。",
    },
    "EZ-F007": {
        "en": "The package's manifest.json is not a valid EcoZone manifest: {error}. Export the package again "
        "with EcoZone (or a newer EcoZone opens it).",
        "zh": "成果包的 manifest.json 不是有效的 EcoZone 清单文件：{error}。"
        "请用 EcoZone 重新导出成果包（或升级 EcoZone 后再打开）。",
    },
    "EZ-F008": {
        "en": "{path} differs from the manifest (size or SHA-256): the file was changed after export. Ask "
        "for the package again; do not file a changed package.",
        "zh": "{path} 与清单记录不符（大小或 SHA-256 校验值）：文件在导出后被修改过。"
        "请重新索取成果包，勿使用被修改的成果包备案。",
    },
    "EZ-F009": {
        "en": "{path} is in the package but not in its manifest: it was added after export. Ask for the package again.",
        "zh": "{path} 在成果包中，但清单文件未列出，系导出后加入。请重新索取成果包。",
    },
    "EZ-F010": {
        "en": "{path} would unpack to {members} files and {size_mb:.0f} MB, more than a filing package holds "
        "({max_members} files, {max_mb:.0f} MB); it was not opened. Ask for the package again.",
        "zh": "{path} 解压后有 {members} 个文件、{size_mb:.0f} MB，超出备案成果包的上限（{max_members} 个文件、"
        "{max_mb:.0f} MB），未予打开。请重新索取成果包。",
    },
    "EZ-F011": {
        "en": "The style of {table} could not be stored in the delivery GeoPackage ({error}); the data are "
        "complete, but QGIS shows the layer unstyled until the bundled style is loaded.",
        "zh": "未能将 {table} 的样式存入成果 GeoPackage（{error}）；数据完整，但 QGIS 打开时不显示样式，"
        "需手动加载插件自带样式。",
    },
    "EZ-F012": {
        "en": "The update takes {count} pieces of ground out of priority protection without a reason: {pieces}. "
        "Each needs the provincial-level justification (需省级论证说明): type its reason in the filing dock's "
        "update comparison, or set FORCE, which the manifest records.",
        "zh": "本次更新有 {count} 处图斑调出优先保护单元但未填写调整理由：{pieces}。每处均需省级论证说明："
        "请在成果备案面板的“更新对比”中填写理由，或勾选强制导出（清单文件将记录）。",
    },
    "EZ-F013": {
        "en": "The update package records update_of {recorded}, which does not match the earlier package "
        "{path} ({fields} differ): it is not the update of that package.",
        "zh": "更新成果包记录的上一版本（update_of）为 {recorded}，与所给上一版本成果包 {path} 不符"
        "（{fields} 不一致）：它不是该成果包的更新。",
    },
    "EZ-F014": {
        "en": "The update keeps the plan version {version} of the earlier package; give the update its own "
        "version (filing dock or Set plan information) so the two filings can be told apart.",
        "zh": "本次更新的方案版本与上一版本成果包相同（{version}）；请在成果备案面板或“设置方案信息”中"
        "为更新填写新的版本号，以便区分两次备案。",
    },
    "EZ-F015": {
        "en": "{path} is not a filing package: neither it nor its folder (or the folder above) holds the "
        "manifest.json that EcoZone writes into every package. Give the package .zip exported by "
        "Export filing package, or the folder Open filing package unpacked it into.",
        "zh": "{path} 不是备案成果包：它及其所在目录（或上一级目录）中都没有 EcoZone 成果包必有的 "
        "manifest.json。请选择“导出备案成果包”生成的 zip 文件，或“打开备案成果包”解压出的目录。",
    },
    "EZ-F016": {
        "en": "The plan records that it is based on the package {based_on_package} (manifest {based_on}), but "
        "the update is compared with {path} (manifest {sha256}). Check that PREVIOUS is the package this "
        "plan was derived from.",
        "zh": "规划成果记录其依据的上一版本为成果包 {based_on_package}（清单 {based_on}），但本次更新对比的是 "
        "{path}（清单 {sha256}）。请确认所选上一版本正是本规划据以划定的成果包。",
    },
    "EZ-Y001": {
        "en": "Layer {layer} has no sites to screen: it has no features with a geometry. Choose the layer of the "
        "project sites (points, lines or polygons).",
        "zh": "图层 {layer} 没有可研判的项目：其中没有带几何的要素。请选择项目选址图层（点、线或面）。",
    },
    "EZ-Y002": {
        "en": "Sites {sites}: industry {values} is not a GB/T 4754-2017 code or name; they are judged 待补充信息. "
        "Correct the industry field (e.g. 3011 or 水泥制造).",
        "zh": "项目 {sites} 的行业“{values}”不是 GB/T 4754-2017 的代码或名称，研判结果为“待补充信息”。"
        "请更正行业字段（例如 3011 或 水泥制造）。",
    },
    "EZ-G001": {
        "severity": "error",
        "en": "Unit {unit}: invalid geometry ({reason}). Fix: run Fix geometries on the units, or re-derive them.",
        "zh": "单元 {unit}：几何无效（{reason}）。处理：对单元执行“修复几何”，或重新划定。",
    },
    "EZ-G002": {
        "severity": "error",
        "en": "Unit {unit}: empty geometry. Fix: delete the unit or re-derive the units.",
        "zh": "单元 {unit}：几何为空。处理：删除该单元或重新划定。",
    },
    "EZ-G003": {
        "severity": "error",
        "en": "Unit {unit}: the geometry is a {kind}, not a polygon. Fix: keep only polygons in the units layer.",
        "zh": "单元 {unit}：几何类型为 {kind}，不是面。处理：单元图层中只保留面要素。",
    },
    "EZ-G004": {
        "severity": "warning",
        "en": "Unit {unit}: {count} repeated vertices, first at ({x:.1f}, {y:.1f}). Fix: remove duplicate "
        "vertices (Processing: Remove duplicate vertices).",
        "zh": "单元 {unit}：有 {count} 个重复节点，首个位于 ({x:.1f}, {y:.1f})。处理：删除重复节点"
        "（处理工具“删除重复节点”）。",
    },
    "EZ-G005": {
        "severity": "warning",
        "en": "Unit {unit}: a ring of {area_m2:.2f} m² at ({x:.1f}, {y:.1f}) is too small to be real. Fix: "
        "remove the tiny ring or hole.",
        "zh": "单元 {unit}：位于 ({x:.1f}, {y:.1f}) 的环面积仅 {area_m2:.2f} 平方米，属于无效小环。"
        "处理：删除该小环或小洞。",
    },
    "EZ-C001": {
        "severity": "error",
        "en": "County {county}: a gap of {area_m2:.1f} m² that no unit covers. Fix: re-derive the units or "
        "give the gap to a neighbouring unit.",
        "zh": "区县 {county}：有 {area_m2:.1f} 平方米的缝隙未被任何单元覆盖。处理：重新划定，或将缝隙并入相邻单元。",
    },
    "EZ-C002": {
        "severity": "error",
        "en": "Units {unit} and {other} overlap by {area_m2:.1f} m². Fix: remove the overlap from one of them.",
        "zh": "单元 {unit} 与 {other} 重叠 {area_m2:.1f} 平方米。处理：从其中一个单元中去除重叠部分。",
    },
    "EZ-C003": {
        "severity": "error",
        "en": "Unit {unit}: {area_m2:.1f} m² lie outside the administrative boundary. Fix: clip the unit to "
        "the boundary.",
        "zh": "单元 {unit}：有 {area_m2:.1f} 平方米超出行政边界。处理：用行政边界裁剪该单元。",
    },
    "EZ-C004": {
        "severity": "error",
        "en": "Unit {unit} of county {county} reaches {area_m2:.1f} m² into county {other}. Fix: units never "
        "cross a county; split or clip it.",
        "zh": "区县 {county} 的单元 {unit} 有 {area_m2:.1f} 平方米伸入区县 {other}。"
        "处理：单元不得跨区县，请分割或裁剪。",
    },
    "EZ-C005": {
        "severity": "warning",
        "en": "County {county}: neighbouring units do not share their border vertex for vertex (a vertex on one "
        "side only); gaps were checked the slow way. QGIS topological editing and coverage tools need matching "
        "vertices. Fix: re-derive the units, or snap them to each other (Snap geometries to layer).",
        "zh": "区县 {county}：相邻单元的公共边界节点不一致（某处只有一侧有节点），已改用逐一合并方式检查缝隙。"
        "QGIS 拓扑编辑与覆盖工具要求节点一致。处理：重新划定单元，或将单元相互捕捉（“捕捉几何到图层”）。",
    },
    "EZ-K001": {
        "severity": "error",
        "en": "Unit {unit}: the code does not follow the profile's template {template}. Fix: recode the unit "
        "(re-derive with PREVIOUS_UNITS keeps the others).",
        "zh": "单元 {unit}：编码不符合配置方案的编码规则 {template}。处理：按规则重新编码"
        "（使用 PREVIOUS_UNITS 重新划定可保留其他单元编码）。",
    },
    "EZ-K002": {
        "severity": "error",
        "en": "Unit code {unit} is used {count} times. Fix: give each unit its own code.",
        "zh": "单元编码 {unit} 被使用了 {count} 次。处理：为每个单元分配唯一编码。",
    },
    "EZ-K003": {
        "severity": "error",
        "en": "Unit {unit}: the code's county part differs from its county {county}. Fix: recode the unit.",
        "zh": "单元 {unit}：编码中的区县代码与所属区县 {county} 不一致。处理：重新编码。",
    },
    "EZ-K004": {
        "severity": "error",
        "en": "Unit {unit}: the code's class digit differs from its class {unit_class}. Fix: recode the unit "
        "or correct its class.",
        "zh": "单元 {unit}：编码中的类别位与单元类别 {unit_class} 不一致。处理：重新编码或更正类别。",
    },
    "EZ-K005": {
        "severity": "warning",
        "en": "Unit {unit}: the name {name} is used by {count} units. Fix: number or rename them.",
        "zh": "单元 {unit}：名称“{name}”被 {count} 个单元使用。处理：加编号或改名。",
    },
    "EZ-A004": {
        "severity": "error",
        "en": "The plan lacks what a filing needs: {items}. Fix: fill them in the Filing dock, or run Set plan "
        "information (ecozone:setplaninfo).",
        "zh": "规划成果缺少备案所需信息：{items_zh}。处理：在“成果备案”面板中填写，或运行“设置规划信息”"
        "（ecozone:setplaninfo）。",
    },
    "EZ-A001": {
        "severity": "error",
        "en": "Unit {unit}: required fields are empty: {fields}. Fix: fill them in.",
        "zh": "单元 {unit}：必填字段为空：{fields}。处理：补充填写。",
    },
    "EZ-A002": {
        "severity": "error",
        "en": "Unit {unit}: class {value!r} is not 1, 2 or 3. Fix: correct unit_class.",
        "zh": "单元 {unit}：类别 {value!r} 不是 1、2 或 3。处理：更正 unit_class。",
    },
    "EZ-A003": {
        "severity": "warning",
        "en": "Unit {unit}: recorded area {recorded:.6f} km² differs from its geometry's {measured:.6f} km². "
        "Fix: recompute area_km2.",
        "zh": "单元 {unit}：记录面积 {recorded:.6f} 平方千米与几何面积 {measured:.6f} 平方千米不符。"
        "处理：重新计算 area_km2。",
    },
    "EZ-A005": {
        "severity": "warning",
        "en": "Unit {unit}: field {field} has {length} bytes in {encoding}, more than a shapefile holds ({limit}): "
        "the filing package's shapefile will have it shortened; the package's GeoPackage and FileGDB keep it whole. "
        "Fix: shorten the text if the shapefile must hold all of it.",
        "zh": "单元 {unit}：字段 {field} 按 {encoding} 编码长 {length} 字节，超过 shapefile 的上限（{limit}）："
        "备案成果包中的 shapefile 将截断该字段，成果包中的 GeoPackage 和 FileGDB 保留全文。"
        "处理：如需 shapefile 保留全文，请精简该文字。",
    },
    "EZ-R001": {
        "severity": "error",
        "en": "{area_m2:.1f} m² of {subtype} {zone} lie outside priority units. Fix: hard-priority ground "
        "must be priority; re-derive the units.",
        "zh": "{subtype}{zone}有 {area_m2:.1f} 平方米不在优先保护单元内。"
        "处理：生态保护红线和保护地必须划入优先保护单元，请重新划定。",
    },
    "EZ-R002": {
        "severity": "warning",
        "en": "Unit {unit}: a part of {area_km2:.4f} km² at ({x:.0f}, {y:.0f}) is below the minimum "
        "{min_area_km2} km². Fix: merge it into a neighbour, or re-derive with MIN_AREA.",
        "zh": "单元 {unit}：位于 ({x:.0f}, {y:.0f}) 的图斑面积 {area_km2:.4f} 平方千米，"
        "小于最小面积 {min_area_km2} 平方千米。"
        "处理：并入相邻单元，或按最小面积重新划定。",
    },
    "EZ-L001": {
        "severity": "warning",
        "en": "Unit {unit}: no admission clause in {dimensions_en}. Fix: add unit, county or city clauses in "
        "the 准入清单 dock.",
        "zh": "单元 {unit}：{dimensions}维度没有准入条款。处理：在“准入清单”窗口补充单元、区县或市级条款。",
    },
    "EZ-X001": {
        "en": "Sheet {sheet}, row {row}: unknown unit code {value!r}; the plan has no such unit.",
        "zh": "工作表 {sheet} 第 {row} 行：未知的单元编码 {value!r}，规划中没有该单元。",
    },
    "EZ-X002": {
        "en": "Sheet {sheet}, row {row}: unknown dimension {value!r}; use 空间布局约束, 污染物排放管控, "
        "环境风险防控, 资源利用效率 or 1–4.",
        "zh": "工作表 {sheet} 第 {row} 行：未知的管控维度 {value!r}，请填写空间布局约束、污染物排放管控、"
        "环境风险防控、资源利用效率或 1–4。",
    },
    "EZ-X003": {
        "en": "Sheet {sheet}, row {row}: clause number {value!r} repeats the one on sheet {first_sheet}, "
        "row {first_row}.",
        "zh": "工作表 {sheet} 第 {row} 行：条款编号 {value!r} 与工作表 {first_sheet} 第 {first_row} 行重复。",
    },
    "EZ-X004": {
        "en": "Sheet {sheet}, row {row}: clause {value!r} has no text.",
        "zh": "工作表 {sheet} 第 {row} 行：条款 {value!r} 没有内容。",
    },
    "EZ-X005": {
        "en": "Sheet {sheet}, row {row}: unknown level {value!r}; use 市级, 区县级 or 单元级.",
        "zh": "工作表 {sheet} 第 {row} 行：未知的层级 {value!r}，请填写市级、区县级或单元级。",
    },
    "EZ-X006": {
        "en": "Sheet {sheet}, row {row}: unknown unit class {value!r}; leave it empty or use 优先保护单元, "
        "重点管控单元, 一般管控单元.",
        "zh": "工作表 {sheet} 第 {row} 行：未知的适用类别 {value!r}，"
        "请留空或填写优先保护单元、重点管控单元、一般管控单元。",
    },
    "EZ-X007": {
        "en": "Sheet {sheet}, row {row}: unknown county code {value!r}; the plan has no such county.",
        "zh": "工作表 {sheet} 第 {row} 行：未知的区县代码 {value!r}，规划中没有该区县。",
    },
    "EZ-X008": {
        "en": "{path} has neither the level sheets (columns 层级, 维度, 条款编号, 条款内容) nor an appendix "
        "(column 环境管控单元编码 and the four dimensions).",
        "zh": "{path} 中既没有分层级工作表（列：层级、维度、条款编号、条款内容），也没有附表"
        "（列：环境管控单元编码及四个管控维度）。",
    },
    "EZ-X009": {
        "en": "Sheet {sheet}, row {row}: the clause has no number (e.g. 1-1).",
        "zh": "工作表 {sheet} 第 {row} 行：条款没有编号（例如 1-1）。",
    },
    "EZ-X010": {
        "en": "{path} cannot be read as an Excel workbook (.xlsx): {error}. Save it from Excel or WPS as .xlsx "
        "and try again.",
        "zh": "无法将 {path} 作为 Excel 工作簿（.xlsx）读取：{error}。请在 Excel 或 WPS 中另存为 .xlsx 后重试。",
    },
    "EZ-X011": {
        "en": "Sheet {sheet}, row {row}: unit {value!r} is listed again (first at row {first_row}).",
        "zh": "工作表 {sheet} 第 {row} 行：单元 {value!r} 重复出现（首次在第 {first_row} 行）。",
    },
}


@dataclass(frozen=True)
class Message:
    code: str
    params: dict = field(default_factory=dict)

    def text(self, lang: str = "en") -> str:
        templates = CATALOGUE[self.code]
        template = templates["zh"] if lang.lower().startswith("zh") else templates["en"]
        return template.format(**self.params)

    def __str__(self) -> str:
        return f"{self.code} {self.text('en')}"


class EcoZoneError(ValueError):
    """An error of core with a catalogue message, shown to the user in their language."""

    def __init__(self, code: str, **params):
        self.message = Message(code, params)
        super().__init__(str(self.message))


def default_severity(code: str) -> str:
    """A validation finding's severity unless the profile says otherwise."""
    return CATALOGUE[code]["severity"]


def ui_language(locale_name: str | None) -> str:
    """'zh' for any Chinese locale QGIS may report (zh_CN, zh-Hans, zh_TW), else 'en'."""
    return "zh" if (locale_name or "").lower().startswith("zh") else "en"
