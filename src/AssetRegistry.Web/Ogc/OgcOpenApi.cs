using System.Text.Json.Nodes;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace AssetRegistry.Web.Ogc;

/// <summary>
/// <c>/ogc/api</c>: the OpenAPI 3.0 description of the OGC API – Features endpoints (the service-desc a GIS client
/// reads). Written by hand rather than generated, because the items query (bbox, CQL2 filter, sortby, attribute
/// filters) is parsed from the raw query string and a generator would not see it; the collection ids, the page
/// limits and the attribute names come from the kinds and the rules, so the document cannot drift from them.
/// </summary>
public static class OgcOpenApi
{
    /// <summary>The media type of an OpenAPI 3.0 JSON document (OGC API – Features Part 1, §7.2.4).</summary>
    public const string MediaType = "application/vnd.oai.openapi+json;version=3.0";

    public static RouteGroupBuilder MapOgcApiDocument(this RouteGroupBuilder ogc)
    {
        ogc.MapGet("/api", (HttpRequest r, IOptions<RegistryRules> rules) =>
                Results.Text(Document(r, rules.Value).ToJsonString(ApiJson.Options), MediaType))
            .WithName("OgcApi").WithSummary("This API's OpenAPI 3.0 description.");
        return ogc;
    }

    /// <summary>The document for this request's host and path base.</summary>
    public static JsonObject Document(HttpRequest r, RegistryRules rules) => new()
    {
        ["openapi"] = "3.0.3",
        ["info"] = new JsonObject
        {
            ["title"] = "泉州市市政设施资产登记 · Quanzhou infrastructure asset registry",
            ["version"] = "1.0.0",
            ["description"] = "OGC API – Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) and Part 4 (create, replace, update, " +
                              "delete) over the registry's PostGIS database. Reads need a signed-in user (cookie or HTTP Basic); " +
                              "writes need the engineer or admin role and If-Match with the feature's ETag.",
        },
        // Paths are relative to the landing page, as OGC API clients expect: GDAL looks up
        // /collections/{id}/items here to learn which attributes it may filter on the server.
        ["servers"] = new JsonArray(new JsonObject { ["url"] = OgcUrls.Base(r), ["description"] = "This registry's OGC API – Features landing page." }),
        ["security"] = new JsonArray(new JsonObject { ["basicAuth"] = new JsonArray() }, new JsonObject { ["cookieAuth"] = new JsonArray() }),
        ["tags"] = new JsonArray(new JsonObject { ["name"] = Tag, ["description"] = "Asset kinds as OGC API – Features collections." }),
        ["paths"] = Paths(rules),
        ["components"] = Components(rules),
    };

    private const string Tag = "OGC API – Features";

    private static JsonObject Paths(RegistryRules rules)
    {
        var paths = CommonPaths();
        foreach (var kind in AssetKinds.All)
            paths[$"/collections/{kind.CollectionId}/items"] = new JsonObject
            {
                ["get"] = Operation($"getFeatures_{kind.CollectionId}", $"{kind.TitleZh} · {kind.TitleEn}",
                    $"The items of {kind.CollectionId}, with an equality filter parameter for each of its attributes.",
                    [.. ItemsParameters().Where(p => p["$ref"]!.GetValue<string>() is not ("#/components/parameters/collectionId" or "#/components/parameters/attributes")),
                     .. AttributeParameters(kind)],
                    Ok("A page of features.", "FeatureCollectionGeoJSON", "application/geo+json"), notFound: false),
            };
        return paths;
    }

    /// <summary>name=value filters on a kind's attributes (timestamps excepted), typed from its queryables.</summary>
    private static IEnumerable<JsonNode> AttributeParameters(AssetKind kind) => kind.Attributes
        .Where(a => a.Type != AttributeType.Timestamp)
        .Select(a => (JsonNode)Param(a.Name, "query", $"{a.TitleZh} · {a.TitleEn}: only features whose {a.Name} equals this value.",
            System.Text.Json.JsonSerializer.SerializeToNode(OgcEndpoints.Schema(a), ApiJson.Options)!));

