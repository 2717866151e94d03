using NetTopologySuite.Algorithm;
using NetTopologySuite.Geometries;

namespace AssetRegistry.GisSeed;

/// <summary>Streetlights along the street grid and bridges: the named river crossings plus small canal bridges on streets.</summary>
internal sealed class StreetFurnitureGenerator(StreetGrid grid, LocalFrame frame, SeedRegion region, RiverSet rivers, GeometryFactory factory)
{
    private const double LightOffsetM = 8;

    /// <summary>Exactly <paramref name="count"/> streetlights (fewer only if the streets cannot hold them at 30 m).</summary>
    public List<StreetlightRow> Streetlights(int count, IdAllocator ids, Random rng)
    {
        var spacing = Math.Clamp(grid.TotalLengthM / Math.Max(1, count), 30, 40);
        var (kx, ky) = frame.ToPlane(QuanzhouGeography.KaiyuanLon, QuanzhouGeography.KaiyuanLat);
        var spots = new List<(double X, double Y, StreetEdge Edge, string RoadClass)>();
        foreach (var pass in new[] { 1, -1 })
        {
            foreach (var e in grid.Edges)
            {
                if (pass < 0 && spots.Count >= count) break;
                StreetNode a = grid.Nodes[e.A], b = grid.Nodes[e.B];
                double ux = (b.X - a.X) / e.LengthM, uy = (b.Y - a.Y) / e.LengthM;
                var roadClass = e.RoadClass == "branch" && (a.X - kx) * (a.X - kx) + (a.Y - ky) * (a.Y - ky) < 1000.0 * 1000.0 ? "back_lane" : e.RoadClass;
                for (var t = spacing / 2; t < e.LengthM; t += spacing)
                    spots.Add((a.X + ux * t - uy * LightOffsetM * pass, a.Y + uy * t + ux * LightOffsetM * pass, e, roadClass));
            }
            if (spots.Count >= count) break;
        }
        var rows = new List<StreetlightRow>(count);
        var take = Math.Min(count, spots.Count);
        for (var k = 0; k < take; k++)
        {
            var (x, y, edge, roadClass) = spots[(int)((long)k * spots.Count / take)];
            var point = factory.CreatePoint(frame.ToLonLat(x, y));
            var led = rng.NextDouble() < 0.88;
            var (hMin, hMax, ledW, hpsW) = roadClass switch
            {
                "arterial" => (11.0, 14.0, (150, 250), (250, 400)),
                "secondary" => (9.0, 12.0, (90, 150), (150, 250)),
                "branch" => (7.0, 9.0, (50, 90), (100, 150)),
                _ => (6.0, 7.0, (30, 60), (70, 100)),
            };
            var (wMin, wMax) = led ? ledW : hpsW;
            var id = ids.Next();
            var common = CommonFactory.Make(id, "SL", null, edge.District, rng, "泉州市路灯管理所", point, 2000);
            rows.Add(new StreetlightRow(common, Math.Round(hMin + rng.NextDouble() * (hMax - hMin), 1), led ? "led" : "hps",
                (int)Math.Round((wMin + rng.NextDouble() * (wMax - wMin)) / 10) * 10, $"HL-{edge.District}-{k / 30 + 1:D4}", roadClass,
                rng.NextDouble() < 0.02, new DateOnly(2023, 3, 1).AddDays(rng.Next(420))));
        }
        return rows;
    }

