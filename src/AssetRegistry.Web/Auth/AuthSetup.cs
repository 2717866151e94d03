using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Security;
using AssetRegistry.Domain.Users;
using AssetRegistry.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace AssetRegistry.Web.Auth;

/// <summary>Identity users and roles in the registry database; cookie sign-in for browsers, Basic or a personal API
/// token (Bearer, or as the Basic password) for clients.</summary>
public static class AuthSetup
{
    /// <summary>Policy for creating, changing and deleting assets.</summary>
    public const string EditPolicy = "edit";
    private const string SelectScheme = "cookie-or-basic";

    public static IServiceCollection AddRegistryAuth(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddCookieAntiforgery();
        services.AddSingleton<ApiTokens>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<SignInAudit>();
        services.AddScoped<TokenSignIn>();
        services.AddIdentityCore<RegistryUser>(o =>
            {
                o.Password.RequiredLength = 10;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<RegistryDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = SelectScheme;
                o.DefaultChallengeScheme = SelectScheme;
            })
            .AddPolicyScheme(SelectScheme, "Cookie, Basic or Bearer token", o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.Authorization.ToString() switch
                {
                    var h when h.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase) => BasicAuthenticationHandler.SchemeName,
                    var h when h.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) => TokenAuthenticationHandler.SchemeName,
                    _ => IdentityConstants.ApplicationScheme,
                })
            .AddScheme<AuthenticationSchemeOptions, BasicAuthenticationHandler>(BasicAuthenticationHandler.SchemeName, null)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.LoginPath = "/login";
                o.LogoutPath = "/logout";
                o.Cookie.Name = "assetregistry.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.SlidingExpiration = true;
                o.ExpireTimeSpan = TimeSpan.FromHours(10);
                o.Events.OnRedirectToLogin = ctx => ApiProblems.IsApi(ctx.Request)
                    ? ApiProblems.WriteAsync(ctx.HttpContext, 401)
                    : Redirect(ctx);
                o.Events.OnRedirectToAccessDenied = ctx => ApiProblems.WriteAsync(ctx.HttpContext, 403);
            });

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(EditPolicy, p => p.RequireRole([.. Roles.Editors]));
        return services;
    }

    private static Task Redirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx)
    {
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
