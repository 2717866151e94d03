using System.Collections.Concurrent;
using System.Net;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Operations;

/// <summary>
/// A client that leaves while its page or tile is being read (Leaflet abandoning the tiles of a view panned away
/// from, wrk ending a run) does not cancel the statement: it finishes on its pooled connection, which then serves
/// the next request. Longer work (an analysis, an export) is not marked and still stops with its client.
/// </summary>
public sealed class ShortReadsTests(ShortReadsTests.Registry registry) : IClassFixture<ShortReadsTests.Registry>
{
    /// <summary>The registry with a recorder in front of the app's pipeline: when each request's client left, and
    /// the status the app gave the request when it ended.</summary>
    public sealed class Registry : ThrowawayRegistry
    {
        public Registry() : base("abort")
        {
        }

        public ConcurrentDictionary<string, TaskCompletionSource> Left { get; } = new();
        public ConcurrentDictionary<string, TaskCompletionSource<int>> Ended { get; } = new();
        public WebApplicationFactory<Program> Recorded { get; private set; } = null!;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            // A grace longer than any of these tests, so that a read abandoned here is never cancelled by it
            // (AbandonedReadGrace… sets its own).
            Recorded = Factory.WithWebHostBuilder(b => b.UseSetting("Database:AbandonedReadGraceSeconds", "600")
                .ConfigureServices(s => s.AddSingleton<IStartupFilter>(new Recorder(this))));
        }

        public override async Task DisposeAsync()
        {
            if (Recorded is not null) await Recorded.DisposeAsync();
            await base.DisposeAsync();
        }