    /// <summary>Exactly <paramref name="count"/> bridges: named river bridges first, then small bridges on streets.
    /// <paramref name="gradeD"/> of the small bridges get condition grade D.</summary>
    public List<BridgeRow> Bridges(int count, int gradeD, IdAllocator ids, Random rng)
    {
        var rows = new List<BridgeRow>(count);
        foreach (var b in QuanzhouGeography.RiverBridges)
        {
            if (rows.Count >= count) break;
            var line = RiverCrossing(b.Lon, b.Lat, b.LengthM, out var district);
            if (line is null || district is null) continue;
            var id = ids.Next();
            var length = Math.Round(Geodesy.LengthMetres(line), 2);
            var grade = b.Structure == "stone_beam" ? "B" : SewerNetworkGenerator.Pick(rng, [("A", 50), ("B", 40), ("C", 10)]);
            var category = b.Structure is "cable_stayed" or "stone_beam" ? "I" : "II";
            var common = CommonFactory.Make(id, "BR", b.Name, district, "in_service", grade == "A" ? "good" : "fair",
                b.Year >= 1900 ? new DateOnly(b.Year, 10, 1) : null, "泉州市市政工程处", line);
            rows.Add(new BridgeRow(common, b.Structure, length, b.WidthM, b.Spans, Math.Round(length / b.Spans * 1.3, 1), category, "1", grade,
                Bci(grade, rng), b.River, b.Year, new DateOnly(2023, 4, 1).AddDays(rng.Next(200)), new DateOnly(2021, 6, 1).AddDays(rng.Next(700))));
        }
        var small = count - rows.Count;
        var order = Enumerable.Range(0, grid.Edges.Count).ToArray();
        rng.Shuffle(order);
        var dIndex = new HashSet<int>(Enumerable.Range(0, Math.Min(gradeD, small)).Select(k => small / 2 + k));
        var made = 0;
        foreach (var ei in order)
        {
            if (made >= small) break;
            var e = grid.Edges[ei];
            StreetNode a = grid.Nodes[e.A], b = grid.Nodes[e.B];
            var len = 10 + rng.NextDouble() * 35;
            if (len > e.LengthM * 0.6) len = e.LengthM * 0.6;
            var t = 0.3 + rng.NextDouble() * 0.4;
            double ux = (b.X - a.X) / e.LengthM, uy = (b.Y - a.Y) / e.LengthM;
            double cx = a.X + (b.X - a.X) * t, cy = a.Y + (b.Y - a.Y) * t;
            var line = factory.CreateLineString([frame.ToLonLat(cx - ux * len / 2, cy - uy * len / 2), frame.ToLonLat(cx + ux * len / 2, cy + uy * len / 2)]);
            var district = region.DistrictCovering(line);
            if (district is null) continue;
            var structure = SewerNetworkGenerator.Pick(rng, [("slab", 40), ("beam", 35), ("arch", 15), ("rigid_frame", 5), ("pedestrian", 5)]);
            var grade = dIndex.Contains(made) ? "D" : SewerNetworkGenerator.Pick(rng, [("A", 40), ("B", 45), ("C", 15)]);
            var category = e.RoadClass switch { "arterial" => "III", "secondary" => "IV", _ => "V" };
            var canal = QuanzhouGeography.Canals[rng.Next(QuanzhouGeography.Canals.Length)];
            var length = Math.Round(Geodesy.LengthMetres(line), 2);
            var spans = length < 16 ? 1 : length < 32 ? 2 : 3;
            var year = 1985 + rng.Next(36);
            var width = structure == "pedestrian" ? 3 + rng.NextDouble() * 3 : e.RoadClass switch { "arterial" => 30 + rng.NextDouble() * 20, "secondary" => 16 + rng.NextDouble() * 14, _ => 8 + rng.NextDouble() * 8 };
            var condition = grade switch { "A" => "good", "B" => "good", "C" => "fair", _ => "poor" };
            var id = ids.Next();
            var common = CommonFactory.Make(id, "BR", $"{e.Name}{canal}桥", district, "in_service", condition, new DateOnly(year, 1 + rng.Next(12), 1), "泉州市市政工程处", line);
            rows.Add(new BridgeRow(common, structure, length, Math.Round(width, 1), spans, Math.Round(length / spans, 1), category, category == "III" ? "2" : "3",
                grade, Bci(grade, rng), canal, year, new DateOnly(2023, 3, 1).AddDays(rng.Next(280)),
                category == "III" ? new DateOnly(2020, 5, 1).AddDays(rng.Next(1000)) : null));
            made++;
        }
        return rows;
    }

    private static double Bci(string grade, Random rng) => Math.Round(grade switch
    {
        "A" => 90 + rng.NextDouble() * 8,
        "B" => 80 + rng.NextDouble() * 9.9,
        "C" => 66 + rng.NextDouble() * 13.9,
        "D" => 50 + rng.NextDouble() * 15.9,
        _ => 30 + rng.NextDouble() * 19.9,
    }, 1);

    /// <summary>A 3-point deck axis across the nearest river, centred on it, shortened until it lies inside the districts
    /// and its interior vertex is clearly in one central district.</summary>
    private LineString? RiverCrossing(double lon, double lat, double lengthM, out string? district)
    {
        var (px, py) = frame.ToPlane(lon, lat);
        var p = new Point(px, py);
        LineString? river = null;
        var best = double.MaxValue;
        foreach (var r in rivers.Lines) { var d = r.Distance(p); if (d < best) { best = d; river = r; } }
        district = null;
        if (river is null) return null;
        var snapped = new NetTopologySuite.LinearReferencing.LengthIndexedLine(river);
        var at = snapped.Project(p.Coordinate);
        var c = snapped.ExtractPoint(at);
        var ahead = snapped.ExtractPoint(Math.Min(river.Length, at + 50));
        var behind = snapped.ExtractPoint(Math.Max(0, at - 50));
        double dx = ahead.X - behind.X, dy = ahead.Y - behind.Y, n = Math.Sqrt(dx * dx + dy * dy);
        double nx = -dy / n, ny = dx / n;
        for (var shrink = 1.0; shrink > 0.3; shrink *= 0.85)
        {
            var half = lengthM * shrink / 2;
            foreach (var f in new[] { 0.4, 0.6, 0.3, 0.7 })
            {
                var line = factory.CreateLineString([
                    frame.ToLonLat(c.X - nx * half, c.Y - ny * half),
                    frame.ToLonLat(c.X + nx * (2 * f - 1) * half, c.Y + ny * (2 * f - 1) * half),
                    frame.ToLonLat(c.X + nx * half, c.Y + ny * half)]);
                district = region.DistrictOfSpanning(line);
                if (district is not null) return line;
            }
        }
        return null;
    }

    /// <summary>True when the ring is counter-clockwise.</summary>
    internal static bool IsCounterClockwise(Coordinate[] ring) => Orientation.IsCCW(ring);
}
