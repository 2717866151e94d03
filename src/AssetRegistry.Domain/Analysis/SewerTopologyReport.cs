using AssetRegistry.Domain.Persistence;
using Npgsql;

namespace AssetRegistry.Domain.Analysis;

/// <summary>A segment whose end lies too far from the manhole it names.</summary>
public sealed record MisplacedEnd(long SegmentId, string End, long ManholeId, double DistanceM);

/// <summary>A segment whose invert rises downstream (upstream invert below downstream invert).</summary>
public sealed record ReverseSlope(long SegmentId, double UpstreamInvertM, double DownstreamInvertM);

/// <summary>A connected piece of the network that reaches no outfall or plant.</summary>
public sealed record DisconnectedPiece(IReadOnlyList<long> ManholeIds, IReadOnlyList<long> SegmentIds);

/// <summary>Every problem found in the sewer network.</summary>
public sealed record SewerTopologyFindings(int Segments, int Manholes, IReadOnlyList<MisplacedEnd> MisplacedEnds,
    IReadOnlyList<ReverseSlope> ReverseSlopes, IReadOnlyList<DisconnectedPiece> DisconnectedPieces, IReadOnlyList<long> SegmentsInCycles,
    double ToleranceM);

/// <summary>
/// The sewer topology report: segment ends away from their manholes (PostGIS, geodesic metres, the same tolerance
/// the API enforces on writes), segments sloping the wrong way by invert level, connected pieces that reach no
/// outfall (union–find over the manhole graph), and segments on directed cycles (Kahn's algorithm: what cannot be
/// peeled off from the sources lies on or behind a cycle; the cycle itself is what remains after also peeling from
/// the sinks). The graph is read once; the rest is in memory, O(segments).
/// </summary>
public sealed class SewerTopologyReport(NpgsqlDataSource dataSource, RegistryRules rules)
{
    private const string EndsSql = """
        select s.id, 'upstream', s.upstream_manhole_id, ST_Distance(ST_StartPoint(s.geometry)::geography, m.geometry::geography)
        from sewer_segments s join manholes m on m.id = s.upstream_manhole_id
        where not ST_DWithin(ST_StartPoint(s.geometry)::geography, m.geometry::geography, $1)
        union all
        select s.id, 'downstream', s.downstream_manhole_id, ST_Distance(ST_EndPoint(s.geometry)::geography, m.geometry::geography)
        from sewer_segments s join manholes m on m.id = s.downstream_manhole_id
        where not ST_DWithin(ST_EndPoint(s.geometry)::geography, m.geometry::geography, $1)
        order by 1, 2
        """;

