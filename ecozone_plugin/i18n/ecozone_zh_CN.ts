<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1">
<context>
    <name>@default</name>
    <message>
        <location filename="../ui/team_dialog.py" line="33"/>
        <source>Plans in the team store</source>
        <translation>团队成果库中的规划</translation>
    </message>
    <message>
        <location filename="../ui/team_dialog.py" line="38"/>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <location filename="../ui/team_dialog.py" line="42"/>
        <source>Plan (schema)</source>
        <translation>规划（模式）</translation>
    </message>
    <message>
        <location filename="../ui/team_dialog.py" line="42"/>
        <source>Counties</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../ui/team_dialog.py" line="42"/>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../ui/team_dialog.py" line="56"/>
        <source>QGIS has no stored PostgreSQL connection: add one in the Browser (PostgreSQL › New Connection).</source>
        <translation>QGIS 中尚无已保存的 PostgreSQL 连接：请在浏览器中新建（PostgreSQL › 新建连接）。</translation>
    </message>
    <message>
        <location filename="../ui/team_dialog.py" line="78"/>
        <source>{0} plans in {1}.</source>
        <translation>{1} 中有 {0} 个规划。</translation>
    </message>
    <message>
        <location filename="../ui/team_dialog.py" line="80"/>
        <source>The connection {0} holds no EcoZone plan yet (Copy plan puts one there).</source>
        <translation>连接 {0} 中还没有 EcoZone 规划（可用“复制规划成果库”放入）。</translation>
    </message>
</context>
<context>
    <name>AdmissionDock</name>
    <message>
        <location filename="../ui/admission_dock.py" line="343"/>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="343"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="343"/>
        <source>City</source>
        <translation>市级</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="101"/>
        <source>All units</source>
        <translation>全部单元</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="194"/>
        <source>Control units (plan)</source>
        <translation>环境管控单元（规划成果库）</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="260"/>
        <source>Open a plan, then select a unit on the map.</source>
        <translation>请打开规划成果库，然后在地图上选择一个管控单元。</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="269"/>
        <source>County {0}: clauses for all its units, or for one class.</source>
        <translation>区县 {0}：适用于本区县全部单元或某一类单元的条款。</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="275"/>
        <source>City: clauses for every unit of the plan, or for one class.</source>
        <translation>市级：适用于规划全部单元或某一类单元的条款。</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="304"/>
        <source>Inherited from the {0} level: edit it there.</source>
        <translation>继承自{0}层级：请在该层级修改。</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="317"/>
        <source>Select a unit on layer {0}.</source>
        <translation>请在图层 {0} 上选择一个管控单元。</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="323"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; {1}&lt;br&gt;{2} · {3} {4} · {5:.2f} km²</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; {1}&lt;br&gt;{2} · {3} {4} · {5:.2f} 平方千米</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="332"/>
        <source>Elements: {0}</source>
        <translation>要素细类：{0}</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="335"/>
        <source>No clause yet: {0}</source>
        <translation>尚无条款：{0}</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="485"/>
        <source>Inherited clause (read-only)</source>
        <translation>继承的条款（只读）</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="487"/>
        <source>Clause {0}</source>
        <translation>条款 {0}</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="487"/>
        <source>New clause</source>
        <translation>新条款</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="520"/>
        <source>A clause cannot be empty: use Delete to remove it.</source>
        <translation>条款内容不能为空；如需删除，请点击“删除”。</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="660"/>
        <source>{0} clauses inserted into {1} units.</source>
        <translation>已向 {1} 个单元插入 {0} 条条款。</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="668"/>
        <source>Inserting clauses into {0} units</source>
        <translation>正在向 {0} 个单元插入条款</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="685"/>
        <source>{0} of {1} units lack a clause in some dimension.</source>
        <translation>{1} 个单元中有 {0} 个单元存在缺少条款的管控维度。</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="689"/>
        <source>All {0} units have clauses in all four dimensions.</source>
        <translation>全部 {0} 个单元的四个管控维度均有条款。</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="694"/>
        <source>Checking the admission list</source>
        <translation>正在检查准入清单</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="375"/>
        <source>Element tag as published, e.g. 水, 大气, 产业</source>
        <translation>发布时的要素标签，如 水、大气、产业</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="474"/>
        <source>From the wording</source>
        <translation>按文字判断</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="378"/>
        <source>Prohibit</source>
        <translation>禁止类</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="378"/>
        <source>Restrict</source>
        <translation>限制类</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="378"/>
        <source>Encourage</source>
        <translation>鼓励引导类</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="378"/>
        <source>General</source>
        <translation>综合类</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="386"/>
        <source>Find an industry by code or name</source>
        <translation>按代码或名称查找行业</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="394"/>
        <source>Adopt</source>
        <translation>采用</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="395"/>
        <source>Confirm the codes proposed from the clause&apos;s wording</source>
        <translation>确认由条款文字推荐的行业代码</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="396"/>
        <source>Set aside</source>
        <translation>不采用</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="397"/>
        <source>Do not use the proposed codes for this clause</source>
        <translation>本条款不使用推荐的行业代码</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="403"/>
        <source>Tag</source>
        <translation>标签</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="404"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="421"/>
        <source>{0} (unknown)</source>
        <translation>{0}（未知代码）</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="431"/>
        <source>Proposed from the wording: {0}</source>
        <translation>由条款文字推荐：{0}</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="474"/>
        <source>From the wording: {0}</source>
        <translation>按文字判断：{0}</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="556"/>
        <source>Changed by another author</source>
        <translation>已被其他编制人员修改</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="557"/>
        <source>Keep mine as a new clause</source>
        <translation>将我的文字另存为新条款</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.py" line="558"/>
        <source>Show their version</source>
        <translation>查看对方的版本</translation>
    </message>
</context>
<context>
    <name>AdmissionDockBase</name>
    <message>
        <location filename="../ui/admission_dock.ui" line="9"/>
        <source>Admission list</source>
        <translation>准入清单</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="17"/>
        <source>Plan</source>
        <translation>规划成果库</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="22"/>
        <source>Create plan…</source>
        <translation>创建规划成果库…</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="23"/>
        <source>Run Create plan to make a plan from derived units</source>
        <translation>运行“创建规划成果库”，由划定的管控单元生成规划成果库</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="32"/>
        <source>Level</source>
        <translation>层级</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="37"/>
        <source>Edit the clauses of one unit, of a county or of the whole city</source>
        <translation>编辑单个单元、某个区县或全市的条款</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="42"/>
        <source>County</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="47"/>
        <source>Units the new clause applies to</source>
        <translation>新条款适用的单元类别</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="56"/>
        <source>Open a plan, then select a unit on the map.</source>
        <translation>请打开规划成果库，然后在地图上选择一个管控单元。</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="66"/>
        <source>No.</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="67"/>
        <source>From</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="73"/>
        <source>Clause</source>
        <translation>条款</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="77"/>
        <source>Dimension</source>
        <translation>管控维度</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="85"/>
        <source>Text</source>
        <translation>内容</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="91"/>
        <source>Type the clause; it is saved as you go.</source>
        <translation>在此输入条款内容，输入后自动保存。</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="96"/>
        <source>Industry codes</source>
        <translation>行业代码</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="101"/>
        <source>GB/T 4754 codes, separated by ;</source>
        <translation>GB/T 4754 行业代码，以 ; 分隔</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="109"/>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="109"/>
        <source>Start a new clause in the chosen dimension</source>
        <translation>在所选管控维度中新建条款</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="110"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="110"/>
        <source>Save the clause now (it is also saved when you move on)</source>
        <translation>立即保存条款（切换选择时也会自动保存）</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="111"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="112"/>
        <source>Up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="112"/>
        <source>Move the clause up (renumbers the dimension)</source>
        <translation>上移条款（重新编号本维度条款）</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="113"/>
        <source>Down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="113"/>
        <source>Move the clause down (renumbers the dimension)</source>
        <translation>下移条款（重新编号本维度条款）</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="114"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="114"/>
        <source>Undo the last change made here</source>
        <translation>撤销在此所做的上一次修改</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="115"/>
        <source>Library…</source>
        <translation>条款库…</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="115"/>
        <source>Insert clauses from the clause library</source>
        <translation>从条款库插入条款</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="128"/>
        <source>Select incomplete</source>
        <translation>选择不完整单元</translation>
    </message>
    <message>
        <location filename="../ui/admission_dock.ui" line="129"/>
        <source>Select the units that lack a clause in some dimension</source>
        <translation>选择缺少某一管控维度条款的单元</translation>
    </message>
</context>
<context>
    <name>BundledModel</name>
    <message>
        <location filename="../algorithms/provider.py" line="67"/>
        <source>Standardize zones, then derive control units</source>
        <translation>标准化要素分区后划定环境管控单元</translation>
    </message>
</context>
<context>
    <name>ClauseLibraryDialog</name>
    <message>
        <location filename="../ui/library_dialog.py" line="34"/>
        <source>Clause library</source>
        <translation>条款库</translation>
    </message>
    <message>
        <location filename="../ui/library_dialog.py" line="44"/>
        <source>Templates for {0}</source>
        <translation>适用于{0}的条款模板</translation>
    </message>
    <message>
        <location filename="../ui/library_dialog.py" line="44"/>
        <source>all units</source>
        <translation>全部单元</translation>
    </message>
    <message>
        <location filename="../ui/library_dialog.py" line="49"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location filename="../ui/library_dialog.py" line="49"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location filename="../ui/library_dialog.py" line="65"/>
        <source>Insert into all {0} selected units</source>
        <translation>插入到全部 {0} 个已选单元</translation>
    </message>
    <message>
        <location filename="../ui/library_dialog.py" line="69"/>
        <source>Insert</source>
        <translation>插入</translation>
    </message>
    <message>
        <location filename="../ui/library_dialog.py" line="70"/>
        <source>Add the current clause to the library</source>
        <translation>将当前条款加入条款库</translation>
    </message>
    <message>
        <location filename="../ui/library_dialog.py" line="82"/>
        <source>Bundled</source>
        <translation>内置</translation>
    </message>
    <message>
        <location filename="../ui/library_dialog.py" line="82"/>
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../ui/library_dialog.py" line="100"/>
        <source>Added to the library</source>
        <translation>已加入条款库</translation>
    </message>
