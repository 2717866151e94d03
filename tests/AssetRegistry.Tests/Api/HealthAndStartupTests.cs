using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Web.Cli;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace AssetRegistry.Tests.Api;

/// <summary>/health answers with versions or 503; a missing or unreachable database stops start-up with one line.</summary>
public sealed class HealthAndStartupTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task Health_DatabaseUp_Returns200WithVersions()
    {
        var response = await Fixture.Client(role: null).GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("PostgreSQL 15", json["database"]!.GetValue<string>());
        Assert.StartsWith("3.", json["postgis"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_DatabaseGoesAway_Returns503ThenRecovers()
    {
        // The app talks to PostgreSQL through a TCP relay that the test can cut, as a network fault would.
        var target = new NpgsqlConnectionStringBuilder(Fixture.ConnectionString);
        await using var relay = new TcpRelay(target.Host!, target.Port);
        target.Host = "127.0.0.1";
        target.Port = relay.Port;
        target.Timeout = 3;
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseTestSettings(target.ConnectionString);
        });
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);

        relay.Stop();
        var down = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        Assert.Equal("application/problem+json", down.Content.Headers.ContentType!.MediaType);

        relay.Start();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Migrate_BlankConnectionString_FailsWithOneLine()
    {
        var (code, error) = await RunCommandAsync("");
        Assert.Equal(1, code);
        Assert.Equal("error: no database configured: set ConnectionStrings__AssetRegistry (./run.sh does this for the local cluster)", error.Trim());
    }

    [Fact]
    public async Task Migrate_UnreachableDatabase_FailsWithOneLine()
    {
        var (code, error) = await RunCommandAsync("Host=127.0.0.1;Port=1;Database=nowhere;Username=nobody;Timeout=2");
        Assert.Equal(1, code);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: cannot reach the database nowhere at 127.0.0.1:1 as nobody", error);
    }

    private static async Task<(int Code, string Error)> RunCommandAsync(string connectionString)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:AssetRegistry"] = connectionString,
        }).Build();
        var stderr = new StringWriter();
        var original = Console.Error;
        Console.SetError(stderr);
        try
        {
            var code = await CommandLine.RunAsync(["migrate"], config);
            return (code, stderr.ToString());
        }
        finally
        {
            Console.SetError(original);
        }
    }
}
