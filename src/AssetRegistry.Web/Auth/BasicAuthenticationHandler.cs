using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using AssetRegistry.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace AssetRegistry.Web.Auth;

/// <summary>
/// HTTP Basic for GIS clients and scripts, checked against the Identity store (lockout applies). A verified
/// credential is remembered for a minute under a SHA-256 of the pair, so that a client paging through a
/// collection does not pay for a password hash on every request.
/// </summary>
public sealed class BasicAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    UserManager<RegistryUser> users, SignInManager<RegistryUser> signIn, IMemoryCache cache)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Basic";
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

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
        var key = "basic:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(decoded)));
        if (cache.TryGetValue(key, out ClaimsPrincipal? remembered) && remembered is not null)
            return AuthenticateResult.Success(new AuthenticationTicket(remembered, SchemeName));

        var user = await users.FindByNameAsync(decoded[..colon]);
        if (user is null) return AuthenticateResult.Fail("Unknown user or wrong password.");
        var check = await signIn.CheckPasswordSignInAsync(user, decoded[(colon + 1)..], lockoutOnFailure: true);
        if (!check.Succeeded) return AuthenticateResult.Fail(check.IsLockedOut ? "The account is locked." : "Unknown user or wrong password.");
        var principal = await signIn.CreateUserPrincipalAsync(user);
        var identity = new ClaimsIdentity(principal.Claims, SchemeName, ClaimTypes.Name, ClaimTypes.Role);
        var result = new ClaimsPrincipal(identity);
        cache.Set(key, result, CacheFor);
        return AuthenticateResult.Success(new AuthenticationTicket(result, SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"AssetRegistry\", charset=\"UTF-8\"";
        return ApiProblems.WriteAsync(Context, 401);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => ApiProblems.WriteAsync(Context, 403);
}
