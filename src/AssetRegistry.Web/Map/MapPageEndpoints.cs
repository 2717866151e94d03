using AssetRegistry.Web.Infrastructure;

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

    private static Task<IResult> ShowMapAsync(HttpContext http, IWebHostEnvironment env, CancellationToken ct) =>
        AppPages.ServeAsync(http, env, "map.html", ct, inlineStyles: true);

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
