namespace AssetRegistry.Domain.Standards;

/// <summary>Which weight set a bridge uses (CJJ 99 weights differ by type).</summary>
public enum BridgeWeightClass { General, Arch, Pedestrian }

/// <summary>The three parts of a bridge whose indices combine into the BCI.</summary>
public enum BridgePart { Deck, Superstructure, Substructure }

/// <summary>
/// Every number of the CJJ 99-2017 layered weighted method (分层加权法) with its source: part weights by bridge type,
/// element weights, the deduction-combination rule and the A–E bands. DOMAIN.md §1.4.
/// </summary>
public sealed record BridgeConditionRules
{
    /// <summary>(wM, wS, wX) per weight class.</summary>
    public IReadOnlyDictionary<BridgeWeightClass, (double Deck, double Superstructure, double Substructure)> PartWeights { get; init; } =
        new Dictionary<BridgeWeightClass, (double, double, double)>
        {
            [BridgeWeightClass.General] = (0.15, 0.40, 0.45),
            [BridgeWeightClass.Arch] = (0.10, 0.45, 0.45),
            [BridgeWeightClass.Pedestrian] = (0.15, 0.45, 0.40),
        };
    public Provenance PartWeightsProvenance { get; init; } = new("BridgeBCICommonData.java, a student project citing CJJ 99 (DOMAIN.md §1.4)", Verification.PartlyVerified);

    /// <summary>Element weights: (weight class, unit kind) → element → weight. Unit kinds: deck, span, pier, abutment.</summary>
    public IReadOnlyDictionary<(BridgeWeightClass Class, string Unit), IReadOnlyDictionary<string, double>> ElementWeights { get; init; } =
        new Dictionary<(BridgeWeightClass, string), IReadOnlyDictionary<string, double>>
        {
            [(BridgeWeightClass.General, "deck")] = new Dictionary<string, double>
                { ["桥面铺装"] = 0.30, ["桥头平顺"] = 0.15, ["伸缩装置"] = 0.25, ["排水系统"] = 0.10, ["人行道"] = 0.10, ["栏杆护栏"] = 0.10 },
            [(BridgeWeightClass.General, "span")] = new Dictionary<string, double> { ["主梁"] = 0.60, ["横向联系"] = 0.40 },
            [(BridgeWeightClass.General, "pier")] = new Dictionary<string, double> { ["盖梁"] = 0.15, ["墩身"] = 0.30, ["基础"] = 0.40, ["支座"] = 0.15 },
            [(BridgeWeightClass.General, "abutment")] = new Dictionary<string, double> { ["台帽"] = 0.15, ["台身"] = 0.20, ["基础"] = 0.40, ["支座"] = 0.25 },
            [(BridgeWeightClass.Pedestrian, "deck")] = new Dictionary<string, double> { ["桥面铺装"] = 0.40, ["伸缩装置"] = 0.15, ["排水系统"] = 0.20, ["栏杆护栏"] = 0.25 },
            [(BridgeWeightClass.Pedestrian, "span")] = new Dictionary<string, double> { ["主梁"] = 0.55, ["横向联系"] = 0.45 },
            [(BridgeWeightClass.Pedestrian, "pier")] = new Dictionary<string, double> { ["盖梁"] = 0.18, ["墩身"] = 0.34, ["基础"] = 0.20, ["支座"] = 0.28 },
            [(BridgeWeightClass.Pedestrian, "abutment")] = new Dictionary<string, double> { ["台帽"] = 0.20, ["台身"] = 0.40, ["基础"] = 0.20, ["支座"] = 0.20 },
        };
    public Provenance ElementWeightsProvenance { get; init; } = new(
        "bridge-manage-system BCI common data (student implementation); the standard's tables differ by structure type (DOMAIN.md §1.4)",
        Verification.PartlyVerified);

    /// <summary>A–E by BCI (and by BSI): ≥ 90, ≥ 80, ≥ 66, ≥ 50, below.</summary>
    public GradeBands ConditionGrades { get; init; } = new(
    [
        GradeBand.AtLeast("A", 90, "完好"), GradeBand.AtLeast("B", 80, "良好"), GradeBand.AtLeast("C", 66, "合格"),
        GradeBand.AtLeast("D", 50, "不合格"), GradeBand.Otherwise("E", "危险"),
    ], new("CJJ 99 judge_bci/judge_bsi thresholds, A–E wording per CJJ 99-2003 (DOMAIN.md §1.4)", Verification.Verified));

    /// <summary>The diminishing-increment combination of several deductions on one element.</summary>
    public Provenance CombinationProvenance { get; init; } = new(
        "JTG/T H21-2011 form, believed the same in CJJ 99 (DOMAIN.md §1.4)", Verification.Unverified);

    /// <summary>The bridge grade is the worse of the BCI grade and the BSI grade, so one critical member cannot be averaged away.</summary>
    public bool GradeIsWorseOfBciAndBsi { get; init; } = true;
    public Provenance WorseOfBciAndBsiProvenance { get; init; } = new("believed rule (DOMAIN.md §1.4)", Verification.Unverified);

    public static readonly BridgeConditionRules Default = new();
}
