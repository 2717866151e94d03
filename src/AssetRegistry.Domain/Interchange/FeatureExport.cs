using AssetRegistry.Domain.Assets;
using Npgsql;

namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// Exports a selection of one kind's features to a file format, reading the rows with one streaming statement
/// (<see cref="ExportSql"/>). GeoJSON and CSV go straight to the output as rows arrive; Shapefile, GeoPackage and
/// XLSX are built in a temporary file first (their formats need seeking or a whole workbook) and then copied.
/// </summary>
public sealed class FeatureExport(NpgsqlDataSource dataSource)
{
    /// <summary>
    /// Refuses, before anything is written, an export that cannot succeed: an XLSX export of more rows than an
    /// Excel sheet holds (a validation error on <c>format</c>, 400). Returns the number of rows the selection
    /// holds when it had to count them, else null.
    /// </summary>
    public async Task<long?> CheckAsync(ExportFormat format, ExportSelection selection, CancellationToken ct)
    {
        if (format != ExportFormat.Xlsx) return null;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var cmd = ExportSql.Count(conn, selection);
        var count = (long)(await cmd.ExecuteScalarAsync(ct))!;
        XlsxExport.RequireFits(count);
        return count;
    }

    /// <summary>Writes the selection in <paramref name="format"/> to <paramref name="output"/> (not closed).</summary>
    public async Task WriteAsync(ExportFormat format, ExportSelection selection, Stream output, CancellationToken ct)
    {
        if (format == ExportFormat.GeoJson)
        {
            await using var rows = await ExportRows.OpenAsync(dataSource, selection, ExportGeometry.GeoJsonFeature, ct);
            await GeoJsonExport.WriteAsync(rows, output, ct);
        }
        else if (format == ExportFormat.Csv)
        {
            await using var rows = await ExportRows.OpenAsync(dataSource, selection, ExportGeometry.Wkt, ct);
            await CsvExport.WriteAsync(rows, output, ct);
        }
        else if (format == ExportFormat.Xlsx)
        {
            await using var rows = await ExportRows.OpenAsync(dataSource, selection, ExportGeometry.Wkt, ct);
            await XlsxExport.WriteAsync(rows, output, ct);
        }
        else if (format == ExportFormat.Shapefile)
        {
            var prj = (await SrsTextsAsync([selection.Crs.Srid], ct))[selection.Crs.Srid];
            await using var rows = await ExportRows.OpenAsync(dataSource, selection, ExportGeometry.Wkb, ct);
            await ShapefileExport.WriteAsync(rows, prj, output, ct);
        }
        else if (format == ExportFormat.GeoPackage)
        {
            var srs = await SrsTextsAsync([4326, selection.Crs.Srid], ct);
            await using var rows = await ExportRows.OpenAsync(dataSource, selection, ExportGeometry.Wkb, ct);
            await GeoPackageExport.WriteAsync(rows, srs, output, ct);
        }
        else throw new ArgumentOutOfRangeException(nameof(format), format.Id, "Unknown export format.");
    }

    /// <summary>The OGC WKT of each SRID from PostGIS's spatial_ref_sys.</summary>
    private async Task<Dictionary<int, string>> SrsTextsAsync(IEnumerable<int> srids, CancellationToken ct)
    {
        var result = new Dictionary<int, string>();
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        foreach (var srid in srids.Distinct())
        {
            await using var cmd = new NpgsqlCommand(ExportSql.SrsText, conn);
            cmd.Parameters.Add(new NpgsqlParameter { Value = srid });
            result[srid] = await cmd.ExecuteScalarAsync(ct) as string
                ?? throw new InvalidOperationException($"PostGIS has no spatial_ref_sys row for SRID {srid}.");
        }
        return result;
    }
}
