using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Jobs;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace AssetRegistry.Jobs;

/// <summary>The background-job process: a Hangfire server on the registry database. Run as many as you like;
/// Hangfire shares the work and the jobs are idempotent in the database.</summary>
public static class JobsProgram
{
    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        var cs = builder.Configuration.GetConnectionString(PersistenceSetup.ConnectionName);
        if (string.IsNullOrWhiteSpace(cs))
        {
            Console.Error.WriteLine($"error: no database configured: set ConnectionStrings__{PersistenceSetup.ConnectionName}");
            return 1;
        }
        var dataSource = PersistenceSetup.BuildDataSource(cs);
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync();
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException)
        {
            Console.Error.WriteLine($"error: cannot reach the database: {e.Message}");
            return 1;
        }
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRegistryJobs(builder.Configuration, JobsSetup.ForHangfire(cs), runServer: true);
        var host = builder.Build();
        JobsSetup.RegisterRecurringJobs(host.Services.GetRequiredService<IRecurringJobManager>(), host.Services.GetRequiredService<InspectionOptions>());
        await host.RunAsync();
        return 0;
    }
}
