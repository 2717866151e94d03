using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Standards;

namespace AssetRegistry.Domain.Inspections.Results;

/// <summary>One row of the result → common condition table: a finding of <see cref="Subject"/> with
/// <see cref="Value"/> sets the asset's <c>condition</c> to <see cref="Condition"/>.</summary>
public sealed record ConditionMapping(string Subject, string Value, string Condition, Provenance Provenance);

/// <summary>How soon a defect of one severity must be dealt with, and the remediation task's priority (lower is
/// more urgent). Either a span of clock time or a number of working days (Monday–Friday in the inspection time
/// zone; public holidays are not modelled).</summary>
public sealed record RemediationDeadline(string Severity, string TitleZh, string TitleEn, TimeSpan? Within, int? WorkingDays, int Priority,
    Provenance Provenance)
{
    /// <summary>The moment the work is due when found at <paramref name="foundAt"/>; working days count in <paramref name="zone"/>.</summary>
    public DateTimeOffset DueBy(DateTimeOffset foundAt, TimeZoneInfo zone)
    {
        if (Within is { } span) return foundAt + span;
        var local = TimeZoneInfo.ConvertTime(foundAt, zone);
        for (var left = WorkingDays ?? 0; left > 0;)
        {
            local = local.AddDays(1);
            if (local.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) left--;
        }
        return local;
    }
}

/// <summary>A finding that a result raises an alert for at once.</summary>
public sealed record AlertRule(string Kind, string MessageZh, Provenance Provenance);

/// <summary>
/// Every number and mapping used to turn a checklist result into the asset's condition, remediation deadlines and
/// alerts, each with its source and DOMAIN.md tag. Mapping standards grades onto the common five-step condition
/// (good … critical) is the registry's own choice and tagged unverified; the grades themselves are the standards'.
/// </summary>
public sealed record ResultRules
{
    private static readonly Provenance ConditionChoice = new(
        "Registry choice: the standard's grade meaning mapped onto good/fair/poor/critical", Verification.Unverified);

    /// <summary>Result → common condition.</summary>
    public IReadOnlyList<ConditionMapping> Conditions { get; init; } =
    [
        // CJJ 99 A 完好, B 良好, C 合格, D 不合格, E 危险 (DOMAIN.md §1.4 [V]).
        new("bridge_grade", "A", AssetCondition.Good, ConditionChoice), new("bridge_grade", "B", AssetCondition.Good, ConditionChoice),
        new("bridge_grade", "C", AssetCondition.Fair, ConditionChoice), new("bridge_grade", "D", AssetCondition.Poor, ConditionChoice),
        new("bridge_grade", "E", AssetCondition.Critical, ConditionChoice),
        // CJJ 181 grades Ⅰ–Ⅳ (DOMAIN.md §2.2–2.3 [V]); the worse of the structural and functional grade counts.
        new("sewer_grade", "I", AssetCondition.Good, ConditionChoice), new("sewer_grade", "II", AssetCondition.Fair, ConditionChoice),
        new("sewer_grade", "III", AssetCondition.Poor, ConditionChoice), new("sewer_grade", "IV", AssetCondition.Critical, ConditionChoice),
        // GB/T 51168 vigour classes (DOMAIN.md §3.3 [U]).
        new("tree_vigour", "normal", AssetCondition.Good, ConditionChoice), new("tree_vigour", "weak", AssetCondition.Fair, ConditionChoice),
        new("tree_vigour", "endangered", AssetCondition.Poor, ConditionChoice), new("tree_vigour", "dead", AssetCondition.Critical, ConditionChoice),
        // 井盖完好率 counts a cover with any open 病害 as not intact (DOMAIN.md §5.3 [U]); a missing cover is a hole in the road.
        new("cover", "none", AssetCondition.Good, ConditionChoice), new("cover", "defect", AssetCondition.Poor, ConditionChoice),
        new("cover", "missing", AssetCondition.Critical, ConditionChoice),
        // 路灯 fault classes (DOMAIN.md §7 [V] for the classes, mapping registry choice).
        new("streetlight_fault", "none", AssetCondition.Good, ConditionChoice),
        new("streetlight_fault", "streetlight_ordinary", AssetCondition.Fair, ConditionChoice),
        new("streetlight_fault", "streetlight_serious", AssetCondition.Poor, ConditionChoice),
        new("streetlight_fault", "streetlight_emergency", AssetCondition.Critical, ConditionChoice),
    ];

    private static readonly Provenance RemediationChoice = new(
        "Registry choice: a defect recorded as dealt with leaves the asset as an inspection finding nothing would", Verification.Unverified);

