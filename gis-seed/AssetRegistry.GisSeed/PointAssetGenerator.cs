using NetTopologySuite.Geometries;

namespace AssetRegistry.GisSeed;

/// <summary>Ancient trees (clustered in the old town around 开元寺) and waterlogging points (at the lowest street sites).</summary>
internal sealed class PointAssetGenerator(StreetGrid grid, LocalFrame frame, SeedRegion region, GeometryFactory factory)
{
    private static readonly (string Species, string Latin, int Weight, double GirthFactor)[] TreeSpecies =
    [
        ("榕树", "Ficus microcarpa", 40, 1.6), ("樟树", "Cinnamomum camphora", 18, 1.2), ("龙眼", "Dimocarpus longan", 15, 0.8),
        ("刺桐", "Erythrina variegata", 6, 0.9), ("荔枝", "Litchi chinensis", 7, 0.8), ("朴树", "Celtis sinensis", 6, 0.9),
        ("秋枫", "Bischofia javanica", 4, 1.0), ("芒果", "Mangifera indica", 4, 0.9),
    ];

    /// <summary>Exactly <paramref name="count"/> ancient trees; about 70 % within ~1.5 km of 开元寺.</summary>
    public List<AncientTreeRow> AncientTrees(int count, IdAllocator ids, Random rng)
    {
        var (kx, ky) = frame.ToPlane(QuanzhouGeography.KaiyuanLon, QuanzhouGeography.KaiyuanLat);
        var rows = new List<AncientTreeRow>(count);
        var attempts = 0;
        while (rows.Count < count && attempts++ < count * 200 + 1000)
        {
            double x, y;
            if (rows.Count == 0) { x = kx + 25; y = ky + 10; }
            else if (rng.NextDouble() < 0.7 || grid.Nodes.Count == 0)
            {
                var r = 700 * Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble()));
                var a = rng.NextDouble() * 2 * Math.PI;
                x = kx + r * Math.Cos(a); y = ky + r * Math.Sin(a);
            }
            else
            {
                var n = grid.Nodes[rng.Next(grid.Nodes.Count)];
                x = n.X + (rng.NextDouble() - 0.5) * grid.Spacing * 0.6;
                y = n.Y + (rng.NextDouble() - 0.5) * grid.Spacing * 0.6;
            }
            var coordinate = frame.ToLonLat(x, y);
            var district = region.DistrictOfPoint(coordinate);
            if (district is null) continue;
            var k = rows.Count;
            var (species, latin, _, girthFactor) = k == 0 ? TreeSpecies[3] : SewerNetworkGenerator.Pick(rng, TreeSpecies.Select(s => (s, s.Weight)).ToArray());
            var band = SewerNetworkGenerator.Pick(rng, [(0, 70), (1, 20), (2, 10)]);
            var age = k == 0 ? 700 : band switch { 0 => 100 + rng.Next(200), 1 => 300 + rng.Next(200), _ => 500 + (int)(700 * Math.Pow(rng.NextDouble(), 2)) };
            var grade = k == 0 || rng.NextDouble() < 0.02 ? "famous" : age >= 500 ? "grade_1" : age >= 300 ? "grade_2" : "grade_3";
            var vigour = SewerNetworkGenerator.Pick(rng, [("normal", 85), ("weak", 11), ("endangered", 3), ("dead", 1)]);
            var condition = vigour switch { "normal" => rng.NextDouble() < 0.7 ? "good" : "fair", "weak" => "poor", _ => "critical" };
            var girth = Math.Round(Math.Min(1500, (120 + age * 0.6 + rng.NextDouble() * 80) * girthFactor), 0);
            var height = Math.Round(Math.Min(35, 8 + age * 0.012 + rng.NextDouble() * 8), 1);
            var crown = Math.Round(Math.Min(45, 6 + age * 0.02 + rng.NextDouble() * 10), 1);
            var name = k == 0 ? "开元寺古刺桐" : $"{QuanzhouGeography.StreetNames[rng.Next(QuanzhouGeography.StreetNames.Length)]}古{species}";
            var id = ids.Next();
            var common = CommonFactory.Make(id, "AT", name, district, vigour == "dead" ? "retired" : "in_service", condition, null, "泉州市园林局", factory.CreatePoint(coordinate));
            rows.Add(new AncientTreeRow(common, species, latin, age, grade, $"QZGS-{district}-{k + 1:D4}", girth, height, crown, vigour));
        }
        return rows;
    }

    /// <summary>Exactly <paramref name="count"/> waterlogging points at the lowest street sites, at least 250 m apart
    /// where possible.</summary>
    public List<WaterloggingPointRow> WaterloggingPoints(int count, IReadOnlyList<SewerSite> sites, IdAllocator ids, Random rng)
    {
        var byLowness = Enumerable.Range(0, sites.Count).OrderBy(i => sites[i].TerrainM).ThenBy(i => i).ToList();
        var chosen = new List<int>();
        foreach (var separation in new[] { 250.0, 60.0, 0.0 })
        {
            foreach (var i in byLowness)
            {
                if (chosen.Count >= count) break;
                var s = sites[i];
                if (chosen.Any(j => j == i || (sites[j].X - s.X) * (sites[j].X - s.X) + (sites[j].Y - s.Y) * (sites[j].Y - s.Y) < separation * separation)) continue;
                chosen.Add(i);
            }
            if (chosen.Count >= count) break;
        }
        var pumps = QuanzhouGeography.PumpStations.Select(p => (p.Name, Plane: frame.ToPlane(p.Lon, p.Lat))).ToList();
        var rows = new List<WaterloggingPointRow>(count);
        foreach (var i in chosen)
        {
            var s = sites[i];
            var coordinate = frame.ToLonLat(s.X - 6, s.Y + 5);
            var rank = (double)rows.Count / Math.Max(1, chosen.Count);
            var risk = rank < 0.3 ? "high" : rank < 0.7 ? "medium" : "low";
            var depth = risk switch { "high" => 40 + rng.NextDouble() * 40, "medium" => 25 + rng.NextDouble() * 25, _ => 15 + rng.NextDouble() * 15 };
            var cause = s.RiverDistanceM < 400
                ? SewerNetworkGenerator.Pick(rng, [("outfall_backwater", 45), ("low_lying", 45), ("blocked_inlets", 10)])
                : SewerNetworkGenerator.Pick(rng, [("insufficient_capacity", 40), ("low_lying", 25), ("blocked_inlets", 20), ("construction", 10), ("other", 5)]);
            var pump = pumps.OrderBy(p => (p.Plane.X - s.X) * (p.Plane.X - s.X) + (p.Plane.Y - s.Y) * (p.Plane.Y - s.Y)).First().Name;
            var underpass = rng.NextDouble() < 0.2;
            var id = ids.Next();
            var common = CommonFactory.Make(id, "WL", underpass ? $"{s.StreetName}下穿通道" : $"{s.StreetName}低洼路段", s.District, "in_service",
                risk == "high" ? "poor" : "fair", null, "泉州市城市管理局", factory.CreatePoint(coordinate));
            rows.Add(new WaterloggingPointRow(common, Math.Round(depth, 0), (int)Math.Round(depth * (1.5 + rng.NextDouble() * 1.5)),
                Math.Round(30 + rng.NextDouble() * 50, 1), cause, risk, pump,
                SewerNetworkGenerator.Pick(rng, [("treated", 55), ("open", 35), ("in_progress", 10)]), $"{region.DistrictName(s.District)}城市管理局"));
        }
        return rows;
    }
}
