using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Interchange;

/// <summary>
/// Export, empty the registry, import the file back: every feature returns with the same code, every attribute
/// with the same value (Chinese text, quotes, commas included) and every geometry within 1e-7° of where it was,
/// per format and per CRS. District, area and length are derived again on the way in and must agree too.
/// </summary>
public sealed class RoundTripTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    /// <summary>Degrees: the exports keep at least 7 decimals (or millimetres), which is 1e-7° after transforming back.</summary>
    private const double DegreeTolerance = 2e-7;

    /// <summary>Everything the user entered or the registry derived, without what each write sets anew (id,
    /// version, who and when), as one comparable text per feature keyed by code.</summary>
    private async Task<Dictionary<string, (string Attributes, string Wkt)>> SnapshotAsync(string table)
    {
        var rows = new Dictionary<string, (string, string)>();
        await using var cmd = Fixture.Db.CreateCommand(
            $"select code, (to_jsonb(t) - 'id' - 'geometry' - 'version' - 'created_at' - 'created_by' - 'updated_at' - 'updated_by')::text, ST_AsText(geometry) from {table} t order by code");
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows[reader.GetString(0)] = (reader.GetString(1), reader.GetString(2));
        return rows;
    }

    private async Task SeedAsync()
    {
        var c = Fixture.Client();
        await c.CreateAsync("manholes", Feature(Point(Licheng.Lon, Licheng.Lat), new()
        {
            ["network"] = "sewage", ["name"] = "泉州市鲤城区", ["owner"] = "泉州市鲤城区\"城管局\", 排水科", ["cover_material"] = "ductile_iron",
            ["cover_diameter_mm"] = 700, ["depth_m"] = 2.345, ["has_anti_fall_net"] = true, ["smart_sensor_id"] = "00123", ["install_date"] = "2019-05-01",
        }));
        await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain", ["name"] = "丰泽区 东湖井" }));
        await c.CreateAsync("manholes", Feature(Point(Fengze.Lon + 0.00123456, Fengze.Lat + 0.00098765), new() { ["network"] = "combined" }));
        await c.CreateAsync("parks", Feature(Square(Fengze.Lon, Fengze.Lat, 0.001), new() { ["park_class"] = "pocket", ["name"] = "丰泽区口袋公园" }));
        await c.CreateAsync("parks", Feature(Square(Licheng.Lon, Licheng.Lat, 0.002), new() { ["park_class"] = "community", ["name"] = "鲤城区\"中山\"公园, 北区" }));
    }

    public static TheoryData<string, string, string> Cases()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var collection in new[] { "manholes", "parks" })
            foreach (var format in new[] { "geojson", "shapefile", "geopackage", "csv" })
                foreach (var crs in new[] { "CRS84", "EPSG:4490", "EPSG:4549" })
                    data.Add(collection, format, crs);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task ExportThenImportIntoAnEmptyRegistry_GivesBackEveryFeatureAttributeAndGeometry(string collection, string format, string crs)
    {
        await SeedAsync();
        var before = await SnapshotAsync(collection);
        Assert.NotEmpty(before);
        var client = Fixture.Client();

        var export = await client.GetAsync($"/api/exports/{collection}?format={format}&crs={Uri.EscapeDataString(crs)}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var file = await export.Content.ReadAsByteArrayAsync();

        await Fixture.ResetAsync();
        Assert.Equal(0L, await Fixture.ScalarAsync<long>($"select count(*) from {collection}"));

        // A CSV does not say its CRS: the person importing declares it, as they would for a survey file.
        var fields = format == "csv" ? new[] { ("crs", crs) } : [];
        var extension = format switch { "shapefile" => "zip", "geopackage" => "gpkg", _ => format };
        var run = await UploadAsync(client, $"{collection}.{extension}", file, collection, fields);
        run = await client.WaitForImportAsync(Id(run), "validated");
        Assert.True(run["rowsRefused"]!.GetValue<long>() == 0,
            (await (await client.GetAsync($"/api/imports/{Id(run)}/refusals")).Content.ReadAsStringAsync()));
        var commit = await client.PostAsJsonAsync($"/api/imports/{Id(run)}/commit", new { mode = "all-or-nothing" });
        Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        run = await client.WaitForImportAsync(Id(run), "done");
        Assert.Equal(before.Count, run["rowsInserted"]!.GetValue<long>());

        var after = await SnapshotAsync(collection);
        Assert.Equal(before.Keys, after.Keys);
        foreach (var (code, (attributes, wkt)) in before)
        {
            Assert.Equal(Normalise(attributes), Normalise(after[code].Attributes));
            var distance = await Fixture.ScalarAsync<double>(
                "select ST_HausdorffDistance(ST_GeomFromText($1), ST_GeomFromText($2))", wkt, after[code].Wkt);
            Assert.True(distance < DegreeTolerance, $"{code}: moved {distance}° ({wkt} → {after[code].Wkt})");
        }
    }

    public static TheoryData<string, string> ReimportCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var format in new[] { "geojson", "shapefile", "geopackage", "csv" })
            foreach (var crs in new[] { "CRS84", "EPSG:4549" })
                data.Add(format, crs);
        return data;
    }

    /// <summary>
    /// The round trip a survey contractor makes: the bureau exports, the contractor sends the file back, and it is
    /// imported again with match on code and a mapping that ignores a field. What the file does not carry keeps
    /// what was stored meanwhile, an asset the file gives back as stored (to the export's precision, also through
    /// a projected CRS) is left alone, and one whose stored value differs from the file's is updated.
    /// </summary>
    [Theory]
    [MemberData(nameof(ReimportCases))]
    public async Task ExportThenReimportWithMatchOnCodeAndAnIgnoredField_KeepsItUpdatesWhatDiffersAndLeavesTheRestAlone(string format, string crs)
    {
        await SeedAsync();
        var client = Fixture.Client();
        var export = await client.GetAsync($"/api/exports/manholes?format={format}&crs={Uri.EscapeDataString(crs)}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var file = await export.Content.ReadAsByteArrayAsync();
        var codes = (await SnapshotAsync("manholes")).Keys.ToList();
        Assert.Equal(3, codes.Count);
        // Since the export: the first manhole's owner was changed (the file's owner field is ignored on the way
        // back), the second's name (the file gives the old one, which is restored).
        Assert.Equal(1, await Fixture.ExecuteAsync("update manholes set owner = '丰泽区城管局', version = version + 1 where code = $1", codes[0]));
        Assert.Equal(1, await Fixture.ExecuteAsync("update manholes set name = '改过的名称', version = version + 1 where code = $1", codes[1]));
        var before = await SnapshotAsync("manholes");

        var fields = new List<(string, string)> { ("matchOnCode", "true"), ("mapping", """{"owner":""}""") };
        if (format == "csv") fields.Add(("crs", crs));
        var extension = format switch { "shapefile" => "zip", "geopackage" => "gpkg", _ => format };
        var run = await UploadAsync(client, $"manholes.{extension}", file, "manholes", fields.ToArray());
        run = await client.WaitForImportAsync(Id(run), "validated");
        Assert.Equal(0, run["rowsRefused"]!.GetValue<long>());
        Assert.Equal(2, run["rowsUnchanged"]!.GetValue<long>());
        var commit = await client.PostAsJsonAsync($"/api/imports/{Id(run)}/commit", new { mode = "all-or-nothing" });
        Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        run = await client.WaitForImportAsync(Id(run), "done");
        Assert.Equal(1, run["rowsUpdated"]!.GetValue<long>());
        Assert.Equal(0, run["rowsInserted"]!.GetValue<long>());

        var after = await SnapshotAsync("manholes");
        Assert.Equal(before[codes[0]], after[codes[0]]);
        Assert.Equal("丰泽区城管局", await Fixture.ScalarAsync<string>("select owner from manholes where code = $1", codes[0]));
        Assert.Equal(before[codes[2]], after[codes[2]]);
        var restored = JsonNode.Parse(after[codes[1]].Attributes)!;
        Assert.NotEqual("改过的名称", restored["name"]?.GetValue<string>());
        Assert.Equal(JsonNode.Parse(before[codes[1]].Attributes)!["owner"]?.ToJsonString(), restored["owner"]?.ToJsonString());
        // Updated for its name, it keeps its stored coordinates exactly (not the file's, a projection's rounding off).
        Assert.Equal(before[codes[1]].Wkt, after[codes[1]].Wkt);
    }

    /// <summary>Derived measures (area in m², length) are recomputed from the transformed geometry: equal to 1 cm².</summary>
    private static string Normalise(string json)
    {
        var node = JsonNode.Parse(json)!.AsObject();
        foreach (var key in node.Select(p => p.Key).ToList())
            if (node[key] is JsonValue v && v.TryGetValue<double>(out var d) && key is "area_m2" or "length_m")
                node[key] = Math.Round(d, 2);
        return node.ToJsonString();
    }

    private static async Task<JsonObject> UploadAsync(HttpClient client, string fileName, byte[] content, string collection,
        (string Name, string Value)[] fields)
    {
        var response = await client.UploadImportAsync(fileName, content, collection, fields);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static long Id(JsonObject run) => run["id"]!.GetValue<long>();
}
