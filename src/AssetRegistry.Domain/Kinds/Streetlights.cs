using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;

namespace AssetRegistry.Domain.Kinds;

/// <summary>路灯: a lighting pole with its lamp.</summary>
public sealed class Streetlight : Asset
{
    public double? PoleHeightM { get; internal set; }
    public string LampType { get; internal set; } = "led";
    public int? WattageW { get; internal set; }
    public string? CircuitId { get; internal set; }
    /// <summary>Road class, which sets the lighting-rate target (DOMAIN.md §7).</summary>
    public string? RoadClass { get; internal set; }
    public bool? IsMultifunctionPole { get; internal set; }
    public DateOnly? LastLeakageTest { get; internal set; }
}

public sealed class StreetlightKind : AssetKind<Streetlight>
{
    public static readonly IReadOnlyList<string> LampTypes = ["led", "hps", "metal_halide", "fluorescent", "other"];
    public static readonly IReadOnlyList<string> RoadClasses = ["expressway", "arterial", "secondary", "branch", "back_lane"];

    public override string CollectionId => "streetlights";
    public override string CodePrefix => "SL";
    public override string TitleZh => "路灯";
    public override string TitleEn => "Streetlights";
    public override IReadOnlyList<string> GeometryTypes => ["Point"];
    public override string ColumnType => "geometry(Point,4326)";
    public override IReadOnlyList<string> TileAttributes => ["lamp_type"];
    /// <summary>As dense as manholes in the centre (320,000 at scale 4): street zooms only.</summary>
    public override int TileMinZoom => 15;

    protected override void Describe(AttributeSchema<Streetlight> s) => s
        .Number(l => l.PoleHeightM, "灯杆高度", "Pole height", 1, 60, "m")
        .Enumeration(l => l.LampType, "光源类型", "Lamp type", LampTypes, required: true)
        .Integer(l => l.WattageW, "功率", "Wattage", 1, 3000, "W")
        .Text(l => l.CircuitId, "回路编号", "Circuit", maxLength: 64)
        .Enumeration(l => l.RoadClass, "道路等级", "Road class", RoadClasses)
        .Boolean(l => l.IsMultifunctionPole, "多功能杆", "Multi-function pole")
        .Date(l => l.LastLeakageTest, "上次漏电检测", "Last leakage test");
}

public sealed class StreetlightConfiguration() : AssetConfiguration<Streetlight>(new StreetlightKind());