</context>
<context>
    <name>CompareVersionsAlgorithm</name>
    <message>
        <location filename="../algorithms/compare_versions.py" line="55"/>
        <source>Compare plan versions</source>
        <translation>规划版本对比</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="71"/>
        <source>Earlier version</source>
        <translation>原版本</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="71"/>
        <source>Newer version</source>
        <translation>新版本</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="81"/>
        <source>Smallest change listed (m²)</source>
        <translation>列出的最小变化面积（平方米）</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="159"/>
        <source>Changes</source>
        <translation>变化图斑</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="92"/>
        <source>Change report</source>
        <translation>对比报告</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="101"/>
        <source>The plan as it is now; the changes are in its CRS.</source>
        <translation>当前的规划；变化图斑采用其坐标系。</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="102"/>
        <source>Pieces smaller than this are left out of the change layer and counted.</source>
        <translation>小于此面积的图斑不列入变化图层，只计数。</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="103"/>
        <source>One polygon per piece of ground whose class or unit changed.</source>
        <translation>类别或所属单元发生变化的每块图斑一个面要素。</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="104"/>
        <source>HTML report; an .xlsx with the same tables is written beside it.</source>
        <translation>HTML 报告；同目录另存含相同表格的 .xlsx。</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="108"/>
        <source>Priority losses</source>
        <translation>优先保护空间减少</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="109"/>
        <source>Hard losses</source>
        <translation>刚性保护空间减少</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="128"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="168"/>
        <source>Unit {0}: {1:.4f} km² leave priority protection though still under a red line or protected area of the new plan.</source>
        <translation>单元 {0}：{1:.4f} 平方千米调出优先保护，但仍位于新版本的生态保护红线或自然保护地内。</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="171"/>
        <source>{0} changed pieces, {1} priority losses ({2} hard), {3} pieces under the smallest change.</source>
        <translation>变化图斑 {0} 块，优先保护空间减少 {1} 处（其中刚性 {2} 处），小于最小变化面积的图斑 {3} 块。</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="72"/>
        <source>Plan, filing package or unit layer (*.gpkg *.zip *.shp)</source>
        <translation>规划成果库、备案成果包或单元图层 (*.gpkg *.zip *.shp)</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="98"/>
        <source>The plan as filed before: a plan GeoPackage, its filing package (.zip) or a unit layer.</source>
        <translation>此前备案的规划：规划成果库 GeoPackage、其备案成果包（.zip）或环境管控单元图层。</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="58"/>
        <source>Compares an earlier and a newer version of a plan (plan GeoPackages, filing packages, which are verified against their manifests, or control-unit layer files) piece by piece: every piece of ground whose class or unit changed, with the change type (class_down from priority, class_up to priority, class_other, unit_changed, added, removed), its area and county. Losses of priority-protection ground are flagged, and those still under a red line or protected area of the new plan marked hard losses. When the newer version is a plan, the reasons it keeps for these changes (filing dock) are filled in. The report puts every priority loss first (需省级论证说明), then class areas by county, the transition matrix, and the units and clauses that changed.</source>
        <translation>逐图斑对比规划的前后两个版本（规划成果库 GeoPackage、按清单文件核验的备案成果包，或环境管控单元图层文件）：列出类别或所属单元发生变化的每块图斑及其变化类型（class_down 优先保护调出、class_up 调入优先保护、class_other 其他类别调整、unit_changed 所属单元调整、added 新增范围、removed 减少范围）、面积和所属区县。标记优先保护空间的减少，其中仍位于新版本生态保护红线或自然保护地内的标记为刚性减少。新版本为规划成果库时，填入其中保存的变化原因（在成果备案面板中填写）。报告首先列出每处优先保护空间减少（需省级论证说明），然后是各区县分类面积、类别转移矩阵以及单元和条款的变化。</translation>
    </message>
    <message>
        <location filename="../algorithms/compare_versions.py" line="72"/>
        <source>All files or a PostGIS plan (*)</source>
        <translation>所有文件或 PostGIS 上的规划 (*)</translation>
    </message>
</context>
<context>
    <name>CopyPlanAlgorithm</name>
    <message>
        <location filename="../algorithms/copy_plan.py" line="32"/>
        <source>Copy plan</source>
        <translation>复制规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/copy_plan.py" line="35"/>
        <source>Copies a plan whole between a GeoPackage and the team store on PostgreSQL + PostGIS, either way: the control units, boundary, element zones and which zones each unit holds, every clause with its number and id, the plan information, the change log and the reasons for the changes of an update, as they are; the copy&apos;s change log then says where it came from. A plan on PostGIS is written as postgresql://user@host:port/database?schema=plan_schema (the password comes from libpq&apos;s password file or service, never from the plan). The copy is written in one go; an existing target is refused unless OVERWRITE is set.</source>
        <translation>在 GeoPackage 与 PostgreSQL + PostGIS 团队成果库之间双向完整复制规划成果库：环境管控单元、行政边界、要素分区及各单元包含的分区，每条准入条款（含编号和标识），规划信息、变更记录以及更新备案的调整理由，均原样复制；副本的变更记录注明其来源。PostGIS 上的规划写作 postgresql://用户@主机:端口/数据库?schema=规划模式名（密码取自 libpq 的密码文件或服务配置，绝不写入规划）。副本一次写成；目标已存在时拒绝复制，除非勾选“替换已有目标”。</translation>
    </message>
    <message>
        <location filename="../algorithms/copy_plan.py" line="46"/>
        <source>Plan to copy</source>
        <translation>要复制的规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/copy_plan.py" line="47"/>
        <source>Copy (a .gpkg path or a PostGIS address)</source>
        <translation>副本（.gpkg 路径或 PostGIS 地址）</translation>
    </message>
    <message>
        <location filename="../algorithms/copy_plan.py" line="49"/>
        <source>Replace an existing target</source>
        <translation>替换已有目标</translation>
    </message>
    <message>
        <location filename="../algorithms/copy_plan.py" line="52"/>
        <source>A plan GeoPackage, or postgresql://user@host:port/database?schema=plan_schema.</source>
        <translation>规划成果库 GeoPackage，或 postgresql://用户@主机:端口/数据库?schema=规划模式名。</translation>
    </message>
    <message>
        <location filename="../algorithms/copy_plan.py" line="55"/>
        <source>Where the copy goes: a new .gpkg file, or a new schema given as postgresql://…?schema=name.</source>
        <translation>副本的位置：新的 .gpkg 文件，或以 postgresql://…?schema=名称 给出的新模式。</translation>
    </message>
    <message>
        <location filename="../algorithms/copy_plan.py" line="58"/>
        <source>Replace the target when it exists (a file, or a schema with everything in it).</source>
        <translation>目标已存在时将其替换（文件，或模式及其中全部内容）。</translation>
    </message>
    <message>
        <location filename="../algorithms/copy_plan.py" line="61"/>
        <source>Copy</source>
        <translation>副本</translation>
    </message>
    <message>
        <location filename="../algorithms/copy_plan.py" line="67"/>
        <source>Give where the copy goes (a .gpkg path or a PostGIS address).</source>
        <translation>请给出副本的位置（.gpkg 路径或 PostGIS 地址）。</translation>
    </message>
    <message>
        <location filename="../algorithms/copy_plan.py" line="73"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../algorithms/copy_plan.py" line="76"/>
        <source>Plan copied to {0}: {1} units, {2} clauses, {3} change-log entries.</source>
        <translation>规划成果库已复制到 {0}：{1} 个单元、{2} 条条款、{3} 条变更记录。</translation>
    </message>
