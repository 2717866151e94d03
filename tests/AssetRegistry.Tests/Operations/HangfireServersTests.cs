using System.Diagnostics;
using AssetRegistry.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace AssetRegistry.Tests.Operations;

/// <summary>Several AssetRegistry.Jobs processes share the work through Hangfire's PostgreSQL storage: each registers
/// as a server, and every job runs once, on one of them.</summary>
[Collection(SeededRegistryCollection.Name)]
public sealed class HangfireServersTests(SeededRegistry registry)
{
    [Fact]
    public async Task TwoJobsProcesses_RegisterTwoServers_AndEachJobRunsOnce()
    {
        var processes = new List<Process>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                var p = Scripts.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "AssetRegistry.Jobs.dll")],
                    new Dictionary<string, string> { ["ConnectionStrings__AssetRegistry"] = registry.ConnectionString, ["DOTNET_ENVIRONMENT"] = "Testing" });
                _ = p.StandardOutput.ReadToEndAsync();
                _ = p.StandardError.ReadToEndAsync();
                processes.Add(p);
            }
            var names = processes.Select(p => $"{Environment.MachineName}:{p.Id}:".ToLowerInvariant()).ToArray();
            await Poll.UntilAsync(async () => await registry.ScalarAsync<long>(
                    $"select count(*) from hangfire.server where lower(id) like '{names[0]}%' or lower(id) like '{names[1]}%'") == 2,
                TimeSpan.FromSeconds(60), "both Jobs processes are registered in hangfire.server");

            // A fresh app instance to enqueue from: Hangfire's log provider is process-wide and points at the logger
            // factory of the host that configured it last, which another test class may have disposed since.
            await using var app = ThrowawayRegistry.App(registry.ConnectionString);
            var client = app.Services.GetRequiredService<IBackgroundJobClient>();
            var ids = Enumerable.Range(0, 6).Select(_ => client.Enqueue<InspectionJobs>(j => j.ScheduleDueInspectionsAsync(CancellationToken.None))).ToArray();
            var idList = string.Join(", ", ids);
            await Poll.UntilAsync(async () => await registry.ScalarAsync<long>(
                    $"select count(*) from hangfire.job where id in ({idList}) and statename = 'Succeeded'") == ids.Length,
                TimeSpan.FromSeconds(90), "the six jobs succeed");

            Assert.Equal(0L, await registry.ScalarAsync<long>($"""
                select count(*) from (select jobid from hangfire.state where jobid in ({idList}) and name = 'Processing'
                                      group by jobid having count(*) <> 1) x
                """));
            var ranOn = await registry.ScalarAsync<string>($"""
                select string_agg(distinct lower(data::json ->> 'ServerId'), ' ') from hangfire.state where jobid in ({idList}) and name = 'Processing'
                """);
            Assert.All(ranOn.Split(' '), server => Assert.Contains(names, n => server.StartsWith(n)));
        }
        finally
        {
            foreach (var p in processes)
            {
                if (!p.HasExited) p.Kill(entireProcessTree: true);
                await p.WaitForExitAsync();
                p.Dispose();
            }
        }
    }
}