    public async Task<SewerTopologyFindings> RunAsync(int maxItems, CancellationToken ct)
    {
        var tolerance = rules.SewerEndToleranceMetres;
        var misplaced = new List<MisplacedEnd>();
        await using (var cmd = dataSource.CreateCommand(EndsSql))
        {
            cmd.CommandTimeout = 300;
            cmd.Parameters.Add(new NpgsqlParameter { Value = tolerance });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
                misplaced.Add(new MisplacedEnd(r.GetInt64(0), r.GetString(1), r.GetInt64(2), Math.Round(r.GetDouble(3), 2)));
        }

        var segments = new List<(long Id, long Up, long Down, double? UpInv, double? DownInv)>();
        await using (var cmd = dataSource.CreateCommand(
            "select id, upstream_manhole_id, downstream_manhole_id, upstream_invert_m, downstream_invert_m from sewer_segments order by id"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
                segments.Add((r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetDouble(3), r.IsDBNull(4) ? null : r.GetDouble(4)));
        var outfalls = new HashSet<long>();
        var manholeCount = 0;
        await using (var cmd = dataSource.CreateCommand("select id, coalesce(is_outfall, false) from manholes where network in ('rain', 'sewage', 'combined') or id in (select upstream_manhole_id from sewer_segments) or id in (select downstream_manhole_id from sewer_segments)"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                manholeCount++;
                if (r.GetBoolean(1)) outfalls.Add(r.GetInt64(0));
            }

        var reverse = segments.Where(s => s.UpInv is { } u && s.DownInv is { } d && u < d)
            .Select(s => new ReverseSlope(s.Id, s.UpInv!.Value, s.DownInv!.Value)).ToList();
        return new SewerTopologyFindings(segments.Count, manholeCount, misplaced.Take(maxItems).ToList(), reverse.Take(maxItems).ToList(),
            DisconnectedPieces(segments.Select(s => (s.Id, s.Up, s.Down)).ToList(), outfalls).Take(maxItems).ToList(),
            SegmentsOnCycles(segments.Select(s => (s.Id, s.Up, s.Down)).ToList()).Take(maxItems).ToList(), tolerance);
    }

    /// <summary>Connected pieces (ignoring direction) that contain no outfall, largest first.</summary>
    public static IEnumerable<DisconnectedPiece> DisconnectedPieces(IReadOnlyList<(long Id, long Up, long Down)> segments, IReadOnlySet<long> outfalls)
    {
        var parent = new Dictionary<long, long>();
        long Find(long x)
        {
            if (!parent.TryGetValue(x, out var p)) { parent[x] = x; return x; }
            while (p != x) { var gp = parent[p]; parent[x] = gp; x = p; p = gp; }
            return x;
        }
        foreach (var (_, up, down) in segments)
        {
            var a = Find(up);
            var b = Find(down);
            if (a != b) parent[Math.Max(a, b)] = Math.Min(a, b);
        }
        return segments.GroupBy(s => Find(s.Up))
            .Select(g => (Manholes: g.SelectMany(s => new[] { s.Up, s.Down }).Distinct().Order().ToList(), Segments: g.Select(s => s.Id).Order().ToList()))
            .Where(p => !p.Manholes.Any(outfalls.Contains))
            .OrderByDescending(p => p.Segments.Count).ThenBy(p => p.Manholes[0])
            .Select(p => new DisconnectedPiece(p.Manholes, p.Segments));
    }

    /// <summary>Segments lying on a directed cycle: what survives peeling, in linear time, first every segment
    /// reachable from a manhole with no inflow (Kahn), then every segment leading to a manhole with no outflow.</summary>
    public static IEnumerable<long> SegmentsOnCycles(IReadOnlyList<(long Id, long Up, long Down)> segments)
    {
        var remaining = Peel(segments, s => s.Up, s => s.Down);
        remaining = Peel(remaining, s => s.Down, s => s.Up);
        return remaining.Select(s => s.Id).Order();
    }

    /// <summary>Removes, Kahn-style, every segment whose <paramref name="from"/> node can be reached from a node
    /// with no segment arriving at it; returns the rest.</summary>
    private static List<(long Id, long Up, long Down)> Peel(IReadOnlyList<(long Id, long Up, long Down)> segments,
        Func<(long Id, long Up, long Down), long> from, Func<(long Id, long Up, long Down), long> to)
    {
        var incoming = new Dictionary<long, int>();
        var leaving = new Dictionary<long, List<int>>();
        for (var i = 0; i < segments.Count; i++)
        {
            var s = segments[i];
            incoming[to(s)] = incoming.GetValueOrDefault(to(s)) + 1;
            incoming.TryAdd(from(s), 0);
            if (!leaving.TryGetValue(from(s), out var list)) leaving[from(s)] = list = [];
            list.Add(i);
        }
        var removed = new bool[segments.Count];
        var queue = new Queue<long>(incoming.Where(kv => kv.Value == 0).Select(kv => kv.Key));
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (!leaving.TryGetValue(node, out var outgoing)) continue;
            foreach (var i in outgoing)
            {
                removed[i] = true;
                var next = to(segments[i]);
                if (--incoming[next] == 0) queue.Enqueue(next);
            }
        }
        return segments.Where((_, i) => !removed[i]).ToList();
    }
}
