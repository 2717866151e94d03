using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Inspections.Campaigns;
using Npgsql;

namespace AssetRegistry.Domain.Statistics;

/// <summary>A storm inlet near a waterlogging point: a rain or combined manhole, and its distance in metres.</summary>
public sealed record DrainageInlet(long Id, string Code, string? Name, string Network, double DistanceM);

/// <summary>
/// What drains to a waterlogging point: the inlets within <see cref="RadiusM"/> metres and the network upstream of
/// them. <see cref="ManholeIds"/> holds the inlets and every manhole upstream of them; <see cref="SegmentIds"/> every
/// segment flowing into one of those manholes; <see cref="TotalLengthM"/> their length in metres.
/// <see cref="GeoJson"/> (when asked for) draws the point, the manholes and the segments.
/// </summary>
public sealed record WaterloggingDrainageResult(long PointId, string PointCode, string? PointName, double RadiusM, IReadOnlyList<DrainageInlet> Inlets,
    IReadOnlyList<long> SegmentIds, IReadOnlyList<long> ManholeIds, double TotalLengthM, JsonElement? GeoJson);

/// <summary>The emergency campaign made from a drainage trace: its id and the tasks per collection.</summary>
public sealed record DrainageCampaignCreated(long Id, IReadOnlyDictionary<string, int> TasksCreated, int Assets);

/// <summary>
/// From a waterlogging point (内涝积水点, DOMAIN.md §6) to the network that drains to it: the rain and combined
/// manholes within a radius (geodesic metres; the point's own geometry, so an area point measures from its edge),
/// then one recursive CTE seeded with all of them that walks the segments upstream, like
/// <see cref="Analysis.SewerNetworkTrace"/> does from one manhole (<c>UNION</c>, so a cycle in bad data ends the walk).
/// A bounding box of the radius (<c>&amp;&amp;</c> on the GiST index) comes before the exact geodesic test.
/// </summary>
public sealed class WaterloggingDrainage(NpgsqlDataSource dataSource, InspectionOptions options, TimeProvider clock)
{
    /// <summary>The radius used when none is given, metres.</summary>
    public const double DefaultRadiusM = 200;

    /// <summary>The largest radius accepted, metres: beyond it the inlets no longer drain the point's own catchment.</summary>
    public const double MaxRadiusM = 2000;

    /// <summary>Manhole networks that take surface water (storm inlets).</summary>
    public static readonly IReadOnlyList<string> InletNetworks = ["rain", "combined"];

    /// <summary>The buffer around the traced assets' convex hull stored as the campaign's area, metres.</summary>
    public const double CampaignAreaBufferM = 5;

    private const string PointSql = "select code, name from waterlogging_points where id = $1";

    /// <summary>$1 point id, $2 radius (m), $3 inlet networks. The envelope of the point grown by the radius in
    /// degrees of latitude (and of longitude at the point's latitude) is a safe box for the index.</summary>
    private const string TraceSql = """
        with recursive p as (
            select w.geometry as g,
                   ST_Expand(w.geometry, $2 / 111000.0, $2 / (111000.0 * cos(radians(ST_Y(ST_Centroid(w.geometry)))))) as box
            from waterlogging_points w where w.id = $1
        ), inlets as (
            select m.id, m.code, m.name, m.network, ST_Distance(m.geometry::geography, p.g::geography) as distance_m
            from manholes m, p
            where m.geometry && p.box and m.status = 'in_service' and m.network = any($3)
              and ST_DWithin(m.geometry::geography, p.g::geography, $2)
        ), reach(id) as (
            select id from inlets
            union
            select s.upstream_manhole_id from reach r join sewer_segments s on s.downstream_manhole_id = r.id
        )
        select (select coalesce(json_agg(json_build_object('id', id, 'code', code, 'name', name, 'network', network,
                                                           'distance_m', round(distance_m::numeric, 1)) order by distance_m, id), '[]')::text from inlets),
               (select coalesce(array_agg(s.id order by s.id), '{}') from sewer_segments s where s.downstream_manhole_id in (select id from reach)),
               (select coalesce(array_agg(id order by id), '{}') from reach),
               (select coalesce(sum(s.length_m), 0) from sewer_segments s where s.downstream_manhole_id in (select id from reach))
        """;

    /// <summary>The campaign row: $1 reason, $2 note, $3 collections, $4 user; its area is the convex hull of the point
    /// ($5), the manholes ($6) and the segments ($7), buffered by $8 geodesic metres, so it is always a Polygon.</summary>
    private const string CampaignInsertSql = """
        insert into campaigns (reason, note, area, collections, created_by, created_at)
        select $1, $2, ST_Buffer(ST_ConvexHull(ST_Collect(a.g))::geography, $8)::geometry, $3, $4, now()
        from (select geometry as g from waterlogging_points where id = $5
              union all select geometry from manholes where id = any($6)
              union all select geometry from sewer_segments where id = any($7)) a
        returning id
        """;

