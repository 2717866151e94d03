using AssetRegistry.Domain.Assets;
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
        // A script like the static ones (anonymous, as wwwroot is), made from the domain's label table.
        app.MapGet("/js/enum-labels.js", EnumLabelsModule).AllowAnonymous().WithName("EnumerationLabelsModule").ExcludeFromDescription();
        return app;
    }

    private static Task<IResult> ShowMapAsync(HttpContext http, IWebHostEnvironment env, CancellationToken ct) =>
        AppPages.ServeAsync(http, env, "map.html", ct, inlineStyles: true);

    /// <summary><c>export const enumLabels = {attribute: {code: [zh, en]}}</c>: the pages' labels of enumeration codes
    /// (imported by <c>i18n.js</c>), from <see cref="EnumerationLabels"/>, which the server's own pages use too.</summary>
    private static readonly string EnumLabelsScript = "// Generated from AssetRegistry.Domain.Assets.EnumerationLabels.\nexport const enumLabels = "
        + System.Text.Json.JsonSerializer.Serialize(EnumerationLabels.All.ToDictionary(a => a.Key, a => a.Value.ToDictionary(c => c.Key, c => new[] { c.Value.Zh, c.Value.En })),
            new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
        + ";\n";

    private static IResult EnumLabelsModule(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-cache"; // revalidated like the static scripts, so a new label shows at once
        return Results.Text(EnumLabelsScript, "text/javascript", System.Text.Encoding.UTF8);
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
