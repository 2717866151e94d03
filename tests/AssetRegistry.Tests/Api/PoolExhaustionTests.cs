using AssetRegistry.Domain.Persistence;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AssetRegistry.Tests.Api;

/// <summary>
/// Every pooled connection busy for the pool's whole wait is a busy process, not a database outage: a 503 with
/// Retry-After that keeps the pools (emptying them would make every following request connect anew, under the load
/// that exhausted them). The exhaustion is real: a pool of one connection, held, and a second open that times out.
/// </summary>
public sealed class PoolExhaustionTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private static async Task<int> BackendAsync(NpgsqlDataSource dataSource)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("select pg_backend_pid()", conn);
        return (int)(await cmd.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task AnExhaustedPool_Answers503WithRetryAfter_AndKeepsThePool()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(Fixture.ConnectionString) { MaxPoolSize = 1, Timeout = 1, Pooling = true }.ConnectionString;
        await using var dataSource = PersistenceSetup.BuildDataSource(connectionString);
        var before = await BackendAsync(dataSource);
        Exception exhausted;
        await using (var held = await dataSource.OpenConnectionAsync())
            exhausted = await Assert.ThrowsAsync<NpgsqlException>(async () => await dataSource.OpenConnectionAsync());
        Assert.False(DatabaseOutage.Is(exhausted));

        var services = Fixture.Factory.Services;
        var handler = new DomainExceptionHandler(services.GetRequiredService<IProblemDetailsService>(),
            NullLogger<DomainExceptionHandler>.Instance, services.GetRequiredService<DatabaseOptions>(), new RegistryDataSources(dataSource, dataSource));
        var http = new DefaultHttpContext { RequestServices = services };
        http.Request.Method = "GET";
        http.Request.Path = "/ogc/collections/manholes/items";
        http.Request.Headers.AcceptLanguage = "zh-CN";
        http.Response.Body = new MemoryStream();

        Assert.True(await handler.TryHandleAsync(http, exhausted, default));
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        Assert.False(string.IsNullOrEmpty(http.Response.Headers.RetryAfter));
        http.Response.Body.Position = 0;
        Assert.Contains("服务器繁忙", await new StreamReader(http.Response.Body).ReadToEndAsync());
        Assert.Equal(before, await BackendAsync(dataSource)); // the pool kept its connection
    }
}
