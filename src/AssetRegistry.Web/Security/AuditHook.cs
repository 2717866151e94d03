using AssetRegistry.Domain.Security;

namespace AssetRegistry.Web.Security;

/// <summary>
/// The audit hook for endpoints: <c>.Audited(AuditActions.RuleReplaced, "ruleId")</c> records the action, the
/// signed-in user, the route value named as target, the client address and how the user signed in, when the
/// response turns out to be a success (2xx; recorded as its headers are sent, so the trail has it before the client
/// has the answer). Features with more to say call <see cref="AuditTrail.RecordAsync"/> directly, or
/// <see cref="RecordAsync"/> from a handler.
/// </summary>
public static class AuditHook
{
    public static TBuilder Audited<TBuilder>(this TBuilder builder, string action, string? targetRouteValue = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var result = await next(context);
            var http = context.HttpContext;
            http.Response.OnStarting(async () =>
            {
                if (http.Response.StatusCode is >= 200 and < 300)
                    await RecordAsync(http, action, targetRouteValue is null ? null : http.GetRouteValue(targetRouteValue)?.ToString());
            });
            return result;
        });

    /// <summary>Records <paramref name="action"/> by the signed-in user of <paramref name="http"/>.</summary>
    public static Task RecordAsync(HttpContext http, string action, string? target, string? detail = null) =>
        http.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(new AuditEntry(http.User.Identity?.Name, action, target, detail,
            RateLimits.ClientIp(http), AuthMethodOf(http)));

    /// <summary>cookie, basic or token: how the request's user proved who they are.</summary>
    public static string? AuthMethodOf(HttpContext http)
    {
        if (http.User.FindFirst(System.Security.Claims.ClaimTypes.AuthenticationMethod)?.Value == Auth.AuthMethods.Token) return Auth.AuthMethods.Token;
        var type = http.User.Identity?.AuthenticationType;
        if (type == Auth.BasicAuthenticationHandler.SchemeName) return Auth.AuthMethods.Basic;
        return type == Microsoft.AspNetCore.Identity.IdentityConstants.ApplicationScheme ? Auth.AuthMethods.Cookie : null;
    }
}