</context>
<context>
    <name>CreatePlanAlgorithm</name>
    <message>
        <location filename="../algorithms/create_plan.py" line="66"/>
        <source>Create plan</source>
        <translation>创建规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="69"/>
        <source>Creates the plan GeoPackage that the admission list, validation and filing work on: the control units, the administrative boundary, the element zones used and which zones each unit holds, empty admission list tables, the plan information and a change log. The file is written under a temporary name and appears only when complete.</source>
        <translation>创建规划成果库（GeoPackage），供准入清单编制、成果检查和备案使用：包含环境管控单元、行政边界、所用的要素分区及各单元所含分区、空的准入清单表、规划信息和变更日志。文件先以临时名称写入，全部完成后才出现。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="77"/>
        <source>Control units (from Derive control units)</source>
        <translation>环境管控单元（由“划定环境管控单元”生成）</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="83"/>
        <source>Township code field</source>
        <translation>乡镇（街道）代码字段</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="92"/>
        <source>Township name field</source>
        <translation>乡镇（街道）名称字段</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="101"/>
        <source>Element zone layers used (standard schema)</source>
        <translation>所用的要素分区图层（标准结构）</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="109"/>
        <source>Profile</source>
        <translation>配置方案</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="110"/>
        <source>Minimum unit part area used in the derivation (km²)</source>
        <translation>划定时采用的单元最小图斑面积（平方千米）</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="120"/>
        <source>Plan version</source>
        <translation>规划版本</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="134"/>
        <source>Plan</source>
        <translation>规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="139"/>
        <source>Control units of the plan</source>
        <translation>规划成果库中的环境管控单元</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="141"/>
        <source>The control units with unit_uid, unit_code, unit_class and county_code.</source>
        <translation>含 unit_uid、unit_code、unit_class 和 county_code 字段的环境管控单元。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="82"/>
        <source>Counties or townships; kept in the plan as admin_boundary.</source>
        <translation>区县或乡镇（街道）边界，保存为规划成果库中的 admin_boundary 表。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="142"/>
        <source>Field with the township code, when the boundary holds townships.</source>
        <translation>边界为乡镇（街道）时，乡镇代码所在字段。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="143"/>
        <source>Field with the township name.</source>
        <translation>乡镇（街道）名称所在字段。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="144"/>
        <source>The standardized element zones the units were derived from; the plan records which zones each unit holds.</source>
        <translation>划定单元所用的标准化要素分区；规划成果库记录每个单元包含哪些分区。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="148"/>
        <source>Bundled profile id or the path of a .json profile; copied into the plan.</source>
        <translation>内置配置方案标识或 .json 配置文件路径；将复制到规划成果库中。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="149"/>
        <source>The MIN_AREA of the derivation, kept for validation; empty: the profile&apos;s.</source>
        <translation>划定时的最小面积（MIN_AREA），供成果检查使用；留空则采用配置方案的值。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="150"/>
        <source>Version of the plan, e.g. 1.0 or 2025 update.</source>
        <translation>规划版本，例如 1.0 或 2025 年动态更新。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="161"/>
        <source>The plan GeoPackage to create (an existing file is replaced).</source>
        <translation>要创建的规划成果库（GeoPackage；已有同名文件将被替换）。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="185"/>
        <source>Layer {0} is in {1}; a plan needs the projected CRS that Derive control units writes.</source>
        <translation>图层 {0} 的坐标系为 {1}；规划成果库需要“划定环境管控单元”输出的投影坐标系。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="199"/>
        <source>Layer {0}, feature {1}: unit_uid {2!r} is empty or repeated; every unit needs its own.</source>
        <translation>图层 {0} 要素 {1}：unit_uid {2!r} 为空或重复；每个单元都需要唯一的标识。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="286"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="292"/>
        <source>Plan {0}: {1} units, {2} counties, {3} element zones, {4} unit–zone links.</source>
        <translation>规划成果库 {0}：{1} 个单元、{2} 个区县、{3} 个要素分区、{4} 条单元–分区关联。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="308"/>
        <source>Control units (plan)</source>
        <translation>环境管控单元（规划成果库）</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="291"/>
        <source>The style of {0} could not be stored in the plan: {1}</source>
        <translation>未能将 {0} 的样式存入规划成果库：{1}</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="123"/>
        <source>Filed package this plan updates</source>
        <translation>本规划所更新的已备案成果包</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="151"/>
        <source>The filing package (.zip, or the manifest.json or a file of its unpacked folder) of the version this plan updates, e.g. the BASED_ON output of Derive control units. Checked against its manifest and recorded in the plan information (based_on), which the update filing compares.</source>
        <translation>本规划所更新版本的备案成果包（.zip，或其解压目录中的 manifest.json 或任一文件），例如“划定环境管控单元”的 BASED_ON 输出。将按其清单文件核验，并记入规划信息（based_on），供更新备案对比。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="298"/>
        <source>The plan updates the filed package {0} (version {1}, manifest {2}).</source>
        <translation>本规划更新已备案的成果包 {0}（版本 {1}，清单 {2}）。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="131"/>
        <source>Plan on PostGIS (instead of a file)</source>
        <translation>PostGIS 上的规划成果库（代替文件）</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="156"/>
        <source>postgresql://user@host:port/database?schema=plan_schema: the plan is written into that new schema of the team store instead of a GeoPackage (the password comes from libpq&apos;s password file or service). An existing schema is refused.</source>
        <translation>postgresql://用户@主机:端口/数据库?schema=规划模式名：规划写入团队成果库中该新模式，而不是 GeoPackage（密码取自 libpq 的密码文件或服务配置）。模式已存在时拒绝写入。</translation>
    </message>
    <message>
        <location filename="../algorithms/create_plan.py" line="283"/>
        <source>Give the plan GeoPackage to create, or a PostGIS plan.</source>
        <translation>请给出要创建的规划成果库 GeoPackage，或 PostGIS 上的规划。</translation>
    </message>
</context>
<context>
    <name>DeriveUnitsAlgorithm</name>
    <message>
        <location filename="../algorithms/derive_units.py" line="75"/>
        <source>Derive control units</source>
        <translation>划定环境管控单元</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="99"/>
        <source>Split units by field</source>
        <translation>按字段拆分单元</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="117"/>
        <source>Element zone layers (standard schema)</source>
        <translation>要素管控分区图层（标准结构）</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="122"/>
        <source>Method</source>
        <translation>划定方法</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="122"/>
        <source>Overlay (叠加法)</source>
        <translation>叠加法</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="122"/>
        <source>Fitting (拟合法)</source>
        <translation>拟合法</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="130"/>
        <source>Minimum unit part area (km²)</source>
        <translation>单元最小图斑面积（平方千米）</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="140"/>
        <source>Fitting: priority share threshold (%)</source>
        <translation>拟合法：优先保护占比阈值（%）</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="150"/>
        <source>Fitting: key share threshold (%)</source>
        <translation>拟合法：重点管控占比阈值（%）</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="161"/>
        <source>Fitting: base polygons</source>
        <translation>拟合法：基础单元</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="166"/>
        <source>Previous control units (keep their codes)</source>
        <translation>原环境管控单元（沿用编码）</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="174"/>
        <source>Profile</source>
        <translation>配置方案</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="348"/>
        <source>Control units</source>
        <translation>环境管控单元</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="178"/>
        <source>Derivation report</source>
        <translation>划定报告</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="96"/>
        <source>Counties, or townships inside counties; units never cross a county.</source>
        <translation>区县或区县内的乡镇街道面；管控单元不跨区县。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="201"/>
        <source>Polygon layers with the fields element, zone_class and subtype (run &apos;Standardize element zones&apos; first).</source>
        <translation>含 element、zone_class、subtype 字段的面图层（请先运行“标准化要素管控分区”）。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="204"/>
        <source>Overlay (recommended) or fitting to base polygons.</source>
        <translation>叠加法（推荐）或按基础单元拟合。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="209"/>
        <source>Fitting: a base polygon becomes priority when priority zones cover more than this share.</source>
        <translation>拟合法：优先保护区占基础单元面积超过此比例时，该基础单元划为优先保护。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="212"/>
        <source>Fitting: share of key ground that makes a base polygon key; default as above.</source>
        <translation>拟合法：重点管控区占比超过此比例时划为重点管控；默认同上。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="215"/>
        <source>Fitting: base polygons; by default the boundary features (townships).</source>
        <translation>拟合法的基础单元；默认使用行政边界要素（乡镇街道）。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="222"/>
        <source>Bundled profile id (default) or the path of a .json profile.</source>
        <translation>内置配置方案名称（default）或 .json 配置文件路径。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="223"/>
        <source>The control units, styled by class.</source>
        <translation>按类别配色的环境管控单元。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="224"/>
        <source>HTML report: repairs, merged fragments, class areas per county.</source>
        <translation>HTML 报告：几何修复、碎片合并、各区县分类面积。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="288"/>
        <source>Deriving units of {0} counties from {1} zones ({2}), in {3}.</source>
        <translation>正在由 {1} 个分区划定 {0} 个区县的管控单元（{2}），坐标系 {3}。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="296"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写出任何结果。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="383"/>
        <source>Layer {0} has no feature with a county code in field {1}.</source>
        <translation>图层 {0} 的字段 {1} 中没有任何区县代码。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="397"/>
        <source>Give at least one element zone layer.</source>
        <translation>请至少指定一个要素管控分区图层。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="414"/>
        <source>Layer {0} lacks the fields {1} that previous units need.</source>
        <translation>图层 {0} 缺少原单元所需的字段 {1}。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="448"/>
        <source>{0} units: priority {1} ({2:.2f} km²), key {3} ({4:.2f} km²), general {5} ({6:.2f} km²); {7} fragments merged (listed in the report); {8:.1f} s.</source>
        <translation>共 {0} 个单元：优先保护 {1} 个（{2:.2f} 平方千米），重点管控 {3} 个（{4:.2f} 平方千米），一般管控 {5} 个（{6:.2f} 平方千米）；合并碎片 {7} 处（详见报告）；用时 {8:.1f} 秒。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="205"/>
        <source>Parts of units below this area join the neighbour with the longest shared border; 0 keeps every part. Empty: the profile's min_area_km2 (0.1 km² in the national profile).</source>
        <translation>面积小于该值的单元部分并入共边最长的相邻单元；0 表示保留所有部分。留空：使用配置方案的 min_area_km2（全国默认方案为 0.1 平方千米）。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="78"/>
        <source>Derives the environmental control units (priority protection, key control, general control) of every county in the boundary layer from standard element zones.

Overlay (叠加法): a place covered by any priority zone is priority, else by any key zone key, else general. Fitting (拟合法): each base polygon (township) becomes priority or key when those zones cover more than the threshold share of it, else general. Ecological red line and protected areas are always priority. Parts smaller than the minimum area first join the neighbour with the longest shared border. Then the ground is grouped as the profile says; by the national profile each connected priority region is a unit (regions under 1 km² join the nearest), the key ground of each industrial park or urban development boundary is a unit and the rest of the key ground one unit per township (split field), and the general ground one unit per county. Units never cross a county, are coded north to south, named after the place they lie in (a named zone covering half of the unit, else its townships), and neighbours share their border vertex for vertex. Areas are planar in the CGCS2000 Gauss-Krüger zone of each county.</source>
        <translation>由标准化要素管控分区为边界图层中每个区县划定环境管控单元（优先保护、重点管控、一般管控）。

