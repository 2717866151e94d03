using System.Net;

namespace AssetRegistry.Web.Map;

/// <summary>
/// The map page at <c>/</c> (signed-in users only; others are sent to <c>/login</c>) and its settings at
/// <c>/api/map/config</c>. The page itself is the static <c>wwwroot/map.html</c>; its scripts read everything else
/// from the API.
/// </summary>
public static class MapPageEndpoints
{
    public static IEndpointRouteBuilder MapMapPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ShowMapAsync).WithName("MapPage").ExcludeFromDescription();
        app.MapGet("/api/map/config", Config).WithName("MapConfig").WithTags("Map")
            .WithSummary("The map page's settings: basemap layers (none by default), first view, editing zoom.");
        return app;
    }

    /// <summary>The empty element the signed-in user's name is written into, HTML-encoded, so the name shows
    /// before any script runs.</summary>
    private const string UserNameSlot = "<span id=\"user-name\" class=\"user-name\"></span>";

    private static async Task<IResult> ShowMapAsync(HttpContext http, IWebHostEnvironment env, CancellationToken ct)
    {
        var page = env.WebRootFileProvider.GetFileInfo("map.html");
        if (!page.Exists) return TypedResults.NotFound();
        string html;
        await using (var stream = page.CreateReadStream())
        using (var reader = new StreamReader(stream))
            html = await reader.ReadToEndAsync(ct);
        var userName = WebUtility.HtmlEncode(http.User.Identity?.Name ?? "");
        html = html.Replace(UserNameSlot, UserNameSlot.Replace("></span>", $">{userName}</span>", StringComparison.Ordinal), StringComparison.Ordinal);
        // Per user, and revalidated every time, so a new release's page is never served from a stale cache.
        http.Response.Headers.CacheControl = "no-cache, private";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    private static IResult Config(IConfiguration configuration)
    {
        var o = configuration.GetSection(MapOptions.Section).Get<MapOptions>() ?? new MapOptions();
        return TypedResults.Ok(new
        {
            basemap = o.Basemap.Layers(),
            center = new[] { o.CenterLongitude, o.CenterLatitude },
            zoom = o.Zoom,
            editingMinZoom = o.EditingMinZoom,
        });
    }
}
