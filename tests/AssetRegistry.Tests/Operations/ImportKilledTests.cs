using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using Npgsql;

namespace AssetRegistry.Tests.Operations;

/// <summary>A throwaway registry of its own for the killed-import tests (the web server runs as a separate process).</summary>
public sealed class ImportKilledRegistry() : ThrowawayRegistry("import-killed");

/// <summary>
/// The web process killed (SIGKILL) during an import: the commit is one transaction, so nothing is half-written;
/// after a restart the run is reported failed with a reason and its staging is gone; and the rerun ends with exactly
/// the data of a clean run. The moments are caught with a lock the test holds and seen in pg_stat_activity, not by
/// timing.
/// </summary>
public sealed class ImportKilledTests(ImportKilledRegistry registry) : IClassFixture<ImportKilledRegistry>, IAsyncLifetime
{
    /// <summary>Enough rows that the commit is real work (about 1.5 MB of CSV).</summary>
    private const int AboutRows = 20_000;

    private const string App = "import-under-test";
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    /// <summary>The rows of the file (ST_GeneratePoints makes about as many points as asked).</summary>
    private int _rows;

    private readonly string _uploads = Path.Combine(Path.GetTempPath(), "assetregistry-import-killed-" + Guid.NewGuid().ToString("N"));

    private string AppConnectionString =>
        new NpgsqlConnectionStringBuilder(registry.ConnectionString) { ApplicationName = App, Pooling = true }.ConnectionString;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_uploads);
        await ExecuteAsync("delete from asset_changes; delete from streetlights; delete from import_refusals; delete from import_runs");
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_uploads, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task WebProcessKilledDuringTheCommit_WritesNothing_AndTheRerunEqualsACleanRun()
    {
        var csv = await StreetlightsCsvAsync();
        var server = await StartServerAsync();
        try
        {
            // The clean run, then the registry reset to before it (the tile version stays where the clean run left it).
            var clean = await ImportAsync(server, csv);
            Assert.Equal(_rows, clean["rowsInserted"]!.GetValue<long>());
            var cleanLights = await StreetlightsChecksumAsync();
            var cleanChanges = await ChangesChecksumAsync();
            Assert.Equal(_rows, cleanLights.Rows);
            await ExecuteAsync("delete from asset_changes; delete from streetlights");
            var versionBefore = await TileVersionAsync();

            var run = await DryRunAsync(server, csv);
            var id = Id(run);
            var indexesBefore = await IndexesAndKeysAsync();
            // collection_versions is bumped after the rows and their history are inserted, in the same transaction:
            // with the table held, the commit waits there with everything else written but not committed.
            await using (var locker = new NpgsqlConnection(registry.ConnectionString))
            {
                await locker.OpenAsync();
                await using var tx = await locker.BeginTransactionAsync();
                await using (var lockCmd = new NpgsqlCommand("lock table collection_versions in exclusive mode", locker, tx))
                    await lockCmd.ExecuteNonQueryAsync();
                var commit = await server.Client().PostAsJsonAsync($"/api/imports/{id}/commit", new { mode = "all-or-nothing" });
                Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
                await Poll.UntilAsync(async () => await SessionsAsync("wait_event_type = 'Lock' and query ilike '%collection_versions%'") == 1,
                    Patience, "the commit has inserted its rows and waits to bump the tile version");
                // The file is at least the table's size, so the commit rebuilt the indexes: it holds the table
                // exclusively, and a count would wait for it.
                Assert.Equal(1L, await SessionsAsync(
                    "pid in (select l.pid from pg_locks l where l.relation = 'streetlights'::regclass and l.mode = 'AccessExclusiveLock' and l.granted)"));
                await server.KillAsync();
                await tx.RollbackAsync();
            }
            await WaitForSessionsGoneAsync();

            Assert.Equal(0L, await CountAsync("streetlights"));
            Assert.Equal(0L, await CountAsync("asset_changes"));
            Assert.Equal(indexesBefore, await IndexesAndKeysAsync()); // the dropped indexes are back, untouched
            Assert.Equal(versionBefore, await TileVersionAsync());
            Assert.Equal("importing", await registry.ScalarAsync<string>($"select status || coalesce(': ' || error_en, '') from import_runs where id = {id}")); // as the killed process left it

            server = await StartServerAsync();
            var after = await WaitForAsync(server, id, "failed"); // once the killed server's lease has run out
            Assert.Contains("nothing was written", after["error"]!.GetValue<string>());
            Assert.False(await TableExistsAsync($"import_staging_{id}"));

            var rerun = await ImportAsync(server, csv);
            Assert.Equal(_rows, rerun["rowsInserted"]!.GetValue<long>());
            Assert.Equal(cleanLights, await StreetlightsChecksumAsync());
            Assert.Equal(cleanChanges, await ChangesChecksumAsync());
            Assert.Equal(versionBefore + 1, await TileVersionAsync());
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task WebProcessKilledDuringTheDryRun_LeavesNoStaging_AndTheRunFailedAfterARestart()
    {
        var csv = await StreetlightsCsvAsync();
        var versionBefore = await TileVersionAsync();
        var server = await StartServerAsync();
        try
        {
            long id;
            // The stored streetlights are read once the file is staged (are its codes taken?): with them held, the
            // dry run waits there with its staging table full.
            await using (var locker = new NpgsqlConnection(registry.ConnectionString))
            {
                await locker.OpenAsync();
                await using var tx = await locker.BeginTransactionAsync();
                await using (var lockCmd = new NpgsqlCommand("lock table streetlights in access exclusive mode", locker, tx))
                    await lockCmd.ExecuteNonQueryAsync();
                id = Id(await UploadAsync(server, csv));
                await Poll.UntilAsync(async () => await SessionsAsync("wait_event_type = 'Lock' and query ilike '%join \"streetlights\"%'") == 1,
                    Patience, "the dry run has staged the file and waits to compare its codes with the stored ones");
                Assert.Equal(_rows, await registry.ScalarAsync<long>($"select count(*) from import_staging_{id}"));
                await server.KillAsync();
                await tx.RollbackAsync();
            }
            await WaitForSessionsGoneAsync();
            Assert.Equal("validating", await registry.ScalarAsync<string>($"select status from import_runs where id = {id}"));

            server = await StartServerAsync();
            var after = await WaitForAsync(server, id, "failed"); // once the killed server's lease has run out
            Assert.Contains("nothing was written", after["error"]!.GetValue<string>());
            Assert.False(await TableExistsAsync($"import_staging_{id}"));
            Assert.False(await TableExistsAsync($"import_districts_{id}"));
            Assert.Equal(0L, await CountAsync("streetlights"));
            Assert.Equal(0L, await CountAsync("asset_changes"));
            Assert.Equal(versionBefore, await TileVersionAsync());
        }
        finally
        {
            await server.DisposeAsync();
        }
    }

    /// <summary>The shortest lease allowed, ten seconds: a killed server's runs count as abandoned ten seconds after its last heartbeat.</summary>
    private Task<WebServerProcess> StartServerAsync() => WebServerProcess.StartAsync(AppConnectionString, _uploads, Patience,
        new Dictionary<string, string> { ["Imports__WorkerLeaseSeconds"] = "10" });

    /// <summary>About <see cref="AboutRows"/> streetlights at points of the service area (PostGIS, fixed seed: the same file
    /// every time), with codes, as the import benchmark generates them.</summary>
    private async Task<byte[]> StreetlightsCsvAsync()
    {
        string[] lamps = ["led", "hps", "metal_halide"];
        string[] roads = ["arterial", "secondary", "branch", "back_lane"];
        var csv = new StringBuilder("code,name,lamp_type,wattage_w,pole_height_m,road_class,install_date,longitude,latitude\n");
        await using var conn = new NpgsqlConnection(registry.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select ST_X(g.geom), ST_Y(g.geom) from service_area a, ST_Dump(ST_GeneratePoints(a.geometry, $1, 42)) g", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = AboutRows });
        await using var reader = await cmd.ExecuteReaderAsync();
        var i = 0;
        while (await reader.ReadAsync())
        {
            i++;
            var date = new DateOnly(2000 + i % 25, 1 + i % 12, 1 + i % 28).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture,
                $"SL-K-{i:D6},路灯 {i},{lamps[i % 3]},{60 + i % 20 * 10},{6 + i % 7},{roads[i % 4]},{date},{reader.GetDouble(0):0.0000000},{reader.GetDouble(1):0.0000000}\n");
        }
        Assert.InRange(i, AboutRows * 99 / 100, AboutRows);
        _rows = i;
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static async Task<JsonObject> UploadAsync(WebServerProcess server, byte[] csv)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "streetlights.csv");
        form.Add(new StringContent("streetlights"), "collection");
        var response = await server.Client().PostAsync("/api/imports", form);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }

    private async Task<JsonObject> DryRunAsync(WebServerProcess server, byte[] csv)
    {
        var run = await WaitForAsync(server, Id(await UploadAsync(server, csv)), "validated");
        Assert.Equal(_rows, run["rowsRead"]!.GetValue<long>());
        Assert.Equal(0, run["rowsRefused"]!.GetValue<long>());
        return run;
    }

    private async Task<JsonObject> ImportAsync(WebServerProcess server, byte[] csv)
    {
        var id = Id(await DryRunAsync(server, csv));
        var commit = await server.Client().PostAsJsonAsync($"/api/imports/{id}/commit", new { mode = "all-or-nothing" });
        Assert.Equal(HttpStatusCode.Accepted, commit.StatusCode);
        return await WaitForAsync(server, id, "done");
    }

    private static async Task<JsonObject> WaitForAsync(WebServerProcess server, long id, string state)
    {
        JsonObject run = null!;
        await Poll.UntilAsync(async () =>
        {
            run = await (await server.Client().GetAsync($"/api/imports/{id}")).JsonAsync();
            var status = run["status"]!.GetValue<string>();
            Assert.True(status == state || status is "validating" or "importing", $"run {id} ended {status}: {run["error"]}");
            return status == state;
        }, Patience, $"run {id} is {state}");
        return run;
    }

    private static long Id(JsonObject run) => run["id"]!.GetValue<long>();

    /// <summary>The streetlights without what differs between runs: ids, versions, audit stamps.</summary>
    private async Task<TableChecksum> StreetlightsChecksumAsync()
    {
        var columns = await registry.ScalarAsync<string>("""
            select string_agg('t.' || quote_ident(column_name), ', ' order by ordinal_position) from information_schema.columns
            where table_schema = 'public' and table_name = 'streetlights'
              and column_name not in ('id', 'version', 'created_at', 'created_by', 'updated_at', 'updated_by')
            """);
        return await TableChecksum.OfAsync(registry.ConnectionString, "streetlights", columns);
    }

    /// <summary>The history rows by asset code, without ids and times.</summary>
    private Task<TableChecksum> ChangesChecksumAsync() =>
        TableChecksum.OfAsync(registry.ConnectionString, "asset_changes", "t.collection, t.operation, t.version, t.changed_by, (select s.code from streetlights s where s.id = t.asset_id), t.before is null, t.after is null");

    /// <summary>The indexes and foreign keys of streetlights, each with its object id (one made again has a new one).</summary>
    private Task<string> IndexesAndKeysAsync() =>
        registry.ScalarAsync<string>($"select string_agg(d, E'\\n' order by d) from ({TableCatalog.IndexesAndKeys("streetlights")}) y");

    private Task<long> TileVersionAsync() =>
        registry.ScalarAsync<long>("select coalesce((select version from collection_versions where collection = 'streetlights'), 0)");

    private Task<long> CountAsync(string table) => registry.ScalarAsync<long>($"select count(*) from {table}");

    private Task<bool> TableExistsAsync(string table) => registry.ScalarAsync<bool>($"select to_regclass('{table}') is not null");

    private Task<long> SessionsAsync(string condition) =>
        registry.ScalarAsync<long>($"select count(*) from pg_stat_activity where application_name = '{App}' and {condition}");

    /// <summary>A killed client's session ends once its statement finishes; wait for it so the checks are final.</summary>
    private Task WaitForSessionsGoneAsync() =>
        Poll.UntilAsync(async () => await SessionsAsync("true") == 0, TimeSpan.FromSeconds(60), "the killed server's sessions are gone");

    private async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(registry.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