    /// <summary>
    /// Condition after a remediation recorded as resolved, by the checklist of the inspection that opened it (subject)
    /// and <c>resolved</c> (value). A repaired or replaced cover is intact and a repaired lamp works, as an inspection
    /// finding no defect says. Checklists without a row keep the condition the inspection set: a bridge's CJJ 99
    /// grade, a sewer's CJJ 181 grade and a tree's vigour come only from their standard's assessment, and an
    /// electrical fault only from the next insulation and earthing test, so the next inspection sets them again.
    /// </summary>
    public IReadOnlyList<ConditionMapping> RemediationConditions { get; init; } =
    [
        new(Checklists.ManholeCover, "resolved", AssetCondition.Good, RemediationChoice),
        new(Checklists.Streetlight, "resolved", AssetCondition.Good, RemediationChoice),
    ];

    /// <summary>Ponding depth (cm) → condition: ≤ 15 cm keeps one lane passable (GB 50014 [V]); 15–30 / 30–50 / &gt; 50 cm
    /// is the common severity grading (DOMAIN.md §6 [U]).</summary>
    public GradeBands WaterloggingDepthConditions { get; init; } = new(
    [
        GradeBand.AtMost(AssetCondition.Good, 15, "一条车道积水深度不超过15 cm"), GradeBand.AtMost(AssetCondition.Fair, 30, "15–30 cm"),
        GradeBand.AtMost(AssetCondition.Poor, 50, "30–50 cm"), GradeBand.Otherwise(AssetCondition.Critical, "> 50 cm"),
    ], new("GB 50014 15 cm lane criterion [V]; 15–30/30–50/>50 cm bands common practice (DOMAIN.md §6)", Verification.Unverified));

