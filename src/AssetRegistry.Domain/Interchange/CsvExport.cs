using System.Text;

namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// Writes CSV straight to the output as rows arrive: UTF-8 with a byte-order mark (so Excel in China reads the
/// Chinese instead of guessing GBK), RFC 4180 quoting and CRLF line ends. Columns: <c>id</c>, the attributes by
/// name, <c>wkt</c>, and for point kinds <c>lon</c>/<c>lat</c> (or <c>x</c>/<c>y</c> in a projected CRS). Values
/// are written as stored (no formula guard), so an import reads back exactly what was exported.
/// </summary>
public static class CsvExport
{
    public static async Task WriteAsync(ExportRows rows, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(true), 64 * 1024, leaveOpen: true);
        var points = ExportSql.IsPointKind(rows.Selection.Query.Kind);
        var (xName, yName) = ExportValues.XyNames(rows.Selection.Crs.Projected);
        var header = new List<string> { Interchange.ShapefileFieldNames.Id };
        header.AddRange(rows.Attributes.Select(a => a.Name));
        header.Add(ExportValues.WktColumn);
        if (points) header.AddRange([xName, yName]);
        await writer.WriteAsync(string.Join(',', header.Select(Field)) + "\r\n");

        var line = new StringBuilder();
        while (await rows.ReadAsync(ct))
        {
            line.Clear();
            line.Append(ExportValues.Text(rows.Id));
            for (var i = 0; i < rows.Attributes.Count; i++) line.Append(',').Append(Field(ExportValues.Text(rows.Value(i))));
            line.Append(',').Append(Field(rows.ReadWkt()));
            if (points)
            {
                var (x, y) = rows.ReadXy();
                line.Append(',').Append(ExportValues.Text(x)).Append(',').Append(ExportValues.Text(y));
            }
            line.Append("\r\n");
            await writer.WriteAsync(line, ct);
        }
        await writer.FlushAsync(ct);
    }

    /// <summary>A field quoted (RFC 4180) when it holds a comma, quote or line break, or starts or ends with a space.</summary>
    public static string Field(string text) =>
        text.IndexOfAny([',', '"', '\r', '\n']) >= 0 || (text.Length > 0 && (text[0] == ' ' || text[^1] == ' '))
            ? "\"" + text.Replace("\"", "\"\"") + "\""
            : text;
}
