namespace AssetRegistry.Web.WorkLists;

/// <summary>Work lists: building routed daily lists per crew and district, reading and exporting them.</summary>
public static class WorkListEndpoints
{
    public static IServiceCollection AddWorkLists(this IServiceCollection services) => services;

    public static IEndpointRouteBuilder MapWorkLists(this IEndpointRouteBuilder app) => app;
}