    /// <summary>Deadlines by severity.</summary>
    public IReadOnlyList<RemediationDeadline> Deadlines { get; init; } =
    [
        new("cover_missing", "井盖缺失应急处置", "Missing cover: make safe and replace", TimeSpan.FromHours(4), null, 1,
            new("Issue #4: a missing cover is an emergency within hours (4 h assumed); replace with a new cover (Beijing 2020, DOMAIN.md §5.2 [V])", Verification.Unverified)),
        new("cover_hazard", "井盖破损/移位处置", "Broken or displaced cover: replace", TimeSpan.FromHours(24), null, 5,
            new("Broken and displaced covers are replaced (DOMAIN.md §5.2 [V]); 24 h assumed", Verification.Unverified)),
        new("cover_defect", "井盖病害治理", "Cover defect: repair", TimeSpan.FromDays(7), null, 20,
            new("Treatment per DOMAIN.md §5.2 [V]; 7 days assumed", Verification.Unverified)),
        new("streetlight_emergency", "路灯安全隐患应急处置", "Streetlight hazard: emergency measures", TimeSpan.FromHours(1), null, 1,
            new("河北省城市照明管理规定: emergencies and safety hazards get measures within 1 h (DOMAIN.md §7)", Verification.Verified)),
        new("streetlight_serious", "路灯严重故障维修", "Streetlight serious fault", null, 3, 10,
            new("河北省城市照明管理规定: serious faults cleared within 3 working days (DOMAIN.md §7)", Verification.Verified)),
        new("streetlight_ordinary", "路灯一般故障维修", "Streetlight ordinary fault", TimeSpan.FromHours(24), null, 15,
            new("河北省城市照明管理规定: ordinary faults cleared within 24 h (DOMAIN.md §7)", Verification.Verified)),
        new("bridge_grade_e", "危险桥梁:立即限制交通,大修/加固", "Grade E bridge: restrict traffic now; major repair", TimeSpan.FromHours(2), null, 1,
            new("CJJ 99 E (危险): immediate traffic restriction or closure, special inspection (DOMAIN.md §1.5 [U]); 2 h assumed", Verification.Unverified)),
        new("bridge_grade_d", "不合格桥梁:中修或大修计划", "Grade D bridge: plan medium or major repair", TimeSpan.FromDays(30), null, 10,
            new("CJJ 99 D (不合格): assessment, then medium or major repair; consider load limits (DOMAIN.md §1.5 [U]); 30 days to plan assumed", Verification.Unverified)),
        new("bridge_grade_c", "合格桥梁:小修", "Grade C bridge: minor repair", TimeSpan.FromDays(90), null, 30,
            new("CJJ 99 C: 小修, 中修 where needed (DOMAIN.md §1.5 [U]); 90 days assumed", Verification.Unverified)),
        new("bridge_patrol_defect", "桥梁保养小修", "Bridge upkeep and minor repair", TimeSpan.FromDays(7), null, 30,
            new("CJJ 99 经常性检查 findings: 保养、小修 (DOMAIN.md §1.3, §1.5 [U]); 7 days assumed", Verification.Unverified)),
        new("bridge_structural_damage", "桥梁明显结构损伤处置", "Bridge structural damage: make safe", TimeSpan.FromHours(24), null, 3,
            new("Damage endangering safety: recommend load limit or traffic restriction (DOMAIN.md §1.5 [V]); 24 h assumed", Verification.Unverified)),
        new("sewer_repair_iv", "管道立即修复", "Sewer: repair immediately (RI Ⅳ)", TimeSpan.FromDays(2), null, 5,
            new("CJJ 181 RI Ⅳ: 应立即修复 (DOMAIN.md §2.2 [V]); 2 days assumed", Verification.Unverified)),
        new("sewer_repair_iii", "管道尽快修复", "Sewer: repair soon (RI Ⅲ)", TimeSpan.FromDays(90), null, 20,
            new("CJJ 181 RI Ⅲ: 应尽快修复 (DOMAIN.md §2.2 [V]); 90 days assumed", Verification.Unverified)),
        new("sewer_repair_ii", "管道修复计划", "Sewer: plan repair (RI Ⅱ)", TimeSpan.FromDays(365), null, 50,
            new("CJJ 181 RI Ⅱ: 应做修复计划 (DOMAIN.md §2.2 [V]); one year assumed", Verification.Unverified)),
        new("sewer_maintenance_iv", "管道立即养护", "Sewer: clean immediately (MI Ⅳ)", TimeSpan.FromDays(2), null, 5,
            new("CJJ 181 MI Ⅳ: 应立即处理 (DOMAIN.md §2.3 [V]); 2 days assumed", Verification.Unverified)),
        new("sewer_maintenance_iii", "管道尽快养护", "Sewer: clean soon (MI Ⅲ)", TimeSpan.FromDays(30), null, 20,
            new("CJJ 181 MI Ⅲ: 应尽快处理 (DOMAIN.md §2.3 [V]); 30 days assumed", Verification.Unverified)),
        new("sewer_maintenance_ii", "管道养护计划", "Sewer: schedule cleaning (MI Ⅱ)", TimeSpan.FromDays(180), null, 50,
            new("CJJ 181 MI Ⅱ: 宜安排处理计划 (DOMAIN.md §2.3 [V]); 180 days assumed", Verification.Unverified)),
        new("tree_dead", "死亡古树安全评估", "Dead tree: hazard assessment and report", TimeSpan.FromDays(3), null, 5,
            new("GB/T 51168 死亡株 (DOMAIN.md §3.3 [U]); 3 days assumed", Verification.Unverified)),
        new("tree_endangered", "濒危古树抢救复壮", "Endangered tree: rescue and rejuvenation", TimeSpan.FromDays(7), null, 10,
            new("GB/T 51168 濒危株 (DOMAIN.md §3.3 [U]); 7 days assumed", Verification.Unverified)),
        new("tree_pest", "古树病虫害防治", "Tree pest and disease control", TimeSpan.FromDays(14), null, 20,
            new("病虫害 items, 天牛 and 白蚁 key in Fujian (DOMAIN.md §3.3 [U]); 14 days assumed", Verification.Unverified)),
        new("tree_structural", "古树支撑/补洞/修剪", "Tree bracing, cavity repair, pruning", TimeSpan.FromDays(30), null, 30,
            new("Structural safety items: lean, dead branches, splits, hollows (DOMAIN.md §3.3 [U]); 30 days assumed", Verification.Unverified)),
        new("tree_site", "古树生境整治", "Tree site: remove threats", TimeSpan.FromDays(30), null, 40,
            new("Site items: compaction, paving, waterlogging, stockpiles, construction (DOMAIN.md §3.3 [U]); 30 days assumed", Verification.Unverified)),
        new("waterlogging_over_standard", "积水点整治", "Waterlogging: clear inlets, plan works", TimeSpan.FromDays(7), null, 20,
            new("Ponding deeper than 15 cm breaks the GB 50014 lane criterion (DOMAIN.md §6 [V]); 7 days assumed", Verification.Unverified)),
    ];

    /// <summary>Cover defect → severity: missing is an emergency, broken and displaced covers a hazard, the rest defects.</summary>
    public IReadOnlyDictionary<string, string> CoverDefectSeverities { get; init; } = new Dictionary<string, string>
    {
        ["missing"] = "cover_missing", ["broken"] = "cover_hazard", ["displaced"] = "cover_hazard",
        ["rattling"] = "cover_defect", ["sunken"] = "cover_defect", ["raised"] = "cover_defect", ["level_difference"] = "cover_defect",
        ["surround_damage"] = "cover_defect", ["wrong_cover"] = "cover_defect", ["no_anti_fall"] = "cover_defect",
    };
    public Provenance CoverDefectSeveritiesProvenance { get; init; } = new("Beijing 2020 defect types (DOMAIN.md §5.2 [V]); the severity split is assumed", Verification.Unverified);

