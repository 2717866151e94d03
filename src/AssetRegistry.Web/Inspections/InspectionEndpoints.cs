namespace AssetRegistry.Web.Inspections;

/// <summary>Inspection rules, tasks, results, campaigns and alerts.</summary>
public static class InspectionEndpoints
{
    public static IServiceCollection AddInspections(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapInspections(this IEndpointRouteBuilder app) => app;
}
