using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Domain.Analysis;

/// <summary>What a walking-coverage figure rests on: the street network's size and the two parameters.</summary>
/// <param name="StreetEdges">Street pieces with a routing source and target.</param>
/// <param name="StreetVertices">Routing vertices (junctions and dead ends).</param>
/// <param name="ParksOffNetwork">Counted parks whose nearest entrance is farther than their radius: they reach nothing.</param>
/// <param name="EntranceSnapM">Entrance rule distance, metres (<see cref="CoverageParameter.EntranceSnapCode"/>).</param>
/// <param name="CorridorHalfWidthM">Corridor half-width, metres (<see cref="CoverageParameter.CorridorHalfWidthCode"/>).</param>
/// <param name="Method">The rule in words, for the page beside the figure.</param>
/// <param name="Parameters">Both parameters with their sources.</param>
public sealed record WalkingNetworkSummary(long StreetEdges, long StreetVertices, int ParksOffNetwork, double EntranceSnapM, double CorridorHalfWidthM,
    string Method, IReadOnlyList<CoverageParameter> Parameters);

/// <summary>
/// 公园绿地服务半径覆盖率 by walking distance along the street network (pgRouting), beside the straight-line mode of
/// <see cref="ParkCoverageAnalysis"/>: the same parks, rules (<see cref="ParkServiceRule"/>), residential land and
/// square metres in EPSG:4549, but a park serves the streets a pedestrian reaches within its radius, measured
/// along <c>streets</c> (cost = geodesic length in metres, walkable both ways), and the residential land within the
/// walking-corridor half-width of those reached street parts.
/// </summary>
/// <remarks>
/// <para>Entrances: the registry has no park gates, so a park's entrances are the street vertices within
/// <see cref="CoverageParameter.EntranceSnapCode"/> metres of its boundary; walking from the boundary to an entrance
/// costs its straight distance. A park with no vertex that close uses its single nearest vertex (at its real
/// distance, so a park far from any street reaches nothing).</para>
/// <para>Reach: one <c>pgr_drivingDistance</c> per (radius, existing/proposed) group from a virtual vertex per park,
/// joined to its entrances by one-way edges (out of the park only, so no walk cuts through another park). A street
/// piece is reached from each end as far as the remaining budget allows: the part [0, (R − d(source)) / L] and
/// [1 − (R − d(target)) / L, 1] of its length, the whole piece when the two meet.</para>
/// <para>Coverage: the reached parts are buffered by <see cref="CoverageParameter.CorridorHalfWidthCode"/> metres
/// (round ends), and a residential parcel counts exactly where it lies inside that corridor, as the straight-line
/// mode counts the part inside a buffer. Cost: the graph is loaded once per group (two groups with the default
/// rules, four with proposals); then the shared per-parcel step.</para>
/// </remarks>
public sealed class WalkingCoverageAnalysis(NpgsqlDataSource dataSource)
{
    /// <summary>The rule in words (reported with every walking figure).</summary>
    public const string Method =
        "Entrances: street vertices within the snap distance of the park boundary (else the nearest vertex), reached at their straight distance; " +
        "reach: pgr_drivingDistance along streets, cost = length in metres, up to the park's service radius, partial pieces cut at the remaining " +
        "budget; covered: residential land within the corridor half-width of a reached street part (EPSG:4549 m²).";

    // The counted parks, one row per park and matching rule, as in the straight-line mode; proposed parks after.
    private static readonly string ParksSql = $"""
        create temporary table walk_parks on commit drop as
        select row_number() over (order by q.proposed, q.id, q.radius_m)::bigint as pid, q.g, q.g4326, q.radius_m, q.proposed
        from (
            select p.id, ST_Transform(p.geometry, {ParkCoverageAnalysis.MetricSrid}) as g, p.geometry as g4326, r.radius_m, false as proposed
            from parks p
            join park_service_rules r on r.active and p.area_m2 >= r.min_area_m2 and (r.max_area_m2 is null or p.area_m2 < r.max_area_m2)
            where p.status = 'in_service'
            union all
            select x.ord, ST_Transform(x.g, {ParkCoverageAnalysis.MetricSrid}), x.g, r.radius_m, true
            from unnest($1::geometry[]) with ordinality as x(g, ord)
            join park_service_rules r on r.active and ST_Area(x.g::geography) >= r.min_area_m2 and (r.max_area_m2 is null or ST_Area(x.g::geography) < r.max_area_m2)
        ) q
        """;

