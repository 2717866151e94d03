using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;

namespace AssetRegistry.Domain.Kinds;

/// <summary>内涝积水点: a place where water ponds after heavy rain.</summary>
public sealed class WaterloggingPoint : Asset
{
    public double? MaxDepthCm { get; internal set; }
    public int? TypicalDurationMin { get; internal set; }
    public double? TriggerRainfallMmH { get; internal set; }
    public string? Cause { get; internal set; }
    public string RiskLevel { get; internal set; } = "medium";
    public string? NearestPumpStation { get; internal set; }
    public string RemediationStatus { get; internal set; } = "open";
    public string? ResponsibleUnit { get; internal set; }
}

public sealed class WaterloggingPointKind : AssetKind<WaterloggingPoint>
{
    public static readonly IReadOnlyList<string> Causes =
        ["low_lying", "insufficient_capacity", "blocked_inlets", "outfall_backwater", "construction", "other"];
    public static readonly IReadOnlyList<string> RiskLevels = ["low", "medium", "high"];
    public static readonly IReadOnlyList<string> RemediationStatuses = ["open", "in_progress", "treated"];

    public override string CollectionId => "waterlogging_points";
    public override string CodePrefix => "WL";
    public override string TitleZh => "内涝积水点";
    public override string TitleEn => "Waterlogging points";
    public override IReadOnlyList<string> GeometryTypes => ["Point"];
    public override string ColumnType => "geometry(Point,4326)";
    public override IReadOnlyList<string> TileAttributes => ["risk_level", "remediation_status"];

    protected override void Describe(AttributeSchema<WaterloggingPoint> s) => s
        .Number(w => w.MaxDepthCm, "最大积水深度", "Max depth", 0, 500, "cm")
        .Integer(w => w.TypicalDurationMin, "典型积水时长", "Typical duration", 0, 10080, "min")
        .Number(w => w.TriggerRainfallMmH, "触发雨强", "Trigger rainfall", 0, 500, "mm/h")
        .Enumeration(w => w.Cause, "成因", "Cause", Causes)
        .Enumeration(w => w.RiskLevel, "风险等级", "Risk level", RiskLevels, required: true)
        .Text(w => w.NearestPumpStation, "最近泵站", "Nearest pumping station", maxLength: 100)
        .Enumeration(w => w.RemediationStatus, "整治状态", "Remediation status", RemediationStatuses, required: true)
        .Text(w => w.ResponsibleUnit, "责任单位", "Responsible unit", maxLength: 100);
}

public sealed class WaterloggingPointConfiguration() : AssetConfiguration<WaterloggingPoint>(new WaterloggingPointKind());
