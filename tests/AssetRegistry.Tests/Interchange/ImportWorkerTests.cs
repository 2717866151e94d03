using System.Net;
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
        await using (var staging = Fixture.Db.CreateCommand($"create unlogged table import_staging_{id} (import_row bigint)"))
            await staging.ExecuteNonQueryAsync();

        await using var next = Fixture.Factory.WithWebHostBuilder(_ => { });
        using var client = next.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        Assert.Equal("failed", await StatusAsync(id));
        Assert.Contains("nothing was written", await Fixture.ScalarAsync<string>("select error_en from import_runs where id = $1", id));
        Assert.False(await Fixture.ScalarAsync<bool>($"select to_regclass('import_staging_{id}') is not null"));
    }

    [Fact]
    public void ALeaseShorterThanTenSeconds_StopsTheStartWithTheSettingNamed()
    {
        using var app = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Imports:WorkerLeaseSeconds", "2"));
        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Imports:WorkerLeaseSeconds must be at least 10", e.ToString());
    }
}
