using static AssetRegistry.Domain.Inspections.InspectionTypes;

namespace AssetRegistry.Domain.Inspections;

/// <summary>
/// The inspection rules a new registry starts with, each with its source (shown to the bureau in the rules editor,
/// so in Chinese, citing documents by title; the comments say where in DOMAIN.md each comes from) and tag. Where DOMAIN.md has no
/// figure (manhole patrols, streetlight night patrols, CCTV survey cycles) the interval is the bureau-practice
/// assumption stated in the source and tagged unverified, for the bureau to confirm in the rules editor.
/// </summary>
public static class DefaultInspectionRules
{
    private const string U = "unverified", P = "partly_verified", V = "verified";

    public static IReadOnlyList<InspectionRule> All { get; } =
    [
        // 检查井盖: 巡查. DOMAIN.md §5 gives defect types but no patrol cycle.
        new("manholes.cover_patrol", "manholes", CoverPatrol, null, null, 30, null, null, Checklists.ManholeCover, false,
            "井盖巡查", "Manhole cover patrol", "假定每月巡查每座井盖；所查资料（GB/T 23858-2009《检查井盖》、CJJ 6、CJJ 68）未见巡查周期，请管理局确认", U),

        // 路灯 (DOMAIN.md §7).
        new("streetlights.night_patrol", "streetlights", NightPatrol, null, null, 7, null, null, Checklists.Streetlight, false,
            "路灯夜巡", "Streetlight night patrol", "假定每周夜巡一次，以保持亮灯率 ≥ 96–98 %（亮灯率目标见住建部《城市照明管理规定》及河北、哈尔滨执行口径；巡查周期为假定）", U),
        new("streetlights.electrical_test", "streetlights", ElectricalTest, null, null, 365, null, null, Checklists.StreetlightElectrical, false,
            "路灯电气年检", "Annual electrical test", "每年一次绝缘电阻、接地电阻及剩余电流保护动作试验（常见做法，参照 CJJ 89-2012，待核实）", U),
        new("streetlights.leakage_check", "streetlights", LeakageCheck, null, null, 365, 3, 4, Checklists.StreetlightElectrical, false,
            "汛前漏电检查", "Pre-rainy-season leakage check", "雨季前（3–4月）检查灯杆检修门并做漏电检查（常见做法，待核实；福建汛期前）", U, "last_leakage_test"),

        // 城市桥梁 CJJ 99-2017 (DOMAIN.md §1.2–1.3).
        new("bridges.routine_patrol.grade_1", "bridges", RoutinePatrol, "maintenance_grade", ["1"], 1, null, null, Checklists.BridgeVisual, false,
            "桥梁经常性检查(Ⅰ等)", "Bridge routine patrol, grade Ⅰ", "CJJ 99-2017 经常性检查按养护等级：Ⅰ等约每日一次（常见口径，未读到标准原文）", U),
        new("bridges.routine_patrol.grade_2", "bridges", RoutinePatrol, "maintenance_grade", ["2"], 3, null, null, Checklists.BridgeVisual, false,
            "桥梁经常性检查(Ⅱ等)", "Bridge routine patrol, grade Ⅱ", "CJJ 99-2017 经常性检查按养护等级：Ⅱ等不超过3天一次（常见口径，未读到标准原文）", U),
        new("bridges.routine_patrol.grade_3", "bridges", RoutinePatrol, "maintenance_grade", ["3"], 7, null, null, Checklists.BridgeVisual, false,
            "桥梁经常性检查(Ⅲ等)", "Bridge routine patrol, grade Ⅲ", "CJJ 99-2017 经常性检查按养护等级：Ⅲ等不超过7天一次（常见口径，未读到标准原文）", U),
        new("bridges.periodic_inspection", "bridges", PeriodicInspection, null, null, 365, null, null, Checklists.BridgeCondition, false,
            "常规定期检测", "Regular periodic inspection", "CJJ 99-2017 常规定期检测每年一次（检测内容已核实；年度周期为广泛引用的口径）", P, "last_periodic_inspection"),
        new("bridges.structural_inspection.ii_v", "bridges", StructuralInspection, "maintenance_category", ["II", "III", "IV", "V"], 6 * 365, null, null,
            Checklists.BridgeCondition, false, "结构定期检测(Ⅱ–Ⅴ类)", "Structural inspection, categories Ⅱ–Ⅴ",
            "CJJ 99-2017：Ⅱ类~Ⅴ类养护的城市桥梁宜6年~10年进行一次结构定期检测；取下限6年", V, "last_structural_inspection"),
        new("bridges.structural_inspection.i", "bridges", StructuralInspection, "maintenance_category", ["I"], 3 * 365, null, null,
            Checklists.BridgeCondition, false, "结构定期检测(Ⅰ类)", "Structural inspection, category Ⅰ",
            "CJJ 99-2017：Ⅰ类桥梁按单桥确定更短的周期；此处假定3年", U, "last_structural_inspection"),
        new("bridges.special_inspection.d_e", "bridges", SpecialInspection, "condition_grade", ["D", "E"], 90, null, null,
            Checklists.BridgeCondition, false, "特殊检测(D/E级)", "Special inspection, grade D or E",
            "完好状态评为D级、E级的桥梁做特殊检测（常见触发条件，待核实）；评级保持D/E期间每季度一次（假定）", U),

        // 古树名木 (DOMAIN.md §3.2 proposal, Qujing local rule [V] as the example).
        new("ancient_trees.patrol.grade_1", "ancient_trees", TreePatrol, "protection_grade", ["grade_1", "famous"], 30, null, null, Checklists.AncientTree, false,
            "古树巡查(一级/名木)", "Tree patrol, grade 1 and famous", "建议默认值：一级古树、名木每月巡查一次（未见全国统一规定）", U),
        new("ancient_trees.patrol.grade_2", "ancient_trees", TreePatrol, "protection_grade", ["grade_2"], 91, null, null, Checklists.AncientTree, false,
            "古树巡查(二级)", "Tree patrol, grade 2", "建议默认值：二级古树每季度巡查一次（未见全国统一规定）", U),
        new("ancient_trees.patrol.grade_3", "ancient_trees", TreePatrol, "protection_grade", ["grade_3", "reserve"], 182, null, null, Checklists.AncientTree, false,
            "古树巡查(三级/后备)", "Tree patrol, grade 3 and reserve", "建议默认值：三级古树、后备资源每半年巡查一次（未见全国统一规定）", U),
        new("ancient_trees.health_check.grade_1", "ancient_trees", TreeHealthCheck, "protection_grade", ["grade_1", "famous"], 182, null, null, Checklists.AncientTree, false,
            "古树健康检查(一级/名木)", "Tree health check, grade 1 and famous", "建议默认值：一级古树、名木每年至少两次健康检查；参照《曲靖市古树名木保护管理办法》（2011）一级每6个月一次", U),
        new("ancient_trees.health_check.other", "ancient_trees", TreeHealthCheck, "protection_grade", ["grade_2", "grade_3"], 365, null, null, Checklists.AncientTree, false,
            "古树健康检查(二/三级)", "Tree health check, grades 2 and 3", "建议默认值：二级、三级古树每年一次健康检查；参照《曲靖市古树名木保护管理办法》（2011）二级12个月、三级2年一次", U),
        new("ancient_trees.pest_check.grade_1", "ancient_trees", PestDiseaseCheck, "protection_grade", ["grade_1", "famous"], 91, null, null, Checklists.AncientTree, false,
            "古树病虫害检查(一级/名木)", "Pest and disease check, grade 1 and famous", "每季度一次病虫害检查（福建常见天牛、白蚁；周期为假定）", U),
        new("ancient_trees.pest_check.other", "ancient_trees", PestDiseaseCheck, "protection_grade", ["grade_2", "grade_3", "reserve"], 182, null, null, Checklists.AncientTree, false,
            "古树病虫害检查(其他)", "Pest and disease check, other grades", "每半年一次病虫害检查（周期为假定）", U),

        // 排水管段 CCTV by CJJ 181 structural grade; cycles are bureau practice, not in DOMAIN.md.
        new("sewer_segments.cctv.grade_iv", "sewer_segments", CctvSurvey, "structural_grade", ["IV"], 365, null, null, Checklists.SewerCctv, true,
            "CCTV检测(Ⅳ级)", "CCTV survey, grade Ⅳ", "假定Ⅳ级管段修复前每年复检一次（CJJ 181-2012：修复指数Ⅳ级应立即修复）", U),
        new("sewer_segments.cctv.grade_iii", "sewer_segments", CctvSurvey, "structural_grade", ["III"], 2 * 365, null, null, Checklists.SewerCctv, true,
            "CCTV检测(Ⅲ级)", "CCTV survey, grade Ⅲ", "假定Ⅲ级管段每两年检测一次（等级按 CJJ 181-2012；周期为假定）", U),
        new("sewer_segments.cctv.grade_i_ii", "sewer_segments", CctvSurvey, "structural_grade", ["I", "II", ""], 5 * 365, null, null, Checklists.SewerCctv, true,
            "CCTV检测(Ⅰ/Ⅱ级及未检)", "CCTV survey, grades Ⅰ–Ⅱ and never surveyed", "假定Ⅰ、Ⅱ级管段每五年检测一次；从未检测的管段并入此周期（周期为假定）", U),

        // 内涝积水点 (DOMAIN.md §6): before the flood season, March–April.
        new("waterlogging_points.pre_flood", "waterlogging_points", PreFloodSurvey, null, null, 365, 3, 4, Checklists.Waterlogging, false,
            "汛前排查", "Pre-flood-season survey", "福建汛期前（3–4月）汛前排查（常见做法，待核实）", U),
    ];
}
