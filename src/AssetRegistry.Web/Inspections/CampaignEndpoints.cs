using AssetRegistry.Domain.Inspections.Campaigns;
using AssetRegistry.Domain.Inspections.Rules;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Security;
using AssetRegistry.Web.Infrastructure;
using AssetRegistry.Web.Ogc;
using AssetRegistry.Web.Security;
using Microsoft.Extensions.Options;

namespace AssetRegistry.Web.Inspections;

/// <summary><c>/api/campaigns</c>: emergency campaigns after a typhoon or rainstorm (engineers and admins create them).</summary>
public static class CampaignEndpoints
{
    public static IEndpointRouteBuilder MapCampaigns(this IEndpointRouteBuilder app)
    {
        var campaigns = app.MapGroup("/api/campaigns");
        campaigns.MapPost("", CreateAsync).RequireAuthorization(InspectionPolicies.ManageInspections)
            .WithName("CreateCampaign").WithSummary("{reason, note, collections, area}: tasks for every in-service asset inside the area, counts per kind.");
        campaigns.MapGet("/{campaignId:long}", async (long campaignId, CampaignPlanner planner, CancellationToken ct) =>
                TypedResults.Json(await planner.GetAsync(campaignId, ct), InspectionEndpoints.Json))
            .WithName("GetCampaign").WithSummary("A campaign with its task counts per kind.");
        campaigns.MapPost("/{campaignId:long}/plan", async (long campaignId, CampaignPlanner planner, CancellationToken ct) =>
                TypedResults.Json(new { id = campaignId, tasksCreated = await planner.PlanTasksAsync(campaignId, ct) }, InspectionEndpoints.Json))
            .RequireAuthorization(InspectionPolicies.ManageInspections)
            .WithName("PlanCampaign").WithSummary("Add tasks for assets inside the area that the campaign does not cover yet.");
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, CampaignPlanner planner, IOptions<RegistryRules> rules, CancellationToken ct)
    {
        using var body = await JsonBody.ReadAsync(http.Request, rules.Value.MaxRequestBodyBytes, ct);
        var created = await planner.CreateAsync(body, InspectionEndpoints.UserName(http), ct);
        http.Response.Headers.Location = $"/api/campaigns/{created.Id}";
        return TypedResults.Json(new { id = created.Id, tasksCreated = created.TasksCreated }, InspectionEndpoints.Json, statusCode: 201);
    }
}

/// <summary><c>/api/inspection-rules</c>: the admin's rules editor. <c>PUT</c> needs <c>If-Match</c> with the rule's ETag.</summary>
public static class InspectionRuleEndpoints
{
    public static IEndpointRouteBuilder MapInspectionRules(this IEndpointRouteBuilder app)
    {
        var rules = app.MapGroup("/api/inspection-rules").RequireAuthorization(InspectionPolicies.EditRules);
        rules.MapGet("", async (InspectionRuleEditor editor, CancellationToken ct) => TypedResults.Json(new { rules = await editor.ListAsync(ct) }, InspectionEndpoints.Json))
            .WithName("ListInspectionRules").WithSummary("Every inspection rule with its source.");
        rules.MapGet("/{ruleId:int}", async (HttpContext http, int ruleId, InspectionRuleEditor editor, CancellationToken ct) =>
            {
                var rule = await editor.GetAsync(ruleId, ct);
                http.Response.Headers.ETag = ETags.For(rule.Version);
                return TypedResults.Json(rule, InspectionEndpoints.Json);
            })
            .WithName("GetInspectionRule").WithSummary("One rule with its ETag.");
        rules.MapPut("/{ruleId:int}", ReplaceAsync).Audited(AuditActions.RuleReplaced, "ruleId").WithName("ReplaceInspectionRule").WithSummary("Replace a rule's settings (If-Match required).");
        rules.MapPost("", CreateAsync).Audited(AuditActions.RuleCreated).WithName("CreateInspectionRule").WithSummary("Add a rule.");
        return app;
    }

    private static async Task<IResult> ReplaceAsync(HttpContext http, int ruleId, InspectionRuleEditor editor, IOptions<RegistryRules> rules, CancellationToken ct)
    {
        var precondition = ETags.Precondition(http.Request);
        using var body = await JsonBody.ReadAsync(http.Request, rules.Value.MaxRequestBodyBytes, ct);
        var rule = await editor.ReplaceAsync(ruleId, body, precondition, ct);
        http.Response.Headers.ETag = ETags.For(rule.Version);
        return TypedResults.Json(rule, InspectionEndpoints.Json);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, InspectionRuleEditor editor, IOptions<RegistryRules> rules, CancellationToken ct)
    {
        using var body = await JsonBody.ReadAsync(http.Request, rules.Value.MaxRequestBodyBytes, ct);
        var rule = await editor.CreateAsync(body, ct);
        http.Response.Headers.ETag = ETags.For(rule.Version);
        http.Response.Headers.Location = $"/api/inspection-rules/{rule.Id}";
        return TypedResults.Json(rule, InspectionEndpoints.Json, statusCode: 201);
    }
}
