using AssetRegistry.Domain.Standards;

namespace AssetRegistry.Domain.Statistics;

/// <summary>A figure the dashboard compares against: the minimum share, in percent, with where it comes from.</summary>
/// <param name="Code">Stable identifier, e.g. <c>cover_intact_bureau_2023</c>.</param>
/// <param name="Metric">The metric it applies to: <c>cover_intact_rate</c> or <c>lighting_rate</c>.</param>
/// <param name="AppliesTo">What part of the metric it applies to (a road class for lighting), or null for all.</param>
/// <param name="TitleZh">Chinese label.</param>
/// <param name="TitleEn">English label.</param>
/// <param name="Percent">The target, percent (0–100).</param>
/// <param name="Provenance">The source and how far it was verified.</param>
public sealed record StatisticsTarget(string Code, string Metric, string? AppliesTo, string TitleZh, string TitleEn, double Percent, Provenance Provenance);

/// <summary>How a rate is computed, in words, with its source; returned beside the figure so a reader knows which
/// definition produced it.</summary>
/// <param name="Code">Stable identifier, e.g. <c>cover_intact_inspected</c>.</param>
/// <param name="TitleZh">Chinese name of the rate.</param>
/// <param name="TitleEn">English name of the rate.</param>
/// <param name="FormulaZh">The formula in Chinese.</param>
/// <param name="FormulaEn">The formula in English.</param>
/// <param name="Provenance">The source and how far it was verified.</param>
public sealed record StatisticsDefinition(string Code, string TitleZh, string TitleEn, string FormulaZh, string FormulaEn, Provenance Provenance);

/// <summary>
/// The targets and definitions behind the dashboard's rates, as data with sources (DOMAIN.md §5.3 and §7, and the
/// bureau's 2023 report). Change a figure here, not in the queries.
/// </summary>
public sealed record StatisticsRules
{
    /// <summary>Metric code of the manhole cover intact rate (井盖完好率).</summary>
    public const string CoverIntactRate = "cover_intact_rate";

    /// <summary>Metric code of the streetlight lighting rate (亮灯率).</summary>
    public const string LightingRate = "lighting_rate";

    /// <summary>The recommended 井盖完好率, from inspections: covers whose latest cover inspection left no open defect.</summary>
    public StatisticsDefinition CoverIntactFromInspections { get; init; } = new("cover_intact_inspected", "井盖完好率", "Cover intact rate",
        "最近一次井盖巡查无未处置病害的井盖数 ÷ 已巡查井盖数 × 100%（巡查发现病害且其处置任务未完成，或井盖有未完成的处置任务，即为有未处置病害）",
        "Covers whose latest cover inspection left no open defect ÷ covers inspected × 100% (a defect is open while the remediation task it opened, or any remediation task of the cover, is not done)",
        new("DOMAIN.md §5.3: no official definition found; recommended definition (inspected covers with no open 病害 ÷ covers inspected)", Verification.Unverified));

    /// <summary>The fallback before any cover has been inspected: the share of manholes recorded in good or fair condition.</summary>
    public StatisticsDefinition CoverIntactFromCondition { get; init; } = new("cover_condition_good_or_fair", "井盖状况良好率", "Cover condition good-or-fair share",
        "状况为良好或一般的在役检查井数 ÷ 状况已知的在役检查井数 × 100%（尚无巡查结果时的替代口径）",
        "In-service manholes in good or fair condition ÷ in-service manholes of known condition × 100% (shown while no cover has been inspected)",
        new("Product choice: the registry's condition attribute stands in until inspections exist (DOMAIN.md §5.3 gives no official definition)", Verification.Unverified));

    /// <summary>亮灯率 from the latest streetlight patrol or electrical test of each lamp.</summary>
    public StatisticsDefinition Lighting { get; init; } = new("lighting_rate_latest_patrol", "亮灯率", "Lighting rate",
        "最近一次巡查未报灯不亮（或报灯不亮后处置任务已完成）的路灯数 ÷ 应亮路灯数（已巡查的在役路灯）× 100%",
        "Lamps whose latest patrol did not report them out (or whose lamp-out remediation is done) ÷ lamps that should be lit (in-service lamps with a patrol result) × 100%",
        new("DOMAIN.md §7: 亮灯率 = lamps lit / lamps that should be lit × 100% [P]", Verification.PartlyVerified));

    /// <summary>Every target, by metric. A target's source is what the dashboard shows beside it: the documents,
    /// by their titles (DOMAIN.md §7 for the lighting rates: the figures are Hebei's 2012 rules and Harbin's of 2013,
    /// the de-facto national norm derived from the 2010 MOHURD regulation; Harbin adds back lanes).</summary>
    public IReadOnlyList<StatisticsTarget> Targets { get; init; } =
    [
        new("cover_intact_bureau_2023", CoverIntactRate, null, "2023年全市井盖完好率", "Cover intact rate reached in 2023", 99.6,
            new("泉州市城市管理局2023年工作总结和2024年工作思路（泉城管〔2024〕60号）: 排查整治全市问题窨井盖9879座(完好率99.6%以上)", Verification.Verified)),
        new("lighting_arterial", LightingRate, "arterial", "主干道亮灯率", "Arterials", 98,
            new("住建部《城市照明管理规定》（令第4号，2010）；《河北省城市照明管理规定》（2012）；哈尔滨市（2013）", Verification.Verified)),
        new("lighting_expressway", LightingRate, "expressway", "快速路亮灯率", "Expressways", 98,
            new("依据未列快速路，按主干道取值（产品取值）", Verification.Unverified)),
        new("lighting_secondary", LightingRate, "secondary", "次干道亮灯率", "Secondary roads", 96,
            new("住建部《城市照明管理规定》（令第4号，2010）；《河北省城市照明管理规定》（2012）；哈尔滨市（2013）", Verification.Verified)),
        new("lighting_branch", LightingRate, "branch", "支路亮灯率", "Branch roads", 96,
            new("住建部《城市照明管理规定》（令第4号，2010）；《河北省城市照明管理规定》（2012）；哈尔滨市（2013）", Verification.Verified)),
        new("lighting_back_lane", LightingRate, "back_lane", "背街巷道亮灯率", "Back lanes", 95,
            new("哈尔滨市（2013）", Verification.Verified)),
    ];

    /// <summary>The defaults above.</summary>
    public static readonly StatisticsRules Default = new();

    /// <summary>The target of <paramref name="metric"/> for <paramref name="appliesTo"/> (a road class), or the
    /// metric's general target; null when there is none.</summary>
    public StatisticsTarget? TargetOf(string metric, string? appliesTo = null) =>
        Targets.FirstOrDefault(t => t.Metric == metric && t.AppliesTo == appliesTo)
        ?? Targets.FirstOrDefault(t => t.Metric == metric && t.AppliesTo is null);
}
