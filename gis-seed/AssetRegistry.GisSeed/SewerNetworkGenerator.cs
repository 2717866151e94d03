using NetTopologySuite.Geometries;

namespace AssetRegistry.GisSeed;

/// <summary>A manhole site along a street (plane metres) with its ground level (m above datum) and distance to a river.</summary>
internal sealed record SewerSite(double X, double Y, string District, double TerrainM, double RiverDistanceM, string StreetName);

/// <summary>
/// Lays sewer networks along the street grid: manhole sites every ~35 m, then per system (combined in the old
/// town, separate rain and sewage elsewhere) a breadth-first forest grown from outfalls near rivers or treatment
/// plants, taking exactly the manhole budget. Pipes run upstream → downstream, inverts fall strictly downstream and
/// diameters grow with the number of upstream manholes.
/// </summary>
internal sealed class SewerNetworkGenerator
{
    private const double SiteSpacingM = 35;
    private const double CombinedRadiusM = 1300;

    private readonly LocalFrame _frame;
    private readonly GeometryFactory _factory;
    private readonly List<SewerSite> _sites = [];
    private readonly List<(int A, int B)> _fineEdges = [];
    private int[] _adjStart = [];
    private int[] _adj = [];

    public SewerNetworkGenerator(StreetGrid grid, LocalFrame frame, RiverSet rivers, GeometryFactory factory)
    {
        _frame = frame;
        _factory = factory;
        var streetOfNode = new string[grid.Nodes.Count];
        foreach (var e in grid.Edges) { streetOfNode[e.A] ??= e.Name; streetOfNode[e.B] ??= e.Name; }
        for (var n = 0; n < grid.Nodes.Count; n++)
        {
            var node = grid.Nodes[n];
            _sites.Add(MakeSite(node.X, node.Y, node.District, rivers, streetOfNode[n] ?? "", n));
        }
        foreach (var e in grid.Edges)
        {
            var a = grid.Nodes[e.A];
            var b = grid.Nodes[e.B];
            var pieces = Math.Max(1, (int)Math.Round(e.LengthM / SiteSpacingM));
            var previous = e.A;
            for (var k = 1; k < pieces; k++)
            {
                var t = (double)k / pieces;
                _sites.Add(MakeSite(a.X + (b.X - a.X) * t, a.Y + (b.Y - a.Y) * t, e.District, rivers, e.Name, _sites.Count));
                _fineEdges.Add((previous, _sites.Count - 1));
                previous = _sites.Count - 1;
            }
            _fineEdges.Add((previous, e.B));
        }
        BuildAdjacency();
    }

    /// <summary>Manhole sites (for waterlogging points and checks).</summary>
    public IReadOnlyList<SewerSite> Sites => _sites;

    private static SewerSite MakeSite(double x, double y, string district, RiverSet rivers, string street, int index)
    {
        var river = rivers.DistanceM(x, y);
        var terrain = 2.2 + 0.004 * Math.Min(river, 4000) + Math.Max(0, y - 5000) * 0.008
                      + 0.6 * Math.Sin(x / 650.0) * Math.Cos(y / 800.0) + 0.05 * ((index * 7919) % 11) / 11.0;
        return new SewerSite(x, y, district, Math.Round(terrain, 3), river, street);
    }

    private void BuildAdjacency()
    {
        var degree = new int[_sites.Count + 1];
        foreach (var (a, b) in _fineEdges) { degree[a + 1]++; degree[b + 1]++; }
        for (var i = 0; i < _sites.Count; i++) degree[i + 1] += degree[i];
        _adjStart = degree;
        _adj = new int[_fineEdges.Count * 2];
        var fill = (int[])degree.Clone();
        foreach (var (a, b) in _fineEdges) { _adj[fill[a]++] = b; _adj[fill[b]++] = a; }
    }

    /// <summary>Number of sites in and outside the old-town combined zone.</summary>
    public (int Combined, int Separate) SiteCounts()
    {
        var combined = _sites.Count(IsCombinedZone);
        return (combined, _sites.Count - combined);
    }

