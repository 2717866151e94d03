using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AssetRegistry.Web.Auth;

/// <summary>401 and 403 as ProblemDetails for API clients (browsers on pages are redirected instead).</summary>
public static class ApiProblems
{
    /// <summary>True for paths answered as an API (JSON), where a redirect to the login page would be wrong; a
    /// browser opening an OGC page is sent to sign in like on any other page.</summary>
    public static bool IsApi(HttpRequest request) =>
        (request.Path.StartsWithSegments("/ogc") && !Ogc.OgcFormats.IsPageRequest(request)) ||
        request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/health");

    public static async Task WriteAsync(HttpContext http, int status)
    {
        http.Response.StatusCode = status;
        if (status == 401 && string.IsNullOrEmpty(http.Response.Headers.WWWAuthenticate))
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"AssetRegistry\", charset=\"UTF-8\"";
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = status == 401
                ? new ProblemDetails { Status = 401, Title = ProblemTitles.Unauthorized, Detail = "Sign in at /login, or send HTTP Basic credentials." }
                : new ProblemDetails { Status = 403, Title = ProblemTitles.Forbidden, Detail = "Your role may not do this; editing needs the engineer or admin role." },
        });
    }
}
