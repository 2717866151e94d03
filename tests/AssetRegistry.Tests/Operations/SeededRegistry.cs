using AssetRegistry.Tests.Infrastructure;
using Npgsql;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Operations;

/// <summary>
/// A throwaway registry loaded as an operator would: the seed city at scale 0.05 (about 16,000 assets) through the
/// real <c>seed</c> command, the day's inspections through <c>schedule</c>, and one edit through the API (history).
/// </summary>
public sealed class SeededRegistry : ThrowawayRegistry
{
    /// <summary>The day every scheduler run in these tests plans for (a fixed date: runs compare equal).</summary>
    public const string Day = "2026-03-10";

    public SeededRegistry() : base("seeded")
    {
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var seed = await Scripts.WebCommandAsync(ConnectionString, "seed", "--scale", "0.05");
        Assert.True(seed.Code == 0, seed.Error + seed.Output);
        var schedule = await Scripts.WebCommandAsync(ConnectionString, "schedule", "--date", Day);
        Assert.True(schedule.Code == 0, schedule.Error + schedule.Output);
        await Client().CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" }));
    }

    /// <summary>The connection string with an application name, to find a process's sessions in pg_stat_activity.</summary>
    public string ConnectionStringFor(string applicationName) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { ApplicationName = applicationName }.ConnectionString;
}

[CollectionDefinition(Name)]
public sealed class SeededRegistryCollection : ICollectionFixture<SeededRegistry>
{
    public const string Name = "seeded throwaway registry";
}