叠加法：被任一优先保护分区覆盖的区域为优先保护，否则被任一重点管控分区覆盖的为重点管控，其余为一般管控。拟合法：每个基础图斑（乡镇）在优先保护或重点管控分区覆盖比例超过阈值时划为相应类别，否则为一般管控。生态保护红线和自然保护地始终为优先保护。小于最小面积的碎片先并入共边最长的相邻部分。随后按配置方案分组：按全国默认方案，每个连片的优先保护区域为一个单元（小于 1 平方千米的并入最近的单元），每个产业园区或城镇开发边界内的重点管控区域为一个单元，其余重点管控区域按乡镇（拆分字段）各为一个单元，一般管控区域每个区县一个单元。单元不跨区县，由北向南编码，以所在地命名（覆盖单元一半以上的具名分区，否则为所在乡镇），相邻单元的共用边界逐点一致。面积为各区县所在 CGCS2000 高斯-克吕格投影带内的平面面积。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="108"/>
        <source>Township name field</source>
        <translation>乡镇名称字段</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="193"/>
        <source>Optional field (e.g. township code): key ground is split by its values (the profile&apos;s grouping says which classes), and every unit lists the townships it covers.</source>
        <translation>可选字段（如乡镇代码）：重点管控区域按其取值拆分（哪些类别拆分由配置方案的分组规则决定），每个单元列出其覆盖的乡镇。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="197"/>
        <source>Optional field beside the split field (e.g. township name): names units after the townships they lie in and fills their townships field.</source>
        <translation>与拆分字段对应的可选字段（如乡镇名称）：以单元所在乡镇命名单元，并填写单元的乡镇字段。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="187"/>
        <source>Filed package of the previous units (for Create plan&apos;s BASED_ON)</source>
        <translation>原有单元所在的备案成果包（供“创建规划成果库”的 BASED_ON 使用）</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="216"/>
        <source>Earlier control units (unit_code, unit_class, county_code): a new unit keeps the code of the earlier unit of its county and class that it overlaps most. The units of an unpacked filing package (data/control_units.gpkg) are read in that package&apos;s field names, and the package is named in the BASED_ON output for Create plan.</source>
        <translation>原有环境管控单元（含 unit_code、unit_class、county_code）：新单元沿用同区县、同类别中与其重叠最大的原单元编码。解压后的备案成果包中的单元（data/control_units.gpkg）按该成果包的字段名读取，并在 BASED_ON 输出中给出该成果包，供“创建规划成果库”使用。</translation>
    </message>
    <message>
        <location filename="../algorithms/derive_units.py" line="352"/>
        <source>The previous units are those of the filed package {0} (version {1}); give BASED_ON ({2}) to Create plan so the plan records the version it updates.</source>
        <translation>原有单元取自已备案的成果包 {0}（版本 {1}）；请将 BASED_ON（{2}）填入“创建规划成果库”，使新规划记录其所更新的版本。</translation>
    </message>
</context>
<context>
    <name>EcoZoneAlgorithm</name>
    <message>
        <location filename="../algorithms/base.py" line="38"/>
        <source>Control units</source>
        <translation>环境管控单元</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="39"/>
        <source>Plan and admission list</source>
        <translation>规划成果与准入清单</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="40"/>
        <source>Check and filing</source>
        <translation>成果检查与备案</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="111"/>
        <source>Layer {0} has no field {1}. Its fields are: {2}; choose one of them or fix the layer.</source>
        <translation>图层 {0} 没有字段 {1}。其字段为：{2}；请从中选择，或修正该图层。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="79"/>
        <source>Layer {0} lacks the fields {1} of the standard zone schema; run &apos;Standardize element zones&apos; on it first.</source>
        <translation>图层 {0} 缺少标准分区结构的字段 {1}；请先对其运行“标准化要素管控分区”。</translation>
    </message>
    <message>
        <location filename="../algorithms/base.py" line="41"/>
        <source>Site screening</source>
        <translation>准入研判</translation>
    </message>
</context>
<context>
    <name>EcoZoneParameters</name>
    <message>
        <location filename="../algorithms/parameters.py" line="28"/>
        <source>Administrative boundary (counties or townships)</source>
        <translation>行政边界（区县或乡镇街道）</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="34"/>
        <source>County code field</source>
        <translation>区县代码字段</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="39"/>
        <source>Field with the 6-digit county code (GB/T 2260); a longer township code is cut to its first 6 digits.</source>
        <translation>6 位区县行政区划代码（GB/T 2260）所在字段；更长的乡镇代码取其前 6 位。</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="42"/>
        <source>County name field</source>
        <translation>区县名称字段</translation>
    </message>
    <message>
        <location filename="../algorithms/parameters.py" line="48"/>
        <source>Field with the county name; without it, names and reports use the county code.</source>
        <translation>区县名称所在字段；未指定时，单元名称和报告使用区县代码。</translation>
    </message>
</context>
<context>
    <name>EcoZonePlugin</name>
    <message>
        <location filename="../plugin.py" line="67"/>
        <source>EcoZone needs the Python packages {0}. Install them from the OSGeo4W shell or a terminal with: {1} and restart QGIS.</source>
        <translation>EcoZone 需要 Python 包 {0}。请在 OSGeo4W Shell 或终端中运行：{1}，然后重启 QGIS。</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="104"/>
        <source>Admission list</source>
        <translation>准入清单</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="94"/>
        <source>&amp;EcoZone</source>
        <translation>EcoZone 生态环境分区管控(&amp;E)</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="107"/>
        <source>Filing</source>
        <translation>成果备案</translation>
    </message>
    <message>
        <location filename="../plugin.py" line="110"/>
        <source>Site screening</source>
        <translation>准入研判</translation>
    </message>
</context>
<context>
    <name>EcoZoneProvider</name>
    <message>
        <location filename="../algorithms/provider.py" line="30"/>
        <source>EcoZone zoning control</source>
        <translation>EcoZone 生态环境分区管控</translation>
    </message>
    <message>
        <location filename="../algorithms/provider.py" line="33"/>
        <source>EcoZone zoning control {0}</source>
        <translation>EcoZone 生态环境分区管控 {0}</translation>
    </message>
</context>
<context>
    <name>ExportAdmissionListAlgorithm</name>
    <message>
        <location filename="../algorithms/admission_list.py" line="33"/>
        <source>Export admission list to Excel</source>
        <translation>导出准入清单到 Excel</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="36"/>
        <source>Writes the plan's admission list as an Excel workbook: the sheets 市级, 区县级 and 单元级 with one clause per row, and the appendix 附表 with one row per unit and, in each of the four dimensions, every clause that applies to the unit (city, county and its own), one per line. Formatted for print: wrapped text, frozen header, Chinese fonts, landscape A4.</source>
        <translation>将规划的准入清单导出为 Excel 工作簿：市级、区县级、单元级三个工作表每行一条条款；附表每个单元一行，四个管控维度中列出适用于该单元的全部条款（市级、区县级及单元自身），每条一行。已按打印排版：自动换行、冻结表头、中文字体、A4 横向。</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="44"/>
        <source>Plan</source>
        <translation>规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="45"/>
        <source>Workbook</source>
        <translation>工作簿</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="48"/>
        <source>The plan GeoPackage made by Create plan.</source>
        <translation>由“创建规划成果库”生成的规划成果库（GeoPackage）。</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="49"/>
        <source>The .xlsx file to write.</source>
        <translation>要写入的 .xlsx 文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="57"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="59"/>
        <source>Cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="60"/>
        <source>{0}: {1} city, {2} county and {3} unit clauses; appendix of {4} units.</source>
        <translation>{0}：市级条款 {1} 条、区县级 {2} 条、单元级 {3} 条；附表共 {4} 个单元。</translation>
    </message>
</context>
<context>
    <name>ExportFilingAlgorithm</name>
    <message>
        <location filename="../algorithms/filing.py" line="56"/>
        <source>Export filing package</source>
        <translation>导出备案成果包</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="78"/>
        <source>Plan</source>
        <translation>规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="79"/>
        <source>Profile</source>
        <translation>配置方案</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="82"/>
        <source>Data formats</source>
        <translation>数据格式</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="92"/>
        <source>Element maps</source>
        <translation>要素分区图</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="93"/>
        <source>Export despite errors</source>
        <translation>存在错误时仍导出</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="104"/>
        <source>Filing package</source>
        <translation>备案成果包</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="114"/>
        <source>The plan GeoPackage made by Create plan.</source>
        <translation>由“创建规划成果库”生成的规划成果库（GeoPackage）。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="115"/>
        <source>Empty: the profile kept in the plan; or a bundled profile id or .json path.</source>
        <translation>留空则使用规划成果库中保存的配置方案；也可填写内置配置方案标识或 .json 文件路径。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="116"/>
        <source>gpkg, shp, gdb; empty: the profile&apos;s formats. The GeoPackage is always written.</source>
        <translation>gpkg、shp、gdb；留空则采用配置方案的格式。GeoPackage 总会输出。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="117"/>
        <source>Also one PDF map per element.</source>
        <translation>另为每个环境要素输出一幅 PDF 分区图。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="125"/>
        <source>The .zip to write; empty: &lt;admin code&gt;_&lt;plan version&gt;_&lt;date&gt;.zip beside the plan.</source>
        <translation>要写入的 .zip 文件；留空则在规划成果库旁生成“&lt;行政区代码&gt;_&lt;规划版本&gt;_&lt;日期&gt;.zip”。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="132"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="133"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="152"/>
        <source>Validating the plan…</source>
        <translation>正在检查规划成果……</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="157"/>
        <source>Canceled: no package was written.</source>
        <translation>已取消：未生成成果包。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="163"/>
        <source>Exported with {0} validation errors, as FORCE asked; the manifest records it.</source>
        <translation>按“强制导出”要求，在存在 {0} 个检查错误的情况下导出；清单文件已记录。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="181"/>
        <source>Filing package {0}: {1} files, {2} errors, {3} warnings.</source>
        <translation>备案成果包 {0}：{1} 个文件，{2} 个错误，{3} 个警告。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="63"/>
        <source>Writes the filing package (备案成果包) of a plan as one zip file: the control units with the boundary, element zones, admission clauses and plan information in the profile's field names and CRS (GeoPackage, and shapefile and File Geodatabase when asked), the admission list and statistics workbooks, a PDF map (and one per element when asked), the validation reports and manifest.json with the size and SHA-256 of every file. The plan is validated first: with errors nothing is written unless FORCE is set, which the manifest records. The zip appears only when complete. With PREVIOUS (the package filed before), it is the update filing (更新备案): changes/ holds the change layer and change report against that version, the manifest records update_of, and the export is refused while ground leaves priority protection without a reason (typed in the filing dock's update comparison), unless FORCE is set.</source>
        <translation>将规划成果导出为一个 zip 备案成果包：按配置方案的字段名和坐标系输出环境管控单元及行政边界、要素分区、准入条款和规划信息（GeoPackage，按需另出 shapefile 和 File Geodatabase），准入清单和统计工作簿，PDF 成果图（按需另出各要素分区图），检查报告，以及记录每个文件大小和 SHA-256 校验值的 manifest.json。导出前先检查规划成果：存在错误时不生成成果包，除非勾选“强制导出”（清单文件会记录）。zip 文件全部完成后才出现。指定“此前的备案成果包”时即为更新备案：changes/ 目录保存相对该版本的变化图层和变化报告，清单文件记录 update_of；只要有优先保护空间减少尚未填写原因（在成果备案面板的“更新对比”中填写），就拒绝导出，除非勾选“强制导出”。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="96"/>
        <source>Earlier filing package (update filing)</source>
        <translation>此前的备案成果包（更新备案）</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="96"/>
        <source>Filing package or plan (*.zip *.gpkg)</source>
        <translation>备案成果包或规划成果库 (*.zip *.gpkg)</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="118"/>
        <source>Write the package even when validation finds errors or a priority loss has no reason; the manifest says so.</source>
        <translation>即使检查发现错误或优先保护空间减少未说明原因，也写出成果包；清单文件会记录这一点。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="122"/>
        <source>The package filed before this update (or its plan); empty: a first filing without changes/.</source>
        <translation>本次更新之前备案的成果包（或其规划成果库）；留空则为首次备案，不含 changes/。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="134"/>
        <source>Priority losses</source>
        <translation>优先保护空间减少</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="173"/>
        <source>{0} priority losses have no reason, exported as FORCE asked; the manifest records them.</source>
        <translation>{0} 处优先保护空间减少未说明原因，已按“强制导出”写出；清单文件记录了这些变化。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="200"/>
        <source>Update of {0} (version {1}): {2} changed pieces ({3}); {4} priority losses, {5} without a reason.</source>
        <translation>对 {0}（版本 {1}）的更新：{2} 块变化图斑（{3}）；{4} 处优先保护空间减少，其中 {5} 处未说明原因。</translation>
    </message>
