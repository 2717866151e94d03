using AssetRegistry.Domain.Persistence;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace AssetRegistry.Tests.Api;

/// <summary>
/// Every pooled connection busy for the pool's whole wait is a busy process, not a database outage: a 503 with
/// Retry-After that keeps the pools (emptying them would make every following request connect anew, under the load
/// that exhausted them). The exhaustion is real: a pool of one connection, held, and a second open that times out.
/// </summary>
public sealed class PoolExhaustionTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task AnExhaustedPool_Answers503WithRetryAfter_AndKeepsThePool()
    {
        var connectionString = new NpgsqlConnectionStringBuilder(Fixture.ConnectionString) { MaxPoolSize = 1, Timeout = 1, Pooling = true }.ConnectionString;
        await using var dataSource = PersistenceSetup.BuildDataSource(connectionString);
        var before = await HandlerProbe.BackendAsync(dataSource);
        Exception exhausted;
        await using (var held = await dataSource.OpenConnectionAsync())
            exhausted = await Assert.ThrowsAsync<NpgsqlException>(async () => await dataSource.OpenConnectionAsync());
        Assert.False(DatabaseOutage.Is(exhausted));

        var response = await HandlerProbe.HandleAsync(Fixture, dataSource, exhausted, "/ogc/collections/manholes/items", acceptLanguage: "zh-CN");
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(response.Headers.RetryAfter));
        Assert.Contains("服务器繁忙", await new StreamReader(response.Body).ReadToEndAsync());
        Assert.Equal(before, await HandlerProbe.BackendAsync(dataSource)); // the pool kept its connection
    }
}
