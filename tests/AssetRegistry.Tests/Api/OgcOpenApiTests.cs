using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Kinds;
using AssetRegistry.Tests.Infrastructure;

namespace AssetRegistry.Tests.Api;

/// <summary>The OpenAPI 3.0 service description at /ogc/api, its HTML rendering, and the landing page and
/// conformance entries that point GIS clients at it.</summary>
public sealed class OgcOpenApiTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private async Task<JsonObject> ApiDocumentAsync()
    {
        var response = await Fixture.Client(Domain.Users.Roles.Viewer).GetAsync("/ogc/api");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var type = response.Content.Headers.ContentType!;
        Assert.Equal("application/vnd.oai.openapi+json", type.MediaType);
        Assert.Contains(type.Parameters, p => p.Name == "version" && p.Value == "3.0");
        return await response.JsonAsync();
    }

    /// <summary>A $ref resolved against the document's components, or the node itself.</summary>
    private static JsonNode Resolve(JsonObject doc, JsonNode node)
    {
        if (node["$ref"] is not { } reference) return node;
        var parts = reference.GetValue<string>().Split('/');
        Assert.Equal("#", parts[0]);
        JsonNode? target = doc;
        foreach (var part in parts[1..]) target = target?[part];
        Assert.True(target is not null, $"unresolved $ref {reference}");
        return target!;
    }

    private static IEnumerable<JsonObject> AllRefs(JsonNode? node) => node switch
    {
        JsonObject o => (o.ContainsKey("$ref") ? [o] : Enumerable.Empty<JsonObject>()).Concat(o.SelectMany(kv => AllRefs(kv.Value))),
        JsonArray a => a.SelectMany(AllRefs),
        _ => [],
    };

    [Fact]
    public async Task ApiDocument_IsOpenApi30_DescribingEveryOgcPath_WithEveryRefResolving()
    {
        var doc = await ApiDocumentAsync();
        Assert.StartsWith("3.0", doc["openapi"]!.GetValue<string>());
        var paths = doc["paths"]!.AsObject();
        Assert.Equal("http://localhost/ogc", doc["servers"]![0]!["url"]!.GetValue<string>());
        foreach (var path in new[] { "/", "/api", "/conformance", "/collections", "/collections/{collectionId}",
                     "/collections/{collectionId}/queryables", "/collections/{collectionId}/items", "/collections/{collectionId}/items/{featureId}" })
            Assert.True(paths.ContainsKey(path), $"missing path {path}");
        Assert.Equal(["post", "get"], paths["/collections/{collectionId}/items"]!.AsObject().Select(kv => kv.Key).OrderDescending());
        Assert.Equal(["put", "patch", "get", "delete"], paths["/collections/{collectionId}/items/{featureId}"]!.AsObject().Select(kv => kv.Key).OrderDescending());
        foreach (var reference in AllRefs(doc)) Resolve(doc, reference);
    }

    [Fact]
    public async Task ApiDocument_ItemsParameters_HaveSchemas_AndCollectionIdEnumeratesEveryKind()
    {
        var doc = await ApiDocumentAsync();
        var get = doc["paths"]!["/collections/{collectionId}/items"]!["get"]!;
        var parameters = get["parameters"]!.AsArray().Select(p => Resolve(doc, p!)).ToList();
        var names = parameters.Select(p => p["name"]!.GetValue<string>()).ToList();
        foreach (var name in new[] { "collectionId", "bbox", "bbox-crs", "crs", "limit", "offset", "filter", "filter-lang", "filter-crs", "sortby", "f" })
            Assert.Contains(name, names);
        Assert.All(parameters, p => Assert.NotNull(p["schema"]?["type"]));

        var collectionId = parameters.Single(p => p["name"]!.GetValue<string>() == "collectionId");
        Assert.Equal("path", collectionId["in"]!.GetValue<string>());
        Assert.Equal(AssetKinds.All.Select(k => k.CollectionId).Order(),
            collectionId["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Order());

        var limit = parameters.Single(p => p["name"]!.GetValue<string>() == "limit")["schema"]!;
        Assert.Equal(10_000, limit["maximum"]!.GetValue<int>());
        Assert.Equal(100, limit["default"]!.GetValue<int>());
        Assert.Equal(["cql2-json", "cql2-text"],
            parameters.Single(p => p["name"]!.GetValue<string>() == "filter-lang")["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Order());
        Assert.NotNull(get["responses"]!["200"]!["content"]!["application/geo+json"]);
    }

    [Fact]
    public async Task ApiDocument_EachCollectionsItems_NamesItsAttributeFiltersWithTheirSchemas()
    {
        var doc = await ApiDocumentAsync();
        foreach (var kind in AssetKinds.All)
        {
            var parameters = doc["paths"]![$"/collections/{kind.CollectionId}/items"]!["get"]!["parameters"]!.AsArray().Select(p => Resolve(doc, p!)).ToList();
            var names = parameters.Select(p => p["name"]!.GetValue<string>()).ToList();
            Assert.Contains("bbox", names);
            Assert.Contains("limit", names);
            Assert.DoesNotContain("collectionId", names);
            foreach (var a in kind.Attributes.Where(a => a.Type != AttributeType.Timestamp)) Assert.Contains(a.Name, names);
        }
        var network = doc["paths"]!["/collections/manholes/items"]!["get"]!["parameters"]!.AsArray().Single(p => p!["name"]?.GetValue<string>() == "network")!;
        Assert.Equal(ManholeKind.Networks.Order(), network["schema"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).Order());
    }

    [Fact]
    public async Task ApiDocument_Part4Writes_NeedIfMatch_AndAnswerRefusalsWithProblemDetails()
    {
        var doc = await ApiDocumentAsync();
        var item = doc["paths"]!["/collections/{collectionId}/items/{featureId}"]!;
        foreach (var method in new[] { "put", "patch", "delete" })
        {
            var op = item[method]!;
            var ifMatch = op["parameters"]!.AsArray().Select(p => Resolve(doc, p!)).Single(p => p["name"]!.GetValue<string>() == "If-Match");
            Assert.Equal("header", ifMatch["in"]!.GetValue<string>());
            Assert.True(ifMatch["required"]!.GetValue<bool>());
            var responses = op["responses"]!.AsObject();
            foreach (var status in new[] { "400", "401", "403", "404", "412", "428" })
            {
                Assert.True(responses.ContainsKey(status), $"{method} lacks {status}");
                var schema = Resolve(doc, responses[status]!)["content"]!["application/problem+json"]!["schema"]!;
                Assert.Equal("#/components/schemas/ProblemDetails", schema["$ref"]!.GetValue<string>());
            }
        }
        var post = doc["paths"]!["/collections/{collectionId}/items"]!["post"]!;
        Assert.NotNull(post["requestBody"]!["content"]!["application/geo+json"]);
        Assert.NotNull(post["responses"]!["201"]!["headers"]!["Location"]);
        Assert.NotNull(item["patch"]!["requestBody"]!["content"]!["application/merge-patch+json"]);
        Assert.Equal("basic", doc["components"]!["securitySchemes"]!["basicAuth"]!["scheme"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApiDocument_AsHtml_ListsEveryOperationForReading()
    {
        var response = await Fixture.Client().GetAsync("/ogc/api?f=html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<h1>API 说明</h1>", html);
        Assert.Contains("<code>/ogc/collections/{collectionId}/items/{featureId}</code>", html);
        Assert.Contains("<span class=\"method\">PATCH</span>", html);
        Assert.Contains("If-Match", html);
        Assert.Contains("sortby", html);
    }

    [Fact]
    public async Task LandingPage_LinksServiceDescAndServiceDoc_AndConformanceDeclaresOas30AndHtml()
    {
        var c = Fixture.Client(Domain.Users.Roles.Viewer);
        var links = (await (await c.GetAsync("/ogc")).JsonAsync())["links"]!.AsArray();
        var desc = links.Single(l => l!["rel"]!.GetValue<string>() == "service-desc")!;
        Assert.Equal("application/vnd.oai.openapi+json;version=3.0", desc["type"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await c.GetAsync(new Uri(desc["href"]!.GetValue<string>()).PathAndQuery)).StatusCode);
        var doc = links.Single(l => l!["rel"]!.GetValue<string>() == "service-doc")!;
        Assert.Equal("text/html", doc["type"]!.GetValue<string>());
        var page = await c.GetAsync(new Uri(doc["href"]!.GetValue<string>()).PathAndQuery);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);

        var conformsTo = (await (await c.GetAsync("/ogc/conformance")).JsonAsync())["conformsTo"]!.AsArray().Select(x => x!.GetValue<string>()).ToList();
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30", conformsTo);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html", conformsTo);
        Assert.Contains("http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core", conformsTo);
    }
}
