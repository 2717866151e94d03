namespace AssetRegistry.Web.Statistics;

/// <summary>District statistics for the dashboard, and the analysis and statistics pages.</summary>
public static class StatisticsEndpoints
{
    public static IServiceCollection AddStatistics(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app) => app;
}