    private static JsonObject CommonPaths() => new()
    {
        ["/"] = Get("getLandingPage", "Landing page", "The links to the API description, conformance and collections.",
            [Ref("parameters", "f")], Ok("The landing page.", "LandingPage")),
        ["/api"] = Get("getApiDescription", "API description", "This document; f=html renders it for reading.",
            [Ref("parameters", "f")], Ok("The OpenAPI 3.0 document.", null, MediaType)),
        ["/conformance"] = Get("getConformance", "Conformance classes", "The conformance classes the server implements.",
            [Ref("parameters", "f")], Ok("The conformance declaration.", "ConfClasses")),
        ["/collections"] = Get("getCollections", "Collections", "Every asset kind as a feature collection.",
            [Ref("parameters", "f")], Ok("The collections.", "Collections")),
        ["/collections/{collectionId}"] = Get("describeCollection", "One collection", "A collection's extent, CRS and links.",
            [Ref("parameters", "collectionId"), Ref("parameters", "f")], Ok("The collection.", "Collection"), notFound: true),
        ["/collections/{collectionId}/queryables"] = Get("getQueryables", "Queryables",
            "The collection's attributes as JSON Schema: types, enumerations, ranges, units, zh/en titles.",
            [Ref("parameters", "collectionId"), Ref("parameters", "f")], Ok("The queryables.", "Queryables", "application/schema+json"), notFound: true),
        ["/collections/{collectionId}/items"] = new JsonObject
        {
            ["get"] = Operation("getFeatures", "A page of features",
                "Features in id order; numberMatched counts every match, links next/prev page through them.",
                ItemsParameters(), Ok("A page of features.", "FeatureCollectionGeoJSON", "application/geo+json"), notFound: true),
            ["post"] = Write("createFeature", "Create a feature", "Creates a feature from a GeoJSON Feature (engineer, admin).",
                [Ref("parameters", "collectionId")], ifMatch: false, body: "FeatureGeoJSON", new JsonObject
                {
                    ["201"] = new JsonObject
                    {
                        ["description"] = "Created: the stored feature, with its id, generated code and derived district.",
                        ["headers"] = new JsonObject { ["Location"] = Ref("headers", "Location"), ["ETag"] = Ref("headers", "ETag") },
                        ["content"] = Content("application/geo+json", "FeatureGeoJSON"),
                    },
                }),
        },
        ["/collections/{collectionId}/items/{featureId}"] = new JsonObject
        {
            ["get"] = Operation("getFeature", "One feature", "One feature; its ETag is the version to send in If-Match.",
                [Ref("parameters", "collectionId"), Ref("parameters", "featureId"), Ref("parameters", "f")],
                WithETag(Ok("The feature.", "FeatureGeoJSON", "application/geo+json")), notFound: true),
            ["put"] = Write("replaceFeature", "Replace a feature", "Replaces the feature's geometry and attributes; attributes left out are cleared.",
                [Ref("parameters", "collectionId"), Ref("parameters", "featureId")], ifMatch: true, body: "FeatureGeoJSON", Updated()),
            ["patch"] = Write("updateFeature", "Update a feature", "Merge-patches the feature (RFC 7396): only the members sent change.",
                [Ref("parameters", "collectionId"), Ref("parameters", "featureId")], ifMatch: true, body: "FeaturePatch", Updated(),
                bodyType: "application/merge-patch+json"),
            ["delete"] = Write("deleteFeature", "Delete a feature", "Deletes the feature; its history is kept.",
                [Ref("parameters", "collectionId"), Ref("parameters", "featureId")], ifMatch: true, body: null,
                new JsonObject { ["204"] = new JsonObject { ["description"] = "Deleted." } }),
        },
    };

