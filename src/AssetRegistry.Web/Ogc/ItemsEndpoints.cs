using System.Buffers;
using System.Globalization;
using System.Security.Claims;
using System.Text;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Web.Auth;
using AssetRegistry.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace AssetRegistry.Web.Ogc;

/// <summary>
/// <c>/ogc/collections/{collectionId}/items</c>: pages of features (Part 1) and create, replace, update and
/// delete (Part 4). Writes need <c>If-Match</c> with the feature's ETag; a stale one gets 412 and writes nothing.
/// </summary>
public static class ItemsEndpoints
{
    private const string GeoJson = "application/geo+json";

    /// <summary>OGC API – Features Part 2's header naming the CRS of the geometries in the body.</summary>
    private const string ContentCrs = "Content-Crs";

    public static RouteGroupBuilder MapItems(this RouteGroupBuilder ogc)
    {
        var items = ogc.MapGroup("/collections/{collectionId}/items");
        items.MapGet("", GetItemsAsync).FinishesWhenClientLeaves().WithName("GetItems").WithSummary("A page of features: bbox, bbox-crs, crs, filter (CQL2 text), sortby, limit, offset, attribute=value.");
        items.MapGet("/{featureId:long}", GetItemAsync).FinishesWhenClientLeaves().WithName("GetItem").WithSummary("One feature with its ETag; crs picks the CRS of its geometry.");
        items.MapPost("", CreateAsync).RequireAuthorization(AuthSetup.EditPolicy).WithName("CreateItem").WithSummary("Create a feature from a GeoJSON Feature.");
        items.MapPut("/{featureId:long}", ReplaceAsync).RequireAuthorization(AuthSetup.EditPolicy).WithName("ReplaceItem").WithSummary("Replace a feature (If-Match required).");
        items.MapPatch("/{featureId:long}", PatchAsync).RequireAuthorization(AuthSetup.EditPolicy).WithName("UpdateItem").WithSummary("Merge-patch a feature (RFC 7396, If-Match required).");
        items.MapDelete("/{featureId:long}", DeleteAsync).RequireAuthorization(AuthSetup.EditPolicy).WithName("DeleteItem").WithSummary("Delete a feature; history is kept (If-Match required).");
        return items;
    }

    /// <summary>Streams the FeatureCollection: the count and links first, then each feature as PostGIS wrote it,
    /// then <c>numberReturned</c> (member order does not matter in JSON), so a page of 10,000 is never held whole.</summary>
    private static async Task GetItemsAsync(HttpContext http, string collectionId, FeatureReader reader, IOptions<RegistryRules> rules, CancellationToken ct)
    {
        var kind = OgcEndpoints.KindOr404(collectionId);
        var query = ItemsQueryParser.Parse(kind, http.Request.Query, rules.Value);
        http.Response.ContentType = GeoJson;
        http.Response.Headers[ContentCrs] = $"<{query.Crs.Uri}>";
        var body = http.Response.BodyWriter;
        var first = true;
        var returned = await reader.StreamPageAsync(query, matched =>
        {
            body.Write(Encoding.UTF8.GetBytes(string.Concat(
                "{\"type\":\"FeatureCollection\",\"numberMatched\":", matched.ToString(CultureInfo.InvariantCulture),
                ",\"timeStamp\":\"", DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                "\",\"links\":", System.Text.Json.JsonSerializer.Serialize(PageLinks(http.Request, collectionId, query, matched), ApiJson.Options),
                ",\"features\":[")));
            return ValueTask.CompletedTask;
        }, async feature =>
        {
            if (!first) body.Write(","u8);
            first = false;
            body.Write(feature);
            if (body.UnflushedBytes > 64 * 1024) await body.FlushAsync(ct);
        }, ct);
        body.Write(Encoding.UTF8.GetBytes($"],\"numberReturned\":{returned}}}"));
        await body.FlushAsync(ct);
    }

    /// <summary>self, next, prev, the HTML page and the collection; the HTML page's pager reuses them.</summary>
    internal static List<object> PageLinks(HttpRequest r, string collectionId, FeatureQuery q, long matched)
    {
        string Url(long offset)
        {
            var args = r.Query.Where(kv => kv.Key is not ("offset" or "limit"))
                .Select(kv => $"{Uri.EscapeDataString(kv.Key)}={Uri.EscapeDataString(kv.Value.ToString())}")
                .Append($"limit={q.Limit}").Append($"offset={offset}");
            return $"{OgcUrls.Items(r, collectionId)}?{string.Join('&', args)}";
        }
        var links = new List<object> { new { href = Url(q.Offset), rel = "self", type = GeoJson } };
        if (q.Offset + q.Limit < matched) links.Add(new { href = Url(q.Offset + q.Limit), rel = "next", type = GeoJson });
        if (q.Offset > 0) links.Add(new { href = Url(Math.Max(0, q.Offset - q.Limit)), rel = "prev", type = GeoJson });
        links.Add(new { href = OgcFormats.WithFormat(r, "html"), rel = "alternate", type = OgcFormats.Html });
        links.Add(new { href = OgcUrls.Collection(r, collectionId), rel = "collection", type = "application/json" });
        return links;
    }

    private static async Task<IResult> GetItemAsync(HttpContext http, string collectionId, long featureId, FeatureReader reader, CancellationToken ct)
    {
        var kind = OgcEndpoints.KindOr404(collectionId);
        var crs = ItemsQueryParser.ParseCrs(http.Request.Query);
        var row = await reader.ReadOneAsync(kind, featureId, crs, ct)
                  ?? throw new Domain.Assets.NotFoundException($"There is no feature {featureId} in {collectionId}.");
        http.Response.Headers.ETag = ETags.For(row.Version);
        http.Response.Headers[ContentCrs] = $"<{crs.Uri}>";
        return Results.Text(row.Json, GeoJson, Encoding.UTF8);
    }

