using System.Text.Json;
using System.Text.Json.Serialization;
using AssetRegistry.Domain.Inspections.Campaigns;
using AssetRegistry.Domain.Inspections.Results;
using AssetRegistry.Domain.Inspections.Rules;
using AssetRegistry.Domain.Users;
using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace AssetRegistry.Web.Inspections;

/// <summary>Who may do what with inspections.</summary>
public static class InspectionPolicies
{
    /// <summary>Record results and confirm confined-space safety: crews, engineers, admins.</summary>
    public const string RecordResults = "inspections.record";
    /// <summary>Run emergency campaigns and see alerts: engineers and admins.</summary>
    public const string ManageInspections = "inspections.manage";
    /// <summary>Edit inspection rules: admins.</summary>
    public const string EditRules = "inspections.rules";

    public static readonly IReadOnlyList<string> Recorders = [Roles.Admin, Roles.Engineer, Roles.Crew];
}

/// <summary>Inspection rules, tasks, results, campaigns and alerts.</summary>
public static class InspectionEndpoints
{
    /// <summary>Inspection JSON: camelCase members, enum values as snake_case text, Chinese unescaped.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = ApiJson.Options.Encoder,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static IServiceCollection AddInspections(this IServiceCollection services)
    {
        services.AddScoped<InspectionResultRecorder>();
        services.AddScoped<InspectionTaskReader>();
        services.AddScoped<AlertBoard>();
        services.AddScoped<InspectionRuleEditor>();
        services.AddSingleton<CampaignPlanner>();
        services.Configure<AuthorizationOptions>(o =>
        {
            o.AddPolicy(InspectionPolicies.RecordResults, p => p.RequireRole([.. InspectionPolicies.Recorders]));
            o.AddPolicy(InspectionPolicies.ManageInspections, p => p.RequireRole([.. Roles.Editors]));
            o.AddPolicy(InspectionPolicies.EditRules, p => p.RequireRole(Roles.Admin));
        });
        return services;
    }

    public static IEndpointRouteBuilder MapInspections(this IEndpointRouteBuilder app)
    {
        app.MapTasks();
        app.MapChecklists();
        app.MapAlerts();
        app.MapCampaigns();
        app.MapInspectionRules();
        return app;
    }

    /// <summary>The signed-in user's name, recorded as who did it.</summary>
    internal static string UserName(HttpContext http) => http.User.Identity?.Name ?? "unknown";
}
