using AssetRegistry.Domain.Kinds;
using AssetRegistry.Domain.Standards;
using static AssetRegistry.Domain.Inspections.Results.ChecklistFieldType;

namespace AssetRegistry.Domain.Inspections.Results;

/// <summary>
/// Every checklist a crew fills in, keyed by the ids of <see cref="Checklists"/>, as data with its DOMAIN.md
/// source. Option codes are the codes stored in results; the standards' own names are the zh labels.
/// </summary>
public static class ChecklistCatalogue
{
    /// <summary>The collection of a checklist that applies to assets of any kind (remediation).</summary>
    public const string AnyCollection = "*";

    /// <summary>The ten cover defect types (病害) of the Beijing 2020 standard, DOMAIN.md §5.2 [V].</summary>
    public static readonly IReadOnlyList<ChecklistOption> CoverDefects =
    [
        new("missing", "缺失", "Missing"), new("broken", "破损", "Broken"), new("displaced", "移位", "Displaced"),
        new("rattling", "震响", "Rattling"), new("sunken", "沉陷", "Sunken"), new("raised", "凸起", "Raised"),
        new("level_difference", "井盖高差", "Level difference"), new("surround_damage", "井周破损", "Surround damage"),
        new("wrong_cover", "井盖错乱", "Wrong cover"), new("no_anti_fall", "无防坠落功能", "No anti-fall protection"),
    ];

    /// <summary>Pest and disease items of ancient trees, DOMAIN.md §3.3 [U].</summary>
    public static readonly IReadOnlyList<ChecklistOption> TreePests =
    [
        new("longhorn_beetle", "天牛", "Longhorn beetles"), new("termite", "白蚁", "Termites"),
        new("scale_insect", "介壳虫", "Scale insects"), new("aphid", "蚜虫/木虱", "Aphids, psyllids"),
        new("defoliator", "食叶害虫", "Defoliators"), new("decay_cavity", "腐朽/空洞", "Decay, cavities"),
        new("root_rot", "根腐", "Root rot"), new("canker", "溃疡", "Canker"), new("lesion", "病斑", "Lesions"),
        new("gummosis", "流胶", "Gummosis"), new("fungal_fruiting_bodies", "真菌子实体", "Fungal fruiting bodies"),
        new("parasite_climber", "寄生/缠绕植物", "Parasites, strangling climbers"),
    ];

    /// <summary>Threats in a tree's protection zone, DOMAIN.md §3.3 [U].</summary>
    public static readonly IReadOnlyList<ChecklistOption> TreeSiteThreats =
    [
        new("compaction", "土壤板结", "Soil compaction"), new("hard_paving", "硬化铺装", "Hard paving"),
        new("waterlogging", "积水", "Waterlogging"), new("stockpiles", "堆物", "Stockpiles"),
        new("construction", "施工侵占", "Construction encroachment"),
    ];

    /// <summary>English names of the CJJ 99 elements in <see cref="BridgeConditionRules.ElementWeights"/>.</summary>
    private static readonly IReadOnlyDictionary<string, string> BridgeElementNames = new Dictionary<string, string>
    {
        ["桥面铺装"] = "Deck paving", ["桥头平顺"] = "Approach smoothness", ["伸缩装置"] = "Expansion joints", ["排水系统"] = "Drainage",
        ["人行道"] = "Sidewalk", ["栏杆护栏"] = "Railings and barriers", ["主梁"] = "Main girders", ["横向联系"] = "Cross bracing",
        ["盖梁"] = "Cap beam", ["墩身"] = "Pier shaft", ["基础"] = "Foundation", ["支座"] = "Bearings", ["台帽"] = "Abutment cap",
        ["台身"] = "Abutment body",
    };

    private static ChecklistField Note => new("note", Text, "备注", "Note") { MaxLength = 1000 };
    private static ChecklistField Flag(string name, string zh, string en) => new(name, ChecklistFieldType.Boolean, zh, en) { Required = true };

    private static IReadOnlyList<ChecklistOption> Codes(IEnumerable<string> codes, Func<string, string> zh) =>
        codes.Select(c => new ChecklistOption(c, zh(c), c.Replace('_', ' '))).ToList();