        private sealed class Recorder(Registry registry) : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                app.Use(async (HttpContext http, RequestDelegate rest) =>
                {
                    var key = http.Request.Path + http.Request.QueryString;
                    // Registered before anything the request runs, so it is called after their own callbacks
                    // (a token calls its callbacks last registered first): after Npgsql would have sent its cancel.
                    using var left = http.RequestAborted.Register(() => registry.Left.GetOrAdd(key, _ => new()).TrySetResult());
                    try { await rest(http); }
                    finally { registry.Ended.GetOrAdd(key, _ => new()).TrySetResult(http.Response.StatusCode); }
                });
                next(app);
            };
        }
    }

    private const string Waiting = "select pid from pg_stat_activity where application_name = 'assetregistry-web' and wait_event_type = 'Lock'";

    // Each request of a case has a URL of its own (the recorder keys on it): a page, or a tile (?v= names no
    // current version, so it changes only the caching) holding the manhole at Fengze.
    [Theory]
    [InlineData("/ogc/collections/manholes/items?limit=", "10", "11", "12")]
    [InlineData("/ogc/collections/manholes/tiles/WebMercatorQuad/15/14045/27186?v=", "warm", "abort", "after")]
    public async Task ClientLeavesWhileItsReadWaits_TheStatementFinishes_AndItsConnectionServesTheNextRequest(
        string url, string warm, string abort, string after)
    {
        var client = ThrowawayRegistry.Client(registry.Recorded);
        await using var held = await LeaveWhileWaitingAsync(client, url, warm, abort);
        // The app has seen its client go. Had it cancelled the statement, PostgreSQL would have it ended by now, the
        // lock still held: the statement is still waiting on the same connection.
        Assert.True(await registry.ScalarAsync<long>($"select count(*) from ({Waiting}) w where pid = {held.Backend}") == 1,
            "the statement is still waiting on the locked table after its client left (it was not cancelled)");

        await held.Hold.CommitAsync();
        var status = await registry.Ended.GetOrAdd(url + abort, _ => new()).Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(StatusCodes.Status200OK, status);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.Request);
        Assert.Equal("idle", await registry.ScalarAsync<string>($"select state from pg_stat_activity where pid = {held.Backend}"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url + after)).StatusCode);
    }

    [Theory]
    [InlineData("/ogc/collections/manholes/items?limit=", "20", "21", "22")]
    [InlineData("/ogc/collections/manholes/tiles/WebMercatorQuad/15/14045/27186?v=", "warm-grace", "abort-grace", "after-grace")]
    public async Task AReadStillWaitingTheGraceAfterItsClientLeft_IsCancelled_AndGivesItsConnectionBack(
        string url, string warm, string abort, string after)
    {
        await using var app = registry.Recorded.WithWebHostBuilder(b => b.UseSetting("Database:AbandonedReadGraceSeconds", "2"));
        var client = ThrowawayRegistry.Client(app);
        await using var held = await LeaveWhileWaitingAsync(client, url, warm, abort);
        var left = System.Diagnostics.Stopwatch.StartNew();
        Assert.True(await registry.ScalarAsync<long>($"select count(*) from ({Waiting}) w where pid = {held.Backend}") == 1,
            "the statement still waits just after its client left");

        // The table stays locked: only the grace ends the statement, and the request ends as one whose client left,
        // well before the command's own 30-s timeout would have ended it.
        var status = await registry.Ended.GetOrAdd(url + abort, _ => new()).Task.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.Equal(StatusCodes.Status499ClientClosedRequest, status);
        Assert.True(left.Elapsed >= TimeSpan.FromSeconds(1.5), $"cancelled {left.Elapsed.TotalSeconds:0.0} s after the client left");
        await Poll.UntilAsync(async () => await registry.ScalarAsync<long>($"select count(*) from ({Waiting}) w") == 0,
            TimeSpan.FromSeconds(30), "no statement waits on the locked table any more");
        Assert.Equal(1, await registry.ScalarAsync<long>("select count(*) from pg_locks where relation = 'manholes'::regclass and mode = 'AccessExclusiveLock' and granted"));

        await held.Hold.RollbackAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url + after)).StatusCode);
    }

    [Fact]
    public async Task ClientLeftAndThenItsConnectionBreaks_IsAnAbortedRequest_NotAnOutage()
    {
        const string Url = "/ogc/collections/manholes/tiles/WebMercatorQuad/15/14045/27186?v=";
        var client = ThrowawayRegistry.Client(registry.Recorded);
        await using var held = await LeaveWhileWaitingAsync(client, Url, "warm-broken", "broken");
        await registry.ScalarAsync<bool>($"select pg_terminate_backend({held.Backend})");

        // The request's token no longer says the client left, but the exception handler still knows: 499, written
        // to nobody, rather than the 503 of an outage (which would also have emptied the pools).
        var status = await registry.Ended.GetOrAdd(Url + "broken", _ => new()).Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(StatusCodes.Status499ClientClosedRequest, status);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held.Request);
        await held.Hold.RollbackAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Url + "after-broken")).StatusCode);
    }

    /// <summary>A request whose statement waits on the locked <c>manholes</c>, and whose client has then left (the
    /// app has seen it go). Disposing it lets the table go.</summary>
    private async Task<HeldRequest> LeaveWhileWaitingAsync(HttpClient client, string url, string warm, string abort)
    {
        if (await registry.ScalarAsync<long>("select count(*) from manholes") == 0)
            await client.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" }));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url + warm)).StatusCode);

        var locker = new NpgsqlConnection(registry.ConnectionString);
        await locker.OpenAsync();
        var hold = await locker.BeginTransactionAsync();
        await using (var lockTable = new NpgsqlCommand("lock table manholes in access exclusive mode", locker, hold))
            await lockTable.ExecuteNonQueryAsync();

        var leave = new CancellationTokenSource();
        var request = client.GetAsync(url + abort, leave.Token);
        await Poll.UntilAsync(async () => await registry.ScalarAsync<long>($"select count(*) from ({Waiting}) w") == 1,
            TimeSpan.FromSeconds(30), "the request's statement waits on the locked table");
        var backend = await registry.ScalarAsync<int>(Waiting);
        await leave.CancelAsync();
        await registry.Left.GetOrAdd(url + abort, _ => new()).Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new HeldRequest(locker, hold, leave, request, backend);
    }

    private sealed record HeldRequest(NpgsqlConnection Locker, NpgsqlTransaction Hold, CancellationTokenSource Leave,
        Task<HttpResponseMessage> Request, int Backend) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Hold.DisposeAsync(); // rolls back if neither committed nor rolled back
            await Locker.DisposeAsync();
            Leave.Dispose();
        }
    }
}
