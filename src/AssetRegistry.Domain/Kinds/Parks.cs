using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;

namespace AssetRegistry.Domain.Kinds;

/// <summary>公园绿地: a park, which serves the residential land within its service radius.</summary>
public sealed class Park : Asset
{
    public string ParkClass { get; internal set; } = "community";
    /// <summary>Geodesic area of the polygon, square metres (derived).</summary>
    public double AreaM2 { get; internal set; }
    public string? OpeningHours { get; internal set; }
}

public sealed class ParkKind : AssetKind<Park>
{
    public static readonly IReadOnlyList<string> Classes = ["comprehensive", "community", "specialized", "pocket", "linear"];

    public override string CollectionId => "parks";
    public override string CodePrefix => "PK";
    public override string TitleZh => "公园绿地";
    public override string TitleEn => "Parks";
    public override IReadOnlyList<string> GeometryTypes => ["Polygon"];
    public override string ColumnType => "geometry(Polygon,4326)";
    public override IReadOnlyList<string> TileAttributes => ["park_class"];

    protected override void Describe(AttributeSchema<Park> s) => s
        .Enumeration(p => p.ParkClass, "公园类别", "Park class", Classes, required: true)
        .Derived(p => p.AreaM2, AttributeType.Number, "面积", "Area", "m²")
        .Text(p => p.OpeningHours, "开放时间", "Opening hours", maxLength: 100);

    /// <summary>The area as <see cref="PrepareAsync"/> derives it: geodesic, m², two decimals.</summary>
    public override KindImportRules ImportRules { get; } = new(
        new Dictionary<string, string> { ["area_m2"] = "round(ST_Area(s.import_geometry::geography)::numeric, 2)::double precision" }, []);

    public override async Task PrepareAsync(Asset asset, AssetWriteContext ctx, ValidationErrors errors, CancellationToken ct) =>
        ((Park)asset).AreaM2 = Math.Round(await ctx.Measures.AreaSquareMetresAsync(asset.Geometry, ct), 2);
}

public sealed class ParkConfiguration() : AssetConfiguration<Park>(new ParkKind());