    /// <summary>Every checklist, in the order of <see cref="Checklists.All"/>.</summary>
    public static readonly IReadOnlyList<ChecklistDefinition> All =
    [
        new(Checklists.ManholeCover, "manholes", "井盖巡查", "Manhole cover patrol",
        [
            new("defects", MultiChoice, "井盖病害", "Cover defects") { Required = true, Options = CoverDefects },
            new("level_difference_mm", Number, "井盖高差", "Level difference") { Minimum = 0, Maximum = 500, Unit = "mm" },
            Note,
        ], new("北京市地下管线检查井盖病害判定标准和治理要求 (2020), ten defect types (DOMAIN.md §5.2)", Verification.Verified)),

        new(Checklists.Streetlight, "streetlights", "路灯巡查", "Streetlight patrol",
        [
            Flag("lamp_out", "灯不亮", "Lamp out"), Flag("pole_damage", "灯杆损坏", "Pole damage"),
            Flag("leakage", "漏电", "Leakage"), Flag("door_missing", "检修门缺失", "Hand-hole door missing"), Note,
        ], new("城市照明管理规定 fault classes and the usual patrol items (DOMAIN.md §7)", Verification.Unverified)),

        new(Checklists.StreetlightElectrical, "streetlights", "路灯电气检测", "Streetlight electrical test",
        [
            Flag("lamp_out", "灯不亮", "Lamp out"), Flag("pole_damage", "灯杆损坏", "Pole damage"),
            Flag("leakage", "漏电", "Leakage"), Flag("door_missing", "检修门缺失", "Hand-hole door missing"),
            new("insulation_resistance_mohm", Number, "绝缘电阻", "Insulation resistance") { Required = true, Minimum = 0, Maximum = 10000, Unit = "MΩ" },
            new("grounding_ohm", Number, "接地电阻", "Grounding resistance") { Required = true, Minimum = 0, Maximum = 10000, Unit = "Ω" },
            Flag("rcd_trip_ok", "剩余电流保护动作正常", "RCD trips correctly"), Note,
        ], new("CJJ 89 insulation, grounding and RCD checks as typical values (DOMAIN.md §7)", Verification.Unverified)),

        new(Checklists.BridgeVisual, "bridges", "桥梁经常性检查", "Bridge routine patrol",
        [
            Flag("deck_damage", "桥面破损", "Deck damage"), Flag("railing_damage", "栏杆护栏损坏", "Railing damage"),
            Flag("expansion_joint_damage", "伸缩缝损坏", "Expansion joint damage"), Flag("drainage_blocked", "排水堵塞", "Drainage blocked"),
            Flag("signs_damaged", "标志缺损", "Signs damaged"), Flag("obvious_structural_damage", "明显结构损伤", "Obvious structural damage"),
            Flag("illegal_occupation", "违法占用", "Illegal occupation"), Note,
        ], new("CJJ 99 经常性检查 content: deck, railings, joints, drainage, signs, damage, occupation (DOMAIN.md §1.3)", Verification.Unverified)),

        new(Checklists.BridgeCondition, "bridges", "桥梁定期检测(BCI)", "Bridge condition inspection (BCI)",
        [
            new("weight_class", Choice, "权重类别", "Weight class")
            {
                Options = [new("general", "一般桥梁", "General"), new("arch", "拱桥", "Arch"), new("pedestrian", "人行天桥", "Pedestrian")],
            },
            new("spans", Integer, "跨数", "Spans") { Minimum = 1, Maximum = 1000 },
            new("piers", Integer, "桥墩数", "Piers") { Minimum = 0, Maximum = 1000 },
            new("abutments", Integer, "桥台数", "Abutments") { Minimum = 0, Maximum = 2 },
            new("elements", Items, "构件扣分", "Element deductions")
            {
                Required = true,
                ItemFields =
                [
                    new("unit", Choice, "部位", "Unit")
                    {
                        Required = true,
                        Options = [new("deck", "桥面系", "Deck"), new("span", "上部结构(跨)", "Span"), new("pier", "桥墩", "Pier"), new("abutment", "桥台", "Abutment")],
                    },
                    new("unit_index", Integer, "序号", "Index") { Minimum = 0, Maximum = 999 },
                    new("element", Choice, "构件", "Element")
                    {
                        Required = true,
                        Options = BridgeElementNames.Select(e => new ChecklistOption(e.Key, e.Key, e.Value)).ToList(),
                    },
                    new("deductions", NumberList, "病害扣分", "Deductions") { Required = true, Minimum = 0, Maximum = 100 },
                ],
            },
            Note,
        ], new("CJJ 99-2017 layered weighted method: element deductions → BCIm, BCIs, BCIx → BCI → A–E (DOMAIN.md §1.4)", Verification.PartlyVerified)),

        new(Checklists.SewerCctv, "sewer_segments", "排水管道CCTV检测", "Sewer CCTV survey",
        [
            new("area_importance", Choice, "地区重要性(K)", "Area importance (K)")
            {
                Required = true, Options = SewerAssessmentRules.Default.AreaImportance.Select(c => new ChecklistOption(c.Code, c.Meaning, c.Code.Replace('_', ' '))).ToList(),
            },
            new("soil", Choice, "土质(T)", "Soil (T)")
            {
                Required = true, Options = SewerAssessmentRules.Default.SoilInfluence.Select(c => new ChecklistOption(c.Code, c.Meaning, c.Code.Replace('_', ' '))).ToList(),
            },
            new("diameter_mm", Integer, "管径", "Diameter") { Minimum = 50, Maximum = 6000, Unit = "mm" },
            new("defects", Items, "缺陷", "Defects")
            {
                Required = true,
                ItemFields =
                [
                    new("code", Choice, "缺陷代码", "Defect code")
                    {
                        Required = true, Options = SewerDefectCatalogue.All.Select(d => new ChecklistOption(d.Code, d.NameZh, d.NameEn)).ToList(),
                    },
                    new("grade", Integer, "等级", "Grade") { Required = true, Minimum = 1, Maximum = 4 },
                    new("position_m", Number, "距起点", "Position from upstream") { Required = true, Minimum = 0, Maximum = 10000, Unit = "m" },
                    new("length_m", Number, "长度", "Length") { Minimum = 0, Maximum = 10000, Unit = "m" },
                ],
            },
            Note,
        ], new("CJJ 181-2012 defect codes and grades, K and T classes (DOMAIN.md §2.1–2.3)", Verification.Verified)),

        new(Checklists.AncientTree, "ancient_trees", "古树名木检查", "Ancient tree check",
        [
            new("vigour", Choice, "生长势", "Vigour")
            {
                Required = true,
                Options = [new("normal", "正常株", "Normal"), new("weak", "衰弱株", "Weak"), new("endangered", "濒危株", "Endangered"), new("dead", "死亡株", "Dead")],
            },
            new("pests", MultiChoice, "病虫害", "Pests and diseases") { Required = true, Options = TreePests },
            new("lean_deg", Number, "倾斜", "Lean") { Minimum = 0, Maximum = 90, Unit = "°" },
            Flag("cavities", "树洞", "Cavities"),
            new("dead_branches", ChecklistFieldType.Boolean, "枯枝", "Dead branches"),
            new("splits", ChecklistFieldType.Boolean, "劈裂", "Splits"),
            new("site_threats", MultiChoice, "生境威胁", "Site threats") { Required = true, Options = TreeSiteThreats },
            Note,
        ], new("GB/T 51168 vigour classes and the usual pest, structure and site items (DOMAIN.md §3.3)", Verification.Unverified)),

        new(Checklists.Waterlogging, "waterlogging_points", "积水点排查", "Waterlogging point survey",
        [
            new("depth_cm", Number, "积水深度", "Depth") { Required = true, Minimum = 0, Maximum = 500, Unit = "cm" },
            new("duration_min", Integer, "积水时长", "Duration") { Minimum = 0, Maximum = 10080, Unit = "min" },
            new("cause", Choice, "成因", "Cause") { Options = Codes(WaterloggingPointKind.Causes, WaterloggingCauseZh) },
            Note,
        ], new("Depth, duration and cause as DOMAIN.md §6 asks the data model to store", Verification.Unverified)),

        new(Checklists.Remediation, AnyCollection, "整改处置", "Remediation",
        [
            Flag("resolved", "已处置", "Resolved"),
            new("action", Text, "处置措施", "Action taken") { Required = true, MaxLength = 1000 },
            Note,
        ], new("Issue #4: defects open remediation tasks; the crew records what was done", Verification.Unverified)),
    ];

    private static string WaterloggingCauseZh(string code) => code switch
    {
        "low_lying" => "地势低洼", "insufficient_capacity" => "排水能力不足", "blocked_inlets" => "雨水口堵塞",
        "outfall_backwater" => "排口顶托", "construction" => "施工影响", _ => "其他",
    };

    /// <summary>The checklist with this id, or null.</summary>
    public static ChecklistDefinition? Find(string id) => All.FirstOrDefault(c => c.Id == id);

    /// <summary>True when <paramref name="checklist"/> can be used on assets of <paramref name="collection"/>.</summary>
    public static bool AppliesTo(ChecklistDefinition checklist, string collection) =>
        checklist.Collection == AnyCollection || checklist.Collection == collection;
}
