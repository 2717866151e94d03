namespace AssetRegistry.Web.Admin;

/// <summary>The inspections office page: rules, alerts, campaigns, tasks by district, work lists.</summary>
public static class InspectionsPageEndpoints
{
    public static IEndpointRouteBuilder MapInspectionsPage(this IEndpointRouteBuilder app) => app;
}
