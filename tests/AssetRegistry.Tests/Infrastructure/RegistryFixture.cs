using System.Net.Http.Headers;
using System.Text;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Users;
using AssetRegistry.Web.Cli;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AssetRegistry.Tests.Infrastructure;

/// <summary>
/// One database bootstrap for the whole run: the PostGIS database that ./test.sh started and named in
/// ConnectionStrings__AssetRegistry, migrated once, with one user per role. Tests call <see cref="ResetAsync"/>
/// to start from an empty registry (districts and users stay).
/// </summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public const string Password = "Test-pass-2024";

    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public NpgsqlDataSource Db { get; private set; } = null!;
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        ConnectionString = Environment.GetEnvironmentVariable("ConnectionStrings__" + PersistenceSetup.ConnectionName)
            ?? throw new InvalidOperationException("ConnectionStrings__AssetRegistry is not set: run the tests through ./test.sh.");
        Db = PersistenceSetup.BuildDataSource(ConnectionString);
        await CommandLine.MigrateAsync(Db);
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseTestSettings(ConnectionString);
        });
        await EnsureTestUsersAsync(Factory.Services);
        await ResetAsync();
    }

    /// <summary>Creates the test user of every role (t_admin, t_engineer, …) in the database of <paramref name="services"/>'s app.</summary>
    public static async Task EnsureTestUsersAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        foreach (var role in Roles.All)
        {
            var name = "t_" + role;
            if (await users.FindByNameAsync(name) is not null) continue;
            var user = new RegistryUser { UserName = name };
            var created = await users.CreateAsync(user, Password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(user, role);
        }
    }

    /// <summary>Empties every asset table, the history and the inspection work, and restores the default
    /// inspection rules and coverage targets, so no test depends on another's data.</summary>
    public async Task ResetAsync()
    {
        var tables = string.Join(", ", AssetKinds.All.Select(k => k.Table)
            .Concat(["asset_changes", "inspection_tasks", "work_lists", "campaigns", "alerts", "crews", "inspection_rules", "streets", "street_vertices",
                "import_runs", "coverage_targets"]));
        await using (var cmd = Db.CreateCommand($"truncate {tables} restart identity cascade"))
            await cmd.ExecuteNonQueryAsync();
        // The staging tables of runs a test left validated and never committed or discarded (in production the sweep
        // expires them); run ids start again at 1, so none may be left for a new run's name.
        await ExecuteAsync("""
            do $$ declare t text; begin
              for t in select relname from pg_class where relkind = 'r' and relnamespace = 'public'::regnamespace
                         and relname ~ '^import_(staging|districts)_[0-9]+$' loop
                execute format('drop table %I', t);
              end loop;
            end $$
            """);
        await Domain.Inspections.InspectionRuleSeeder.EnsureDefaultsAsync(Db);
        await Domain.Analysis.AnalysisRuleSeeder.EnsureDefaultsAsync(Db);
    }

    /// <summary>A client signed in with HTTP Basic as the test user of <paramref name="role"/>; null for anonymous.</summary>
    public HttpClient Client(string? role = Roles.Engineer) => Client(Factory, role);

    /// <summary>The same, of a host built from <see cref="Factory"/> with other settings.</summary>
    public HttpClient Client(WebApplicationFactory<Program> factory, string? role = Roles.Engineer)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (role is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"t_{role}:{Password}")));
        return client;
    }

    /// <summary>Runs a scalar query against the database directly (to check what the API really stored).</summary>
    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var p in parameters) cmd.Parameters.Add(new NpgsqlParameter { Value = p });
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Runs a statement against the database directly (a change made outside the API); returns the rows it touched.</summary>
    public async Task<int> ExecuteAsync(string sql, params object[] parameters)
    {
        await using var cmd = Db.CreateCommand(sql);
        foreach (var p in parameters) cmd.Parameters.Add(new NpgsqlParameter { Value = p });
        return await cmd.ExecuteNonQueryAsync();
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Db.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class RegistryCollection : ICollectionFixture<RegistryFixture>
{
    public const string Name = "registry database";
}

/// <summary>Base for tests on the shared database: resets the registry before each test.</summary>
[Collection(RegistryCollection.Name)]
public abstract class RegistryTest(RegistryFixture fixture) : IAsyncLifetime
{
    protected RegistryFixture Fixture { get; } = fixture;

    public Task InitializeAsync() => Fixture.ResetAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}
