using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;

namespace AssetRegistry.Domain.Kinds;

/// <summary>居住用地: a residential land parcel, the denominator of park service-radius coverage.</summary>
public sealed class ResidentialArea : Asset
{
    /// <summary>Geodesic area of the polygon, square metres (derived).</summary>
    public double AreaM2 { get; internal set; }
    public int? Population { get; internal set; }
    public int? Households { get; internal set; }
}

public sealed class ResidentialAreaKind : AssetKind<ResidentialArea>
{
    public override string CollectionId => "residential_areas";
    public override string CodePrefix => "RA";
    public override string TitleZh => "居住用地";
    public override string TitleEn => "Residential land";
    public override IReadOnlyList<string> GeometryTypes => ["Polygon"];
    public override string ColumnType => "geometry(Polygon,4326)";
    /// <summary>20,000 blocks of about 80 m at scale 4: at zoom 11 a central tile holds 8,000 of them (450 kB), at 13
    /// a few hundred; below 13 a block is a pixel or two on screen.</summary>
    public override int TileMinZoom => 13;

    protected override void Describe(AttributeSchema<ResidentialArea> s) => s
        .Derived(r => r.AreaM2, AttributeType.Number, "面积", "Area", "m²")
        .Integer(r => r.Population, "人口", "Population", 0, 1_000_000)
        .Integer(r => r.Households, "户数", "Households", 0, 500_000);

    /// <summary>The area as <see cref="PrepareAsync"/> derives it: geodesic, m², two decimals.</summary>
    public override KindImportRules ImportRules { get; } = new(
        new Dictionary<string, string> { ["area_m2"] = "round(ST_Area(s.import_geometry::geography)::numeric, 2)::double precision" }, []);

    public override async Task PrepareAsync(Asset asset, AssetWriteContext ctx, ValidationErrors errors, CancellationToken ct) =>
        ((ResidentialArea)asset).AreaM2 = Math.Round(await ctx.Measures.AreaSquareMetresAsync(asset.Geometry, ct), 2);
}

public sealed class ResidentialAreaConfiguration() : AssetConfiguration<ResidentialArea>(new ResidentialAreaKind());
