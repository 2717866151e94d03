using System.Net;

namespace AssetRegistry.Web.Statistics;

/// <summary>
/// The statistics dashboard at <c>/statistics</c> and the planners' analysis page at <c>/analysis</c>: static pages
/// (<c>wwwroot/statistics.html</c>, <c>wwwroot/analysis.html</c>) served to signed-in users only, others are sent to
/// <c>/login</c>. The scripts read everything from the API, which decides who may see what; a role without access
/// sees a notice instead of the figures.
/// </summary>
public static class StatisticsPageEndpoints
{
    /// <summary>The empty element the signed-in user's name is written into, HTML-encoded.</summary>
    private const string UserNameSlot = "<span id=\"user-name\" class=\"user-name\"></span>";

    public static IEndpointRouteBuilder MapStatisticsPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/statistics", (HttpContext http, IWebHostEnvironment env, CancellationToken ct) => ShowAsync("statistics.html", http, env, ct))
            .WithName("StatisticsPage").ExcludeFromDescription();
        app.MapGet("/analysis", (HttpContext http, IWebHostEnvironment env, CancellationToken ct) => ShowAsync("analysis.html", http, env, ct))
            .WithName("AnalysisPage").ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ShowAsync(string file, HttpContext http, IWebHostEnvironment env, CancellationToken ct)
    {
        var page = env.WebRootFileProvider.GetFileInfo(file);
        if (!page.Exists) return TypedResults.NotFound();
        string html;
        await using (var stream = page.CreateReadStream())
        using (var reader = new StreamReader(stream))
            html = await reader.ReadToEndAsync(ct);
        var userName = WebUtility.HtmlEncode(http.User.Identity?.Name ?? "");
        html = html.Replace(UserNameSlot, UserNameSlot.Replace("></span>", $">{userName}</span>", StringComparison.Ordinal), StringComparison.Ordinal);
        http.Response.Headers.CacheControl = "no-cache, private";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
