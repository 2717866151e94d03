using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Interchange;
using AssetRegistry.Tests.Infrastructure;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using NetTopologySuite.IO.Converters;
using Npgsql;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Interchange;

/// <summary>
/// Exports read back by GDAL, an independent reader: every feature, every attribute value and every coordinate
/// must equal what the database holds (to 1e-7° or 1 mm), including Chinese text, quotes, commas and line breaks.
/// </summary>
public sealed class ExportTests(RegistryFixture fixture) : RegistryTest(fixture), IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("assetregistry-export-tests-");

    public void Dispose() => _dir.Delete(recursive: true);

    /// <summary>Degrees: 1e-7° is about 1 cm; the exports keep more, so this only absorbs printing.</summary>
    private const double DegreeTolerance = 1e-7;

    /// <summary>Metres, in a projected CRS.</summary>
    private const double MetreTolerance = 1e-3;

    private const string Tricky = "第一行\n第二行, 含逗号与\"引号\"";

    /// <summary>Three manholes: one with every attribute set (Chinese owner with quotes and a comma, a sensor id
    /// that looks like a number, a name that looks like a formula), one with only what is required, and one whose
    /// name holds a line break and whose levels are a tiny and a huge number, as legacy data may (the API itself
    /// refuses control characters and levels out of range).</summary>
    private async Task SeedManholesAsync()
    {
        var c = Fixture.Client();
        await c.CreateAsync("manholes", Feature(Point(Licheng.Lon, Licheng.Lat), new()
        {
            ["network"] = "sewage", ["name"] = "泉州市鲤城区", ["owner"] = "泉州市鲤城区\"城管局\", 排水科", ["cover_material"] = "ductile_iron",
            ["cover_load_class"] = "D400", ["cover_diameter_mm"] = 700, ["depth_m"] = 2.345, ["ground_level_m"] = 12.5, ["invert_level_m"] = 10.155,
            ["has_anti_fall_net"] = true, ["smart_sensor_id"] = "00123", ["install_date"] = "2019-05-01", ["is_outfall"] = false,
        }));
        await c.CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain", ["name"] = "=1+2" }));
        var third = await c.CreateAsync("manholes", Feature(Point(Fengze.Lon + 0.00123456, Fengze.Lat + 0.00098765), new() { ["network"] = "combined" }));
        await Fixture.ExecuteAsync("update manholes set name = $1, ground_level_m = 0.000123456789012, invert_level_m = -12345678.9012 where id = $2", Tricky, third.Id);
    }

    /// <summary>Two parks: a square and one with a hole, named in Chinese.</summary>
    private async Task SeedParksAsync()
    {
        var c = Fixture.Client();
        await c.CreateAsync("parks", Feature(Square(Fengze.Lon, Fengze.Lat, 0.001), new() { ["park_class"] = "pocket", ["name"] = "丰泽区口袋公园" }));
        var (x, y) = (Licheng.Lon, Licheng.Lat);
        var withHole = new JsonObject
        {
            ["type"] = "Polygon",
            ["coordinates"] = new JsonArray(
                new JsonArray(new JsonArray(x, y), new JsonArray(x + 0.002, y), new JsonArray(x + 0.002, y + 0.002), new JsonArray(x, y + 0.002), new JsonArray(x, y)),
                new JsonArray(new JsonArray(x + 0.0005, y + 0.0005), new JsonArray(x + 0.0005, y + 0.001), new JsonArray(x + 0.001, y + 0.001), new JsonArray(x + 0.001, y + 0.0005), new JsonArray(x + 0.0005, y + 0.0005))),
        };
        await c.CreateAsync("parks", Feature(withHole, new() { ["park_class"] = "community", ["name"] = "鲤城区\"中山\"公园, 北区" }));
    }

    [Theory]
    [InlineData("manholes", "geojson")]
    [InlineData("manholes", "shapefile")]
    [InlineData("manholes", "geopackage")]
    [InlineData("manholes", "csv")]
    [InlineData("manholes", "xlsx")]
    [InlineData("parks", "geojson")]
    [InlineData("parks", "shapefile")]
    [InlineData("parks", "geopackage")]
    [InlineData("parks", "csv")]
    [InlineData("parks", "xlsx")]
    public async Task Export_ReadBackByGdal_EqualsTheDatabaseValueForValue(string collection, string format)
    {
        if (collection == "manholes") await SeedManholesAsync(); else await SeedParksAsync();
        var path = await DownloadAsync($"/api/exports/{collection}?format={format}", format);
        var features = await ReadWithGdalAsync(path, format, collection);
        await AssertEqualsDatabaseAsync(collection, features, format, 4326, DegreeTolerance);
    }

    [Theory]
    [InlineData("geojson")]
    [InlineData("shapefile")]
    [InlineData("geopackage")]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task ExportInEpsg4549_CoordinatesEqualPostgisTransformToTheMillimetre(string format)
    {
        await SeedParksAsync();
        var path = await DownloadAsync($"/api/exports/parks?format={format}&crs={Uri.EscapeDataString("http://www.opengis.net/def/crs/EPSG/0/4549")}", format);
        var features = await ReadWithGdalAsync(path, format, "parks");
        await AssertEqualsDatabaseAsync("parks", features, format, 4549, MetreTolerance);
    }

    /// <summary>The .prj (PostGIS's OGC WKT with its AUTHORITY), the GeoPackage srs row and the GeoJSON crs member
    /// all name EPSG:4549 in a way GDAL (and so QGIS) recognises.</summary>
    [Theory]
    [InlineData("shapefile")]
    [InlineData("geopackage")]
    [InlineData("geojson")]
    public async Task ExportInEpsg4549_GdalReportsTheLayerSrsAsEpsg4549(string format)
    {
        await SeedManholesAsync();
        var path = await DownloadAsync("/api/exports/manholes?format=" + format + "&crs=EPSG:4549", format);
        var summary = await Gdal.SummaryAsync(format == "shapefile" ? $"/vsizip/{path}" : path, "manholes");
        Assert.Contains("PROJCRS[\"CGCS2000 / 3-degree Gauss-Kruger CM 120E\"", summary);
        Assert.EndsWith("ID[\"EPSG\",4549]]", summary[..summary.IndexOf("Data axis", StringComparison.Ordinal)].TrimEnd());
    }

    [Fact]
    public async Task ShapefileZip_HoldsShpShxDbfPrjAndAUtf8Cpg()
    {
        await SeedManholesAsync();
        var path = await DownloadAsync("/api/exports/manholes?format=shapefile", "shapefile");
        using var zip = ZipFile.OpenRead(path);
        Assert.Equal(["manholes.cpg", "manholes.dbf", "manholes.prj", "manholes.shp", "manholes.shx"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
        using var cpg = new StreamReader(zip.GetEntry("manholes.cpg")!.Open());
        Assert.Equal("UTF-8", (await cpg.ReadToEndAsync()).Trim());
        var summary = await Gdal.SummaryAsync($"/vsizip/{path}", "manholes");
        Assert.Contains("depth_m: Real", summary);
        Assert.Contains("id: Integer64", summary);
        Assert.Contains("cover_diam: Integer64", summary);
        Assert.Contains("install_da: Date", summary);
        Assert.Contains("name: String (254.0)", summary);
    }

    [Fact]
    public async Task ShapefileOfBridges_LinesAndPolygons_GetOneShapefileEach()
    {
        var c = Fixture.Client();
        await c.CreateAsync("bridges", Feature(Line((Fengze.Lon, Fengze.Lat), (Fengze.Lon + 0.001, Fengze.Lat)), new() { ["structure_type"] = "beam", ["name"] = "顺济桥" }));
        await c.CreateAsync("bridges", Feature(Square(Licheng.Lon, Licheng.Lat, 0.0005), new() { ["structure_type"] = "arch", ["name"] = "洛阳桥" }));
        var path = await DownloadAsync("/api/exports/bridges?format=shapefile", "shapefile");
        using (var zip = ZipFile.OpenRead(path))
            Assert.Equal(2, zip.Entries.Count(e => e.FullName.EndsWith(".shp", StringComparison.Ordinal)));
        var lines = await ReadWithGdalAsync(path, "shapefile", "bridges_line");
        var polygons = await ReadWithGdalAsync(path, "shapefile", "bridges_polygon");
        Assert.Equal("顺济桥", Assert.Single(lines).Properties["name"]?.GetValue<string>());
        Assert.Equal("洛阳桥", Assert.Single(polygons).Properties["name"]?.GetValue<string>());
        await AssertEqualsDatabaseAsync("bridges", [.. lines, .. polygons], "shapefile", 4326, DegreeTolerance);
    }

    [Fact]
    public async Task GeoPackage_DeclaresGpkgApplicationIdAndVersion13WithBounds()
    {
        await SeedParksAsync();
        var path = await DownloadAsync("/api/exports/parks?format=geopackage", "geopackage");
        var header = new byte[100];
        await using (var file = File.OpenRead(path)) await file.ReadExactlyAsync(header);
        Assert.Equal("SQLite format 3\0", Encoding.ASCII.GetString(header, 0, 16));
        Assert.Equal(10300, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(60)));
        Assert.Equal("GPKG", Encoding.ASCII.GetString(header, 68, 4));
        var summary = await Gdal.SummaryAsync(path, "parks");
        var extent = await Fixture.ScalarAsync<string>("select ST_XMin(e)||','||ST_YMin(e)||','||ST_XMax(e)||','||ST_YMax(e) from (select ST_Extent(geometry)::geometry e from parks) x");
        var d = extent.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Contains(FormattableString.Invariant($"Extent: ({d[0]:F6}, {d[1]:F6}) - ({d[2]:F6}, {d[3]:F6})"), summary);
    }

    [Fact]
    public async Task Csv_StartsWithAUtf8ByteOrderMarkAndAHeaderOfAttributeNames()
    {
        await SeedManholesAsync();
        var path = await DownloadAsync("/api/exports/manholes?format=csv", "csv");
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        var header = text[..text.IndexOf("\r\n", StringComparison.Ordinal)];
        var kind = AssetKinds.Find("manholes")!;
        Assert.Equal(string.Join(',', new[] { "id" }.Concat(kind.Attributes.Select(a => a.Name)).Concat(["wkt", "lon", "lat"])), header);
        Assert.Contains("\"第一行\n第二行, 含逗号与\"\"引号\"\"\"", text);
    }

    /// <summary>The Open XML SDK (what Excel's format is defined by) finds no schema error, and ClosedXML reads the
    /// typed cells back: a code that looks like a number stays text, a date is a date.</summary>
    [Fact]
    public async Task Xlsx_IsValidSpreadsheetMlWithTypedCells()
    {
        await SeedManholesAsync();
        await Fixture.ScalarAsync<int>("update manholes set owner = $1 where name = '=1+2' returning 1", "权属\u0001单位");
        var path = await DownloadAsync("/api/exports/manholes?format=xlsx", "xlsx");
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(path, false))
        {
            var problems = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
            Assert.True(problems.Count == 0, string.Join("\n", problems));
        }
        using var book = new ClosedXML.Excel.XLWorkbook(path);
        Assert.Equal(["manholes", XlsxExport.FieldsSheet], book.Worksheets.Select(s => s.Name));
        var sheet = book.Worksheet("manholes");
        var columns = sheet.Row(1).CellsUsed().ToDictionary(c => c.GetString(), c => c.Address.ColumnNumber);
        var full = sheet.RowsUsed().Single(r => r.Cell(columns["name"]).GetString() == "泉州市鲤城区");
        Assert.Equal(ClosedXML.Excel.XLDataType.Text, full.Cell(columns["smart_sensor_id"]).DataType);
        Assert.Equal("00123", full.Cell(columns["smart_sensor_id"]).GetString());
        Assert.Equal(new DateTime(2019, 5, 1), full.Cell(columns["install_date"]).GetDateTime());
        Assert.Equal(2.345, full.Cell(columns["depth_m"]).GetDouble());
        Assert.True(full.Cell(columns["has_anti_fall_net"]).GetBoolean());
        var formulaLike = sheet.RowsUsed().Single(r => r.Cell(columns["name"]).GetString() == "=1+2");
        Assert.False(formulaLike.Cell(columns["name"]).HasFormula);
        Assert.Equal("权属\u0001单位", formulaLike.Cell(columns["owner"]).GetString());
    }

    [Fact]
    public async Task Xlsx_HasAFieldSheetWithChineseAndEnglishTitlesAndUnits()
    {
        await SeedManholesAsync();
        var path = await DownloadAsync("/api/exports/manholes?format=xlsx", "xlsx");
        var fields = (await Gdal.ReadLayerAsync(path, XlsxExport.FieldsSheet))["features"]!.AsArray()
            .Select(f => f!["properties"]!.AsObject()).ToList();
        var depth = fields.Single(f => f["字段 name"]?.GetValue<string>() == "depth_m");
        Assert.Equal("井深", depth["中文名称 Chinese title"]?.GetValue<string>());
        Assert.Equal("Depth", depth["英文名称 English title"]?.GetValue<string>());
        Assert.Equal("m", depth["单位 unit"]?.GetValue<string>());
    }

    [Fact]
    public async Task ExportWithBbox_HoldsExactlyTheFeaturesTheDatabaseCountsInIt()
    {
        var c = Fixture.Client();
        for (var i = 0; i < 6; i++)
            await c.CreateAsync("manholes", Feature(Point(Fengze.Lon + i * 0.001, Fengze.Lat + i * 0.0005), new() { ["network"] = "rain" }));
        var (minX, minY, maxX, maxY) = (Fengze.Lon + 0.0015, Fengze.Lat, Fengze.Lon + 0.0045, Fengze.Lat + 0.01);
        var bbox = FormattableString.Invariant($"{minX},{minY},{maxX},{maxY}");
        var expected = await Fixture.ScalarAsync<long>("select count(*) from manholes where geometry && ST_MakeEnvelope($1,$2,$3,$4,4326)", minX, minY, maxX, maxY);
        Assert.Equal(3, expected);
        foreach (var format in new[] { "geojson", "csv", "geopackage" })
        {
            var path = await DownloadAsync($"/api/exports/manholes?format={format}&bbox={bbox}", format);
            Assert.Equal(expected, (await ReadWithGdalAsync(path, format, "manholes")).Count);
        }
    }

    [Fact]
    public async Task ExportWithFilter_HoldsOnlyTheMatchingFeatures()
    {
        await SeedManholesAsync();
        var path = await DownloadAsync("/api/exports/manholes?format=geojson&network=sewage", "geojson");
        var feature = Assert.Single(await ReadWithGdalAsync(path, "geojson", "manholes"));
        Assert.Equal("泉州市鲤城区", feature.Properties["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task PostExportWithPolygon_HoldsOnlyTheFeaturesInside()
    {
        await SeedManholesAsync();
        var body = new JsonObject { ["geometry"] = Square(Fengze.Lon - 0.0005, Fengze.Lat - 0.0005, 0.003) };
        var response = await Fixture.Client().PostAsync("/api/exports/manholes?format=csv", Body(body, "application/json"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var path = Path.Combine(_dir.FullName, "polygon.csv");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        var names = (await ReadWithGdalAsync(path, "csv", "polygon")).Select(f => f.Properties["name"]?.GetValue<string>()).Order().ToList();
        Assert.Equal(["=1+2", Tricky], names);
    }

    [Theory]
    [InlineData("geojson", "application/geo+json", "manholes-{0}.geojson")]
    [InlineData("shapefile", "application/zip", "manholes-{0}.zip")]
    [InlineData("geopackage", "application/geopackage+sqlite3", "manholes-{0}.gpkg")]
    [InlineData("csv", "text/csv", "manholes-{0}.csv")]
    [InlineData("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "manholes-{0}.xlsx")]
    public async Task Export_IsAnAttachmentNamedAfterTheCollectionAndTheDate(string format, string mediaType, string name)
    {
        var response = await Fixture.Client(Domain.Users.Roles.Viewer).GetAsync($"/api/exports/manholes?format={format}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, name, today.ToString("yyyyMMdd", CultureInfo.InvariantCulture)),
            response.Content.Headers.ContentDisposition?.FileName);
    }

    [Theory]
    [InlineData("format=kml", "format")]
    [InlineData("crs=EPSG:3857", "crs")]
    [InlineData("bbox=1,2,3", "bbox")]
    [InlineData("colour=red", "colour")]
    public async Task Export_BadParameter_Returns400NamingIt(string query, string field)
    {
        var response = await Fixture.Client().GetAsync("/api/exports/manholes?" + query);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task Export_UnknownCollection_Returns404()
    {
        await AssertProblemAsync(await Fixture.Client().GetAsync("/api/exports/hydrants?format=csv"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Export_Anonymous_Returns401()
    {
        var response = await Fixture.Client(role: null).GetAsync("/api/exports/manholes?format=csv");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void XlsxRowLimit_MoreRowsThanAnExcelSheetHolds_IsRefusedNamingTheFormat()
    {
        XlsxExport.RequireFits(1_048_575);
        var refused = Assert.Throws<AssetValidationException>(() => XlsxExport.RequireFits(1_048_576));
        Assert.Contains("format", refused.Errors.ToDictionary().Keys);
    }

    // ---- helpers ----

    private sealed record ReadFeature(long Id, JsonObject Properties, Geometry Geometry);

    private async Task<string> DownloadAsync(string url, string format)
    {
        var response = await Fixture.Client().GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {Encoding.UTF8.GetString(bytes)}");
        var path = Path.Combine(_dir.FullName, $"export-{Guid.NewGuid():N}{ExportFormat.Find(format)!.Extension}");
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    /// <summary>The features GDAL reads from an exported file, with their id and geometry (CSV geometry from the
    /// wkt column through GDAL, XLSX geometry from the wkt cell through NTS).</summary>
    private static async Task<List<ReadFeature>> ReadWithGdalAsync(string path, string format, string layer)
    {
        var collection = format switch
        {
            "shapefile" => await Gdal.ReadLayerAsync($"/vsizip/{path}", layer),
            "csv" => await Gdal.ReadLayerAsync(path, null, "GEOM_POSSIBLE_NAMES=wkt", "KEEP_GEOM_COLUMNS=NO", "AUTODETECT_TYPE=NO"),
            "xlsx" => await Gdal.ReadLayerAsync(path, layer),
            "geopackage" => await Gdal.ReadLayerAsync(path, layer),
            _ => await Gdal.ReadLayerAsync(path),
        };
        var json = new JsonSerializerOptions();
        json.Converters.Add(new GeoJsonConverterFactory());
        return collection["features"]!.AsArray().Select(f =>
        {
            var properties = f!["properties"]!.AsObject();
            var id = properties["id"] ?? f["id"];
            var geometry = format == "xlsx"
                ? new WKTReader().Read(properties[ExportValues.WktColumn]!.GetValue<string>())
                : f["geometry"].Deserialize<Geometry>(json)!;
            return new ReadFeature(Long(id!), properties, geometry);
        }).ToList();
    }

    /// <summary>Asserts that <paramref name="read"/> holds exactly the kind's rows, each attribute equal to the
    /// database's value and each geometry equal to the database's transformed to <paramref name="srid"/>.</summary>
    private async Task AssertEqualsDatabaseAsync(string collection, IReadOnlyList<ReadFeature> read, string format, int srid, double tolerance)
    {
        var kind = AssetKinds.Find(collection)!;
        var fieldNames = format == "shapefile"
            ? ShapefileFieldNames.For(kind).ToDictionary(p => p.Attribute.Name, p => p.Field)
            : kind.Attributes.ToDictionary(a => a.Name, a => a.Name);
        var expected = new Dictionary<long, (object?[] Values, Geometry Geometry)>();
        await using (var cmd = Fixture.Db.CreateCommand(
            $"select t.id, {string.Join(", ", kind.Attributes.Select(a => $"t.\"{a.Name}\""))}, ST_AsText(ST_Transform(t.geometry, {srid})) from \"{kind.Table}\" t"))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                expected[reader.GetInt64(0)] = (
                    kind.Attributes.Select((_, i) => reader.IsDBNull(i + 1) ? null : reader.GetValue(i + 1)).ToArray(),
                    new WKTReader().Read(reader.GetString(kind.Attributes.Count + 1)));

        Assert.True(expected.Count > 0, "the fixture seeded nothing");
        Assert.Equal(expected.Keys.Order(), read.Select(f => f.Id).Order());
        foreach (var f in read)
        {
            var (values, geometry) = expected[f.Id];
            for (var i = 0; i < kind.Attributes.Count; i++)
            {
                var a = kind.Attributes[i];
                var want = Canonical(a, values[i]);
                var got = Canonical(a, f.Properties[fieldNames[a.Name]]);
                Assert.True(Equal(a, want, got), $"{format} {collection} {f.Id} {a.Name}: database {want ?? "null"}, file {got ?? "null"}");
            }
            Assert.True(geometry.Normalized().EqualsExact(f.Geometry.Normalized(), tolerance),
                $"{format} {collection} {f.Id}: database {geometry}, file {f.Geometry}");
        }
    }

    /// <summary>A value from the database or from GDAL's JSON in one comparable form per attribute type. An empty
    /// text is null: CSV and dBASE cannot tell them apart.</summary>
    private static object? Canonical(AttributeDefinition a, object? value)
    {
        if (value is JsonNode node)
            value = node.GetValueKind() switch
            {
                JsonValueKind.String => node.GetValue<string>(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.Number => node.GetValue<double>(),
                _ => null,
            };
        if (value is null || value is string { Length: 0 }) return null;
        var text = Convert.ToString(value, CultureInfo.InvariantCulture)!;
        return a.Type switch
        {
            AttributeType.Integer or AttributeType.Reference => value is string ? long.Parse(text, CultureInfo.InvariantCulture) : Convert.ToInt64(value, CultureInfo.InvariantCulture),
            AttributeType.Number => value is string ? double.Parse(text, CultureInfo.InvariantCulture) : Convert.ToDouble(value, CultureInfo.InvariantCulture),
            AttributeType.Boolean => value switch
            {
                bool b => b,
                double d => d != 0,
                // dBASE logicals read back as T/F (Y/N) text in GDAL 3.6.
                _ => text is "true" or "True" or "1" or "T" or "t" or "Y" or "y",
            },
            AttributeType.Date => value switch
            {
                DateOnly d => d,
                DateTime t => DateOnly.FromDateTime(t),
                _ => DateOnly.ParseExact(text[..10].Replace('/', '-'), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            AttributeType.Timestamp => value switch
            {
                DateTime t => new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)),
                DateTimeOffset t => t,
                _ => DateTimeOffset.Parse(text.Replace('/', '-'), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            },
            _ => text,
        };
    }

    private static bool Equal(AttributeDefinition a, object? want, object? got) => (want, got) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (double w, double g) => Math.Abs(w - g) <= 1e-9 * Math.Max(1, Math.Abs(w)),
        // GeoPackage's DATETIME keeps milliseconds, as the standard's format has.
        (DateTimeOffset w, DateTimeOffset g) => Math.Abs((w - g).TotalMilliseconds) < 1,
        _ => Equals(want, got),
    };

    private static long Long(JsonNode node) => node.GetValueKind() == JsonValueKind.String
        ? long.Parse(node.GetValue<string>(), CultureInfo.InvariantCulture)
        : (long)node.GetValue<double>();
}
