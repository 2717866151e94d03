using System.Text;

namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// Writes a FeatureCollection, each feature as PostGIS wrote it, straight to the output as rows arrive. Outside
/// WGS 84 the collection carries the 2008 <c>crs</c> member (<c>urn:ogc:def:crs:EPSG::nnnn</c>), which GDAL and
/// QGIS read; coordinates are always easting/longitude first.
/// </summary>
public static class GeoJsonExport
{
    public static async Task WriteAsync(ExportRows rows, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true);
        var crs = rows.Selection.Crs;
        await writer.WriteAsync("{\"type\":\"FeatureCollection\",\"name\":\"" + rows.Selection.Query.Kind.CollectionId + "\"");
        // RFC 7946's default is CRS84; 4326 in a file is the same axis order, so it needs no member.
        if (crs.Srid != 4326)
            await writer.WriteAsync($",\"crs\":{{\"type\":\"name\",\"properties\":{{\"name\":\"urn:ogc:def:crs:EPSG::{crs.Srid}\"}}}}");
        await writer.WriteAsync(",\"features\":[\n");
        var first = true;
        while (await rows.ReadAsync(ct))
        {
            if (!first) await writer.WriteAsync(",\n");
            first = false;
            await writer.WriteAsync(rows.ReadFeature().AsMemory(), ct);
        }
        await writer.WriteAsync("\n]}\n");
        await writer.FlushAsync(ct);
    }
}
