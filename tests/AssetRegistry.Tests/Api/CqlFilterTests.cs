using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Api;

/// <summary>
/// OGC API – Features Part 3: CQL2 text filters on item pages, each checked against the same question asked of
/// the database in plain SQL; sortby; and every refusal a 400 naming the parameter and the position.
/// </summary>
public sealed class CqlFilterTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    /// <summary>Five manholes in a row 0.001° (about 101 m) apart eastwards from 丰泽区's point, and two in 鲤城区
    /// about 10.7 km away, with names, depths, owners and dates chosen so that every operator splits them.</summary>
    private async Task<HttpClient> SeedAsync()
    {
        var c = Fixture.Client();
        JsonObject P(string name, string network, string status, double? depth, int? cover, bool? net, string? owner, string? installed) => new()
        {
            ["name"] = name, ["network"] = network, ["status"] = status, ["depth_m"] = depth, ["cover_diameter_mm"] = cover,
            ["has_anti_fall_net"] = net, ["owner"] = owner, ["install_date"] = installed,
        };
        JsonObject[] rows =
        [
            P("Gate 'A'", "rain", "planned", 1.0, 600, true, "City Bureau", "2019-05-01"),
            P("gate b", "rain", "in_service", 2.5, 700, false, null, "2020-01-01"),
            P("GATE_C", "sewage", "in_service", 3.0, null, null, "District", null),
            P("Pump 1", "combined", "in_service", 4.2, 800, true, "city bureau", "2021-06-30"),
            P("Pump 2", "sewage", "planned", null, 600, false, null, "2022-01-01"),
            P("Temple", "water", "in_service", 1.5, 1000, null, "Temple Trust", "2018-03-03"),
            P("100%", "sewage", "planned", 2.0, 650, true, "District", "2020-01-02"),
        ];
        for (var i = 0; i < 5; i++) await c.CreateAsync("manholes", Feature(Point(Fengze.Lon + i * 0.001, Fengze.Lat), rows[i]));
        for (var i = 5; i < 7; i++) await c.CreateAsync("manholes", Feature(Point(Licheng.Lon + (i - 5) * 0.001, Licheng.Lat), rows[i]));
        return c;
    }

    private static long[] Ids(JsonObject page) => page["features"]!.AsArray().Select(f => f!["id"]!.GetValue<long>()).ToArray();

    private async Task<JsonObject> PageAsync(HttpClient c, string query)
    {
        var response = await c.GetAsync("/ogc/collections/manholes/items?" + query);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    private static string Filter(string cql) => "filter=" + Uri.EscapeDataString(cql);

    private async Task<long[]> SqlIdsAsync(string where, string order = "id")
    {
        var ids = new List<long>();
        await using var cmd = Fixture.Db.CreateCommand($"select id from manholes where {where} order by {order}");
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        return ids.ToArray();
    }

    [Theory]
    [InlineData("network = 'rain'", "network = 'rain'")]
    [InlineData("network <> 'rain'", "network <> 'rain'")]
    [InlineData("depth_m < 2.5", "depth_m < 2.5")]
    [InlineData("depth_m <= 2.5", "depth_m <= 2.5")]
    [InlineData("depth_m > 2.5", "depth_m > 2.5")]
    [InlineData("depth_m >= 3", "depth_m >= 3")]
    [InlineData("cover_diameter_mm > 650", "cover_diameter_mm > 650")]
    [InlineData("2 < depth_m", "2 < depth_m")]
    [InlineData("name = 'Gate ''A'''", "name = 'Gate ''A'''")]
    [InlineData("name LIKE 'Pump%'", "name like 'Pump%'")]
    [InlineData("name NOT LIKE '%e%'", "name not like '%e%'")]
    [InlineData("name LIKE 'gate_b'", "name like 'gate_b'")]
    [InlineData("name LIKE '100\\%'", "name like '100\\%'")]
    [InlineData("CASEI(name) LIKE CASEI('GATE%')", "lower(name) like 'gate%'")]
    [InlineData("CASEI(owner) = CASEI('CITY BUREAU')", "lower(owner) = 'city bureau'")]
    [InlineData("network IN ('rain', 'water')", "network in ('rain', 'water')")]
    [InlineData("network NOT IN ('rain', 'water')", "network not in ('rain', 'water')")]
    [InlineData("depth_m BETWEEN 1.5 AND 3", "depth_m between 1.5 and 3")]
    [InlineData("depth_m NOT BETWEEN 1.5 AND 3", "depth_m not between 1.5 and 3")]
    [InlineData("owner IS NULL", "owner is null")]
    [InlineData("owner IS NOT NULL", "owner is not null")]
    [InlineData("has_anti_fall_net = TRUE", "has_anti_fall_net")]
    [InlineData("has_anti_fall_net <> true", "not has_anti_fall_net")]
    [InlineData("install_date >= DATE('2020-01-01')", "install_date >= date '2020-01-01'")]
    [InlineData("install_date BETWEEN DATE('2019-01-01') AND DATE('2020-01-01')", "install_date between '2019-01-01' and '2020-01-01'")]
    [InlineData("updated_at > TIMESTAMP('2000-01-01T00:00:00Z') AND status = 'planned'", "updated_at > '2000-01-01 00:00:00+00' and status = 'planned'")]
    [InlineData("\"network\" = 'sewage' AND \"status\" = 'planned'", "network = 'sewage' and status = 'planned'")]
    [InlineData("network = 'rain' OR network = 'sewage' AND status = 'planned'", "network = 'rain' or (network = 'sewage' and status = 'planned')")]
    [InlineData("(network = 'rain' OR network = 'sewage') AND status = 'planned'", "(network = 'rain' or network = 'sewage') and status = 'planned'")]
    [InlineData("NOT network = 'rain' AND depth_m > 2", "(not network = 'rain') and depth_m > 2")]
    [InlineData("NOT (network = 'rain' AND depth_m > 2)", "not (network = 'rain' and depth_m > 2)")]
    [InlineData("depth_m > 2 or not (owner is null) and network in ('sewage')", "depth_m > 2 or ((owner is not null) and network = 'sewage')")]
    public async Task GetItems_Filter_SelectsTheRowsTheEquivalentSqlSelects(string cql, string sql)
    {
        var c = await SeedAsync();
        var expected = await SqlIdsAsync(sql);
        Assert.InRange(expected.Length, 1, 6);
        var page = await PageAsync(c, Filter(cql));
        Assert.Equal(expected, Ids(page));
        Assert.Equal(expected.Length, page["numberMatched"]!.GetValue<long>());
    }

    [Fact]
    public async Task GetItems_FilterAndEqualityParameterAndBbox_AllApply()
    {
        var c = await SeedAsync();
        var page = await PageAsync(c, FormattableString.Invariant(
            $"network=sewage&{Filter("depth_m > 2 OR depth_m IS NULL")}&bbox={Fengze.Lon - 0.0005},{Fengze.Lat - 0.0005},{Fengze.Lon + 0.0045},{Fengze.Lat + 0.0005}"));
        Assert.Equal(await SqlIdsAsync($"network = 'sewage' and (depth_m > 2 or depth_m is null) and ST_X(geometry) < {Fengze.Lon + 0.0045}"), Ids(page));
        Assert.Equal(2, Ids(page).Length);
    }

    [Theory]
    [InlineData("S_INTERSECTS(geometry, BBOX(118.6752, 24.8739, 118.6772, 24.8749))", "", "geometry && ST_MakeEnvelope(118.6752, 24.8739, 118.6772, 24.8749, 4326)")]
    [InlineData("S_INTERSECTS(geometry, BBOX(24.8739, 118.6752, 24.8749, 118.6772))", "EPSG:4326", "geometry && ST_MakeEnvelope(118.6752, 24.8739, 118.6772, 24.8749, 4326)")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((118.676 24.874, 118.690 24.874, 118.690 24.875, 118.676 24.875, 118.676 24.874)))", "",
        "ST_Intersects(geometry, 'SRID=4326;POLYGON((118.676 24.874, 118.690 24.874, 118.690 24.875, 118.676 24.875, 118.676 24.874))')")]
    [InlineData("S_INTERSECTS(geometry, POLYGON((24.874 118.676, 24.874 118.690, 24.875 118.690, 24.875 118.676, 24.874 118.676)))", "http://www.opengis.net/def/crs/EPSG/0/4326",
        "ST_Intersects(geometry, 'SRID=4326;POLYGON((118.676 24.874, 118.690 24.874, 118.690 24.875, 118.676 24.875, 118.676 24.874))')")]
    [InlineData("S_INTERSECTS(geometry, MULTIPOINT((118.6757 24.8744), (118.581 24.9168))) OR network = 'rain'", "",
        "(ST_X(geometry) = 118.6757 and ST_Y(geometry) = 24.8744) or (ST_X(geometry) = 118.581 and ST_Y(geometry) = 24.9168) or network = 'rain'")]
    [InlineData("NOT S_INTERSECTS(geometry, BBOX(118, 24.8, 118.65, 25))", "", "not ST_Intersects(geometry, ST_MakeEnvelope(118, 24.8, 118.65, 25, 4326))")]
    public async Task GetItems_SpatialFilter_SelectsWhatPostGisSelects(string cql, string filterCrs, string sql)
    {
        var c = await SeedAsync();
        var expected = await SqlIdsAsync(sql);
        Assert.InRange(expected.Length, 1, 6);
        var crs = filterCrs.Length == 0 ? "" : "&filter-crs=" + Uri.EscapeDataString(filterCrs);
        Assert.Equal(expected, Ids(await PageAsync(c, Filter(cql) + crs)));
    }

    [Fact]
    public async Task GetItems_SpatialFilterInGaussKruger_SelectsTheSameAsInCrs84()
    {
        var c = await SeedAsync();
        // The CRS84 box around the second to fourth manholes, its corners as EPSG:4549 northing, easting.
        var wkt = await Fixture.ScalarAsync<string>(
            "select ST_AsText(ST_FlipCoordinates(ST_Transform(ST_MakeEnvelope(118.6762, 24.8739, 118.6792, 24.8749, 4326), 4549)))");
        var crs84 = Ids(await PageAsync(c, Filter("S_INTERSECTS(geometry, BBOX(118.6762, 24.8739, 118.6792, 24.8749))")));
        var gk = Ids(await PageAsync(c, Filter($"S_INTERSECTS(geometry, {wkt})") + "&filter-crs=" + Uri.EscapeDataString("http://www.opengis.net/def/crs/EPSG/0/4549")));
        Assert.Equal(3, crs84.Length);
        Assert.Equal(crs84, gk);
    }

    [Theory]
    [InlineData(0, "meters")]
    [InlineData(100, "meters")]
    [InlineData(150, "meters")]
    [InlineData(303, "metres")]
    [InlineData(10, "kilometers")]
    [InlineData(11, "km")]
    public async Task GetItems_DWithin_SelectsWhatStDWithinOnGeographySelects(double distance, string units)
    {
        var c = await SeedAsync();
        var metres = units.StartsWith('k') ? distance * 1000 : distance;
        var expected = await SqlIdsAsync(FormattableString.Invariant(
            $"ST_DWithin(geometry::geography, ST_SetSRID(ST_MakePoint({Fengze.Lon}, {Fengze.Lat}), 4326)::geography, {metres})"));
        var page = await PageAsync(c, Filter(FormattableString.Invariant($"S_DWITHIN(geometry, POINT({Fengze.Lon} {Fengze.Lat}), {distance}, {units})")));
        Assert.Equal(expected, Ids(page));
        Assert.NotEmpty(expected);
    }

    [Fact]
    public async Task GetItems_DWithinAPolygonInGaussKruger_CountsMetresFromItsEdge()
    {
        var c = await SeedAsync();
        // A 20 m square 130–150 m east of the first manhole: within 120 m of the second (about 101 m east, 29 m
        // from the square) and the third (202 m east, 52 m), not of the first (130 m) or the fourth (153 m).
        var x = await Fixture.ScalarAsync<double>(FormattableString.Invariant($"select ST_X(ST_Transform(ST_SetSRID(ST_MakePoint({Fengze.Lon}, {Fengze.Lat}), 4326), 4549))"));
        var y = await Fixture.ScalarAsync<double>(FormattableString.Invariant($"select ST_Y(ST_Transform(ST_SetSRID(ST_MakePoint({Fengze.Lon}, {Fengze.Lat}), 4326), 4549))"));
        string Nx(double dx, double dy) => FormattableString.Invariant($"{y + dy:F3} {x + dx:F3}");
        var square = $"POLYGON(({Nx(130, -10)}, {Nx(150, -10)}, {Nx(150, 10)}, {Nx(130, 10)}, {Nx(130, -10)}))";
        var page = await PageAsync(c, Filter($"S_DWITHIN(geometry, {square}, 120, meters)") + "&filter-crs=EPSG:4549");
        var expected = await SqlIdsAsync(FormattableString.Invariant(
            $"ST_DWithin(geometry::geography, ST_Transform(ST_FlipCoordinates(ST_GeomFromText('{square}', 4549)), 4326)::geography, 120)"));
        Assert.Equal(expected, Ids(page));
        Assert.Equal(2, expected.Length);
    }

    [Fact]
    public async Task SortBy_AscendingDescendingAndSeveralKeys_OrderAsSqlWithIdLast()
    {
        var c = await SeedAsync();
        Assert.Equal(await SqlIdsAsync("true", "depth_m asc nulls last, id"), Ids(await PageAsync(c, "sortby=depth_m")));
        Assert.Equal(await SqlIdsAsync("true", "depth_m asc nulls last, id"), Ids(await PageAsync(c, "sortby=%2Bdepth_m")));
        Assert.Equal(await SqlIdsAsync("true", "depth_m desc nulls last, id"), Ids(await PageAsync(c, "sortby=-depth_m")));
        Assert.Equal(await SqlIdsAsync("true", "network asc nulls last, cover_diameter_mm desc nulls last, id"),
            Ids(await PageAsync(c, "sortby=network,-cover_diameter_mm")));
        var byName = Ids(await PageAsync(c, "sortby=-name"));
        Assert.NotEqual(await SqlIdsAsync("true"), byName);
        Assert.Equal(await SqlIdsAsync("true", "name desc nulls last, id"), byName);
    }

    [Fact]
    public async Task PagingLinks_KeepFilterSortCrsAndBboxCrs()
    {
        var c = await SeedAsync();
        var query = $"limit=2&sortby=-depth_m&{Filter("network <> 'water'")}&crs=EPSG:4549&bbox-crs=EPSG:4326&bbox=24,118,26,119";
        var first = await PageAsync(c, query);
        var next = first["links"]!.AsArray().First(l => l!["rel"]!.GetValue<string>() == "next")!["href"]!.GetValue<string>();
        foreach (var p in (string[])["sortby=-depth_m", "filter=network%20%3C%3E%20%27water%27", "crs=EPSG%3A4549", "bbox-crs=EPSG%3A4326", "bbox=24%2C118%2C26%2C119"])
            Assert.Contains(p, next);
        var second = await PageAsync(c, new Uri(next).Query.TrimStart('?'));
        var expected = await SqlIdsAsync("network <> 'water'", "depth_m desc nulls last, id");
        Assert.Equal(expected.Take(4), Ids(first).Concat(Ids(second)));
        Assert.True(second["features"]![0]!["geometry"]!["coordinates"]![0]!.GetValue<double>() > 1_000_000, "northing first, in metres");
    }

    [Theory]
    [InlineData("filter=colour%20%3D%20%27red%27", "filter", "unknown property 'colour'")]
    [InlineData("filter=status%20%3D%20%27planned%27%20AND%20colour%20%3D%201", "filter", "character 24")]
    [InlineData("filter=status%20%3D", "filter", "character 9")]
    [InlineData("filter=cover_diameter_mm%20%3D%20%27abc%27", "filter", "cannot compare cover_diameter_mm is a number")]
    [InlineData("filter=status%20%3D%20%27planned%27&filter-lang=cql2-json", "filter-lang", "cql2-text")]
    [InlineData("filter=status%20%3D%20%27planned%27&filter-crs=EPSG:3857", "filter-crs", "EPSG/0/4549")]
    [InlineData("sortby=colour", "sortby", "unknown property 'colour'")]
    [InlineData("sortby=name,-geometry", "sortby", "unknown property 'geometry'")]
    public async Task GetItems_BadFilterOrSort_Returns400NamingTheParameterAndWhy(string query, string field, string message)
    {
        var response = await Fixture.Client().GetAsync("/ogc/collections/manholes/items?" + query);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        var problem = await response.JsonAsync();
        Assert.Contains(message, problem["errors"]![field]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task GetItems_BadFilter_ExplainsInChineseWhenAsked()
    {
        var c = Fixture.Client();
        c.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        var response = await c.GetAsync("/ogc/collections/manholes/items?" + Filter("colour = 'red'"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, "filter");
        Assert.Contains("第 1 个字符处：未知属性“colour”", (await response.JsonAsync())["errors"]!["filter"]![0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("name = 'x'; drop table manholes; --'")]
    [InlineData("name = 'x''; drop table manholes; --'")]
    [InlineData("\"name\" = 'a' OR \"1\"\"; delete from manholes; --\" = 1")]
    [InlineData("name = 'a' OR 1 = 1; delete from manholes")]
    [InlineData("S_INTERSECTS(geometry, POINT(1 2)); delete from manholes; --")]
    [InlineData("name IN ('a'); truncate manholes; select ('b')")]
    [InlineData("name LIKE '%'' or ''1''=''1'")]
    public async Task GetItems_InjectionAttempts_AreRefusedOrHarmlessValues(string cql)
    {
        var c = await SeedAsync();
        var response = await c.GetAsync("/ogc/collections/manholes/items?" + Filter(cql));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode == HttpStatusCode.OK) Assert.Equal(0, (await response.JsonAsync())["numberMatched"]!.GetValue<long>());
        var sorted = await c.GetAsync("/ogc/collections/manholes/items?sortby=" + Uri.EscapeDataString("name; delete from manholes"));
        await AssertProblemAsync(sorted, HttpStatusCode.BadRequest, "sortby");
        Assert.Equal(7L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }
}
