using System.Globalization;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Inspections.Results;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Web.Infrastructure;
using AssetRegistry.Web.Ogc;
using Microsoft.Extensions.Options;

namespace AssetRegistry.Web.Inspections;

/// <summary>
/// <c>/api/tasks</c>: lists and single tasks (signed-in users), the per-district summary for the red and yellow
/// cards, and the crew's writes: the confined-space safety confirmation and the result. Writes need
/// <c>If-Match</c> with the task's ETag (stale → 412, missing → 428).
/// </summary>
public static class TaskEndpoints
{
    private static readonly string[] ListParameters = ["status", "district", "collection", "due_before", "limit", "offset"];

    public static IEndpointRouteBuilder MapTasks(this IEndpointRouteBuilder app)
    {
        var tasks = app.MapGroup("/api/tasks");
        tasks.MapGet("", ListAsync).WithName("ListTasks").WithSummary("Tasks, most urgent first: status, district, collection, due_before, limit, offset.");
        tasks.MapGet("/summary", SummaryAsync).WithName("TaskSummary").WithSummary("Per district (open, due, overdue, yellow, red, done on the day) and per crew (its lists, and unassigned work in its districts).");
        tasks.MapGet("/{taskId:long}", GetAsync).WithName("GetTask").WithSummary("One task with its checklist and ETag.");
        tasks.MapPost("/{taskId:long}/safety", ConfirmSafetyAsync).RequireAuthorization(InspectionPolicies.RecordResults)
            .WithName("ConfirmTaskSafety").WithSummary("Confirm the gas test and permit of confined-space work (If-Match required).");
        tasks.MapPost("/{taskId:long}/result", RecordAsync).RequireAuthorization(InspectionPolicies.RecordResults)
            .WithName("RecordTaskResult").WithSummary("Record the checklist result of an open task (If-Match required).");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpRequest request, InspectionTaskReader reader, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var q = request.Query;
        foreach (var key in q.Keys.Where(k => !ListParameters.Contains(k)))
            errors.Add(key, $"Unknown parameter; use {string.Join(", ", ListParameters)}.");
        var status = Optional(q, "status");
        if (status is not null && !TaskStatuses.All.Contains(status)) errors.Add("status", $"status must be one of {string.Join(", ", TaskStatuses.All)}.");
        var district = Optional(q, "district");
        if (district is not null && (district.Length != 6 || !district.All(char.IsAsciiDigit))) errors.Add("district", "district is a 6-digit adcode.");
        var collection = Optional(q, "collection");
        if (collection is not null && AssetKinds.Find(collection) is null) errors.Add("collection", $"Unknown collection '{collection}'.");
        var dueBefore = Date(q, "due_before", errors);
        var limit = Whole(q, "limit", 100, 1, 1000, errors);
        var offset = Whole(q, "offset", 0, 0, int.MaxValue, errors);
        errors.ThrowIfAny();
        var page = await reader.ListAsync(new TaskQuery(status, district, collection, dueBefore, limit, offset), ct);
        return TypedResults.Json(new { numberMatched = page.NumberMatched, numberReturned = page.Tasks.Count, tasks = page.Tasks }, InspectionEndpoints.Json);
    }

    private static async Task<IResult> SummaryAsync(HttpRequest request, InspectionTaskReader reader, InspectionOptions options, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var day = Date(request.Query, "date", errors) ?? options.Today(clock);
        errors.ThrowIfAny();
        var districts = await reader.SummaryAsync(day, ct);
        var crews = await reader.CrewSummaryAsync(day, ct);
        return TypedResults.Json(new { date = day, districts, crews }, InspectionEndpoints.Json);
    }

    private static async Task<IResult> GetAsync(HttpContext http, long taskId, InspectionTaskReader reader, CancellationToken ct)
    {
        var task = await reader.GetAsync(taskId, ct);
        http.Response.Headers.ETag = ETags.For(task.Version);
        return TypedResults.Json(new { task, checklist = ChecklistCatalogue.Find(task.Checklist) }, InspectionEndpoints.Json);
    }

