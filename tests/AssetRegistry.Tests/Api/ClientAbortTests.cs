using AssetRegistry.Domain.Persistence;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
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

    private static async Task<int> BackendAsync(NpgsqlDataSource dataSource)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("select pg_backend_pid()", conn);
        return (int)(await cmd.ExecuteScalarAsync())!;
    }

    private async Task<(int Status, bool PoolKept)> HandleAsync(bool clientGone)
    {
        await using var dataSource = PersistenceSetup.BuildDataSource(Fixture.ConnectionString);
        var before = await BackendAsync(dataSource);
        var services = Fixture.Factory.Services;
        var handler = new DomainExceptionHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(),
            NullLogger<DomainExceptionHandler>.Instance, services.GetRequiredService<DatabaseOptions>(), new RegistryDataSources(dataSource, dataSource));
        using var aborted = new CancellationTokenSource();
        if (clientGone) await aborted.CancelAsync();
        var http = new DefaultHttpContext { RequestServices = services, RequestAborted = aborted.Token };
        http.Request.Method = "GET";
        http.Request.Path = "/ogc/collections/manholes/tiles/WebMercatorQuad/15/27100/14040";
        http.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(http, BrokenByACancellationThatTimedOut(), default));
        return (http.Response.StatusCode, await BackendAsync(dataSource) == before);
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