    // Entrances: vertices within the snap distance (GiST on the vertex points, the box transformed to their SRID),
    // then the nearest vertex (KNN) for the parks that have none.
    private static readonly string EntrancesSql = $"""
        create temporary table walk_entrances on commit drop as
        select p.pid, v.id as vid, ST_Distance(ST_Transform(v.geometry, {ParkCoverageAnalysis.MetricSrid}), p.g) as d
        from walk_parks p
        join street_vertices v on v.geometry && ST_Transform(ST_Expand(p.g, $1), 4326)
                              and ST_DWithin(ST_Transform(v.geometry, {ParkCoverageAnalysis.MetricSrid}), p.g, $1)
        """;

    private static readonly string NearestEntrancesSql = $"""
        insert into walk_entrances
        select p.pid, n.id, ST_Distance(ST_Transform(n.geometry, {ParkCoverageAnalysis.MetricSrid}), p.g)
        from walk_parks p
        cross join lateral (select v.id, v.geometry from street_vertices v order by v.geometry <-> p.g4326 limit 1) n
        where not exists (select 1 from walk_entrances e where e.pid = p.pid);
        create temporary table walk_reach (radius_m float8, proposed boolean, node bigint, cost float8) on commit drop
        """;

    private const string GroupsSql = """
        select distinct p.radius_m, p.proposed from walk_parks p
        where exists (select 1 from walk_entrances e where e.pid = p.pid and e.d <= p.radius_m)
        order by 2, 1
        """;

    // One driving-distance run per group: streets both ways, plus one-way edges from each park's virtual vertex
    // (-pid) to its entrances. The inner SQL is text for pgRouting; only the group's two numbers enter it, by format().
    private const string ReachSql = """
        insert into walk_reach (radius_m, proposed, node, cost)
        select $1, $2, d.node, min(d.agg_cost)
        from pgr_drivingDistance(
            format('select id, source, target, length_m as cost, length_m as reverse_cost from streets where source is not null and target is not null
                    union all
                    select -row_number() over (order by e.pid, e.vid), -e.pid, e.vid, e.d, -1::float8
                    from walk_entrances e join walk_parks p on p.pid = e.pid where p.radius_m = %L and p.proposed = %L', $1::float8, $2::boolean),
            array(select -p.pid from walk_parks p where p.radius_m = $1 and p.proposed = $2 and exists (select 1 from walk_entrances e where e.pid = p.pid)),
            $1, true) d
        where d.node > 0
        group by d.node
        """;

    // The reached part of each street piece from either end, per existing/proposed, buffered into corridor pieces.
    private static readonly string CorridorsSql = $"""
        create temporary table coverage_buffers on commit drop as
        with ends as (
            select s.id, r.proposed, (r.radius_m - r.cost) / s.length_m as a, null::float8 as b
            from walk_reach r join streets s on s.source = r.node
            union all
            select s.id, r.proposed, null, (r.radius_m - r.cost) / s.length_m
            from walk_reach r join streets s on s.target = r.node
        ), edge as (
            select id, proposed, least(coalesce(max(a), 0), 1) as a, least(coalesce(max(b), 0), 1) as b from ends group by id, proposed
        )
        select ST_Buffer(case when e.a + e.b >= 1 then m.g
                              when e.a > 0 and e.b > 0 then ST_Collect(ST_LineSubstring(m.g, 0, e.a), ST_LineSubstring(m.g, 1 - e.b, 1))
                              when e.a > 0 then ST_LineSubstring(m.g, 0, e.a)
                              else ST_LineSubstring(m.g, 1 - e.b, 1) end, $1, 8) as g,
               e.proposed
        from edge e
        join streets s on s.id = e.id
        cross join lateral (select ST_Transform(s.geometry, {ParkCoverageAnalysis.MetricSrid}) as g) m
        where e.a > 0 or e.b > 0
        """;