</context>
<context>
    <name>FilingDock</name>
    <message>
        <location filename="../ui/filing_dock.py" line="82"/>
        <source>Zip (*.zip)</source>
        <translation>Zip 文件 (*.zip)</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="93"/>
        <source>All categories</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="97"/>
        <source>Errors and warnings</source>
        <translation>错误和警告</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="98"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="99"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="260"/>
        <source>The check failed: {0}</source>
        <translation>检查失败：{0}</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="267"/>
        <source>Checking…</source>
        <translation>正在检查……</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="268"/>
        <source>Checking the plan</source>
        <translation>正在检查规划成果</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="299"/>
        <source>{0} errors, {1} warnings ({2} shown).</source>
        <translation>{0} 个错误，{1} 个警告（显示 {2} 条）。</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="303"/>
        <source>No errors: the plan can be filed. </source>
        <translation>无错误，可以备案。</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="549"/>
        <source>No package was written: {0}</source>
        <translation>未生成成果包：{0}</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="555"/>
        <source>Package written: &lt;a href=&quot;{0}&quot;&gt;{1}&lt;/a&gt; ({2} errors, {3} warnings).</source>
        <translation>成果包已生成：&lt;a href=&quot;{0}&quot;&gt;{1}&lt;/a&gt;（{2} 个错误，{3} 个警告）。</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="543"/>
        <source>Canceled: no package was written.</source>
        <translation>已取消：未生成成果包。</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="564"/>
        <source>Writing the filing package…</source>
        <translation>正在生成备案成果包……</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="566"/>
        <source>Writing the filing package</source>
        <translation>正在生成备案成果包</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="85"/>
        <source>Filing package or plan (*.zip *.gpkg)</source>
        <translation>备案成果包或规划成果库 (*.zip *.gpkg)</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="86"/>
        <source>The version filed before</source>
        <translation>此前备案的版本</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="87"/>
        <source>The filing package (.zip) filed before this update, or its plan; the export then writes the update.</source>
        <translation>本次更新之前备案的成果包（.zip）或其规划成果库；导出时即生成更新备案成果包。</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="364"/>
        <source>Choose the earlier version (its filing package) first.</source>
        <translation>请先选择此前的版本（其备案成果包）。</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="378"/>
        <source>canceled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="379"/>
        <source>The comparison failed: {0}</source>
        <translation>对比失败：{0}</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="385"/>
        <source>Comparing with {0}…</source>
        <translation>正在与 {0} 对比…</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="386"/>
        <source>Comparing with the earlier version</source>
        <translation>正在与此前版本对比</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="397"/>
        <source>{0} (hard)</source>
        <translation>{0}（刚性）</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="412"/>
        <source>Priority ground lost: needs the provincial justification (需省级论证说明).</source>
        <translation>优先保护空间减少：需省级论证说明。</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="432"/>
        <source>No ground changed against {0}: the versions are the same.</source>
        <translation>与 {0} 相比没有图斑变化：两个版本相同。</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="435"/>
        <source>{0} changed pieces against {1} (version {2}); {3} priority losses, {4} without a reason.</source>
        <translation>与 {1}（版本 {2}）相比有 {0} 块变化图斑；优先保护空间减少 {3} 处，其中 {4} 处未填写理由。</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="445"/>
        <source>The plan version is still {0}: give the update its own.</source>
        <translation>方案版本仍为 {0}：请为本次更新填写新的版本号。</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="229"/>
        <source>Changed by another author</source>
        <translation>已被其他编制人员修改</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="230"/>
        <source>Write mine over theirs</source>
        <translation>以我的内容覆盖</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.py" line="231"/>
        <source>Show their entries</source>
        <translation>查看对方的内容</translation>
    </message>
</context>
<context>
    <name>FilingDockBase</name>
    <message>
        <location filename="../ui/filing_dock.ui" line="6"/>
        <source>Filing</source>
        <translation>成果备案</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="11"/>
        <source>Plan</source>
        <translation>规划成果库</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="16"/>
        <source>Plan information</source>
        <translation>规划信息</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="19"/>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="21"/>
        <source>City</source>
        <translation>城市</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="25"/>
        <source>City code</source>
        <translation>市级代码</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="28"/>
        <source>Counties</source>
        <translation>区县</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="30"/>
        <source>Plan version</source>
        <translation>规划版本</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="32"/>
        <source>Compiled by</source>
        <translation>编制单位</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="34"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="35"/>
        <source>yyyy-MM-dd</source>
        <translation>yyyy-MM-dd</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="36"/>
        <source>Contact</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="38"/>
        <source>Profile</source>
        <translation>配置方案</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="45"/>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="45"/>
        <source>Validate the plan in the background</source>
        <translation>在后台检查规划成果</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="46"/>
        <source>Show one category of findings</source>
        <translation>只显示一类问题</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="47"/>
        <source>Show errors, warnings or both</source>
        <translation>显示错误、警告或全部</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="48"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="48"/>
        <source>Copy the findings shown to the clipboard</source>
        <translation>将显示的问题复制到剪贴板</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="56"/>
        <source>Finding</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="57"/>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="58"/>
        <source>Message</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="99"/>
        <source>Filing package</source>
        <translation>备案成果包</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="103"/>
        <source>Shapefile</source>
        <translation>Shapefile</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="104"/>
        <source>File Geodatabase</source>
        <translation>File Geodatabase</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="105"/>
        <source>Element maps</source>
        <translation>要素分区图</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="106"/>
        <source>Despite errors</source>
        <translation>强制导出</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="114"/>
        <source>Export package</source>
        <translation>导出成果包</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="116"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="63"/>
        <source>Update comparison</source>
        <translation>更新对比</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="67"/>
        <source>Earlier version</source>
        <translation>此前版本</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="68"/>
        <source>Compare</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="68"/>
        <source>Compare the plan with the earlier filed version in the background</source>
        <translation>在后台将规划与此前备案的版本对比</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="81"/>
        <source>Change</source>
        <translation>变化</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="82"/>
        <source>Old unit</source>
        <translation>原单元</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="83"/>
        <source>New unit</source>
        <translation>新单元</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="84"/>
        <source>km²</source>
        <translation>km²</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="90"/>
        <source>Reason</source>
        <translation>理由</translation>
    </message>
    <message>
        <location filename="../ui/filing_dock.ui" line="91"/>
        <source>Why this ground changes (for a priority loss: the provincial justification)</source>
        <translation>调整理由（优先保护空间减少须填写省级论证说明）</translation>
    </message>
</context>
<context>
    <name>ImportAdmissionListAlgorithm</name>
    <message>
        <location filename="../algorithms/admission_list.py" line="83"/>
        <source>Import admission list from Excel</source>
        <translation>从 Excel 导入准入清单</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="86"/>
        <source>Reads admission list clauses from an Excel workbook into the plan, in one transaction. It reads the sheets written by Export admission list (层级, 范围编码, 适用类别, 维度, 条款编号, 条款内容, 行业代码) or, when those are absent, an appendix table with one row per unit (环境管控单元编码 and the four dimensions, several clauses per cell, one per line), wherever it is in the workbook. Unknown unit codes, unknown dimensions, repeated clause numbers and empty texts are reported with sheet and row.</source>
        <translation>在一个事务中将 Excel 工作簿中的准入清单条款读入规划成果库。读取“导出准入清单”生成的工作表（层级、范围编码、适用类别、维度、条款编号、条款内容、行业代码）；若没有这些工作表，则读取每个单元一行的附表（环境管控单元编码及四个管控维度，每个单元格可含多条条款，每条一行），附表可位于工作簿的任意工作表。未知的单元编码、未知的管控维度、重复的条款编号和空内容均按工作表和行号报告。</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="96"/>
        <source>Plan</source>
        <translation>规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="97"/>
        <source>Workbook</source>
        <translation>工作簿</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="98"/>
        <source>When rows have problems</source>
        <translation>存在问题行时</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="98"/>
        <source>Import nothing</source>
        <translation>不导入任何内容</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="98"/>
        <source>Import the clean rows</source>
        <translation>导入无问题的行</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="106"/>
        <source>Remove clauses that the file lacks</source>
        <translation>删除文件中没有的条款</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="112"/>
        <source>The plan GeoPackage made by Create plan.</source>
        <translation>由“创建规划成果库”生成的规划成果库（GeoPackage）。</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="113"/>
        <source>An .xlsx workbook with the level sheets or an appendix table.</source>
        <translation>含分层级工作表或附表的 .xlsx 工作簿。</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="114"/>
        <source>Import nothing unless the whole file is clean (default), or import the clean rows.</source>
        <translation>整个文件无问题时才导入（默认），或只导入无问题的行。</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="115"/>
        <source>Off (default): clauses of the plan that the file does not have are kept. On: they are removed, for the levels the file has sheets for.</source>
        <translation>关闭（默认）：保留规划中文件没有的条款。开启：对文件包含工作表的层级，删除文件中没有的条款。</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="122"/>
        <source>Clauses added</source>
        <translation>新增条款数</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="122"/>
        <source>Clauses updated</source>
        <translation>更新条款数</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="122"/>
        <source>Clauses removed</source>
        <translation>删除条款数</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="122"/>
        <source>Rows with problems</source>
        <translation>问题行数</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="138"/>
        <source>Canceled: nothing was imported.</source>
        <translation>已取消：未导入任何内容。</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="147"/>
        <source>… and {0} more (see the log).</source>
        <translation>……另有 {0} 条（见日志）。</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="148"/>
        <source>{0} rows of {1} have problems, so nothing was imported. Correct them, or choose to import the clean rows.
{2}</source>
        <translation>{1} 中有 {0} 行存在问题，因此未导入任何内容。请修正这些行，或选择只导入无问题的行。
{2}</translation>
    </message>
    <message>
        <location filename="../algorithms/admission_list.py" line="154"/>
        <source>{0} clauses added, {1} updated, {2} removed, {3} unchanged; {4} rows with problems skipped.</source>
        <translation>新增 {0} 条、更新 {1} 条、删除 {2} 条、未变 {3} 条条款；跳过 {4} 个问题行。</translation>
    </message>
