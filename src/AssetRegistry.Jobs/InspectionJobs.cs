using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.WorkLists;
using Hangfire;

namespace AssetRegistry.Jobs;

/// <summary>
/// Thin Hangfire jobs over the inspection services. They take no entities and hold no state: each call asks the
/// domain to do its set-based, idempotent work, so a retry or a second server running the same job is harmless.
/// </summary>
public sealed class InspectionJobs(InspectionScheduler scheduler, WorkListBuilder workLists)
{
    /// <summary>Creates every due inspection task for today (Asia/Shanghai), updates the red and yellow cards, and
    /// turns the day's due tasks into routed work lists for the crews.</summary>
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    public async Task ScheduleDueInspectionsAsync(CancellationToken ct)
    {
        await scheduler.RunAsync(ct: ct);
        await scheduler.EscalateAsync(ct: ct);
        await workLists.BuildAsync(ct: ct);
    }

    /// <summary>Updates the red and yellow cards of overdue tasks.</summary>
    [AutomaticRetry(Attempts = 3, OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public Task EscalateOverdueTasksAsync(CancellationToken ct) => scheduler.EscalateAsync(ct: ct);
}
