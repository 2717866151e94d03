using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Streets;
using AssetRegistry.Tests.Infrastructure;
using Npgsql;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Operations;

/// <summary>
/// Reads that tolerate a replication delay (item pages, tiles, sewer traces, park coverage) go to the streaming replica; writes and
/// a single feature with its ETag go to the primary. Shown by pausing the replica's replay: the app's own write is
/// visible where it must be and not yet on the replica's paths, then on both once the replica has caught up.
/// </summary>
public sealed class ReadReplicaTests(ReplicaPair pair) : IClassFixture<ReplicaPair>
{
    private const string Page = "/ogc/collections/manholes/items?limit=100";

    [Fact]
    public async Task WithReplayPaused_PagesTilesAndTracesLag_WhileWritesAndTheEditedFeatureAreOnThePrimary()
    {
        var client = ThrowawayRegistry.Client(pair.Factory);
        var before = Matched(await client.GetStringAsync(Page));
        await ReplicaPair.ScalarAsync<object>(pair.Replica, "select pg_wal_replay_pause()");
        (long Id, string ETag, JsonObject Feature) up, down;
        try
        {
            // Writes succeed: they went to the primary (the replica is read-only and would refuse them).
            var (a, b) = ((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.0005, Fengze.Lat));
            up = await client.CreateAsync("manholes", Feature(Point(a.Item1, a.Item2), new() { ["network"] = "sewage" }));
            down = await client.CreateAsync("manholes", Feature(Point(b.Item1, b.Item2), new() { ["network"] = "sewage", ["is_outfall"] = true }));
            await client.CreateAsync("sewer_segments", Feature(Line(a, b), new()
            {
                ["upstream_manhole_id"] = up.Id, ["downstream_manhole_id"] = down.Id, ["system"] = "sewage",
                ["upstream_invert_m"] = 5, ["downstream_invert_m"] = 4.5,
            }));

            // The edited feature and its ETag come from the primary: the client reads its own write.
            var one = await client.GetAsync($"/ogc/collections/manholes/items/{up.Id}");
            Assert.Equal(HttpStatusCode.OK, one.StatusCode);
            Assert.Equal(up.ETag, one.Headers.ETag!.ToString());

            // Pages, tiles and traces come from the replica, which has not replayed the writes yet.
            Assert.Equal(before, Matched(await client.GetStringAsync(Page)));
            Assert.Equal(HttpStatusCode.NoContent, (await client.GetAsync(TileOf(Fengze.Lon, Fengze.Lat))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/analysis/sewer/trace?from=manhole:{up.Id}")).StatusCode);
        }
        finally
        {
            await ReplicaPair.ScalarAsync<object>(pair.Replica, "select pg_wal_replay_resume()");
        }

        await pair.CaughtUpAsync();
        var health = JsonNode.Parse(await client.GetStringAsync("/health"))!;
        Assert.Equal("ok", health["replica"]!["status"]!.GetValue<string>());
        Assert.Equal(before + 2, Matched(await client.GetStringAsync(Page)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(TileOf(Fengze.Lon, Fengze.Lat))).StatusCode);
        var trace = JsonNode.Parse(await client.GetStringAsync($"/api/analysis/sewer/trace?from=manhole:{up.Id}"))!;
        Assert.Equal([down.Id], trace["outfallIds"]!.AsArray().Select(x => x!.GetValue<long>()));

        // Each server saw only its own pool.
        Assert.Equal(0L, await ReplicaPair.ScalarAsync<long>(pair.Primary, "select count(*) from pg_stat_activity where application_name = 'assetregistry-web-read'"));
        Assert.Equal(0L, await ReplicaPair.ScalarAsync<long>(pair.Replica, "select count(*) from pg_stat_activity where application_name = 'assetregistry-web'"));
        Assert.True(await ReplicaPair.ScalarAsync<long>(pair.Replica, "select count(*) from pg_stat_activity where application_name = 'assetregistry-web-read'") >= 1);
    }

    /// <summary>
    /// Both park coverage analyses (pgRouting's walk included) and the what-if run on the replica: with its replay
    /// paused, a parcel the primary already holds is missing from their figures, and counts once it has replayed. The
    /// park is the 100 m square at the fixture origin; the first parcel lies 300 m north of it, reached by a street
    /// from 50 m off the park's north side; the second parcel is 3 km east, out of every service area.
    /// </summary>
    [Fact]
    public async Task CoverageAnalyses_RunOnTheReplica_AndCountAPrimaryEditOnlyAfterReplay()
    {
        var client = ThrowawayRegistry.Client(pair.Factory);
        await client.CreateAsync("parks", Feature(await RectangleAsync(0, 0, 100, 100), new() { ["park_class"] = "community", ["name"] = "江南公园" }));
        await client.CreateAsync("residential_areas", Feature(await RectangleAsync(0, 400, 100, 500), new() { ["name"] = "北岸小区" }));
        await ReplicaPair.ScalarAsync<int>(pair.Primary, $"""
            with o as ({Origin}),
                 g as (select ST_Transform(ST_SetSRID(ST_MakeLine(ST_Point(ST_X(p) + 50, ST_Y(p) + 150), ST_Point(ST_X(p) + 50, ST_Y(p) + 450)), 4549), 4326) as g from o),
                 i as (insert into streets (name, road_class, geometry, length_m) select '滨江路', 'branch', g, ST_Length(g::geography) from g returning 1)
            select count(*)::int from i
            """);
        await using (var primary = PersistenceSetup.BuildDataSource(pair.Primary))
            Assert.Equal(2, await StreetNetwork.BuildTopologyAsync(primary));
        await pair.CaughtUpAsync();

        var planner = ThrowawayRegistry.Client(pair.Factory, "planner");
        var first = JsonNode.Parse(await planner.GetStringAsync("/api/analysis/park-coverage?mode=both"))!;
        Assert.Equal(10_000, first["city"]!["residentialM2"]!.GetValue<double>(), 0);
        Assert.Equal(100.0, first["city"]!["coveragePercent"]!.GetValue<double>(), 1);
        var walked = first["walking"]!["city"]!["coveredM2"]!.GetValue<double>();
        Assert.InRange(walked, 5_000, 9_999); // the corridor's 50 m along the street and its round end, not the whole parcel
        Assert.Equal(1, first["walking"]!["network"]!["streetEdges"]!.GetValue<long>());

        await ReplicaPair.ScalarAsync<object>(pair.Replica, "select pg_wal_replay_pause()");
        try
        {
            await client.CreateAsync("residential_areas", Feature(await RectangleAsync(3000, 0, 3100, 100), new() { ["name"] = "东郊小区" }));
            foreach (var mode in new[] { "straight", "walking" })
            {
                var lagging = JsonNode.Parse(await planner.GetStringAsync($"/api/analysis/park-coverage?mode={mode}"))!;
                Assert.Equal(10_000, lagging["city"]!["residentialM2"]!.GetValue<double>(), 0);
                var uncovered = JsonNode.Parse(await planner.GetStringAsync($"/api/analysis/park-coverage/uncovered?mode={mode}"))!;
                Assert.Equal(mode == "straight" ? 0 : 1, uncovered["features"]!.AsArray().Count);
            }
            // A proposed park 100 m north of the new parcel would cover it; the replica has no such parcel yet.
            var lagged = await WhatIfAsync(planner);
            Assert.Equal(10_000, lagged["report"]!["city"]!["residentialM2"]!.GetValue<double>(), 0);
            Assert.Equal(0.0, lagged["report"]!["city"]!["newlyCoveredM2"]!.GetValue<double>());
        }
        finally
        {
            await ReplicaPair.ScalarAsync<object>(pair.Replica, "select pg_wal_replay_resume()");
        }

        await pair.CaughtUpAsync();
        var after = JsonNode.Parse(await planner.GetStringAsync("/api/analysis/park-coverage?mode=both"))!;
        Assert.Equal(20_000, after["city"]!["residentialM2"]!.GetValue<double>(), 0);
        Assert.Equal(50.0, after["city"]!["coveragePercent"]!.GetValue<double>(), 1);
        Assert.Equal(walked, after["walking"]!["city"]!["coveredM2"]!.GetValue<double>(), 1);
        Assert.Equal(10_000, (await WhatIfAsync(planner))["report"]!["city"]!["newlyCoveredM2"]!.GetValue<double>(), 0);
        Assert.Equal(0L, await ReplicaPair.ScalarAsync<long>(pair.Primary, "select count(*) from pg_stat_activity where application_name = 'assetregistry-web-read'"));
    }

    /// <summary>
    /// A long analysis on the replica that the replay must cancel: the primary takes an exclusive lock on <c>parks</c>
    /// (the replica replays it and holds it), the walking analysis reads its parameters, then waits for <c>parks</c>;
    /// the primary then locks <c>coverage_parameters</c>, which the waiting analysis holds. The replay and the
    /// analysis wait on each other and the replica cancels the analysis after <c>max_standby_streaming_delay</c>
    /// (40001; 2 s on the test's replica): a 503 with Retry-After, and the next request runs.
    /// </summary>
    [Fact]
    public async Task AnAnalysisTheReplayCancels_Answers503WithRetryAfter_AndTheNextOneRuns()
    {
        var planner = ThrowawayRegistry.Client(pair.Factory, "planner");
        await using var primary = new NpgsqlConnection(pair.Primary);
        await primary.OpenAsync();
        await using (var tx = await primary.BeginTransactionAsync())
        {
            await ExecuteAsync(primary, tx, "lock table parks in access exclusive mode");
            await FlushWalAsync();
            await Poll.UntilAsync(async () => await ReplicaPair.ScalarAsync<long>(pair.Replica,
                    "select count(*) from pg_locks where relation = 'parks'::regclass and mode = 'AccessExclusiveLock'") > 0,
                TimeSpan.FromSeconds(30), "the replica replays the lock on parks");
            var request = planner.GetAsync("/api/analysis/park-coverage?mode=walking");
            await Poll.UntilAsync(async () => await ReplicaPair.ScalarAsync<long>(pair.Replica,
                    "select count(*) from pg_stat_activity where application_name = 'assetregistry-web-read' and wait_event_type = 'Lock'") > 0,
                TimeSpan.FromSeconds(30), "the analysis waits for parks on the replica");
            await ExecuteAsync(primary, tx, "lock table coverage_parameters in access exclusive mode");
            await FlushWalAsync();

            var response = await request;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.NotNull(response.Headers.RetryAfter);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("The database cancelled the query.", problem["title"]!.GetValue<string>());
            await tx.RollbackAsync();
        }
        await pair.CaughtUpAsync();
        Assert.Equal(HttpStatusCode.OK, (await planner.GetAsync("/api/analysis/park-coverage?mode=walking")).StatusCode);
    }

    /// <summary>Makes the primary flush its WAL, so the replica receives an open transaction's lock now: the cluster
    /// commits asynchronously, and a lone lock record would wait for the WAL writer to fill a page.</summary>
    private Task FlushWalAsync() => ReplicaPair.ScalarAsync<object>(pair.Primary,
        "begin; set local synchronous_commit = on; select txid_current(); commit;");

    private static async Task ExecuteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn, tx);
        await cmd.ExecuteNonQueryAsync();
    }

    private async Task<JsonNode> WhatIfAsync(HttpClient planner)
    {
        var response = await planner.PostAsync("/api/analysis/park-coverage/what-if?mode=straight",
            Body(new JsonObject { ["parks"] = new JsonArray(await RectangleAsync(3000, 200, 3100, 300)) }, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private const string Origin = MetricFixture.Origin;

    private Task<JsonObject> RectangleAsync(double x1, double y1, double x2, double y2) =>
        MetricFixture.RectangleAsync(pair.Primary, x1, y1, x2, y2);

    private static long Matched(string page) => JsonNode.Parse(page)!["numberMatched"]!.GetValue<long>();

    /// <summary>The zoom-16 WebMercatorQuad tile (z/y/x) holding a WGS 84 point.</summary>
    private static string TileOf(double lon, double lat)
    {
        const int z = 16;
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var rad = lat * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * n);
        return $"/ogc/collections/manholes/tiles/WebMercatorQuad/{z}/{y}/{x}";
    }
}
