using NetTopologySuite.Geometries;

namespace AssetRegistry.GisSeed;

/// <summary>
/// Parks (named real parks, then pocket, community and comprehensive parks in street blocks) and residential
/// parcels in the remaining blocks, never overlapping a park. Polygons are simple, counter-clockwise and
/// kept clear of the streets; area_m2 is the geodesic area.
/// </summary>
internal sealed class LandUseGenerator(StreetGrid grid, LocalFrame frame, SeedRegion region, GeometryFactory factory)
{
    private readonly GeometryFactory _plane = new();
    private readonly bool[] _blockUsed = new bool[grid.Blocks.Count];
    private readonly List<Polygon> _namedPlane = [];
    private readonly Dictionary<(int, int), string> _edgeName = grid.Edges.ToDictionary(e => (e.A, e.B), e => e.Name);

    /// <summary>Up to <paramref name="count"/> parks (exactly, unless the grid has too few free blocks).</summary>
    public List<ParkRow> Parks(int count, IdAllocator ids, Random rng)
    {
        var rows = new List<ParkRow>(count);
        foreach (var p in QuanzhouGeography.NamedParks)
        {
            if (rows.Count >= count) break;
            var (cx, cy) = frame.ToPlane(p.Lon, p.Lat);
            var radii = Enumerable.Range(0, 10).Select(_ => 0.85 + rng.NextDouble() * 0.3).ToArray();
            for (var shrink = 1.0; shrink > 0.2; shrink *= 0.8)
            {
                var r = Math.Sqrt(p.AreaM2 / Math.PI) * shrink;
                var ring = Enumerable.Range(0, 10).Select(k => (cx + r * radii[k] * Math.Cos(k * Math.PI / 5), cy + r * radii[k] * Math.Sin(k * Math.PI / 5))).ToList();
                var row = TryPark(ring, p.Name, p.Hours, ids, rng);
                if (row is null) continue;
                rows.Add(row);
                _namedPlane.Add(PlanePolygon(ring));
                break;
            }
        }
        for (var b = 0; b < grid.Blocks.Count; b++)
            if (_namedPlane.Any(n => n.Intersects(PlanePolygon(BlockRing(b, 1.0))))) _blockUsed[b] = true;

        var blockAt = new Dictionary<(int, int), int>();
        for (var b = 0; b < grid.Blocks.Count; b++) blockAt[(grid.Blocks[b].I, grid.Blocks[b].J)] = b;
        var order = Enumerable.Range(0, grid.Blocks.Count).ToArray();
        rng.Shuffle(order);
        var span = Math.Max(2, (int)Math.Ceiling(280 / grid.Spacing));
        foreach (var b in order)
        {
            if (rows.Count >= count) break;
            if (_blockUsed[b]) continue;
            var block = grid.Blocks[b];
            var street = grid.Edges.Count > 0 ? StreetNameOf(block) : "城区";
            var kind = SewerNetworkGenerator.Pick(rng, [("pocket", 55), ("community", 40), ("comprehensive", 5)]);
            if (kind == "comprehensive")
            {
                var cells = new List<int>();
                for (var di = 0; di < span; di++)
                    for (var dj = 0; dj < span; dj++)
                        if (blockAt.TryGetValue((block.I + di, block.J + dj), out var c) && !_blockUsed[c]) cells.Add(c);
                if (cells.Count == span * span)
                {
                    var ring = SquareRing(block, span, 0.9);
                    var row = ring is null ? null : TryPark(ring, $"{street}公园", "全天开放", ids, rng);
                    if (row is not null) { rows.Add(row); foreach (var c in cells) _blockUsed[c] = true; continue; }
                }
                kind = "community";
            }
            List<(double X, double Y)> shape;
            if (kind == "community")
            {
                shape = BlockRing(b, 0.5 + rng.NextDouble() * 0.35);
                if (rng.NextDouble() < 0.5)
                {
                    var (x0, y0) = shape[0]; var (x1, y1) = shape[1];
                    shape.Insert(1, ((x0 + x1) / 2, (y0 + y1) / 2 + (rng.NextDouble() - 0.5) * 2));
                }
            }
            else
            {
                var (cx, cy) = Centroid(BlockRing(b, 1));
                cx += (rng.NextDouble() - 0.5) * grid.Spacing * 0.3;
                cy += (rng.NextDouble() - 0.5) * grid.Spacing * 0.3;
                var n = 5 + rng.Next(4);
                var r = Math.Sqrt((450 + rng.NextDouble() * 1400) / (Math.PI * 0.85));
                shape = Enumerable.Range(0, n).Select(k => (cx + r * (0.85 + rng.NextDouble() * 0.15) * Math.Cos(2 * Math.PI * k / n),
                    cy + r * (0.85 + rng.NextDouble() * 0.15) * Math.Sin(2 * Math.PI * k / n))).ToList();
            }
            var park = TryPark(shape, kind == "pocket" ? $"{street}口袋公园" : $"{street}社区公园", rng.NextDouble() < 0.8 ? "全天开放" : "06:00-22:00", ids, rng);
            if (park is null) continue;
            rows.Add(park);
            _blockUsed[b] = true;
        }
        return rows;
    }

