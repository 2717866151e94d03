using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Domain.Analysis;

/// <summary>The coverage modes, as reported in <see cref="CoverageReport.Mode"/>.</summary>
public static class CoverageModes
{
    /// <summary>Straight-line buffers around the parks, as the standard assesses.</summary>
    public const string StraightLine = "straight_line";

    /// <summary>Walking distance along the street network (pgRouting).</summary>
    public const string Walking = "walking";
}

/// <summary>What one coverage statement gives back: per district, the city, the two optional GeoJSON layers and the
/// mode's own extra columns (in the order the mode named them).</summary>
internal sealed record CoverageFigures(List<DistrictCoverage> Districts, DistrictCoverage City, string? Uncovered, string? NewlyCovered, object[] Extras);

/// <summary>
/// The part both coverage modes share: given the service areas as a common table expression
/// <c>coverage_buffers (g, proposed)</c> (EPSG:4549 polygons; <c>proposed</c> marks what only proposed parks serve),
/// intersects every residential parcel with the union of the service areas that reach it and sums per district, in
/// square metres, all in one read-only statement.
/// </summary>
/// <remarks>
/// <para>One statement and no temporary tables, so the analyses run on a hot-standby replica as well as on the
/// primary. Parameters shared by both modes: <c>$1</c> the proposed parks (geometry[], SRID 4326), <c>$2</c> whether
/// to return the uncovered land, <c>$3</c> its smallest part in m²; a mode's own parameters start at <c>$4</c>.</para>
/// <para>Cost: the service areas are matched to parcels through the GiST index of <c>residential_areas</c> (each
/// area's WGS 84 box, widened by about a metre for the curvature of its edges), so the work grows with parcels ×
/// nearby service areas, not with the size of one city-wide polygon. A parcel wholly inside one existing service
/// area (about half of them in the seed city) is covered without a union or an intersection; only the others pay
/// for <c>ST_Union</c> of their neighbourhood, and for a second union of the existing areas alone only when there are
/// proposed parks. <c>offset 0</c> keeps each parcel's transform, its "whole" test and its intersection computed once
/// rather than copied into every expression that uses them.</para>
/// </remarks>
internal static class CoverageComputation
{
    public static readonly string MetricFrame = $"EPSG:{ParkCoverageAnalysis.MetricSrid} CGCS2000 / 3-degree Gauss-Kruger CM 120E";

    // The service areas near each parcel, found from the areas' side through the parcels' index.
    private static readonly string PerParcelSql = $"""
        coverage_near as (
            select r.id, array_agg(b.g) as gs, array_agg(b.proposed) as proposed
            from coverage_buffers b
            join residential_areas r on r.geometry && ST_Expand(ST_Transform(b.g, 4326), 1e-5) and r.status <> 'retired'
            group by r.id
        ), coverage_parcels as materialized (
            select q.id, q.district, q.g, q.area, q.covered, q.service, q.existing,
                   case when q.whole then q.area when cardinality($1) > 0 then coalesce(ST_Area(ST_Intersection(q.g, q.existing)), 0) else q.covered end as covered_before
            from (
                select r.id, r.district, r.g, ST_Area(r.g) as area, w.whole,
                       case when w.whole then ST_Area(r.g) else coalesce(ST_Area(ST_Intersection(r.g, c.service)), 0) end as covered, c.service, e.existing
                from (select id, district, ST_Transform(geometry, {ParkCoverageAnalysis.MetricSrid}) as g from residential_areas where status <> 'retired' offset 0) r
                left join coverage_near n on n.id = r.id
                cross join lateral (
                    select exists (select 1 from unnest(n.gs, n.proposed) b(g, proposed) where not b.proposed and ST_Covers(b.g, r.g)) as whole offset 0) w
                left join lateral (
                    select ST_Union(b.g) as service
                    from unnest(n.gs, n.proposed) b(g, proposed) where not w.whole and ST_Intersects(b.g, r.g)) c on true
                left join lateral (
                    select ST_Union(b.g) as existing
                    from unnest(n.gs, n.proposed) b(g, proposed)
                    where cardinality($1) > 0 and not w.whole and not b.proposed and ST_Intersects(b.g, r.g)) e on true
                offset 0
            ) q
        ), coverage_districts as materialized (
            select p.district, d.name, sum(p.area) as area, sum(p.covered) as covered, sum(p.covered_before) as covered_before
            from coverage_parcels p join districts d on d.adcode = p.district
            group by p.district, d.name
        )
        """;

