using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <summary>
    /// The default inspection rules' sources, which the rules editor shows the bureau, in Chinese and citing documents
    /// by title instead of the product's notes (DefaultInspectionRules). Only a rule still holding its old default
    /// text is changed, and its version moves on so that an edit form opened before the upgrade is refused rather
    /// than writing the old text back; a source the bureau wrote is kept. Data only: the model is unchanged.
    /// </summary>
    [DbContext(typeof(RegistryDbContext))]
    [Migration("20261207204500_InspectionRuleSourcesInChinese")]
    public partial class InspectionRuleSourcesInChinese : Migration
    {
        private static readonly (string Code, string Old, string New)[] Sources =
        [
            ("manholes.cover_patrol",
             "Assumed monthly patrol of every cover; DOMAIN.md §5 has no cycle — confirm with the bureau",
             "假定每月巡查每座井盖；所查资料（GB/T 23858-2009《检查井盖》、CJJ 6、CJJ 68）未见巡查周期，请管理局确认"),
            ("streetlights.night_patrol",
             "Assumed weekly night patrol to hold 亮灯率 ≥ 96–98 % (DOMAIN.md §7, targets [V], cycle assumed)",
             "假定每周夜巡一次，以保持亮灯率 ≥ 96–98 %（亮灯率目标见住建部《城市照明管理规定》及河北、哈尔滨执行口径；巡查周期为假定）"),
            ("streetlights.electrical_test",
             "Annual insulation-resistance, grounding and RCD test (DOMAIN.md §7, CJJ 89 [U])",
             "每年一次绝缘电阻、接地电阻及剩余电流保护动作试验（常见做法，参照 CJJ 89-2012，待核实）"),
            ("streetlights.leakage_check",
             "Leakage checks of hand-hole doors before the rainy season, March–April (DOMAIN.md §7 [U], §6 flood season)",
             "雨季前（3–4月）检查灯杆检修门并做漏电检查（常见做法，待核实；福建汛期前）"),
            ("bridges.routine_patrol.grade_1",
             "CJJ 99 经常性检查 by 养护等级: about daily for Ⅰ等 (DOMAIN.md §1.3 [U])",
             "CJJ 99-2017 经常性检查按养护等级：Ⅰ等约每日一次（常见口径，未读到标准原文）"),
            ("bridges.routine_patrol.grade_2",
             "CJJ 99 经常性检查: ≤ 3 d for Ⅱ等 (DOMAIN.md §1.3 [U])",
             "CJJ 99-2017 经常性检查按养护等级：Ⅱ等不超过3天一次（常见口径，未读到标准原文）"),
            ("bridges.routine_patrol.grade_3",
             "CJJ 99 经常性检查: ≤ 7 d for Ⅲ等 (DOMAIN.md §1.3 [U])",
             "CJJ 99-2017 经常性检查按养护等级：Ⅲ等不超过7天一次（常见口径，未读到标准原文）"),
            ("bridges.periodic_inspection",
             "CJJ 99 常规定期检测 once a year (DOMAIN.md §1.3: content [V], annual interval [P])",
             "CJJ 99-2017 常规定期检测每年一次（检测内容已核实；年度周期为广泛引用的口径）"),
            ("bridges.structural_inspection.ii_v",
             "CJJ 99: Ⅱ类~Ⅴ类 宜6年~10年 一次结构定期检测; the shorter bound (DOMAIN.md §1.3 [V])",
             "CJJ 99-2017：Ⅱ类~Ⅴ类养护的城市桥梁宜6年~10年进行一次结构定期检测；取下限6年"),
            ("bridges.structural_inspection.i",
             "CJJ 99: Ⅰ类 a shorter, bridge-specific interval; 3 years assumed (DOMAIN.md §1.3 [U])",
             "CJJ 99-2017：Ⅰ类桥梁按单桥确定更短的周期；此处假定3年"),
            ("bridges.special_inspection.d_e",
             "Bridges rated D or E get a special inspection (DOMAIN.md §1.3 trigger [U], §1.5); repeated quarterly while D/E (assumed)",
             "完好状态评为D级、E级的桥梁做特殊检测（常见触发条件，待核实）；评级保持D/E期间每季度一次（假定）"),
            ("ancient_trees.patrol.grade_1",
             "DOMAIN.md §3.2 suggested default: monthly for 一级 and 名木 [U]",
             "建议默认值：一级古树、名木每月巡查一次（未见全国统一规定）"),
            ("ancient_trees.patrol.grade_2",
             "DOMAIN.md §3.2 suggested default: quarterly for 二级 [U]",
             "建议默认值：二级古树每季度巡查一次（未见全国统一规定）"),
            ("ancient_trees.patrol.grade_3",
             "DOMAIN.md §3.2 suggested default: half-yearly for 三级 [U]",
             "建议默认值：三级古树、后备资源每半年巡查一次（未见全国统一规定）"),
            ("ancient_trees.health_check.grade_1",
             "DOMAIN.md §3.2: at least twice a year for 一级 and 名木 [U]; Qujing rule 6 months [V]",
             "建议默认值：一级古树、名木每年至少两次健康检查；参照《曲靖市古树名木保护管理办法》（2011）一级每6个月一次"),
            ("ancient_trees.health_check.other",
             "DOMAIN.md §3.2: annually for 二级 and 三级 [U]; Qujing 12 months / 2 years [V]",
             "建议默认值：二级、三级古树每年一次健康检查；参照《曲靖市古树名木保护管理办法》（2011）二级12个月、三级2年一次"),
            ("ancient_trees.pest_check.grade_1",
             "Quarterly 病虫害 check (天牛, 白蚁 in Fujian, DOMAIN.md §3.3 [U]); cycle assumed",
             "每季度一次病虫害检查（福建常见天牛、白蚁；周期为假定）"),
            ("ancient_trees.pest_check.other",
             "Half-yearly 病虫害 check (DOMAIN.md §3.3 [U]); cycle assumed",
             "每半年一次病虫害检查（周期为假定）"),
            ("sewer_segments.cctv.grade_iv",
             "Assumed yearly re-survey of Ⅳ segments until repaired (CJJ 181 RI Ⅳ: repair immediately, DOMAIN.md §2.2)",
             "假定Ⅳ级管段修复前每年复检一次（CJJ 181-2012：修复指数Ⅳ级应立即修复）"),
            ("sewer_segments.cctv.grade_iii",
             "Assumed two-yearly survey of Ⅲ segments (DOMAIN.md §2.2 grades [V], cycle assumed)",
             "假定Ⅲ级管段每两年检测一次（等级按 CJJ 181-2012；周期为假定）"),
            ("sewer_segments.cctv.grade_i_ii",
             "Assumed five-yearly survey of Ⅰ–Ⅱ segments; never-surveyed segments join this cycle (cycle assumed)",
             "假定Ⅰ、Ⅱ级管段每五年检测一次；从未检测的管段并入此周期（周期为假定）"),
            ("waterlogging_points.pre_flood",
             "汛前排查 in March–April before Fujian's flood season (DOMAIN.md §6 [U])",
             "福建汛期前（3–4月）汛前排查（常见做法，待核实）"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            DefaultTextChanges.Apply(migrationBuilder, "inspection_rules", "source", Sources, bumpVersion: true);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            DefaultTextChanges.Apply(migrationBuilder, "inspection_rules", "source", Sources, bumpVersion: true, reverse: true);
    }
}
