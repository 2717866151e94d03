using System.Globalization;
using System.Runtime.CompilerServices;
using AssetRegistry.Domain.Spatial;
using Microsoft.Data.Sqlite;
using NetTopologySuite.IO;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// A GeoPackage (OGC 12-128, an SQLite file) read forward-only: one feature table, the first listed in
/// <c>gpkg_contents</c> or the one named, streamed row by row in primary-key order with a read-only connection, so
/// memory stays flat. <see cref="FileSrid"/> is the table's <c>gpkg_geometry_columns.srs_id</c> looked up in
/// <c>gpkg_spatial_ref_sys</c>: its EPSG <c>organization_coordsys_id</c>, else its WKT <c>definition</c>
/// recognised by <see cref="PrjCrs"/>; null for the "undefined" systems (srs_id 0 and -1); a CRS the registry does
/// not accept refuses the file. The integer primary key (GDAL's FID) is the row's identity in the file, not a
/// field. Coordinates are as stored, easting/longitude first. Field values are string, long, double, bool
/// (BOOLEAN columns), DateTime (DATE and DATETIME columns) or null; a BLOB reads as Base64 text.
/// </summary>
public sealed class GeoPackageFeatureSource : IFeatureSource
{
    /// <summary>Feature tables with their geometry column and SRS, in the order the file lists them: the first is
    /// the default layer.</summary>
    private const string FeatureTablesSql =
        "SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c " +
        "JOIN gpkg_geometry_columns g ON g.table_name = c.table_name WHERE c.data_type = 'features' ORDER BY c.rowid";

    /// <summary>The SRS a geometry column names, to learn its EPSG code or WKT.</summary>
    private const string SpatialRefSql =
        "SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = $srs";

    /// <summary>A table's columns in order, through the table-valued pragma so the name is a parameter.</summary>
    private const string ColumnsSql = "SELECT name, type, pk FROM pragma_table_info($table) ORDER BY cid";

    private readonly SqliteConnection _connection;
    private readonly string _table;
    private readonly string _geometryColumn;
    private readonly string? _keyColumn;
    private readonly IReadOnlyList<(string Name, string Type)> _columns;
    private bool _read;

    private GeoPackageFeatureSource(SqliteConnection connection, string table, string geometryColumn, string? keyColumn,
        IReadOnlyList<(string Name, string Type)> columns, int? fileSrid, IReadOnlyList<string> layers, long rowCount)
    {
        RowCount = rowCount;
        _connection = connection;
        _table = table;
        _geometryColumn = geometryColumn;
        _keyColumn = keyColumn;
        _columns = columns;
        FileSrid = fileSrid;
        Layers = layers;
        FieldNames = columns.Select(c => c.Name).ToList();
    }

    public string Format => "geopackage";

    public int? FileSrid { get; }

    public IReadOnlyList<string> FieldNames { get; }

    /// <summary>The feature table being read.</summary>
    public string Layer => _table;

    /// <summary>The number of rows in the layer, counted at open (for progress).</summary>
    public long RowCount { get; }

    /// <summary>Every feature table in the file, in its order.</summary>
    public IReadOnlyList<string> Layers { get; }

