using System.IO.Compression;
using System.Text;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Imports;
using NetTopologySuite.Geometries;

namespace AssetRegistry.Tests.Interchange;

/// <summary>
/// The zipped-Shapefile and GeoPackage readers on small files named for their edge case
/// (<c>Fixtures/Imports</c>, rebuilt by its <c>make-fixtures.sh</c>), and the zip safety checks on zips made here.
/// </summary>
public sealed class ShapefileAndGeoPackageSourceTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Imports");
    private readonly string _work = Directory.CreateTempSubdirectory("formats-tests-").FullName;
    private readonly string _tempRoot;

    public ShapefileAndGeoPackageSourceTests()
    {
        _tempRoot = Path.Combine(_work, "extract");
        Directory.CreateDirectory(_tempRoot);
    }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private ShapefileOptions Options(ZipLimits? limits = null) => new() { TempRoot = _tempRoot, Limits = limits ?? new ZipLimits() };

    private static string Fixture(string name) => Path.Combine(Fixtures, name);

    private static async Task<List<SourceRow>> ReadAllAsync(IFeatureSource source)
    {
        var rows = new List<SourceRow>();
        await foreach (var row in source.ReadAsync(CancellationToken.None)) rows.Add(row);
        return rows;
    }

    private static void CheckPoint(SourceRow row, double x, double y, double tolerance = 1e-9)
    {
        var point = Assert.IsType<Point>(row.Geometry);
        Assert.Equal(x, point.X, tolerance);
        Assert.Equal(y, point.Y, tolerance);
    }

    /// <summary>The <c>file</c> field's messages in English and Chinese, from a refusal.</summary>
    private static (string En, string Zh) FileError(AssetValidationException e)
    {
        Assert.True(e.Errors.Has("file"));
        return (e.Errors.ToDictionary(chinese: false)["file"].Single(), e.Errors.ToDictionary(chinese: true)["file"].Single());
    }

    private string MakeZip(string name, params (string Entry, byte[] Bytes)[] entries)
    {
        var path = Path.Combine(_work, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, bytes) in entries)
        {
            using var stream = zip.CreateEntry(entry).Open();
            stream.Write(bytes);
        }
        return path;
    }

    [Fact]
    public async Task Utf8Shapefile_YieldsChineseValuesTypedFieldsAndCoordinates()
    {
        await using var source = await ShapefileFeatureSource.OpenAsync(Fixture("utf8_chinese_values.shp.zip"), Options(), CancellationToken.None);
        Assert.Equal("shapefile", source.Format);
        Assert.Equal(4326, source.FileSrid);
        Assert.Equal(65001, source.Encoding.CodePage);
        Assert.Equal(2, source.RecordCount);
        Assert.Equal(["code", "name", "depth_m", "install", "treated"], source.FieldNames);

        var rows = await ReadAllAsync(source);
        Assert.Equal(2, rows.Count);
        Assert.Equal(1, rows[0].Number);
        Assert.Equal("MH-0001", rows[0].Fields["code"]);
        Assert.Equal("丰泽区东湖街检查井", rows[0].Fields["name"]);
        Assert.Equal(2.5, rows[0].Fields["depth_m"]);
        Assert.Equal(new DateTime(2019, 6, 1), rows[0].Fields["install"]);
        Assert.Equal(1L, rows[0].Fields["treated"]);
        CheckPoint(rows[0], 118.6123, 24.9087);
        Assert.Null(rows[0].GeometryProblem);
        Assert.Equal("鲤城区中山路“井”", rows[1].Fields["name"]);
        Assert.Null(rows[1].Fields["install"]);
        CheckPoint(rows[1], 118.5871, 24.9062);
    }

    [Fact]
    public async Task GbkShapefile_ReadsChineseFieldNamesAndValuesPerItsCpg()
    {
        await using var source = await ShapefileFeatureSource.OpenAsync(Fixture("gbk_chinese_field_names.shp.zip"), Options(), CancellationToken.None);
        Assert.Equal(936, source.Encoding.CodePage);
        Assert.Equal(["编码", "名称", "井深米"], source.FieldNames);
        var rows = await ReadAllAsync(source);
        Assert.Equal("MH-0101", rows[0].Fields["编码"]);
        Assert.Equal("洛江区万安街道检查井", rows[0].Fields["名称"]);
        Assert.Equal(1.8, rows[0].Fields["井深米"]);
        Assert.Equal("泉港区山腰盐场", rows[1].Fields["名称"]);
        CheckPoint(rows[1], 118.9167, 25.1203);
    }

    [Fact]
    public async Task GbkShapefileWithoutCpg_IsDecodedPerTheDbfLanguageDriverByte()
    {
        await using var source = await ShapefileFeatureSource.OpenAsync(Fixture("gbk_ldid_without_cpg.shp.zip"),
            Options() with { DeclaredEncoding = Encoding.UTF8 }, CancellationToken.None);
        Assert.Equal(936, source.Encoding.CodePage);
        Assert.Equal(["编码", "名称", "井深米"], source.FieldNames);
        Assert.Equal("洛江区万安街道检查井", (await ReadAllAsync(source))[0].Fields["名称"]);
    }

    [Theory]
    [InlineData("gbk_ldid_without_cpg.shp.zip", 936)]
    [InlineData("utf8_chinese_values.shp.zip", 65001)]
    public async Task ShapefileNamingNoEncodingAtAll_IsReadAsUtf8WhenValidAndAsGbkOtherwise(string fixture, int codePage)
    {
        // The fixture without its .cpg and with the DBF's language driver byte cleared.
        using var original = ZipFile.OpenRead(Fixture(fixture));
        var parts = original.Entries.Where(e => !e.FullName.EndsWith(".cpg")).Select(e => (e.FullName, Bytes: ReadEntry(e))).ToList();
        parts.Single(p => p.FullName.EndsWith(".dbf")).Bytes[29] = 0;
        var zip = MakeZip("no_encoding.zip", [.. parts]);

        await using var source = await ShapefileFeatureSource.OpenAsync(zip, Options(), CancellationToken.None);
        Assert.Equal(codePage, source.Encoding.CodePage);
        var name = (await ReadAllAsync(source))[0].Fields[codePage == 936 ? "名称" : "name"];
        Assert.Equal(codePage == 936 ? "洛江区万安街道检查井" : "丰泽区东湖街检查井", name);
    }

    [Fact]
    public async Task ShapefileWithArcGisPrjForCgcs2000GaussKrugerCm120_HasFileSrid4549AndEastingFirst()
    {
        await using var source = await ShapefileFeatureSource.OpenAsync(Fixture("arcgis_prj_cgcs2000_gk_cm120.shp.zip"), Options(), CancellationToken.None);
        Assert.Equal(4549, source.FileSrid);
        var rows = await ReadAllAsync(source);
        CheckPoint(rows[0], 359799.310557678, 2756655.83943052, 1e-6);
    }

    [Fact]
    public async Task ShapefileWithoutPrj_HasNoFileSrid()
    {
        await using var source = await ShapefileFeatureSource.OpenAsync(Fixture("no_prj.shp.zip"), Options(), CancellationToken.None);
        Assert.Null(source.FileSrid);
        Assert.Equal(2, (await ReadAllAsync(source)).Count);
    }

    [Fact]
    public async Task ShapefileWithPrjOfUnsupportedCrs_IsRefusedNamingTheCrs()
    {
        var e = await Assert.ThrowsAsync<AssetValidationException>(() =>
            ShapefileFeatureSource.OpenAsync(Fixture("unsupported_prj_xian1980_gk_cm120.shp.zip"), Options(), CancellationToken.None));
        var (en, zh) = FileError(e);
        Assert.Contains("\"Xian_1980_3_Degree_GK_CM_120E\"", en);
        Assert.Contains("does not accept", en);
        Assert.Contains("Xian_1980_3_Degree_GK_CM_120E", zh);
        Assert.Contains("不受支持", zh);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tempRoot));
    }

    [Fact]
    public async Task ShapefileInASubFolderOfTheZip_IsFoundAndRead()
    {
        await using var source = await ShapefileFeatureSource.OpenAsync(Fixture("shapefile_in_subfolder.shp.zip"), Options(), CancellationToken.None);
        Assert.Equal("wells", source.Layer);
        Assert.Equal(4326, source.FileSrid);
        Assert.Equal("丰泽区东湖街检查井", (await ReadAllAsync(source))[0].Fields["name"]);
    }

    [Fact]
    public async Task ShapefileRecordWithANullShape_IsYieldedWithItsFieldsAndAGeometryProblem()
    {
        await using var source = await ShapefileFeatureSource.OpenAsync(Fixture("null_shape_record.shp.zip"), Options(), CancellationToken.None);
        var rows = await ReadAllAsync(source);
        Assert.Equal(2, rows.Count);
        CheckPoint(rows[0], 118.6123, 24.9087);
        Assert.Equal(2, rows[1].Number);
        Assert.Equal("缺坐标", rows[1].Fields["name"]);
        Assert.Null(rows[1].Geometry);
        Assert.Equal("The record has no shape (a null or empty shape).", rows[1].GeometryProblem);
    }

    [Fact]
    public async Task ExtractedParts_AreDeletedWhenTheSourceIsDisposed()
    {
        var source = await ShapefileFeatureSource.OpenAsync(Fixture("utf8_chinese_values.shp.zip"), Options(), CancellationToken.None);
        Assert.Single(Directory.EnumerateDirectories(_tempRoot));
        await source.DisposeAsync();
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tempRoot));
    }

    [Fact]
    public async Task ZipWithoutShp_IsRefusedSayingWhatToUpload()
    {
        var zip = MakeZip("no_shp.zip", ("readme.txt", "井盖数据"u8.ToArray()), ("wells.dbf", new byte[64]));
        var e = await Assert.ThrowsAsync<AssetValidationException>(() => ShapefileFeatureSource.OpenAsync(zip, Options(), CancellationToken.None));
        var (en, zh) = FileError(e);
        Assert.Contains("no .shp file", en);
        Assert.Contains("没有 .shp 文件", zh);
    }

    [Fact]
    public async Task ZipWithShpButNoDbf_IsRefusedNamingTheShp()
    {
        var zip = MakeZip("no_dbf.zip", ("roads.shp", new byte[100]));
        var e = await Assert.ThrowsAsync<AssetValidationException>(() => ShapefileFeatureSource.OpenAsync(zip, Options(), CancellationToken.None));
        Assert.Contains("roads.shp but not its .dbf", FileError(e).En);
    }

    [Fact]
    public async Task ZipWithTwoShapefiles_IsRefusedListingThemUnlessOneIsNamed()
    {
        var parts = ZipFile.OpenRead(Fixture("utf8_chinese_values.shp.zip")).Entries
            .Select(entry => (entry.FullName, Bytes: ReadEntry(entry))).ToList();
        var zip = MakeZip("two.zip", [.. parts, .. parts.Select(p => (p.FullName.Replace("wells", "covers"), p.Bytes))]);
        var e = await Assert.ThrowsAsync<AssetValidationException>(() => ShapefileFeatureSource.OpenAsync(zip, Options(), CancellationToken.None));
        Assert.Contains("several Shapefiles (wells.shp, covers.shp)", FileError(e).En);

        await using var source = await ShapefileFeatureSource.OpenAsync(zip, Options() with { Layer = "covers" }, CancellationToken.None);
        Assert.Equal("covers", source.Layer);
        Assert.Equal(2, (await ReadAllAsync(source)).Count);
    }

    private static byte[] ReadEntry(ZipArchiveEntry entry)
    {
        using var stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    [Theory]
    [InlineData("../wells.shp")]
    [InlineData("data/../../wells.shp")]
    [InlineData("data\\..\\..\\wells.shp")]
    [InlineData("/tmp/wells.shp")]
    [InlineData("C:/wells.shp")]
    public async Task ZipWithAnEntryEscapingTheFolder_IsRefusedNamingTheEntry(string entry)
    {
        var zip = MakeZip("escape.zip", ("wells.dbf", new byte[64]), (entry, new byte[100]));
        var e = await Assert.ThrowsAsync<AssetValidationException>(() => ShapefileFeatureSource.OpenAsync(zip, Options(), CancellationToken.None));
        var (en, zh) = FileError(e);
        Assert.Contains($"\"{entry}\" is refused", en);
        Assert.Contains($"“{entry}”被拒绝", zh);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tempRoot));
        Assert.False(File.Exists(Path.Combine(_work, "wells.shp")));
    }

    /// <summary>A zip whose one entry, <c>wells.shp</c>, is <paramref name="megabytes"/> MB of zeros (under 1 MB
    /// compressed); with <paramref name="forgeSizes"/> its headers claim 100 bytes instead.</summary>
    private string MakeZipBomb(int megabytes, bool forgeSizes)
    {
        var path = Path.Combine(_work, forgeSizes ? "forged_bomb.zip" : "bomb.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            using var stream = zip.CreateEntry("wells.shp", CompressionLevel.Optimal).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < megabytes; i++) stream.Write(zeros);
        }
        Assert.InRange(new FileInfo(path).Length, 1, 1024 * 1024);
        if (forgeSizes) ForgeUncompressedSize(path, 100);
        return path;
    }

    /// <summary>Rewrites the uncompressed size in the zip's local header (offset 22) and central directory entry
    /// (offset 24) of its only entry.</summary>
    private static void ForgeUncompressedSize(string path, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        var local = IndexOf(bytes, [0x50, 0x4B, 0x03, 0x04]);
        var central = IndexOf(bytes, [0x50, 0x4B, 0x01, 0x02]);
        Assert.True(local >= 0 && central > local);
        BitConverter.GetBytes(size).CopyTo(bytes, local + 22);
        BitConverter.GetBytes(size).CopyTo(bytes, central + 24);
        File.WriteAllBytes(path, bytes);
    }

    private static int IndexOf(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle);

    [Fact]
    public async Task ZipBomb_IsRefusedNamingTheEntryWithoutWritingItOut()
    {
        var zip = MakeZipBomb(200, forgeSizes: false);
        var limits = new ZipLimits { MaxTotalBytes = 300L * 1024 * 1024, MaxCompressionRatio = 100 };
        var e = await Assert.ThrowsAsync<AssetValidationException>(() => ShapefileFeatureSource.OpenAsync(zip, Options(limits), CancellationToken.None));
        var (en, zh) = FileError(e);
        Assert.Contains("\"wells.shp\" unpacks to more than 100 times its compressed size", en);
        Assert.Contains("“wells.shp”", zh);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tempRoot));
    }

    [Fact]
    public async Task ZipBombWhoseHeadersUnderstateItsSize_InflatesNoFurtherThanItsHeadersSay()
    {
        var zip = MakeZipBomb(200, forgeSizes: true);
        using var safe = SafeZip.Open(zip, new ZipLimits { MaxTotalBytes = 20L * 1024 * 1024, MaxCompressionRatio = 10_000 });
        var target = Path.Combine(_work, "wells.shp");
        await safe.ExtractAsync("wells.shp", target, CancellationToken.None);
        Assert.Equal(100, new FileInfo(target).Length);
        Assert.Equal(100, safe.ExtractedBytes);
    }

    [Fact]
    public async Task ShapefileCutShortByAForgedZipHeader_IsRefusedAsDamaged()
    {
        var zip = MakeZipBomb(200, forgeSizes: true);
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Update))
        using (var fixture = ZipFile.OpenRead(Fixture("utf8_chinese_values.shp.zip")))
        using (var stream = archive.CreateEntry("wells.dbf").Open())
            stream.Write(ReadEntry(fixture.GetEntry("wells.dbf")!));
        var e = await Assert.ThrowsAsync<AssetValidationException>(() => ShapefileFeatureSource.OpenAsync(zip, Options(), CancellationToken.None));
        Assert.Contains("is damaged", FileError(e).En);
        Assert.Empty(Directory.EnumerateFileSystemEntries(_tempRoot));
    }

    [Fact]
    public async Task ZipBombOverTheTotalCap_IsRefusedBeforeInflating()
    {
        var zip = MakeZipBomb(200, forgeSizes: false);
        var limits = new ZipLimits { MaxTotalBytes = 50L * 1024 * 1024, MaxCompressionRatio = 10_000 };
        var e = await Assert.ThrowsAsync<AssetValidationException>(() => ShapefileFeatureSource.OpenAsync(zip, Options(limits), CancellationToken.None));
        Assert.Contains("\"wells.shp\" unpacks to more than the 50 MB allowed", FileError(e).En);
    }

    [Fact]
    public async Task FileThatIsNotAZip_IsRefused()
    {
        var e = await Assert.ThrowsAsync<AssetValidationException>(() =>
            ShapefileFeatureSource.OpenAsync(Fixture("wells_chinese_values.geojson"), Options(), CancellationToken.None));
        Assert.Contains("not a readable zip", FileError(e).En);
    }

    [Fact]
    public async Task GeoPackageInCgcs2000_YieldsTheFirstLayerWithFileSrid4490()
    {
        await using var source = await GeoPackageFeatureSource.OpenAsync(Fixture("cgcs2000_geographic.gpkg"), null, CancellationToken.None);
        Assert.Equal("geopackage", source.Format);
        Assert.Equal(4490, source.FileSrid);
        Assert.Equal("wells", source.Layer);
        Assert.Equal(["code", "name", "depth_m", "install", "treated"], source.FieldNames);
        var rows = await ReadAllAsync(source);
        Assert.Equal(2, rows.Count);
        Assert.Equal("丰泽区东湖街检查井", rows[0].Fields["name"]);
        Assert.Equal(2.5, rows[0].Fields["depth_m"]);
        Assert.Equal(new DateTime(2019, 6, 1), rows[0].Fields["install"]);
        Assert.Equal(1L, rows[0].Fields["treated"]);
        CheckPoint(rows[0], 118.6123, 24.9087);
        Assert.Null(rows[1].Fields["install"]);
        Assert.Equal(2, rows[1].Number);
    }

    [Fact]
    public async Task GeoPackageInWgs84_YieldsTheNamedLayersLines()
    {
        await using var source = await GeoPackageFeatureSource.OpenAsync(Fixture("wgs84_two_layers.gpkg"), "sewers", CancellationToken.None);
        Assert.Equal(4326, source.FileSrid);
        Assert.Equal(["wells", "sewers"], source.Layers);
        Assert.Equal(1, source.RowCount);
        Assert.Equal(["code", "name", "diameter"], source.FieldNames);
        var row = Assert.Single(await ReadAllAsync(source));
        Assert.Equal("温陵路污水管", row.Fields["name"]);
        Assert.Equal(600L, row.Fields["diameter"]);
        var line = Assert.IsType<LineString>(row.Geometry);
        Assert.Equal(new[] { 118.5901, 118.5923, 118.5950 }, line.Coordinates.Select(c => c.X));
        Assert.Equal(new[] { 24.9101, 24.9115, 24.9120 }, line.Coordinates.Select(c => c.Y));
    }

    [Fact]
    public async Task GeoPackageWithoutTheNamedLayer_IsRefusedListingItsLayers()
    {
        var e = await Assert.ThrowsAsync<AssetValidationException>(() =>
            GeoPackageFeatureSource.OpenAsync(Fixture("wgs84_two_layers.gpkg"), "bridges", CancellationToken.None));
        Assert.Contains("no feature table \"bridges\"; it has: wells, sewers", FileError(e).En);
    }

    /// <summary>A copy of the CGCS2000 GeoPackage whose layer is switched to <paramref name="srsId"/>, with that
    /// SRS defined by <paramref name="defineSql"/> when given.</summary>
    private async Task<string> GeoPackageWithSrsAsync(int srsId, string? defineSql)
    {
        var path = Path.Combine(_work, $"srs_{srsId}.gpkg");
        File.Copy(Fixture("cgcs2000_geographic.gpkg"), path);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        foreach (var sql in new[] { defineSql, $"UPDATE gpkg_geometry_columns SET srs_id = {srsId}" }.OfType<string>())
        {
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync();
        }
        return path;
    }

    [Fact]
    public async Task GeoPackageInTheUndefinedGeographicSrs_HasNoFileSrid()
    {
        await using var source = await GeoPackageFeatureSource.OpenAsync(await GeoPackageWithSrsAsync(0, null), null, CancellationToken.None);
        Assert.Null(source.FileSrid);
        Assert.Equal(2, (await ReadAllAsync(source)).Count);
    }

    [Fact]
    public async Task GeoPackageInAnUnsupportedCrs_IsRefusedNamingIt()
    {
        var path = await GeoPackageWithSrsAsync(2385, """
            INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization, organization_coordsys_id, definition)
            VALUES ('Xian 1980 / 3-degree Gauss-Kruger CM 120E', 2385, 'EPSG', 2385, 'PROJCS["Xian 1980 / 3-degree Gauss-Kruger CM 120E",GEOGCS["Xian 1980",DATUM["Xian_1980",SPHEROID["IAG 1975",6378140,298.257]]],PROJECTION["Transverse_Mercator"],PARAMETER["central_meridian",120],PARAMETER["false_easting",500000],UNIT["metre",1]]')
            """);
        var e = await Assert.ThrowsAsync<AssetValidationException>(() => GeoPackageFeatureSource.OpenAsync(path, null, CancellationToken.None));
        var (en, zh) = FileError(e);
        Assert.Contains("\"EPSG:2385 Xian 1980 / 3-degree Gauss-Kruger CM 120E\", which the registry does not accept", en);
        Assert.Contains("不受支持", zh);
    }

    [Fact]
    public async Task FileThatIsNotAGeoPackage_IsRefused()
    {
        var e = await Assert.ThrowsAsync<AssetValidationException>(() =>
            GeoPackageFeatureSource.OpenAsync(Fixture("utf8_chinese_values.shp.zip"), null, CancellationToken.None));
        Assert.Contains("not", FileError(e).En);
        Assert.Contains("GeoPackage", FileError(e).En);
    }

    public static TheoryData<int, string, string> WktCases()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var line in File.ReadAllLines(Fixture("crs_wkt_cases.tsv")))
        {
            var parts = line.Split('\t');
            data.Add(int.Parse(parts[0]), parts[1], parts[2]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(WktCases))]
    public void PrjCrs_RecognisesTheAcceptedCrsInEveryWktFlavourAndNothingElse(int expected, string form, string wkt)
    {
        var match = PrjCrs.Recognise(wkt);
        Assert.True((expected == 0 ? null : expected) == match.Srid, $"{form}: expected {expected}, got {match.Srid} for {match.Name}");
        Assert.False(string.IsNullOrEmpty(match.Name));
    }

    [Theory]
    [InlineData("UTF-8", 65001)]
    [InlineData("utf8", 65001)]
    [InlineData("GBK", 936)]
    [InlineData("GB2312", 936)]
    [InlineData("936", 936)]
    [InlineData("CP936", 936)]
    [InlineData("ANSI 936", 936)]
    [InlineData("GB18030", 54936)]
    [InlineData("1252", 1252)]
    public void Cpg_NamesItsEncoding(string cpg, int codePage) => Assert.Equal(codePage, DbfEncodings.FromCpg(cpg + "\r\n")!.CodePage);

    [Fact]
    public void Cpg_NamingNoKnownEncoding_GivesNone() => Assert.Null(DbfEncodings.FromCpg("KLINGON"));
}
