using System.Globalization;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.GisSeed;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AssetRegistry.Web.Cli;

/// <summary>
/// The non-serving entry points: <c>migrate</c> and <c>seed --scale S [--reset]</c>. Both honour
/// <c>ConnectionStrings__AssetRegistry</c>. Failures print one line and return a non-zero exit code.
/// </summary>
public static class CommandLine
{
    /// <summary>True when <paramref name="args"/> names a command rather than the web server.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "migrate" or "seed";

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        try
        {
            var cs = StartupChecks.RequireConnectionString(configuration);
            await using var dataSource = PersistenceSetup.BuildDataSource(cs);
            await StartupChecks.RequireReachableAsync(dataSource);
            switch (args[0])
            {
                case "migrate":
                    await MigrateAsync(dataSource);
                    return 0;
                case "seed":
                    var scale = 1.0;
                    var i = Array.IndexOf(args, "--scale");
                    if (i >= 0 && (i + 1 >= args.Length || !double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out scale) || scale <= 0 || scale > 20))
                    {
                        Console.Error.WriteLine("error: --scale takes a number greater than 0 and at most 20, e.g. --scale 0.05");
                        return 2;
                    }
                    await MigrateAsync(dataSource);
                    var report = await CitySeeder.SeedAsync(dataSource, scale, args.Contains("--reset"),
                        new Progress<string>(Console.WriteLine));
                    Console.WriteLine(report);
                    return 0;
            }
            return 2;
        }
        catch (StartupException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }

    /// <summary>Applies EF Core migrations and loads the district boundaries when missing.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<RegistryDbContext>();
        PersistenceSetup.Configure(options, dataSource);
        await using (var db = new RegistryDbContext(options.Options))
            await db.Database.MigrateAsync();
        var loaded = await DistrictLoader.LoadAsync(dataSource);
        Console.WriteLine(loaded > 0 ? $"migrated; loaded {loaded} districts" : "migrated");
    }
}
