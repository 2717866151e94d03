using System.Diagnostics;
using System.Text.Json.Nodes;

namespace AssetRegistry.Tests.Interchange;

/// <summary>GDAL's command-line tools as an independent reader of exported files (installed by test.sh).</summary>
public static class Gdal
{
    /// <summary>A layer read by <c>ogr2ogr -f GeoJSON /vsistdout/</c>: coordinates as stored in the file, the
    /// feature id (a GeoPackage's primary key) as the feature's <c>id</c>.</summary>
    public static async Task<JsonObject> ReadLayerAsync(string source, string? layer = null, params string[] openOptions)
    {
        var args = new List<string> { "-f", "GeoJSON", "-preserve_fid", "/vsistdout/", source };
        foreach (var o in openOptions) args.AddRange(["-oo", o]);
        if (layer is not null) args.Add(layer);
        return JsonNode.Parse(await RunAsync("ogr2ogr", args))!.AsObject();
    }

    /// <summary>The layer summary <c>ogrinfo -so</c> prints (SRS WKT, field types, feature count).</summary>
    public static Task<string> SummaryAsync(string source, string layer) => RunAsync("ogrinfo", ["-so", source, layer]);

    public static async Task<string> RunAsync(string tool, IEnumerable<string> args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        // The first row of every XLSX sheet the exports write is a header, even when all its cells are text
        // (GDAL 3.6 takes this as a configuration option, not an open option).
        start.Environment["OGR_XLSX_HEADERS"] = "FORCE";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', start.ArgumentList)} failed ({process.ExitCode}): {await error}");
        return await output;
    }
}
