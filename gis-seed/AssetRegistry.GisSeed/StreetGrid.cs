using NetTopologySuite.Geometries;
using NetTopologySuite.Geometries.Prepared;

namespace AssetRegistry.GisSeed;

/// <summary>A street grid node in the local plane (metres), with its grid indices and district.</summary>
internal sealed record StreetNode(int I, int J, double X, double Y, string District);

/// <summary>A street piece between two adjacent grid nodes. <see cref="Line"/> is the grid line index along which it runs.</summary>
internal sealed record StreetEdge(int A, int B, bool EastWest, int Line, string Name, string RoadClass, string District, double LengthM);

/// <summary>A city block bounded by four streets; corners are node indices counter-clockwise.</summary>
internal sealed record StreetBlock(int I, int J, int[] Corners, string District);

/// <summary>
/// A perturbed, rotated street grid grown outward from the old town until its street length reaches the target.
/// Streets never cross a river or a district border (a margin keeps them clear of both), so each connected part
/// lies in one district.
/// </summary>
internal sealed class StreetGrid
{
    private const double Rotation = 0.21;
    private const double RiverClearanceM = 70;

    public required double Spacing { get; init; }
    public required List<StreetNode> Nodes { get; init; }
    public required List<StreetEdge> Edges { get; init; }
    public required List<StreetBlock> Blocks { get; init; }
    public required double TotalLengthM { get; init; }

    /// <summary>Builds the grid with block <paramref name="spacing"/> (m), keeping the edges nearest the centre until
    /// their total length reaches <paramref name="targetLengthM"/> (or every eligible edge is used).</summary>
    public static StreetGrid Build(SeedRegion region, LocalFrame frame, RiverSet rivers, double targetLengthM, double spacing, int seed)
    {
        var rng = new Random(seed);
        var env = region.Envelope;
        var corners = new[] { frame.ToPlane(env.MinX, env.MinY), frame.ToPlane(env.MaxX, env.MinY), frame.ToPlane(env.MinX, env.MaxY), frame.ToPlane(env.MaxX, env.MaxY) };
        double cos = Math.Cos(Rotation), sin = Math.Sin(Rotation);
        var us = corners.Select(c => c.X * cos + c.Y * sin).ToArray();
        var vs = corners.Select(c => -c.X * sin + c.Y * cos).ToArray();
        int i0 = (int)Math.Floor(us.Min() / spacing), i1 = (int)Math.Ceiling(us.Max() / spacing);
        int j0 = (int)Math.Floor(vs.Min() / spacing), j1 = (int)Math.Ceiling(vs.Max() / spacing);
        int ni = i1 - i0 + 1, nj = j1 - j0 + 1;

        var nodeAt = new int[ni, nj];
        var candidates = new List<StreetNode>();
        for (var a = 0; a < ni; a++)
        for (var b = 0; b < nj; b++)
        {
            var jitterU = (rng.NextDouble() - 0.5) * 0.24 * spacing;
            var jitterV = (rng.NextDouble() - 0.5) * 0.24 * spacing;
            nodeAt[a, b] = -1;
            double u = (a + i0) * spacing + jitterU, v = (b + j0) * spacing + jitterV;
            double x = u * cos - v * sin, y = u * sin + v * cos;
            if (x * x + y * y > 30_000.0 * 30_000.0) continue;
            var district = region.DistrictOfPoint(frame.ToLonLat(x, y));
            if (district is null || rivers.DistanceM(x, y) < RiverClearanceM) continue;
            nodeAt[a, b] = candidates.Count;
            candidates.Add(new StreetNode(a, b, x, y, district));
        }

        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var eligible = new List<(int A, int B, bool EastWest, double Key, double Length)>();
        for (var a = 0; a < ni; a++)
        for (var b = 0; b < nj; b++)
        {
            var n = nodeAt[a, b];
            if (n < 0) continue;
            foreach (var (da, db, ew) in new[] { (1, 0, true), (0, 1, false) })
            {
                if (a + da >= ni || b + db >= nj) continue;
                var m = nodeAt[a + da, b + db];
                if (m < 0) continue;
                StreetNode p = candidates[n], q = candidates[m];
                if (p.District != q.District) continue;
                if (rivers.Crosses(p.X, p.Y, q.X, q.Y, RiverClearanceM)) continue;
                var line = factory.CreateLineString([frame.ToLonLat(p.X, p.Y), frame.ToLonLat(q.X, q.Y)]);
                if (!region.IsInside(p.District, line)) continue;
                var key = Math.Max(Math.Sqrt(p.X * p.X + p.Y * p.Y), Math.Sqrt(q.X * q.X + q.Y * q.Y));
                eligible.Add((n, m, ew, key, Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y))));
            }
        }
        var ordered = eligible.Select((e, k) => (e, k)).OrderBy(t => t.e.Key).ThenBy(t => t.k).Select(t => t.e).ToList();

        var take = 0;
        var sum = 0.0;
        var factor = 1.0;
        List<(int A, int B, bool EastWest, double Key, double Length)> kept;
        while (true)
        {
            while (take < ordered.Count && sum < targetLengthM * factor) sum += ordered[take++].Length;
            kept = DropSmallParts(ordered.Take(take).ToList(), candidates.Count);
            var keptLength = kept.Sum(e => e.Length);
            if (keptLength >= targetLengthM || take >= ordered.Count) break;
            factor *= 1 + Math.Max(0.02, (targetLengthM - keptLength) / targetLengthM);
        }

        var used = new int[candidates.Count];
        Array.Fill(used, -1);
        var nodes = new List<StreetNode>();
        foreach (var e in kept.OrderBy(e => e.A).ThenBy(e => e.B))
            foreach (var n in new[] { e.A, e.B })
                if (used[n] < 0) { used[n] = nodes.Count; nodes.Add(candidates[n]); }
        // Re-number nodes in grid order for stable output.
        var order = nodes.Select((n, k) => (n, k)).OrderBy(t => t.n.I).ThenBy(t => t.n.J).ToList();
        var remap = new int[nodes.Count];
        for (var k = 0; k < order.Count; k++) remap[order[k].k] = k;
        nodes = order.Select(t => t.n).ToList();
        var edgeAt = new HashSet<(int, int)>();
        var edges = new List<StreetEdge>();
        foreach (var e in kept.OrderBy(e => remap[used[e.A]]).ThenBy(e => remap[used[e.B]]))
        {
            int a = remap[used[e.A]], b = remap[used[e.B]];
            var pa = nodes[a];
            var lineIndex = e.EastWest ? pa.J + j0 : pa.I + i0;
            var roadClass = lineIndex % 6 == 0 ? "arterial" : lineIndex % 3 == 0 ? "secondary" : "branch";
            var names = QuanzhouGeography.StreetNames;
            var k = ((e.EastWest ? 0 : 17) + lineIndex) % names.Length;
            if (k < 0) k += names.Length;
            var round = Math.Abs(lineIndex) / names.Length;
            var name = round == 0 ? names[k] : $"{names[k]}{round}支路";
            edges.Add(new StreetEdge(a, b, e.EastWest, lineIndex, name, roadClass, pa.District, e.Length));
            edgeAt.Add((a, b));
        }
        var nodeIndex = new int[ni, nj];
        for (var a = 0; a < ni; a++) for (var b = 0; b < nj; b++) nodeIndex[a, b] = -1;
        for (var k = 0; k < nodes.Count; k++) nodeIndex[nodes[k].I, nodes[k].J] = k;
        var blocks = new List<StreetBlock>();
        for (var a = 0; a + 1 < ni; a++)
        for (var b = 0; b + 1 < nj; b++)
        {
            int c0 = nodeIndex[a, b], c1 = nodeIndex[a + 1, b], c2 = nodeIndex[a + 1, b + 1], c3 = nodeIndex[a, b + 1];
            if (c0 < 0 || c1 < 0 || c2 < 0 || c3 < 0) continue;
            if (edgeAt.Contains((c0, c1)) && edgeAt.Contains((c1, c2)) && edgeAt.Contains((c3, c2)) && edgeAt.Contains((c0, c3)))
                blocks.Add(new StreetBlock(a, b, [c0, c1, c2, c3], nodes[c0].District));
        }
        return new StreetGrid { Spacing = spacing, Nodes = nodes, Edges = edges, Blocks = blocks, TotalLengthM = edges.Sum(e => e.LengthM) };
    }

    private static List<(int A, int B, bool EastWest, double Key, double Length)> DropSmallParts(
        List<(int A, int B, bool EastWest, double Key, double Length)> edges, int nodeCount)
    {
        var parent = Enumerable.Range(0, nodeCount).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        foreach (var e in edges) parent[Find(e.A)] = Find(e.B);
        var size = new int[nodeCount];
        foreach (var e in edges) size[Find(e.A)]++;
        return edges.Where(e => size[Find(e.A)] >= 12).ToList();
    }
}