</context>
<context>
    <name>ImportFilingAlgorithm</name>
    <message>
        <location filename="../algorithms/filing.py" line="225"/>
        <source>Import filing package</source>
        <translation>导入备案成果包</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="237"/>
        <source>Filing package</source>
        <translation>备案成果包</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="246"/>
        <source>Unpack into</source>
        <translation>解压到</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="247"/>
        <source>A .zip made by Export filing package.</source>
        <translation>由“导出备案成果包”生成的 .zip 文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="254"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="255"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="256"/>
        <source>Control units</source>
        <translation>环境管控单元</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="273"/>
        <source>The package {0} failed its checks:
{1}</source>
        <translation>成果包 {0} 未通过核对：
{1}</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="278"/>
        <source>All {0} files match the manifest.</source>
        <translation>全部 {0} 个文件与清单一致。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="309"/>
        <source>Validation now finds {0} errors and {1} warnings; the manifest recorded {2} and {3}.</source>
        <translation>本次检查发现 {0} 个错误、{1} 个警告；清单记录为 {2} 个错误、{3} 个警告。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="318"/>
        <source>Administrative boundary</source>
        <translation>行政边界</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="318"/>
        <source>Element zones</source>
        <translation>要素分区</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="318"/>
        <source>Control units (filed)</source>
        <translation>环境管控单元（备案成果）</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="337"/>
        <source>{0} units validated again: {1} errors, {2} warnings.</source>
        <translation>已重新检查 {0} 个单元：{1} 个错误，{2} 个警告。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="318"/>
        <source>Plan information</source>
        <translation>规划信息</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="318"/>
        <source>Admission clauses</source>
        <translation>准入条款</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="248"/>
        <source>Folder for the package&apos;s files and the new validation reports (report/revalidation.*). When it is not empty, a new subfolder named after the package is made inside it.</source>
        <translation>存放成果包文件及重新检查报告（report/revalidation.*）的目录。该目录不为空时，将在其中新建一个以成果包命名的子目录。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="266"/>
        <source>The folder {0} was not empty: the package was unpacked into {1}.</source>
        <translation>目录 {0} 不为空，成果包已解压到 {1}。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="228"/>
        <source>Opens a filing package: checks manifest.json and the size and SHA-256 of every file, names any file that is missing, changed or not listed, loads the control units, boundary and element zones (styled), and validates the plan again, writing the reports into the folder. An update package also shows its changes against the earlier version (the change layer, priority losses first), and with PREVIOUS its update_of is checked against that earlier package.</source>
        <translation>打开备案成果包：核对 manifest.json 及每个文件的大小和 SHA-256 校验值，列出缺失、被修改或未登记的文件，加载环境管控单元、行政边界和要素分区（已配置样式），并重新检查规划成果，将报告写入目录。更新备案成果包还会显示相对此前版本的变化（变化图层，优先保护空间减少排在最前）；指定“此前的备案成果包”时，核对其 update_of 是否与该成果包一致。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="238"/>
        <source>Earlier filing package (for an update)</source>
        <translation>此前的备案成果包（用于更新备案）</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="243"/>
        <source>The package this update says it follows; its manifest must match the update&apos;s update_of.</source>
        <translation>本次更新声明所依据的成果包；其清单文件须与更新包的 update_of 一致。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="292"/>
        <source>update_of matches the earlier package {0}.</source>
        <translation>update_of 与此前的成果包 {0} 一致。</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="332"/>
        <source>Changes against the earlier version</source>
        <translation>相对此前版本的变化</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="362"/>
        <source>Priority loss {0} → {1}: {2:.4f} km²; reason: {3}</source>
        <translation>优先保护空间减少 {0} → {1}：{2:.4f} km²；原因：{3}</translation>
    </message>
    <message>
        <location filename="../algorithms/filing.py" line="364"/>
        <source>none given</source>
        <translation>未填写</translation>
    </message>