    /// <summary>Streetlight item → fault class. A missing hand-hole door leaves live parts open: a safety hazard.</summary>
    public IReadOnlyDictionary<string, string> StreetlightFaultSeverities { get; init; } = new Dictionary<string, string>
    {
        ["lamp_out"] = "streetlight_ordinary", ["pole_damage"] = "streetlight_serious",
        ["leakage"] = "streetlight_emergency", ["door_missing"] = "streetlight_emergency",
    };
    public Provenance StreetlightFaultSeveritiesProvenance { get; init; } = new(
        "Fault classes of 城市照明管理规定 (DOMAIN.md §7 [V]); which item falls in which class is assumed", Verification.Unverified);

    /// <summary>Insulation resistance below this (MΩ) fails the electrical test (low-voltage cables ≥ 0.5 MΩ).</summary>
    public double MinimumInsulationMohm { get; init; } = 0.5;
    /// <summary>Grounding resistance above this (Ω) fails (≤ 4 Ω for TN/TT systems; lamp posts often ≤ 10 Ω).</summary>
    public double MaximumGroundingOhm { get; init; } = 10;
    public Provenance ElectricalLimitsProvenance { get; init; } = new("CJJ 89 / GB 50054 typical values (DOMAIN.md §7 [U])", Verification.Unverified);
    /// <summary>Fault class of a failed electrical measurement or RCD test.</summary>
    public string ElectricalFailureSeverity { get; init; } = "streetlight_serious";

    /// <summary>A lean of at least this many degrees is a structural finding.</summary>
    public double TreeLeanFindingDeg { get; init; } = 15;
    public Provenance TreeLeanProvenance { get; init; } = new("Assumed; DOMAIN.md §3.3 lists lean without a threshold [U]", Verification.Unverified);

    /// <summary>Alerts raised at once, by kind.</summary>
    public IReadOnlyList<AlertRule> Alerts { get; init; } =
    [
        new("bridge_grade_d", "桥梁评定为D级(不合格)", new("Issue #4: a bridge found D alerts admins; CJJ 99 D (DOMAIN.md §1.5)", Verification.Unverified)),
        new("bridge_grade_e", "桥梁评定为E级(危险),须立即限制交通", new("Issue #4: a bridge found E alerts admins; CJJ 99 E (DOMAIN.md §1.5)", Verification.Unverified)),
        new("cover_missing", "井盖缺失", new("Issue #4: a missing cover alerts admins at once", Verification.Unverified)),
    ];

    /// <summary>Bridge grades whose result opens a special inspection (特殊检测) at once.</summary>
    public IReadOnlyList<string> SpecialInspectionGrades { get; init; } = ["D", "E"];
    public Provenance SpecialInspectionProvenance { get; init; } = new("Bridges rated D or E get a special inspection (DOMAIN.md §1.3 [U], §1.5)", Verification.Unverified);

    /// <summary>The rule whose open task stands for the special inspection, so the scheduler does not add a second.</summary>
    public string SpecialInspectionRuleCode { get; init; } = "bridges.special_inspection.d_e";

    /// <summary>The defaults above.</summary>
    public static readonly ResultRules Default = new();

    /// <summary>The condition a resolved remediation of <paramref name="parentChecklist"/>'s findings leaves; null
    /// when the condition stays as it is (see <see cref="RemediationConditions"/>).</summary>
    public string? ConditionAfterRemediation(string? parentChecklist) =>
        RemediationConditions.FirstOrDefault(c => c.Subject == parentChecklist && c.Value == "resolved")?.Condition;

    /// <summary>The condition of <paramref name="subject"/> = <paramref name="value"/>; throws when the table has no row.</summary>
    public string ConditionOf(string subject, string value) =>
        Conditions.FirstOrDefault(c => c.Subject == subject && c.Value == value)?.Condition
        ?? throw new InvalidOperationException($"No condition mapping for {subject} = {value}.");

    /// <summary>The deadline of a severity; throws when the table has no row.</summary>
    public RemediationDeadline DeadlineOf(string severity) =>
        Deadlines.FirstOrDefault(d => d.Severity == severity) ?? throw new InvalidOperationException($"No remediation deadline for {severity}.");

    /// <summary>The alert rule of a kind; throws when the table has no row.</summary>
    public AlertRule AlertOf(string kind) =>
        Alerts.FirstOrDefault(a => a.Kind == kind) ?? throw new InvalidOperationException($"No alert rule for {kind}.");
}