/// <summary>The rivers in the local plane (metres), for clearance and crossing tests.</summary>
internal sealed class RiverSet
{
    private readonly GeometryFactory _plane = new();
    private readonly List<LineString> _rivers;
    private readonly IPreparedGeometry _union;

    public RiverSet(LocalFrame frame)
    {
        _rivers = new[] { QuanzhouGeography.Jinjiang, QuanzhouGeography.Luoyang }
            .Select(r => _plane.CreateLineString(r.Select(p => { var (x, y) = frame.ToPlane(p.Lon, p.Lat); return new Coordinate(x, y); }).ToArray()))
            .ToList();
        _union = PreparedGeometryFactory.Prepare(_plane.CreateMultiLineString([.. _rivers]));
    }

    /// <summary>Plane lines of the rivers (Jinjiang first).</summary>
    public IReadOnlyList<LineString> Lines => _rivers;

    /// <summary>Distance in metres from a plane point to the nearest river.</summary>
    public double DistanceM(double x, double y) => _union.Geometry.Distance(_plane.CreatePoint(new Coordinate(x, y)));

    /// <summary>True when the segment comes within <paramref name="clearanceM"/> of a river.</summary>
    public bool Crosses(double x1, double y1, double x2, double y2, double clearanceM) =>
        _union.Geometry.IsWithinDistance(_plane.CreateLineString([new Coordinate(x1, y1), new Coordinate(x2, y2)]), clearanceM);
}
