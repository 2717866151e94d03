using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace AssetRegistry.Web.Ogc;

/// <summary>
/// The HTML face of the OGC API (Part 1 requirements class HTML): every GET under <c>/ogc</c> renders as a page
/// when <see cref="OgcFormats.WantsHtml"/> says so, built from the same document the JSON answer carries, so the
/// two cannot disagree. Every value is HTML-encoded; pages load only same-origin styles and scripts (the strict
/// CSP of <see cref="AppPages"/>): the items map is <c>/js/ogc-map.js</c>, which fetches the page's own GeoJSON.
/// JSON answers get a <c>Link: …; rel="alternate"; type="text/html"</c> header pointing at their page.
/// </summary>
public static class OgcHtml
{
    /// <summary>The conformance classes this adds: the HTML encoding and the OpenAPI 3.0 service description.</summary>
    public static readonly IReadOnlyList<string> ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30",
    ];

    /// <summary>Endpoint filter for the <c>/ogc</c> group: picks the representation, renders the page or passes on.</summary>
    public static async ValueTask<object?> NegotiateAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        if (!HttpMethods.IsGet(request.Method)) return await next(context);
        http.Response.Headers.Append("Vary", "Accept");
        if (!OgcFormats.WantsHtml(request))
        {
            http.Response.Headers.Append("Link", $"<{OgcFormats.WithFormat(request, "html")}>; rel=\"alternate\"; type=\"text/html\"");
            return await next(context);
        }
        var name = http.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
        var chinese = PrefersChinese(request);
        if (name == "GetItems") return await ItemsPageAsync(http, chinese);
        var result = await next(context);
        if (result is not IResult or IStatusCodeHttpResult { StatusCode: not (null or 200) }) return result;
        var document = Document(http, result);
        if (document is null) return result;
        // The ETag names the JSON feature's version; an HTML page is another representation, not that entity.
        http.Response.Headers.Remove("ETag");
        return name switch
        {
            "OgcLanding" => Landing(http, document, chinese),
            "OgcConformance" => Conformance(http, document, chinese),
            "OgcCollections" => Collections(http, document, chinese),
            "OgcCollection" => Collection(http, document, chinese),
            "OgcQueryables" => Queryables(http, document, chinese),
            "GetItem" => Item(http, document, chinese),
            "OgcApi" => Api(http, document, chinese),
            _ => result,
        };
    }

    /// <summary>Chinese unless the browser asks for another language first (the registry's users read Chinese).</summary>
    public static bool PrefersChinese(HttpRequest request) =>
        request.Headers.AcceptLanguage.Count == 0 || ProblemTitles.PrefersChinese(request);

    /// <summary>The JSON document a handler answered with, as the client would have received it.</summary>
    private static JsonObject? Document(HttpContext http, object result)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return result switch
        {
            ContentHttpResult { ResponseContent: { } text } => JsonNode.Parse(text) as JsonObject,
            IValueHttpResult { Value: { } value } => JsonSerializer.SerializeToNode(value, value.GetType(), options) as JsonObject,
            _ => null,
        };
    }

    // ---- pages ----

    private static IResult Landing(HttpContext http, JsonObject doc, bool zh)
    {
        var body = new StringBuilder();
        body.Append("<h1>").Append(E(Text(doc["title"]))).Append("</h1>");
        body.Append("<p>").Append(E(Text(doc["description"]))).Append("</p>");
        body.Append("<h2>").Append(L("links", zh)).Append("</h2>").Append(LinkList(doc["links"], zh));
        return Page(http, zh, Text(doc["title"]), [], body);
    }

    private static IResult Conformance(HttpContext http, JsonObject doc, bool zh)
    {
        var body = new StringBuilder("<h1>").Append(L("conformance", zh)).Append("</h1><ul class=\"plain\">");
        foreach (var c in doc["conformsTo"]?.AsArray() ?? new JsonArray())
            body.Append("<li><a href=\"").Append(E(Text(c))).Append("\">").Append(E(Text(c))).Append("</a></li>");
        body.Append("</ul>");
        return Page(http, zh, L("conformance", zh), [Home(http, zh)], body);
    }

    private static IResult Collections(HttpContext http, JsonObject doc, bool zh)
    {
        var body = new StringBuilder("<h1>").Append(L("collections", zh)).Append("</h1><table><thead><tr>")
            .Append(Th(L("id", zh))).Append(Th(L("title", zh))).Append(Th(L("description", zh))).Append(Th(L("geometryTypes", zh)))
            .Append(Th(L("links", zh))).Append("</tr></thead><tbody>");
        foreach (var c in doc["collections"]?.AsArray() ?? new JsonArray())
        {
            var id = Text(c?["id"]);
            var url = OgcUrls.Collection(http.Request, id);
            body.Append("<tr><td><a href=\"").Append(E(url + "?f=html")).Append("\">").Append(E(id)).Append("</a></td>")
                .Append(Td(Text(c?["title"]))).Append(Td(Text(c?["description"]))).Append(Td(Text(c?["geometryTypes"])))
                .Append("<td><a href=\"").Append(E(OgcUrls.Items(http.Request, id) + "?f=html")).Append("\">").Append(L("items", zh)).Append("</a> · ")
                .Append("<a href=\"").Append(E(url + "/queryables?f=html")).Append("\">").Append(L("queryables", zh)).Append("</a></td></tr>");
        }
        body.Append("</tbody></table>");
        return Page(http, zh, L("collections", zh), [Home(http, zh)], body);
    }

    private static IResult Collection(HttpContext http, JsonObject doc, bool zh)
    {
        var id = Text(doc["id"]);
        var body = new StringBuilder("<h1>").Append(E(Text(doc["title"]))).Append("</h1><dl>");
        foreach (var key in new[] { "id", "description", "itemType", "geometryTypes", "storageCrs", "crs" })
            body.Append("<dt>").Append(L(key, zh)).Append("</dt><dd>").Append(E(Text(doc[key]))).Append("</dd>");
        body.Append("<dt>").Append(L("extent", zh)).Append("</dt><dd>").Append(E(Text(doc["extent"]?["spatial"]?["bbox"]))).Append("</dd></dl>");
        body.Append("<p class=\"actions\"><a href=\"").Append(E(OgcUrls.Items(http.Request, id) + "?f=html")).Append("\">").Append(L("browseItems", zh))
            .Append("</a> · <a href=\"").Append(E(OgcUrls.Collection(http.Request, id) + "/queryables?f=html")).Append("\">").Append(L("queryables", zh)).Append("</a></p>");
        body.Append("<h2>").Append(L("links", zh)).Append("</h2>").Append(LinkList(doc["links"], zh));
        return Page(http, zh, Text(doc["title"]), [Home(http, zh), CollectionsCrumb(http, zh)], body);
    }

    private static IResult Queryables(HttpContext http, JsonObject doc, bool zh)
    {
        var kind = OgcEndpoints.KindOr404(Route(http, "collectionId"));
        var required = (doc["required"]?.AsArray() ?? new JsonArray()).Select(Text).ToHashSet();
        var body = new StringBuilder("<h1>").Append(E(Title(kind, zh))).Append(" · ").Append(L("queryables", zh)).Append("</h1><table><thead><tr>")
            .Append(Th(L("name", zh))).Append(Th(L("title", zh))).Append(Th(L("type", zh))).Append(Th(L("constraints", zh))).Append(Th(L("required", zh)))
            .Append("</tr></thead><tbody>");
        foreach (var (name, schema) in doc["properties"]?.AsObject() ?? new JsonObject())
        {
            var constraints = new[] { "enum", "minimum", "maximum", "maxLength", "format", "x-unit", "x-collection", "readOnly" }
                .Where(k => schema?[k] is not null)
                .Select(k => k == "enum" && schema![k] is JsonArray codes
                    ? "enum: " + string.Join(", ", codes.Select(c => Value(name, c, zh)))
                    : $"{k}: {Text(schema![k])}");
            var title = zh ? Text(schema?["title"]) : Text(schema?["x-title-en"] ?? schema?["title"]);
            body.Append("<tr>").Append(Td(name, "code")).Append(Td(title)).Append(Td(Text(schema?["type"])))
                .Append(Td(string.Join("; ", constraints))).Append(Td(required.Contains(name) ? "✓" : "")).Append("</tr>");
        }
        body.Append("</tbody></table>");
        return Page(http, zh, $"{Title(kind, zh)} · {L("queryables", zh)}", [Home(http, zh), CollectionsCrumb(http, zh), CollectionCrumb(http, kind, zh)], body);
    }

    private static async Task<IResult> ItemsPageAsync(HttpContext http, bool zh)
    {
        var request = http.Request;
        var kind = OgcEndpoints.KindOr404(Route(http, "collectionId"));
        var rules = http.RequestServices.GetRequiredService<IOptions<RegistryRules>>().Value;
        var withoutFormat = new QueryCollection(request.Query.Where(kv => kv.Key != "f").ToDictionary(kv => kv.Key, kv => kv.Value));
        var query = ItemsQueryParser.Parse(kind, withoutFormat, rules);
        var page = await http.RequestServices.GetRequiredService<FeatureReader>().ReadPageAsync(query, http.RequestAborted);
        var features = page.Features.Select(f => JsonNode.Parse(f)!.AsObject()).ToList();

        var body = new StringBuilder("<h1>").Append(E(Title(kind, zh))).Append("</h1>");
        body.Append("<p class=\"counts\">").Append(L("numberMatched", zh)).Append(": <strong id=\"number-matched\">").Append(page.NumberMatched)
            .Append("</strong> · ").Append(L("numberReturned", zh)).Append(": <strong id=\"number-returned\">").Append(features.Count).Append("</strong></p>");
        body.Append(Pager(request, kind, query, page.NumberMatched, zh));
        body.Append("<div id=\"ogc-map\" class=\"ogc-map\" data-src=\"").Append(E(OgcFormats.WithFormat(request, "json"))).Append("\"></div>");
        var columns = kind.Attributes.Select(a => a.Name).ToList();
        columns.AddRange(features.SelectMany(f => f["properties"]?.AsObject().Select(p => p.Key) ?? []).Distinct().Except(columns).ToList());
        body.Append("<div class=\"scroll\"><table id=\"features\"><thead><tr>").Append(Th("id")).Append(Th(L("geometry", zh)));
        foreach (var c in columns) body.Append(Th(ColumnTitle(kind, c, zh)));
        body.Append("</tr></thead><tbody>");
        foreach (var f in features)
        {
            var id = Text(f["id"]);
            body.Append("<tr><td><a href=\"").Append(E(OgcUrls.Items(request, kind.CollectionId) + "/" + Uri.EscapeDataString(id) + "?f=html")).Append("\">")
                .Append(E(id)).Append("</a></td>").Append(Td(Text(f["geometry"]?["type"])));
            foreach (var c in columns) body.Append(Td(Value(c, f["properties"]?[c], zh)));
            body.Append("</tr>");
        }
        body.Append("</tbody></table></div>");
        body.Append(Pager(request, kind, query, page.NumberMatched, zh));
        return Page(http, zh, Title(kind, zh), [Home(http, zh), CollectionsCrumb(http, zh), CollectionCrumb(http, kind, zh)], body, map: true);
    }

    /// <summary>Previous and next page links, the same pages as the JSON's prev/next links.</summary>
    private static string Pager(HttpRequest request, AssetKind kind, FeatureQuery query, long matched, bool zh)
    {
        var links = JsonSerializer.SerializeToNode(ItemsEndpoints.PageLinks(request, kind.CollectionId, query, matched), ApiJson.Options)!.AsArray();
        var sb = new StringBuilder("<nav class=\"pager\">");
        foreach (var rel in new[] { "prev", "next" })
        {
            var href = links.FirstOrDefault(l => Text(l?["rel"]) == rel)?["href"] is { } h ? Text(h) : null;
            if (href is null) continue;
            sb.Append("<a rel=\"").Append(rel).Append("\" href=\"").Append(E(WithHtml(href))).Append("\">").Append(L(rel, zh)).Append("</a> ");
        }
        return sb.Append("</nav>").ToString();
    }

    private static string WithHtml(string href) => href.Contains("f=html", StringComparison.Ordinal) ? href : href + "&f=html";

    private static IResult Item(HttpContext http, JsonObject feature, bool zh)
    {
        var kind = OgcEndpoints.KindOr404(Route(http, "collectionId"));
        var id = Text(feature["id"]);
        var name = Text(feature["properties"]?["name"]);
        var heading = $"{Title(kind, zh)} {id}" + (name.Length > 0 ? $" · {name}" : "");
        var body = new StringBuilder("<h1>").Append(E(heading)).Append("</h1>");
        body.Append("<div id=\"ogc-map\" class=\"ogc-map\" data-src=\"").Append(E(OgcFormats.WithFormat(http.Request, "json"))).Append("\"></div><dl>");
        body.Append("<dt>id</dt><dd>").Append(E(id)).Append("</dd><dt>").Append(L("geometry", zh)).Append("</dt><dd>")
            .Append(E(Text(feature["geometry"]?["type"]))).Append("</dd>");
        foreach (var (key, value) in feature["properties"]?.AsObject() ?? new JsonObject())
            body.Append("<dt>").Append(E(ColumnTitle(kind, key, zh))).Append("</dt><dd>").Append(E(Value(key, value, zh))).Append("</dd>");
        body.Append("</dl>");
        return Page(http, zh, heading, [Home(http, zh), CollectionsCrumb(http, zh), CollectionCrumb(http, kind, zh),
            (L("items", zh), OgcUrls.Items(http.Request, kind.CollectionId) + "?f=html")], body, map: true);
    }

    /// <summary>The OpenAPI document for reading: each path and operation with its parameters and responses.</summary>
    private static IResult Api(HttpContext http, JsonObject doc, bool zh)
    {
        var components = doc["components"]?.AsObject();
        JsonNode? Resolve(JsonNode? node) =>
            node?["$ref"] is { } r && Text(r).Split('/') is [_, "components", var section, var key] ? components?[section]?[key] : node;

        var body = new StringBuilder("<h1>").Append(L("api", zh)).Append("</h1>");
        body.Append("<p>").Append(E(Text(doc["info"]?["title"]))).Append(" — OpenAPI ").Append(E(Text(doc["openapi"]))).Append("</p>");
        body.Append("<p>").Append(E(Text(doc["info"]?["description"]))).Append("</p>");
        var server = Uri.TryCreate(Text(doc["servers"]?[0]?["url"]), UriKind.Absolute, out var url) ? url.AbsolutePath.TrimEnd('/') : "";
        foreach (var (relative, item) in doc["paths"]?.AsObject() ?? new JsonObject())
        {
            var path = server + relative;
            foreach (var (method, op) in item?.AsObject() ?? new JsonObject())
            {
                body.Append("<section class=\"operation\"><h2><span class=\"method\">").Append(E(method.ToUpperInvariant())).Append("</span> <code>")
                    .Append(E(path)).Append("</code></h2><p>").Append(E(Text(op?["summary"]))).Append(" — ").Append(E(Text(op?["description"]))).Append("</p>");
                var parameters = (op?["parameters"]?.AsArray() ?? new JsonArray()).Select(Resolve).ToList();
                if (parameters.Count > 0)
                {
                    body.Append("<table><thead><tr>").Append(Th(L("parameter", zh))).Append(Th(L("in", zh))).Append(Th(L("required", zh)))
                        .Append(Th(L("schema", zh))).Append(Th(L("description", zh))).Append("</tr></thead><tbody>");
                    foreach (var p in parameters)
                        body.Append("<tr>").Append(Td(Text(p?["name"]), "code")).Append(Td(Text(p?["in"])))
                            .Append(Td(p?["required"]?.GetValue<bool>() == true ? "✓" : "")).Append(Td(Text(p?["schema"]), "code"))
                            .Append(Td(Text(p?["description"]))).Append("</tr>");
                    body.Append("</tbody></table>");
                }
                body.Append("<ul class=\"responses\">");
                foreach (var (status, response) in op?["responses"]?.AsObject() ?? new JsonObject())
                {
                    var resolved = Resolve(response);
                    var types = string.Join(", ", resolved?["content"]?.AsObject().Select(c => c.Key) ?? []);
                    body.Append("<li><strong>").Append(E(status)).Append("</strong> ").Append(E(Text(resolved?["description"])));
                    if (types.Length > 0) body.Append(" <code>").Append(E(types)).Append("</code>");
                    body.Append("</li>");
                }
                body.Append("</ul></section>");
            }
        }
        return Page(http, zh, L("api", zh), [Home(http, zh)], body);
    }

    // ---- layout ----

    private static IResult Page(HttpContext http, bool zh, string title, (string Label, string Href)[] crumbs, StringBuilder main, bool map = false)
    {
        var json = OgcFormats.WithFormat(http.Request, "json");
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"").Append(zh ? "zh-CN" : "en").Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>").Append(E(title)).Append("</title>")
            .Append("<link rel=\"icon\" href=\"/favicon.svg\"><link rel=\"stylesheet\" href=\"/css/ogc.css\">")
            .Append("<link rel=\"alternate\" type=\"application/json\" href=\"").Append(E(json)).Append("\">");
        if (map)
            html.Append("<link rel=\"stylesheet\" href=\"/lib/leaflet/dist/leaflet.css\"><script src=\"/lib/leaflet/dist/leaflet.js\" defer></script>")
                .Append("<script type=\"module\" src=\"/js/ogc-map.js\"></script>");
        html.Append("</head><body><header><nav class=\"crumbs\">");
        foreach (var (label, href) in crumbs) html.Append("<a href=\"").Append(E(href)).Append("\">").Append(E(label)).Append("</a> › ");
        html.Append("<span>").Append(E(title)).Append("</span></nav><a class=\"json\" id=\"json-link\" href=\"").Append(E(json)).Append("\">JSON</a></header><main>")
            .Append(main).Append("</main></body></html>");
        AppPages.SetHeaders(http.Response);
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static (string, string) Home(HttpContext http, bool zh) => (L("home", zh), OgcUrls.Base(http.Request) + "?f=html");

    private static (string, string) CollectionsCrumb(HttpContext http, bool zh) => (L("collections", zh), OgcUrls.Base(http.Request) + "/collections?f=html");

    private static (string, string) CollectionCrumb(HttpContext http, AssetKind kind, bool zh) =>
        (Title(kind, zh), OgcUrls.Collection(http.Request, kind.CollectionId) + "?f=html");

    private static string LinkList(JsonNode? links, bool zh)
    {
        var sb = new StringBuilder("<ul class=\"links\">");
        foreach (var l in links?.AsArray() ?? new JsonArray())
        {
            var href = Text(l?["href"]);
            var title = Text(l?["title"]);
            sb.Append("<li><a href=\"").Append(E(href)).Append("\">").Append(E(title.Length > 0 ? title : href)).Append("</a> <span class=\"rel\">")
                .Append(E(Text(l?["rel"]))).Append(" · ").Append(E(Text(l?["type"]))).Append("</span></li>");
        }
        return sb.Append("</ul>").ToString();
    }

    private static string Title(AssetKind kind, bool zh) => zh ? kind.TitleZh : kind.TitleEn;

    private static string ColumnTitle(AssetKind kind, string name, bool zh) =>
        kind.FindAttribute(name) is { } a ? (zh ? a.TitleZh : a.TitleEn) : name;

    private static string Route(HttpContext http, string name) => http.Request.RouteValues[name]?.ToString() ?? "";

    /// <summary>A property's value as display text; an enumeration code with its label first: 在用 (in_service).</summary>
    private static string Value(string property, JsonNode? node, bool zh)
    {
        var text = Text(node);
        return node is JsonValue && text.Length > 0 && EnumerationLabels.Of(property, text, zh) is { } label && label != text
            ? $"{label} ({text})"
            : text;
    }

    /// <summary>A JSON value as display text: strings as they are, everything else as compact JSON.</summary>
    private static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(ApiJson.Options),
    };

    /// <summary>Encodes the five characters that matter in text and quoted attributes; every other character,
    /// Chinese and "·" included, stays readable in the page source.</summary>
    private static string E(string text)
    {
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0) return text;
        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
            sb.Append(c switch { '&' => "&amp;", '<' => "&lt;", '>' => "&gt;", '"' => "&quot;", '\'' => "&#39;", _ => c.ToString() });
        return sb.ToString();
    }

    private static string Th(string encoded) => $"<th>{encoded}</th>";

    private static string Td(string text, string? cssClass = null) =>
        cssClass is null ? $"<td>{E(text)}</td>" : $"<td class=\"{cssClass}\">{E(text)}</td>";

    /// <summary>A heading in the page's language, HTML-encoded.</summary>
    private static string L(string key, bool zh) => E(Labels.TryGetValue(key, out var l) ? (zh ? l.Zh : l.En) : key);

    private static readonly Dictionary<string, (string Zh, string En)> Labels = new()
    {
        ["home"] = ("首页", "Home"), ["links"] = ("链接", "Links"), ["conformance"] = ("符合性类别", "Conformance classes"),
        ["collections"] = ("要素集合", "Collections"), ["id"] = ("标识", "Id"), ["title"] = ("名称", "Title"),
        ["description"] = ("说明", "Description"), ["geometryTypes"] = ("几何类型", "Geometry types"), ["items"] = ("要素", "Features"),
        ["queryables"] = ("可查询属性", "Queryables"), ["itemType"] = ("要素类型", "Item type"), ["storageCrs"] = ("存储坐标系", "Storage CRS"),
        ["crs"] = ("坐标系", "CRS"), ["extent"] = ("空间范围", "Extent"), ["browseItems"] = ("浏览要素", "Browse features"),
        ["name"] = ("属性", "Property"), ["type"] = ("类型", "Type"), ["constraints"] = ("约束", "Constraints"), ["required"] = ("必填", "Required"),
        ["numberMatched"] = ("匹配总数", "Matched"), ["numberReturned"] = ("本页返回", "Returned"), ["prev"] = ("‹ 上一页", "‹ Previous"),
        ["next"] = ("下一页 ›", "Next ›"), ["geometry"] = ("几何", "Geometry"), ["api"] = ("API 说明", "API description"),
        ["parameter"] = ("参数", "Parameter"), ["in"] = ("位置", "In"), ["schema"] = ("模式", "Schema"),
    };
}
