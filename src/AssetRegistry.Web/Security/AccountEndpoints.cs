using System.Security.Claims;
using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Security;
using AssetRegistry.Domain.Users;
using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace AssetRegistry.Web.Security;

/// <summary>
/// The account page (<c>/account</c>) and personal API tokens under <c>/api/account/tokens</c>: each user issues,
/// lists and revokes their own; an admin may list (<c>?all=true</c>) and revoke anyone's. The secret is in the
/// answer to the POST only.
/// </summary>
public static class AccountEndpoints
{
    /// <summary>Longest expiry a token may be given, in days (a year: GIS projects are set up once a year).</summary>
    public const int MaxExpiryDays = 366;

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        app.MapGet("/account", (HttpContext http, IWebHostEnvironment env, CancellationToken ct) => AppPages.ServeAsync(http, env, "account.html", ct))
            .WithName("AccountPage").ExcludeFromDescription();
        var tokens = app.MapGroup("/api/account/tokens").WithTags("Account");
        tokens.MapGet("", ListAsync).WithName("ListApiTokens").WithSummary("Your personal API tokens; admins: ?all=true for everyone's.");
        tokens.MapPost("", IssueAsync).WithName("IssueApiToken")
            .WithSummary("Issue a token {name, expiresInDays?}; the secret is shown in this answer only.");
        tokens.MapDelete("/{tokenId:long}", RevokeAsync).WithName("RevokeApiToken").WithSummary("Revoke a token (yours, or anyone's for admins).");
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext http, ApiTokens store, UserManager<RegistryUser> users, bool? all, CancellationToken ct)
    {
        var everyone = all == true && http.User.IsInRole(Roles.Admin);
        if (all == true && !everyone) return Forbidden(http);
        var list = await store.ListAsync(everyone ? null : users.GetUserId(http.User), ct);
        return TypedResults.Ok(new { tokens = list });
    }

    private static async Task<IResult> IssueAsync(HttpContext http, ApiTokens store, UserManager<RegistryUser> users, AuditTrail trail,
        RegistryRules rules, TimeProvider clock, CancellationToken ct)
    {
        using var body = await JsonBody.ReadAsync(http.Request, rules.MaxRequestBodyBytes, ct);
        var errors = new ValidationErrors();
        string? name = null;
        int? days = null;
        if (body.RootElement.ValueKind != JsonValueKind.Object)
            errors.Add("body", new LocalizedText("Send a JSON object {name, expiresInDays?}.", "请发送 JSON 对象 {name, expiresInDays?}。"));
        else
        {
            if (!body.RootElement.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(n.GetString()))
                errors.Add("name", new LocalizedText("Give the token a name, e.g. the client that will use it.", "请为令牌命名，例如使用它的客户端。"));
            else if (n.GetString()!.Trim().Length > ApiTokens.MaxNameLength)
                errors.Add("name", new LocalizedText($"At most {ApiTokens.MaxNameLength} characters.", $"最多 {ApiTokens.MaxNameLength} 个字符。"));
            else name = n.GetString()!.Trim();
            if (body.RootElement.TryGetProperty("expiresInDays", out var d) && d.ValueKind != JsonValueKind.Null)
            {
                if (d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var value) && value is >= 1 and <= MaxExpiryDays) days = value;
                else errors.Add("expiresInDays", new LocalizedText($"A whole number of days from 1 to {MaxExpiryDays}, or null for no expiry.",
                    $"有效期须为 1 至 {MaxExpiryDays} 的整数天，或为 null 表示不过期。"));
            }
        }
        errors.ThrowIfAny();
        var userId = users.GetUserId(http.User) ?? throw new InvalidOperationException("A signed-in user has an id.");
        var (token, secret) = await store.IssueAsync(userId, name!, days is { } n2 ? clock.GetUtcNow().AddDays(n2) : null, ct);
        await AuditHook.RecordAsync(http, AuditActions.TokenIssued, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), token.Name);
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Created($"/api/account/tokens/{token.Id}", new
        {
            token.Id, token.UserName, token.Name, token.CreatedAt, token.ExpiresAt, token = secret,
        });
    }

    private static async Task<IResult> RevokeAsync(HttpContext http, long tokenId, ApiTokens store, UserManager<RegistryUser> users, CancellationToken ct)
    {
        var owner = http.User.IsInRole(Roles.Admin) ? null : users.GetUserId(http.User);
        var revoked = await store.RevokeAsync(tokenId, owner, ct)
            ?? throw new NotFoundException($"You have no live token {tokenId}.");
        await AuditHook.RecordAsync(http, AuditActions.TokenRevoked, tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{revoked.UserName}: {revoked.Name}");
        return TypedResults.NoContent();
    }

    private static IResult Forbidden(HttpContext http) =>
        TypedResults.Problem(statusCode: 403, title: ProblemTitles.In(ProblemTitles.Forbidden, ProblemTitles.PrefersChinese(http.Request)),
            detail: "Only admins may list everyone's tokens.");
}
