using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using AssetRegistry.Domain.Security;
using AssetRegistry.Domain.Users;
using AssetRegistry.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AssetRegistry.Web.Auth;

/// <summary>
/// HTTP Basic for GIS clients and scripts, checked against the Identity store (lockout applies). A verified
/// credential is remembered for a minute under a SHA-256 of the pair, so that a client paging through a
/// collection does not pay for a password hash on every request. A personal API token may stand in for the
/// password (QGIS and GDAL speak Basic only); tokens are checked on every request and never cached, so a revoked
/// token is refused at once. Password checks count against <see cref="SignInThrottle"/> and are audited.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    UserManager<RegistryUser> users, SignInManager<RegistryUser> signIn, IMemoryCache cache,
    TokenSignIn tokenSignIn, SignInThrottle throttle, SignInAudit audit)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);
    private const string ThrottledKey = "basic.throttled";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return AuthenticateResult.NoResult();
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header["Basic ".Length..].Trim()));
        }
        catch (FormatException)
        {
            return AuthenticateResult.Fail("Malformed Basic credentials.");
        }
        var colon = decoded.IndexOf(':');
        if (colon <= 0) return AuthenticateResult.Fail("Malformed Basic credentials.");
        var userName = decoded[..colon];
        var password = decoded[(colon + 1)..];
        if (password.StartsWith(ApiTokens.Prefix, StringComparison.Ordinal))
        {
            // A token in the password field is only ever a token: no password is tried, nothing is cached.
            var byToken = await tokenSignIn.AuthenticateAsync(Context, password, userName, SchemeName);
            return byToken is null
                ? AuthenticateResult.Fail("Unknown, revoked or expired token.")
                : AuthenticateResult.Success(new AuthenticationTicket(byToken, SchemeName));
        }
        var key = "basic:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(decoded)));
        if (cache.TryGetValue(key, out ClaimsPrincipal? remembered) && remembered is not null)
            return AuthenticateResult.Success(new AuthenticationTicket(remembered, SchemeName));

        // Concurrent requests with the same credentials (a GIS client opening 32 connections, or every request
        // when the minute's cache entry expires) share one password check: one throttle permit, one audit row.
        // The check is lazy: GetOrAdd may call its factory in several requests at once and keep one result, and a
        // check started in a request whose result was not kept would run on in the background on that request's
        // database context while the request itself went on using it (two commands on one connection at once:
        // seen under load as an ArgumentOutOfRangeException deep in Npgsql). Only the kept one ever starts, in
        // the request that added it, which awaits it like every other.
        var check = InFlight.GetOrAdd(key, _ => new Lazy<Task<(ClaimsPrincipal?, string?, TimeSpan?)>>(() => CheckPasswordAsync(userName, password, key)));
        (ClaimsPrincipal? Principal, string? Failure, TimeSpan? Wait) outcome;
        try
        {
            outcome = await check.Value;
        }
        finally
        {
            InFlight.TryRemove(KeyValuePair.Create(key, check));
        }
        if (outcome.Wait is { } wait) Context.Items[ThrottledKey] = wait;
        return outcome.Principal is { } principal
            ? AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName))
            : AuthenticateResult.Fail(outcome.Failure!);
    }

    private static readonly ConcurrentDictionary<string, Lazy<Task<(ClaimsPrincipal?, string?, TimeSpan?)>>> InFlight = new();

    private async Task<(ClaimsPrincipal?, string?, TimeSpan?)> CheckPasswordAsync(string userName, string password, string key)
    {
        if (throttle.TryAcquire(RateLimits.ClientIp(Context), userName) is { } wait)
            return (null, "Too many sign-in attempts.", wait);
        var user = await users.FindByNameAsync(userName);
        if (user is null)
        {
            await audit.FailedAsync(Context, userName, AuthMethods.Basic, "unknown user");
            return (null, "Unknown user or wrong password.", null);
        }
        var check = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!check.Succeeded)
        {
            await audit.FailedAsync(Context, userName, AuthMethods.Basic, check.IsLockedOut ? "account locked" : "wrong password");
            return (null, check.IsLockedOut ? "The account is locked." : "Unknown user or wrong password.", null);
        }
        await audit.SucceededAsync(Context, user.UserName!, AuthMethods.Basic);
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        var result = new ClaimsPrincipal(identity);
        cache.Set(key, result, CacheFor);
        return (result, null, null);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items[ThrottledKey] is TimeSpan wait) return RateLimits.WriteProblemAsync(Context, wait);
        Response.Headers.WWWAuthenticate = "Basic realm=\"AssetRegistry\", charset=\"UTF-8\"";
        return ApiProblems.WriteAsync(Context, 401);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => ApiProblems.WriteAsync(Context, 403);
}
