using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Spatial;
using AssetRegistry.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AssetRegistry.Domain.Kinds;

/// <summary>排水管段: a pipe between two manholes, drawn from upstream to downstream.</summary>
public sealed class SewerSegment : Asset
{
    public long UpstreamManholeId { get; internal set; }
    public long DownstreamManholeId { get; internal set; }
    public string System { get; internal set; } = "sewage";
    public int? DiameterMm { get; internal set; }
    public string? Material { get; internal set; }
    /// <summary>Invert level at the upstream end, metres above datum.</summary>
    public double? UpstreamInvertM { get; internal set; }
    public double? DownstreamInvertM { get; internal set; }
    /// <summary>Geodesic length of the geometry, metres (derived).</summary>
    public double LengthM { get; internal set; }
    /// <summary>(upstream invert − downstream invert) / length; positive drains downstream (derived).</summary>
    public double? Slope { get; internal set; }
    public int? YearBuilt { get; internal set; }
    /// <summary>CJJ 181 structural grade Ⅰ–Ⅳ from the last survey, stored as I…IV.</summary>
    public string? StructuralGrade { get; internal set; }
}

public sealed class SewerSegmentKind : AssetKind<SewerSegment>
{
    public static readonly IReadOnlyList<string> Systems = ["rain", "sewage", "combined"];
    public static readonly IReadOnlyList<string> Materials =
        ["concrete", "reinforced_concrete", "hdpe", "pvc_u", "ductile_iron", "cast_iron", "brick", "other"];
    public static readonly IReadOnlyList<string> Grades = ["I", "II", "III", "IV"];

    public override string CollectionId => "sewer_segments";
    public override string CodePrefix => "SS";
    public override string TitleZh => "排水管段";
    public override string TitleEn => "Sewer segments";
    public override IReadOnlyList<string> GeometryTypes => ["LineString"];
    public override string ColumnType => "geometry(LineString,4326)";
    public override IReadOnlyList<string> TileAttributes => ["system", "diameter_mm"];
    /// <summary>One segment per manhole (470,000 at scale 4): street zooms only, like the manholes they join.</summary>
    public override int TileMinZoom => 15;

    protected override void Describe(AttributeSchema<SewerSegment> s) => s
        .Reference(p => p.UpstreamManholeId, "起点井", "Upstream manhole", "manholes", required: true)
        .Reference(p => p.DownstreamManholeId, "终点井", "Downstream manhole", "manholes", required: true)
        .Enumeration(p => p.System, "排水体制", "System", Systems, required: true)
        .Integer(p => p.DiameterMm, "管径", "Diameter", 50, 6000, "mm")
        .Enumeration(p => p.Material, "管材", "Material", Materials)
        .Number(p => p.UpstreamInvertM, "起点管底高程", "Upstream invert", -80, 500, "m")
        .Number(p => p.DownstreamInvertM, "终点管底高程", "Downstream invert", -80, 500, "m")
        .Derived(p => p.LengthM, AttributeType.Number, "管长", "Length", "m")
        .Derived(p => p.Slope, AttributeType.Number, "坡度", "Slope")
        .Integer(p => p.YearBuilt, "建设年份", "Year built", 1900, 2100)
        .Enumeration(p => p.StructuralGrade, "结构性等级", "Structural grade", Grades);

    private const string LengthSql = "round(ST_Length(s.import_geometry::geography)::numeric, 3)";

    /// <summary>
    /// <see cref="PrepareAsync"/>'s refusals and derived values set-based: the two manholes differ, each end lies
    /// within the tolerance (<c>$2</c>, metres, geodesic) of its manhole (existence is the common reference check),
    /// length in metres to 3 decimals and slope to 6. Its warnings (reverse slope, closing a loop) are not
    /// raised by imports; the topology report shows them.
    /// </summary>
    public override KindImportRules ImportRules { get; } = new(
        new Dictionary<string, string>
        {
            ["length_m"] = LengthSql + "::double precision",
            ["slope"] = "case when s.upstream_invert_m is not null and s.downstream_invert_m is not null and " + LengthSql + " > 0 " +
                        "then round(((s.upstream_invert_m - s.downstream_invert_m) / " + LengthSql + ")::numeric, 6)::double precision end",
        },
        [
            new("downstream_manhole_id", "s.upstream_manhole_id = s.downstream_manhole_id",
                "'The downstream manhole must differ from the upstream manhole.'", "'终点井不能与起点井相同。'"),
            EndCheck("upstream_manhole_id", "ST_StartPoint"),
            EndCheck("downstream_manhole_id", "ST_EndPoint"),
        ]);