    private static JsonNode[] ItemsParameters() =>
    [
        Ref("parameters", "collectionId"), Ref("parameters", "bbox"), Ref("parameters", "bbox-crs"), Ref("parameters", "crs"),
        Ref("parameters", "limit"), Ref("parameters", "offset"), Ref("parameters", "filter"), Ref("parameters", "filter-lang"),
        Ref("parameters", "filter-crs"), Ref("parameters", "sortby"), Ref("parameters", "fItems"), Ref("parameters", "attributes"),
    ];

    private static JsonObject Get(string id, string summary, string description, JsonNode[] parameters, JsonObject ok, bool notFound = false) =>
        new() { ["get"] = Operation(id, summary, description, parameters, ok, notFound) };

    private static JsonObject Operation(string id, string summary, string description, JsonNode[] parameters, JsonObject responses, bool notFound)
    {
        responses["400"] = Ref("responses", "BadRequest");
        responses["401"] = Ref("responses", "Unauthorized");
        if (notFound) responses["404"] = Ref("responses", "NotFound");
        responses["500"] = Ref("responses", "ServerError");
        responses["503"] = Ref("responses", "DatabaseUnavailable");
        return new JsonObject
        {
            ["tags"] = new JsonArray(Tag), ["operationId"] = id, ["summary"] = summary, ["description"] = description,
            ["parameters"] = new JsonArray(parameters), ["responses"] = responses,
        };
    }

    /// <summary>A Part 4 write: editing role, If-Match where the feature exists, and every refusal as ProblemDetails.</summary>
    private static JsonObject Write(string id, string summary, string description, JsonNode[] parameters, bool ifMatch, string? body,
        JsonObject responses, string bodyType = "application/geo+json")
    {
        var all = ifMatch ? [.. parameters, Ref("parameters", "If-Match")] : parameters;
        var op = Operation(id, summary, description, all, responses, notFound: true);
        var r = op["responses"]!.AsObject();
        r["403"] = Ref("responses", "Forbidden");
        if (body is not null)
        {
            r["413"] = Ref("responses", "TooLarge");
            r["415"] = Ref("responses", "UnsupportedMediaType");
            op["requestBody"] = new JsonObject
            {
                ["required"] = true,
                ["content"] = bodyType == "application/geo+json"
                    ? new JsonObject
                    {
                        ["application/geo+json"] = new JsonObject { ["schema"] = Ref("schemas", body) },
                        ["application/json"] = new JsonObject { ["schema"] = Ref("schemas", body) },
                    }
                    : Content(bodyType, body),
            };
        }
        r["409"] = Ref("responses", "Conflict");
        if (ifMatch)
        {
            r["412"] = Ref("responses", "Stale");
            r["428"] = Ref("responses", "PreconditionRequired");
        }
        return op;
    }

    private static JsonObject Updated() => new()
    {
        ["200"] = WithETag(new JsonObject
        {
            ["description"] = "The stored feature, with a warnings member when the write drew any.",
            ["content"] = Content("application/geo+json", "FeatureGeoJSON"),
        }),
    };

    private static JsonObject WithETag(JsonObject response)
    {
        var ok = response.ContainsKey("200") ? response["200"]!.AsObject() : response;
        ok["headers"] = new JsonObject { ["ETag"] = Ref("headers", "ETag") };
        return response;
    }

