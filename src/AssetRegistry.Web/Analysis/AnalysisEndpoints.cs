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
/// <c>/api/analysis/</c>: park service-radius coverage, straight-line and walking (with what-if), sewer traces and the topology report.
/// Planners, engineers and admins may run them; crews and viewers may not.
/// </summary>
public static class AnalysisEndpoints
{
    public const string AnalysisPolicy = "analysis";

    public static IServiceCollection AddAnalysis(this IServiceCollection services)
    {
        services.AddSingleton<ParkCoverageAnalysis>();
        services.AddSingleton<WalkingCoverageAnalysis>();
        services.AddSingleton<SewerNetworkTrace>();
        services.AddSingleton<SewerTopologyReport>();
        services.AddAuthorizationBuilder().AddPolicy(AnalysisPolicy, p => p.RequireRole(Roles.Admin, Roles.Planner, Roles.Engineer));
        return services;
    }

    public static IEndpointRouteBuilder MapAnalysis(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/analysis").WithTags("Analysis").RequireAuthorization(AnalysisPolicy);
        api.MapGet("/park-coverage", CoverageAsync).WithName("ParkCoverage")
            .WithSummary("公园绿地服务半径覆盖率 per district and for the city, with rules and targets: mode=straight (buffers), walking (along " +
                "streets) or both (default: the straight-line figures, the walking report and the two side by side).");
        api.MapGet("/park-coverage/uncovered", UncoveredAsync).WithName("ParkCoverageUncovered")
            .WithSummary("Residential land outside every park's service area (GeoJSON); mode=straight (default) or walking.");
        api.MapPost("/park-coverage/what-if", WhatIfAsync).WithName("ParkCoverageWhatIf")
            .WithSummary("Coverage with proposed parks (not saved): {\"parks\": [GeoJSON Polygon, …]} → before, after, newly covered land; " +
                "mode=straight, walking or both (default: straight-line at the top, walking under \"walking\").");
        api.MapGet("/sewer/trace", TraceAsync).WithName("SewerTrace")
            .WithSummary("Upstream or downstream trace from a manhole or a segment: segments, manholes, total length, outfalls.");
        api.MapGet("/sewer/topology", TopologyAsync).WithName("SewerTopology")
            .WithSummary("Segments away from their manholes, reverse slopes, pieces reaching no outfall, cycles.");
        return app;
    }

    private enum Mode { Straight, Walking, Both }

    private static Mode ParseMode(string? mode, bool allowBoth, Mode fallback)
    {
        Mode? parsed = mode switch
        {
            null or "" => fallback,
            "straight" => Mode.Straight,
            "walking" => Mode.Walking,
            "both" when allowBoth => Mode.Both,
            _ => null,
        };
        if (parsed is { } m) return m;
        var errors = new ValidationErrors();
        errors.Add("mode", allowBoth ? "mode must be straight, walking or both." : "mode must be straight or walking.");
        errors.ThrowIfAny();
        return fallback;
    }

    private static async Task<IResult> CoverageAsync(string? mode, ParkCoverageAnalysis straight, WalkingCoverageAnalysis walking, CancellationToken ct) =>
        ParseMode(mode, allowBoth: true, Mode.Both) switch
        {
            Mode.Straight => TypedResults.Ok((await straight.RunAsync([], withUncovered: false, 0, ct)).Report),
            Mode.Walking => TypedResults.Ok((await walking.RunAsync([], withUncovered: false, 0, ct)).Report),
            _ => TypedResults.Ok(CoverageComparison.Of((await straight.RunAsync([], false, 0, ct)).Report, (await walking.RunAsync([], false, 0, ct)).Report)),
        };

    private static async Task<IResult> UncoveredAsync(string? mode, ParkCoverageAnalysis straight, WalkingCoverageAnalysis walking, double? minM2, CancellationToken ct)
    {
        var (_, uncovered, _) = ParseMode(mode, allowBoth: false, Mode.Straight) == Mode.Walking
            ? await walking.RunAsync([], withUncovered: true, minM2 ?? 1, ct)
            : await straight.RunAsync([], withUncovered: true, minM2 ?? 1, ct);
        return Results.Text(uncovered!, "application/geo+json", Encoding.UTF8);
    }

    private static async Task<IResult> WhatIfAsync(HttpRequest request, string? mode, ParkCoverageAnalysis straight, WalkingCoverageAnalysis walking,
        IOptions<RegistryRules> rules, CancellationToken ct)
    {
        var chosen = ParseMode(mode, allowBoth: true, Mode.Both);
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
        if (chosen == Mode.Walking)
        {
            var (report, _, newly) = await walking.RunAsync(parks, withUncovered: false, 0, ct);
            return TypedResults.Ok(new { report, newlyCovered = JsonDocument.Parse(newly!).RootElement });
        }
        var (straightReport, _, straightNewly) = await straight.RunAsync(parks, withUncovered: false, 0, ct);
        if (chosen == Mode.Straight)
            return TypedResults.Ok(new { report = straightReport, newlyCovered = JsonDocument.Parse(straightNewly!).RootElement });
        var (walkingReport, _, walkingNewly) = await walking.RunAsync(parks, withUncovered: false, 0, ct);
        return TypedResults.Ok(new
        {
            report = straightReport, newlyCovered = JsonDocument.Parse(straightNewly!).RootElement,
            walking = new { report = walkingReport, newlyCovered = JsonDocument.Parse(walkingNewly!).RootElement },
        });
    }

    private static async Task<IResult> TraceAsync(string? from, string? direction, SewerNetworkTrace trace, CancellationToken ct) =>
        TypedResults.Ok(await TraceFromQueryAsync(from, direction, trace, ct));

    /// <summary>A trace from the query's <c>from=manhole:&lt;id&gt;|segment:&lt;id&gt;</c> and <c>direction=upstream|downstream</c>
    /// (default downstream): 400 naming the parameter when malformed, 404 when the start does not exist.</summary>
    public static async Task<SewerTraceResult> TraceFromQueryAsync(string? from, string? direction, SewerNetworkTrace trace, CancellationToken ct)
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
        if (parts.Length != 2 || parts[0] is not ("manhole" or "segment") ||
            !long.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id <= 0)
        {
            errors.Add("from", "from must be manhole:<id> or segment:<id>.");
            id = 0;
        }
        errors.ThrowIfAny();
        var result = parts[0] == "manhole"
            ? await trace.FromManholeAsync(id, dir!.Value, ct)
            : await trace.FromSegmentAsync(id, dir!.Value, ct);
        return result ?? throw new NotFoundException($"There is no {parts[0]} {id}.");
    }

    private static async Task<IResult> TopologyAsync(SewerTopologyReport report, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await report.RunAsync(Math.Clamp(limit ?? 1000, 1, 10000), ct));
}
