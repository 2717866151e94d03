using System.IO.Compression;
using System.Text;
using AssetRegistry.Domain.Assets;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Esri;
using NetTopologySuite.IO.Esri.Dbf.Fields;
using NetTopologySuite.IO.Esri.Shapefiles.Writers;

namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// Writes a zipped Shapefile: .shp, .shx, .dbf in UTF-8 with a .cpg saying so, and a .prj with the OGC WKT of
/// the export's SRID from PostGIS. Field names follow <see cref="ShapefileFieldNames"/> so an import maps them
/// back. Fields are typed: Integer and Reference N(18,0), Number F(19,11) (ArcGIS's double: exponent notation with 12
/// significant digits, whatever the magnitude), Boolean L, Date D; text C with a width
/// of three bytes per allowed character (UTF-8's most for a Chinese character), at most 254 bytes, the dBASE limit
/// (a longer value, over 84 Chinese characters, is cut at a character boundary: use GeoPackage to keep it whole);
/// a timestamp is C(28) ISO 8601 text, since dBASE has no date-time. A Shapefile holds one geometry type, so a
/// kind that allows several (bridges: lines or polygons) gets one Shapefile per type in the zip
/// (<c>bridges_line.shp</c>, <c>bridges_polygon.shp</c>). The files are written to a temporary directory, zipped,
/// copied to the output and deleted.
/// </summary>
public static class ShapefileExport
{
    /// <summary>dBASE III's widest character field, in bytes.</summary>
    public const int MaxTextBytes = 254;

    /// <summary>The most bytes UTF-8 needs for one UTF-16 character (a Chinese character is three).</summary>
    private const int Utf8BytesPerChar = 3;

    /// <summary>Width of the ISO 8601 timestamp text (<see cref="ExportValues.TimestampFormat"/>).</summary>
    private const int TimestampWidth = 28;

    /// <summary>Digits of a whole-number field: 18 is the widest that readers (GDAL) still take as a 64-bit integer
    /// rather than a real; ids and every Integer attribute fit.</summary>
    private const int IntegerDigits = 18;

    public static async Task WriteAsync(ExportRows rows, string prj, Stream output, CancellationToken ct)
    {
        var kind = rows.Selection.Query.Kind;
        var fields = ShapefileFieldNames.For(kind);
        var directory = Directory.CreateTempSubdirectory("assetregistry-shp-");
        var writers = new Dictionary<ShapeType, ShapefileWriter>();
        try
        {
            ShapefileWriter WriterFor(ShapeType type)
            {
                if (writers.TryGetValue(type, out var w)) return w;
                var name = kind.GeometryTypes.Count == 1 ? kind.CollectionId : $"{kind.CollectionId}_{Suffix(type)}";
                var options = new ShapefileWriterOptions(type, [.. Fields(fields)]) { Encoding = Encoding.UTF8 };
                // The .prj is written here, not by the writer, which would start it with a byte-order mark that
                // GDAL and ArcGIS refuse.
                File.WriteAllText(Path.Combine(directory.FullName, name + ".prj"), prj, new UTF8Encoding(false));
                return writers[type] = Shapefile.OpenWrite(Path.Combine(directory.FullName, name + ".shp"), options);
            }

            while (await rows.ReadAsync(ct))
            {
                var id = rows.Id;
                var values = new object?[fields.Count];
                for (var i = 0; i < fields.Count; i++) values[i] = rows.Value(i);
                var geometry = rows.ReadGeometry();
                var writer = WriterFor(ShapeTypeOf(geometry));
                writer.Fields[ShapefileFieldNames.Id].Value = id;
                for (var i = 0; i < fields.Count; i++) writer.Fields[fields[i].Field].Value = DbfValue(values[i]);
                writer.Geometry = geometry;
                writer.Write();
            }
            // An empty selection still gives a readable (empty) Shapefile.
            if (writers.Count == 0) WriterFor(ShapeTypeOf(kind.GeometryTypes[0]));
            foreach (var w in writers.Values) w.Dispose();
            writers.Clear();

            var zip = Path.Combine(directory.FullName, "..", directory.Name + ".zip");
            try
            {
                ZipFile.CreateFromDirectory(directory.FullName, zip, CompressionLevel.Fastest, includeBaseDirectory: false);
                await using var file = new FileStream(zip, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
                await file.CopyToAsync(output, ct);
            }
            finally
            {
                File.Delete(zip);
            }
        }
        finally
        {
            foreach (var w in writers.Values) w.Dispose();
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The dBASE field for each attribute, plus <c>id</c> first; new instances for each writer.</summary>
    private static IEnumerable<DbfField> Fields(IReadOnlyList<(AttributeDefinition Attribute, string Field)> fields)
    {
        yield return new DbfNumericInt64Field(ShapefileFieldNames.Id, IntegerDigits);
        foreach (var (a, name) in fields)
            yield return a.Type switch
            {
                AttributeType.Integer or AttributeType.Reference => new DbfNumericInt64Field(name, IntegerDigits),
                AttributeType.Number => new DbfFloatField(name),
                AttributeType.Boolean => DbfField.Create(name, typeof(bool)),
                AttributeType.Date => DbfField.Create(name, typeof(DateTime)),
                AttributeType.Timestamp => new DbfCharacterField(name, TimestampWidth),
                AttributeType.Enumeration => new DbfCharacterField(name, Math.Max(1, a.Values.Max(v => Encoding.UTF8.GetByteCount(v)))),
                _ => new DbfCharacterField(name, a.MaxLength is { } n ? Math.Min(MaxTextBytes, n * Utf8BytesPerChar) : MaxTextBytes),
            };
    }

    private static object? DbfValue(object? value) => value switch
    {
        DateOnly d => d.ToDateTime(TimeOnly.MinValue),
        DateTime t => ExportValues.Text(t),
        _ => value,
    };

    private static ShapeType ShapeTypeOf(Geometry g) => ShapeTypeOf(g.GeometryType);

    private static ShapeType ShapeTypeOf(string ogcType) => ogcType switch
    {
        "Point" => ShapeType.Point,
        "MultiPoint" => ShapeType.MultiPoint,
        "LineString" or "MultiLineString" => ShapeType.PolyLine,
        "Polygon" or "MultiPolygon" => ShapeType.Polygon,
        _ => throw new InvalidOperationException($"A Shapefile cannot hold a {ogcType}."),
    };

    private static string Suffix(ShapeType type) => type switch
    {
        ShapeType.Point or ShapeType.MultiPoint => "point",
        ShapeType.PolyLine => "line",
        _ => "polygon",
    };
}
