namespace AssetRegistry.Web.Security;

/// <summary>One place that registers the security pieces (see each class) and puts their middleware in order.</summary>
public static class SecuritySetup
{
    public static WebApplicationBuilder AddRegistrySecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddRegistryRateLimits(builder.Configuration);
        builder.AddTrustedProxies();
        return builder;
    }

    /// <summary>After authentication and authorization: write budgets per user, then the cookie antiforgery check.</summary>
    public static IApplicationBuilder UseRegistryWriteProtection(this IApplicationBuilder app) =>
        app.UseRateLimiter().UseCookieAntiforgery();

    public static IEndpointRouteBuilder MapSecurity(this IEndpointRouteBuilder app) => app.MapAccount().MapAudit();
}
