using NetTopologySuite.Geometries;
using Npgsql;

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

    // The whole walk as common table expressions ending in coverage_buffers (the shared step's input), so the
    // analysis is one read-only statement and runs on a hot standby. $1 the proposed parks, $4 the snap distance,
    // $5 the corridor half-width (CoverageComputation numbers the shared parameters).
    //
    // walk_parks: the counted parks, one row per park and matching rule, as in the straight-line mode; proposed after.
    // walk_snapped: entrances within the snap distance (GiST on the vertex points, the box transformed to their SRID);
    // walk_entrances adds the nearest vertex (KNN) for the parks that have none.
    // walk_groups: one driving-distance run per (radius, existing/proposed) that has a park reaching the network; its
    // entrance edges travel into pgRouting's inner SQL as array literals (format %L), so the inner SQL reads only
    // streets. Streets both ways, plus one-way edges from each park's virtual vertex (-pid) to its entrances.
    // coverage_buffers: the reached part of each street piece from either end, per existing/proposed, buffered into
    // corridor pieces.
    private static readonly string ServiceAreasSql = $"""
        walk_parks as materialized (
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
        ), walk_snapped as materialized (
            select p.pid, v.id as vid, ST_Distance(ST_Transform(v.geometry, {ParkCoverageAnalysis.MetricSrid}), p.g) as d
            from walk_parks p
            join street_vertices v on v.geometry && ST_Transform(ST_Expand(p.g, $4), 4326)
                                  and ST_DWithin(ST_Transform(v.geometry, {ParkCoverageAnalysis.MetricSrid}), p.g, $4)
        ), walk_entrances as materialized (
            select pid, vid, d from walk_snapped
            union all
            select p.pid, n.id, ST_Distance(ST_Transform(n.geometry, {ParkCoverageAnalysis.MetricSrid}), p.g)
            from walk_parks p
            cross join lateral (select v.id, v.geometry from street_vertices v order by v.geometry <-> p.g4326 limit 1) n
            where not exists (select 1 from walk_snapped e where e.pid = p.pid)
        ), walk_groups as (
            select p.radius_m, p.proposed,
                   array_agg(e.pid order by e.pid, e.vid) as pids, array_agg(e.vid order by e.pid, e.vid) as vids,
                   array_agg(e.d order by e.pid, e.vid) as ds, array_agg(distinct -p.pid) as starts
            from walk_parks p join walk_entrances e on e.pid = p.pid
            group by p.radius_m, p.proposed
            having bool_or(e.d <= p.radius_m)
        ), walk_reach as materialized (
            select g.radius_m, g.proposed, d.node, min(d.agg_cost) as cost
            from walk_groups g
            cross join lateral pgr_drivingDistance(
                format('select id, source, target, length_m as cost, length_m as reverse_cost from streets where source is not null and target is not null
                        union all
                        select -row_number() over (order by e.pid, e.vid), -e.pid, e.vid, e.d, -1::float8
                        from unnest(%L::bigint[], %L::bigint[], %L::float8[]) as e(pid, vid, d)', g.pids, g.vids, g.ds),
                g.starts, g.radius_m, true) d
            where d.node > 0
            group by g.radius_m, g.proposed, d.node
        ), walk_ends as (
            select s.id, r.proposed, (r.radius_m - r.cost) / s.length_m as a, null::float8 as b
            from walk_reach r join streets s on s.source = r.node
            union all
            select s.id, r.proposed, null, (r.radius_m - r.cost) / s.length_m
            from walk_reach r join streets s on s.target = r.node
        ), walk_edges as (
            select id, proposed, least(coalesce(max(a), 0), 1) as a, least(coalesce(max(b), 0), 1) as b from walk_ends group by id, proposed
        ), coverage_buffers as materialized (
            select ST_Buffer(case when e.a + e.b >= 1 then m.g
                                  when e.a > 0 and e.b > 0 then ST_Collect(ST_LineSubstring(m.g, 0, e.a), ST_LineSubstring(m.g, 1 - e.b, 1))
                                  when e.a > 0 then ST_LineSubstring(m.g, 0, e.a)
                                  else ST_LineSubstring(m.g, 1 - e.b, 1) end, $5, 8) as g,
                   e.proposed
            from walk_edges e
            join streets s on s.id = e.id
            cross join lateral (select ST_Transform(s.geometry, {ParkCoverageAnalysis.MetricSrid}) as g) m
            where e.a > 0 or e.b > 0
        )
        """;

    // The parks counted, then the network the figure rests on.
    private const string NetworkColumns = """
        (select count(*) from walk_parks),
        (select count(*) from streets where source is not null and target is not null),
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
        await using var tx = await CoverageComputation.BeginReadOnlyAsync(conn, ct);
        var parameters = await ReadParametersAsync(conn, tx, ct);
        var snap = parameters.Single(p => p.Code == CoverageParameter.EntranceSnapCode).Value;
        var corridor = parameters.Single(p => p.Code == CoverageParameter.CorridorHalfWidthCode).Value;
        var figures = await CoverageComputation.RunAsync(conn, tx, ServiceAreasSql, NetworkColumns, proposedParks, withUncovered, minUncoveredM2, ct,
            new NpgsqlParameter { Value = snap }, new NpgsqlParameter { Value = corridor });
        var rules = await CoverageComputation.ReadRulesAsync(conn, tx, ct);
        var targets = await CoverageComputation.ReadTargetsAsync(conn, tx, ct);
        await tx.CommitAsync(ct);
        var x = figures.Extras;
        var network = new WalkingNetworkSummary((long)x[1], (long)x[2], (int)(long)x[3], snap, corridor, Method, parameters);
        var report = new CoverageReport(CoverageModes.Walking, figures.Districts, figures.City, (int)(long)x[0], rules, targets,
            CoverageComputation.MetricFrame) { Network = network };
        return (report, figures.Uncovered, figures.NewlyCovered);
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