    private bool IsCombinedZone(SewerSite s)
    {
        var (kx, ky) = _frame.ToPlane(QuanzhouGeography.KaiyuanLon, QuanzhouGeography.KaiyuanLat);
        return (s.X - kx) * (s.X - kx) + (s.Y - ky) * (s.Y - ky) < CombinedRadiusM * CombinedRadiusM;
    }

    /// <summary>One system's forest: BFS order (seeds first) and the parent of each ordered site (−1 for outfalls).</summary>
    internal sealed record Forest(string System, List<int> Order, int[] Parent, Dictionary<int, string> OutfallNames);

    /// <summary>Grows a system's forest with exactly <paramref name="budget"/> manholes, or null when the streets are too few.</summary>
    public Forest? GrowForest(string system, int budget, IReadOnlyList<(string Name, double Lon, double Lat)> plants)
    {
        var allowed = _sites.Select(s => system == "combined" ? IsCombinedZone(s) : !IsCombinedZone(s)).ToArray();
        var seeds = new List<int>();
        var names = new Dictionary<int, string>();
        if (system == "sewage")
        {
            foreach (var (name, lon, lat) in plants)
            {
                var (px, py) = _frame.ToPlane(lon, lat);
                var best = -1;
                var bestD = double.MaxValue;
                for (var i = 0; i < _sites.Count; i++)
                {
                    if (!allowed[i]) continue;
                    var d = (_sites[i].X - px) * (_sites[i].X - px) + (_sites[i].Y - py) * (_sites[i].Y - py);
                    if (d < bestD) { bestD = d; best = i; }
                }
                if (best >= 0 && !names.ContainsKey(best) && bestD < 3000.0 * 3000.0) { seeds.Add(best); names[best] = name + "进水井"; }
            }
        }
        else
        {
            var spacing = system == "combined" ? 600.0 : 900.0;
            for (var i = 0; i < _sites.Count; i++)
            {
                if (!allowed[i] || _sites[i].RiverDistanceM > 350) continue;
                var s = _sites[i];
                if (seeds.Any(j => (_sites[j].X - s.X) * (_sites[j].X - s.X) + (_sites[j].Y - s.Y) * (_sites[j].Y - s.Y) < spacing * spacing)) continue;
                seeds.Add(i);
                names[i] = $"{s.StreetName}{(system == "rain" ? "雨水" : "合流")}排放口";
            }
        }
        // Every connected part of the allowed street graph drains somewhere: add an outfall near the river where none.
        var component = Components(allowed);
        var hasSeed = new HashSet<int>(seeds.Select(s => component[s]));
        var bestInPart = new Dictionary<int, int>();
        for (var i = 0; i < _sites.Count; i++)
        {
            if (!allowed[i] || hasSeed.Contains(component[i])) continue;
            if (!bestInPart.TryGetValue(component[i], out var b) || _sites[i].RiverDistanceM < _sites[b].RiverDistanceM) bestInPart[component[i]] = i;
        }
        foreach (var i in bestInPart.Values.Order())
        {
            seeds.Add(i);
            names[i] = system == "sewage" ? $"{_sites[i].StreetName}污水截流井" : $"{_sites[i].StreetName}{(system == "rain" ? "雨水" : "合流")}排放口";
        }

        var parent = new int[_sites.Count];
        Array.Fill(parent, -2);
        var order = new List<int>(budget);
        var queue = new Queue<int>();
        foreach (var s in seeds) { parent[s] = -1; queue.Enqueue(s); }
        while (queue.Count > 0 && order.Count < budget)
        {
            var v = queue.Dequeue();
            order.Add(v);
            for (var k = _adjStart[v]; k < _adjStart[v + 1]; k++)
            {
                var w = _adj[k];
                if (!allowed[w] || parent[w] != -2) continue;
                parent[w] = v;
                queue.Enqueue(w);
            }
        }
        return order.Count < budget ? null : new Forest(system, order, parent, names);
    }

    private int[] Components(bool[] allowed)
    {
        var parent = Enumerable.Range(0, _sites.Count).ToArray();
        int Find(int x) { while (parent[x] != x) x = parent[x] = parent[parent[x]]; return x; }
        foreach (var (a, b) in _fineEdges) if (allowed[a] && allowed[b]) parent[Find(a)] = Find(b);
        return Enumerable.Range(0, _sites.Count).Select(Find).ToArray();
    }

