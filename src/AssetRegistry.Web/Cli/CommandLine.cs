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
    public static bool IsCommand(string[] args) => args.Length > 0 && args[0] is "migrate" or "seed" or "schedule";

    /// <summary>Set by Program: the Development environment adds demo crews when seeding.</summary>
    public static bool IsDevelopment { get; set; }

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
                    if (IsDevelopment && await DemoCrews.EnsureAsync(dataSource) is > 0 and var crews)
                        Console.WriteLine($"added {crews} demo crews");
                    return 0;
                case "schedule":
                    return await ScheduleAsync(args, configuration, dataSource);
            }
            return 2;
        }
        catch (StartupException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }

    /// <summary><c>schedule [--date yyyy-MM-dd] [--work-lists]</c>: runs the inspection scheduler once, then the
    /// escalation (and with <c>--work-lists</c> builds the day's lists), printing what each rule created and how long
    /// it took: what the daily Hangfire job does.</summary>
    private static async Task<int> ScheduleAsync(string[] args, IConfiguration configuration, NpgsqlDataSource dataSource)
    {
        DateOnly? date = null;
        var i = Array.IndexOf(args, "--date");
        if (i >= 0)
        {
            if (i + 1 >= args.Length || !DateOnly.TryParseExact(args[i + 1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                Console.Error.WriteLine("error: --date takes a date as yyyy-MM-dd");
                return 2;
            }
            date = d;
        }
        var options = new Domain.Inspections.InspectionOptions();
        configuration.GetSection("Inspections").Bind(options);
        var scheduler = new Domain.Inspections.InspectionScheduler(dataSource, options, TimeProvider.System);
        var report = await scheduler.RunAsync(date);
        foreach (var r in report.Rules.Where(r => r.Created > 0 || r.Problem is not null))
            Console.WriteLine($"  {r.RuleCode}: {r.Created}{(r.Problem is null ? "" : " — " + r.Problem)}");
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var carded = await scheduler.EscalateAsync(date);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scheduled {report.Created} tasks for {report.Today:yyyy-MM-dd} in {report.Seconds:0.00} s; {carded} cards changed in {watch.Elapsed.TotalSeconds:0.00} s"));
        if (args.Contains("--work-lists"))
        {
            var lists = await new Domain.WorkLists.WorkListBuilder(dataSource, options, TimeProvider.System).BuildAsync(date);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"built {lists.Lists.Count} work lists with {lists.AssignedTasks} stops, {lists.RouteLengthM / 1000:0.0} km of routes"));
        }
        return 0;
    }

    /// <summary>Applies EF Core migrations, loads the district boundaries when missing and adds missing default
    /// inspection rules.</summary>
    public static async Task MigrateAsync(NpgsqlDataSource dataSource)
    {
        var options = new DbContextOptionsBuilder<RegistryDbContext>();
        PersistenceSetup.Configure(options, dataSource);
        await using (var db = new RegistryDbContext(options.Options))
            await db.Database.MigrateAsync();
        var loaded = await DistrictLoader.LoadAsync(dataSource);
        var rules = await Domain.Inspections.InspectionRuleSeeder.EnsureDefaultsAsync(dataSource);
        rules += await Domain.Analysis.AnalysisRuleSeeder.EnsureDefaultsAsync(dataSource);
        Console.WriteLine("migrated" + (loaded > 0 ? $"; loaded {loaded} districts" : "") + (rules > 0 ? $"; added {rules} default rules" : ""));
    }
}