    private static JsonObject Ok(string description, string? schema, string mediaType = "application/json") => new()
    {
        ["200"] = new JsonObject
        {
            ["description"] = description,
            ["content"] = new JsonObject
            {
                [mediaType] = schema is null ? new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } } : new JsonObject { ["schema"] = Ref("schemas", schema) },
                ["text/html"] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "string" } },
            },
        },
    };

    private static JsonObject Content(string mediaType, string schema) =>
        new() { [mediaType] = new JsonObject { ["schema"] = Ref("schemas", schema) } };

    private static JsonObject Ref(string section, string name) => new() { ["$ref"] = $"#/components/{section}/{name}" };

    private static JsonObject Components(RegistryRules rules) => new()
    {
        ["securitySchemes"] = new JsonObject
        {
            ["basicAuth"] = new JsonObject { ["type"] = "http", ["scheme"] = "basic", ["description"] = "A registry user's name and password (GIS clients, scripts)." },
            ["cookieAuth"] = new JsonObject { ["type"] = "apiKey", ["in"] = "cookie", ["name"] = "assetregistry.auth", ["description"] = "The browser sign-in at /login." },
        },
        ["parameters"] = Parameters(rules),
        ["headers"] = new JsonObject
        {
            ["ETag"] = new JsonObject { ["description"] = "The feature's version, quoted (\"3\"); send it back in If-Match.", ["schema"] = new JsonObject { ["type"] = "string" } },
            ["Location"] = new JsonObject { ["description"] = "The new feature's URL.", ["schema"] = new JsonObject { ["type"] = "string", ["format"] = "uri" } },
        },
        ["responses"] = new JsonObject
        {
            ["BadRequest"] = Problem("A parameter or the body is not valid; errors names each field and the reason."),
            ["Unauthorized"] = Problem("Sign-in required: HTTP Basic or the /login cookie."),
            ["Forbidden"] = Problem("The user's role may not do this; editing needs engineer or admin."),
            ["NotFound"] = Problem("There is no such collection or feature."),
            ["Conflict"] = Problem("The write conflicts with stored data (a unique code, a referenced feature)."),
            ["Stale"] = Problem("If-Match does not match the stored version: someone else changed the feature; nothing was written."),
            ["TooLarge"] = Problem("The body is larger than the configured maximum."),
            ["UnsupportedMediaType"] = Problem("The body is not GeoJSON, JSON or a JSON merge patch."),
            ["PreconditionRequired"] = Problem("If-Match is missing: GET the feature first and send its ETag, or * to overwrite."),
            ["ServerError"] = Problem("An unexpected error; the body carries no internal detail."),
            ["DatabaseUnavailable"] = Problem("The database did not answer; try again."),
        },
        ["schemas"] = Schemas(),
    };

    private static JsonObject Problem(string description) => new()
    {
        ["description"] = description,
        ["content"] = Content("application/problem+json", "ProblemDetails"),
    };

    private static JsonObject Parameters(RegistryRules rules)
    {
        var number = new JsonObject { ["type"] = "number" };
        var crsUri = new JsonObject { ["type"] = "string", ["format"] = "uri", ["default"] = Crs84 };
        return new JsonObject
        {
            ["collectionId"] = Param("collectionId", "path", "An asset kind.", new JsonObject
            {
                ["type"] = "string", ["enum"] = new JsonArray(AssetKinds.All.Select(k => (JsonNode)k.CollectionId).ToArray()),
            }, required: true),
            ["featureId"] = Param("featureId", "path", "The feature's id.", new JsonObject { ["type"] = "integer", ["format"] = "int64", ["minimum"] = 1 }, required: true),
            ["f"] = Param("f", "query", "The representation: json (the default for clients) or html (the default for browsers).",
                Enum("json", "html")),
            ["fItems"] = Param("f", "query", "The representation: json or geojson (GeoJSON, the default for clients) or html (the default for browsers).",
                Enum("json", "geojson", "html")),
            ["bbox"] = new JsonObject
            {
                ["name"] = "bbox", ["in"] = "query", ["required"] = false, ["style"] = "form", ["explode"] = false,
                ["description"] = "Only features whose geometry intersects this box: minLon,minLat,maxLon,maxLat (six numbers with heights), in bbox-crs.",
                ["schema"] = new JsonObject { ["type"] = "array", ["minItems"] = 4, ["maxItems"] = 6, ["items"] = number },
            },
            ["bbox-crs"] = Param("bbox-crs", "query", "The CRS of bbox (OGC API – Features Part 2); CRS84 when absent.", crsUri.DeepClone()),
            ["crs"] = Param("crs", "query", "The CRS of the response geometries (Part 2); CRS84 when absent. The response names it in Content-Crs.", crsUri.DeepClone()),
            ["limit"] = Param("limit", "query", $"Features per page; larger values are clamped to {rules.MaxPageSize}.", new JsonObject
            {
                ["type"] = "integer", ["minimum"] = 1, ["maximum"] = rules.MaxPageSize, ["default"] = rules.DefaultPageSize,
            }),
            ["offset"] = Param("offset", "query", "Features to skip, in id order (the next and prev links carry it).",
                new JsonObject { ["type"] = "integer", ["minimum"] = 0, ["default"] = 0 }),
            ["filter"] = Param("filter", "query", "A CQL2 expression over the queryables (Part 3), e.g. network = 'rain' AND depth_m > 2.",
                new JsonObject { ["type"] = "string" }),
            ["filter-lang"] = Param("filter-lang", "query", "The language of filter.",
                new JsonObject { ["type"] = "string", ["enum"] = new JsonArray("cql2-text", "cql2-json"), ["default"] = "cql2-text" }),
            ["filter-crs"] = Param("filter-crs", "query", "The CRS of geometries in filter; CRS84 when absent.", crsUri.DeepClone()),
            ["sortby"] = new JsonObject
            {
                ["name"] = "sortby", ["in"] = "query", ["required"] = false, ["style"] = "form", ["explode"] = false,
                ["description"] = "Sort keys: queryable names, each with an optional + (ascending) or - (descending) prefix; id breaks ties.",
                ["schema"] = new JsonObject { ["type"] = "array", ["minItems"] = 1, ["items"] = new JsonObject { ["type"] = "string", ["pattern"] = "^[+-]?[a-z_][a-z0-9_]*$" } },
            },
            ["attributes"] = new JsonObject
            {
                ["name"] = "attributes", ["in"] = "query", ["required"] = false, ["style"] = "form", ["explode"] = true,
                ["description"] = "Equality filters name=value on the collection's attributes (see its queryables). " +
                                  string.Join(" ", AssetKinds.All.Select(k => $"{k.CollectionId}: {string.Join(", ", k.Attributes.Where(a => a.Type != AttributeType.Timestamp).Select(a => a.Name))}.")),
                ["schema"] = new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "string" }, new JsonObject { ["type"] = "number" }, new JsonObject { ["type"] = "boolean" }) },
                },
            },
            ["If-Match"] = Param("If-Match", "header", "The ETag of the version you edited (from GET), or * to overwrite whatever is stored. Missing → 428; stale → 412.",
                new JsonObject { ["type"] = "string" }, required: true),
        };
    }

    private const string Crs84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

    private static JsonObject Enum(params string[] values) =>
        new() { ["type"] = "string", ["enum"] = new JsonArray(values.Select(v => (JsonNode)v).ToArray()) };

    private static JsonObject Param(string name, string where, string description, JsonNode schema, bool required = false) => new()
    {
        ["name"] = name, ["in"] = where, ["required"] = required, ["description"] = description, ["schema"] = schema,
    };

    private static JsonObject Schemas()
    {
        JsonObject Str() => new() { ["type"] = "string" };
        JsonObject ArrayOf(JsonNode items) => new() { ["type"] = "array", ["items"] = items };
        JsonObject Obj(string[] required, JsonObject properties) => new()
        {
            ["type"] = "object", ["required"] = new JsonArray(required.Select(x => (JsonNode)x).ToArray()), ["properties"] = properties,
        };
        var links = ArrayOf(Ref("schemas", "Link"));
        return new JsonObject
        {
            ["Link"] = Obj(["href", "rel"], new JsonObject
            {
                ["href"] = new JsonObject { ["type"] = "string", ["format"] = "uri" }, ["rel"] = Str(), ["type"] = Str(), ["title"] = Str(),
            }),
            ["LandingPage"] = Obj(["links"], new JsonObject { ["title"] = Str(), ["description"] = Str(), ["links"] = links.DeepClone() }),
            ["ConfClasses"] = Obj(["conformsTo"], new JsonObject { ["conformsTo"] = ArrayOf(Str()) }),
            ["Collections"] = Obj(["links", "collections"], new JsonObject
            {
                ["links"] = links.DeepClone(), ["collections"] = ArrayOf(Ref("schemas", "Collection")),
            }),
            ["Collection"] = Obj(["id", "links"], new JsonObject
            {
                ["id"] = Str(), ["title"] = Str(), ["description"] = Str(), ["itemType"] = Str(),
                ["crs"] = ArrayOf(Str()), ["storageCrs"] = Str(), ["geometryTypes"] = ArrayOf(Str()),
                ["extent"] = new JsonObject
                {
                    ["type"] = "object",
                    ["properties"] = new JsonObject
                    {
                        ["spatial"] = new JsonObject
                        {
                            ["type"] = "object",
                            ["properties"] = new JsonObject
                            {
                                ["bbox"] = ArrayOf(new JsonObject { ["type"] = "array", ["minItems"] = 4, ["maxItems"] = 6, ["items"] = new JsonObject { ["type"] = "number" } }),
                                ["crs"] = Str(),
                            },
                        },
                    },
                },
                ["links"] = links.DeepClone(),
            }),
            ["Queryables"] = new JsonObject
            {
                ["type"] = "object", ["description"] = "A JSON Schema (draft 2019-09) object whose properties are the queryable attributes.",
                ["required"] = new JsonArray("type", "properties"),
                ["properties"] = new JsonObject
                {
                    ["$schema"] = Str(), ["$id"] = Str(), ["type"] = Str(), ["title"] = Str(), ["required"] = ArrayOf(Str()),
                    ["properties"] = new JsonObject { ["type"] = "object", ["additionalProperties"] = new JsonObject { ["type"] = "object" } },
                },
            },
            ["GeometryGeoJSON"] = Obj(["type", "coordinates"], new JsonObject
            {
                ["type"] = Enum("Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon"),
                ["coordinates"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject() },
            }),
            ["FeatureGeoJSON"] = Obj(["type", "geometry", "properties"], new JsonObject
            {
                ["type"] = Enum("Feature"),
                ["id"] = new JsonObject { ["oneOf"] = new JsonArray(new JsonObject { ["type"] = "integer" }, Str()) },
                ["geometry"] = Ref("schemas", "GeometryGeoJSON"),
                ["properties"] = new JsonObject { ["type"] = "object", ["nullable"] = true },
                ["links"] = links.DeepClone(),
            }),
            ["FeaturePatch"] = new JsonObject
            {
                ["type"] = "object", ["description"] = "A JSON merge patch (RFC 7396) of a feature: geometry and/or some properties; null clears one.",
                ["properties"] = new JsonObject { ["geometry"] = Ref("schemas", "GeometryGeoJSON"), ["properties"] = new JsonObject { ["type"] = "object" } },
            },
            ["FeatureCollectionGeoJSON"] = Obj(["type", "features"], new JsonObject
            {
                ["type"] = Enum("FeatureCollection"),
                ["features"] = ArrayOf(Ref("schemas", "FeatureGeoJSON")),
                ["links"] = links.DeepClone(),
                ["timeStamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                ["numberMatched"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
                ["numberReturned"] = new JsonObject { ["type"] = "integer", ["minimum"] = 0 },
            }),
            ["ProblemDetails"] = new JsonObject
            {
                ["type"] = "object", ["description"] = "RFC 9457 problem details; titles in the client's language (zh or en).",
                ["properties"] = new JsonObject
                {
                    ["type"] = new JsonObject { ["type"] = "string", ["format"] = "uri-reference" }, ["title"] = Str(),
                    ["status"] = new JsonObject { ["type"] = "integer" }, ["detail"] = Str(), ["instance"] = Str(),
                    ["errors"] = new JsonObject
                    {
                        ["type"] = "object", ["description"] = "Field name → the reasons it was refused.",
                        ["additionalProperties"] = ArrayOf(Str()),
                    },
                },
            },
        };
    }
}
