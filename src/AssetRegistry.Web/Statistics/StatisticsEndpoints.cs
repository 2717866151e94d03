using System.Globalization;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Statistics;
using AssetRegistry.Domain.Users;
using AssetRegistry.Web.Inspections;

namespace AssetRegistry.Web.Statistics;

/// <summary>
/// <c>/api/statistics</c>: the dashboard's figures in one document, and each chart's numbers as CSV or XLSX; the
/// statistics and analysis pages; the waterlogging drainage links (<see cref="WaterloggingEndpoints"/>). Statistics
/// are read by admins, engineers, planners and viewers; crews, whose pages are their work lists, may not.
/// </summary>
public static class StatisticsEndpoints
{
    /// <summary>Who may read statistics: every role but crews.</summary>
    public const string StatisticsPolicy = "statistics";

    public static readonly IReadOnlyList<string> Readers = [Roles.Admin, Roles.Engineer, Roles.Planner, Roles.Viewer];

    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddScoped<RegistryStatistics>();
        services.AddSingleton<WaterloggingDrainage>();
        services.AddAuthorizationBuilder().AddPolicy(StatisticsPolicy, p => p.RequireRole([.. Readers]));
        return services;
    }

    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/statistics").WithTags("Statistics").RequireAuthorization(StatisticsPolicy);
        api.MapGet("", ReadAsync).WithName("Statistics")
            .WithSummary("Assets by kind and district, cover intact rate, bridge and sewer grades, lighting rate, inspections per district; targets and definitions with sources.");
        api.MapGet("/{chart}.{format}", DownloadAsync).WithName("StatisticsDownload")
            .WithSummary("One chart's numbers: /api/statistics/{chart}.csv or .xlsx (charts: assets, cover-intact, bridge-grades, sewer-grades, lighting, inspections).");
        app.MapWaterlogging();
        app.MapStatisticsPages();
        return app;
    }

    private static async Task<IResult> ReadAsync(HttpRequest request, RegistryStatistics statistics, CancellationToken ct)
    {
        var day = Date(request);
        var report = await statistics.ReadAsync(day, ct);
        return TypedResults.Json(new
        {
            report.GeneratedAt, report.Assets, report.CoverIntact, report.BridgeGrades, report.SewerGrades, report.Lighting, report.Inspections,
            charts = StatisticsTables.Charts, statistics.Rules.Targets,
        }, InspectionEndpoints.Json);
    }

    private static async Task<IResult> DownloadAsync(HttpRequest request, string chart, string format, RegistryStatistics statistics, CancellationToken ct)
    {
        if (!StatisticsTables.Charts.Contains(chart)) throw new NotFoundException($"There is no chart '{chart}'; use {string.Join(", ", StatisticsTables.Charts)}.");
        if (format is not ("csv" or "xlsx")) throw new NotFoundException($"Charts download as .csv or .xlsx, not .{format}.");
        var report = await statistics.ReadAsync(Date(request), ct);
        var table = StatisticsTables.Of(report, chart)!;
        var name = $"statistics-{chart}-{report.Inspections.Date:yyyy-MM-dd}.{format}";
        return format == "csv"
            ? TypedResults.File(StatisticsExports.Csv(table), StatisticsExports.CsvType, name)
            : TypedResults.File(StatisticsExports.Xlsx(table), StatisticsExports.XlsxType, name);
    }

    /// <summary>The optional <c>date</c> (yyyy-MM-dd) of the inspection summary; a 400 for anything else.</summary>
    private static DateOnly? Date(HttpRequest request)
    {
        var text = request.Query["date"].ToString();
        if (text.Length == 0) return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        var errors = new ValidationErrors();
        errors.Add("date", "date is a date, yyyy-MM-dd.");
        errors.ThrowIfAny();
        return null;
    }
}
