using System.Security.Claims;
using System.Text.Encodings.Web;
using AssetRegistry.Domain.Security;
using AssetRegistry.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AssetRegistry.Web.Auth;

/// <summary>
/// Turns a personal API token into the owner's principal. Shared by the Bearer scheme and by HTTP Basic, where GIS
/// clients put the token in the password field. The token itself is looked up on every request, so revoking or
/// expiring it refuses its very next request; the owner's claims (roles) are remembered for a minute per token,
/// like a Basic credential, because loading them costs several queries a tile request should not pay.
/// </summary>
public sealed class TokenSignIn(ApiTokens tokens, UserManager<RegistryUser> users, SignInManager<RegistryUser> signIn, SignInAudit audit,
    IMemoryCache cache)
{
    private static readonly TimeSpan ClaimsCacheFor = TimeSpan.FromMinutes(1);

    /// <summary>The owner's principal, or null (unknown, revoked, expired token; locked owner; or, when
    /// <paramref name="expectedUserName"/> is given, a token of someone else).</summary>
    public async Task<ClaimsPrincipal?> AuthenticateAsync(HttpContext http, string secret, string? expectedUserName, string scheme)
    {
        var verified = await tokens.VerifyAsync(secret, http.RequestAborted);
        if (verified is not { Token: var token, FirstUseThisMinute: var first })
        {
            await audit.FailedAsync(http, expectedUserName, AuthMethods.Token, "unknown, revoked or expired token");
            return null;
        }
        var cacheKey = "token-claims:" + token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (cache.TryGetValue(cacheKey, out (string UserName, Claim[] Claims) known)
            && (expectedUserName is null || string.Equals(known.UserName, expectedUserName, StringComparison.OrdinalIgnoreCase)))
        {
            if (first) await audit.SucceededAsync(http, known.UserName, AuthMethods.Token, $"token {token.Id}");
            return new ClaimsPrincipal(new ClaimsIdentity(known.Claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
        }
        var user = await users.FindByIdAsync(token.UserId);
        if (user is null || await users.IsLockedOutAsync(user)
            || (expectedUserName is not null && !string.Equals(user.UserName, expectedUserName, StringComparison.OrdinalIgnoreCase)))
        {
            await audit.FailedAsync(http, expectedUserName ?? user?.UserName, AuthMethods.Token,
                user is null ? "token owner gone" : expectedUserName is not null ? "token of another user" : "account locked");
            return null;
        }
        if (first) await audit.SucceededAsync(http, user.UserName!, AuthMethods.Token, $"token {token.Id}");
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var claims = principal.Claims.Select(c => new Claim(c.Type, c.Value, c.ValueType, c.Issuer))
            .Append(new Claim(ClaimTypes.AuthenticationMethod, AuthMethods.Token))
            .Append(new Claim(TokenIdClaim, token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        cache.Set(cacheKey, (user.UserName!, claims), ClaimsCacheFor);
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Claim carrying the id of the token that authenticated the request.</summary>
    public const string TokenIdClaim = "assetregistry:token_id";
}

/// <summary><c>Authorization: Bearer arp_…</c> with a personal API token.</summary>
public sealed class TokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, TokenSignIn tokenSignIn)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        var principal = await tokenSignIn.AuthenticateAsync(Context, header["Bearer ".Length..].Trim(), null, SchemeName);
        return principal is null
            ? AuthenticateResult.Fail("Unknown, revoked or expired token.")
            : AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"AssetRegistry\", error=\"invalid_token\"";
        return ApiProblems.WriteAsync(Context, 401);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => ApiProblems.WriteAsync(Context, 403);
}
