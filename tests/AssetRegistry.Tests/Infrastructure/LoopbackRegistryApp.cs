using AssetRegistry.Domain.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AssetRegistry.Tests.Infrastructure;

/// <summary>
/// The app on a real loopback Kestrel port against the test database, for clients that run as their own
/// process (GDAL cannot reach an in-memory TestServer). No Hangfire server runs in it.
/// </summary>
public sealed class LoopbackRegistryApp : IAsyncLifetime
{
    private WebApplicationFactory<Program> _factory = null!;

    /// <summary>http://127.0.0.1:port, without a trailing slash.</summary>
    public string BaseUrl { get; private set; } = "";

    public Task InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__" + PersistenceSetup.ConnectionName)
            ?? throw new InvalidOperationException("ConnectionStrings__AssetRegistry is not set: run the tests through ./test.sh.");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseTestSettings(connectionString);
            // A free loopback port: UseKestrel(0) on a WithWebHostBuilder factory keeps Kestrel's default :5000,
            // which collides with any other test run on the machine.
            b.UseUrls("http://127.0.0.1:0");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