    private static async Task<IResult> CreateAsync(HttpContext http, string collectionId, AssetEditor editor, IOptions<RegistryRules> rules, CancellationToken ct)
    {
        var kind = OgcEndpoints.KindOr404(collectionId);
        using var body = await ReadFeatureAsync(http, rules.Value, ct);
        var result = await editor.CreateAsync(kind, body, User(http), ct);
        http.Response.Headers.ETag = ETags.For(result.Version);
        http.Response.Headers.Location = OgcUrls.Item(http.Request, collectionId, result.Id);
        return Results.Text(WithWarnings(result, http.Request), GeoJson, Encoding.UTF8, statusCode: 201);
    }

    private static Task<IResult> ReplaceAsync(HttpContext http, string collectionId, long featureId, AssetEditor editor, IOptions<RegistryRules> rules, CancellationToken ct) =>
        UpdateAsync(http, collectionId, featureId, rules.Value, (kind, doc, pre) => editor.ReplaceAsync(kind, featureId, doc, pre, User(http), ct), ct);

    private static Task<IResult> PatchAsync(HttpContext http, string collectionId, long featureId, AssetEditor editor, IOptions<RegistryRules> rules, CancellationToken ct) =>
        UpdateAsync(http, collectionId, featureId, rules.Value, (kind, doc, pre) => editor.PatchAsync(kind, featureId, doc, pre, User(http), ct), ct);

    private static async Task<IResult> UpdateAsync(HttpContext http, string collectionId, long featureId, RegistryRules rules,
        Func<Domain.Assets.AssetKind, System.Text.Json.JsonDocument, VersionPrecondition, Task<WriteResult>> write, CancellationToken ct)
    {
        var kind = OgcEndpoints.KindOr404(collectionId);
        var precondition = ETags.Precondition(http.Request);
        using var body = await ReadFeatureAsync(http, rules, ct);
        var result = await write(kind, body, precondition);
        http.Response.Headers.ETag = ETags.For(result.Version);
        return Results.Text(WithWarnings(result, http.Request), GeoJson, Encoding.UTF8);
    }

    /// <summary>The request's feature with its geometry in CRS84: a body in another supported CRS says so in
    /// <c>Content-Crs</c> (<c>&lt;uri&gt;</c>, as in responses) and is transformed before any check runs.</summary>
    private static async Task<System.Text.Json.JsonDocument> ReadFeatureAsync(HttpContext http, RegistryRules rules, CancellationToken ct)
    {
        var header = http.Request.Headers[ContentCrs].ToString().Trim().TrimStart('<').TrimEnd('>');
        var crs = header.Length == 0 ? Domain.Spatial.SupportedCrs.Crs84 : Domain.Spatial.SupportedCrs.Find(header);
        if (crs is null)
        {
            var errors = new Domain.Assets.ValidationErrors();
            errors.Add(ContentCrs, $"Content-Crs '{header}' is not supported; use one of: {string.Join(", ", Domain.Spatial.SupportedCrs.All.Select(c => c.Uri))}.");
            errors.ThrowIfAny();
        }
        var body = await JsonBody.ReadAsync(http.Request, rules.MaxRequestBodyBytes, ct);
        try
        {
            var stored = await StorageCrsConversion.ToStorageAsync(http.RequestServices.GetRequiredService<Npgsql.NpgsqlDataSource>(), body, crs!, ct);
            if (!ReferenceEquals(stored, body)) body.Dispose();
            return stored;
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    /// <summary>The stored feature, with a <c>warnings</c> foreign member (RFC 7946 §6.1) when the write drew any,
    /// worded in the client's language.</summary>
    private static string WithWarnings(WriteResult result, HttpRequest request)
    {
        if (result.Warnings.Count == 0) return result.FeatureJson;
        var chinese = ProblemTitles.PrefersChinese(request);
        var warnings = System.Text.Json.JsonSerializer.Serialize(
            result.Warnings.Select(w => new { field = w.Field, message = w.Message.In(chinese) }), ApiJson.Options);
        return "{\"warnings\":" + warnings + "," + result.FeatureJson.TrimStart()[1..];
    }

    private static async Task<IResult> DeleteAsync(HttpContext http, string collectionId, long featureId, AssetEditor editor, CancellationToken ct)
    {
        var kind = OgcEndpoints.KindOr404(collectionId);
        await editor.DeleteAsync(kind, featureId, ETags.Precondition(http.Request), User(http), ct);
        return Results.NoContent();
    }

    private static string User(HttpContext http) => http.User.FindFirstValue(ClaimTypes.Name) ?? http.User.Identity?.Name ?? "unknown";
}

/// <summary>ETags are the feature's version, quoted: <c>"3"</c>. Weak forms (<c>W/"3"</c>) are accepted in If-Match.</summary>
public static class ETags
{
    public static string For(int version) => $"\"{version}\"";

    /// <summary>The write's precondition from If-Match: absent → 428; <c>*</c> → any; an ETag that is not one of
    /// ours can never match, so it is stale (412).</summary>
    public static VersionPrecondition Precondition(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString().Trim();
        if (header.Length == 0) throw new PreconditionRequiredException();
        if (header == "*") return VersionPrecondition.Any;
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return tag.Length > 2 && tag[0] == '"' && tag[^1] == '"' &&
               int.TryParse(tag[1..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v > 0
            ? new VersionPrecondition(v)
            : new VersionPrecondition(0);
    }
}
