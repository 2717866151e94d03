using NetTopologySuite.Geometries;
using Npgsql;

namespace AssetRegistry.Domain.Analysis;

/// <summary>Coverage of one district (or the city, with <see cref="District"/> null).</summary>
/// <param name="District">Adcode, or null for the whole city.</param>
/// <param name="DistrictName">The district's name, or 全市 for the city.</param>
/// <param name="ResidentialM2">Residential land, square metres.</param>
/// <param name="CoveredM2">Residential land inside a park's service area, square metres.</param>
/// <param name="CoveragePercent">CoveredM2 / ResidentialM2 × 100; null when there is no residential land.</param>
/// <param name="NewlyCoveredM2">Of CoveredM2, what only the proposed parks cover (0 without proposals).</param>
/// <param name="CoveragePercentBefore">Coverage without the proposed parks, percent.</param>
public sealed record DistrictCoverage(string? District, string DistrictName, double ResidentialM2, double CoveredM2, double? CoveragePercent,
    double NewlyCoveredM2, double? CoveragePercentBefore);

/// <summary>The result of a coverage run: per district and for the city, the rules used and the targets.</summary>
/// <param name="Mode"><see cref="CoverageModes.StraightLine"/> or <see cref="CoverageModes.Walking"/>.</param>
/// <param name="Districts">Per district with residential land, by adcode.</param>
/// <param name="City">The sums over the districts.</param>
/// <param name="Rules">The active service rules used.</param>
/// <param name="Targets">The targets to compare against, highest first.</param>
/// <param name="ParksCounted">Service areas drawn: one per park and matching rule, proposed parks included.</param>
/// <param name="MetricFrame">The projected CRS the square metres are measured in.</param>
public sealed record CoverageReport(string Mode, IReadOnlyList<DistrictCoverage> Districts, DistrictCoverage City, int ParksCounted,
    IReadOnlyList<ParkServiceRule> Rules, IReadOnlyList<CoverageTarget> Targets, string MetricFrame)
{
    /// <summary>Walking mode only: the street network and the parameters the figure rests on; null for straight-line.</summary>
    public WalkingNetworkSummary? Network { get; init; }
}

/// <summary>One district's two figures beside each other.</summary>
/// <param name="District">Adcode, or null for the whole city.</param>
/// <param name="DistrictName">The district's name, or 全市 for the city.</param>
/// <param name="ResidentialM2">Residential land, square metres.</param>
/// <param name="StraightLinePercent">Coverage by straight-line buffers, percent.</param>
/// <param name="WalkingPercent">Coverage by walking distance along streets, percent.</param>
public sealed record CoverageSideBySide(string? District, string DistrictName, double ResidentialM2, double? StraightLinePercent, double? WalkingPercent);

/// <summary>
/// Both modes in one answer. The top-level figures are the straight-line ones (the standard's assessment, and the
/// shape a single-mode answer has); <see cref="Walking"/> holds the walking report and <see cref="SideBySide"/> the
/// two percentages per district and for the city (last).
/// </summary>
public sealed record CoverageComparison(string Mode, IReadOnlyList<DistrictCoverage> Districts, DistrictCoverage City, int ParksCounted,
    IReadOnlyList<ParkServiceRule> Rules, IReadOnlyList<CoverageTarget> Targets, string MetricFrame,
    CoverageReport StraightLine, CoverageReport Walking, IReadOnlyList<CoverageSideBySide> SideBySide)
{
    /// <summary>Puts <paramref name="straight"/> and <paramref name="walking"/> side by side (districts matched by adcode).</summary>
    public static CoverageComparison Of(CoverageReport straight, CoverageReport walking)
    {
        var walk = walking.Districts.ToDictionary(d => d.District!);
        var rows = straight.Districts
            .Select(d => new CoverageSideBySide(d.District, d.DistrictName, d.ResidentialM2, d.CoveragePercent,
                walk.TryGetValue(d.District!, out var w) ? w.CoveragePercent : null))
            .Append(new CoverageSideBySide(null, straight.City.DistrictName, straight.City.ResidentialM2, straight.City.CoveragePercent, walking.City.CoveragePercent))
            .ToList();
        return new CoverageComparison("both", straight.Districts, straight.City, straight.ParksCounted, straight.Rules, straight.Targets,
            straight.MetricFrame, straight, walking, rows);
    }
}

/// <summary>
/// 公园绿地服务半径覆盖率 (DOMAIN.md §4.1): residential land inside the service areas of parks ÷ all residential
/// land, per district and for the city, by straight-line buffers as the standard assesses. Areas are square metres
/// in CGCS2000 / 3-degree Gauss–Krüger CM 120°E (EPSG:4549), whose scale error over the central city is under
/// 0.05 % in area — never degrees. In-service parks count by their stored area (geodesic m²) under the active
/// <see cref="ParkServiceRule"/>s; proposed parks (what-if) are added without being saved.
/// </summary>
/// <remarks>
/// Cost: one buffer per counted park, then the shared per-parcel step (see <c>CoverageComputation</c>): each
/// residential parcel is intersected only with the union of the buffers that reach it (found through the parcels'
/// GiST index), so the work grows with parcels × nearby parks, not with the size of one city-wide polygon. One
/// read-only statement: it runs on a hot-standby replica.
/// </remarks>
public sealed class ParkCoverageAnalysis(NpgsqlDataSource dataSource)
{
    /// <summary>The projected CRS the areas are measured in.</summary>
    public const int MetricSrid = 4549;

    // One buffer per counted park and matching rule; the proposed parks ($1) after.
    private static readonly string ServiceAreasSql = $"""
        coverage_buffers as materialized (
            select ST_Buffer(ST_Transform(p.geometry, {MetricSrid}), r.radius_m, 16) as g, false as proposed
            from parks p
            join park_service_rules r on r.active and p.area_m2 >= r.min_area_m2 and (r.max_area_m2 is null or p.area_m2 < r.max_area_m2)
            where p.status = 'in_service'
            union all
            select ST_Buffer(ST_Transform(x.g, {MetricSrid}), r.radius_m, 16), true
            from unnest($1::geometry[]) as x(g)
            join park_service_rules r on r.active and ST_Area(x.g::geography) >= r.min_area_m2 and (r.max_area_m2 is null or ST_Area(x.g::geography) < r.max_area_m2)
        )
        """;

    /// <summary>Runs the coverage with the parks as stored plus <paramref name="proposedParks"/> (SRID 4326
    /// polygons, not saved). Returns the report and, when asked, the uncovered residential land as GeoJSON
    /// (parts of parcels outside every service area and larger than <paramref name="minUncoveredM2"/>).</summary>
    public async Task<(CoverageReport Report, string? UncoveredGeoJson, string? NewlyCoveredGeoJson)> RunAsync(IReadOnlyList<Polygon> proposedParks,
        bool withUncovered, double minUncoveredM2, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await CoverageComputation.BeginReadOnlyAsync(conn, ct);
        var figures = await CoverageComputation.RunAsync(conn, tx, ServiceAreasSql, "(select count(*) from coverage_buffers)",
            proposedParks, withUncovered, minUncoveredM2, ct);
        var rules = await CoverageComputation.ReadRulesAsync(conn, tx, ct);
        var targets = await CoverageComputation.ReadTargetsAsync(conn, tx, ct);
        await tx.CommitAsync(ct);
        var report = new CoverageReport(CoverageModes.StraightLine, figures.Districts, figures.City, (int)(long)figures.Extras[0], rules, targets,
            CoverageComputation.MetricFrame);
        return (report, figures.Uncovered, figures.NewlyCovered);
    }
}
