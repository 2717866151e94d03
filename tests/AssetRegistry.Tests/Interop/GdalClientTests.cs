using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Users;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Interop;

/// <summary>
/// GDAL's OGC API – Features driver (OAPIF, GDAL 3.6, the library under QGIS) as a real client of the app on a
/// loopback port: it lists the collections, filters on the server, pages through next links and copies a
/// collection to a GeoPackage, each checked against what the database holds. Credentials go in as a GIS user
/// gives them: the GDAL_HTTP_AUTH and GDAL_HTTP_USERPWD config options.
/// </summary>
public sealed class GdalClientTests(RegistryFixture fixture, LoopbackRegistryApp app) : RegistryTest(fixture), IClassFixture<LoopbackRegistryApp>
{
    /// <summary>Longer than any one GDAL call here takes on a loaded two-core machine; a hang fails the test.</summary>
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromMinutes(2);

    /// <summary>More than GDAL's default page of 10, so reading them all follows next links.</summary>
    private const int ManholeCount = 23;

    /// <summary>Degrees: the server writes 7 decimals (about 1 cm), so a copy may differ from the stored value by half of that.</summary>
    private const double CoordinateTolerance = 1e-7;

    private string Source => $"OAPIF:{app.BaseUrl}/ogc";

    /// <summary>Features of every kind in 丰泽区, with coordinates finer than the 7 decimals the API writes and
    /// Chinese names; manholes alternate between rain and sewage.</summary>
    private async Task SeedEveryKindAsync()
    {
        var c = Fixture.Client();
        var (x, y) = (Fengze.Lon + 0.000012345678, Fengze.Lat + 0.000098765432);
        for (var i = 0; i < ManholeCount; i++)
            await c.CreateAsync("manholes", Feature(Point(x + i * 0.00031, y), new() { ["network"] = i % 2 == 0 ? "rain" : "sewage", ["name"] = $"东街{i}号井" }));
        for (var i = 0; i < 3; i++)
        {
            var (lx, ly) = (x + i * 0.0031, y + 0.002);
            await c.CreateAsync("streetlights", Feature(Point(lx, ly), new() { ["lamp_type"] = "led", ["wattage_w"] = 120, ["pole_height_m"] = 10.0, ["name"] = $"刺桐路灯{i}" }));
            await c.CreateAsync("bridges", Feature(Line((lx, ly + 0.001), (lx + 0.001, ly + 0.0012)), new() { ["structure_type"] = "beam", ["condition_grade"] = "B", ["name"] = $"顺济桥{i}" }));
            await c.CreateAsync("ancient_trees", Feature(Point(lx, ly + 0.003), new() { ["species"] = "榕树", ["estimated_age_years"] = 320 + i, ["protection_grade"] = "grade_2", ["name"] = $"古榕{i}" }));
            await c.CreateAsync("waterlogging_points", Feature(Point(lx, ly + 0.004), new() { ["risk_level"] = "high", ["remediation_status"] = "open", ["max_depth_cm"] = 35.0, ["name"] = $"积水点{i}" }));
            await c.CreateAsync("parks", Feature(Square(lx, ly + 0.005, 0.001), new() { ["park_class"] = "pocket", ["name"] = $"口袋公园{i}" }));
            await c.CreateAsync("residential_areas", Feature(Square(lx, ly + 0.007, 0.002), new() { ["population"] = 1200 + i, ["name"] = $"东湖小区{i}" }));
            var (sx, sy) = (lx, ly + 0.0105);
            var up = await c.CreateAsync("manholes", Feature(Point(sx, sy), new() { ["network"] = "sewage" }));
            var down = await c.CreateAsync("manholes", Feature(Point(sx + 0.0004, sy), new() { ["network"] = "sewage" }));
            await c.CreateAsync("sewer_segments", Feature(Line((sx, sy), (sx + 0.0004, sy)), new()
            {
                ["upstream_manhole_id"] = up.Id, ["downstream_manhole_id"] = down.Id, ["system"] = "sewage",
                ["diameter_mm"] = 400, ["upstream_invert_m"] = 3.2, ["downstream_invert_m"] = 3.0, ["name"] = $"污水管{i}",
            }));
        }
    }

    private sealed record GdalRun(int ExitCode, string Output, string Error);

