namespace AssetRegistry.Domain.Standards;

/// <summary>A parameter value chosen by a class code (K by area, T by soil), with its meaning.</summary>
public sealed record ParameterChoice(string Code, double Value, string Meaning);

/// <summary>
/// Every number of the CJJ 181-2012 segment assessment (DOMAIN.md §2.2–2.3) with where it comes from. The
/// calculation in <see cref="SewerSegmentAssessment"/> reads only these.
/// </summary>
public sealed record SewerAssessmentRules
{
    /// <summary>α for defects whose clear distance is in (<see cref="AlphaLowerExclusiveM"/>, <see cref="AlphaUpperInclusiveM"/>].</summary>
    public double Alpha { get; init; } = 1.1;
    public double AlphaLowerExclusiveM { get; init; } = 1.0;
    public double AlphaUpperInclusiveM { get; init; } = 1.5;
    public Provenance AlphaProvenance { get; init; } = new("CJJ 181-2012 8.2.2, four implementations agree (DOMAIN.md §2.2)", Verification.Verified);

    /// <summary>Defects closer than this (clear distance, m) count as one, their scores added and capped.</summary>
    public double MergeWithinM { get; init; } = 1.0;
    public double MergedScoreCap { get; init; } = 10;
    /// <summary>A defect shorter than this counts as this long (局部性缺陷 → 1 m).</summary>
    public double MinimumDefectLengthM { get; init; } = 1.0;
    public Provenance ClauseEightOneProvenance { get; init; } = new("CJJ 181-2012 8.1 as commonly applied (DOMAIN.md §2.2)", Verification.Unverified);

    /// <summary>Grades Ⅰ–Ⅳ of F (structural) and G (functional): ≤ 1, ≤ 3, ≤ 6, above.</summary>
    public GradeBands DefectParameterGrades { get; init; } = new(
    [
        GradeBand.AtMost("I", 1, "无或有轻微缺陷"), GradeBand.AtMost("II", 3, "缺陷明显超过一级"),
        GradeBand.AtMost("III", 6, "缺陷严重"), GradeBand.Otherwise("IV", "存在重大缺陷"),
    ], new("CJJ 181-2012 表8.2.2 / 表8.3.2 (DOMAIN.md §2.2)", Verification.Verified));

    /// <summary>Density classes of S_M and Y_M: local below 0.1, partial below 0.5, overall from 0.5.</summary>
    public GradeBands DensityClasses { get; init; } = new(
    [
        GradeBand.Below("local", 0.1, "局部缺陷"), GradeBand.Below("partial", 0.5, "部分或整体缺陷"), GradeBand.Otherwise("overall", "整体缺陷"),
    ], new("CJJ 181-2012 8.2.2 (DOMAIN.md §2.2)", Verification.Verified));

    /// <summary>RI = wF·F + wK·K + wE·E + wT·T.</summary>
    public (double F, double K, double E, double T) RepairIndexWeights { get; init; } = (0.7, 0.1, 0.05, 0.15);
    /// <summary>MI = wG·G + wK·K + wE·E.</summary>
    public (double G, double K, double E) MaintenanceIndexWeights { get; init; } = (0.8, 0.15, 0.05);
    public Provenance IndexWeightsProvenance { get; init; } = new("CJJ 181-2012 8.2.4 / 8.3.3 (DOMAIN.md §2.2–2.3)", Verification.Verified);

    /// <summary>K and E count only when F (or G, for MI) is at least this; below it they are 0.</summary>
    public double ImportanceAppliesFrom { get; init; } = 4;
    public Provenance ImportanceZeroingProvenance { get; init; } = new(
        "K = 0 when F < 4 [V]; E zeroed too [P]; the G < 4 rule for MI [U] (DOMAIN.md §2.2, §9)", Verification.PartlyVerified);

    /// <summary>Grades Ⅰ–Ⅳ of RI and MI: ≤ 1, ≤ 4, ≤ 7, above.</summary>
    public GradeBands IndexGrades { get; init; } = new(
    [
        GradeBand.AtMost("I", 1, "不修复 / 无需处理"), GradeBand.AtMost("II", 4, "宜制定修复/处理计划"),
        GradeBand.AtMost("III", 7, "应尽快修复/处理"), GradeBand.Otherwise("IV", "应立即修复/处理"),
    ], new("CJJ 181-2012 表8.2.4 / 表8.3.3 (DOMAIN.md §2.2–2.3)", Verification.Verified));

    /// <summary>K, 地区重要性参数.</summary>
    public IReadOnlyList<ParameterChoice> AreaImportance { get; init; } =
    [
        new("central_business", 10, "中心商业、附近具有甲类民用建筑工程的区域"),
        new("trunk_road", 6, "交通干道、附近具有乙类民用建筑工程的区域"),
        new("other_road", 3, "其他行车道路、附近具有丙类民用建筑工程的区域"),
        new("other", 0, "所有其他区域"),
    ];

    /// <summary>E, 管道重要性参数, by diameter (mm): the first band whose lower bound the diameter reaches.</summary>
    public IReadOnlyList<(double FromDiameterMm, bool Inclusive, double E)> PipeImportance { get; init; } =
        [(1500, false, 10), (1000, false, 6), (600, true, 3), (0, true, 0)];

    /// <summary>T, 土质影响参数.</summary>
    public IReadOnlyList<ParameterChoice> SoilInfluence { get; init; } =
    [
        new("ordinary", 0, "一般土层"), new("silty_sand", 10, "粉砂层"),
        new("loess_iv", 10, "湿陷性黄土 Ⅳ级"), new("loess_iii", 8, "湿陷性黄土 Ⅲ级"), new("loess_i_ii", 6, "湿陷性黄土 Ⅰ–Ⅱ级"),
        new("expansive_strong", 10, "膨胀土 强"), new("expansive_medium", 8, "膨胀土 中"), new("expansive_weak", 6, "膨胀土 弱"),
        new("mud", 10, "淤泥"), new("mucky_soil", 8, "淤泥质土"), new("red_clay", 8, "红黏土"),
    ];
    public Provenance ParameterTablesProvenance { get; init; } = new(
        "CJJ 181-2012 表8.2.4-1…3 (DOMAIN.md §2.2); 红黏土 and 淤泥质土 as 8 [P]", Verification.PartlyVerified);

    /// <summary>The defaults above.</summary>
    public static readonly SewerAssessmentRules Default = new();

    /// <summary>E for a diameter in millimetres.</summary>
    public double PipeImportanceOf(double diameterMm) =>
        PipeImportance.First(b => b.Inclusive ? diameterMm >= b.FromDiameterMm : diameterMm > b.FromDiameterMm).E;
}
