using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Tiles;
using AssetRegistry.Tests.Infrastructure;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.VectorTiles.Mapbox;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Tiles;

/// <summary>Vector tiles: decoded MVT content, empty and refused tiles, and freshness after an edit.</summary>
public sealed class VectorTileTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private const string MapboxVectorTile = "application/vnd.mapbox-vector-tile";

    /// <summary>The WebMercatorQuad tile (z, x, y) holding a WGS 84 point.</summary>
    private static (int Z, int X, int Y) TileOf(double lon, double lat, int z)
    {
        var n = 1 << z;
        var x = (int)Math.Floor((lon + 180) / 360 * n);
        var rad = lat * Math.PI / 180;
        var y = (int)Math.Floor((1 - Math.Log(Math.Tan(rad) + 1 / Math.Cos(rad)) / Math.PI) / 2 * n);
        return (z, x, y);
    }

    private static string TileUrl(string collection, (int Z, int X, int Y) t, string query = "") =>
        $"/ogc/collections/{collection}/tiles/WebMercatorQuad/{t.Z}/{t.Y}/{t.X}{query}";

    /// <summary>Decodes an MVT body into its layers (coordinates back in WGS 84).</summary>
    private static async Task<NetTopologySuite.IO.VectorTiles.VectorTile> DecodeAsync(HttpResponseMessage response, (int Z, int X, int Y) t)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(MapboxVectorTile, response.Content.Headers.ContentType?.MediaType);
        await using var body = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return new MapboxTileReader().Read(body, new NetTopologySuite.IO.VectorTiles.Tiles.Tile(t.X, t.Y, t.Z), idAttributeName: "id");
    }

    private static IReadOnlyList<NetTopologySuite.Features.IFeature> FeaturesOf(NetTopologySuite.IO.VectorTiles.VectorTile tile, string layer) =>
        [.. tile.Layers.SingleOrDefault(l => l.Name == layer)?.Features ?? []];

    private static long IdOf(NetTopologySuite.Features.IFeature f) => Convert.ToInt64(f.Attributes["id"]);

    private async Task<long> VersionOfAsync(HttpClient c, string collection) =>
        (await (await c.GetAsync("/api/tiles/versions")).JsonAsync())[collection]!.GetValue<long>();

    [Fact]
    public async Task Tile_WithManholes_DecodesWithIdsStylingAttributesAndPlaces()
    {
        var c = Fixture.Client();
        var (outfall, _, _) = await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat),
            new() { ["network"] = "rain", ["is_outfall"] = true, ["name"] = "东海排放口", ["depth_m"] = 3.5 }));
        var (plain, _, _) = await c.CreateAsync("manholes", Feature(Point(Fengze.Lon + 0.0003, Fengze.Lat), new() { ["network"] = "sewage" }));
        var t = TileOf(Fengze.Lon, Fengze.Lat, 16);

        var tile = await DecodeAsync(await c.GetAsync(TileUrl("manholes", t)), t);

        var features = FeaturesOf(tile, "manholes").ToDictionary(IdOf);
        Assert.Equal([outfall, plain], features.Keys.Order().ToArray());
        var first = features[outfall];
        Assert.Equal("东海排放口", first.Attributes["name"]);
        Assert.Equal("rain", first.Attributes["network"]);
        Assert.Equal(true, first.Attributes["is_outfall"]);
        Assert.Equal("in_service", first.Attributes["status"]);
        Assert.StartsWith("MH-350503-", (string)first.Attributes["code"]);
        Assert.Contains("condition", first.Attributes.GetNames());
        Assert.DoesNotContain("depth_m", first.Attributes.GetNames());
        var point = (Point)first.Geometry;
        Assert.Equal(Fengze.Lon, point.X, 4);
        Assert.Equal(Fengze.Lat, point.Y, 4);
    }

    [Fact]
    public async Task Tile_Polygons_DropThoseUnderAPixelAtLowZoom()
    {
        var c = Fixture.Client();
        var (large, _, _) = await c.CreateAsync("parks", Feature(Square(Fengze.Lon, Fengze.Lat, 0.01), new() { ["park_class"] = "comprehensive" }));
        var (small, _, _) = await c.CreateAsync("parks", Feature(Square(Fengze.Lon + 0.02, Fengze.Lat, 0.0003), new() { ["park_class"] = "pocket" }));

        var low = TileOf(Fengze.Lon, Fengze.Lat, 10);
        var lowIds = FeaturesOf(await DecodeAsync(await c.GetAsync(TileUrl("parks", low)), low), "parks").Select(IdOf).ToArray();
        var near = TileOf(Fengze.Lon + 0.02, Fengze.Lat, 16);
        var nearFeatures = FeaturesOf(await DecodeAsync(await c.GetAsync(TileUrl("parks", near)), near), "parks");

        Assert.Equal([large], lowIds);
        Assert.Equal(small, IdOf(Assert.Single(nearFeatures)));
        Assert.Equal("pocket", nearFeatures[0].Attributes["park_class"]);
    }

    [Fact]
    public async Task Tile_WithNoFeatures_Returns204()
    {
        var c = Fixture.Client();
        await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" }));

        var response = await c.GetAsync(TileUrl("manholes", TileOf(Licheng.Lon, Licheng.Lat, 16)));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Tile_BelowTheKindsMinZoom_Returns204()
    {
        var c = Fixture.Client();
        await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" }));
        var minZoom = AssetKinds.Find("manholes")!.TileMinZoom;

        var below = await c.GetAsync(TileUrl("manholes", TileOf(Fengze.Lon, Fengze.Lat, minZoom - 1)));
        var at = await c.GetAsync(TileUrl("manholes", TileOf(Fengze.Lon, Fengze.Lat, minZoom)));

        Assert.Equal(HttpStatusCode.NoContent, below.StatusCode);
        Assert.Equal(HttpStatusCode.OK, at.StatusCode);
    }

    [Fact]
    public async Task PatchMovingAManhole_ChangesTheNextTilesAndTheVersion()
    {
        var c = Fixture.Client();
        var (id, etag, _) = await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" }));
        var oldTile = TileOf(Fengze.Lon, Fengze.Lat, 16);
        var newTile = TileOf(Licheng.Lon, Licheng.Lat, 16);
        Assert.Equal([id], FeaturesOf(await DecodeAsync(await c.GetAsync(TileUrl("manholes", oldTile)), oldTile), "manholes").Select(IdOf));
        var before = await VersionOfAsync(c, "manholes");

        var moved = new JsonObject { ["geometry"] = Point(Licheng.Lon, Licheng.Lat) };
        var patch = await c.SendWithIfMatchAsync(HttpMethod.Patch, $"/ogc/collections/manholes/items/{id}", moved, etag, "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, patch.StatusCode);

        var after = await VersionOfAsync(c, "manholes");
        Assert.True(after > before, $"version {before} → {after}");
        Assert.Equal(HttpStatusCode.NoContent, (await c.GetAsync(TileUrl("manholes", oldTile, $"?v={after}"))).StatusCode);
        var moved16 = FeaturesOf(await DecodeAsync(await c.GetAsync(TileUrl("manholes", newTile, $"?v={after}")), newTile), "manholes");
        var point = (Point)Assert.Single(moved16).Geometry;
        Assert.Equal(id, IdOf(moved16[0]));
        Assert.Equal(Licheng.Lon, point.X, 4);
        Assert.Equal(Licheng.Lat, point.Y, 4);
    }

    [Fact]
    public async Task EveryWrite_RaisesItsCollectionsVersionOnly()
    {
        var c = Fixture.Client();
        var trees = await VersionOfAsync(c, "ancient_trees");
        var lights = await VersionOfAsync(c, "streetlights");

        var (id, etag, _) = await c.CreateAsync("streetlights", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["lamp_type"] = "led" }));
        var patched = await c.SendWithIfMatchAsync(HttpMethod.Patch, $"/ogc/collections/streetlights/items/{id}",
            new JsonObject { ["properties"] = new JsonObject { ["lamp_type"] = "hps" } }, etag, "application/merge-patch+json");
        var deleted = await c.SendWithIfMatchAsync(HttpMethod.Delete, $"/ogc/collections/streetlights/items/{id}", null, patched.Headers.ETag!.ToString());

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(lights + 3, await VersionOfAsync(c, "streetlights"));
        Assert.Equal(trees, await VersionOfAsync(c, "ancient_trees"));
    }

    [Fact]
    public async Task Tile_AtTheCurrentVersion_IsImmutable_OtherwiseRevalidatedByETag()
    {
        var c = Fixture.Client();
        await c.CreateAsync("bridges", Feature(Line((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.001, Fengze.Lat)), new() { ["structure_type"] = "arch" }));
        var version = await VersionOfAsync(c, "bridges");
        var t = TileOf(Fengze.Lon, Fengze.Lat, 15);

        var current = await c.GetAsync(TileUrl("bridges", t, $"?v={version}"));
        var unversioned = await c.GetAsync(TileUrl("bridges", t));
        var old = await c.GetAsync(TileUrl("bridges", t, $"?v={version - 1}"));
        var revalidate = new HttpRequestMessage(HttpMethod.Get, TileUrl("bridges", t));
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", $"\"{version}\"");
        var notModified = await c.SendAsync(revalidate);

        Assert.Equal("public, max-age=31536000, immutable", current.Headers.CacheControl?.ToString());
        Assert.Equal("arch", FeaturesOf(await DecodeAsync(current, t), "bridges").Single().Attributes["structure_type"]);
        foreach (var r in new[] { unversioned, old })
        {
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            Assert.True(r.Headers.CacheControl?.NoCache, r.Headers.CacheControl?.ToString());
            Assert.Equal($"\"{version}\"", r.Headers.ETag?.ToString());
        }
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task TilesDocument_GivesTheTemplateZoomsAndVersion_AndTheCollectionLinksIt()
    {
        var c = Fixture.Client();
        var version = await VersionOfAsync(c, "sewer_segments");

        var doc = await (await c.GetAsync("/ogc/collections/sewer_segments/tiles")).JsonAsync();
        var collection = await (await c.GetAsync("/ogc/collections/sewer_segments")).JsonAsync();

        var tileset = doc["tilesets"]!.AsArray().Single()!;
        Assert.Equal(AssetKinds.Find("sewer_segments")!.TileMinZoom, tileset["minzoom"]!.GetValue<int>());
        Assert.Equal(TileAddress.MaxZoom, tileset["maxzoom"]!.GetValue<int>());
        Assert.Equal(version, tileset["version"]!.GetValue<long>());
        var template = tileset["links"]!.AsArray().Single(l => l!["rel"]!.GetValue<string>() == "item")!["href"]!.GetValue<string>();
        Assert.EndsWith($"/ogc/collections/sewer_segments/tiles/WebMercatorQuad/{{tileMatrix}}/{{tileRow}}/{{tileCol}}?v={version}", template);
        Assert.Contains(collection["links"]!.AsArray(), l => l!["href"]!.GetValue<string>().EndsWith("/ogc/collections/sewer_segments/tiles"));
    }

    [Theory]
    [InlineData("23/0/0", "z")]
    [InlineData("-1/0/0", "z")]
    [InlineData("zz/0/0", "z")]
    [InlineData("2/4/0", "y")]
    [InlineData("2/0/4", "x")]
    [InlineData("16/-3/0", "y")]
    public async Task Tile_OutOfRange_Returns400NamingTheParameter(string zyx, string field)
    {
        var response = await Fixture.Client().GetAsync($"/ogc/collections/parks/tiles/WebMercatorQuad/{zyx}");
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Tile_UnknownCollection_Returns404()
    {
        var response = await Fixture.Client().GetAsync("/ogc/collections/hydrants/tiles/WebMercatorQuad/16/0/0");
        await AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Tile_Anonymous_Returns401()
    {
        var anonymous = Fixture.Client(role: null);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/ogc/collections/parks/tiles/WebMercatorQuad/10/0/0")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/tiles/versions")).StatusCode);
    }

    [Fact]
    public void EveryKind_HasTileStatementFromItsOwnAttributes()
    {
        foreach (var kind in AssetKinds.All)
        {
            var sql = VectorTileSql.For(kind);
            Assert.Contains($"ST_AsMVT(f.*, '{kind.CollectionId}'", sql);
            Assert.All(kind.TileAttributes, a => Assert.NotNull(kind.FindAttribute(a)));
        }
    }
}
