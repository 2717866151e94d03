namespace AssetRegistry.Web.Crew;

/// <summary>The crews' mobile pages ("My list today").</summary>
public static class CrewPageEndpoints
{
    public static IEndpointRouteBuilder MapCrewPages(this IEndpointRouteBuilder app) => app;
}
