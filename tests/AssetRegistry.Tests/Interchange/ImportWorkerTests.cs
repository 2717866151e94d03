using System.Net;
using System.Net.Http.Json;
using System.Text;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Tests.Operations;
using Microsoft.AspNetCore.Hosting;
using Npgsql;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Interchange;

/// <summary>
/// Several web processes on one database: each keeps its own import runs alive, and one starting (or sweeping)
/// fails only the runs of a process that has gone quiet for the lease, never a live neighbour's. The second process
/// is a second app host on the same database, with its own import worker (both with the default lease: a deployment
/// shares one).
/// </summary>
public sealed class ImportWorkerTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private const string Csv = "code,lamp_type,longitude,latitude\nSL-W-001,led,118.6757,24.8744\nSL-W-002,led,118.581,24.9168\n";

    private Task<string> StatusAsync(long id) => Fixture.ScalarAsync<string>("select status from import_runs where id = $1", id);

    [Fact]
    public async Task ASecondWebProcessStartingDuringAnImport_LeavesTheRunToTheFirst()
    {
        long id;
        // With the stored streetlights held, the first process's dry run waits after staging, still validating.
        await using (var locker = await Fixture.Db.OpenConnectionAsync())
        {
            await using var tx = await locker.BeginTransactionAsync();
            await using (var lockCmd = new NpgsqlCommand("lock table streetlights in access exclusive mode", locker, tx))
                await lockCmd.ExecuteNonQueryAsync();
            var upload = await Fixture.Client().UploadImportAsync("streetlights.csv", Encoding.UTF8.GetBytes(Csv), "streetlights");
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
            id = (await upload.JsonAsync())["id"]!.GetValue<long>();
            await Poll.UntilAsync(async () => await Fixture.ScalarAsync<long>(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%join \"streetlights\"%'") == 1,
                TimeSpan.FromSeconds(60), "the dry run waits for the stored streetlights");

            // A second web process starts on the same database; its start-up sweep runs before it answers.
            await using var second = Fixture.Factory.WithWebHostBuilder(_ => { });
            using var secondClient = second.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await secondClient.GetAsync("/health")).StatusCode);
            Assert.Equal("validating", await StatusAsync(id));
            await tx.RollbackAsync();
        }

        var run = await Fixture.Client().WaitForImportAsync(id, "validated", "failed");
        Assert.Equal("validated", run["status"]!.GetValue<string>());
        Assert.Equal(0, run["rowsRefused"]!.GetValue<long>());
    }

    [Fact]
    public async Task ARunWhoseProcessWentQuiet_IsFailedByTheNextProcessThatStarts_AndItsStagingDropped()
    {
        // A run a process claimed and stopped saying anything about ten minutes ago, with its staging left behind.
        var id = await Fixture.ScalarAsync<long>("""
            insert into import_runs (collection, format, file_name, file_path, status, mapping, created_by, created_at, worker, heartbeat_at)
            values ('streetlights', 'csv', 'gone.csv', '/nonexistent/gone.csv', 'validating', '{}'::jsonb, 't_engineer', now(), 'gone-host/1/x', now() - interval '10 minutes')
            returning id
            """);
        await Fixture.ExecuteAsync($"create unlogged table import_staging_{id} (import_row bigint)");

        await using var next = Fixture.Factory.WithWebHostBuilder(_ => { });
        using var client = next.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        Assert.Equal("failed", await StatusAsync(id));
        Assert.Contains("nothing was written", await Fixture.ScalarAsync<string>("select error_en from import_runs where id = $1", id));
        Assert.False(await Fixture.ScalarAsync<bool>($"select to_regclass('import_staging_{id}') is not null"));
    }

    [Fact]
    public async Task ADryRunNobodyCommitsWithinTheLimit_IsExpiredByTheSweep_WithItsStagingAndRefusalsDropped_AndCannotBeCommitted()
    {
        // Two dry runs with one refused row each: one left 73 hours ago, one 71 hours ago (the limit is 72).
        var csv = Csv + "SL-W-003,led,not-a-number,24.9\n";
        var client = Fixture.Client();
        var ids = new List<long>();
        foreach (var name in new[] { "old.csv", "young.csv" })
        {
            var upload = await client.UploadImportAsync(name, Encoding.UTF8.GetBytes(csv.Replace("SL-W-", name[..3] + "-")), "streetlights");
            Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
            var id = (await upload.JsonAsync())["id"]!.GetValue<long>();
            var validated = await client.WaitForImportAsync(id, "validated");
            Assert.Equal(1, validated["rowsRefused"]!.GetValue<long>());
            // The page shows until when the check is kept: the end of the dry run plus 72 hours.
            var endedAt = await Fixture.ScalarAsync<DateTime>("select heartbeat_at from import_runs where id = $1", id);
            var expiresAt = validated["expiresAt"]!.GetValue<DateTimeOffset>();
            Assert.Equal(endedAt.AddHours(72), expiresAt.UtcDateTime, TimeSpan.FromSeconds(1));
            Assert.True(expiresAt > DateTimeOffset.UtcNow.AddHours(71), $"kept until {expiresAt}");
            ids.Add(id);
        }
        await Fixture.ExecuteAsync(
            "update import_runs set heartbeat_at = now() - case id when $1 then interval '73 hours' else interval '71 hours' end where id = any($2)",
            ids[0], ids.ToArray());

        // The sweep of a web process starting (the periodic one is the same code).
        await using (var next = Fixture.Factory.WithWebHostBuilder(_ => { }))
        {
            using var nextClient = next.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await nextClient.GetAsync("/health")).StatusCode);
        }

        var expired = await (await client.GetAsync($"/api/imports/{ids[0]}")).JsonAsync();
        Assert.Equal("expired", expired["status"]!.GetValue<string>());
        Assert.Null(expired["expiresAt"]);
        Assert.Contains("neither imported nor discarded within 72 hours", expired["error"]!.GetValue<string>());
        Assert.False(await Fixture.ScalarAsync<bool>($"select to_regclass('import_staging_{ids[0]}') is not null"));
        Assert.Equal(0, await Fixture.ScalarAsync<long>("select count(*) from import_refusals where run_id = $1", ids[0]));
        Assert.Equal(0, await Fixture.ScalarAsync<long>("select count(*) from import_refused_rows where run_id = $1", ids[0]));
        var commit = await client.PostAsJsonAsync($"/api/imports/{ids[0]}/commit", new { mode = "valid-rows" });
        Assert.Equal(HttpStatusCode.Conflict, commit.StatusCode);
        Assert.StartsWith("The dry run has expired and cannot be committed. The dry run was neither imported nor discarded within 72 hours",
            (await commit.JsonAsync())["detail"]!.GetValue<string>());
        Assert.Equal(0, await Fixture.ScalarAsync<long>("select count(*) from streetlights where code like 'old-%'"));

        // The younger one is untouched and still imports its valid rows.
        Assert.Equal("validated", await StatusAsync(ids[1]));
        Assert.True(await Fixture.ScalarAsync<bool>($"select to_regclass('import_staging_{ids[1]}') is not null"));
        Assert.Equal(1, await Fixture.ScalarAsync<long>("select count(*) from import_refusals where run_id = $1", ids[1]));
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/imports/{ids[1]}/commit", new { mode = "valid-rows" })).StatusCode);
        await client.WaitForImportAsync(ids[1], "done");
        Assert.Equal(2, await Fixture.ScalarAsync<long>("select count(*) from streetlights where code like 'you-%'"));
    }

    [Fact]
    public async Task ADryRunPassingTheLimitWhileAProcessRuns_IsExpiredByAPeriodicSweep_NotOnlyAtStartUp()
    {
        // A process with the shortest lease (a sweep every 3.3 s) is up and has done its start-up sweep...
        await using var app = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Imports:WorkerLeaseSeconds", "10"));
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = Fixture.Client().DefaultRequestHeaders.Authorization;
        var upload = await client.UploadImportAsync("tick.csv", Encoding.UTF8.GetBytes(Csv.Replace("SL-W-", "TICK-")), "streetlights");
        Assert.Equal(HttpStatusCode.Accepted, upload.StatusCode);
        var id = (await upload.JsonAsync())["id"]!.GetValue<long>();
        await client.WaitForImportAsync(id, "validated");

        // ...when its dry run passes the limit: a later tick expires it, with its staging.
        await Fixture.ExecuteAsync("update import_runs set heartbeat_at = now() - interval '73 hours' where id = $1", id);
        await Poll.UntilAsync(async () => await StatusAsync(id) == "expired", TimeSpan.FromSeconds(20), "a periodic sweep expires the run");
        Assert.False(await Fixture.ScalarAsync<bool>($"select to_regclass('import_staging_{id}') is not null"));
        Assert.Equal(0, await Fixture.ScalarAsync<long>("select count(*) from streetlights where code like 'TICK-%'"));
    }

    [Fact]
    public void ALeaseShorterThanTenSeconds_StopsTheStartWithTheSettingNamed()
    {
        using var app = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Imports:WorkerLeaseSeconds", "2"));
        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Imports:WorkerLeaseSeconds must be at least 10", e.ToString());
    }
}