    private static (double Dx, double Dy) OffsetOf(string network) => network switch
    {
        "rain" => (2.2, 1.4),
        "sewage" => (-2.2, -1.4),
        "combined" => (0, 0),
        _ => (3.5, -3.0),
    };

    /// <summary>
    /// Turns forests into manhole and segment rows. Manholes get ids from <paramref name="ids"/> first (all
    /// forests, then <paramref name="otherManholes"/> non-sewer chambers), then segments.
    /// </summary>
    public (List<ManholeRow> Manholes, List<SewerSegmentRow> Segments) BuildRows(IReadOnlyList<Forest> forests, int otherManholes, IdAllocator ids, Random rng)
    {
        var manholes = new List<ManholeRow>();
        var segments = new List<SewerSegmentRow>();
        var plans = new List<(Forest Forest, long[] ManholeId, double[] Invert, int[] Upstream, Coordinate[] Coords)>();
        foreach (var f in forests)
        {
            var manholeId = new long[_sites.Count];
            var invert = new double[_sites.Count];
            var upstream = new int[_sites.Count];
            var coords = new Coordinate[_sites.Count];
            var inPrefix = new bool[_sites.Count];
            foreach (var v in f.Order) inPrefix[v] = true;
            for (var k = f.Order.Count - 1; k >= 0; k--)
            {
                var v = f.Order[k];
                upstream[v] += 1;
                if (f.Parent[v] >= 0) upstream[f.Parent[v]] += upstream[v];
            }
            var (dx, dy) = OffsetOf(f.System);
            foreach (var v in f.Order)
            {
                var site = _sites[v];
                coords[v] = _frame.ToLonLat(site.X + dx, site.Y + dy);
                var p = f.Parent[v];
                if (p < 0) invert[v] = Math.Round(site.TerrainM - 2.5 - rng.NextDouble() * 1.5, 3);
                else
                {
                    var down = invert[p];
                    var length = Geodesy.DistanceMetres(coords[v], coords[p]);
                    var minSlope = MinSlope(DiameterFor(upstream[v], f.System));
                    var byGround = site.TerrainM - 1.5 - rng.NextDouble() * 1.5;
                    var up = Math.Max(down + minSlope * length * (1 + rng.NextDouble() * 0.5), byGround);
                    invert[v] = Math.Round(Math.Max(up, down + 0.01), 3);
                }
                var ground = Math.Round(Math.Max(site.TerrainM, invert[v] + 0.8 + rng.NextDouble() * 0.4), 3);
                var isOutfall = p < 0;
                var id = ids.Next();
                manholeId[v] = id;
                manholes.Add(new ManholeRow(
                    CommonFactory.Make(id, "MH", isOutfall ? f.OutfallNames.GetValueOrDefault(v) : null, site.District, rng, "泉州市排水管理中心", _factory.CreatePoint(coords[v]), 1990),
                    f.System, CoverMaterial(rng), LoadClass(rng), CoverDiameter(rng), Math.Round(ground - invert[v], 3), ground, invert[v],
                    rng.NextDouble() < 0.7, rng.NextDouble() < 0.11 ? $"QZSC-{id:D8}" : null, isOutfall));
            }
            plans.Add((f, manholeId, invert, upstream, coords));
        }
        var sewerSiteCount = _sites.Count;
        for (var k = 0; k < otherManholes; k++)
        {
            var v = (int)((long)k * sewerSiteCount / Math.Max(1, otherManholes) + rng.Next(Math.Max(1, sewerSiteCount / Math.Max(1, otherManholes)))) % sewerSiteCount;
            var site = _sites[v];
            var network = (string[])["gas", "power", "telecom", "water"];
            var net = network[rng.Next(network.Length)];
            var (dx, dy) = OffsetOf(net);
            var owner = net switch { "gas" => "泉州市燃气有限公司", "power" => "国网泉州供电公司", "telecom" => "中国电信泉州分公司", _ => "泉州市自来水公司" };
            var id = ids.Next();
            var depth = Math.Round(0.8 + rng.NextDouble() * 1.6, 3);
            manholes.Add(new ManholeRow(CommonFactory.Make(id, "MH", null, site.District, rng, owner, _factory.CreatePoint(_frame.ToLonLat(site.X + dx, site.Y + dy)), 1995),
                net, CoverMaterial(rng), LoadClass(rng), CoverDiameter(rng), depth, site.TerrainM, Math.Round(site.TerrainM - depth, 3),
                rng.NextDouble() < 0.5, null, false));
        }
        foreach (var (f, manholeId, invert, upstream, coords) in plans)
        {
            foreach (var v in f.Order)
            {
                var p = f.Parent[v];
                if (p < 0) continue;
                var site = _sites[v];
                var line = _factory.CreateLineString([coords[v].Copy(), coords[p].Copy()]);
                var length = Math.Round(Geodesy.LengthMetres(line), 3);
                var down = Math.Round(invert[p] + (rng.NextDouble() < 0.3 ? 0.01 * rng.Next(1, 4) : 0), 3);
                if (down >= invert[v]) down = invert[p];
                var diameter = DiameterFor(upstream[v], f.System);
                var id = ids.Next();
                var common = CommonFactory.Make(id, "SS", null, site.District, rng, "泉州市排水管理中心", line, f.System == "combined" ? 1985 : 1998);
                var year = common.InstallDate?.Year ?? 2005;
                var grade = Pick(rng, [("I", 70), ("II", 20), ("III", 8), ("IV", 2)]);
                segments.Add(new SewerSegmentRow(common, manholeId[v], manholeId[p], f.System, diameter, MaterialFor(diameter, f.System, rng), invert[v], down,
                    length, Math.Round((invert[v] - down) / length, 6), year, grade));
            }
        }
        return (manholes, segments);
    }