    private const string NetworkSql = """
        select (select count(*) from streets where source is not null and target is not null),
               (select count(*) from street_vertices),
               (select count(*) from walk_parks p where not exists (select 1 from walk_entrances e where e.pid = p.pid and e.d <= p.radius_m))
        """;

    /// <summary>
    /// Runs the walking coverage with the parks as stored plus <paramref name="proposedParks"/> (SRID 4326 polygons,
    /// not saved). Returns the report (with <see cref="CoverageReport.Network"/>) and, when asked, the residential land
    /// outside every walking service area as GeoJSON (parts larger than <paramref name="minUncoveredM2"/> m²), and the
    /// land only the proposed parks reach. With no streets loaded every park reaches nothing and the coverage is 0.
    /// </summary>
    public async Task<(CoverageReport Report, string? UncoveredGeoJson, string? NewlyCoveredGeoJson)> RunAsync(IReadOnlyList<Polygon> proposedParks,
        bool withUncovered, double minUncoveredM2, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var parameters = await ReadParametersAsync(conn, tx, ct);
        var snap = parameters.Single(p => p.Code == CoverageParameter.EntranceSnapCode).Value;
        var corridor = parameters.Single(p => p.Code == CoverageParameter.CorridorHalfWidthCode).Value;

        await ExecuteAsync(conn, tx, ParksSql, ct, new NpgsqlParameter
        {
            Value = proposedParks.Select(p => (Geometry)p).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Geometry,
        });
        await ExecuteAsync(conn, tx, EntrancesSql, ct, new NpgsqlParameter { Value = snap });
        await ExecuteAsync(conn, tx, NearestEntrancesSql, ct);
        var groups = new List<(double Radius, bool Proposed)>();
        await using (var g = new NpgsqlCommand(GroupsSql, conn, tx))
        await using (var r = await g.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) groups.Add((r.GetDouble(0), r.GetBoolean(1)));
        foreach (var (radius, proposed) in groups)
            await ExecuteAsync(conn, tx, ReachSql, ct, new NpgsqlParameter { Value = radius }, new NpgsqlParameter { Value = proposed });
        await ExecuteAsync(conn, tx, CorridorsSql, ct, new NpgsqlParameter { Value = corridor });

        var parks = await CoverageComputation.ScalarAsync<long>(conn, tx, "select count(*) from walk_parks", ct);
        WalkingNetworkSummary network;
        await using (var n = new NpgsqlCommand(NetworkSql, conn, tx))
        await using (var r = await n.ExecuteReaderAsync(ct))
        {
            await r.ReadAsync(ct);
            network = new WalkingNetworkSummary(r.GetInt64(0), r.GetInt64(1), (int)r.GetInt64(2), snap, corridor, Method, parameters);
        }
        var (districts, city, uncovered, newlyCovered) = await CoverageComputation.RunAsync(conn, tx, proposedParks.Count > 0, withUncovered, minUncoveredM2, ct);
        var rules = await CoverageComputation.ReadRulesAsync(conn, tx, ct);
        var targets = await CoverageComputation.ReadTargetsAsync(conn, tx, ct);
        await tx.RollbackAsync(ct); // read-only: the temporary tables go with the transaction
        var report = new CoverageReport(CoverageModes.Walking, districts, city, (int)parks, rules, targets, CoverageComputation.MetricFrame) { Network = network };
        return (report, uncovered, newlyCovered);
    }

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql, CancellationToken ct, params NpgsqlParameter[] parameters)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx) { CommandTimeout = 600 };
        cmd.Parameters.AddRange(parameters);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The stored parameters; a code missing from the table (a database not yet migrated) takes its default.</summary>
    private static async Task<List<CoverageParameter>> ReadParametersAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        var list = new List<CoverageParameter>();
        await using (var cmd = new NpgsqlCommand("select code, value, unit, source, verification from coverage_parameters order by code", conn, tx))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                list.Add(new CoverageParameter(r.GetString(0), r.GetDouble(1), r.GetString(2), r.GetString(3), r.GetString(4)));
        list.AddRange(CoverageParameter.Defaults.Where(d => list.All(p => p.Code != d.Code)));
        return list;
    }
}
