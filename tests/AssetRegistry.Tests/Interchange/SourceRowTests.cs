using System.Text;
using AssetRegistry.Domain.Imports;

namespace AssetRegistry.Tests.Interchange;

/// <summary>
/// The CSV and GeoJSON readers' rows as the import reads them, one at a time to its end before the next: each reader
/// hands out one set of fields that it fills again for each row (a <see cref="FieldRow"/> for CSV, one dictionary
/// for GeoJSON, whose repeated names and short values are shared strings), so what each row says must be its own.
/// </summary>
public sealed class SourceRowTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"source-rows-{Guid.NewGuid():N}");

    public void Dispose() => File.Delete(_file);

    /// <summary>Each row's fields as they are while it is the current row, copied before the next is read.</summary>
    private async Task<List<(long Number, List<KeyValuePair<string, object?>> Fields, bool HasGeometry)>> ReadAsync(string text, bool geoJson = false)
    {
        await File.WriteAllTextAsync(_file, text, new UTF8Encoding(false));
        await using IFeatureSource source = geoJson
            ? await GeoJsonFeatureSource.OpenAsync(_file, new ImportOptions(), CancellationToken.None)
            : await CsvFeatureSource.OpenAsync(_file, new ImportOptions(), CancellationToken.None);
        var rows = new List<(long, List<KeyValuePair<string, object?>>, bool)>();
        await foreach (var row in source.ReadAsync(CancellationToken.None))
            rows.Add((row.Number, row.Fields.ToList(), row.Geometry is not null));
        return rows;
    }

    [Fact]
    public async Task EachRow_GivesItsOwnValues_AShortRowHasNulls_AndARepeatedHeaderKeepsItsFirstPlaceAndLastValue()
    {
        var rows = await ReadAsync("""
            code,name,longitude,name,latitude,owner
            SL-1,first,118.60,first again,24.90,bureau
            SL-2,,118.61,second,24.91

            SL-4,fourth,118.62,,24.92,district office
            """.ReplaceLineEndings("\n"));

        Assert.Equal([1L, 2L, 4L], rows.Select(r => r.Number));
        Assert.All(rows, r => Assert.True(r.HasGeometry));
        Assert.All(rows, r => Assert.Equal(["code", "name", "owner"], r.Fields.Select(f => f.Key)));
        Assert.Equal(["SL-1", "first again", "bureau"], rows[0].Fields.Select(f => f.Value));
        Assert.Equal(["SL-2", "second", null], rows[1].Fields.Select(f => f.Value)); // no owner cell: null, not "bureau"
        Assert.Equal(["SL-4", null, "district office"], rows[2].Fields.Select(f => f.Value)); // the empty repeat wins
    }

    [Fact]
    public async Task FieldLookups_AnswerForTheCurrentRow()
    {
        await File.WriteAllTextAsync(_file, "code,wattage_w,x,y\nA,100,118.6,24.9\nB,,118.7,24.8\n", new UTF8Encoding(false));
        await using var source = await CsvFeatureSource.OpenAsync(_file, new ImportOptions(), CancellationToken.None);
        var seen = new List<string>();
        await foreach (var row in source.ReadAsync(CancellationToken.None))
        {
            Assert.True(row.Fields.TryGetValue("code", out var code));
            Assert.False(row.Fields.TryGetValue("x", out _)); // the coordinates are the geometry, not fields
            Assert.False(row.Fields.ContainsKey("missing"));
            Assert.Equal(2, row.Fields.Count);
            seen.Add($"{code}:{row.Fields["wattage_w"] ?? "null"}");
        }
        Assert.Equal(["A:100", "B:null"], seen);
    }

    [Fact]
    public async Task GeoJsonFeatures_EachGiveTheirOwnPropertiesInTheirOwnOrder_WithEscapedAndChineseNamesReadAsText()
    {
        var rows = await ReadAsync("""
            {"type": "FeatureCollection", "features": [
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [118.6, 24.9]},
               "properties": {"code": "SL-1", "lamp_type": "led", "名称": "泉州路灯一号", "owner": "bureau"}},
              {"type": "Feature", "geometry": {"type": "Point", "coordinates": [118.7, 24.8]},
               "properties": {"lamp_type": "sodium lamp", "c\u006fde": "SL-2", "\u540d\u79f0": "二号"}},
              {"type": "Feature", "geometry": null, "properties": {"code": "SL-3", "lamp_type": "led", "lamp_type": "LED"}}
            ]}
            """, geoJson: true);

        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Number));
        Assert.Equal([true, true, false], rows.Select(r => r.HasGeometry));
        Assert.Equal([new("code", "SL-1"), new("lamp_type", "led"), new("名称", "泉州路灯一号"), new("owner", (object?)"bureau")], rows[0].Fields);
        // Escaped names are the same names; a value longer than the shared ones is read whole; no owner this time.
        Assert.Equal([new("lamp_type", "sodium lamp"), new("code", "SL-2"), new("名称", (object?)"二号")], rows[1].Fields);
        // A repeated property keeps its first place and its last value.
        Assert.Equal([new("code", "SL-3"), new("lamp_type", (object?)"LED")], rows[2].Fields);
    }
}
