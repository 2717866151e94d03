using System.Globalization;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

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
public sealed record CoverageReport(string Mode, IReadOnlyList<DistrictCoverage> Districts, DistrictCoverage City, int ParksCounted,
    IReadOnlyList<ParkServiceRule> Rules, IReadOnlyList<CoverageTarget> Targets, string MetricFrame);

/// <summary>
/// 公园绿地服务半径覆盖率 (DOMAIN.md §4.1): residential land inside the service areas of parks ÷ all residential
/// land, per district and for the city, by straight-line buffers as the standard assesses. Areas are square metres
/// in CGCS2000 / 3-degree Gauss–Krüger CM 120°E (EPSG:4549), whose scale error over the central city is under
/// 0.05 % in area — never degrees. In-service parks count by their stored area (geodesic m²) under the active
/// <see cref="ParkServiceRule"/>s; proposed parks (what-if) are added without being saved.
/// </summary>
/// <remarks>
/// Cost: the buffers of counted parks are unioned per parcel neighbourhood, not city-wide: each residential parcel
/// is intersected only with the union of the buffers whose boxes touch it (a GiST-indexed temporary table), so the
/// work grows with parcels × nearby parks, not with the size of one city-wide polygon.
/// </remarks>
public sealed class ParkCoverageAnalysis(NpgsqlDataSource dataSource)
{
    /// <summary>The projected CRS the areas are measured in.</summary>
    public const int MetricSrid = 4549;

    private static readonly string PrepareSql = $"""
        create temporary table coverage_buffers on commit drop as
        select ST_Buffer(ST_Transform(p.geometry, {MetricSrid}), r.radius_m, 16) as g, false as proposed
        from parks p
        join park_service_rules r on r.active and p.area_m2 >= r.min_area_m2 and (r.max_area_m2 is null or p.area_m2 < r.max_area_m2)
        where p.status = 'in_service'
        union all
        select ST_Buffer(ST_Transform(x.g, {MetricSrid}), r.radius_m, 16), true
        from unnest($1::geometry[]) as x(g)
        join park_service_rules r on r.active and ST_Area(x.g::geography) >= r.min_area_m2 and (r.max_area_m2 is null or ST_Area(x.g::geography) < r.max_area_m2)
        """;

    private const string IndexSql = "create index on coverage_buffers using gist (g); analyze coverage_buffers;";

    private static readonly string PerParcelSql = $"""
        create temporary table coverage_parcels on commit drop as
        select q.*, case when $1 then coalesce(ST_Area(ST_Intersection(q.g, q.existing)), 0) else q.covered end as covered_before
        from (
            select r.id, r.district, r.g, ST_Area(r.g) as area,
                   coalesce(ST_Area(ST_Intersection(r.g, c.service)), 0) as covered, c.service, c.existing
            from (select id, district, ST_Transform(geometry, {MetricSrid}) as g from residential_areas where status <> 'retired') r
            left join lateral (
                select ST_Union(b.g) as service, ST_Union(b.g) filter (where not b.proposed) as existing
                from coverage_buffers b where b.g && r.g and ST_Intersects(b.g, r.g)) c on true
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

    /// <summary>Runs the coverage with the parks as stored plus <paramref name="proposedParks"/> (SRID 4326
    /// polygons, not saved). Returns the report and, when asked, the uncovered residential land as GeoJSON
    /// (parts of parcels outside every service area and larger than <paramref name="minUncoveredM2"/>).</summary>
    public async Task<(CoverageReport Report, string? UncoveredGeoJson, string? NewlyCoveredGeoJson)> RunAsync(IReadOnlyList<Polygon> proposedParks,
        bool withUncovered, double minUncoveredM2, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var prepare = new NpgsqlCommand(PrepareSql, conn, tx))
        {
            prepare.Parameters.Add(new NpgsqlParameter
            {
                Value = proposedParks.Select(p => (Geometry)p).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Geometry,
            });
            await prepare.ExecuteNonQueryAsync(ct);
        }
        await using (var index = new NpgsqlCommand(IndexSql, conn, tx)) await index.ExecuteNonQueryAsync(ct);
        var parks = await ScalarAsync<long>(conn, tx, "select count(*) from coverage_buffers", ct);
        await using (var parcels = new NpgsqlCommand(PerParcelSql, conn, tx))
        {
            parcels.Parameters.Add(new NpgsqlParameter { Value = proposedParks.Count > 0 });
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
        if (proposedParks.Count > 0)
        {
            await using var n = new NpgsqlCommand(NewlyCoveredSql, conn, tx);
            n.Parameters.Add(new NpgsqlParameter { Value = 0.01 });
            newlyCovered = (string)(await n.ExecuteScalarAsync(ct))!;
        }
        var rules = await ReadRulesAsync(conn, tx, ct);
        var targets = await ReadTargetsAsync(conn, tx, ct);
        await tx.RollbackAsync(ct); // read-only: the temporary tables go with the transaction
        return (new CoverageReport("straight_line", districts, city, (int)parks, rules, targets,
            $"EPSG:{MetricSrid} CGCS2000 / 3-degree Gauss-Kruger CM 120E"), uncovered, newlyCovered);
    }

    private static DistrictCoverage Coverage(string? district, string name, double total, double covered, double coveredBefore) =>
        new(district, name, Math.Round(total, 1), Math.Round(covered, 1), total > 0 ? Math.Round(100 * covered / total, 2) : null,
            Math.Round(covered - coveredBefore, 1), total > 0 ? Math.Round(100 * coveredBefore / total, 2) : null);

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        return (T)Convert.ChangeType((await cmd.ExecuteScalarAsync(ct))!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static async Task<List<ParkServiceRule>> ReadRulesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            "select code, min_area_m2, max_area_m2, radius_m, source, verification from park_service_rules where active order by min_area_m2 desc", conn, tx);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ParkServiceRule>();
        while (await r.ReadAsync(ct))
            list.Add(new ParkServiceRule(r.GetString(0), r.GetDouble(1), r.IsDBNull(2) ? null : r.GetDouble(2), r.GetDouble(3), r.GetString(4), r.GetString(5)));
        return list;
    }

    private static async Task<List<CoverageTarget>> ReadTargetsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
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
