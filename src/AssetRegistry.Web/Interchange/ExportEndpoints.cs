using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Interchange;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Spatial;
using AssetRegistry.Web.Infrastructure;
using AssetRegistry.Web.Ogc;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using NetTopologySuite.Geometries;

namespace AssetRegistry.Web.Interchange;

/// <summary>
/// <c>/api/exports/{collectionId}</c>: a collection, or the part of it a bbox, filters or a drawn polygon select,
/// as GeoJSON, zipped Shapefile, GeoPackage, CSV or XLSX, in any supported CRS. The selection parameters are the
/// items' (same parser, same validation); <c>format</c> and <c>crs</c> are the export's own. Anyone who may read
/// items may export them (the fallback policy: signed in).
/// </summary>
public static class ExportEndpoints
{
    public static void AddExports(IServiceCollection services) => services.AddSingleton<FeatureExport>();

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/exports");
        api.MapGet("", Options).WithName("ExportOptions")
            .WithSummary("The formats and CRSs exports offer, with their titles, for the export dialog.");
        api.MapGet("/{collectionId}", GetAsync).WithName("ExportCollection")
            .WithSummary("Download a collection or a bbox/filter selection: format=geojson|shapefile|geopackage|csv|xlsx, crs=…, and the items' bbox and filters.");
        api.MapPost("/{collectionId}", PostAsync).WithName("ExportArea")
            .WithSummary("As GET, limited to the features intersecting the GeoJSON Polygon in the body ({\"geometry\": …}).");
        return app;
    }

    /// <summary>One entry per SRID (the CRS84 and EPSG:4326 files are the same: longitude first).</summary>
    private static IResult Options() => TypedResults.Ok(new
    {
        formats = ExportFormat.All.Select(f => new { id = f.Id, extension = f.Extension, titleZh = f.TitleZh, titleEn = f.TitleEn }),
        crs = SupportedCrs.All.DistinctBy(c => c.Srid).Select(c => new { uri = c.Uri, srid = c.Srid, projected = c.Projected, titleZh = c.TitleZh, titleEn = c.TitleEn }),
        maxXlsxRows = XlsxExport.MaxRows,
    });

    private static async Task GetAsync(HttpContext http, string collectionId, FeatureExport export, IOptions<RegistryRules> rules,
        InspectionOptions calendar, TimeProvider clock, CancellationToken ct)
    {
        var (format, selection) = Parse(http.Request, collectionId, rules.Value, area: null);
        await SendAsync(http, format, selection, export, calendar, clock, ct);
    }

    private static async Task PostAsync(HttpContext http, string collectionId, FeatureExport export, IOptions<RegistryRules> rules,
        InspectionOptions calendar, TimeProvider clock, CancellationToken ct)
    {
        OgcEndpoints.KindOr404(collectionId);
        using var body = await JsonBody.ReadAsync(http.Request, rules.Value.MaxRequestBodyBytes, ct);
        var errors = new ValidationErrors();
        Geometry? area = null;
        if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("geometry", out var g))
            errors.Add("geometry", new LocalizedText("Send {\"geometry\": a GeoJSON Polygon}.", "请发送 {\"geometry\": GeoJSON 多边形}。"));
        else
        {
            area = GeoJsonGeometry.Read(g, errors);
            if (area is not null && GeometryChecks.FindProblem(area, ["Polygon", "MultiPolygon"]) is { } problem)
                errors.Add("geometry", problem);
        }
        errors.ThrowIfAny();
        area!.SRID = 4326;
        var (format, selection) = Parse(http.Request, collectionId, rules.Value, area);
        await SendAsync(http, format, selection, export, calendar, clock, ct);
    }

    /// <summary>The export's <c>format</c> (default geojson) and <c>crs</c> (default CRS84), then the selection
    /// through <see cref="ItemsQueryParser"/> from the remaining parameters; a 400 naming the field otherwise.</summary>
    private static (ExportFormat Format, ExportSelection Selection) Parse(HttpRequest request, string collectionId, RegistryRules rules, Geometry? area)
    {
        var kind = OgcEndpoints.KindOr404(collectionId);
        var errors = new ValidationErrors();
        var formatText = request.Query["format"].ToString();
        var format = string.IsNullOrEmpty(formatText) ? ExportFormat.GeoJson : ExportFormat.Find(formatText);
        if (format is null)
        {
            var ids = string.Join(", ", ExportFormat.All.Select(f => f.Id));
            errors.Add("format", new LocalizedText($"Unknown format '{formatText}'. Use one of: {ids}.", $"不支持的格式“{formatText}”。可选：{ids}。"));
        }
        var crsText = request.Query["crs"].ToString();
        var crs = string.IsNullOrEmpty(crsText) ? SupportedCrs.Crs84 : SupportedCrs.Find(crsText);
        if (crs is null)
        {
            var uris = string.Join(", ", SupportedCrs.All.Select(c => c.Uri));
            errors.Add("crs", new LocalizedText($"Unsupported crs '{crsText}'. Use one of: {uris} (or EPSG:nnnn).", $"不支持的坐标系“{crsText}”。可选：{uris}（或 EPSG:nnnn）。"));
        }
        errors.ThrowIfAny();
        var selectionQuery = new QueryCollection(request.Query
            .Where(kv => kv.Key is not ("format" or "crs"))
            .ToDictionary(kv => kv.Key, kv => kv.Value));
        var query = ItemsQueryParser.Parse(kind, selectionQuery, rules);
        return (format!, new ExportSelection(query, crs!, area));
    }

    private static async Task SendAsync(HttpContext http, ExportFormat format, ExportSelection selection, FeatureExport export,
        InspectionOptions calendar, TimeProvider clock, CancellationToken ct)
    {
        await export.CheckAsync(format, selection, ct);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(calendar.TimeZone);
        var today = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        var crsPart = selection.Crs == SupportedCrs.Crs84 ? "" : $"-epsg{selection.Crs.Srid}";
        var fileName = $"{selection.Query.Kind.CollectionId}-{today:yyyyMMdd}{crsPart}{format.Extension}";
        http.Response.ContentType = format.ContentType;
        http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = fileName }.ToString();
        http.Response.Headers.CacheControl = new StringValues("no-store");
        // Each chunk goes out as it is written: no middleware may hold a whole export in memory.
        http.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await export.WriteAsync(format, selection, http.Response.Body, ct);
    }
}
