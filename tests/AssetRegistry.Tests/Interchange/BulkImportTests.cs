using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Imports;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Interchange;

/// <summary>
/// What a large import does differently from a small one, and that it comes to the same registry: districts of
/// WGS 84 points found while reading (the SQL rule, boundaries included), indexes and foreign keys rebuilt when an
/// import at least doubles a table, and history rows that point at the asset instead of copying it.
/// </summary>
public sealed class BulkImportTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    /// <summary>Imports <paramref name="csv"/> through the API and returns the finished run.</summary>
    private async Task<JsonObject> ImportCsvAsync(string csv, params (string Name, string Value)[] fields)
    {
        var client = Fixture.Client();
        var response = await client.UploadImportAsync("points.csv", Encoding.UTF8.GetBytes(csv), "streetlights", fields);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.JsonAsync())["id"]!.GetValue<long>();
        var run = await client.WaitForImportAsync(id, "validated", "failed");
        Assert.Equal("validated", run["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/imports/{id}/commit", new { mode = "valid-rows" })).StatusCode);
        return await client.WaitForImportAsync(id, "done");
    }

    private async Task<List<string>> RowsAsync(string sql)
    {
        await using var cmd = Fixture.Db.CreateCommand(sql);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync()) rows.Add(reader.GetString(0));
        return rows;
    }

    /// <summary>A vertex of one district's outline that also touches a district with a higher adcode: on the
    /// shared boundary, so both districts hold it and the rule gives it the lower.</summary>
    private async Task<(double Lon, double Lat, string Lower)> SharedBoundaryVertexAsync()
    {
        await using var cmd = Fixture.Db.CreateCommand("""
            select ST_X(p.geom), ST_Y(p.geom), a.adcode
            from districts a cross join lateral ST_DumpPoints(a.geometry) p
            join districts b on b.adcode > a.adcode and ST_Intersects(b.geometry, p.geom)
            order by a.adcode, p.path limit 1
            """);
        await using var reader = await cmd.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "the seed districts share a boundary vertex");
        return (reader.GetDouble(0), reader.GetDouble(1), reader.GetString(2));
    }

    [Fact]
    public async Task PointsInWgs84_GetTheSameDistrictsAndRefusalsAsTheSqlRule()
    {
        // A grid over the city's bounding box and beyond, plus a point on a shared boundary: in WGS 84 the districts
        // are found while reading; declared as CGCS2000 (EPSG:4490, the same numbers) PostGIS finds them.
        var (bLon, bLat, lower) = await SharedBoundaryVertexAsync();
        var csv = new StringBuilder("code,lamp_type,longitude,latitude\n");
        var n = 0;
        for (var lon = 117.3; lon <= 119.4; lon += 0.07)
            for (var lat = 24.3; lat <= 25.9; lat += 0.07)
                csv.Append(CultureInfo.InvariantCulture, $"G-{++n:D4},led,{lon:0.######},{lat:0.######}\n");
        csv.Append(CultureInfo.InvariantCulture, $"B-0001,led,{bLon:R},{bLat:R}\n");

        var inMemory = await ImportCsvAsync(csv.ToString());
        var byLocator = await RowsAsync("select code || ' ' || district from streetlights order by code");
        await Fixture.ResetAsync();
        var inSql = await ImportCsvAsync(csv.ToString(), ("crs", "EPSG:4490"));
        var bySql = await RowsAsync("select code || ' ' || district from streetlights order by code");

        Assert.Contains($"B-0001 {lower}", byLocator);
        Assert.True(byLocator.Count > 100, $"{byLocator.Count} points inside the city");
        Assert.True(inMemory["rowsRefused"]!.GetValue<long>() > 100, "points outside the city are refused");
        Assert.Equal(bySql, byLocator);
        Assert.Equal(inSql["rowsRefused"]!.GetValue<long>(), inMemory["rowsRefused"]!.GetValue<long>());
    }

    /// <summary>Every index (the primary key's too) and foreign key of streetlights with its object id: one made
    /// again has a new one.</summary>
    private Task<List<string>> IndexesAndKeysAsync() => RowsAsync(TableCatalog.IndexesAndKeys("streetlights"));

    private static string WithoutOid(string row) => row[(row.IndexOf(' ') + 1)..];

    /// <summary>Runs one import of <paramref name="csv"/> through the pipeline with <paramref name="rebuildFrom"/>
    /// as the rebuild threshold, <paramref name="meanwhile"/> between the dry run and the commit; returns the run.</summary>
    private async Task<ImportRun> ImportWithPipelineAsync(string csv, int rebuildFrom, Func<Task>? meanwhile = null)
    {
        var file = Path.Combine(Path.GetTempPath(), $"bulk-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv);
        var pipeline = new ImportPipeline(Fixture.Db, new ImportSettings { RebuildIndexesFromRows = rebuildFrom }, new RegistryRules(), TimeProvider.System);
        var runs = new ImportRuns(Fixture.Db);
        var id = await runs.CreateAsync("streetlights", "csv", "bulk.csv", file, null, false, false, null, "t_engineer", DateTimeOffset.UtcNow, default);
        await pipeline.ValidateAsync(id, default);
        if (meanwhile is not null) await meanwhile();
        Assert.True(await runs.TransitionAsync(id, [ImportStatus.Validated], ImportStatus.Importing, CommitMode.AllOrNothing, default));
        await pipeline.CommitAsync(id, "t_engineer", default);
        if (File.Exists(file)) File.Delete(file);
        return (await runs.FindAsync(id, default))!;
    }

    private static string Streetlights(string prefix, int count)
    {
        var csv = new StringBuilder("code,lamp_type,longitude,latitude\n");
        for (var i = 0; i < count; i++)
            csv.Append(CultureInfo.InvariantCulture, $"{prefix}-{i:D3},led,{118.60 + i * 0.001:0.###},24.90\n");
        return csv.ToString();
    }

    [Fact]
    public async Task CodesRepeatedFarApartInALargeFile_EveryLaterRowIsRefusedNamingTheFirst()
    {
        // 3,000 rows; one code on rows 4, 1,500 and 3,000, another on rows 200 and 201. The dry run flags repeats
        // while reading (CodeSightings) and checks only the flagged codes in SQL: each later row must still be
        // found, and named against the first row of its code, not against the row before it.
        var csv = new StringBuilder("code,lamp_type,longitude,latitude\n");
        for (var row = 1; row <= 3_000; row++)
        {
            var code = row switch { 4 or 1_500 or 3_000 => "SL-R-TWICE", 200 or 201 => "SL-R-PAIR", _ => $"SL-R-{row:D4}" };
            csv.Append(CultureInfo.InvariantCulture, $"{code},led,{118.58 + row * 0.00002:0.#####},24.90\n");
        }
        var file = Path.Combine(Path.GetTempPath(), $"bulk-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, csv.ToString());
        var runs = new ImportRuns(Fixture.Db);
        var id = await runs.CreateAsync("streetlights", "csv", "repeats.csv", file, null, false, false, null, "t_engineer", DateTimeOffset.UtcNow, default);
        await new ImportPipeline(Fixture.Db, new ImportSettings(), new RegistryRules(), TimeProvider.System).ValidateAsync(id, default);
        File.Delete(file);

        var refusals = await RowsAsync($"select row_number || ' ' || field || ' ' || reason_en from import_refusals where run_id = {id} order by row_number");
        Assert.Equal([
            "201 code The code SL-R-PAIR is also on row 200 of the file.",
            "1500 code The code SL-R-TWICE is also on row 4 of the file.",
            "3000 code The code SL-R-TWICE is also on row 4 of the file.",
        ], refusals);
        var run = (await runs.FindAsync(id, default))!;
        Assert.Equal(ImportStatus.Validated, run.Status);
        Assert.Equal(3L, run.RowsRefused);
    }

    [Fact]
    public async Task AnImportThatAtLeastDoublesTheTable_RebuildsItsIndexesAndKeysAsTheyWere()
    {
        var before = await IndexesAndKeysAsync();

        var run = await ImportWithPipelineAsync(Streetlights("SL-B", 5), rebuildFrom: 3);

        Assert.Equal(ImportStatus.Done, run.Status);
        Assert.Equal(5L, await Fixture.ScalarAsync<long>("select count(*) from streetlights"));
        var after = await IndexesAndKeysAsync();
        Assert.Equal(before.Select(WithoutOid).Order(), after.Select(WithoutOid).Order());
        Assert.Empty(before.Intersect(after)); // each one made again: new object ids
        Assert.All(after, r => Assert.DoesNotContain("valid=false", r));
        // The rebuilt unique index still refuses a taken code.
        var taken = await Fixture.Client().PostAsync("streetlights", Feature(Point(118.61, 24.9), new JsonObject { ["code"] = "SL-B-001", ["lamp_type"] = "led" }));
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
    }

    [Fact]
    public async Task AnImportSmallerThanTheTable_LeavesItsIndexesInPlace()
    {
        await ImportWithPipelineAsync(Streetlights("SL-A", 6), rebuildFrom: 0);
        var before = await IndexesAndKeysAsync();

        var run = await ImportWithPipelineAsync(Streetlights("SL-C", 4), rebuildFrom: 3);

        Assert.Equal(ImportStatus.Done, run.Status);
        Assert.Equal(10L, await Fixture.ScalarAsync<long>("select count(*) from streetlights"));
        Assert.Equal(before, await IndexesAndKeysAsync()); // same object ids: nothing was dropped
    }

    [Fact]
    public async Task ARebuildThatFindsACodeTakenSinceTheDryRun_ImportsNothingAndKeepsTheIndexes()
    {
        var before = await IndexesAndKeysAsync();

        // Between the dry run and the commit, an engineer stores one of the file's codes.
        var run = await ImportWithPipelineAsync(Streetlights("SL-D", 5), rebuildFrom: 3, meanwhile: () => Fixture.Client().CreateAsync("streetlights",
            Feature(Point(118.61, 24.9), new JsonObject { ["code"] = "SL-D-002", ["lamp_type"] = "led" })));

        Assert.Equal(ImportStatus.Failed, run.Status);
        Assert.Contains("changed since the dry run", run.Error!.En);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from streetlights"));
        Assert.Equal(before, await IndexesAndKeysAsync());
    }

    [Fact]
    public async Task ACopyThatMeetsACodeTakenSinceTheDryRun_ImportsNothingAndSaysWhy()
    {
        // No rebuild: the unique index is in place, so the commit's COPY itself meets the taken code, mid-stream.
        var run = await ImportWithPipelineAsync(Streetlights("SL-E", 5), rebuildFrom: 0, meanwhile: () => Fixture.Client().CreateAsync("streetlights",
            Feature(Point(118.61, 24.9), new JsonObject { ["code"] = "SL-E-003", ["lamp_type"] = "led" })));

        Assert.Equal(ImportStatus.Failed, run.Status);
        Assert.Contains("changed since the dry run", run.Error!.En);
        Assert.Equal(["SL-E-003"], await RowsAsync("select code from streetlights"));
        // The pool's connections came back usable: the next import goes through.
        Assert.Equal(ImportStatus.Done, (await ImportWithPipelineAsync(Streetlights("SL-F", 3), rebuildFrom: 0)).Status);
        Assert.Equal(4L, await Fixture.ScalarAsync<long>("select count(*) from streetlights"));
    }

    [Fact]
    public async Task AnImportedAssetsHistory_ShowsWhatItWasImportedWith_BeforeAndAfterALaterEdit()
    {
        await ImportCsvAsync("code,name,lamp_type,wattage_w,longitude,latitude\nSL-H-001,东街灯,led,120,118.6757,24.8744\nSL-H-002,西街灯,led,90,118.5857,24.9144\n");
        var id = await Fixture.ScalarAsync<long>("select id from streetlights where code = 'SL-H-001'");
        var other = await Fixture.ScalarAsync<long>("select id from streetlights where code = 'SL-H-002'");
        var client = Fixture.Client();

        static JsonNode ImportEntry(JsonObject history) =>
            Assert.Single(history["changes"]!.AsArray(), c => c!["operation"]!.GetValue<string>() == "import")!;
        static string? Wattage(JsonNode entry) => entry["changes"]!.AsArray()
            .SingleOrDefault(c => c!["property"]!.GetValue<string>() == "wattage_w")?["after"]?.ToJsonString();

        var history = await (await client.GetAsync($"/api/assets/{id}/history")).JsonAsync();
        Assert.Equal("120", Wattage(ImportEntry(history)));
        Assert.Equal("SL-H-001", ImportEntry(history)["after"]!["properties"]!["code"]!.GetValue<string>());
        Assert.Equal(id, ImportEntry(history)["assetId"]!.GetValue<long>());
        // The import's one history row serves each asset it inserted.
        var otherHistory = await (await client.GetAsync($"/api/assets/{other}/history")).JsonAsync();
        Assert.Equal(other, ImportEntry(otherHistory)["assetId"]!.GetValue<long>());
        Assert.Equal("90", Wattage(ImportEntry(otherHistory)));
        Assert.Equal(ImportEntry(history)["changeId"]!.GetValue<long>(), ImportEntry(otherHistory)["changeId"]!.GetValue<long>());

        var url = $"/ogc/collections/streetlights/items/{id}";
        var etag = (await client.GetAsync(url)).Headers.ETag!.ToString();
        var patch = await client.SendWithIfMatchAsync(HttpMethod.Patch, url, new JsonObject { ["properties"] = new JsonObject { ["wattage_w"] = 150 } }, etag);
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        history = await (await client.GetAsync($"/api/assets/{id}/history")).JsonAsync();
        Assert.Equal("120", Wattage(ImportEntry(history))); // as imported, not as now
        var edit = Assert.Single(history["changes"]!.AsArray(), c => c!["operation"]!.GetValue<string>() != "import")!;
        Assert.Equal("150", Wattage(edit));
    }
}
