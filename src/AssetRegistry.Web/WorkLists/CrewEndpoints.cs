using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Security;
using AssetRegistry.Domain.Users;
using AssetRegistry.Domain.WorkLists;
using AssetRegistry.Web.Infrastructure;
using AssetRegistry.Web.Security;
using Microsoft.Extensions.Options;

namespace AssetRegistry.Web.WorkLists;

/// <summary><c>/api/crews</c>: inspection crews, the districts they cover and their daily capacity (admins create them).</summary>
public static class CrewEndpoints
{
    public static IEndpointRouteBuilder MapCrews(this IEndpointRouteBuilder app)
    {
        var crews = app.MapGroup("/api/crews").WithTags("Crews");
        crews.MapGet("", ListAsync).WithName("ListCrews").WithSummary("Every crew with its districts, daily capacity and members.");
        crews.MapGet("/{crewId:int}", async (int crewId, CrewDirectory directory, CancellationToken ct) => TypedResults.Ok(await directory.ReadAsync(crewId, ct)))
            .WithName("GetCrew").WithSummary("One crew.");
        crews.MapPost("", CreateAsync).RequireAuthorization(p => p.RequireRole(Roles.Admin)).Audited(AuditActions.CrewCreated).WithName("CreateCrew")
            .WithSummary("Create a crew: {\"name\", \"districts\": [adcode…], \"capacityPerDay\": 1–1000, \"members\": [user name…]} (admin).");
        return app;
    }

    private static async Task<IResult> ListAsync(CrewDirectory directory, CancellationToken ct) =>
        TypedResults.Ok(new { crews = await directory.ListAsync(ct) });

    private static async Task<IResult> CreateAsync(HttpRequest request, CrewDirectory directory, IOptions<RegistryRules> rules, CancellationToken ct)
    {
        using var body = await JsonBody.ReadAsync(request, rules.Value.MaxRequestBodyBytes, ct);
        var errors = new ValidationErrors();
        var root = body.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "Send a JSON object with name, districts, capacityPerDay and members.");
            errors.ThrowIfAny();
        }
        var draft = new CrewDraft(
            Text(root, "name", errors),
            TextList(root, "districts", errors),
            WholeNumber(root, "capacityPerDay", errors),
            TextList(root, "members", errors));
        errors.ThrowIfAny();
        var crew = await directory.CreateAsync(draft, ct);
        return TypedResults.Created($"/api/crews/{crew.Id}", crew);
    }

    private static string? Text(JsonElement root, string field, ValidationErrors errors)
    {
        if (!root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.String) return v.GetString();
        errors.Add(field, $"{field} must be a string.");
        return null;
    }

    private static int? WholeNumber(JsonElement root, string field, ValidationErrors errors)
    {
        if (!root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)) return n;
        errors.Add(field, $"{field} must be a whole number.");
        return null;
    }

    private static List<string>? TextList(JsonElement root, string field, ValidationErrors errors)
    {
        if (!root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            return v.EnumerateArray().Select(e => e.GetString()!).ToList();
        errors.Add(field, $"{field} must be an array of strings.");
        return null;
    }
}