    private static async Task<IResult> ConfirmSafetyAsync(HttpContext http, long taskId, InspectionResultRecorder recorder, IOptions<RegistryRules> rules, CancellationToken ct)
    {
        var precondition = ETags.Precondition(http.Request);
        using var body = await JsonBody.ReadAsync(http.Request, rules.Value.MaxRequestBodyBytes, ct);
        var task = await recorder.ConfirmSafetyAsync(taskId, body, precondition, InspectionEndpoints.UserName(http), ct);
        http.Response.Headers.ETag = ETags.For(task.Version);
        return TypedResults.Json(new { task }, InspectionEndpoints.Json);
    }

    private static async Task<IResult> RecordAsync(HttpContext http, long taskId, InspectionResultRecorder recorder, IOptions<RegistryRules> rules, CancellationToken ct)
    {
        var precondition = ETags.Precondition(http.Request);
        using var body = await JsonBody.ReadAsync(http.Request, rules.Value.MaxRequestBodyBytes, ct);
        var recorded = await recorder.RecordAsync(taskId, body, precondition, InspectionEndpoints.UserName(http), ct);
        http.Response.Headers.ETag = ETags.For(recorded.Task.Version);
        return TypedResults.Json(recorded, InspectionEndpoints.Json);
    }

    private static string? Optional(IQueryCollection q, string name) => q.TryGetValue(name, out var v) && v.ToString().Length > 0 ? v.ToString() : null;

    private static DateOnly? Date(IQueryCollection q, string name, ValidationErrors errors)
    {
        var text = Optional(q, name);
        if (text is null) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
        errors.Add(name, $"{name} is a date, yyyy-MM-dd.");
        return null;
    }

    private static int Whole(IQueryCollection q, string name, int fallback, int min, int max, ValidationErrors errors)
    {
        var text = Optional(q, name);
        if (text is null) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max) return v;
        errors.Add(name, $"{name} must be a whole number from {min} to {max}.");
        return fallback;
    }
}

/// <summary><c>/api/checklists</c>: what crews fill in, for the mobile page to render.</summary>
public static class ChecklistEndpoints
{
    public static IEndpointRouteBuilder MapChecklists(this IEndpointRouteBuilder app)
    {
        var checklists = app.MapGroup("/api/checklists");
        checklists.MapGet("", () => TypedResults.Json(new { checklists = All() }, InspectionEndpoints.Json))
            .WithName("ListChecklists").WithSummary("Every checklist with its fields, zh/en labels and source.");
        checklists.MapGet("/{checklistId}", (string checklistId) =>
                TypedResults.Json(All().FirstOrDefault(c => c.Id == checklistId)
                                  ?? throw new NotFoundException($"There is no checklist '{checklistId}'."), InspectionEndpoints.Json))
            .WithName("GetChecklist").WithSummary("One checklist.");
        return app;
    }

    private static IEnumerable<ChecklistDefinition> All() => ChecklistCatalogue.All.Append(InspectionResultRecorder.SafetyChecklist);
}

/// <summary><c>/api/alerts</c>: unacknowledged alerts for engineers and admins.</summary>
public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        var alerts = app.MapGroup("/api/alerts").RequireAuthorization(InspectionPolicies.ManageInspections);
        alerts.MapGet("", async (AlertBoard board, CancellationToken ct) => TypedResults.Json(new { alerts = await board.UnacknowledgedAsync(ct) }, InspectionEndpoints.Json))
            .WithName("ListAlerts").WithSummary("Alerts nobody has acknowledged, newest first.");
        alerts.MapPost("/{alertId:long}/acknowledge", async (HttpContext http, long alertId, AlertBoard board, CancellationToken ct) =>
                TypedResults.Json(await board.AcknowledgeAsync(alertId, InspectionEndpoints.UserName(http), ct), InspectionEndpoints.Json))
            .WithName("AcknowledgeAlert").WithSummary("Mark an alert seen.");
        return app;
    }
}
