using System.IO.Compression;
using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Interchange;

/// <summary>
/// Hostile or broken files through the whole import path (upload, background dry run): each ends with a clear
/// reason the user can act on, and the registry is exactly as it was.
/// </summary>
public sealed class HostileImportFileTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    /// <summary>Uploads the file and returns the reason it was refused: the upload's 400 detail, or the failed
    /// run's error. Fails when the file is accepted.</summary>
    private async Task<string> RefusalOfAsync(string fileName, byte[] content, string collection = "manholes")
    {
        var client = Fixture.Client();
        var response = await client.UploadImportAsync(fileName, content, collection);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        if (response.StatusCode == HttpStatusCode.BadRequest) return body.ToJsonString();
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var run = await client.WaitForImportAsync(body["id"]!.GetValue<long>(), "failed");
        return run["error"]!.ToJsonString();
    }

    private async Task<string> RegistryChecksumAsync() => await Fixture.ScalarAsync<string>(
        "select (select count(*) || ':' || coalesce(md5(string_agg(m::text, '|' order by m.id)), '') from manholes m) || ' ' || (select count(*) from asset_changes)");

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
            {
                using var s = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                s.Write(content);
            }
        return buffer.ToArray();
    }

    private async Task<byte[]> ExportedShapefileAsync()
    {
        await Fixture.Client().CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain", ["name"] = "丰泽区 东湖井" }));
        return await Fixture.Client().GetByteArrayAsync("/api/exports/manholes?format=shapefile");
    }

    [Fact]
    public async Task GeoJsonWithALoneSurrogateEscape_FailsSayingTheTextIsNotUnicode_AndChangesNothing()
    {
        var before = await RegistryChecksumAsync();
        var json = """{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[118.6757,24.8744]},"properties":{"network":"rain","name":"井\ud800"}}]}""";

        var reason = await RefusalOfAsync("surrogate.geojson", System.Text.Encoding.UTF8.GetBytes(json));

        Assert.Contains("not valid Unicode text", reason);
        Assert.Equal(before, await RegistryChecksumAsync());
    }

    [Fact]
    public async Task ZipWithAPathOutOfItsFolder_IsRefusedNamingTheEntry_AndChangesNothing()
    {
        var shapefile = await ExportedShapefileAsync();
        var before = await RegistryChecksumAsync();
        using var source = new ZipArchive(new MemoryStream(shapefile));
        var entries = source.Entries.Select(e => (e.Name.EndsWith(".shp") ? "../../" + e.Name : e.Name, Read(e))).ToArray();

        var reason = await RefusalOfAsync("escape.zip", Zip(entries));

        Assert.Contains("../../", reason);
        Assert.Equal(before, await RegistryChecksumAsync());
    }

    [Fact]
    public async Task ZipBomb_IsRefusedForItsCompressionRatio_AndChangesNothing()
    {
        var before = await RegistryChecksumAsync();
        // 64 MiB of zeros deflate to about 64 KiB: a ratio near 1,000, twice the configured limit of 500.
        var reason = await RefusalOfAsync("bomb.zip", Zip(("layer.shp", new byte[64 * 1024 * 1024]), ("layer.dbf", new byte[1024])));

        Assert.Contains("layer.shp", reason);
        Assert.Equal(before, await RegistryChecksumAsync());
    }

    [Fact]
    public async Task ShapefileWithoutPrj_AndNoDeclaredCrs_IsRefusedAskingForTheCrs_AndChangesNothing()
    {
        var shapefile = await ExportedShapefileAsync();
        var before = await RegistryChecksumAsync();
        using var source = new ZipArchive(new MemoryStream(shapefile));
        var entries = source.Entries.Where(e => !e.Name.EndsWith(".prj")).Select(e => (e.Name, Read(e))).ToArray();

        var reason = await RefusalOfAsync("no-prj.zip", Zip(entries));

        Assert.Contains("crs", reason);
        Assert.Equal(before, await RegistryChecksumAsync());
    }

    private static byte[] Read(ZipArchiveEntry e)
    {
        using var s = e.Open();
        using var m = new MemoryStream();
        s.CopyTo(m);
        return m.ToArray();
    }
}
