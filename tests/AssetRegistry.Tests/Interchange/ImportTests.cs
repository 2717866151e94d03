using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Users;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Interchange;

/// <summary>
/// Imports through /api/imports: upload, the dry run in the background, its report, the commit all-or-nothing or
/// of the valid rows, re-imports matching on code, and hostile files that must fail clearly and write nothing.
/// Fixtures are small files under Fixtures/Imports named for their edge case.
/// </summary>
public sealed class ImportTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private static byte[] FileOf(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Imports", name));

    private async Task<JsonObject> UploadAsync(HttpClient client, string fileName, byte[] content, string collection = "streetlights",
        params (string Name, string Value)[] fields)
    {
        var response = await client.UploadImportAsync(fileName, content, collection, fields);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {text}");
        var run = JsonNode.Parse(text)!.AsObject();
        Assert.Equal($"/api/imports/{run["id"]}", response.Headers.Location?.OriginalString);
        return run;
    }

    private async Task<JsonObject> DryRunAsync(HttpClient client, string fileName, byte[] content, string collection = "streetlights",
        params (string Name, string Value)[] fields)
    {
        var run = await UploadAsync(client, fileName, content, collection, fields);
        return await client.WaitForImportAsync(Id(run), "validated", "failed");
    }

    private static async Task<JsonObject> CommitAsync(HttpClient client, JsonObject run, string mode = "all-or-nothing")
    {
        var response = await client.PostAsJsonAsync($"/api/imports/{Id(run)}/commit", new { mode });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await client.WaitForImportAsync(Id(run), "done");
    }

    private async Task<JsonObject> ImportAsync(string fileName, string collection = "streetlights", params (string Name, string Value)[] fields)
    {
        var client = Fixture.Client();
        var run = await DryRunAsync(client, fileName, FileOf(fileName), collection, fields);
        Assert.Equal("validated", run["status"]!.GetValue<string>());
        Assert.Equal(0, run["rowsRefused"]!.GetValue<long>());
        return await CommitAsync(client, run);
    }

    private static long Id(JsonObject run) => run["id"]!.GetValue<long>();

    private Task<long> CountAsync(string table = "streetlights") => Fixture.ScalarAsync<long>($"select count(*) from {table}");

    private async Task<(double Lon, double Lat)> LocationAsync(string code)
    {
        var lon = await Fixture.ScalarAsync<double>("select ST_X(geometry) from streetlights where code = $1", code);
        var lat = await Fixture.ScalarAsync<double>("select ST_Y(geometry) from streetlights where code = $1", code);
        return (lon, lat);
    }

    private async Task AssertRegistryUnchangedAsync()
    {
        Assert.Equal(0L, await CountAsync());
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from asset_changes"));
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from collection_versions where collection = 'streetlights' and version > 0 and exists (select 1 from streetlights)"));
    }

    private async Task<List<(long Row, string Field, string Reason)>> RefusalsAsync(HttpClient client, long id)
    {
        var page = await (await client.GetAsync($"/api/imports/{id}/refusals?limit=1000")).JsonAsync();
        return page["items"]!.AsArray().Select(i => (i!["row"]!.GetValue<long>(), i["field"]!.GetValue<string>(), i["reason"]!.GetValue<string>())).ToList();
    }

    [Fact]
    public async Task ImportCsv_LongitudeLatitude_InsertsEveryRowWithDistrictHistoryAndTileVersion()
    {
        var versionBefore = await Fixture.ScalarAsync<long>("select coalesce((select version from collection_versions where collection = 'streetlights'), 0)");

        var run = await ImportAsync("streetlights_lonlat.csv");

        Assert.Equal(3, run["rowsInserted"]!.GetValue<long>());
        Assert.Equal(1.0, run["progress"]!.GetValue<double>());
        Assert.Equal(3L, await CountAsync());
        Assert.Equal("350503", await Fixture.ScalarAsync<string>("select district from streetlights where code = 'SL-T-001'"));
        Assert.Equal("鲤城街灯, 开元寺", await Fixture.ScalarAsync<string>("select name from streetlights where code = 'SL-T-002'"));
        Assert.Equal(250, await Fixture.ScalarAsync<int>("select wattage_w from streetlights where code = 'SL-T-002'"));
        Assert.Equal("in_service", await Fixture.ScalarAsync<string>("select status from streetlights where code = 'SL-T-003'"));
        Assert.Equal(3L, await Fixture.ScalarAsync<long>("select count(*) from asset_changes c join streetlights s on c.asset_ids @> s.id where c.operation = 'import' and c.collection = 'streetlights' and c.version = 1"));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from asset_changes"));
        Assert.True(await HistoryNamesExactlyTheStoredIdsAsync());
        Assert.Equal(versionBefore + 1, await Fixture.ScalarAsync<long>("select version from collection_versions where collection = 'streetlights'"));
        Assert.Equal("t_engineer", await Fixture.ScalarAsync<string>("select created_by from streetlights where code = 'SL-T-001'"));
    }

    [Fact]
    public async Task ImportCsv_RowWithoutCode_GetsAGeneratedCodeLikeTheApi()
    {
        var csv = "lamp_type,longitude,latitude\nled,118.6757,24.8744\n"u8.ToArray();
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "no_code.csv", csv);
        await CommitAsync(client, run);
        var id = await Fixture.ScalarAsync<long>("select id from streetlights");
        Assert.Equal($"SL-350503-{id:D6}", await Fixture.ScalarAsync<string>("select code from streetlights"));
    }

    [Fact]
    public async Task ImportCsv_QuotedFieldsWithCommasQuotesAndLineBreaks_AreReadAsWritten()
    {
        // A line break inside quotes belongs to the field (and a name may not hold one, as in the API); the next
        // record is still row 2.
        var csv = Encoding.UTF8.GetBytes("\uFEFFcode,name,lamp_type,longitude,latitude\r\n" +
            "SL-R-001,\"一盏 \"\"老\"\" 灯,\r\n第二行\",led,118.6757,24.8744\r\n" +
            "SL-R-002,\"一盏 \"\"老\"\" 灯, 东街\",led,118.6758,24.8745\r\n");
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "quoted_fields.csv", csv);
        var refusal = Assert.Single(await RefusalsAsync(client, Id(run)));
        Assert.Equal((1L, "name"), (refusal.Row, refusal.Field));
        Assert.Contains("control characters", refusal.Reason);
        await CommitAsync(client, run, "valid-rows");
        Assert.Equal("一盏 \"老\" 灯, 东街", await Fixture.ScalarAsync<string>("select name from streetlights where code = 'SL-R-002'"));
    }

    /// <summary>A client signed in as a second engineer, <c>t_engineer2</c> (created on first use).</summary>
    private async Task<HttpClient> SecondEngineerAsync()
    {
        using (var scope = Fixture.Factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
            if (await users.FindByNameAsync("t_engineer2") is null)
            {
                var user = new RegistryUser { UserName = "t_engineer2" };
                Assert.True((await users.CreateAsync(user, RegistryFixture.Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.Engineer)).Succeeded);
            }
        }
        var client = Fixture.Client(role: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"t_engineer2:{RegistryFixture.Password}")));
        return client;
    }

    [Fact]
    public async Task AnotherEditorsRun_IsNotFound_ForReadingCommittingOrDiscarding_ButAnAdministratorSeesIt()
    {
        var run = await DryRunAsync(Fixture.Client(), "streetlights_lonlat.csv", FileOf("streetlights_lonlat.csv"));
        var id = Id(run);
        var other = await SecondEngineerAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/imports/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/imports/{id}/refusals")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/imports/{id}/refusals.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsJsonAsync($"/api/imports/{id}/commit", new { mode = "all-or-nothing" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteAsync($"/api/imports/{id}")).StatusCode);
        Assert.DoesNotContain(id.ToString(CultureInfo.InvariantCulture), await (await other.GetAsync("/api/imports")).Content.ReadAsStringAsync());
        Assert.Equal("validated", await Fixture.ScalarAsync<string>("select status from import_runs where id = $1", id));
        Assert.Equal(0L, await CountAsync());

        var admin = await (await Fixture.Client(Roles.Admin).GetAsync($"/api/imports/{id}")).JsonAsync();
        Assert.Equal("validated", admin["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportCsv_SavedByExcelInGbk_ReadsTheChineseHeadersAndValues()
    {
        // Excel on a Chinese Windows saves "CSV (逗号分隔)" in GBK, without a BOM; the names are not valid UTF-8.
        var csv = Domain.Imports.DbfEncodings.Gbk.GetBytes("编码,名称,灯具类型,经度,纬度\r\nSL-G-001,泉州 中山路 路灯,led,118.5878,24.9082\r\n");
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "excel_gbk.csv", csv, "streetlights", ("mapping", """{"编码":"code","名称":"name","灯具类型":"lamp_type"}"""));
        Assert.Equal(0, run["rowsRefused"]!.GetValue<long>());
        await CommitAsync(client, run);
        Assert.Equal("泉州 中山路 路灯", await Fixture.ScalarAsync<string>("select name from streetlights where code = 'SL-G-001'"));
    }

    [Fact]
    public async Task ImportCsv_WktColumn_InsertsThePoints()
    {
        await ImportAsync("streetlights_wkt.csv");
        Assert.Equal(2L, await CountAsync());
        Assert.Equal("metal_halide", await Fixture.ScalarAsync<string>("select lamp_type from streetlights where code = 'SL-W-002'"));
        var (lon, lat) = await LocationAsync("SL-W-002");
        Assert.Equal(118.581, lon, 9);
        Assert.Equal(24.9168, lat, 9);
    }

    [Fact]
    public async Task ImportCsv_Epsg4549SurveyCoordinates_AreStoredAsWgs84()
    {
        var run = await ImportAsync("srid_4549_survey_points.csv", "streetlights", ("crs", "EPSG:4549"));
        Assert.Equal("EPSG:4549", run["crs"]!.GetValue<string>());
        var (lon, lat) = await LocationAsync("SL-S-001");
        Assert.Equal(Fengze.Lon, lon, 5); // 1e-5° is about a metre; the fixture keeps millimetres
        Assert.Equal(Fengze.Lat, lat, 5);
        Assert.Equal("350502", await Fixture.ScalarAsync<string>("select district from streetlights where code = 'SL-S-002'"));
    }

    [Fact]
    public async Task ImportCsv_Epsg4549WithoutDeclaringIt_RefusesTheRowsAsNotLongitudeLatitude()
    {
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "srid_4549_survey_points.csv", FileOf("srid_4549_survey_points.csv"));
        Assert.Equal(2, run["rowsRefused"]!.GetValue<long>());
        Assert.All(await RefusalsAsync(client, Id(run)), r => Assert.Equal("geometry", r.Field));
    }

    [Fact]
    public async Task ImportCsv_Gcj02Coordinates_AreConvertedToWgs84OnRequest()
    {
        await ImportAsync("gcj02_amap_points.csv", "streetlights", ("gcj02", "true"));
        var (lon, lat) = await LocationAsync("SL-G-001");
        Assert.Equal(Fengze.Lon, lon, 6);
        Assert.Equal(Fengze.Lat, lat, 6);
        var (lon2, lat2) = await LocationAsync("SL-G-002");
        Assert.Equal(Licheng.Lon, lon2, 6);
        Assert.Equal(Licheng.Lat, lat2, 6);
    }

    [Fact]
    public async Task ImportGeoJson_FeatureCollection_InsertsWithTypedProperties()
    {
        var run = await ImportAsync("streetlights.geojson");
        Assert.Equal("geojson", run["format"]!.GetValue<string>());
        Assert.Contains("note", run["sourceFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(2L, await CountAsync());
        Assert.True(await Fixture.ScalarAsync<bool>("select is_multifunction_pole from streetlights where code = 'SL-J-001'"));
        Assert.Equal(new DateTime(2020, 5, 1), await Fixture.ScalarAsync<DateTime>("select install_date::timestamp from streetlights where code = 'SL-J-001'"));
        Assert.Equal(9.5, await Fixture.ScalarAsync<double>("select pole_height_m from streetlights where code = 'SL-J-002'"));
    }

    [Fact]
    public async Task ImportGeoJson_FeaturesWithPropertiesInOtherOrdersAndSets_PutEachValueInItsOwnAttribute()
    {
        // The dry run resolves a field by its place in the row and checks the name at that place on every row:
        // features that name other properties, or the same ones in another order, must not inherit a neighbour's.
        var geojson = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","geometry":{"type":"Point","coordinates":[118.6757,24.8744]},
               "properties":{"code":"SL-O-001","lamp_type":"led","wattage_w":60,"pole_height_m":8}},
              {"type":"Feature","geometry":{"type":"Point","coordinates":[118.6758,24.8745]},
               "properties":{"wattage_w":150,"code":"SL-O-002","pole_height_m":12,"lamp_type":"hps"}},
              {"type":"Feature","geometry":{"type":"Point","coordinates":[118.6759,24.8746]},
               "properties":{"code":"SL-O-003","name":"第三盏","lamp_type":"metal_halide"}},
              {"type":"Feature","geometry":{"type":"Point","coordinates":[118.6760,24.8747]},
               "properties":{"lamp_type":"led","code":"SL-O-004","wattage_w":90}}
            ]}
            """u8.ToArray();
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "mixed_properties.geojson", geojson);
        Assert.Equal(0, run["rowsRefused"]!.GetValue<long>());
        await CommitAsync(client, run);
        async Task<string> RowAsync(string code) => await Fixture.ScalarAsync<string>(
            $"select concat_ws('|', lamp_type, wattage_w, pole_height_m, name) from streetlights where code = '{code}'");
        Assert.Equal("led|60|8", await RowAsync("SL-O-001"));
        Assert.Equal("hps|150|12", await RowAsync("SL-O-002"));
        Assert.Equal("metal_halide|第三盏", await RowAsync("SL-O-003"));
        Assert.Equal("led|90", await RowAsync("SL-O-004"));
    }

    [Fact]
    public async Task ImportCsv_ChineseTitleHeaders_MapToTheAttributesAutomatically()
    {
        var run = await ImportAsync("chinese_title_headers.csv");
        var mapping = run["mapping"]!.AsObject();
        Assert.Equal("wattage_w", mapping["功率"]!.GetValue<string>());
        Assert.Equal("lamp_type", mapping["光源类型"]!.GetValue<string>());
        Assert.Equal(150, await Fixture.ScalarAsync<int>("select wattage_w from streetlights where code = 'SL-Z-001'"));
        Assert.True(await Fixture.ScalarAsync<bool>("select is_multifunction_pole from streetlights where code = 'SL-Z-001'"));
        Assert.Equal("中文表头路灯", await Fixture.ScalarAsync<string>("select name from streetlights where code = 'SL-Z-001'"));
    }

    [Fact]
    public async Task ImportCsv_ExplicitMapping_SendsAFieldWhereItSays()
    {
        var csv = "编号,类型,longitude,latitude\nSL-P-001,hps,118.6757,24.8744\n"u8.ToArray();
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "own_headers.csv", csv, "streetlights", ("mapping", """{"编号":"code","类型":"lamp_type"}"""));
        await CommitAsync(client, run);
        Assert.Equal("hps", await Fixture.ScalarAsync<string>("select lamp_type from streetlights where code = 'SL-P-001'"));
    }

    [Fact]
    public async Task Upload_MappingToAnUnknownAttribute_Returns400NamingMapping()
    {
        var response = await Fixture.Client().UploadImportAsync("x.csv", FileOf("streetlights_lonlat.csv"), "streetlights", ("mapping", """{"code":"colour"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await response.JsonAsync())["errors"]!["mapping"]);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from import_runs where file_name = 'x.csv' and status = 'validating'"));
    }

    [Fact]
    public async Task DryRun_ReportsEveryRefusedRowWithFieldAndReasonInBothLanguages()
    {
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "mixed_valid_and_refused_rows.csv", FileOf("mixed_valid_and_refused_rows.csv"));

        Assert.Equal("validated", run["status"]!.GetValue<string>());
        Assert.Equal(7, run["rowsRead"]!.GetValue<long>());
        Assert.Equal(5, run["rowsRefused"]!.GetValue<long>());
        Assert.Equal(2, run["rowsValid"]!.GetValue<long>());
        var refusals = await RefusalsAsync(client, Id(run));
        Assert.Equal([(2L, "lamp_type"), (3L, "wattage_w"), (4L, "geometry"), (5L, "geometry"), (6L, "code")], refusals.Select(r => (r.Row, r.Field)).ToList());
        Assert.Contains("must be one of", refusals[0].Reason);
        Assert.Contains("whole number", refusals[1].Reason);
        Assert.Contains("service area", refusals[2].Reason);
        Assert.Contains("geometry is required", refusals[3].Reason);
        Assert.Contains("row 1", refusals[4].Reason);

        var chinese = Fixture.Client();
        chinese.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var zh = await RefusalsAsync(chinese, Id(run));
        Assert.Contains("服务范围", zh[2].Reason);
        Assert.Equal(0L, await CountAsync()); // a dry run writes nothing
    }

    [Fact]
    public async Task CommitAllOrNothing_WithRefusedRows_Returns409AndLeavesTheRegistryUnchanged()
    {
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "mixed_valid_and_refused_rows.csv", FileOf("mixed_valid_and_refused_rows.csv"));

        var response = await client.PostAsJsonAsync($"/api/imports/{Id(run)}/commit", new { mode = "all-or-nothing" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("valid-rows", (await response.JsonAsync())["detail"]!.GetValue<string>());
        Assert.Equal("validated", (await (await client.GetAsync($"/api/imports/{Id(run)}")).JsonAsync())["status"]!.GetValue<string>());
        await AssertRegistryUnchangedAsync();
    }

    [Fact]
    public async Task CommitValidRows_InsertsTheValidOnes_AndTheRefusedRowsFileHoldsTheirOriginalValues()
    {
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "mixed_valid_and_refused_rows.csv", FileOf("mixed_valid_and_refused_rows.csv"));
        // Validated: the upload is gone; its refused rows are kept in the database, so any web server can give them back.
        Assert.False(File.Exists(await Fixture.ScalarAsync<string>("select file_path from import_runs where id = $1", Id(run))));
        Assert.Equal(5L, await Fixture.ScalarAsync<long>("select count(*) from import_refused_rows where run_id = $1", Id(run)));

        var done = await CommitAsync(client, run, "valid-rows");

        Assert.Equal(2, done["rowsInserted"]!.GetValue<long>());
        Assert.Equal(["SL-M-001", "SL-M-007"], await CodesAsync());
        // The refused rows between them took staging ids too: the history names the two inserted ids, not the span.
        Assert.True(await HistoryNamesExactlyTheStoredIdsAsync());
        var response = await client.GetAsync($"/api/imports/{Id(run)}/refusals.csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.TrimEnd('\n')).SelectMany(l => l.Split('\n')).Where(l => l.Length > 0).ToList();
        Assert.Equal("row,field,reason,code,lamp_type,wattage_w,wkt", lines[0]);
        Assert.Equal(6, lines.Count);
        Assert.StartsWith("2,lamp_type,", lines[1]);
        Assert.EndsWith(",SL-M-002,laser,120,POINT (118.6758 24.8745)", lines[1]);
        Assert.EndsWith(",SL-M-003,led,lots,POINT (118.6759 24.8746)", lines[2]);
        Assert.EndsWith(",SL-M-005,led,100,", lines[4]);
        Assert.StartsWith("6,code,", lines[5]);
    }

    /// <summary>The import's history row names exactly the ids of the stored streetlights, no more, no fewer.</summary>
    private Task<bool> HistoryNamesExactlyTheStoredIdsAsync() => Fixture.ScalarAsync<bool>(
        "select (select asset_ids from asset_changes where operation = 'import') = range_agg(int8range(id, id, '[]')) from streetlights");

    private async Task<List<string>> CodesAsync()
    {
        await using var cmd = Fixture.Db.CreateCommand("select code from streetlights order by code");
        await using var r = await cmd.ExecuteReaderAsync();
        var codes = new List<string>();
        while (await r.ReadAsync()) codes.Add(r.GetString(0));
        return codes;
    }

    [Fact]
    public async Task ReimportWithMatchOnCode_UpdatesTheAssetsItChanges_BumpsTheirVersionsAndRecordsHistory_AndLeavesTheOthers()
    {
        await ImportAsync("streetlights_lonlat.csv");
        var id = await Fixture.ScalarAsync<long>("select id from streetlights where code = 'SL-T-001'");
        var others = await Fixture.ScalarAsync<string>("select string_agg(id || ':' || version || ':' || updated_at, ',' order by id) from streetlights where code <> 'SL-T-001'");
        // SL-T-001 gets another wattage; SL-T-002 and SL-T-003 (with its empty name and wattage) are as stored.
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(FileOf("streetlights_lonlat.csv")).Replace("led,120", "led,180"));
        var client = Fixture.Client();

        var run = await DryRunAsync(client, "streetlights_lonlat.csv", changed, "streetlights", ("matchOnCode", "true"));
        Assert.Equal(0, run["rowsRefused"]!.GetValue<long>());
        Assert.Equal(2, run["rowsUnchanged"]!.GetValue<long>()); // the dry run says so before anything is written
        var done = await CommitAsync(client, run);

        Assert.Equal(0, done["rowsInserted"]!.GetValue<long>());
        Assert.Equal(1, done["rowsUpdated"]!.GetValue<long>());
        Assert.Equal(2, done["rowsUnchanged"]!.GetValue<long>());
        Assert.Equal(3L, await CountAsync());
        Assert.Equal(others, await Fixture.ScalarAsync<string>("select string_agg(id || ':' || version || ':' || updated_at, ',' order by id) from streetlights where code <> 'SL-T-001'"));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from asset_changes where operation = 'import' and asset_id is not null"));
        Assert.Equal(180, await Fixture.ScalarAsync<int>("select wattage_w from streetlights where id = $1", id));
        Assert.Equal(2, await Fixture.ScalarAsync<int>("select version from streetlights where id = $1", id));
        Assert.Equal(2L, await Fixture.ScalarAsync<long>("select count(*) from asset_changes where asset_id = $1 or asset_ids @> $1", id));
        Assert.Equal(120L, await Fixture.ScalarAsync<long>(
            "select (before->'properties'->>'wattage_w')::bigint from asset_changes where asset_id = $1 and version = 2", id));
        var history = await (await client.GetAsync($"/api/assets/{id}/history")).Content.ReadAsStringAsync();
        Assert.Contains("wattage_w", history);
    }

    [Fact]
    public async Task ReimportOfTheSameFileWithMatchOnCode_WritesNothing_NoVersionNoHistoryNoNewETagNoTileInvalidation()
    {
        await ImportAsync("streetlights_lonlat.csv");
        var client = Fixture.Client();
        var id = await Fixture.ScalarAsync<long>("select id from streetlights where code = 'SL-T-002'");
        var etag = (await client.GetAsync($"/ogc/collections/streetlights/items/{id}")).Headers.ETag!.ToString();
        var stored = await Fixture.ScalarAsync<string>("select string_agg(id || ':' || version || ':' || updated_at, ',' order by id) from streetlights");
        var history = await Fixture.ScalarAsync<long>("select count(*) from asset_changes");
        var tiles = await Fixture.ScalarAsync<long>("select version from collection_versions where collection = 'streetlights'");

        var run = await DryRunAsync(client, "streetlights_lonlat.csv", FileOf("streetlights_lonlat.csv"), "streetlights", ("matchOnCode", "true"));
        Assert.Equal(3, run["rowsUnchanged"]!.GetValue<long>());
        var done = await CommitAsync(client, run);

        Assert.Equal(0, done["rowsUpdated"]!.GetValue<long>());
        Assert.Equal(0, done["rowsInserted"]!.GetValue<long>());
        Assert.Equal(stored, await Fixture.ScalarAsync<string>("select string_agg(id || ':' || version || ':' || updated_at, ',' order by id) from streetlights"));
        Assert.Equal(history, await Fixture.ScalarAsync<long>("select count(*) from asset_changes"));
        Assert.Equal(tiles, await Fixture.ScalarAsync<long>("select version from collection_versions where collection = 'streetlights'")); // cached tiles stay valid
        // An engineer who opened the streetlight before the re-import can still save it.
        Assert.Equal(etag, (await client.GetAsync($"/ogc/collections/streetlights/items/{id}")).Headers.ETag!.ToString());
    }

    [Fact]
    public async Task ReimportWhoseUnchangedRowWasEditedAfterTheDryRun_ImportsNothingAndSaysWhy()
    {
        await ImportAsync("streetlights_lonlat.csv");
        var client = Fixture.Client();
        var changed = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(FileOf("streetlights_lonlat.csv")).Replace("led,120", "led,180"));
        var run = await DryRunAsync(client, "streetlights_lonlat.csv", changed, "streetlights", ("matchOnCode", "true"));
        Assert.Equal(2, run["rowsUnchanged"]!.GetValue<long>());

        // Between the dry run and the commit, an engineer renames SL-T-002, which the file gives as it was.
        var id = await Fixture.ScalarAsync<long>("select id from streetlights where code = 'SL-T-002'");
        var url = $"/ogc/collections/streetlights/items/{id}";
        var etag = (await client.GetAsync(url)).Headers.ETag!.ToString();
        var patch = new JsonObject { ["properties"] = new JsonObject { ["name"] = "改名的街灯" } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithIfMatchAsync(HttpMethod.Patch, url, patch, etag)).StatusCode);

        var response = await client.PostAsJsonAsync($"/api/imports/{Id(run)}/commit", new { mode = "all-or-nothing" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var failed = await client.WaitForImportAsync(Id(run), "failed");
        Assert.Contains("changed or deleted since the dry run", failed["error"]!.GetValue<string>());
        Assert.Equal(120, await Fixture.ScalarAsync<int>("select wattage_w from streetlights where code = 'SL-T-001'"));
        Assert.Equal("改名的街灯", await Fixture.ScalarAsync<string>("select name from streetlights where id = $1", id));
    }

    /// <summary>A GeoJSON file of <paramref name="features"/>, as an upload's bytes.</summary>
    private static byte[] Collection(params JsonObject[] features) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["type"] = "FeatureCollection", ["features"] = new JsonArray(features) }.ToJsonString());

    /// <summary>A streetlight <paramref name="n"/> × 0.0001° (about 10 m) east of Fengze's centre.</summary>
    private static JsonObject Light(int n, JsonObject properties) => Feature(Point(Fengze.Lon + n * 0.0001, Fengze.Lat), properties);

    [Fact]
    public async Task ReimportOfGeoJsonWithMatchOnCode_KeepsWhatAFeatureLeavesOut_ClearsWhatItGivesAsNull_AndDefaultsItForANewOne()
    {
        var client = Fixture.Client();
        await CommitAsync(client, await DryRunAsync(client, "lights.geojson", Collection(
            Light(1, new JsonObject { ["code"] = "SL-G-001", ["name"] = "泉州一号", ["lamp_type"] = "led", ["wattage_w"] = 120, ["status"] = "planned" }),
            Light(2, new JsonObject { ["code"] = "SL-G-002", ["name"] = "二号", ["lamp_type"] = "led", ["wattage_w"] = 90, ["status"] = "planned" }),
            Light(4, new JsonObject { ["code"] = "SL-G-004", ["name"] = "四号", ["lamp_type"] = "hps", ["wattage_w"] = 250, ["status"] = "planned" }))));
        var fourth = await Fixture.ScalarAsync<string>("select version || ':' || updated_at from streetlights where code = 'SL-G-004'");

        // The first feature names neither name nor status (the second is the first to give them, the third and
        // fourth name neither again): SL-G-001 keeps both and takes its new wattage; SL-G-002 gives its name as
        // null, which clears it; SL-G-003 is new and takes the default status, as from a file without the field;
        // SL-G-004 differs from what is stored only in what it leaves out, so it is left alone.
        var run = await DryRunAsync(client, "lights.geojson", Collection(
            Light(1, new JsonObject { ["code"] = "SL-G-001", ["lamp_type"] = "led", ["wattage_w"] = 150 }),
            Light(2, new JsonObject { ["code"] = "SL-G-002", ["name"] = null, ["lamp_type"] = "led", ["wattage_w"] = 90, ["status"] = "in_service" }),
            Light(3, new JsonObject { ["code"] = "SL-G-003", ["lamp_type"] = "led" }),
            Light(4, new JsonObject { ["code"] = "SL-G-004", ["lamp_type"] = "hps", ["wattage_w"] = 250 })), "streetlights", ("matchOnCode", "true"));
        Assert.Equal(0, run["rowsRefused"]!.GetValue<long>());
        Assert.Equal(1, run["rowsUnchanged"]!.GetValue<long>());
        var done = await CommitAsync(client, run);

        Assert.Equal(2, done["rowsUpdated"]!.GetValue<long>());
        Assert.Equal(1, done["rowsInserted"]!.GetValue<long>());
        async Task<string> RowAsync(string code) => await Fixture.ScalarAsync<string>(
            $"select concat_ws('|', coalesce(name, '(null)'), lamp_type, wattage_w, status) from streetlights where code = '{code}'");
        Assert.Equal("泉州一号|led|150|planned", await RowAsync("SL-G-001"));
        Assert.Equal("(null)|led|90|in_service", await RowAsync("SL-G-002"));
        Assert.Equal("(null)|led|in_service", await RowAsync("SL-G-003"));
        Assert.Equal("四号|hps|250|planned", await RowAsync("SL-G-004"));
        Assert.Equal(fourth, await Fixture.ScalarAsync<string>("select version || ':' || updated_at from streetlights where code = 'SL-G-004'"));
        // The history of the update records the name as kept, not as cleared and written again.
        Assert.Equal("泉州一号", await Fixture.ScalarAsync<string>(
            "select after->'properties'->>'name' from asset_changes c join streetlights l on l.id = c.asset_id where l.code = 'SL-G-001' and c.version = 2"));
    }

    [Fact]
    public async Task GeoJsonFeatureWithoutARequiredProperty_IsRefusedAsSuchWhenNew_AndKeepsTheStoredValueWhenMatched()
    {
        var client = Fixture.Client();
        await CommitAsync(client, await DryRunAsync(client, "lights.geojson", Collection(
            Light(1, new JsonObject { ["code"] = "SL-R-001", ["lamp_type"] = "hps", ["wattage_w"] = 250 }))));

        // Lamp type is required. SL-R-001 is stored and leaves it out: it keeps "hps". SL-R-002 is new and leaves it
        // out: refused, saying the feature has no such property. SL-R-003 is new and gives it as null: refused as
        // a null value.
        var run = await DryRunAsync(client, "lights.geojson", Collection(
            Light(1, new JsonObject { ["code"] = "SL-R-001", ["wattage_w"] = 150 }),
            Light(2, new JsonObject { ["code"] = "SL-R-002", ["wattage_w"] = 90 }),
            Light(3, new JsonObject { ["code"] = "SL-R-003", ["lamp_type"] = null, ["wattage_w"] = 90 }),
            Light(4, new JsonObject { ["code"] = "SL-R-004", ["lamp_type"] = "led" })), "streetlights", ("matchOnCode", "true"));

        Assert.Equal(
            [(2L, "lamp_type", "lamp_type is required; this feature has no \"lamp_type\" property."), (3L, "lamp_type", "lamp_type is required and may not be null.")],
            (await RefusalsAsync(client, Id(run))).OrderBy(r => r.Row).ToList());
        var done = await CommitAsync(client, run, "valid-rows");
        Assert.Equal(1, done["rowsUpdated"]!.GetValue<long>());
        Assert.Equal(1, done["rowsInserted"]!.GetValue<long>());
        Assert.Equal("SL-R-001:hps:150|SL-R-004:led:", await Fixture.ScalarAsync<string>(
            "select string_agg(code || ':' || lamp_type || ':' || coalesce(wattage_w::text, ''), '|' order by code) from streetlights where code like 'SL-R-%'"));
    }

    [Fact]
    public async Task ReimportOfSewerSegmentsWithMatchOnCode_KeepsTheirManholesAndInverts_DerivesTheSlopeFromThem_AndChecksTheEndsAgainstThem()
    {
        var client = Fixture.Client();
        var (x, y) = Fengze;
        var (up, _, _) = await client.CreateAsync("manholes", Feature(Point(x, y), new JsonObject { ["network"] = "sewage" }));
        var (down, _, _) = await client.CreateAsync("manholes", Feature(Point(x + 0.0005, y), new JsonObject { ["network"] = "sewage" }));
        string Straight(double dy = 0) => string.Create(CultureInfo.InvariantCulture, $"\"LINESTRING({x} {y + dy}, {x + 0.0005} {y + dy})\"");
        var first = Encoding.UTF8.GetBytes(
            "code,upstream_manhole_id,downstream_manhole_id,system,upstream_invert_m,downstream_invert_m,wkt\n" +
            $"SS-M-001,{up},{down},sewage,3.0,2.9,{Straight()}\n" +
            $"SS-M-002,{up},{down},sewage,3.0,2.8,{Straight()}\n" +
            $"SS-M-003,{up},{down},sewage,3.0,2.7,{Straight()}\n");
        await CommitAsync(client, await DryRunAsync(client, "segments.csv", first, "sewer_segments"));
        var second = await Fixture.ScalarAsync<string>("select version || ':' || updated_at from sewer_segments where code = 'SS-M-002'");

        // A survey that gives only the codes and the lines: SS-M-001 now bends on its way, SS-M-002 is as stored,
        // SS-M-003 has been moved 20 m north, away from the manholes it joins.
        var survey = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"code,wkt\nSS-M-001,\"LINESTRING({x} {y}, {x + 0.00025} {y + 0.0002}, {x + 0.0005} {y})\"\nSS-M-002,{Straight()}\nSS-M-003,{Straight(0.0002)}\n"));
        var run = await DryRunAsync(client, "survey.csv", survey, "sewer_segments", ("matchOnCode", "true"));

        var refusals = await RefusalsAsync(client, Id(run));
        Assert.Equal([3L, 3L], refusals.Select(r => r.Row).ToList());
        Assert.All(refusals, r => Assert.Contains("must be within 0.5 m", r.Reason));
        Assert.Equal(1, run["rowsUnchanged"]!.GetValue<long>());
        var done = await CommitAsync(client, run, "valid-rows");

        Assert.Equal(1, done["rowsUpdated"]!.GetValue<long>());
        Assert.Equal($"{up}|{down}|3|2.9", await Fixture.ScalarAsync<string>(
            "select concat_ws('|', upstream_manhole_id, downstream_manhole_id, upstream_invert_m, downstream_invert_m) from sewer_segments where code = 'SS-M-001'"));
        var length = await Fixture.ScalarAsync<double>("select length_m from sewer_segments where code = 'SS-M-001'");
        Assert.InRange(length, 60, 70); // two legs of about 34 m, where the straight line was 50.5 m
        Assert.Equal(Math.Round(0.1 / length, 6), await Fixture.ScalarAsync<double>("select slope from sewer_segments where code = 'SS-M-001'"), 6);
        Assert.Equal(second, await Fixture.ScalarAsync<string>("select version || ':' || updated_at from sewer_segments where code = 'SS-M-002'"));
        Assert.Equal(1, await Fixture.ScalarAsync<int>("select version from sewer_segments where code = 'SS-M-003'"));
    }

    [Fact]
    public async Task ReimportWithoutMatchOnCode_RefusesEveryRowAsAnExistingCode()
    {
        await ImportAsync("streetlights_lonlat.csv");
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "streetlights_lonlat.csv", FileOf("streetlights_lonlat.csv"));
        Assert.Equal(3, run["rowsRefused"]!.GetValue<long>());
        Assert.All(await RefusalsAsync(client, Id(run)), r => Assert.Contains("already used", r.Reason));
        Assert.Equal(3L, await CountAsync());
    }

    [Fact]
    public async Task ImportRun_ProgressReachesOneAndTheListShowsTheRun()
    {
        var run = await ImportAsync("streetlights_wkt.csv");
        Assert.Equal("done", run["status"]!.GetValue<string>());
        Assert.Equal(1.0, run["progress"]!.GetValue<double>());
        var list = JsonNode.Parse(await Fixture.Client().GetStringAsync("/api/imports"))!.AsArray();
        Assert.Contains(list, r => r!["id"]!.GetValue<long>() == Id(run));
    }

    [Fact]
    public async Task ImportCsv_BrokenQuoting_FailsNamingTheRowAndWritesNothing()
    {
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "broken_quoting.csv", FileOf("broken_quoting.csv"));
        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("Row 2", run["error"]!.GetValue<string>());
        Assert.Contains("line 3", run["error"]!.GetValue<string>());
        var commit = await client.PostAsJsonAsync($"/api/imports/{Id(run)}/commit", new { mode = "valid-rows" });
        Assert.Equal(HttpStatusCode.Conflict, commit.StatusCode);
        await AssertRegistryUnchangedAsync();
    }

    [Fact]
    public async Task ImportCsv_UnterminatedQuote_FailsWithinTheFieldLimit()
    {
        var csv = Encoding.UTF8.GetBytes("code,lamp_type,longitude,latitude\nSL-U-001,\"led,118.6,24.9\n" + string.Concat(Enumerable.Repeat("x,y,1,2\n", 20_000)));
        var run = await DryRunAsync(Fixture.Client(), "unterminated_quote.csv", csv);
        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("Row 1", run["error"]!.GetValue<string>());
        await AssertRegistryUnchangedAsync();
    }

    [Fact]
    public async Task ImportGeoJson_MillionVertexPolygon_IsRefusedByTheVertexLimit()
    {
        var path = Path.Combine(Path.GetTempPath(), $"million_vertex_polygon_{Guid.NewGuid():N}.geojson");
        try
        {
            await using (var w = new StreamWriter(path))
            {
                await w.WriteAsync("""{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"PK-BIG","park_class":"community"},"geometry":{"type":"Polygon","coordinates":[[""");
                const int n = 1_000_000;
                for (var i = 0; i < n; i++)
                {
                    var a = 2 * Math.PI * i / n;
                    await w.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"[{118.6757 + 0.001 * Math.Cos(a):0.0000000},{24.8744 + 0.001 * Math.Sin(a):0.0000000}],"));
                }
                await w.WriteAsync(string.Create(CultureInfo.InvariantCulture, $"[{118.6757 + 0.001:0.0000000},{24.8744:0.0000000}]]]}}}}]}}"));
            }
            var client = Fixture.Client();
            var run = await DryRunAsync(client, "million_vertex_polygon.geojson", await File.ReadAllBytesAsync(path), "parks");

            Assert.Equal("validated", run["status"]!.GetValue<string>());
            Assert.Equal(1, run["rowsRefused"]!.GetValue<long>());
            var refusal = Assert.Single(await RefusalsAsync(client, Id(run)));
            Assert.Equal("geometry", refusal.Field);
            Assert.Contains("more than 50000 vertices", refusal.Reason);
            Assert.Equal(0L, await CountAsync("parks"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task ImportCsv_NonFiniteCoordinates_AreRefusedRowByRow()
    {
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "non_finite_coordinates.csv", FileOf("non_finite_coordinates.csv"));
        var refusals = await RefusalsAsync(client, Id(run));
        Assert.Equal([1L, 2L], refusals.Select(r => r.Row).ToList());
        Assert.All(refusals, r => Assert.Contains("not a finite number", r.Reason));
        var commit = await client.PostAsJsonAsync($"/api/imports/{Id(run)}/commit", new { mode = "all-or-nothing" });
        Assert.Equal(HttpStatusCode.Conflict, commit.StatusCode);
        await AssertRegistryUnchangedAsync();
    }

    [Fact]
    public async Task ImportCsv_WrongTypes_RefuseEachFieldWithTheApiReason()
    {
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "wrong_types.csv", FileOf("wrong_types.csv"));
        var fields = (await RefusalsAsync(client, Id(run))).Select(r => r.Field).ToList();
        Assert.Equal(["install_date", "is_multifunction_pole", "pole_height_m", "wattage_w"], fields.Order().ToList());
        await AssertRegistryUnchangedAsync();
    }

    [Fact]
    public async Task ImportGeoJson_MissingGeometry_IsRefusedForThoseRowsOnly()
    {
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "missing_geometry.geojson", FileOf("missing_geometry.geojson"));
        Assert.Equal([(1L, "geometry"), (2L, "geometry")], (await RefusalsAsync(client, Id(run))).Select(r => (r.Row, r.Field)).ToList());
        Assert.Equal(1, run["rowsValid"]!.GetValue<long>());
        await AssertRegistryUnchangedAsync();
    }

    [Fact]
    public async Task ImportGeoJson_PointsOutsideTheCity_AreRefused()
    {
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "points_outside_city.geojson", FileOf("points_outside_city.geojson"));
        var refusals = await RefusalsAsync(client, Id(run));
        Assert.Equal(2, refusals.Count);
        Assert.All(refusals, r => Assert.Contains("service area", r.Reason));
        await AssertRegistryUnchangedAsync();
    }

    [Fact]
    public async Task ImportGeoJson_NotJson_FailsWithTheLine()
    {
        var run = await DryRunAsync(Fixture.Client(), "broken.geojson", "{\"type\":\"FeatureCollection\",\n\"features\":[{\"type\":\"Feature\",,}]}"u8.ToArray());
        Assert.Equal("failed", run["status"]!.GetValue<string>());
        Assert.Contains("line 2", run["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImportParks_DerivesTheAreaAsAWriteWould()
    {
        var (x, y) = Fengze;
        var geojson = Encoding.UTF8.GetBytes(new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(Feature(Square(x, y, 0.001), new JsonObject { ["code"] = "PK-I-001", ["park_class"] = "pocket" })),
        }.ToJsonString());
        var client = Fixture.Client();
        await CommitAsync(client, await DryRunAsync(client, "park.geojson", geojson, "parks"));
        var area = await Fixture.ScalarAsync<double>("select area_m2 from parks where code = 'PK-I-001'");
        Assert.Equal(await Fixture.ScalarAsync<double>("select round(ST_Area(geometry::geography)::numeric, 2)::float8 from parks"), area);
        Assert.InRange(area, 10_000, 12_000);
    }

    [Fact]
    public async Task ReimportOfParksWithMatchOnCode_LeavesTheSameOneAlone_AndUpdatesTheMovedOneWithItsNewArea()
    {
        // Polygons: the district comes from PostGIS's join (the district table), not from the reader.
        var (x, y) = Fengze;
        byte[] Parks(double side) => Encoding.UTF8.GetBytes(new JsonObject
        {
            ["type"] = "FeatureCollection",
            ["features"] = new JsonArray(
                Feature(Square(x, y, 0.001), new JsonObject { ["code"] = "PK-R-001", ["park_class"] = "pocket", ["name"] = "丰泽口袋公园" }),
                Feature(Square(x + 0.01, y, side), new JsonObject { ["code"] = "PK-R-002", ["park_class"] = "community" })),
        }.ToJsonString());
        var client = Fixture.Client();
        await CommitAsync(client, await DryRunAsync(client, "parks.geojson", Parks(0.001), "parks"));
        var first = await Fixture.ScalarAsync<string>("select version || ':' || updated_at from parks where code = 'PK-R-001'");

        var run = await DryRunAsync(client, "parks.geojson", Parks(0.002), "parks", ("matchOnCode", "true"));
        Assert.Equal(1, run["rowsUnchanged"]!.GetValue<long>());
        var done = await CommitAsync(client, run);

        Assert.Equal(1, done["rowsUpdated"]!.GetValue<long>());
        Assert.Equal(first, await Fixture.ScalarAsync<string>("select version || ':' || updated_at from parks where code = 'PK-R-001'"));
        Assert.Equal(2, await Fixture.ScalarAsync<int>("select version from parks where code = 'PK-R-002'"));
        Assert.InRange(await Fixture.ScalarAsync<double>("select area_m2 from parks where code = 'PK-R-002'"), 40_000, 48_000);
    }

    [Fact]
    public async Task ReimportWithMatchOnCode_TakesAGeometryWithinAMillimetreAsTheStoredOne_ButAMoveOfMillimetresOrAnAddedVertexAsAnEdit()
    {
        // SameGeometryToleranceMetres is 1 mm: 4e-9° is 0.4 mm, 5e-8° about 5 mm.
        var (x, y) = Fengze;
        string Polygon(params (double X, double Y)[] ring) =>
            "\"POLYGON((" + string.Join(", ", ring.Append(ring[0]).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X} {p.Y}"))) + "))\"";
        var client = Fixture.Client();
        var stored = Encoding.UTF8.GetBytes("code,lamp_type,longitude,latitude\n" + string.Create(CultureInfo.InvariantCulture,
            $"SL-T-001,led,{x},{y}\nSL-T-002,led,{x + 0.001},{y}\n"));
        await CommitAsync(client, await DryRunAsync(client, "lights.csv", stored, "streetlights"));
        var firstStored = await Fixture.ScalarAsync<string>("select ST_AsText(geometry) || ' v' || version from streetlights where code = 'SL-T-001'");

        // SL-T-001 comes back 0.4 mm off and with a new lamp type: updated, but it keeps its stored position.
        // SL-T-002 comes back 5 mm off: moved.
        var again = Encoding.UTF8.GetBytes("code,lamp_type,longitude,latitude\n" + string.Create(CultureInfo.InvariantCulture,
            $"SL-T-001,hps,{x + 4e-9},{y}\nSL-T-002,led,{x + 0.001 + 5e-8},{y}\n"));
        var run = await DryRunAsync(client, "lights.csv", again, "streetlights", ("matchOnCode", "true"));
        Assert.Equal(0, run["rowsUnchanged"]!.GetValue<long>());
        var done = await CommitAsync(client, run);
        Assert.Equal(2, done["rowsUpdated"]!.GetValue<long>());
        Assert.Equal(firstStored.Replace(" v1", " v2"), await Fixture.ScalarAsync<string>(
            "select ST_AsText(geometry) || ' v' || version from streetlights where code = 'SL-T-001'"));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{x + 0.001 + 5e-8:R}"), await Fixture.ScalarAsync<string>(
            "select ST_X(geometry)::text from streetlights where code = 'SL-T-002'"));

        // The same again: both within the tolerance of what is now stored, so both left alone.
        run = await DryRunAsync(client, "lights.csv", again, "streetlights", ("matchOnCode", "true"));
        Assert.Equal(2, run["rowsUnchanged"]!.GetValue<long>());

        // A park whose every vertex comes back 0.6 mm off is the same; one that comes back with a vertex added on
        // one of its edges has the same shape but not the same vertices: the surveyor's edit is kept.
        var square = new[] { (x, y), (x, y + 0.001), (x + 0.001, y + 0.001), (x + 0.001, y) };
        await CommitAsync(client, await DryRunAsync(client, "parks.csv", Encoding.UTF8.GetBytes($"code,park_class,wkt\nPK-T-001,pocket,{Polygon(square)}\n"), "parks"));
        var nudged = square.Select(p => (p.Item1 + 4e-9, p.Item2 - 4e-9)).ToArray();
        run = await DryRunAsync(client, "parks.csv", Encoding.UTF8.GetBytes($"code,park_class,wkt\nPK-T-001,pocket,{Polygon(nudged)}\n"), "parks", ("matchOnCode", "true"));
        Assert.Equal(1, run["rowsUnchanged"]!.GetValue<long>());
        var withVertex = new[] { (x, y), (x, y + 0.0005), (x, y + 0.001), (x + 0.001, y + 0.001), (x + 0.001, y) };
        run = await DryRunAsync(client, "parks.csv", Encoding.UTF8.GetBytes($"code,park_class,wkt\nPK-T-001,pocket,{Polygon(withVertex)}\n"), "parks", ("matchOnCode", "true"));
        Assert.Equal(0, run["rowsUnchanged"]!.GetValue<long>());
        await CommitAsync(client, run);
        Assert.Equal(6, await Fixture.ScalarAsync<int>("select ST_NPoints(geometry) from parks where code = 'PK-T-001'"));
    }

    [Fact]
    public async Task ReimportWithMatchOnCode_ASewerSegmentNudgedLessThanAMillimetreIsTheSame_ButOneMovedMillimetresIsMoved()
    {
        // Lines take the Hausdorff branch of the sameness test, as polygons do (the park above); 4e-9° is 0.4 mm,
        // 5e-8° about 5 mm, both well inside the 0.5-m tolerance of a segment's ends to its manholes.
        var (x, y) = Fengze;
        var client = Fixture.Client();
        var (up, _, _) = await client.CreateAsync("manholes", Feature(Point(x, y), new JsonObject { ["network"] = "sewage" }));
        var (down, _, _) = await client.CreateAsync("manholes", Feature(Point(x + 0.0005, y), new JsonObject { ["network"] = "sewage" }));
        byte[] Segment(double dx, string material) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"code,upstream_manhole_id,downstream_manhole_id,system,material,wkt\n" +
            $"SS-T-001,{up},{down},sewage,{material},\"LINESTRING({x + dx} {y}, {x + 0.0005 + dx} {y})\"\n"));
        await CommitAsync(client, await DryRunAsync(client, "segments.csv", Segment(0, "concrete"), "sewer_segments"));
        var stored = await Fixture.ScalarAsync<string>("select ST_AsText(geometry) || ' v' || version from sewer_segments where code = 'SS-T-001'");

        var run = await DryRunAsync(client, "segments.csv", Segment(4e-9, "concrete"), "sewer_segments", ("matchOnCode", "true"));
        Assert.Equal(0, run["rowsRefused"]!.GetValue<long>());
        Assert.Equal(1, run["rowsUnchanged"]!.GetValue<long>());

        // Nudged and with a new material: updated, at its stored position.
        await CommitAsync(client, await DryRunAsync(client, "segments.csv", Segment(4e-9, "pvc_u"), "sewer_segments", ("matchOnCode", "true")));
        Assert.Equal(stored.Replace(" v1", " v2") + " pvc_u", await Fixture.ScalarAsync<string>(
            "select ST_AsText(geometry) || ' v' || version || ' ' || material from sewer_segments where code = 'SS-T-001'"));

        run = await DryRunAsync(client, "segments.csv", Segment(5e-8, "pvc_u"), "sewer_segments", ("matchOnCode", "true"));
        Assert.Equal(0, run["rowsUnchanged"]!.GetValue<long>());
        Assert.Equal(1, (await CommitAsync(client, run))["rowsUpdated"]!.GetValue<long>());
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{x + 5e-8:R} v3"), await Fixture.ScalarAsync<string>(
            "select ST_X(ST_StartPoint(geometry))::text || ' v' || version from sewer_segments where code = 'SS-T-001'"));
    }

    [Fact]
    public async Task SameGeometryTolerance_ZeroMeansExactlyEqualOnly_AndANegativeOneStopsTheAppAtStart()
    {
        await using (var negative = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Registry:SameGeometryToleranceMetres", "-0.001")))
        {
            var error = Record.Exception(() => negative.CreateClient());
            Assert.IsType<OptionsValidationException>(error);
            Assert.Contains("Registry:SameGeometryToleranceMetres may not be negative.", error.Message);
        }

        await using var exact = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Registry:SameGeometryToleranceMetres", "0"));
        var client = Fixture.Client(exact);
        var (x, y) = Fengze;
        byte[] Light(double lon) => Encoding.UTF8.GetBytes("code,lamp_type,longitude,latitude\n" +
            string.Create(CultureInfo.InvariantCulture, $"SL-T-001,led,{lon:R},{y:R}\n"));
        await CommitAsync(client, await DryRunAsync(client, "lights.csv", Light(x)));
        Assert.Equal(1, (await DryRunAsync(client, "lights.csv", Light(x), "streetlights", ("matchOnCode", "true")))["rowsUnchanged"]!.GetValue<long>());
        // 0.4 mm off, the same with the default 1 mm, is a move with 0.
        var run = await DryRunAsync(client, "lights.csv", Light(x + 4e-9), "streetlights", ("matchOnCode", "true"));
        Assert.Equal(0, run["rowsUnchanged"]!.GetValue<long>());
        Assert.Equal(1, (await CommitAsync(client, run))["rowsUpdated"]!.GetValue<long>());
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"{x + 4e-9:R}"), await Fixture.ScalarAsync<string>(
            "select ST_X(geometry)::text from streetlights where code = 'SL-T-001'"));
    }

    [Fact]
    public async Task ReimportWithMatchOnCode_APointNudgedLessThanAMillimetreAcrossADistrictBoundary_TakesTheFilesPositionAndDistrict()
    {
        // A point 0.2 mm west of the boundary between 鲤城 and 丰泽, and the same point 0.2 mm east of it.
        var (west, east) = (await Fixture.ScalarAsync<string>("""
            with b as (select (ST_DumpPoints(ST_Intersection(ST_Boundary(a.geometry), ST_Boundary(c.geometry)))).geom p
                       from districts a, districts c where a.adcode = '350502' and c.adcode = '350503'),
                 m as (select ST_LineInterpolatePoint(ST_MakeLine(p, lead(p) over ()), 0.5) m from b)
            select ST_X(m)::text || ' ' || ST_Y(m)::text from m
            where m is not null
              and exists (select 1 from districts where adcode = '350502' and ST_Covers(geometry, ST_Translate(m, -2e-9, 0)))
              and exists (select 1 from districts where adcode = '350503' and ST_Covers(geometry, ST_Translate(m, 2e-9, 0)))
              and not exists (select 1 from districts where adcode = '350502' and ST_Covers(geometry, ST_Translate(m, 2e-9, 0)))
            limit 1
            """)).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray() is [var mx, var my]
            ? ((mx - 2e-9, my), (mx + 2e-9, my)) : throw new InvalidOperationException("no shared boundary of 鲤城 and 丰泽");
        byte[] Light((double X, double Y) at) => Encoding.UTF8.GetBytes("code,lamp_type,longitude,latitude\n" +
            string.Create(CultureInfo.InvariantCulture, $"SL-T-001,led,{at.X:R},{at.Y:R}\n"));
        var client = Fixture.Client();
        await CommitAsync(client, await DryRunAsync(client, "lights.csv", Light(west)));
        Assert.Equal("350502", await Fixture.ScalarAsync<string>("select district from streetlights where code = 'SL-T-001'"));

        var run = await DryRunAsync(client, "lights.csv", Light(east), "streetlights", ("matchOnCode", "true"));
        Assert.Equal(0, run["rowsUnchanged"]!.GetValue<long>());
        Assert.Equal(1, (await CommitAsync(client, run))["rowsUpdated"]!.GetValue<long>());
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"350503 {east.Item1:R} v2"), await Fixture.ScalarAsync<string>(
            "select district || ' ' || ST_X(geometry)::text || ' v' || version from streetlights where code = 'SL-T-001'"));
    }

    [Fact]
    public async Task ImportSewerSegments_AppliesTheManholeRulesSetBased()
    {
        var client = Fixture.Client();
        var (x, y) = Fengze;
        var (up, _, _) = await client.CreateAsync("manholes", Feature(Point(x, y), new JsonObject { ["network"] = "sewage" }));
        var (down, _, _) = await client.CreateAsync("manholes", Feature(Point(x + 0.0005, y), new JsonObject { ["network"] = "sewage" }));
        var csv = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"code,upstream_manhole_id,downstream_manhole_id,system,upstream_invert_m,downstream_invert_m,wkt\n" +
            $"SS-I-001,{up},{down},sewage,3.0,2.9,\"LINESTRING({x} {y}, {x + 0.0005} {y})\"\n" +
            $"SS-I-002,{up},{down},sewage,,,\"LINESTRING({x + 0.0002} {y}, {x + 0.0005} {y})\"\n" +
            $"SS-I-003,{up},999999,sewage,,,\"LINESTRING({x} {y}, {x + 0.0005} {y})\"\n"));

        var run = await DryRunAsync(client, "segments.csv", csv, "sewer_segments");

        var refusals = await RefusalsAsync(client, Id(run));
        Assert.Equal([(2L, "upstream_manhole_id"), (3L, "downstream_manhole_id")], refusals.Select(r => (r.Row, r.Field)).ToList());
        Assert.Contains("must be within 0.5 m", refusals[0].Reason);
        await CommitAsync(client, run, "valid-rows");
        var length = await Fixture.ScalarAsync<double>("select length_m from sewer_segments where code = 'SS-I-001'");
        Assert.InRange(length, 50, 51);
        Assert.Equal(Math.Round(0.1 / length, 6), await Fixture.ScalarAsync<double>("select slope from sewer_segments where code = 'SS-I-001'"), 6);
    }

    [Fact]
    public async Task Discard_AfterTheDryRun_DropsStagingAndRefusesACommit()
    {
        var client = Fixture.Client();
        var run = await DryRunAsync(client, "mixed_valid_and_refused_rows.csv", FileOf("mixed_valid_and_refused_rows.csv"));
        Assert.True(await Fixture.ScalarAsync<bool>("select to_regclass($1) is not null", $"import_staging_{Id(run)}"));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/imports/{Id(run)}")).StatusCode);

        Assert.False(await Fixture.ScalarAsync<bool>("select to_regclass($1) is not null", $"import_staging_{Id(run)}"));
        Assert.Equal("discarded", (await (await client.GetAsync($"/api/imports/{Id(run)}")).JsonAsync())["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync($"/api/imports/{Id(run)}/commit", new { mode = "valid-rows" })).StatusCode);
    }

    [Fact]
    public async Task Upload_AsViewer_Returns403()
    {
        var response = await Fixture.Client("viewer").UploadImportAsync("streetlights_lonlat.csv", FileOf("streetlights_lonlat.csv"), "streetlights");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
