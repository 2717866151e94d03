using System.Net;

namespace AssetRegistry.Web.Infrastructure;

/// <summary>
/// Serves the app's static pages (<c>wwwroot/*.html</c>) to signed-in users: the user's name written into the
/// page HTML-encoded (so it shows before any script runs), a Content-Security-Policy that allows scripts, styles and
/// data from this origin only and no inline script or handler, and no caching across users or releases.
/// </summary>
public static class AppPages
{
    /// <summary>Map tiles may come from a configured https basemap; everything else from this origin.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob: https:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The same, but allowing inline style attributes, for pages whose libraries (Leaflet-Geoman's toolbar and
    /// editing layers, Chart.js) set them: scripts stay strictly same-origin.</summary>
    public const string ContentSecurityPolicyWithInlineStyles =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>The empty element a page leaves for the signed-in user's name.</summary>
    private const string UserNameSlot = "<span id=\"user-name\" class=\"user-name\"></span>";

    /// <summary>Sets the headers every page response carries; call it also before answering with another page.</summary>
    public static void SetHeaders(HttpResponse response, bool inlineStyles = false)
    {
        response.Headers.ContentSecurityPolicy = inlineStyles ? ContentSecurityPolicyWithInlineStyles : ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        // Per user, and revalidated every time, so a new release's page is never served from a stale cache.
        response.Headers.CacheControl = "no-cache, private";
    }

    /// <summary>The HTML-encoded name of the signed-in user.</summary>
    public static string EncodedUserName(HttpContext http) => WebUtility.HtmlEncode(http.User.Identity?.Name ?? "");

    /// <summary>Serves <c>wwwroot/<paramref name="file"/></c> with the signed-in user's name filled in.</summary>
    public static async Task<IResult> ServeAsync(HttpContext http, IWebHostEnvironment env, string file, CancellationToken ct,
        bool inlineStyles = false)
    {
        SetHeaders(http.Response, inlineStyles);
        Security.CookieAntiforgery.IssueRequestToken(http);
        var page = env.WebRootFileProvider.GetFileInfo(file);
        if (!page.Exists) return TypedResults.NotFound();
        string html;
        await using (var stream = page.CreateReadStream())
        using (var reader = new StreamReader(stream))
            html = await reader.ReadToEndAsync(ct);
        html = html.Replace(UserNameSlot, UserNameSlot.Replace("></span>", $">{EncodedUserName(http)}</span>", StringComparison.Ordinal),
            StringComparison.Ordinal);
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