    /// <summary>Opens the GeoPackage at <paramref name="path"/> read-only and reads its catalogue. Refuses (400,
    /// field <c>file</c>) a file that is not a GeoPackage, one without feature tables, a <paramref name="layer"/>
    /// it does not hold (naming those it does) and a layer in a CRS the registry does not accept.</summary>
    public static async Task<GeoPackageFeatureSource> OpenAsync(string path, string? layer, CancellationToken ct)
    {
        if (!File.Exists(path)) throw new FileNotFoundException("No GeoPackage at the path.", path);
        // Read-only, no pooling (the file handle closes with the source), and the file's own views and triggers
        // may not call functions with side effects.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false,
        }.ToString());
        try
        {
            await connection.OpenAsync(ct);
            await ExecuteAsync(connection, "PRAGMA trusted_schema = OFF", ct);

            var tables = new List<(string Table, string Column, int SrsId)>();
            try
            {
                await using var cmd = new SqliteCommand(FeatureTablesSql, connection);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct)) tables.Add((r.GetString(0), r.GetString(1), r.GetInt32(2)));
            }
            catch (SqliteException)
            {
                throw ImportFileErrors.Refuse("The file is not a GeoPackage: it has no gpkg_contents and gpkg_geometry_columns tables.",
                    "文件不是 GeoPackage：缺少 gpkg_contents 和 gpkg_geometry_columns 表。");
            }
            if (tables.Count == 0)
                throw ImportFileErrors.Refuse("The GeoPackage holds no feature table.", "GeoPackage 中没有要素表。");
            var chosen = layer is null ? tables[0] : tables.FirstOrDefault(t => t.Table.Equals(layer, StringComparison.OrdinalIgnoreCase));
            if (chosen.Table is null)
            {
                var names = string.Join(", ", tables.Select(t => t.Table));
                throw ImportFileErrors.Refuse($"The GeoPackage has no feature table \"{layer}\"; it has: {names}.",
                    $"GeoPackage 中没有要素表“{layer}”，现有：{names}。");
            }

            var srid = await FindSridAsync(connection, chosen.SrsId, ct);
            var columns = new List<(string Name, string Type)>();
            string? key = null;
            await using (var cmd = new SqliteCommand(ColumnsSql, connection))
            {
                cmd.Parameters.AddWithValue("$table", chosen.Table);
                await using var r = await cmd.ExecuteReaderAsync(ct);
                while (await r.ReadAsync(ct))
                {
                    var name = r.GetString(0);
                    var type = r.IsDBNull(1) ? "" : r.GetString(1).ToUpperInvariant();
                    if (r.GetInt32(2) == 1 && type == "INTEGER") key = name;
                    else if (!name.Equals(chosen.Column, StringComparison.OrdinalIgnoreCase)) columns.Add((name, type));
                }
            }
            long rowCount;
            await using (var cmd = new SqliteCommand($"SELECT count(*) FROM {Quote(chosen.Table)}", connection))
                rowCount = Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            return new GeoPackageFeatureSource(connection, chosen.Table, chosen.Column, key, columns, srid, tables.Select(t => t.Table).ToList(), rowCount);
        }
        catch (SqliteException)
        {
            await connection.DisposeAsync();
            throw ImportFileErrors.Refuse("The file is not a readable GeoPackage (SQLite) file.", "文件不是可读取的 GeoPackage（SQLite）文件。");
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async IAsyncEnumerable<SourceRow> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        if (_read) throw new InvalidOperationException("A GeoPackage source is read once.");
        _read = true;
        var select = string.Join(", ", _columns.Select(c => Quote(c.Name)).Append(Quote(_geometryColumn)));
        // Identifiers come from the file's own catalogue (gpkg_contents, pragma_table_info), quoted.
        var sql = $"SELECT {select} FROM {Quote(_table)}" + (_keyColumn is null ? " ORDER BY rowid" : $" ORDER BY {Quote(_keyColumn)}");
        await using var cmd = new SqliteCommand(sql, _connection);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var reader = new GeoPackageGeoReader { HandleSRID = false };
        var geometryIndex = _columns.Count;
        long number = 0;
        while (await r.ReadAsync(ct))
        {
            number++;
            var fields = new Dictionary<string, object?>(_columns.Count, StringComparer.Ordinal);
            for (var i = 0; i < _columns.Count; i++) fields[_columns[i].Name] = Value(r, i, _columns[i].Type);
            NetTopologySuite.Geometries.Geometry? geometry = null;
            string? problem = null;
            if (r.IsDBNull(geometryIndex)) problem = "The feature has no geometry.";
            else
            {
                try
                {
                    geometry = reader.Read(r.GetFieldValue<byte[]>(geometryIndex));
                    if (geometry.IsEmpty)
                    {
                        geometry = null;
                        problem = "The feature's geometry is empty.";
                    }
                }
                catch (Exception e) when (e is ParseException or ArgumentException or InvalidOperationException or IOException or FormatException)
                {
                    geometry = null;
                    problem = "The feature's geometry is not a valid GeoPackage geometry blob.";
                }
            }
            yield return new SourceRow(number, fields, geometry, problem);
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();

    private static async Task<int?> FindSridAsync(SqliteConnection connection, int srsId, CancellationToken ct)
    {
        // GeoPackage reserves -1 (undefined Cartesian) and 0 (undefined geographic): the file names no CRS.
        if (srsId is 0 or -1) return null;
        await using var cmd = new SqliteCommand(SpatialRefSql, connection);
        cmd.Parameters.AddWithValue("$srs", srsId);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct))
            throw ImportFileErrors.Refuse($"The GeoPackage's layer names spatial reference system {srsId}, which the file does not define.",
                $"GeoPackage 图层引用的空间参照系 {srsId} 在文件中没有定义。");
        var organization = r.IsDBNull(0) ? "" : r.GetString(0);
        var code = r.IsDBNull(1) ? 0 : r.GetInt32(1);
        var definition = r.IsDBNull(2) ? "" : r.GetString(2);
        if (organization.Equals("EPSG", StringComparison.OrdinalIgnoreCase) && SupportedCrs.All.Any(c => c.Srid == code)) return code;
        var match = PrjCrs.Recognise(definition);
        if (match.Srid is not null && !organization.Equals("EPSG", StringComparison.OrdinalIgnoreCase)) return match.Srid;
        var name = organization.Length > 0 ? $"{organization}:{code} {match.Name}" : match.Name;
        throw ImportFileErrors.Refuse(
            $"The GeoPackage's layer is in the coordinate reference system \"{name}\", which the registry does not accept; accepted are WGS 84 (EPSG:4326), CGCS2000 (EPSG:4490) and CGCS2000 3-degree Gauss–Krüger CM 114°, 117°, 120° E (EPSG:4547–4549).",
            $"GeoPackage 图层的坐标参照系“{name}”不受支持；支持的有 WGS 84（EPSG:4326）、CGCS2000（EPSG:4490）及 CGCS2000 3度带高斯-克吕格 中央经线 114°、117°、120°（EPSG:4547–4549）。");
    }

    private static object? Value(SqliteDataReader r, int i, string declaredType)
    {
        if (r.IsDBNull(i)) return null;
        var value = r.GetValue(i);
        return (declaredType, value) switch
        {
            ("BOOLEAN", long l) => l != 0,
            ("DATE" or "DATETIME", string s) when DateTime.TryParse(s, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) => t,
            (_, byte[] blob) => Convert.ToBase64String(blob),
            (_, string s) => s,
            (_, long l) => l,
            (_, double d) => d,
            _ => Convert.ToString(value, CultureInfo.InvariantCulture),
        };
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct)
    {
        await using var cmd = new SqliteCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
