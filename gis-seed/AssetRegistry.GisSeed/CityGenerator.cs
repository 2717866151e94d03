using NetTopologySuite.Geometries;

namespace AssetRegistry.GisSeed;

/// <summary>
/// Generates the seed city deterministically: the same <c>scale</c> and districts always give byte-identical rows
/// (fixed random seeds, no clock, no hash-order iteration). Pure: no database.
/// </summary>
public static class CityGenerator
{
    /// <summary>Scale-1 counts per kind (Quanzhou central city, MISSION.md).</summary>
    public static readonly IReadOnlyDictionary<string, int> ScaleOneCounts = new Dictionary<string, int>
    {
        ["manholes"] = 120_000, ["sewer_segments"] = 120_000, ["streetlights"] = 80_000, ["bridges"] = 600,
        ["ancient_trees"] = 450, ["waterlogging_points"] = 150, ["parks"] = 400, ["residential_areas"] = 5_000,
    };

    /// <summary>Share of manholes on non-sewer networks (gas, power, telecom, water), which have no segments.</summary>
    public const double OtherNetworkShare = 0.015;

    /// <summary>The target row count of a kind at <paramref name="scale"/>: the scale-1 count × scale, rounded half
    /// away from zero, at least 1. Sewer segments are a target only: each network has one segment fewer than manholes.</summary>
    public static int TargetCount(string table, double scale) =>
        Math.Max(1, (int)Math.Round(ScaleOneCounts[table] * scale, MidpointRounding.AwayFromZero));

    /// <summary>
    /// Generates the city at <paramref name="scale"/> (1 = Quanzhou central city; fractions and multiples such as 0.05
    /// and 4 work) inside the central districts of <paramref name="districts"/> (WGS 84, SRID 4326, as returned by
    /// <see cref="DistrictLoader.ReadDistricts"/>). Ids run 1…N over the kinds in load order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">When <paramref name="scale"/> is not positive or above 20.</exception>
    public static SeedCity Generate(double scale, IReadOnlyList<(string Adcode, string Name, MultiPolygon Geometry)> districts)
    {
        if (!(scale > 0 && scale <= 20)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "Scale must be greater than 0 and at most 20.");
        var factory = new GeometryFactory(new PrecisionModel(), 4326);
        var frame = new LocalFrame(QuanzhouGeography.CentreLon, QuanzhouGeography.CentreLat);
        var region = new SeedRegion(districts);
        var rivers = new RiverSet(frame);

        var manholeCount = Math.Max(3, TargetCount("manholes", scale));
        var otherManholes = (int)Math.Round(manholeCount * OtherNetworkShare);
        var sewerManholes = manholeCount - otherManholes;
        var lightCount = TargetCount("streetlights", scale);

        var spacing = Math.Clamp(150 * Math.Pow(scale, -0.25), 95, 200);
        var targetLength = Math.Max(sewerManholes * 0.58 * 40, lightCount * 33.0);
        StreetGrid grid;
        SewerNetworkGenerator sewers;
        List<SewerNetworkGenerator.Forest> forests;
        for (var attempt = 0; ; attempt++)
        {
            grid = StreetGrid.Build(region, frame, rivers, targetLength, spacing, 20240430);
            sewers = new SewerNetworkGenerator(grid, frame, rivers, factory);
            forests = GrowForests(sewers, sewerManholes);
            if (forests.Count > 0 && grid.TotalLengthM >= lightCount * 30) break;
            if (attempt >= 12) throw new InvalidOperationException($"The central districts cannot hold a seed city at scale {scale}.");
            if (grid.TotalLengthM < targetLength * 0.98) spacing *= 0.85;
            targetLength *= 1.2;
        }

        var ids = new IdAllocator();
        var (manholes, segments) = sewers.BuildRows(forests, otherManholes, ids, new Random(1));
        var furniture = new StreetFurnitureGenerator(grid, frame, region, rivers, factory);
        var lights = furniture.Streetlights(lightCount, ids, new Random(2));
        var bridges = furniture.Bridges(TargetCount("bridges", scale), (int)Math.Round(scale, MidpointRounding.AwayFromZero), ids, new Random(3));
        var points = new PointAssetGenerator(grid, frame, region, factory);
        var trees = points.AncientTrees(TargetCount("ancient_trees", scale), ids, new Random(4));
        var waterlogging = points.WaterloggingPoints(TargetCount("waterlogging_points", scale), sewers.Sites, ids, new Random(5));
        var landUse = new LandUseGenerator(grid, frame, region, factory);
        var parks = landUse.Parks(TargetCount("parks", scale), ids, new Random(6));
        var residential = landUse.ResidentialAreas(TargetCount("residential_areas", scale), ids, new Random(7));
        var streets = grid.Edges.Select(e => new StreetRow(e.Name, e.RoadClass, e.District,
            factory.CreateLineString([frame.ToLonLat(grid.Nodes[e.A].X, grid.Nodes[e.A].Y), frame.ToLonLat(grid.Nodes[e.B].X, grid.Nodes[e.B].Y)]))).ToList();

        return new SeedCity
        {
            Manholes = manholes, SewerSegments = segments, Streetlights = lights, Bridges = bridges, AncientTrees = trees,
            WaterloggingPoints = waterlogging, Parks = parks, ResidentialAreas = residential, Streets = streets,
        };
    }

    /// <summary>Combined forest in the old town (up to 10 % of sewer manholes), the rest split between rain and sewage;
    /// empty when the streets cannot hold the budget.</summary>
    private static List<SewerNetworkGenerator.Forest> GrowForests(SewerNetworkGenerator sewers, int sewerManholes)
    {
        var (combinedSites, separateSites) = sewers.SiteCounts();
        var combined = Math.Min((int)Math.Round(sewerManholes * 0.10), combinedSites);
        var rain = (sewerManholes - combined + 1) / 2;
        var sewage = sewerManholes - combined - rain;
        if (rain > separateSites) return [];
        var result = new List<SewerNetworkGenerator.Forest>();
        foreach (var (system, budget) in new[] { ("combined", combined), ("rain", rain), ("sewage", sewage) })
        {
            if (budget == 0) continue;
            var forest = sewers.GrowForest(system, budget, QuanzhouGeography.TreatmentPlants);
            if (forest is null) return [];
            result.Add(forest);
        }
        return result;
    }
}