</context>
<context>
    <name>PlanDock</name>
    <message>
        <location filename="../ui/widgets.py" line="120"/>
        <source>Upgrade the plan?</source>
        <translation>升级规划成果库？</translation>
    </message>
    <message>
        <location filename="../ui/widgets.py" line="121"/>
        <source>The plan {0} was made by an older EcoZone (schema version {1}; this version uses {2}). To work on it here it must be upgraded once; a copy of it as it is now is kept beside it. Upgrade it now?</source>
        <translation>规划成果库 {0} 由旧版 EcoZone 创建（结构版本 {1}，本版本为 {2}）。需先升级一次才能在此编辑；升级前会在同一目录保留一份当前副本。现在升级吗？</translation>
    </message>
    <message>
        <location filename="../ui/widgets.py" line="142"/>
        <source>The plan {0} was not opened: it must be upgraded first.</source>
        <translation>未打开规划成果库 {0}：需先升级。</translation>
    </message>
    <message>
        <location filename="../ui/widgets.py" line="150"/>
        <source>The plan was upgraded; the copy before the upgrade is {0}.</source>
        <translation>规划成果库已升级；升级前的副本为 {0}。</translation>
    </message>
    <message>
        <location filename="../ui/plan_dock.py" line="45"/>
        <source>GeoPackage (*.gpkg)</source>
        <translation>GeoPackage (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../ui/plan_dock.py" line="46"/>
        <source>Open a plan</source>
        <translation>打开规划成果库</translation>
    </message>
    <message>
        <location filename="../ui/plan_dock.py" line="53"/>
        <source>Open a plan of the team store (PostGIS)</source>
        <translation>打开团队成果库（PostGIS）中的规划</translation>
    </message>
</context>
<context>
    <name>ScreenSiteAlgorithm</name>
    <message>
        <location filename="../algorithms/screen_site.py" line="53"/>
        <source>Screen project sites</source>
        <translation>项目准入研判</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="56"/>
        <source>Judges project sites (points, lines or polygons, any CRS) against a plan: every control unit a site touches, its effective admission list (city, county and unit clauses) and the red line and protected areas. Verdicts: 判定不通过 (hard-protected ground, or a prohibiting clause names the industry or a broader code of it), 受限准入 (a restricting clause names it, or the site lies in a priority unit), 待补充信息 (industry missing or unknown, only finer codes named, or outside the plan), 判定通过 otherwise. Industries are GB/T 4754-2017 codes or names; codes proposed from a clause's wording take part, and a reason resting on one says so.</source>
        <translation>按规划成果研判项目选址（点、线或面，任意坐标系）：项目涉及的每个环境管控单元、其生效的准入清单（市级、区县级和单元级条款）以及生态保护红线和自然保护地。研判结果：判定不通过（涉及刚性保护区域，或禁止类条款涉及该行业或其上级行业）；受限准入（限制类条款涉及该行业，或位于优先保护单元）；待补充信息（行业缺失或未知、条款只涉及更细的行业，或位于规划范围外）；其余为判定通过。行业为 GB/T 4754-2017 代码或名称；由条款文字推荐的行业代码也参与研判，据此得出的理由会注明。</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="67"/>
        <source>Plan</source>
        <translation>规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="68"/>
        <source>Project sites</source>
        <translation>项目选址</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="73"/>
        <source>Industry field</source>
        <translation>行业字段</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="78"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="79"/>
        <source>Site name field</source>
        <translation>项目名称字段</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="84"/>
        <source>Sites by unit</source>
        <translation>项目涉及单元</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="85"/>
        <source>Site verdicts</source>
        <translation>项目研判结果</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="86"/>
        <source>Report folder</source>
        <translation>报告文件夹</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="90"/>
        <source>The plan GeoPackage (or the one a filing package unpacks to).</source>
        <translation>规划成果库 GeoPackage（或备案成果包解压得到的 GeoPackage）。</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="91"/>
        <source>The project sites: points, lines or polygons in any CRS; they are reprojected to the plan&apos;s.</source>
        <translation>项目选址：任意坐标系的点、线或面，将投影转换到规划成果的坐标系。</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="94"/>
        <source>Field with each site&apos;s name, for the outputs and the report.</source>
        <translation>项目名称所在字段，用于输出结果和报告。</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="95"/>
        <source>Field with each site's industry: a GB/T 4754 code (3011) or name (水泥制造).</source>
        <translation>项目行业所在字段：GB/T 4754 行业代码（如 3011）或名称（如 水泥制造）。</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="98"/>
        <source>One industry for every site, when the layer has no industry field.</source>
        <translation>图层没有行业字段时，为所有项目指定同一行业。</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="99"/>
        <source>One feature per site and unit it touches, with the overlap and the deciding clauses.</source>
        <translation>每个项目与其涉及的每个单元各一条记录，含重叠量和决定性条款。</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="102"/>
        <source>One feature per site with its verdict and reasons.</source>
        <translation>每个项目一条记录，含研判结果和理由。</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="153"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="179"/>
        <source>{0} sites: {1} 判定不通过, {2} 受限准入, {3} 待补充信息, {4} 判定通过.</source>
        <translation>共 {0} 个项目：判定不通过 {1} 个，受限准入 {2} 个，待补充信息 {3} 个，判定通过 {4} 个。</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="103"/>
        <source>A folder for index.html (every site&apos;s verdict and reasons, the worst first) and a one-page PDF per site (site_&lt;id&gt;.pdf: map, verdict, reasons, units, clauses).</source>
        <translation>存放 index.html（所有项目的研判结果和理由，最严重的在前）及每个项目一页 PDF 报告（site_&lt;编号&gt;.pdf：地图、研判结果、理由、涉及单元、条款）的文件夹。</translation>
    </message>
    <message>
        <location filename="../algorithms/screen_site.py" line="171"/>
        <source>Canceled: {0} of {1} site reports were written.</source>
        <translation>已取消：{1} 个项目报告中已生成 {0} 个。</translation>
    </message>
</context>
<context>
    <name>ScreeningDock</name>
    <message>
        <location filename="../ui/screening_dock.py" line="55"/>
        <source>Site screening</source>
        <translation>准入研判</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="85"/>
        <source>Plan</source>
        <translation>规划成果库</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="87"/>
        <source>GB/T 4754 code or name, e.g. 3011 or 水泥制造</source>
        <translation>GB/T 4754 行业代码或名称，如 3011 或 水泥制造</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="93"/>
        <source>Industry</source>
        <translation>行业</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="99"/>
        <source>Click on the map</source>
        <translation>地图点选</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="101"/>
        <source>Click a site on the map to screen it</source>
        <translation>在地图上点击项目位置进行研判</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="105"/>
        <source>Selected features</source>
        <translation>所选要素</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="106"/>
        <source>Screen the selected features of the active layer as one site</source>
        <translation>将当前图层的所选要素作为一个项目选址进行研判</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="107"/>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="204"/>
        <source>Open a plan, choose the industry, then click a site.</source>
        <translation>请打开规划成果库，选择行业，然后点选项目位置。</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="121"/>
        <source>Unit</source>
        <translation>单元</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="121"/>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="121"/>
        <source>Verdict</source>
        <translation>研判结果</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="169"/>
        <source>Not in GB/T 4754-2017: the verdict will be 待补充信息.</source>
        <translation>不在 GB/T 4754-2017 中：研判结果将为“待补充信息”。</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="178"/>
        <source>Open a plan first.</source>
        <translation>请先打开规划成果库。</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="190"/>
        <source>Site clicked on the map</source>
        <translation>地图点选位置</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="195"/>
        <source>Select the site&apos;s features on the map first (any layer).</source>
        <translation>请先在地图上选择项目选址要素（任意图层）。</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="210"/>
        <source>No clause of the touched units names this industry.</source>
        <translation>所涉单元的准入条款均未涉及该行业。</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="322"/>
        <source>Export report</source>
        <translation>导出报告</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="330"/>
        <source>The report could not be written: {0}</source>
        <translation>无法写入报告：{0}</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="332"/>
        <source>Report written: {0}</source>
        <translation>报告已生成：{0}</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="102"/>
        <source>Draw an area</source>
        <translation>绘制范围</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="104"/>
        <source>Click the corners of the site on the map; right-click to finish</source>
        <translation>在地图上依次点击项目范围的拐点，右键结束</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="279"/>
        <source>Drawn area</source>
        <translation>绘制的范围</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="156"/>
        <source>The plan could not be prepared for screening: {0}</source>
        <translation>无法为准入研判准备规划成果库：{0}</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="159"/>
        <source>Preparing the plan for screening</source>
        <translation>正在为准入研判准备规划成果库</translation>
    </message>
    <message>
        <location filename="../ui/screening_dock.py" line="178"/>
        <source>The plan is still being prepared.</source>
        <translation>规划成果库仍在准备中，请稍候。</translation>
    </message>
</context>
<context>
    <name>SetPlanInfoAlgorithm</name>
    <message>
        <location filename="../algorithms/set_plan_info.py" line="33"/>
        <source>Set plan information</source>
        <translation>设置规划信息</translation>
    </message>
    <message>
        <location filename="../algorithms/set_plan_info.py" line="37"/>
        <source>Sets the plan's filing information, as the Filing dock does, in one transaction recorded in the change log. INFO is a JSON object of entries and values, e.g. {{&quot;province&quot;: &quot;重庆市&quot;, &quot;compiled_by&quot;: &quot;某某环境科学研究院&quot;}}. The entries an author sets: {0}. An unknown entry or a date not written YYYY-MM-DD is refused and nothing is written.</source>
        <translation>与“成果备案”面板一样设置规划成果的备案信息，在一个事务中完成并记入变更日志。INFO 为信息项及其值的 JSON 对象，例如 {{&quot;province&quot;: &quot;重庆市&quot;, &quot;compiled_by&quot;: &quot;某某环境科学研究院&quot;}}。可设置的信息项：{0}。含有未知信息项或日期不是 YYYY-MM-DD 格式时拒绝执行，不写入任何内容。</translation>
    </message>
    <message>
        <location filename="../algorithms/set_plan_info.py" line="45"/>
        <source>Plan</source>
        <translation>规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/set_plan_info.py" line="46"/>
        <source>Plan information (JSON)</source>
        <translation>规划信息（JSON）</translation>
    </message>
    <message>
        <location filename="../algorithms/set_plan_info.py" line="47"/>
        <source>Reason</source>
        <translation>变更原因</translation>
    </message>
    <message>
        <location filename="../algorithms/set_plan_info.py" line="48"/>
        <source>The plan GeoPackage.</source>
        <translation>规划成果库 GeoPackage 文件。</translation>
    </message>
    <message>
        <location filename="../algorithms/set_plan_info.py" line="49"/>
        <source>Why the entries change; kept in the change log.</source>
        <translation>修改这些信息的原因，记入变更日志。</translation>
    </message>
    <message>
        <location filename="../algorithms/set_plan_info.py" line="50"/>
        <source>A JSON object, e.g. {&quot;province&quot;: &quot;重庆市&quot;, &quot;city&quot;: &quot;重庆市&quot;, &quot;plan_version&quot;: &quot;2025&quot;}.</source>
        <translation>JSON 对象，例如 {&quot;province&quot;: &quot;重庆市&quot;, &quot;city&quot;: &quot;重庆市&quot;, &quot;plan_version&quot;: &quot;2025&quot;}。</translation>
    </message>
    <message>
        <location filename="../algorithms/set_plan_info.py" line="53"/>
        <source>Entries set</source>
        <translation>已设置的信息项</translation>
    </message>
    <message>
        <location filename="../algorithms/set_plan_info.py" line="60"/>
        <source>INFO is not valid JSON ({0}): write an object such as {1}.</source>
        <translation>INFO 不是有效的 JSON（{0}）：请写成对象形式，例如 {1}。</translation>
    </message>
    <message>
        <location filename="../algorithms/set_plan_info.py" line="75"/>
        <source>Set in plan {0}: {1}.</source>
        <translation>已在规划成果库 {0} 中设置：{1}。</translation>
    </message>
</context>
<context>
    <name>StandardizeZonesAlgorithm</name>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="60"/>
        <source>Standardize element zones</source>
        <translation>标准化要素管控分区</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="63"/>
        <source>Turns one element sub-zone layer, in whatever schema it came, into the standard element zone schema (element, zone_class 1/2/3, subtype, zone_code, zone_name) that 'Derive control units' reads.

Class values are recognised when written the common ways (1/2/3, 优先保护区, 重点管控区-工业, 一般管控区, the subtype names, noise classes 0-4b); anything else needs a mapping, typed as JSON {&quot;source value&quot;: [class, &quot;subtype&quot;]} or given as a .json/.csv file. Unknown values are refused with a list, unless a class for unmapped values is chosen. Geometries are reprojected to the CGCS2000 Gauss-Krüger zone and invalid ones are repaired, each repair reported.</source>
        <translation>将任意结构的单个要素管控分区图层转换为“划定环境管控单元”读取的标准要素分区结构（element、zone_class 1/2/3、subtype、zone_code、zone_name）。

常见写法的类别取值可自动识别（1/2/3、优先保护区、重点管控区-工业、一般管控区、各细类名称、声环境 0–4b 类）；其他取值需要映射，可直接填写 JSON {&quot;源取值&quot;: [类别, &quot;细类&quot;]}，或提供 .json/.csv 文件。无法识别的取值将被列出并拒绝，除非指定了未映射取值的类别。几何投影到 CGCS2000 高斯-克吕格投影带，无效几何自动修复并逐一报告。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="76"/>
        <source>Source layer</source>
        <translation>源图层</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="79"/>
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
        <location filename="../algorithms/standardize_zones.py" line="188"/>
        <source>Layer {0} has no field {1} (the {2}); its fields are: {3}.</source>
        <translation>图层 {0} 没有字段 {1}（{2}）；现有字段为：{3}。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="194"/>
        <source>Choose the class field of layer {0}: element {1} needs one (only protected and development do not).</source>
        <translation>请为图层 {0} 选择类别字段：要素 {1} 需要类别字段（仅 protected 和 development 不需要）。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="258"/>
        <source>{0} zones written from layer {1} ({2} repaired or skipped).</source>
        <translation>已由图层 {1} 写出 {0} 个分区（修复或跳过 {2} 处）。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="272"/>
        <source>Layer {0} could not be read as {1}.</source>
        <translation>无法按 {1} 编码读取图层 {0}。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="302"/>
        <source>Layer {0} has no CRS: assign one, or choose the target CRS.</source>
        <translation>图层 {0} 没有坐标系：请先指定坐标系，或选择目标坐标系。</translation>
    </message>
    <message>
        <location filename="../algorithms/standardize_zones.py" line="237"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写出任何结果。</translation>
    </message>
</context>
<context>
    <name>TrackingStatisticsAlgorithm</name>
    <message>
        <location filename="../algorithms/tracking_statistics.py" line="39"/>
        <source>Tracking statistics</source>
        <translation>跟踪评估统计</translation>
    </message>
    <message>
        <location filename="../algorithms/tracking_statistics.py" line="42"/>
        <source>Puts several versions of a plan side by side (plan GeoPackages, filing packages or unit layers), ordered by their compiled date and version: per version and county the units and areas by class and by class and subclass, with the change from the version before, and the transition matrix between consecutive versions. Versions whose counties differ are reported. The report is a workbook with a chart, and an HTML page with the same tables beside it.</source>
        <translation>将规划的多个版本（规划成果库 GeoPackage、备案成果包或单元图层）按编制日期和版本排列对比：逐版本、逐区县统计各类别及各单元细类的单元数和面积及其与上一版本的变化，并给出相邻版本之间的类别转移矩阵。县域范围不同的版本会单独说明。报告为含图表的 Excel 工作簿，同目录另存含相同表格的 HTML 页面。</translation>
    </message>
    <message>
        <location filename="../algorithms/tracking_statistics.py" line="51"/>
        <source>Plan versions</source>
        <translation>规划版本</translation>
    </message>
    <message>
        <location filename="../algorithms/tracking_statistics.py" line="54"/>
        <source>Statistics table</source>
        <translation>统计表</translation>
    </message>
    <message>
        <location filename="../algorithms/tracking_statistics.py" line="59"/>
        <source>Tracking report</source>
        <translation>跟踪评估报告</translation>
    </message>
    <message>
        <location filename="../algorithms/tracking_statistics.py" line="65"/>
        <source>Two or more versions: plan GeoPackages, filing packages (.zip) or unit layers.</source>
        <translation>两个或更多版本：规划成果库 GeoPackage、备案成果包（.zip）或单元图层。</translation>
    </message>
    <message>
        <location filename="../algorithms/tracking_statistics.py" line="66"/>
        <source>One row per version, county, class (and subclass), with the change from before.</source>
        <translation>每个版本、区县、类别（及单元细类）一行，含与上一版本相比的变化。</translation>
    </message>
    <message>
        <location filename="../algorithms/tracking_statistics.py" line="67"/>
        <source>Workbook with a chart and the transition matrices; an .html beside it.</source>
        <translation>含图表和转移矩阵的工作簿；同目录另存 .html。</translation>
    </message>
    <message>
        <location filename="../algorithms/tracking_statistics.py" line="75"/>
        <source>Give at least two plan versions to track.</source>
        <translation>请至少提供两个规划版本。</translation>
    </message>
    <message>
        <location filename="../algorithms/tracking_statistics.py" line="97"/>
        <source>{0} versions, {1} rows, {2} transition matrices.</source>
        <translation>共 {0} 个版本，{1} 行统计，{2} 个转移矩阵。</translation>
    </message>
</context>
<context>
    <name>UnitStatisticsAlgorithm</name>
    <message>
        <location filename="../algorithms/unit_statistics.py" line="45"/>
        <source>Unit statistics</source>
        <translation>管控单元统计</translation>
    </message>
    <message>
        <location filename="../algorithms/unit_statistics.py" line="56"/>
        <source>Plan</source>
        <translation>规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/unit_statistics.py" line="57"/>
        <source>Statistics table</source>
        <translation>统计表</translation>
    </message>
    <message>
        <location filename="../algorithms/unit_statistics.py" line="58"/>
        <source>Statistics report</source>
        <translation>统计报告</translation>
    </message>
    <message>
        <location filename="../algorithms/unit_statistics.py" line="66"/>
        <source>The plan GeoPackage made by Create plan.</source>
        <translation>由“创建规划成果库”生成的规划成果库（GeoPackage）。</translation>
    </message>
    <message>
        <location filename="../algorithms/unit_statistics.py" line="73"/>
        <source>An .xlsx workbook or an .html page with the tables and the chart.</source>
        <translation>含统计表和图表的 .xlsx 工作簿或 .html 网页。</translation>
    </message>
    <message>
        <location filename="../algorithms/unit_statistics.py" line="94"/>
        <source>Control units of {0}</source>
        <translation>{0}环境管控单元统计</translation>
    </message>
    <message>
        <location filename="../algorithms/unit_statistics.py" line="101"/>
        <source>Cannot write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
    <message>
        <location filename="../algorithms/unit_statistics.py" line="104"/>
        <source>Class {0}: {1} units, {2:.2f} km² ({3:.1f}%).</source>
        <translation>类别 {0}：{1} 个单元，{2:.2f} 平方千米（{3:.1f}%）。</translation>
    </message>
    <message>
        <location filename="../algorithms/unit_statistics.py" line="48"/>
        <source>Counts and areas of the plan&apos;s control units by class, by county and class and by unit subclass, and the area and share of each element subtype, as a table and as a report with a bar chart of class areas per county: an Excel workbook (.xlsx) or a web page (.html), by the file&apos;s extension.</source>
        <translation>按类别、按区县和类别、按单元细类统计规划成果中管控单元的数量和面积，并统计各要素细类的面积和占比；输出为统计表，以及附各区县分类面积柱状图的报告：按文件扩展名输出 Excel 工作簿（.xlsx）或网页（.html）。</translation>
    </message>
    <message>
        <location filename="../algorithms/unit_statistics.py" line="67"/>
        <source>One row per class, per county and class, per element subtype and per unit subclass (the subclass in the subtype field).</source>
        <translation>每个类别、每个区县和类别、每个要素细类、每个单元细类各一行（单元细类记在细类字段中）。</translation>
    </message>
</context>
<context>
    <name>UpgradePlanAlgorithm</name>
    <message>
        <location filename="../algorithms/upgrade_plan.py" line="23"/>
        <source>Upgrade plan</source>
        <translation>升级规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/upgrade_plan.py" line="26"/>
        <source>Brings a plan made by an older EcoZone to this version&apos;s schema, in one transaction logged in the change log. A copy of the plan as it was is kept beside it first (name.schemaN.bak.gpkg). A plan that is current already is left untouched.</source>
        <translation>将旧版 EcoZone 创建的规划成果库升级到本版本的结构，在一个事务中完成并记入变更日志。升级前先在同一目录保留一份原样副本（名称.schemaN.bak.gpkg）。已是最新结构的规划成果库不作改动。</translation>
    </message>
    <message>
        <location filename="../algorithms/upgrade_plan.py" line="33"/>
        <source>Plan</source>
        <translation>规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/upgrade_plan.py" line="34"/>
        <source>The plan GeoPackage to upgrade.</source>
        <translation>要升级的规划成果库（GeoPackage）。</translation>
    </message>
    <message>
        <location filename="../algorithms/upgrade_plan.py" line="35"/>
        <source>Backup copy</source>
        <translation>备份副本</translation>
    </message>
    <message>
        <location filename="../algorithms/upgrade_plan.py" line="46"/>
        <source>The plan {0} is current (schema version {1}): nothing to do.</source>
        <translation>规划成果库 {0} 已是最新结构（版本 {1}），无需升级。</translation>
    </message>
    <message>
        <location filename="../algorithms/upgrade_plan.py" line="48"/>
        <source>The plan {0} was upgraded from schema version {1} to {2}; the copy before is {3}.</source>
        <translation>规划成果库 {0} 已从结构版本 {1} 升级到 {2}；升级前的副本为 {3}。</translation>
    </message>
</context>
<context>
    <name>ValidatePlanAlgorithm</name>
    <message>
        <location filename="../algorithms/validate_plan.py" line="47"/>
        <source>Validate plan</source>
        <translation>检查规划成果</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="50"/>
        <source>Checks a plan before filing and lists every finding with a stable code, its severity, a message in Chinese and English with the fix, the unit and, where it has a place, its geometry: geometry (invalid, empty, not polygonal, repeated vertices, tiny rings), coverage of the county boundaries (gaps, overlaps, units outside the boundary or crossing a county), codes (template, uniqueness, county prefix, class digit) and names, attributes (required fields, class values, area), rules (red line and protected areas inside priority units, fragments below the minimum area) and the admission list (a clause in each of the four dimensions for every unit). The profile says which findings are errors and which warnings.</source>
        <translation>备案前检查规划成果，逐条列出问题：稳定的问题代码、级别、中英文说明及处理办法、所属单元，以及有位置的问题的几何。检查内容包括：几何（无效、为空、非面、重复节点、微小环），对区县边界的覆盖（缝隙、重叠、超出边界、跨区县），编码（编码规则、唯一性、区县代码、类别位）和名称，属性（必填字段、类别取值、面积），划定规则（生态保护红线和保护地位于优先保护单元内、小于最小面积的图斑），以及准入清单（每个单元四个管控维度均有条款）。错误与警告的划分由配置方案决定。</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="62"/>
        <source>Plan</source>
        <translation>规划成果库</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="63"/>
        <source>Profile</source>
        <translation>配置方案</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="66"/>
        <source>Findings</source>
        <translation>问题图层</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="71"/>
        <source>Validation report</source>
        <translation>检查报告</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="77"/>
        <source>The plan GeoPackage made by Create plan.</source>
        <translation>由“创建规划成果库”生成的规划成果库（GeoPackage）。</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="78"/>
        <source>Empty: the profile kept in the plan; or a bundled profile id or .json path.</source>
        <translation>留空则使用规划成果库中保存的配置方案；也可填写内置配置方案标识或 .json 文件路径。</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="79"/>
        <source>One feature per finding: the gap or overlap itself, a small square around a point-like finding, no geometry for findings without a place.</source>
        <translation>每个问题一个要素：缝隙或重叠本身，点状问题为其周围的小方块，无位置的问题不带几何。</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="83"/>
        <source>HTML report; the JSON report is written beside it (.json).</source>
        <translation>HTML 报告；JSON 报告写在其旁（.json）。</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="89"/>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="90"/>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="98"/>
        <source>Canceled: nothing was written.</source>
        <translation>已取消：未写入任何内容。</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="118"/>
        <source>Validation findings</source>
        <translation>检查问题</translation>
    </message>
    <message>
        <location filename="../algorithms/validate_plan.py" line="132"/>
        <source>{0} units checked: {1} errors, {2} warnings.</source>
        <translation>已检查 {0} 个单元：{1} 个错误，{2} 个警告。</translation>
    </message>
</context>
</TS>
