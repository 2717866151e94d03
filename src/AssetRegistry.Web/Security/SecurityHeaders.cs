using AssetRegistry.Web.Infrastructure;

namespace AssetRegistry.Web.Security;

/// <summary>
/// Headers every response carries (pages, API, static files, errors, redirects): a Content-Security-Policy without
/// inline script that forbids framing (pages may have set their own, which differs only in allowing inline styles),
/// nosniff, a referrer policy and X-Frame-Options for browsers that ignore frame-ancestors.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Cross-origin requests (a configured basemap's tile server) learn the origin only, never a path or
    /// query, which may carry asset ids or a bounding box; same-origin requests keep the full referrer.</summary>
    public const string ReferrerPolicy = "strict-origin-when-cross-origin";

    /// <summary>Registered first, so responses written by the exception handler and static files get the headers too.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy)) headers.ContentSecurityPolicy = AppPages.ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = ReferrerPolicy;
            return Task.CompletedTask;
        });
        return next(http);
    });
}
