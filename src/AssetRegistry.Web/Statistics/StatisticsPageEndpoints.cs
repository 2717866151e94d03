using AssetRegistry.Web.Infrastructure;

namespace AssetRegistry.Web.Statistics;

/// <summary>
/// The statistics dashboard at <c>/statistics</c> and the planners' analysis page at <c>/analysis</c>: static pages
/// (<c>wwwroot/statistics.html</c>, <c>wwwroot/analysis.html</c>) served to signed-in users only, others are sent to
/// <c>/login</c>. The scripts read everything from the API, which decides who may see what; a role without access
/// sees a notice instead of the figures.
/// </summary>
public static class StatisticsPageEndpoints
{
    public static IEndpointRouteBuilder MapStatisticsPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/statistics", (HttpContext http, IWebHostEnvironment env, CancellationToken ct) => ShowAsync("statistics.html", http, env, ct))
            .WithName("StatisticsPage").ExcludeFromDescription();
        app.MapGet("/analysis", (HttpContext http, IWebHostEnvironment env, CancellationToken ct) => ShowAsync("analysis.html", http, env, ct))
            .WithName("AnalysisPage").ExcludeFromDescription();
        return app;
    }

    private static Task<IResult> ShowAsync(string file, HttpContext http, IWebHostEnvironment env, CancellationToken ct) =>
        AppPages.ServeAsync(http, env, file, ct, inlineStyles: true);
}
