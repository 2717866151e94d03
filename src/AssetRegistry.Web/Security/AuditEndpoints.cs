using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Security;
using AssetRegistry.Domain.Users;
using AssetRegistry.Web.Infrastructure;

namespace AssetRegistry.Web.Security;

/// <summary><c>GET /api/audit</c>: the audit trail for admins, newest first, paged and filtered.</summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit", QueryAsync).RequireAuthorization(p => p.RequireRole(Roles.Admin)).WithTags("Audit").WithName("AuditTrail")
            .WithSummary("Sign-ins and admin actions: user, action, from, to (ISO 8601, to exclusive), limit, offset.");
        return app;
    }

    private static async Task<IResult> QueryAsync(AuditTrail trail, RegistryRules rules, string? user, string? action, string? from, string? to,
        string? limit, string? offset, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var q = new AuditQuery(Blank(user), Blank(action), Time(from, "from", errors), Time(to, "to", errors),
            Number(limit, "limit", rules.DefaultPageSize, 1, rules.MaxPageSize, errors), Number(offset, "offset", 0, 0, int.MaxValue, errors));
        errors.ThrowIfAny();
        var page = await trail.QueryAsync(q, ct);
        return TypedResults.Ok(new { numberMatched = page.NumberMatched, numberReturned = page.Events.Count, events = page.Events });
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static DateTimeOffset? Time(string? value, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        if (DateTimeOffset.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var t))
            return t;
        errors.Add(field, new LocalizedText("An ISO 8601 date or time, e.g. 2026-11-25 or 2026-11-25T08:00:00+08:00.",
            "须为 ISO 8601 日期或时间，例如 2026-11-25 或 2026-11-25T08:00:00+08:00。"));
        return null;
    }

    private static int Number(string? value, string field, int fallback, int min, int max, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value)) return fallback;
        if (int.TryParse(value, out var n) && n >= min && n <= max) return n;
        errors.Add(field, new LocalizedText($"A whole number from {min} to {max}.", $"须为 {min} 至 {max} 的整数。"));
        return fallback;
    }
}