    private const string FiguresSql = """
        (select array_agg(district order by district) from coverage_districts),
        (select array_agg(name order by district) from coverage_districts),
        (select array_agg(area order by district) from coverage_districts),
        (select array_agg(covered order by district) from coverage_districts),
        (select array_agg(covered_before order by district) from coverage_districts),
        case when $2 then (
            select json_build_object('type','FeatureCollection','features', coalesce(json_agg(json_build_object(
                'type','Feature','id', u.id,
                'geometry', ST_AsGeoJSON(ST_Transform(u.g, 4326), 7)::json,
                'properties', json_build_object('district', u.district, 'uncovered_m2', round(ST_Area(u.g)::numeric, 1)))), '[]'::json))::text
            from (select id, district, case when service is null then g else ST_Difference(g, service) end as g
                  from coverage_parcels where area - covered > $3) u
            where not ST_IsEmpty(u.g)) end,
        case when cardinality($1) > 0 then (
            select json_build_object('type','FeatureCollection','features', coalesce(json_agg(json_build_object(
                'type','Feature','id', n.id,
                'geometry', ST_AsGeoJSON(ST_Transform(n.g, 4326), 7)::json,
                'properties', json_build_object('district', n.district, 'newly_covered_m2', round(ST_Area(n.g)::numeric, 1)))), '[]'::json))::text
            from (select id, district, case when existing is null then ST_Intersection(g, service) else ST_Difference(ST_Intersection(g, service), existing) end as g
                  from coverage_parcels where covered - covered_before > 0.01) n
            where not ST_IsEmpty(n.g)) end
        """;

    /// <summary>
    /// Runs the whole coverage in one statement: <paramref name="serviceAreaCtes"/> (common table expressions ending
    /// in <c>coverage_buffers</c>) then the shared per-parcel step and district sums; <paramref name="extraColumns"/>
    /// (comma-separated expressions over those tables) come back in <see cref="CoverageFigures.Extras"/>.
    /// </summary>
    public static async Task<CoverageFigures> RunAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string serviceAreaCtes, string extraColumns,
        IReadOnlyList<Polygon> proposedParks, bool withUncovered, double minUncoveredM2, CancellationToken ct, params NpgsqlParameter[] modeParameters)
    {
        var sql = $"with {serviceAreaCtes},\n{PerParcelSql}\nselect {FiguresSql},\n{extraColumns}";
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 600 };
        cmd.Parameters.Add(new NpgsqlParameter
        {
            Value = proposedParks.Select(p => (Geometry)p).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Geometry,
        });
        cmd.Parameters.Add(new NpgsqlParameter { Value = withUncovered });
        cmd.Parameters.Add(new NpgsqlParameter { Value = minUncoveredM2 });
        cmd.Parameters.AddRange(modeParameters);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var codes = r.IsDBNull(0) ? [] : r.GetFieldValue<string[]>(0);
        var names = r.IsDBNull(1) ? [] : r.GetFieldValue<string[]>(1);
        var areas = r.IsDBNull(2) ? [] : r.GetFieldValue<double[]>(2);
        var covered = r.IsDBNull(3) ? [] : r.GetFieldValue<double[]>(3);
        var before = r.IsDBNull(4) ? [] : r.GetFieldValue<double[]>(4);
        var districts = codes.Select((c, i) => Coverage(c, names[i], areas[i], covered[i], before[i])).ToList();
        var uncovered = r.IsDBNull(5) ? null : r.GetString(5);
        var newlyCovered = r.IsDBNull(6) ? null : r.GetString(6);
        var extras = new object[r.FieldCount - 7];
        for (var i = 0; i < extras.Length; i++) extras[i] = r.GetValue(7 + i);
        var city = Coverage(null, "全市", districts.Sum(d => d.ResidentialM2), districts.Sum(d => d.CoveredM2),
            districts.Sum(d => d.CoveredM2 - d.NewlyCoveredM2));
        return new CoverageFigures(districts, city, uncovered, newlyCovered, extras);
    }

    /// <summary>Opens the analysis's one read-only transaction: a consistent snapshot of the parks, the parcels, the
    /// streets and the rules, allowed on a hot standby.</summary>
    public static async Task<NpgsqlTransaction> BeginReadOnlyAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using var readOnly = new NpgsqlCommand("set transaction read only", conn, tx);
        await readOnly.ExecuteNonQueryAsync(ct);
        return tx;
    }

    private static DistrictCoverage Coverage(string? district, string name, double total, double covered, double coveredBefore) =>
        new(district, name, Math.Round(total, 1), Math.Round(covered, 1), total > 0 ? Math.Round(100 * covered / total, 2) : null,
            Math.Round(covered - coveredBefore, 1), total > 0 ? Math.Round(100 * coveredBefore / total, 2) : null);

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