    private static int DiameterFor(int upstreamManholes, string system)
    {
        int[] limits = [1, 4, 12, 40, 120, 400, 1200];
        int[] sizes = [300, 400, 500, 600, 800, 1000, 1200];
        for (var i = 0; i < limits.Length; i++)
            if (upstreamManholes <= limits[i]) return system == "sewage" ? Math.Max(300, sizes[i] - (i > 2 ? 200 : 100)) : sizes[i];
        return system == "sewage" ? 1200 : 1500;
    }

    private static double MinSlope(int diameter) => diameter switch
    {
        <= 300 => 0.003, <= 400 => 0.0025, <= 500 => 0.002, <= 600 => 0.0016, <= 800 => 0.0012, <= 1000 => 0.001, _ => 0.0008,
    };

    private static string MaterialFor(int diameter, string system, Random rng)
    {
        if (system == "combined" && rng.NextDouble() < 0.15) return "brick";
        if (diameter <= 400) return Pick(rng, [("hdpe", 45), ("pvc_u", 35), ("concrete", 15), ("cast_iron", 5)]);
        if (diameter <= 800) return Pick(rng, [("reinforced_concrete", 55), ("hdpe", 30), ("concrete", 10), ("ductile_iron", 5)]);
        return Pick(rng, [("reinforced_concrete", 90), ("ductile_iron", 7), ("other", 3)]);
    }

    private static string CoverMaterial(Random rng) => Pick(rng, [("ductile_iron", 60), ("composite", 20), ("cast_iron", 12), ("concrete", 5), ("steel", 3)]);
    private static string LoadClass(Random rng) => Pick(rng, [("D400", 70), ("C250", 18), ("E600", 8), ("B125", 4)]);
    private static int CoverDiameter(Random rng) => Pick(rng, [(700, 70), (600, 15), (800, 15)]);

    /// <summary>Weighted pick; weights are relative.</summary>
    internal static T Pick<T>(Random rng, (T Value, int Weight)[] choices)
    {
        var total = choices.Sum(c => c.Weight);
        var r = rng.Next(total);
        foreach (var (value, weight) in choices) { if (r < weight) return value; r -= weight; }
        return choices[^1].Value;
    }
}
