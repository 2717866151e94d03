using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;

namespace AssetRegistry.Domain.Kinds;

/// <summary>检查井·井盖: an inspection chamber and its cover.</summary>
public sealed class Manhole : Asset
{
    /// <summary>The network the chamber belongs to.</summary>
    public string Network { get; internal set; } = "sewage";
    public string? CoverMaterial { get; internal set; }
    /// <summary>GB/T 23858 load class A15…F900.</summary>
    public string? CoverLoadClass { get; internal set; }
    /// <summary>Clear opening of the cover, millimetres.</summary>
    public int? CoverDiameterMm { get; internal set; }
    /// <summary>Ground to invert, metres.</summary>
    public double? DepthM { get; internal set; }
    /// <summary>Ground level, metres above the 1985 national height datum.</summary>
    public double? GroundLevelM { get; internal set; }
    /// <summary>Lowest inside level, metres above datum.</summary>
    public double? InvertLevelM { get; internal set; }
    public bool? HasAntiFallNet { get; internal set; }
    public string? SmartSensorId { get; internal set; }
    /// <summary>True for an outfall or a treatment-plant inlet: the end of a sewer network.</summary>
    public bool? IsOutfall { get; internal set; }
}

public sealed class ManholeKind : AssetKind<Manhole>
{
    public static readonly IReadOnlyList<string> Networks = ["rain", "sewage", "combined", "gas", "power", "telecom", "water", "heat"];
    public static readonly IReadOnlyList<string> CoverMaterials = ["cast_iron", "ductile_iron", "composite", "concrete", "steel", "other"];
    public static readonly IReadOnlyList<string> LoadClasses = ["A15", "B125", "C250", "D400", "E600", "F900"];

    public override string CollectionId => "manholes";
    public override string CodePrefix => "MH";
    public override string TitleZh => "检查井·井盖";
    public override string TitleEn => "Manholes and covers";
    public override IReadOnlyList<string> GeometryTypes => ["Point"];
    public override string ColumnType => "geometry(Point,4326)";
    public override IReadOnlyList<string> TileAttributes => ["network", "is_outfall"];
    /// <summary>About 4,500 manholes fall in a central zoom-14 tile at scale 4 (220 kB); at 15 about 1,200 (60 kB).</summary>
    public override int TileMinZoom => 15;

    protected override void Describe(AttributeSchema<Manhole> s) => s
        .Enumeration(m => m.Network, "管网类别", "Network", Networks, required: true)
        .Enumeration(m => m.CoverMaterial, "井盖材质", "Cover material", CoverMaterials)
        .Enumeration(m => m.CoverLoadClass, "承载等级", "Load class", LoadClasses)
        .Integer(m => m.CoverDiameterMm, "井盖尺寸", "Cover size", 300, 2000, "mm")
        .Number(m => m.DepthM, "井深", "Depth", 0.2, 30, "m")
        .Number(m => m.GroundLevelM, "地面高程", "Ground level", -50, 500, "m")
        .Number(m => m.InvertLevelM, "井底高程", "Invert level", -80, 500, "m")
        .Boolean(m => m.HasAntiFallNet, "防坠网", "Anti-fall net")
        .Text(m => m.SmartSensorId, "智能井盖编号", "Smart sensor id", maxLength: 64)
        .Boolean(m => m.IsOutfall, "排放口/厂站", "Outfall or plant");
}

public sealed class ManholeConfiguration() : AssetConfiguration<Manhole>(new ManholeKind());
