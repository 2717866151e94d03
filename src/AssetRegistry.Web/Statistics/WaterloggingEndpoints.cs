using System.Globalization;
using System.Text.Json;
using AssetRegistry.Domain.Analysis;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Statistics;
using AssetRegistry.Web.Analysis;
using AssetRegistry.Web.Infrastructure;
using AssetRegistry.Web.Inspections;
using Microsoft.Extensions.Options;
using Npgsql;

namespace AssetRegistry.Web.Statistics;

/// <summary>
/// <c>/api/analysis/waterlogging/{id}/drainage</c>: the inlets near a waterlogging point and the network upstream of
/// them, and <c>…/campaign</c> to turn those assets into an emergency inspection campaign;
/// <c>/api/analysis/sewer/trace/geojson</c>: a sewer trace with its geometries, for drawing. Reading is for the
/// analysis roles (admin, planner, engineer); creating a campaign, like <c>POST /api/campaigns</c>, for engineers and
/// admins, who plan the crews' work.
/// </summary>
public static class WaterloggingEndpoints
{
    private static readonly string[] CampaignFields = ["reason", "note"];

    public static IEndpointRouteBuilder MapWaterlogging(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/analysis").WithTags("Analysis").RequireAuthorization(AnalysisEndpoints.AnalysisPolicy);
        api.MapGet("/waterlogging/{pointId:long}/drainage", DrainageAsync).WithName("WaterloggingDrainage")
            .WithSummary("Rain and combined manholes within radius (m, default 200, max 2000) of the point and the network upstream of them; geojson=true adds the geometries.");
        api.MapPost("/waterlogging/{pointId:long}/drainage/campaign", CampaignAsync).RequireAuthorization(InspectionPolicies.ManageInspections)
            .WithName("WaterloggingDrainageCampaign")
            .WithSummary("An emergency campaign ({reason, note}, reason rainstorm by default) for the point, its inlets and the upstream manholes and segments.");
        api.MapGet("/sewer/trace/geojson", TraceGeoJsonAsync).WithName("SewerTraceGeoJson")
            .WithSummary("The sewer trace of /api/analysis/sewer/trace (from, direction) with its manholes and segments as GeoJSON.");
        return app;
    }

    private static async Task<IResult> DrainageAsync(long pointId, HttpRequest request, WaterloggingDrainage drainage, CancellationToken ct)
    {
        var (radius, geoJson) = ReadQuery(request, allowGeoJson: true);
        var result = await drainage.TraceAsync(pointId, radius, geoJson, ct) ?? throw new NotFoundException($"There is no waterlogging point {pointId}.");
        return TypedResults.Json(result, InspectionEndpoints.Json);
    }

    private static async Task<IResult> CampaignAsync(long pointId, HttpContext http, WaterloggingDrainage drainage, IOptions<RegistryRules> rules, CancellationToken ct)
    {
        var (radius, _) = ReadQuery(http.Request, allowGeoJson: false);
        var (reason, note) = await ReadCampaignBodyAsync(http.Request, rules.Value.MaxRequestBodyBytes, ct);
        var trace = await drainage.TraceAsync(pointId, radius, withGeoJson: false, ct) ?? throw new NotFoundException($"There is no waterlogging point {pointId}.");
        var created = await drainage.CreateCampaignAsync(trace, reason, note, InspectionEndpoints.UserName(http), ct);
        http.Response.Headers.Location = $"/api/campaigns/{created.Id}";
        return TypedResults.Json(new { id = created.Id, tasksCreated = created.TasksCreated, assets = created.Assets, drainage = trace }, InspectionEndpoints.Json,
            statusCode: 201);
    }

    private static async Task<IResult> TraceGeoJsonAsync(string? from, string? direction, SewerNetworkTrace trace, NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var result = await AssetRegistry.Web.Analysis.AnalysisEndpoints.TraceFromQueryAsync(from, direction, trace, ct);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        var features = await SewerNetworkGeoJson.ReadAsync(conn, null, [result.StartManholeId], result.ManholeIds, result.SegmentIds, ct, highlightRole: "start");
        return TypedResults.Json(new { trace = result, geoJson = features }, InspectionEndpoints.Json);
    }

    private static (double RadiusM, bool GeoJson) ReadQuery(HttpRequest request, bool allowGeoJson)
    {
        var errors = new ValidationErrors();
        var radius = WaterloggingDrainage.DefaultRadiusM;
        var radiusText = request.Query["radius"].ToString();
        if (radiusText.Length > 0 && (!double.TryParse(radiusText, NumberStyles.Float, CultureInfo.InvariantCulture, out radius)
                                      || !double.IsFinite(radius) || radius <= 0 || radius > WaterloggingDrainage.MaxRadiusM))
            errors.Add("radius", $"radius is metres, more than 0 and at most {WaterloggingDrainage.MaxRadiusM:0}.");
        var geoJson = false;
        var geoJsonText = request.Query["geojson"].ToString();
        if (allowGeoJson && geoJsonText.Length > 0 && !bool.TryParse(geoJsonText, out geoJson)) errors.Add("geojson", "geojson is true or false.");
        errors.ThrowIfAny();
        return (radius, geoJson);
    }

    /// <summary>The optional body {reason, note}; an empty body means a rainstorm campaign with the default note.</summary>
    private static async Task<(string Reason, string? Note)> ReadCampaignBodyAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength is 0 || (request.ContentLength is null && !request.Headers.ContentType.Any())) return ("rainstorm", null);
        using var body = await JsonBody.ReadAsync(request, maxBytes, ct);
        var errors = new ValidationErrors();
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "Send {\"reason\": \"rainstorm\"|\"typhoon\"|\"other\", \"note\": text} or nothing.");
            errors.ThrowIfAny();
        }
        foreach (var p in root.EnumerateObject().Where(p => !CampaignFields.Contains(p.Name)))
            errors.Add(p.Name, $"{p.Name} is not a field here; expected {string.Join(", ", CampaignFields)}.");
        var reason = "rainstorm";
        if (root.TryGetProperty("reason", out var r) && r.ValueKind != JsonValueKind.Null)
        {
            if (r.ValueKind == JsonValueKind.String) reason = r.GetString()!;
            else errors.Add("reason", "reason is text.");
        }
        string? note = null;
        if (root.TryGetProperty("note", out var n) && n.ValueKind != JsonValueKind.Null)
        {
            if (n.ValueKind == JsonValueKind.String) note = n.GetString();
            else errors.Add("note", "note is text.");
        }
        errors.ThrowIfAny();
        return (reason, note);
    }
}
