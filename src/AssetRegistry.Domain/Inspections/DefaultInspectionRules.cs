using static AssetRegistry.Domain.Inspections.InspectionTypes;

namespace AssetRegistry.Domain.Inspections;

/// <summary>
/// The inspection rules a new registry starts with, each with its DOMAIN.md source and tag. Where DOMAIN.md has no
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
            "井盖巡查", "Manhole cover patrol", "Assumed monthly patrol of every cover; DOMAIN.md §5 has no cycle — confirm with the bureau", U),

        // 路灯 (DOMAIN.md §7).
        new("streetlights.night_patrol", "streetlights", NightPatrol, null, null, 7, null, null, Checklists.Streetlight, false,
            "路灯夜巡", "Streetlight night patrol", "Assumed weekly night patrol to hold 亮灯率 ≥ 96–98 % (DOMAIN.md §7, targets [V], cycle assumed)", U),
        new("streetlights.electrical_test", "streetlights", ElectricalTest, null, null, 365, null, null, Checklists.StreetlightElectrical, false,
            "路灯电气年检", "Annual electrical test", "Annual insulation-resistance, grounding and RCD test (DOMAIN.md §7, CJJ 89 [U])", U),
        new("streetlights.leakage_check", "streetlights", LeakageCheck, null, null, 365, 3, 4, Checklists.StreetlightElectrical, false,
            "汛前漏电检查", "Pre-rainy-season leakage check", "Leakage checks of hand-hole doors before the rainy season, March–April (DOMAIN.md §7 [U], §6 flood season)", U, "last_leakage_test"),

        // 城市桥梁 CJJ 99-2017 (DOMAIN.md §1.2–1.3).
        new("bridges.routine_patrol.grade_1", "bridges", RoutinePatrol, "maintenance_grade", ["1"], 1, null, null, Checklists.BridgeVisual, false,
            "桥梁经常性检查(Ⅰ等)", "Bridge routine patrol, grade Ⅰ", "CJJ 99 经常性检查 by 养护等级: about daily for Ⅰ等 (DOMAIN.md §1.3 [U])", U),
        new("bridges.routine_patrol.grade_2", "bridges", RoutinePatrol, "maintenance_grade", ["2"], 3, null, null, Checklists.BridgeVisual, false,
            "桥梁经常性检查(Ⅱ等)", "Bridge routine patrol, grade Ⅱ", "CJJ 99 经常性检查: ≤ 3 d for Ⅱ等 (DOMAIN.md §1.3 [U])", U),
        new("bridges.routine_patrol.grade_3", "bridges", RoutinePatrol, "maintenance_grade", ["3"], 7, null, null, Checklists.BridgeVisual, false,
            "桥梁经常性检查(Ⅲ等)", "Bridge routine patrol, grade Ⅲ", "CJJ 99 经常性检查: ≤ 7 d for Ⅲ等 (DOMAIN.md §1.3 [U])", U),
        new("bridges.periodic_inspection", "bridges", PeriodicInspection, null, null, 365, null, null, Checklists.BridgeCondition, false,
            "常规定期检测", "Regular periodic inspection", "CJJ 99 常规定期检测 once a year (DOMAIN.md §1.3: content [V], annual interval [P])", P, "last_periodic_inspection"),
        new("bridges.structural_inspection.ii_v", "bridges", StructuralInspection, "maintenance_category", ["II", "III", "IV", "V"], 6 * 365, null, null,
            Checklists.BridgeCondition, false, "结构定期检测(Ⅱ–Ⅴ类)", "Structural inspection, categories Ⅱ–Ⅴ",
            "CJJ 99: Ⅱ类~Ⅴ类 宜6年~10年 一次结构定期检测; the shorter bound (DOMAIN.md §1.3 [V])", V, "last_structural_inspection"),
        new("bridges.structural_inspection.i", "bridges", StructuralInspection, "maintenance_category", ["I"], 3 * 365, null, null,
            Checklists.BridgeCondition, false, "结构定期检测(Ⅰ类)", "Structural inspection, category Ⅰ",
            "CJJ 99: Ⅰ类 a shorter, bridge-specific interval; 3 years assumed (DOMAIN.md §1.3 [U])", U, "last_structural_inspection"),
        new("bridges.special_inspection.d_e", "bridges", SpecialInspection, "condition_grade", ["D", "E"], 90, null, null,
            Checklists.BridgeCondition, false, "特殊检测(D/E级)", "Special inspection, grade D or E",
            "Bridges rated D or E get a special inspection (DOMAIN.md §1.3 trigger [U], §1.5); repeated quarterly while D/E (assumed)", U),

        // 古树名木 (DOMAIN.md §3.2 proposal, Qujing local rule [V] as the example).
        new("ancient_trees.patrol.grade_1", "ancient_trees", TreePatrol, "protection_grade", ["grade_1", "famous"], 30, null, null, Checklists.AncientTree, false,
            "古树巡查(一级/名木)", "Tree patrol, grade 1 and famous", "DOMAIN.md §3.2 suggested default: monthly for 一级 and 名木 [U]", U),
        new("ancient_trees.patrol.grade_2", "ancient_trees", TreePatrol, "protection_grade", ["grade_2"], 91, null, null, Checklists.AncientTree, false,
            "古树巡查(二级)", "Tree patrol, grade 2", "DOMAIN.md §3.2 suggested default: quarterly for 二级 [U]", U),
        new("ancient_trees.patrol.grade_3", "ancient_trees", TreePatrol, "protection_grade", ["grade_3", "reserve"], 182, null, null, Checklists.AncientTree, false,
            "古树巡查(三级/后备)", "Tree patrol, grade 3 and reserve", "DOMAIN.md §3.2 suggested default: half-yearly for 三级 [U]", U),
        new("ancient_trees.health_check.grade_1", "ancient_trees", TreeHealthCheck, "protection_grade", ["grade_1", "famous"], 182, null, null, Checklists.AncientTree, false,
            "古树健康检查(一级/名木)", "Tree health check, grade 1 and famous", "DOMAIN.md §3.2: at least twice a year for 一级 and 名木 [U]; Qujing rule 6 months [V]", U),
        new("ancient_trees.health_check.other", "ancient_trees", TreeHealthCheck, "protection_grade", ["grade_2", "grade_3"], 365, null, null, Checklists.AncientTree, false,
            "古树健康检查(二/三级)", "Tree health check, grades 2 and 3", "DOMAIN.md §3.2: annually for 二级 and 三级 [U]; Qujing 12 months / 2 years [V]", U),
        new("ancient_trees.pest_check.grade_1", "ancient_trees", PestDiseaseCheck, "protection_grade", ["grade_1", "famous"], 91, null, null, Checklists.AncientTree, false,
            "古树病虫害检查(一级/名木)", "Pest and disease check, grade 1 and famous", "Quarterly 病虫害 check (天牛, 白蚁 in Fujian, DOMAIN.md §3.3 [U]); cycle assumed", U),
        new("ancient_trees.pest_check.other", "ancient_trees", PestDiseaseCheck, "protection_grade", ["grade_2", "grade_3", "reserve"], 182, null, null, Checklists.AncientTree, false,
            "古树病虫害检查(其他)", "Pest and disease check, other grades", "Half-yearly 病虫害 check (DOMAIN.md §3.3 [U]); cycle assumed", U),

        // 排水管段 CCTV by CJJ 181 structural grade; cycles are bureau practice, not in DOMAIN.md.
        new("sewer_segments.cctv.grade_iv", "sewer_segments", CctvSurvey, "structural_grade", ["IV"], 365, null, null, Checklists.SewerCctv, true,
            "CCTV检测(Ⅳ级)", "CCTV survey, grade Ⅳ", "Assumed yearly re-survey of Ⅳ segments until repaired (CJJ 181 RI Ⅳ: repair immediately, DOMAIN.md §2.2)", U),
        new("sewer_segments.cctv.grade_iii", "sewer_segments", CctvSurvey, "structural_grade", ["III"], 2 * 365, null, null, Checklists.SewerCctv, true,
            "CCTV检测(Ⅲ级)", "CCTV survey, grade Ⅲ", "Assumed two-yearly survey of Ⅲ segments (DOMAIN.md §2.2 grades [V], cycle assumed)", U),
        new("sewer_segments.cctv.grade_i_ii", "sewer_segments", CctvSurvey, "structural_grade", ["I", "II", ""], 5 * 365, null, null, Checklists.SewerCctv, true,
            "CCTV检测(Ⅰ/Ⅱ级及未检)", "CCTV survey, grades Ⅰ–Ⅱ and never surveyed", "Assumed five-yearly survey of Ⅰ–Ⅱ segments; never-surveyed segments join this cycle (cycle assumed)", U),

        // 内涝积水点 (DOMAIN.md §6): before the flood season, March–April.
        new("waterlogging_points.pre_flood", "waterlogging_points", PreFloodSurvey, null, null, 365, 3, 4, Checklists.Waterlogging, false,
            "汛前排查", "Pre-flood-season survey", "汛前排查 in March–April before Fujian's flood season (DOMAIN.md §6 [U])", U),
    ];
}
