using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;

namespace AssetRegistry.Domain.Kinds;

/// <summary>城市桥梁 (CJJ 99-2017): the deck axis as a line, or the deck outline as a polygon.</summary>
public sealed class Bridge : Asset
{
    public string StructureType { get; internal set; } = "beam";
    public double? LengthM { get; internal set; }
    public double? WidthM { get; internal set; }
    public int? SpanCount { get; internal set; }
    public double? MaxSpanM { get; internal set; }
    /// <summary>养护类别 Ⅰ–Ⅴ (CJJ 99 3.0.3), stored as I…V.</summary>
    public string? MaintenanceCategory { get; internal set; }
    /// <summary>养护等级 Ⅰ–Ⅲ等, stored as 1…3.</summary>
    public string? MaintenanceGrade { get; internal set; }
    /// <summary>完好状态等级 A–E from the BCI.</summary>
    public string? ConditionGrade { get; internal set; }
    /// <summary>Bridge condition index, 0–100.</summary>
    public double? Bci { get; internal set; }
    public string? Crosses { get; internal set; }
    public int? YearBuilt { get; internal set; }
    public DateOnly? LastPeriodicInspection { get; internal set; }
    public DateOnly? LastStructuralInspection { get; internal set; }
}

public sealed class BridgeKind : AssetKind<Bridge>
{
    public static readonly IReadOnlyList<string> StructureTypes =
        ["beam", "slab", "arch", "rigid_frame", "truss", "cable_stayed", "suspension", "stone_beam", "pedestrian"];
    public static readonly IReadOnlyList<string> Categories = ["I", "II", "III", "IV", "V"];
    public static readonly IReadOnlyList<string> Grades = ["1", "2", "3"];
    public static readonly IReadOnlyList<string> ConditionGrades = ["A", "B", "C", "D", "E"];

    public override string CollectionId => "bridges";
    public override string CodePrefix => "BR";
    public override string TitleZh => "城市桥梁";
    public override string TitleEn => "Bridges";
    public override IReadOnlyList<string> GeometryTypes => ["LineString", "Polygon"];
    public override string ColumnType => "geometry(Geometry,4326)";
    public override IReadOnlyList<string> TileAttributes => ["condition_grade", "structure_type"];

    protected override void Describe(AttributeSchema<Bridge> s) => s
        .Enumeration(b => b.StructureType, "结构类型", "Structure type", StructureTypes, required: true)
        .Number(b => b.LengthM, "桥长", "Length", 1, 30000, "m")
        .Number(b => b.WidthM, "桥宽", "Width", 1, 200, "m")
        .Integer(b => b.SpanCount, "跨数", "Spans", 1, 1000)
        .Number(b => b.MaxSpanM, "最大跨径", "Largest span", 1, 2000, "m")
        .Enumeration(b => b.MaintenanceCategory, "养护类别", "Maintenance category", Categories)
        .Enumeration(b => b.MaintenanceGrade, "养护等级", "Maintenance grade", Grades)
        .Enumeration(b => b.ConditionGrade, "完好状态等级", "Condition grade", ConditionGrades)
        .Number(b => b.Bci, "BCI", "BCI", 0, 100)
        .Text(b => b.Crosses, "跨越", "Crosses", maxLength: 100)
        .Integer(b => b.YearBuilt, "建成年份", "Year built", 900, 2100)
        .Date(b => b.LastPeriodicInspection, "上次定期检测", "Last periodic inspection")
        .Date(b => b.LastStructuralInspection, "上次结构定期检测", "Last structural inspection");
}

public sealed class BridgeConfiguration() : AssetConfiguration<Bridge>(new BridgeKind());
