using System.Globalization;
using Npgsql;

namespace AssetRegistry.Domain.Analysis;

/// <summary>The coverage modes, as reported in <see cref="CoverageReport.Mode"/>.</summary>
public static class CoverageModes
{
    /// <summary>Straight-line buffers around the parks, as the standard assesses.</summary>
    public const string StraightLine = "straight_line";

    /// <summary>Walking distance along the street network (pgRouting).</summary>
    public const string Walking = "walking";
}

/// <summary>
/// The part both coverage modes share: given the service areas in a temporary table <c>coverage_buffers (g, proposed)</c>
/// (EPSG:4549 polygons; <c>proposed</c> marks what only proposed parks serve), intersects every residential parcel
/// with the union of the service areas whose boxes touch it and sums per district, in square metres.
/// </summary>
/// <remarks>
/// Cost: the service areas are unioned per parcel neighbourhood, not city-wide: each residential parcel is
/// intersected only with the union of the pieces whose boxes touch it (a GiST-indexed temporary table), so the work
/// grows with parcels × nearby pieces, not with the size of one city-wide polygon.
/// </remarks>
internal static class CoverageComputation
{
    public static readonly string MetricFrame = $"EPSG:{ParkCoverageAnalysis.MetricSrid} CGCS2000 / 3-degree Gauss-Kruger CM 120E";

    private const string IndexSql = "create index on coverage_buffers using gist (g); analyze coverage_buffers;";

    // A parcel wholly inside one existing service area (about half of them in the seed city) is covered without
    // a union or an intersection; only the others pay for ST_Union of their neighbourhood.
    private static readonly string PerParcelSql = $"""
        create temporary table coverage_parcels on commit drop as
        select q.id, q.district, q.g, q.area, q.covered, q.service, q.existing,
               case when q.whole then q.area when $1 then coalesce(ST_Area(ST_Intersection(q.g, q.existing)), 0) else q.covered end as covered_before
        from (
            select r.id, r.district, r.g, ST_Area(r.g) as area, w.whole,
                   case when w.whole then ST_Area(r.g) else coalesce(ST_Area(ST_Intersection(r.g, c.service)), 0) end as covered, c.service, c.existing
            from (select id, district, ST_Transform(geometry, {ParkCoverageAnalysis.MetricSrid}) as g from residential_areas where status <> 'retired') r
            cross join lateral (
                select exists (select 1 from coverage_buffers b where not b.proposed and b.g && r.g and ST_Covers(b.g, r.g)) as whole) w
            left join lateral (
                select ST_Union(b.g) as service, ST_Union(b.g) filter (where not b.proposed) as existing
                from coverage_buffers b where not w.whole and b.g && r.g and ST_Intersects(b.g, r.g)) c on true
        ) q;
        """;

    private const string SummarySql = """
        select p.district, d.name, sum(p.area), sum(p.covered), sum(p.covered_before)
        from coverage_parcels p join districts d on d.adcode = p.district
        group by p.district, d.name order by p.district
        """;

    private const string NewlyCoveredSql = """
        select json_build_object('type','FeatureCollection','features', coalesce(json_agg(json_build_object(
            'type','Feature','id', n.id,
            'geometry', ST_AsGeoJSON(ST_Transform(n.g, 4326), 7)::json,
            'properties', json_build_object('district', n.district, 'newly_covered_m2', round(ST_Area(n.g)::numeric, 1)))), '[]'::json))::text
        from (select id, district, case when existing is null then ST_Intersection(g, service) else ST_Difference(ST_Intersection(g, service), existing) end as g
              from coverage_parcels where covered - covered_before > $1) n
        where not ST_IsEmpty(n.g)
        """;

    private const string UncoveredSql = """
        select json_build_object('type','FeatureCollection','features', coalesce(json_agg(json_build_object(
            'type','Feature','id', u.id,
            'geometry', ST_AsGeoJSON(ST_Transform(u.g, 4326), 7)::json,
            'properties', json_build_object('district', u.district, 'uncovered_m2', round(ST_Area(u.g)::numeric, 1)))), '[]'::json))::text
        from (select id, district, case when service is null then g else ST_Difference(g, service) end as g
              from coverage_parcels where area - covered > $1) u
        where not ST_IsEmpty(u.g)
        """;

    /// <summary>Runs the per-parcel step, the district sums and, when asked, the uncovered and newly covered land.</summary>
    public static async Task<(List<DistrictCoverage> Districts, DistrictCoverage City, string? Uncovered, string? NewlyCovered)> RunAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, bool withProposals, bool withUncovered, double minUncoveredM2, CancellationToken ct)
    {
        await using (var index = new NpgsqlCommand(IndexSql, conn, tx)) await index.ExecuteNonQueryAsync(ct);
        await using (var parcels = new NpgsqlCommand(PerParcelSql, conn, tx) { CommandTimeout = 600 })
        {
            parcels.Parameters.Add(new NpgsqlParameter { Value = withProposals });
            await parcels.ExecuteNonQueryAsync(ct);
        }

        var districts = new List<DistrictCoverage>();
        await using (var summary = new NpgsqlCommand(SummarySql, conn, tx))
        await using (var reader = await summary.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct))
                districts.Add(Coverage(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3), reader.GetDouble(4)));
        var city = Coverage(null, "全市", districts.Sum(d => d.ResidentialM2), districts.Sum(d => d.CoveredM2),
            districts.Sum(d => d.CoveredM2 - d.NewlyCoveredM2));

        string? uncovered = null;
        if (withUncovered)
        {
            await using var u = new NpgsqlCommand(UncoveredSql, conn, tx);
            u.Parameters.Add(new NpgsqlParameter { Value = minUncoveredM2 });
            uncovered = (string)(await u.ExecuteScalarAsync(ct))!;
        }
        string? newlyCovered = null;
        if (withProposals)
        {
            await using var n = new NpgsqlCommand(NewlyCoveredSql, conn, tx);
            n.Parameters.Add(new NpgsqlParameter { Value = 0.01 });
            newlyCovered = (string)(await n.ExecuteScalarAsync(ct))!;
        }
        return (districts, city, uncovered, newlyCovered);
    }

    private static DistrictCoverage Coverage(string? district, string name, double total, double covered, double coveredBefore) =>
        new(district, name, Math.Round(total, 1), Math.Round(covered, 1), total > 0 ? Math.Round(100 * covered / total, 2) : null,
            Math.Round(covered - coveredBefore, 1), total > 0 ? Math.Round(100 * coveredBefore / total, 2) : null);

    public static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync(ct))!, typeof(T), CultureInfo.InvariantCulture);
    }

    public static async Task<List<ParkServiceRule>> ReadRulesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select code, min_area_m2, max_area_m2, radius_m, source, verification from park_service_rules where active order by min_area_m2 desc", conn, tx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ParkServiceRule>();
        while (await r.ReadAsync(ct))
            list.Add(new ParkServiceRule(r.GetString(0), r.GetDouble(1), r.IsDBNull(2) ? null : r.GetDouble(2), r.GetDouble(3), r.GetString(4), r.GetString(5)));
        return list;
    }

    public static async Task<List<CoverageTarget>> ReadTargetsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select code, title_zh, title_en, percent, source, verification from coverage_targets order by percent desc", conn, tx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<CoverageTarget>();
        while (await r.ReadAsync(ct))
            list.Add(new CoverageTarget(r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetString(4), r.GetString(5)));
        return list;
    }
}
