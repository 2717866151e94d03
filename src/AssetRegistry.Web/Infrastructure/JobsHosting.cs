using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Users;
using AssetRegistry.Jobs;
using Hangfire;
using Hangfire.Dashboard;

namespace AssetRegistry.Web.Infrastructure;

/// <summary>
/// Hangfire in the web process: storage always (so the web can enqueue and show the dashboard), a server unless
/// <c>Jobs:RunInWebProcess</c> is false (when separate <c>AssetRegistry.Jobs</c> processes do the work), the
/// recurring jobs registered at start, and the dashboard at <c>/hangfire</c> for admins only.
/// </summary>
public static class JobsHosting
{
    public static WebApplicationBuilder AddJobsHosting(this WebApplicationBuilder builder, string connectionString)
    {
        var runServer = builder.Configuration.GetValue("Jobs:RunInWebProcess", true);
        builder.Services.AddRegistryJobs(builder.Configuration, JobsSetup.ForHangfire(connectionString), runServer);
        builder.Services.AddHostedService<RecurringJobsRegistration>();
        return builder;
    }

    public static IEndpointRouteBuilder MapJobsDashboard(this IEndpointRouteBuilder app)
    {
        app.MapHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new AdminOnlyDashboardFilter()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "市政设施资产登记 · Jobs",
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin));
        return app;
    }

    private sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
    }

    /// <summary>Registers the recurring jobs when the app starts (AddOrUpdate: idempotent across processes).</summary>
    private sealed class RecurringJobsRegistration(IRecurringJobManager jobs, InspectionOptions options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            JobsSetup.RegisterRecurringJobs(jobs, options);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