    /// <summary>The rules of emergency campaigns (checklists, priorities); the defaults unless a caller sets others.</summary>
    public CampaignRules CampaignRules { get; init; } = CampaignRules.Default;

    /// <summary>Traces what drains to waterlogging point <paramref name="pointId"/> from inlets within
    /// <paramref name="radiusM"/> metres (0 &lt; radius ≤ <see cref="MaxRadiusM"/>, checked by the caller); with
    /// <paramref name="withGeoJson"/> also the geometries to draw. Null when there is no such point.</summary>
    public async Task<WaterloggingDrainageResult?> TraceAsync(long pointId, double radiusM, bool withGeoJson, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        string code;
        string? name;
        await using (var point = new NpgsqlCommand(PointSql, conn))
        {
            point.Parameters.Add(new NpgsqlParameter { Value = pointId });
            await using var r = await point.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return null;
            (code, name) = (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1));
        }
        List<DrainageInlet> inlets;
        long[] segments, manholes;
        double length;
        await using (var trace = new NpgsqlCommand(TraceSql, conn))
        {
            trace.CommandTimeout = 120;
            trace.Parameters.Add(new NpgsqlParameter { Value = pointId });
            trace.Parameters.Add(new NpgsqlParameter { Value = radiusM });
            trace.Parameters.Add(new NpgsqlParameter { Value = InletNetworks.ToArray() });
            await using var r = await trace.ExecuteReaderAsync(ct);
            await r.ReadAsync(ct);
            inlets = JsonDocument.Parse(r.GetString(0)).RootElement.EnumerateArray().Select(e => new DrainageInlet(
                e.GetProperty("id").GetInt64(), e.GetProperty("code").GetString()!,
                e.GetProperty("name").ValueKind == JsonValueKind.String ? e.GetProperty("name").GetString() : null,
                e.GetProperty("network").GetString()!, e.GetProperty("distance_m").GetDouble())).ToList();
            (segments, manholes, length) = (r.GetFieldValue<long[]>(1), r.GetFieldValue<long[]>(2), Math.Round(r.GetDouble(3), 2));
        }
        JsonElement? geoJson = null;
        if (withGeoJson)
        {
            geoJson = await SewerNetworkGeoJson.ReadAsync(conn, pointId, inlets.Select(i => i.Id).ToArray(), manholes, segments, ct);
        }
        return new WaterloggingDrainageResult(pointId, code, name, radiusM, inlets, segments, manholes, length, geoJson);
    }

    /// <summary>
    /// Turns a trace into an emergency campaign (reason <paramref name="reason"/>, one of the campaign reasons) in one
    /// transaction: the campaign row, whose area is the traced assets' convex hull buffered by
    /// <see cref="CampaignAreaBufferM"/> m (for the map; nothing is selected by it), and an <c>emergency_check</c>
    /// task due today for exactly the point, the inlets, the upstream manholes and the segments that are in service,
    /// with each kind's checklist and priority from <see cref="CampaignRules"/>. The campaign service
    /// (<see cref="CampaignPlanner"/>) selects by polygon only, and a hull would also take in the first segment
    /// downstream of every inlet and any unrelated asset inside it, so the tasks are inserted by id
    /// (<see cref="CampaignPlanner.InsertKindTasksAsync"/> with explicit ids).
    /// </summary>
    public async Task<DrainageCampaignCreated> CreateCampaignAsync(WaterloggingDrainageResult trace, string reason, string? note, string user, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (CampaignRules.Orders.All(o => o.Reason != reason))
            errors.Add("reason", $"reason must be one of {string.Join(", ", CampaignRules.Orders.Select(o => o.Reason))}.");
        if (note is { Length: > 500 }) errors.Add("note", "note is text of at most 500 characters.");
        errors.ThrowIfAny();
        var assets = new (string Collection, long[] Ids)[]
        {
            ("waterlogging_points", [trace.PointId]), ("manholes", [.. trace.ManholeIds]), ("sewer_segments", [.. trace.SegmentIds]),
        };
        var noteText = note ?? $"内涝点 {trace.PointCode} 汇水管网（半径 {trace.RadiusM:0} 米内雨水口 {trace.Inlets.Count} 个及其上游）";

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var insert = new NpgsqlCommand(CampaignInsertSql, conn, tx);
        object[] values = [reason, noteText, assets.Select(a => a.Collection).ToArray(), user,
            trace.PointId, trace.ManholeIds.ToArray(), trace.SegmentIds.ToArray(), CampaignAreaBufferM];
        foreach (var v in values) insert.Parameters.Add(new NpgsqlParameter { Value = v });
        var id = (long)(await insert.ExecuteScalarAsync(ct))!;

        var today = options.Today(clock);
        var created = new Dictionary<string, int>();
        foreach (var (collection, ids) in assets)
            created[collection] = await CampaignPlanner.InsertKindTasksAsync(conn, tx, CampaignRules, id, reason, collection, today, ids, ct);
        await tx.CommitAsync(ct);
        return new DrainageCampaignCreated(id, created, created.Values.Sum());
    }
}