    private static KindImportCheck EndCheck(string field, string end)
    {
        var distance = $"(select ST_Distance(m.geometry::geography, {end}(s.import_geometry)::geography) from manholes m where m.id = s.{field})";
        var text = $"to_char({distance}, 'FM9999990.00')";
        return new(field, $"{distance} > $2",
            $"format('The segment''s end is %s m from manhole %s; it must be within %s m.', {text}, s.{field}, $2)",
            $"format('管段端点距检查井 %s %s 米，须在 %s 米以内。', s.{field}, {text}, $2)");
    }

    /// <summary>Checks both manholes exist and that the segment's ends lie within the configured tolerance of
    /// them, then derives length (m, geodesic) and slope.</summary>
    public override async Task PrepareAsync(Asset asset, AssetWriteContext ctx, ValidationErrors errors, CancellationToken ct)
    {
        var seg = (SewerSegment)asset;
        if (seg.UpstreamManholeId == seg.DownstreamManholeId && seg.UpstreamManholeId != 0)
            errors.Add("downstream_manhole_id", new LocalizedText("The downstream manhole must differ from the upstream manhole.", "终点井不能与起点井相同。"));
        var line = (NetTopologySuite.Geometries.LineString)seg.Geometry;
        await CheckEndAsync(ctx, "upstream_manhole_id", seg.UpstreamManholeId, line.StartPoint, errors, ct);
        await CheckEndAsync(ctx, "downstream_manhole_id", seg.DownstreamManholeId, line.EndPoint, errors, ct);
        seg.LengthM = Math.Round(await ctx.Measures.LengthMetresAsync(line, ct), 3);
        if (errors.Any) return;
        // The topology report's checks, as warnings at write time: the write goes through, the engineer is told.
        if (seg.UpstreamInvertM is { } upInv && seg.DownstreamInvertM is { } downInv && upInv < downInv)
            ctx.Warnings.Add(new("downstream_invert_m", new LocalizedText(
                $"The invert rises downstream ({upInv} m → {downInv} m): the segment slopes the wrong way.",
                $"管底高程沿水流方向升高（{upInv} 米 → {downInv} 米）：管段坡向反了。")));
        if (await ClosesALoopAsync(ctx, seg, ct))
            ctx.Warnings.Add(new("downstream_manhole_id", new LocalizedText(
                $"Manhole {seg.DownstreamManholeId} already drains to manhole {seg.UpstreamManholeId}: this segment closes a loop.",
                $"检查井 {seg.DownstreamManholeId} 已流向检查井 {seg.UpstreamManholeId}：此管段形成环路。")));
        seg.Slope = seg.UpstreamInvertM is { } up && seg.DownstreamInvertM is { } down && seg.LengthM > 0
            ? Math.Round((up - down) / seg.LengthM, 6)
            : null;
    }

    /// <summary>True when the segment's upstream manhole is already downstream of its downstream manhole.</summary>
    private static Task<bool> ClosesALoopAsync(AssetWriteContext ctx, SewerSegment seg, CancellationToken ct) =>
        ctx.Db.Database.SqlQuery<bool>($"""
            with recursive below(id) as (
                select {seg.DownstreamManholeId}::bigint
                union
                select s.downstream_manhole_id from below b join sewer_segments s on s.upstream_manhole_id = b.id and s.id <> {seg.Id})
            select exists (select 1 from below where id = {seg.UpstreamManholeId}) as "Value"
            """).SingleAsync(ct);

    private static async Task CheckEndAsync(AssetWriteContext ctx, string field, long manholeId,
        NetTopologySuite.Geometries.Point end, ValidationErrors errors, CancellationToken ct)
    {
        if (manholeId == 0) return;
        var distance = await ctx.Measures.DistanceToManholeMetresAsync(manholeId, end, ct);
        var tolerance = ctx.Rules.SewerEndToleranceMetres;
        if (distance is null)
            errors.Add(field, new LocalizedText($"Manhole {manholeId} does not exist.", $"检查井 {manholeId} 不存在。"));
        else if (distance > tolerance)
            errors.Add(field, new LocalizedText($"The segment's end is {distance:0.00} m from manhole {manholeId}; it must be within {tolerance} m.",
                $"管段端点距检查井 {manholeId} {distance:0.00} 米，须在 {tolerance} 米以内。"));
    }
}

public sealed class SewerSegmentConfiguration() : AssetConfiguration<SewerSegment>(new SewerSegmentKind())
{
    public override void Configure(EntityTypeBuilder<SewerSegment> b)
    {
        base.Configure(b);
        b.HasOne<Manhole>().WithMany().HasForeignKey(s => s.UpstreamManholeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Manhole>().WithMany().HasForeignKey(s => s.DownstreamManholeId).OnDelete(DeleteBehavior.Restrict);
    }
}