    /// <summary>Up to <paramref name="count"/> residential parcels in blocks without parks; blocks are split into halves
    /// or quarters when there are fewer free blocks than parcels.</summary>
    public List<ResidentialAreaRow> ResidentialAreas(int count, IdAllocator ids, Random rng)
    {
        var free = Enumerable.Range(0, grid.Blocks.Count).Where(b => !_blockUsed[b]).ToArray();
        rng.Shuffle(free);
        var parts = free.Length >= count ? 1 : free.Length * 2 >= count ? 2 : 4;
        string[] suffixes = ["小区", "花园", "新村", "苑", "公寓", "家园"];
        var rows = new List<ResidentialAreaRow>(count);
        foreach (var b in free)
        {
            var corners = BlockRing(b, 1.0);
            foreach (var sub in Split(corners, parts))
            {
                if (rows.Count >= count) return rows;
                var ring = Shrink(sub, 0.6 + rng.NextDouble() * 0.25);
                var polygon = LonLatPolygon(ring);
                if (polygon is null) continue;
                var district = region.DistrictCovering(polygon);
                if (district is null) continue;
                var area = Math.Round(Geodesy.AreaSquareMetres(polygon), 2);
                var population = (int)Math.Round(area * (0.025 + rng.NextDouble() * 0.035));
                var households = (int)Math.Round(population / (2.6 + rng.NextDouble() * 0.6));
                var id = ids.Next();
                var name = $"{StreetNameOf(grid.Blocks[b])}{suffixes[rng.Next(suffixes.Length)]}";
                var common = CommonFactory.Make(id, "RA", name, district, rng, null, polygon, 1980);
                rows.Add(new ResidentialAreaRow(common, area, population, households));
            }
        }
        return rows;
    }

    private ParkRow? TryPark(List<(double X, double Y)> ring, string name, string hours, IdAllocator ids, Random rng)
    {
        var polygon = LonLatPolygon(ring);
        if (polygon is null) return null;
        var district = region.DistrictCovering(polygon);
        if (district is null) return null;
        var plane = PlanePolygon(ring);
        if (_namedPlane.Any(n => n.Intersects(plane))) return null;
        var area = Math.Round(Geodesy.AreaSquareMetres(polygon), 2);
        var parkClass = area < 2000 ? "pocket" : area <= 50_000 ? "community" : "comprehensive";
        var id = ids.Next();
        var common = CommonFactory.Make(id, "PK", name, district, rng, "泉州市园林局", polygon, 1990);
        return new ParkRow(common, parkClass, area, hours);
    }

    private string StreetNameOf(StreetBlock block)
    {
        return _edgeName.TryGetValue((block.Corners[0], block.Corners[1]), out var name) ? name : "城区";
    }

    private List<(double X, double Y)> BlockRing(int b, double factor) =>
        Shrink(grid.Blocks[b].Corners.Select(c => (grid.Nodes[c].X, grid.Nodes[c].Y)).ToList(), factor);

    private List<(double X, double Y)>? SquareRing(StreetBlock origin, int span, double factor)
    {
        var byIndex = new Dictionary<(int, int), StreetNode>();
        foreach (var n in grid.Nodes) if (n.I >= origin.I && n.I <= origin.I + span && n.J >= origin.J && n.J <= origin.J + span) byIndex[(n.I, n.J)] = n;
        var path = new List<(int, int)>();
        for (var k = 0; k < span; k++) path.Add((origin.I + k, origin.J));
        for (var k = 0; k < span; k++) path.Add((origin.I + span, origin.J + k));
        for (var k = span; k > 0; k--) path.Add((origin.I + k, origin.J + span));
        for (var k = span; k > 0; k--) path.Add((origin.I, origin.J + k));
        var ring = new List<(double X, double Y)>();
        foreach (var key in path)
        {
            if (!byIndex.TryGetValue(key, out var n)) return null;
            ring.Add((n.X, n.Y));
        }
        return Shrink(ring, factor);
    }

    private static IEnumerable<List<(double X, double Y)>> Split(List<(double X, double Y)> q, int parts)
    {
        if (parts == 1) { yield return q; yield break; }
        static (double X, double Y) Mid((double X, double Y) a, (double X, double Y) b) => ((a.X + b.X) / 2, (a.Y + b.Y) / 2);
        var m01 = Mid(q[0], q[1]); var m32 = Mid(q[3], q[2]);
        if (parts == 2)
        {
            yield return [q[0], m01, m32, q[3]];
            yield return [m01, q[1], q[2], m32];
            yield break;
        }
        var m12 = Mid(q[1], q[2]); var m03 = Mid(q[0], q[3]); var c = Mid(m01, m32);
        yield return [q[0], m01, c, m03];
        yield return [m01, q[1], m12, c];
        yield return [c, m12, q[2], m32];
        yield return [m03, c, m32, q[3]];
    }

    private static (double X, double Y) Centroid(List<(double X, double Y)> ring) => (ring.Average(p => p.X), ring.Average(p => p.Y));

    private static List<(double X, double Y)> Shrink(List<(double X, double Y)> ring, double factor)
    {
        var (cx, cy) = Centroid(ring);
        return ring.Select(p => (cx + (p.X - cx) * factor, cy + (p.Y - cy) * factor)).ToList();
    }

    private Polygon PlanePolygon(List<(double X, double Y)> ring) =>
        _plane.CreatePolygon(ring.Append(ring[0]).Select(p => new Coordinate(p.X, p.Y)).ToArray());

    /// <summary>The ring as a valid counter-clockwise SRID 4326 polygon, or null when it is not valid.</summary>
    private Polygon? LonLatPolygon(List<(double X, double Y)> ring)
    {
        var coordinates = ring.Append(ring[0]).Select(p => frame.ToLonLat(p.X, p.Y)).ToArray();
        if (!StreetFurnitureGenerator.IsCounterClockwise(coordinates)) Array.Reverse(coordinates);
        var polygon = factory.CreatePolygon(coordinates);
        return polygon.IsValid ? polygon : null;
    }
}
