using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace AssetRegistry.Web.Security;

/// <summary>
/// Cross-site request forgery protection for the pages. A write (POST, PUT, PATCH, DELETE) authenticated by the
/// sign-in cookie must carry the antiforgery request token in <see cref="HeaderName"/>; pages get it in the
/// script-readable <see cref="RequestTokenCookie"/> cookie and wwwroot/js/api.js echoes it. Requests authenticated
/// with HTTP Basic or a Bearer token carry no ambient credential a foreign page could borrow, so they are not
/// asked for one; but a browser-sent cross-site write (Sec-Fetch-Site: cross-site) is refused whatever its
/// credential, because browsers replay cached Basic credentials on their own.
/// </summary>
public static class CookieAntiforgery
{
    /// <summary>The header the pages send the request token in.</summary>
    public const string HeaderName = "X-XSRF-TOKEN";

    /// <summary>The cookie the pages read the request token from (not HttpOnly on purpose; SameSite=Strict).</summary>
    public const string RequestTokenCookie = "XSRF-TOKEN";

    /// <summary>Writes that need no token: sign-in checks its own form token, and signing out is harmless.</summary>
    private static readonly string[] Exempt = ["/login", "/logout"];

    public static IServiceCollection AddCookieAntiforgery(this IServiceCollection services) =>
        services.AddAntiforgery(o =>
        {
            o.HeaderName = HeaderName;
            o.Cookie.Name = "assetregistry.antiforgery";
            o.Cookie.SameSite = SameSiteMode.Strict;
            // SecurityHeaders sends X-Frame-Options: DENY on every response.
            o.SuppressXFrameOptionsHeader = true;
        });

    /// <summary>After authentication and authorization: refuses forged cookie writes with a 400 problem before the
    /// endpoint runs, so nothing is written.</summary>
    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (IsWrite(http.Request.Method) && !Exempt.Any(p => http.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
        {
            if (http.Request.Headers["Sec-Fetch-Site"] == "cross-site")
            {
                await WriteProblemAsync(http, 403, ProblemTitles.CrossSite);
                return;
            }
            if (http.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme
                && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
            {
                await WriteProblemAsync(http, 400, ProblemTitles.Antiforgery);
                return;
            }
        }
        await next(http);
    });

    /// <summary>Gives a signed-in page the request token for its writes (call when serving a page).</summary>
    public static void IssueRequestToken(HttpContext http)
    {
        // Antiforgery makes the response no-store itself (a token must not be cached) and warns when it has to
        // override a page's own caching headers; pages are never cached across users anyway.
        http.Response.Headers.CacheControl = default;
        http.Response.Headers.Pragma = default;
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        http.Response.Cookies.Append(RequestTokenCookie, tokens.RequestToken!, new CookieOptions
        {
            HttpOnly = false, SameSite = SameSiteMode.Strict, Secure = http.Request.IsHttps, Path = "/", IsEssential = true,
        });
    }

    private static bool IsWrite(string method) =>
        HttpMethods.IsPost(method) || HttpMethods.IsPut(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method);

    private static async Task WriteProblemAsync(HttpContext http, int status, string title)
    {
        var chinese = ProblemTitles.PrefersChinese(http.Request);
        http.Response.StatusCode = status;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = status, Title = ProblemTitles.In(title, chinese),
                Detail = chinese
                    ? "浏览器会话的写请求须在 X-XSRF-TOKEN 头中带上页面的防伪令牌；请重新载入页面。未写入任何内容。"
                    : "A write from a signed-in browser must carry the page's antiforgery token in X-XSRF-TOKEN; reload the page. Nothing was written.",
            },
        });
    }
}
