using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Spatial;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Api;

/// <summary>
/// OGC API – Features Part 2: geometries out in any supported CRS and axis order (checked against PostGIS's own
/// ST_Transform of the stored geometry), bbox in any supported CRS, the Content-Crs header, and the CRS lists.
/// </summary>
public sealed class CrsTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private const string Epsg4549 = "http://www.opengis.net/def/crs/EPSG/0/4549";
    private const string Epsg4326 = "http://www.opengis.net/def/crs/EPSG/0/4326";
    private const string Epsg4490 = "http://www.opengis.net/def/crs/EPSG/0/4490";

    /// <summary>Five manholes in a row 0.001° (about 101 m) apart eastwards from 丰泽区's point.</summary>
    private async Task<(HttpClient Client, long[] Ids)> SeedRowAsync()
    {
        var c = Fixture.Client();
        var ids = new long[5];
        for (var i = 0; i < 5; i++)
            ids[i] = (await c.CreateAsync("manholes", Feature(Point(Fengze.Lon + i * 0.001, Fengze.Lat), new() { ["network"] = "rain" }))).Id;
        return (c, ids);
    }

    private static long[] Ids(JsonObject page) => page["features"]!.AsArray().Select(f => f!["id"]!.GetValue<long>()).ToArray();

    private async Task<(double X, double Y)> TransformedAsync(string table, long id, int srid) =>
        (await Fixture.ScalarAsync<double>($"select ST_X(ST_Transform(geometry, {srid})) from {table} where id = $1", id),
         await Fixture.ScalarAsync<double>($"select ST_Y(ST_Transform(geometry, {srid})) from {table} where id = $1", id));

    private static string ContentCrs(HttpResponseMessage r) => string.Join(",", r.Headers.GetValues("Content-Crs"));

    [Fact]
    public async Task GetItems_Crs4549_ReturnsNorthingThenEastingInMillimetresAsPostGisTransforms()
    {
        var (c, _) = await SeedRowAsync();
        var response = await c.GetAsync("/ogc/collections/manholes/items?crs=" + Uri.EscapeDataString(Epsg4549));
        Assert.Equal($"<{Epsg4549}>", ContentCrs(response));
        var page = await response.JsonAsync();
        Assert.Equal(5, page["features"]!.AsArray().Count);
        foreach (var f in page["features"]!.AsArray())
        {
            var xy = f!["geometry"]!["coordinates"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
            var (easting, northing) = await TransformedAsync("manholes", f["id"]!.GetValue<long>(), 4549);
            Assert.Equal(northing, xy[0], 0.0005);
            Assert.Equal(easting, xy[1], 0.0005);
            Assert.Equal(Math.Round(xy[0], 3), xy[0]);
            Assert.InRange(xy[0], 2_700_000, 2_800_000);
            Assert.InRange(xy[1], 300_000, 400_000);
            Assert.Null(f["geometry"]!["crs"]);
        }
    }

    [Fact]
    public async Task GetItem_PolygonInCrs4549_FlipsEveryVertex()
    {
        var c = Fixture.Client();
        var (id, _, _) = await c.CreateAsync("parks", Feature(Square(Fengze.Lon, Fengze.Lat, 0.002), new() { ["name"] = "东湖", ["park_class"] = "community" }));
        var response = await c.GetAsync($"/ogc/collections/parks/items/{id}?crs=EPSG:4549");
        Assert.Equal($"<{Epsg4549}>", ContentCrs(response));
        var ring = (await response.JsonAsync())["geometry"]!["coordinates"]![0]!.AsArray();
        Assert.Equal(5, ring.Count);
        for (var i = 0; i < 5; i++)
        {
            var e = await Fixture.ScalarAsync<double>($"select ST_X(ST_PointN(ST_ExteriorRing(ST_Transform(geometry, 4549)), {i + 1})) from parks where id = $1", id);
            var n = await Fixture.ScalarAsync<double>($"select ST_Y(ST_PointN(ST_ExteriorRing(ST_Transform(geometry, 4549)), {i + 1})) from parks where id = $1", id);
            Assert.Equal(n, ring[i]![0]!.GetValue<double>(), 0.0005);
            Assert.Equal(e, ring[i]![1]!.GetValue<double>(), 0.0005);
        }
    }

    [Fact]
    public async Task GetItem_Crs4326_PutsLatitudeFirst_AndKeepsTheETag()
    {
        var (c, ids) = await SeedRowAsync();
        var response = await c.GetAsync($"/ogc/collections/manholes/items/{ids[1]}?crs={Uri.EscapeDataString(Epsg4326)}");
        Assert.Equal($"<{Epsg4326}>", ContentCrs(response));
        Assert.NotNull(response.Headers.ETag);
        var xy = (await response.JsonAsync())["geometry"]!["coordinates"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        Assert.Equal(Fengze.Lat, xy[0], 1e-9);
        Assert.Equal(Fengze.Lon + 0.001, xy[1], 1e-9);
    }

    [Fact]
    public async Task GetItem_Crs4490_IsLatitudeFirstAsPostGisTransforms()
    {
        var (c, ids) = await SeedRowAsync();
        var response = await c.GetAsync($"/ogc/collections/manholes/items/{ids[0]}?crs=EPSG:4490");
        Assert.Equal($"<{Epsg4490}>", ContentCrs(response));
        var xy = (await response.JsonAsync())["geometry"]!["coordinates"]!.AsArray().Select(v => v!.GetValue<double>()).ToArray();
        var (lon, lat) = await TransformedAsync("manholes", ids[0], 4490);
        Assert.Equal(lat, xy[0], 0.00000005);
        Assert.Equal(lon, xy[1], 0.00000005);
    }

    [Fact]
    public async Task ItemsAndItem_WithoutCrs_AreCrs84LongitudeFirst_AndSaySo()
    {
        var (c, ids) = await SeedRowAsync();
        var items = await c.GetAsync("/ogc/collections/manholes/items?limit=1");
        Assert.Equal($"<{SupportedCrs.Crs84Uri}>", ContentCrs(items));
        Assert.Equal(Fengze.Lon, (await items.JsonAsync())["features"]![0]!["geometry"]!["coordinates"]![0]!.GetValue<double>());
        var item = await c.GetAsync($"/ogc/collections/manholes/items/{ids[0]}");
        Assert.Equal($"<{SupportedCrs.Crs84Uri}>", ContentCrs(item));
    }

    [Fact]
    public async Task BboxCrs4549_SelectsTheSameFeaturesAsTheEquivalentCrs84Bbox()
    {
        var (c, ids) = await SeedRowAsync();
        // A CRS84 box around the second, third and fourth manholes (50 m clear of each), and the box in EPSG:4549
        // that holds its transformed corners, written northing first as EPSG:4549's axis order asks.
        var (minLon, minLat, maxLon, maxLat) = (Fengze.Lon + 0.0005, Fengze.Lat - 0.0005, Fengze.Lon + 0.0035, Fengze.Lat + 0.0005);
        var envelope = FormattableString.Invariant($"ST_Transform(ST_MakeEnvelope({minLon}, {minLat}, {maxLon}, {maxLat}, 4326), 4549)");
        var minE = await Fixture.ScalarAsync<double>($"select ST_XMin({envelope})");
        var maxE = await Fixture.ScalarAsync<double>($"select ST_XMax({envelope})");
        var minN = await Fixture.ScalarAsync<double>($"select ST_YMin({envelope})");
        var maxN = await Fixture.ScalarAsync<double>($"select ST_YMax({envelope})");

        var crs84 = Ids(await (await c.GetAsync(FormattableString.Invariant($"/ogc/collections/manholes/items?bbox={minLon},{minLat},{maxLon},{maxLat}"))).JsonAsync());
        var gk = Ids(await (await c.GetAsync(FormattableString.Invariant(
            $"/ogc/collections/manholes/items?bbox-crs={Uri.EscapeDataString(Epsg4549)}&bbox={minN:F3},{minE:F3},{maxN:F3},{maxE:F3}"))).JsonAsync());
        var latFirst = Ids(await (await c.GetAsync(FormattableString.Invariant(
            $"/ogc/collections/manholes/items?bbox-crs=EPSG:4326&bbox={minLat},{minLon},{maxLat},{maxLon}"))).JsonAsync());
        Assert.Equal(ids[1..4], crs84);
        Assert.Equal(crs84, gk);
        Assert.Equal(crs84, latFirst);
    }

    [Fact]
    public async Task BboxCrs4549_EastingFirst_MissesEverything()
    {
        var (c, _) = await SeedRowAsync();
        var (e, n) = await TransformedAsync("manholes", (await Fixture.ScalarAsync<long>("select min(id) from manholes")), 4549);
        var right = await (await c.GetAsync(FormattableString.Invariant($"/ogc/collections/manholes/items?bbox-crs=EPSG:4549&bbox={n - 10:F3},{e - 10:F3},{n + 10:F3},{e + 10:F3}"))).JsonAsync();
        var swapped = await (await c.GetAsync(FormattableString.Invariant($"/ogc/collections/manholes/items?bbox-crs=EPSG:4549&bbox={e - 10:F3},{n - 10:F3},{e + 10:F3},{n + 10:F3}"))).JsonAsync();
        Assert.Equal(1, right["numberMatched"]!.GetValue<long>());
        Assert.Equal(0, swapped["numberMatched"]!.GetValue<long>());
    }

    [Fact]
    public async Task CreateAndPatch_WithContentCrs4549_StoreThePointPostGisTransformsBack()
    {
        var c = Fixture.Client();
        var (e, n) = (await Fixture.ScalarAsync<double>(FormattableString.Invariant($"select ST_X(ST_Transform(ST_SetSRID(ST_MakePoint({Fengze.Lon}, {Fengze.Lat}), 4326), 4549))")),
                      await Fixture.ScalarAsync<double>(FormattableString.Invariant($"select ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint({Fengze.Lon}, {Fengze.Lat}), 4326), 4549))")));
        var request = new HttpRequestMessage(HttpMethod.Post, "/ogc/collections/manholes/items")
        {
            Content = Body(Feature(new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(n, e) }, new() { ["network"] = "rain" })),
        };
        request.Headers.TryAddWithoutValidation("Content-Crs", $"<{Epsg4549}>");
        var created = await c.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync())["id"]!.GetValue<long>();
        Assert.True(await Fixture.ScalarAsync<double>(FormattableString.Invariant(
            $"select ST_Distance(geometry::geography, ST_SetSRID(ST_MakePoint({Fengze.Lon}, {Fengze.Lat}), 4326)::geography) from manholes where id = $1"), id) < 0.001);
        Assert.Equal("350503", await Fixture.ScalarAsync<string>("select district from manholes where id = $1", id));

        var patch = new HttpRequestMessage(HttpMethod.Patch, $"/ogc/collections/manholes/items/{id}")
        {
            Content = Body(new JsonObject { ["geometry"] = new JsonObject { ["type"] = "Point", ["coordinates"] = new JsonArray(n + 100, e) } }, "application/merge-patch+json"),
        };
        patch.Headers.TryAddWithoutValidation("Content-Crs", "EPSG:4549");
        patch.Headers.TryAddWithoutValidation("If-Match", created.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await c.SendAsync(patch)).StatusCode);
        var (e2, n2) = await TransformedAsync("manholes", id, 4549);
        Assert.Equal(n + 100, n2, 0.001);
        Assert.Equal(e, e2, 0.001);
    }

    [Fact]
    public async Task Create_WithUnsupportedContentCrs_Returns400AndWritesNothing()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/ogc/collections/manholes/items")
        {
            Content = Body(Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" })),
        };
        request.Headers.TryAddWithoutValidation("Content-Crs", "<http://www.opengis.net/def/crs/EPSG/0/3857>");
        await AssertProblemAsync(await Fixture.Client().SendAsync(request), HttpStatusCode.BadRequest, "Content-Crs");
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }

    [Theory]
    [InlineData("/ogc/collections/manholes/items?crs=EPSG:3857", "crs")]
    [InlineData("/ogc/collections/manholes/items?crs=http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FEPSG%2F0%2F2000", "crs")]
    [InlineData("/ogc/collections/manholes/items/1?crs=EPSG:3857", "crs")]
    [InlineData("/ogc/collections/manholes/items?bbox-crs=EPSG:9999&bbox=1,2,3,4", "bbox-crs")]
    [InlineData("/ogc/collections/manholes/items?bbox-crs=EPSG:4549&bbox=2760000,370000,2750000,380000", "bbox")]
    [InlineData("/ogc/collections/manholes/items?bbox-crs=EPSG:4326&bbox=118,24,119,25", "bbox")]
    public async Task UnsupportedCrsOrBboxInTheWrongOrder_Returns400ListingTheSupportedCrs(string url, string field)
    {
        var response = await Fixture.Client().GetAsync(url);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        if (field.EndsWith("crs"))
        {
            var message = (await response.JsonAsync())["errors"]![field]![0]!.GetValue<string>();
            foreach (var crs in SupportedCrs.All) Assert.Contains(crs.Uri, message);
        }
    }

    [Fact]
    public async Task CollectionsAndConformance_AdvertiseEverySupportedCrsAndTheFilterClasses()
    {
        var c = Fixture.Client();
        var collection = await (await c.GetAsync("/ogc/collections/manholes")).JsonAsync();
        Assert.Equal(SupportedCrs.All.Select(x => x.Uri), collection["crs"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal(SupportedCrs.Crs84Uri, collection["storageCrs"]!.GetValue<string>());
        var all = await (await c.GetAsync("/ogc/collections")).JsonAsync();
        Assert.All(all["collections"]!.AsArray(), k => Assert.Equal(6, k!["crs"]!.AsArray().Count));
        var conformance = (await (await c.GetAsync("/ogc/conformance")).JsonAsync())["conformsTo"]!.AsArray().Select(x => x!.GetValue<string>()).ToList();
        foreach (var cls in (string[])[
                     "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs",
                     "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/filter",
                     "http://www.opengis.net/spec/ogcapi-features-3/1.0/conf/features-filter",
                     "http://www.opengis.net/spec/cql2/1.0/conf/cql2-text",
                     "http://www.opengis.net/spec/cql2/1.0/conf/basic-cql2",
                     "http://www.opengis.net/spec/cql2/1.0/conf/advanced-comparison-operators",
                     "http://www.opengis.net/spec/cql2/1.0/conf/basic-spatial-functions",
                 ])
            Assert.Contains(cls, conformance);
    }
}
