using System.Diagnostics;
using System.Net;
using AssetRegistry.Tests.Infrastructure;
using Npgsql;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Operations;

/// <summary>
/// PostgreSQL goes away under a running app (a cluster of the test's own, stopped or restarted with pg_ctl -m fast):
/// requests fail quickly with a 503 problem that says when to retry and shows no exception text, and the same app
/// instance serves again once the server is back.
/// </summary>
public sealed class DatabaseRestartTests(ThrowawayRegistry registry) : IClassFixture<ThrowawayRegistry>
{
    private const string Items = "/ogc/collections/manholes/items?limit=10";

    // What a request may take while the server is down: refused connections fail at once; the configured connect
    // timeout (Database:ConnectTimeoutSeconds, 5 s) bounds a connection attempt that hangs.
    private static readonly TimeSpan Quick = TimeSpan.FromSeconds(6);

    [Fact]
    public async Task DatabaseStopped_RequestsGet503WithRetryAfterQuickly_AndSucceedOnceItIsBack()
    {
        var client = registry.Client();
        await client.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" }));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Items)).StatusCode);

        await registry.Cluster.StopAsync();
        try
        {
            foreach (var path in new[] { Items, "/ogc/collections/manholes/tiles/WebMercatorQuad/15/13901/27137", "/health" })
            {
                var watch = Stopwatch.StartNew();
                var response = await client.GetAsync(path);
                watch.Stop();
                await AssertOutageProblemAsync(response);
                Assert.True(watch.Elapsed < Quick, $"{path} took {watch.Elapsed.TotalSeconds:0.0} s while the database was down");
            }
        }
        finally
        {
            await registry.Cluster.StartAsync();
        }

        await Poll.UntilAsync(async () => (await client.GetAsync(Items)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "items answer 200 again after the database came back");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Contains("\"numberMatched\":1", await client.GetStringAsync(Items));
    }

    [Fact]
    public async Task RestartWhileRequestsWait_TheyGet503NotAServerError_AndTheAppServesAgain()
    {
        var client = registry.Client();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Items)).StatusCode);

        // Hold the table so the requests are in flight, waiting inside PostgreSQL, when the restart comes. The lock
        // is held by a prepared transaction, which outlives its session and the restart: held by a plain session,
        // it was let go when that session was ended, and a waiting request whose own end had not come yet could
        // take the table and answer 200 before the shutdown reached it.
        const string Hold = "hold-manholes";
        try
        {
            await using (var locker = new NpgsqlConnection(registry.ConnectionString))
            {
                await locker.OpenAsync();
                foreach (var sql in new[] { "begin", "lock table manholes in access exclusive mode", $"prepare transaction '{Hold}'" })
                    await using (var cmd = new NpgsqlCommand(sql, locker))
                        await cmd.ExecuteNonQueryAsync();
            }
            var inFlight = Enumerable.Range(0, 4).Select(_ => client.GetAsync(Items)).ToArray();
            await Poll.UntilAsync(async () => await registry.ScalarAsync<long>(
                    "select count(*) from pg_stat_activity where application_name = 'assetregistry-web' and wait_event_type = 'Lock'") >= inFlight.Length,
                TimeSpan.FromSeconds(30), "four item requests wait on the locked table");

            var watch = Stopwatch.StartNew();
            await registry.Cluster.RestartAsync();
            foreach (var response in await Task.WhenAll(inFlight)) await AssertOutageProblemAsync(response);
            Assert.True(watch.Elapsed < Quick + TimeSpan.FromSeconds(10), $"the waiting requests ended {watch.Elapsed.TotalSeconds:0.0} s after the restart began");
        }
        finally
        {
            await using var conn = new NpgsqlConnection(registry.ConnectionString);
            await conn.OpenAsync();
            await using var held = new NpgsqlCommand($"select count(*) from pg_prepared_xacts where gid = '{Hold}'", conn);
            if ((long)(await held.ExecuteScalarAsync())! > 0)
                await using (var release = new NpgsqlCommand($"rollback prepared '{Hold}'", conn))
                    await release.ExecuteNonQueryAsync();
        }

        await Poll.UntilAsync(async () => (await client.GetAsync(Items)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "items answer 200 again after the restart");
    }

    private static async Task AssertOutageProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After names a delay");
        Assert.Contains("The database is not available.", body);
        Assert.DoesNotContain("Exception", body);
        Assert.DoesNotContain("Npgsql", body);
        Assert.DoesNotContain("57P", body);
    }
}
