using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Operations;

/// <summary>
/// Reads that tolerate a replication delay (item pages, tiles, sewer traces) go to the streaming replica; writes and
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
