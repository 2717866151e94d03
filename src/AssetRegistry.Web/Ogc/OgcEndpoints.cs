using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Spatial;

namespace AssetRegistry.Web.Ogc;

/// <summary>OGC API – Features: landing page, conformance, collections and their queryables.</summary>
public static class OgcEndpoints
{
    private const string Json = "application/json";
    private const string GeoJson = "application/geo+json";

    /// <summary>Conformance classes implemented: Part 1 Core and GeoJSON, Part 2 CRS by reference, Part 3 filtering
    /// with CQL2 text (basic CQL2, LIKE/BETWEEN/IN, CASEI, S_INTERSECTS with any geometry literal), Part 4
    /// create/replace/delete and update.</summary>
    public static readonly IReadOnlyList<string> ConformanceClasses =
    [
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
        "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
        "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/queryables",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
        "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
        "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
        "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
        "http://www.opengis.net/spec/cql2/1.0/conf/case-insensitive-comparison",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
        "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions-plus",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/create-replace-delete",
        "http://www.opengis.net/spec/ogcapi-features-4/1.0/conf/update",
        .. OgcHtml.ConformanceClasses,
    ];

    public static IEndpointRouteBuilder MapOgcApi(this IEndpointRouteBuilder app)
    {
        var ogc = app.MapGroup("/ogc").WithTags("OGC API – Features").AddEndpointFilter(OgcHtml.NegotiateAsync);
        ogc.MapOgcApiDocument();
        ogc.MapGet("", Landing).WithName("OgcLanding").WithSummary("Landing page.");
        ogc.MapGet("/conformance", (HttpRequest r) => TypedResults.Ok(new { conformsTo = ConformanceClasses }))
            .WithName("OgcConformance").WithSummary("Conformance classes.");
        ogc.MapGet("/collections", Collections).WithName("OgcCollections").WithSummary("Every asset kind as a collection.");
        ogc.MapGet("/collections/{collectionId}", Collection).WithName("OgcCollection").WithSummary("One collection.");
        ogc.MapGet("/collections/{collectionId}/queryables", Queryables).WithName("OgcQueryables")
            .WithSummary("The collection's attributes as JSON Schema: types, enumerations, ranges, titles.");
        ogc.MapItems();
        return app;
    }

    /// <summary>The kind for a collection id, or a 404.</summary>
    public static AssetKind KindOr404(string collectionId) =>
        AssetKinds.Find(collectionId) ?? throw new NotFoundException($"There is no collection '{collectionId}'.");

    private static IResult Landing(HttpRequest r) => TypedResults.Ok(new
    {
        title = "泉州市市政设施资产登记 · Quanzhou infrastructure asset registry",
        description = "OGC API – Features over the registry's PostGIS database.",
        links = new[]
        {
            new OgcLink(OgcUrls.Base(r), "self", Json, "This document"),
            new OgcLink($"{OgcUrls.Base(r)}/conformance", "conformance", Json, "Conformance classes"),
            new OgcLink($"{OgcUrls.Base(r)}/collections", "data", Json, "Collections"),
            new OgcLink($"{OgcUrls.Base(r)}/api", "service-desc", OgcOpenApi.MediaType, "The API definition (OpenAPI 3.0)"),
            new OgcLink($"{OgcUrls.Base(r)}/api?f=html", "service-doc", OgcFormats.Html, "The API documentation"),
            OgcFormats.HtmlAlternate(r),
        },
    });

    private static IResult Collections(HttpRequest r) => TypedResults.Ok(new
    {
        links = new[] { new OgcLink($"{OgcUrls.Base(r)}/collections", "self", Json), OgcFormats.HtmlAlternate(r) },
        collections = AssetKinds.All.Select(k => Describe(r, k)).ToList(),
    });

    private static IResult Collection(HttpRequest r, string collectionId) => TypedResults.Ok(Describe(r, KindOr404(collectionId)));

    private static object Describe(HttpRequest r, AssetKind k) => new
    {
        id = k.CollectionId,
        title = k.TitleZh,
        description = k.TitleEn,
        itemType = "feature",
        crs = SupportedCrs.All.Select(c => c.Uri).ToArray(),
        storageCrs = SupportedCrs.Crs84Uri,
        geometryTypes = k.GeometryTypes,
        extent = new { spatial = new { bbox = new[] { CityExtent }, crs = "http://www.opengis.net/def/crs/OGC/1.3/CRS84" } },
        links = new[]
        {
            new OgcLink(OgcUrls.Collection(r, k.CollectionId), "self", Json),
            new OgcLink($"{OgcUrls.Collection(r, k.CollectionId)}?f=html", "alternate", OgcFormats.Html, "HTML"),
            new OgcLink(OgcUrls.Items(r, k.CollectionId), "items", GeoJson, k.TitleZh),
            new OgcLink($"{OgcUrls.Collection(r, k.CollectionId)}/queryables", "http://www.opengis.net/def/rel/ogc/1.0/queryables", "application/schema+json"),
            new OgcLink($"{OgcUrls.Collection(r, k.CollectionId)}/tiles", "http://www.opengis.net/def/rel/ogc/1.0/tilesets-vector", Json, "Vector tiles"),
        },
    };

    /// <summary>Longitude/latitude extent of the service area (the Quanzhou districts, WGS 84), degrees.</summary>
    private static readonly double[] CityExtent = [117.55, 24.5, 119.1, 25.95];

    private static IResult Queryables(HttpRequest r, string collectionId)
    {
        var k = KindOr404(collectionId);
        var properties = new Dictionary<string, object>
        {
            ["geometry"] = new Dictionary<string, object> { ["format"] = "geometry-" + string.Join("-or-", k.GeometryTypes).ToLowerInvariant() },
        };
        foreach (var a in k.Attributes) properties[a.Name] = Schema(a);
        return TypedResults.Json(new Dictionary<string, object>
        {
            ["$schema"] = "https://json-schema.org/draft/2019-09/schema",
            ["$id"] = $"{OgcUrls.Collection(r, k.CollectionId)}/queryables",
            ["type"] = "object",
            ["title"] = k.TitleZh,
            ["required"] = k.Attributes.Where(a => a.Required).Select(a => a.Name).ToList(),
            ["properties"] = properties,
        }, contentType: "application/schema+json");
    }

    /// <summary>The attribute's JSON Schema, as in the queryables and the OpenAPI document's filter parameters.</summary>
    internal static Dictionary<string, object> Schema(AttributeDefinition a)
    {
        var s = new Dictionary<string, object> { ["title"] = a.TitleZh, ["x-title-en"] = a.TitleEn };
        switch (a.Type)
        {
            case AttributeType.Text: s["type"] = "string"; if (a.MaxLength is { } m) s["maxLength"] = m; break;
            case AttributeType.Enumeration: s["type"] = "string"; s["enum"] = a.Values; break;
            case AttributeType.Boolean: s["type"] = "boolean"; break;
            case AttributeType.Date: s["type"] = "string"; s["format"] = "date"; break;
            case AttributeType.Timestamp: s["type"] = "string"; s["format"] = "date-time"; break;
            case AttributeType.Integer: s["type"] = "integer"; break;
            case AttributeType.Reference: s["type"] = "integer"; s["x-collection"] = a.ReferencedCollection!; break;
            case AttributeType.Number: s["type"] = "number"; break;
        }
        if (a.Minimum is { } min) s["minimum"] = min;
        if (a.Maximum is { } max) s["maximum"] = max;
        if (a.Unit is { } u) s["x-unit"] = u;
        if (a.ReadOnly) s["readOnly"] = true;
        return s;
    }
}
