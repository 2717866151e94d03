using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.History;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Spatial;
using AssetRegistry.Web.Infrastructure;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace AssetRegistry.Web.Assets;

/// <summary>Endpoints across kinds: an asset's history, and every asset inside an area.</summary>
public static class AssetEndpoints
{
    public static IEndpointRouteBuilder MapAssetApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/assets").WithTags("Assets");
        api.MapGet("/{featureId:long}/history", HistoryAsync).WithName("AssetHistory")
            .WithSummary("Every recorded change of an asset (who, when, operation, what changed, before and after), oldest first.");
        api.MapGet("/lookup", LookupAsync).WithName("LookupAssets")
            .WithSummary("The search box: assets whose code starts with q or whose name contains q, with their extent.");
        api.MapPost("/search", SearchAsync).WithName("SearchAssets")
            .WithSummary("Assets of every kind intersecting a GeoJSON Polygon (body: {\"geometry\": …, \"limit\": n}).");
        return app;
    }

    private static async Task<IResult> HistoryAsync(long featureId, AssetHistory history, CancellationToken ct)
    {
        var changes = await history.ForAssetAsync(featureId, ct);
        if (changes.Count == 0) throw new NotFoundException($"No changes are recorded for feature {featureId}.");
        return TypedResults.Ok(new { featureId, collection = changes[^1].Collection, changes });
    }

    private static async Task<IResult> LookupAsync(string? q, int? limit, AssetLookup lookup, CancellationToken ct)
    {
        if (limit is < 1 or > 100)
        {
            var errors = new ValidationErrors();
            errors.Add("limit", "limit must be a whole number from 1 to 100.");
            errors.ThrowIfAny();
        }
        var matches = await lookup.FindAsync(q ?? "", limit ?? 10, ct);
        return TypedResults.Ok(new { matches });
    }

    private static async Task<IResult> SearchAsync(HttpRequest request, AssetSearch search, IOptions<RegistryRules> rules, CancellationToken ct)
    {
        using var body = await JsonBody.ReadAsync(request, rules.Value.MaxRequestBodyBytes, ct);
        var errors = new ValidationErrors();
        Geometry? area = null;
        var limit = 1000;
        if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("geometry", out var g))
            errors.Add("geometry", "Send {\"geometry\": a GeoJSON Polygon}.");
        else
        {
            area = GeoJsonGeometry.Read(g, errors);
            if (area is not null && GeometryChecks.FindProblem(area, ["Polygon", "MultiPolygon"]) is { } problem)
                errors.Add("geometry", problem);
        }
        if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("limit", out var l) &&
            (!l.TryGetInt32(out limit) || limit < 1 || limit > rules.Value.MaxPageSize))
            errors.Add("limit", $"limit must be a whole number from 1 to {rules.Value.MaxPageSize}.");
        errors.ThrowIfAny();
        area!.SRID = 4326;
        var assets = await search.IntersectingAsync(area, limit, ct);
        return TypedResults.Ok(new { numberReturned = assets.Count, assets });
    }
}
