using AssetRegistry.Domain.Tiles;
using AssetRegistry.Web.Infrastructure;
using AssetRegistry.Web.Ogc;

namespace AssetRegistry.Web.Tiles;

/// <summary>
/// Vector tiles (OGC API – Tiles style) made by PostGIS, and the collection versions that make them fresh after
/// edits: a tile asked for with <c>?v=</c> the current version is cached for good (the next write changes the
/// version and so the URL); any other request is revalidated against the version's ETag.
/// </summary>
public static class TileEndpoints
{
    private const string MapboxVectorTile = "application/vnd.mapbox-vector-tile";
    private const string Json = "application/json";
    private const string TileMatrixSet = "WebMercatorQuad";
    private const string TileMatrixSetUri = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
    private const string Immutable = "public, max-age=31536000, immutable";

    public static IEndpointRouteBuilder MapTiles(this IEndpointRouteBuilder app)
    {
        var tiles = app.MapGroup("/ogc/collections/{collectionId}/tiles").WithTags("OGC API – Tiles");
        tiles.MapGet("", TileSets).WithName("TileSets").WithSummary("The collection's vector tileset: URL template, zooms, data version.");
        tiles.MapGet($"/{TileMatrixSet}/{{z}}/{{y}}/{{x}}", GetTileAsync).FinishesWhenClientLeaves().WithName("GetTile")
            .WithSummary("A Mapbox vector tile (204 when empty); ?v=<version> makes it cacheable for good.");
        app.MapGet("/api/tiles/versions", GetVersionsAsync).FinishesWhenClientLeaves().WithName("TileVersions")
            .WithSummary("The data version of every collection, for versioned tile URLs.");
        return app;
    }

    private static async Task<IResult> GetTileAsync(HttpContext http, string collectionId, string z, string y, string x, VectorTiles tiles, CancellationToken ct)
    {
        var kind = OgcEndpoints.KindOr404(collectionId);
        var address = TileAddress.Parse(z, y, x);
        if (http.Request.Headers.IfNoneMatch.Count > 0)
        {
            var current = await tiles.ReadVersionAsync(kind, ct);
            if (http.Request.Headers.IfNoneMatch.ToString() == ETag(current))
            {
                SetCaching(http, current);
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
        }
        var tile = await tiles.ReadAsync(kind, address, ct);
        SetCaching(http, tile.Version);
        return tile.IsEmpty ? Results.NoContent() : Results.Bytes(tile.Bytes, MapboxVectorTile);
    }

    /// <summary>Immutable when the URL names the current version; otherwise revalidate on every use.</summary>
    private static void SetCaching(HttpContext http, long version)
    {
        var asked = http.Request.Query["v"].ToString();
        http.Response.Headers.CacheControl = asked == version.ToString(System.Globalization.CultureInfo.InvariantCulture) ? Immutable : "no-cache";
        http.Response.Headers.ETag = ETag(version);
    }

    private static string ETag(long version) => $"\"{version}\"";

    private static async Task<IResult> TileSets(HttpRequest r, string collectionId, VectorTiles tiles, CancellationToken ct)
    {
        var kind = OgcEndpoints.KindOr404(collectionId);
        var version = await tiles.ReadVersionAsync(kind, ct);
        var self = $"{OgcUrls.Collection(r, kind.CollectionId)}/tiles";
        r.HttpContext.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Ok(new
        {
            links = new[] { new OgcLink(self, "self", Json, "Vector tilesets") },
            tilesets = new[]
            {
                new
                {
                    title = kind.TitleZh,
                    description = kind.TitleEn,
                    dataType = "vector",
                    crs = "http://www.opengis.net/def/crs/EPSG/0/3857",
                    tileMatrixSetURI = TileMatrixSetUri,
                    minzoom = kind.TileMinZoom,
                    maxzoom = TileAddress.MaxZoom,
                    version,
                    layers = new[]
                    {
                        new
                        {
                            id = kind.CollectionId,
                            dataType = "vector",
                            geometryTypes = kind.GeometryTypes,
                            minzoom = kind.TileMinZoom,
                            maxzoom = TileAddress.MaxZoom,
                            properties = VectorTileSql.CommonAttributes.Concat(kind.TileAttributes).ToArray(),
                        },
                    },
                    links = new object[]
                    {
                        new { href = $"{self}/{TileMatrixSet}/{{tileMatrix}}/{{tileRow}}/{{tileCol}}?v={version}", rel = "item", type = MapboxVectorTile, templated = true },
                        new { href = TileMatrixSetUri, rel = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme", type = Json, templated = false },
                    },
                },
            },
        });
    }

    private static async Task<IResult> GetVersionsAsync(HttpContext http, VectorTiles tiles, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Ok(await tiles.ReadVersionsAsync(ct));
    }
}
