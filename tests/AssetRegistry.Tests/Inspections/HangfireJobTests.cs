using AssetRegistry.Jobs;
using AssetRegistry.Tests.Infrastructure;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Inspections;

/// <summary>Hangfire on real PostgreSQL storage: the recurring jobs and a job run by a real server.</summary>
public sealed class HangfireJobTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task RecurringJobs_HaveConstantIdsInShanghaiTime()
    {
        // The fixture's host registered them at start; reading storage proves they are in PostgreSQL.
        _ = Fixture.Client();
        var storage = Fixture.Factory.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id);
        Assert.Equal("Asia/Shanghai", jobs[JobsSetup.ScheduleDailyId].TimeZoneId);
        Assert.Equal("30 1 * * *", jobs[JobsSetup.ScheduleDailyId].Cron);
        Assert.Equal("Asia/Shanghai", jobs[JobsSetup.EscalateHourlyId].TimeZoneId);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from information_schema.schemata where schema_name = 'hangfire'"));
    }

    [Fact]
    public async Task ScheduleJob_RunByAServerInTheWebProcess_CreatesTasks()
    {
        await Fixture.Client().CreateAsync("bridges", Feature(Line((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.001, Fengze.Lat)),
            new() { ["structure_type"] = "beam", ["maintenance_grade"] = "1" }));
        await using var withServer = Fixture.Factory.WithWebHostBuilder(b => b.UseSetting("Jobs:RunInWebProcess", "true"));
        _ = withServer.CreateClient(); // starts the host and its Hangfire server
        var client = withServer.Services.GetRequiredService<IBackgroundJobClient>();
        var storage = withServer.Services.GetRequiredService<JobStorage>();
        var jobId = client.Enqueue<InspectionJobs>(j => j.ScheduleDueInspectionsAsync(CancellationToken.None));

        var deadline = DateTime.UtcNow.AddSeconds(60);
        string? state = null;
        while (DateTime.UtcNow < deadline)
        {
            state = storage.GetMonitoringApi().JobDetails(jobId)?.History.FirstOrDefault()?.StateName;
            if (state == SucceededState.StateName || state == FailedState.StateName) break;
            await Task.Delay(200);
        }
        Assert.Equal(SucceededState.StateName, state);
        Assert.True(await Fixture.ScalarAsync<long>("select count(*) from inspection_tasks where inspection_type = 'routine_patrol'") >= 1);
    }

    [Theory]
    [InlineData("admin", System.Net.HttpStatusCode.OK)]
    [InlineData("engineer", System.Net.HttpStatusCode.Forbidden)]
    [InlineData("crew", System.Net.HttpStatusCode.Forbidden)]
    public async Task Dashboard_IsForAdminsOnly(string role, System.Net.HttpStatusCode expected) =>
        Assert.Equal(expected, (await Fixture.Client(role).GetAsync("/hangfire")).StatusCode);
}
