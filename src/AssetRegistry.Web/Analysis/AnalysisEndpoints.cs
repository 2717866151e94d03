using System.Text;
using System.Text.Json;
using AssetRegistry.Domain.Analysis;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Spatial;
using AssetRegistry.Domain.Users;
using AssetRegistry.Web.Infrastructure;
using Microsoft.Extensions.Options;
using NetTopologySuite.Geometries;

namespace AssetRegistry.Web.Analysis;

/// <summary>
/// <c>/api/analysis/</c>: park service-radius coverage (with what-if), sewer traces and the topology report.
/// Planners, engineers and admins may run them; crews and viewers may not.
/// </summary>
public static class AnalysisEndpoints
{
    public const string AnalysisPolicy = "analysis";

    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.AddSingleton<ParkCoverageAnalysis>();
        services.AddSingleton<SewerNetworkTrace>();
        services.AddSingleton<SewerTopologyReport>();
        services.AddAuthorizationBuilder().AddPolicy(AnalysisPolicy, p => p.RequireRole(Roles.Admin, Roles.Planner, Roles.Engineer));
        return services;
    }

    public static IEndpointRouteBuilder MapAnalysis(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/analysis").WithTags("Analysis").RequireAuthorization(AnalysisPolicy);
        api.MapGet("/park-coverage", CoverageAsync).WithName("ParkCoverage")
            .WithSummary("公园绿地服务半径覆盖率 per district and for the city (straight-line buffers), with rules and targets.");
        api.MapGet("/park-coverage/uncovered", UncoveredAsync).WithName("ParkCoverageUncovered")
            .WithSummary("Residential land outside every park's service area (GeoJSON).");
        api.MapPost("/park-coverage/what-if", WhatIfAsync).WithName("ParkCoverageWhatIf")
            .WithSummary("Coverage with proposed parks (not saved): {\"parks\": [GeoJSON Polygon, …]} → before, after, newly covered land.");
        api.MapGet("/sewer/trace", TraceAsync).WithName("SewerTrace")
            .WithSummary("Upstream or downstream trace from a manhole or a segment: segments, manholes, total length, outfalls.");
        api.MapGet("/sewer/topology", TopologyAsync).WithName("SewerTopology")
            .WithSummary("Segments away from their manholes, reverse slopes, pieces reaching no outfall, cycles.");
        return app;
    }

    private static async Task<IResult> CoverageAsync(ParkCoverageAnalysis analysis, CancellationToken ct) =>
        TypedResults.Ok((await analysis.RunAsync([], withUncovered: false, 0, ct)).Report);

    private static async Task<IResult> UncoveredAsync(ParkCoverageAnalysis analysis, double? minM2, CancellationToken ct)
    {
        var (_, uncovered, _) = await analysis.RunAsync([], withUncovered: true, minM2 ?? 1, ct);
        return Results.Text(uncovered!, "application/geo+json", Encoding.UTF8);
    }

    private static async Task<IResult> WhatIfAsync(HttpRequest request, ParkCoverageAnalysis analysis, IOptions<RegistryRules> rules, CancellationToken ct)
    {
        using var body = await JsonBody.ReadAsync(request, rules.Value.MaxRequestBodyBytes, ct);
        var errors = new ValidationErrors();
        var parks = new List<Polygon>();
        if (body.RootElement.ValueKind != JsonValueKind.Object || !body.RootElement.TryGetProperty("parks", out var list) || list.ValueKind != JsonValueKind.Array)
            errors.Add("parks", "Send {\"parks\": [GeoJSON Polygon, …]}.");
        else
        {
            var i = 0;
            foreach (var element in list.EnumerateArray())
            {
                var field = $"parks[{i++}]";
                var g = GeoJsonGeometry.Read(element, errors, field);
                if (g is null) continue;
                if (GeometryChecks.FindProblem(g, ["Polygon"]) is { } problem) errors.Add(field, problem);
                else parks.Add((Polygon)g);
            }
            if (parks.Count == 0 && !errors.Any) errors.Add("parks", "Propose at least one park.");
            if (parks.Count > 100) errors.Add("parks", "At most 100 proposed parks at once.");
        }
        errors.ThrowIfAny();
        var (report, _, newly) = await analysis.RunAsync(parks, withUncovered: false, 0, ct);
        return TypedResults.Ok(new { report, newlyCovered = JsonDocument.Parse(newly!).RootElement });
    }

    private static async Task<IResult> TraceAsync(string? from, string? direction, SewerNetworkTrace trace, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var dir = direction switch
        {
            "upstream" => TraceDirection.Upstream,
            "downstream" or null => TraceDirection.Downstream,
            _ => (TraceDirection?)null,
        };
        if (dir is null) errors.Add("direction", "direction must be upstream or downstream.");
        var parts = (from ?? "").Split(':');
        if (parts.Length != 2 || parts[0] is not ("manhole" or "segment") || !long.TryParse(parts[1], out var id) || id <= 0)
        {
            errors.Add("from", "from must be manhole:<id> or segment:<id>.");
            id = 0;
        }
        errors.ThrowIfAny();
        var result = parts[0] == "manhole"
            ? await trace.FromManholeAsync(id, dir!.Value, ct)
            : await trace.FromSegmentAsync(id, dir!.Value, ct);
        return result is null ? throw new NotFoundException($"There is no {parts[0]} {id}.") : TypedResults.Ok(result);
    }

    private static async Task<IResult> TopologyAsync(SewerTopologyReport report, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await report.RunAsync(Math.Clamp(limit ?? 1000, 1, 10000), ct));
}
