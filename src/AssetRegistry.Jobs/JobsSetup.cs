using AssetRegistry.Domain.Inspections;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace AssetRegistry.Jobs;

/// <summary>
/// Hangfire with PostgreSQL storage in the registry's own database (schema <c>hangfire</c>), and the recurring
/// jobs, registered in one place with constant ids and the Asia/Shanghai time zone. Used by the Jobs process and,
/// by default, by the web process (<c>Jobs:RunInWebProcess</c>).
/// </summary>
public static class JobsSetup
{
    public const string ScheduleDailyId = "inspections-schedule-daily";
    public const string EscalateHourlyId = "inspections-escalate-hourly";

    /// <summary>Registers Hangfire storage, the domain services the jobs call, and (when <paramref name="runServer"/>)
    /// a Hangfire server.</summary>
    public static IServiceCollection AddRegistryJobs(this IServiceCollection services, IConfiguration configuration, string connectionString, bool runServer)
    {
        services.AddOptions<InspectionOptions>().Bind(configuration.GetSection("Inspections"))
            .Validate(o => o.YellowCardAfterDays > 0 && o.RedCardAfterDays > o.YellowCardAfterDays && o.ScheduleHorizonDays >= 0,
                "Inspections: the red card must come after the yellow card, both after at least a day.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<InspectionOptions>>().Value);
        services.AddSingleton<InspectionScheduler>();
        services.TryAddSingleton<AssetRegistry.Domain.WorkLists.WorkListBuilder>();
        services.AddTransient<InspectionJobs>();
        services.AddHangfire(c => c
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                SchemaName = "hangfire",
                PrepareSchemaIfNecessary = true,
                QueuePollInterval = TimeSpan.FromSeconds(5),
            }));
        if (runServer)
            services.AddHangfireServer(o =>
            {
                o.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
                o.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            });
        return services;
    }

    /// <summary>Adds or updates every recurring job (idempotent; safe from several processes).</summary>
    public static void RegisterRecurringJobs(IRecurringJobManager jobs, InspectionOptions options)
    {
        var zone = options.Zone;
        jobs.AddOrUpdate<InspectionJobs>(ScheduleDailyId, j => j.ScheduleDueInspectionsAsync(CancellationToken.None),
            "30 1 * * *", new RecurringJobOptions { TimeZone = zone });
        jobs.AddOrUpdate<InspectionJobs>(EscalateHourlyId, j => j.EscalateOverdueTasksAsync(CancellationToken.None),
            "5 * * * *", new RecurringJobOptions { TimeZone = zone });
    }

    /// <summary>The connection string with a pool sized for Hangfire's workers.</summary>
    public static string ForHangfire(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = "assetregistry-jobs" }.ConnectionString;
}
