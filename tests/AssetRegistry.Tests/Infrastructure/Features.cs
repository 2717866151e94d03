using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AssetRegistry.Tests.Infrastructure;

/// <summary>Sample features per kind inside 鲤城区/丰泽区, and small HTTP helpers for GeoJSON writes.</summary>
public static class Features
{
    /// <summary>A point in 丰泽区 (near the municipal government), WGS 84.</summary>
    public static readonly (double Lon, double Lat) Fengze = (118.6757, 24.8744);

    /// <summary>A point in 鲤城区 (开元寺), WGS 84.</summary>
    public static readonly (double Lon, double Lat) Licheng = (118.581, 24.9168);

    public static JsonObject Point(double lon, double lat) => new() { ["type"] = "Point", ["coordinates"] = new JsonArray(lon, lat) };

    public static JsonObject Line(params (double Lon, double Lat)[] points) => new()
    {
        ["type"] = "LineString",
        ["coordinates"] = new JsonArray(points.Select(p => (JsonNode)new JsonArray(p.Lon, p.Lat)).ToArray()),
    };

    /// <summary>A square of <paramref name="sizeDeg"/> degrees with its south-west corner at (lon, lat), counter-clockwise.</summary>
    public static JsonObject Square(double lon, double lat, double sizeDeg) => new()
    {
        ["type"] = "Polygon",
        ["coordinates"] = new JsonArray(new JsonArray(
            new JsonArray(lon, lat), new JsonArray(lon + sizeDeg, lat), new JsonArray(lon + sizeDeg, lat + sizeDeg),
            new JsonArray(lon, lat + sizeDeg), new JsonArray(lon, lat))),
    };

    public static JsonObject Feature(JsonObject geometry, JsonObject properties) =>
        new() { ["type"] = "Feature", ["geometry"] = geometry, ["properties"] = properties };

    public static StringContent Body(JsonNode node, string mediaType = "application/geo+json") =>
        new(node.ToJsonString(), Encoding.UTF8, mediaType);

    public static async Task<HttpResponseMessage> PostAsync(this HttpClient c, string collection, JsonNode feature) =>
        await c.PostAsync($"/ogc/collections/{collection}/items", Body(feature));

    public static async Task<HttpResponseMessage> SendWithIfMatchAsync(this HttpClient c, HttpMethod method, string url, JsonNode? body, string? etag,
        string mediaType = "application/geo+json")
    {
        var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = Body(body, mediaType);
        if (etag is not null) request.Headers.TryAddWithoutValidation("If-Match", etag);
        return await c.SendAsync(request);
    }

    public static async Task<JsonObject> JsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

    /// <summary>Creates a feature and returns its id and ETag; fails the test with the server's answer otherwise.</summary>
    public static async Task<(long Id, string ETag, JsonObject Feature)> CreateAsync(this HttpClient c, string collection, JsonObject feature)
    {
        var response = await c.PostAsync(collection, feature);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"POST {collection}: {(int)response.StatusCode} {text}");
        var json = JsonNode.Parse(text)!.AsObject();
        return (json["id"]!.GetValue<long>(), response.Headers.ETag!.ToString(), json);
    }

    public static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (field is not null)
        {
            var errors = JsonNode.Parse(text)!["errors"]?.AsObject();
            Assert.True(errors is not null && errors.ContainsKey(field), $"expected an error for '{field}': {text}");
        }
    }
}
