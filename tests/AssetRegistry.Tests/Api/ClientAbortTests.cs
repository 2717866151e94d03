using AssetRegistry.Domain.Persistence;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace AssetRegistry.Tests.Api;

/// <summary>
/// A client that goes away while its query runs: the cancellation can outlast Npgsql's wait for it, and Npgsql then
/// breaks the connection with an I/O error that looks like an outage. That must not empty the connection pools (every
/// other request would reconnect, under the load that caused it) nor count as one; a real outage still does both.
/// The pool is seen through the server process behind a pooled connection: the same one means it was kept.
/// </summary>
public sealed class ClientAbortTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private static NpgsqlException BrokenByACancellationThatTimedOut() =>
        new("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"));

    private async Task<(int Status, bool PoolKept)> HandleAsync(bool clientGone)
    {
        await using var dataSource = PersistenceSetup.BuildDataSource(Fixture.ConnectionString);
        var before = await HandlerProbe.BackendAsync(dataSource);
        using var aborted = new CancellationTokenSource();
        if (clientGone) await aborted.CancelAsync();
        var response = await HandlerProbe.HandleAsync(Fixture, dataSource, BrokenByACancellationThatTimedOut(),
            "/ogc/collections/manholes/tiles/WebMercatorQuad/15/27100/14040", aborted.Token);
        return (response.StatusCode, await HandlerProbe.BackendAsync(dataSource) == before);
    }

    [Fact]
    public async Task AQueryBrokenBecauseTheClientLeft_KeepsThePools_AndIsNoOutage()
    {
        var (status, poolKept) = await HandleAsync(clientGone: true);
        Assert.Equal(StatusCodes.Status499ClientClosedRequest, status);
        Assert.True(poolKept);
    }

    [Fact]
    public async Task TheSameErrorWithTheClientStillThere_IsAnOutage_AndEmptiesThePools()
    {
        var (status, poolKept) = await HandleAsync(clientGone: false);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.False(poolKept);
    }
}
