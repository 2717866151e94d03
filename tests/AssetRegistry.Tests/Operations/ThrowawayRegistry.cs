using System.Net.Http.Headers;
using System.Text;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Web.Cli;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace AssetRegistry.Tests.Operations;

/// <summary>
/// A migrated registry database on a <see cref="ThrowawayCluster"/> of its own, with the test users, and an app
/// instance (in-memory server, no Hangfire server) pointed at it.
/// </summary>
public class ThrowawayRegistry : IAsyncLifetime
{
    private readonly string _name;

    public ThrowawayRegistry() : this("registry")
    {
    }

    protected ThrowawayRegistry(string name) => _name = name;

    public ThrowawayCluster Cluster { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Cluster = await ThrowawayCluster.CreateAsync(_name);
        ConnectionString = await Cluster.CreateDatabaseAsync("registry");
        await using (var db = PersistenceSetup.BuildDataSource(ConnectionString))
            await CommandLine.MigrateAsync(db);
        // The app pools its connections as in production (the test's own checks do not): after a restart the pool
        // holds dead connections, which is part of what recovery must handle.
        Factory = App(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = true }.ConnectionString);
        await RegistryFixture.EnsureTestUsersAsync(Factory.Services);
    }

    /// <summary>An app instance on <paramref name="connectionString"/> (Testing environment, no job server).</summary>
    public static WebApplicationFactory<Program> App(string connectionString, IDictionary<string, string>? settings = null) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseTestSettings(connectionString);
            foreach (var (k, v) in settings ?? new Dictionary<string, string>()) b.UseSetting(k, v);
        });

    /// <summary>A client signed in with HTTP Basic as the test user of <paramref name="role"/>.</summary>
    public HttpClient Client(string role = "engineer") => Client(Factory, role);

    public static HttpClient Client(WebApplicationFactory<Program> factory, string role = "engineer")
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"t_{role}:{RegistryFixture.Password}")));
        return client;
    }

    /// <summary>Runs a scalar query on the registry database with a connection of its own.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var conn = new NpgsqlConnection(ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    public virtual async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}
