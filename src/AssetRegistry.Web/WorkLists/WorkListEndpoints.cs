using System.Globalization;
using System.Security.Claims;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.WorkLists;
using AssetRegistry.Web.Auth;

namespace AssetRegistry.Web.WorkLists;

/// <summary>Work lists: building routed daily lists per crew and district, reading and exporting them.</summary>
public static class WorkListEndpoints
{
    public static IServiceCollection AddWorkLists(this IServiceCollection services)
    {
        services.AddSingleton<WorkListBuilder>();
        services.AddSingleton<WorkListReader>();
        services.AddScoped<CrewDirectory>();
        return services;
    }

    public static IEndpointRouteBuilder MapWorkLists(this IEndpointRouteBuilder app)
    {
        var lists = app.MapGroup("/api/work-lists").WithTags("Work lists");
        lists.MapPost("/build", BuildAsync).RequireAuthorization(AuthSetup.EditPolicy).WithName("BuildWorkLists")
            .WithSummary("Build the routed lists of a day (?date=yyyy-MM-dd, default today in Asia/Shanghai) for every crew (engineer, admin).");
        lists.MapGet("", FindAsync).WithName("FindWorkLists")
            .WithSummary("Lists of a day (?date=, default today) filtered by ?crewId= and ?district=.");
        lists.MapGet("/mine", MineAsync).WithName("MyWorkLists")
            .WithSummary("The lists of a day (?date=, default today) of the crews the signed-in user belongs to.");
        lists.MapGet("/{id:long}", ReadAsync).WithName("GetWorkList").WithSummary("One list with its stops in route order and its route length (metres).");
        lists.MapGet("/{id:long}.xlsx", WorkListExports.XlsxAsync).WithName("GetWorkListXlsx").WithSummary("The list as a spreadsheet (XLSX).");
        lists.MapGet("/{id:long}.geojson", WorkListExports.GeoJsonAsync).WithName("GetWorkListGeoJson")
            .WithSummary("The list as GeoJSON: numbered stops as points and the route as a LineString.");
        app.MapGet("/work-lists/{id:long}/print", WorkListPrintPage.ShowAsync).WithName("PrintWorkList").ExcludeFromDescription();
        app.MapCrews();
        return app;
    }

    private static async Task<IResult> BuildAsync(string? date, WorkListBuilder builder, InspectionOptions options, TimeProvider clock, CancellationToken ct)
    {
        var report = await builder.BuildAsync(Day(date, options, clock), ct);
        return TypedResults.Ok(report);
    }

    private static async Task<IResult> FindAsync(string? date, string? crewId, string? district, WorkListReader reader, InspectionOptions options,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        int? crew = null;
        if (!string.IsNullOrEmpty(crewId))
        {
            if (int.TryParse(crewId, NumberStyles.None, CultureInfo.InvariantCulture, out var c)) crew = c;
            else errors.Add("crewId", "crewId must be a whole number.");
        }
        var day = Day(date, options, clock, errors);
        errors.ThrowIfAny();
        var found = await reader.FindAsync(day, crew, string.IsNullOrEmpty(district) ? null : district, null, ct);
        return TypedResults.Ok(new { workDate = day, lists = found });
    }

    private static async Task<IResult> MineAsync(string? date, ClaimsPrincipal user, WorkListReader reader, InspectionOptions options,
        TimeProvider clock, CancellationToken ct)
    {
        var day = Day(date, options, clock);
        var name = user.Identity?.Name ?? "";
        var found = await reader.FindAsync(day, null, null, name, ct);
        return TypedResults.Ok(new { workDate = day, userName = name, lists = found });
    }

    private static async Task<IResult> ReadAsync(long id, WorkListReader reader, CancellationToken ct)
    {
        var detail = await reader.ReadAsync(id, ct);
        var l = detail.List;
        return TypedResults.Ok(new
        {
            l.Id, l.CrewId, l.CrewName, l.District, l.DistrictName, l.DistrictNameEn, l.WorkDate, l.Sequence, l.RouteLengthM, detail.CodeOrderLengthM,
            l.CampaignId, stopCount = l.Stops, l.Done, stops = detail.Stops,
        });
    }

    /// <summary>The <c>date</c> parameter (yyyy-MM-dd), or today in the inspections' time zone; a malformed one is a
    /// field error.</summary>
    private static DateOnly Day(string? date, InspectionOptions options, TimeProvider clock, ValidationErrors? errors = null)
    {
        if (string.IsNullOrEmpty(date)) return options.Today(clock);
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        var own = errors ?? new ValidationErrors();
        own.Add("date", "date must be a calendar date as yyyy-MM-dd.");
        if (errors is null) own.ThrowIfAny();
        return default;
    }
}