    /// <summary>Runs a GDAL program with the viewer's Basic credentials (or none), failing the test on a timeout.</summary>
    private static async Task<GdalRun> RunAsync(string program, IEnumerable<string> arguments, string? role = Roles.Viewer)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment.Remove("GDAL_HTTP_AUTH");
        start.Environment.Remove("GDAL_HTTP_USERPWD");
        if (role is not null)
        {
            start.Environment["GDAL_HTTP_AUTH"] = "BASIC";
            start.Environment["GDAL_HTTP_USERPWD"] = $"t_{role}:{RegistryFixture.Password}";
        }
        start.Environment["GDAL_HTTP_TIMEOUT"] = "60";
        start.Environment["CPL_DEBUG"] = "OFF";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', start.ArgumentList)} did not finish within {ProcessTimeout}.");
        }
        return new GdalRun(process.ExitCode, await output, await error);
    }

    private static int FeatureCount(string ogrinfoOutput, string layer) =>
        Regex.Matches(ogrinfoOutput, $@"^OGRFeature\({Regex.Escape(layer)}\):\d+$", RegexOptions.Multiline).Count;

    [Fact]
    public async Task OgrInfo_ListsEveryAssetKindAsALayer()
    {
        await SeedEveryKindAsync();
        var run = await RunAsync("ogrinfo", ["-ro", Source]);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("using driver `OAPIF' successful", run.Output);
        foreach (var kind in AssetKinds.All)
            Assert.Matches(new Regex($@"^\d+: {Regex.Escape(kind.CollectionId)} \(title: {Regex.Escape(kind.TitleZh)}\)", RegexOptions.Multiline), run.Output);
    }

    [Fact]
    public async Task OgrInfo_WhereOnAnAttribute_ReadsTheSameFeaturesAsTheDatabase()
    {
        await SeedEveryKindAsync();
        var run = await RunAsync("ogrinfo", ["-ro", "-al", "-q", Source, "manholes", "-where", "network = 'sewage'"]);
        Assert.True(run.ExitCode == 0, run.Error);
        var expected = await Fixture.ScalarAsync<long>("select count(*) from manholes where network = $1", "sewage");
        Assert.True(expected > 10, "the filter should match more than one GDAL page");
        Assert.Equal(expected, FeatureCount(run.Output, "manholes"));
        Assert.DoesNotContain("network (String) = rain", run.Output);

        var byName = await RunAsync("ogrinfo", ["-ro", "-al", "-q", Source, "manholes", "-where", "name = '东街7号井'"]);
        Assert.True(byName.ExitCode == 0, byName.Error);
        Assert.Equal(1, FeatureCount(byName.Output, "manholes"));
        Assert.Contains("name (String) = 东街7号井", byName.Output);
    }

    [Fact]
    public async Task OgrInfo_SpatialFilter_CountsTheSameAsTheDatabase()
    {
        await SeedEveryKindAsync();
        double[] box = [Fengze.Lon, Fengze.Lat, Fengze.Lon + 0.0031, Fengze.Lat + 0.001];
        var run = await RunAsync("ogrinfo", ["-ro", "-al", "-q", Source, "manholes", "-spat", .. box.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.True(run.ExitCode == 0, run.Error);
        await using var cmd = Fixture.Db.CreateCommand("select count(*) from manholes where ST_Intersects(geometry, ST_MakeEnvelope($1, $2, $3, $4, 4326))");
        foreach (var v in box) cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = v });
        var expected = (long)(await cmd.ExecuteScalarAsync())!;
        Assert.InRange(expected, 2, ManholeCount - 1);
        Assert.Equal(expected, FeatureCount(run.Output, "manholes"));
    }

    public static TheoryData<string> Kinds => new(AssetKinds.All.Select(k => k.CollectionId));

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Ogr2Ogr_CopiesACollectionToGeoPackage_WithTheDatabasesGeometriesAndChineseNames(string collection)
    {
        await SeedEveryKindAsync();
        var directory = Directory.CreateTempSubdirectory("ogcdoc-gdal-");
        try
        {
            var gpkg = Path.Combine(directory.FullName, "out.gpkg");
            var copy = await RunAsync("ogr2ogr", ["-f", "GPKG", gpkg, Source, collection]);
            Assert.True(copy.ExitCode == 0, copy.Error);

            // Read the GeoPackage back as GeoJSON (no network: the file alone).
            var read = await RunAsync("ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", gpkg, collection], role: null);
            Assert.True(read.ExitCode == 0, read.Error);
            var copied = JsonNode.Parse(read.Output)!["features"]!.AsArray()
                .ToDictionary(f => f!["properties"]!["code"]!.GetValue<string>(), f => f!.AsObject());

            var stored = await StoredAsync(collection);
            Assert.True(stored.Count >= 3, $"{collection}: seeded {stored.Count}");
            Assert.Equal(stored.Count, copied.Count);
            foreach (var (code, (name, geometry)) in stored)
            {
                Assert.True(copied.TryGetValue(code, out var feature), $"{code} was not copied");
                Assert.Equal(name, feature["properties"]!["name"]?.GetValue<string>());
                AssertSameCoordinates(code, geometry, feature["geometry"]!);
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Each stored feature's name and geometry at full precision, by code.</summary>
    private async Task<Dictionary<string, (string? Name, JsonNode Geometry)>> StoredAsync(string collection)
    {
        var kind = AssetKinds.Find(collection)!;
        await using var cmd = Fixture.Db.CreateCommand($"select code, name, ST_AsGeoJSON(geometry, 15) from {kind.Table}");
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new Dictionary<string, (string?, JsonNode)>();
        while (await reader.ReadAsync())
            rows[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), JsonNode.Parse(reader.GetString(2))!);
        return rows;
    }

    private static void AssertSameCoordinates(string code, JsonNode stored, JsonNode copied)
    {
        Assert.Equal(stored["type"]!.GetValue<string>(), copied["type"]!.GetValue<string>());
        var expected = Flatten(stored["coordinates"]!).ToList();
        var actual = Flatten(copied["coordinates"]!).ToList();
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= CoordinateTolerance,
                $"{code}: coordinate {i} is {actual[i]:R} in the GeoPackage, {expected[i]:R} in the database");
    }

    private static IEnumerable<double> Flatten(JsonNode node) =>
        node is JsonArray a ? a.SelectMany(n => Flatten(n!)) : [node.GetValue<double>()];

    [Fact]
    public async Task OgrInfo_WithoutCredentials_IsRefusedWith401()
    {
        var run = await RunAsync("ogrinfo", ["-ro", Source], role: null);
        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("401", run.Error);
    }
}
