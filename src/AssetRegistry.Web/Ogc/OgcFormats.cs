using AssetRegistry.Domain.Assets;
using Microsoft.Net.Http.Headers;

namespace AssetRegistry.Web.Ogc;

/// <summary>
/// Which representation an OGC request asks for: <c>f=html</c>, <c>f=json</c> (or <c>geojson</c>), or, without
/// <c>f</c>, HTML when the Accept header ranks <c>text/html</c> above every JSON type (a browser navigating) and
/// JSON otherwise (GIS clients, scripts, a missing Accept). Any other <c>f</c> is a 400 naming <c>f</c>.
/// </summary>
public static class OgcFormats
{
    public const string Html = "text/html";

    /// <summary>The <c>f</c> values that mean JSON (the items page also calls its GeoJSON <c>geojson</c>).</summary>
    private static readonly string[] JsonValues = ["json", "geojson"];

    /// <summary>True when the response should be the HTML page; throws a 400 for an unknown <c>f</c>.</summary>
    public static bool WantsHtml(HttpRequest request)
    {
        if (request.Query.TryGetValue("f", out var f))
        {
            var value = f.ToString();
            if (value == "html") return true;
            if (JsonValues.Contains(value)) return false;
            var errors = new ValidationErrors();
            errors.Add("f", new LocalizedText("f must be json, geojson or html.", "f 须为 json、geojson 或 html。"));
            errors.ThrowIfAny();
        }
        return AcceptPrefersHtml(request);
    }

    /// <summary>True when a GET asks for an HTML page (f=html, or a browser's Accept without f); never throws.</summary>
    public static bool IsPageRequest(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) &&
        (request.Query.TryGetValue("f", out var f) ? f.ToString() == "html" : AcceptPrefersHtml(request));

    /// <summary>True when Accept gives text/html a higher quality than any JSON type; <c>*/*</c> counts for neither.</summary>
    public static bool AcceptPrefersHtml(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted)) return false;
        double html = 0, json = 0;
        foreach (var m in accepted)
        {
            var type = m.MediaType.Value ?? "";
            var q = m.Quality ?? 1;
            if (type.Equals(Html, StringComparison.OrdinalIgnoreCase)) html = Math.Max(html, q);
            else if (type.EndsWith("json", StringComparison.OrdinalIgnoreCase)) json = Math.Max(json, q);
        }
        return html > 0 && html > json;
    }

    /// <summary>This request's URL with <c>f</c> set to <paramref name="format"/> (other parameters kept).</summary>
    public static string WithFormat(HttpRequest r, string format)
    {
        var args = r.Query.Where(kv => kv.Key != "f")
            .Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value.ToString())}")
            .Append($"f={format}");
        return $"{r.Scheme}://{r.Host}{r.PathBase}{r.Path}?{string.Join('&', args)}";
    }

    /// <summary>The link to this document as an HTML page, for every JSON response's links.</summary>
    public static OgcLink HtmlAlternate(HttpRequest r) => new(WithFormat(r, "html"), "alternate", Html, "HTML");
}
