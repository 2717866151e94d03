using System.Globalization;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using Microsoft.Data.Sqlite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;

namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// Writes an OGC GeoPackage 1.3 file (SQLite is the file format here, not a database standing in for PostGIS):
/// <c>application_id</c> 'GPKG' and <c>user_version</c> 10300, the required <c>gpkg_spatial_ref_sys</c> rows
/// (−1, 0, 4326) plus the export's SRID with its OGC WKT from PostGIS, <c>gpkg_contents</c> with the features'
/// bounds, <c>gpkg_geometry_columns</c>, and one feature table named after the collection whose integer primary
/// key <c>id</c> is the asset id. Columns are typed (TEXT(n), INTEGER, DOUBLE, BOOLEAN, DATE, DATETIME with
/// millisecond precision as the standard's format has); geometries are GeoPackage binary (NTS
/// <see cref="GeoPackageGeoWriter"/>). The file is built in a temporary directory, copied to the output and deleted.
/// </summary>
public static class GeoPackageExport
{
    /// <summary>'GPKG' as a big-endian 32-bit integer (GeoPackage 1.2+, requirement 2).</summary>
    public const int ApplicationId = 0x47504B47;

    /// <summary>GeoPackage 1.3.0 (requirement 2: MMmmPP).</summary>
    public const int UserVersion = 10300;

    /// <summary>Name of the geometry column.</summary>
    public const string GeometryColumn = "geom";

    /// <summary>DATETIME text as the standard defines it (ISO 8601, UTC, milliseconds).</summary>
    private const string DateTimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>Writes the rows as a GeoPackage to <paramref name="output"/>; <paramref name="srsDefinitions"/> holds
    /// the OGC WKT by SRID of 4326 and of the export's SRID.</summary>
    public static async Task WriteAsync(ExportRows rows, IReadOnlyDictionary<int, string> srsDefinitions, Stream output, CancellationToken ct)
    {
        var kind = rows.Selection.Query.Kind;
        var crs = rows.Selection.Crs;
        var directory = Directory.CreateTempSubdirectory("assetregistry-gpkg-");
        var path = Path.Combine(directory.FullName, kind.CollectionId + ".gpkg");
        try
        {
            // No pooling: the file must be closed before it is copied and deleted.
            await using (var db = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
            {
                await db.OpenAsync(ct);
                await ExecuteAsync(db, null, ct, $"pragma application_id = {ApplicationId}", $"pragma user_version = {UserVersion}");
                await using var tx = (SqliteTransaction)await db.BeginTransactionAsync(ct);
                await CreateMetadataAsync(db, tx, srsDefinitions, crs.Srid, ct);

                var table = FeatureSql.Quote(kind.Table);
                var columns = kind.Attributes.Select(a => $"{FeatureSql.Quote(a.Name)} {ColumnType(a)}");
                await ExecuteAsync(db, tx, ct,
                    $"create table {table} (\"id\" INTEGER PRIMARY KEY NOT NULL, \"{GeometryColumn}\" {GeometryTypeName(kind)}, {string.Join(", ", columns)})");

                await using var insert = db.CreateCommand();
                insert.Transaction = tx;
                insert.CommandText = $"insert into {table} (\"id\", \"{GeometryColumn}\", {string.Join(", ", kind.Attributes.Select(a => FeatureSql.Quote(a.Name)))}) " +
                                     $"values ($id, $geom, {string.Join(", ", kind.Attributes.Select((_, i) => "$a" + i))})";
                var id = insert.Parameters.Add("$id", SqliteType.Integer);
                var geom = insert.Parameters.Add("$geom", SqliteType.Blob);
                var values = kind.Attributes.Select((_, i) => insert.Parameters.AddWithValue("$a" + i, DBNull.Value)).ToArray();
                insert.Prepare();

                var writer = new GeoPackageGeoWriter { HandleOrdinates = Ordinates.XY };
                var bounds = new Envelope();
                while (await rows.ReadAsync(ct))
                {
                    id.Value = rows.Id;
                    for (var i = 0; i < values.Length; i++) values[i].Value = SqliteValue(rows.Value(i));
                    var g = rows.ReadGeometry();
                    g.SRID = crs.Srid;
                    bounds.ExpandToInclude(g.EnvelopeInternal);
                    geom.Value = writer.Write(g);
                    await insert.ExecuteNonQueryAsync(ct);
                }

                await using var contents = db.CreateCommand();
                contents.Transaction = tx;
                contents.CommandText =
                    "insert into gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id) " +
                    "values ($t, 'features', $i, $d, $c, $minx, $miny, $maxx, $maxy, $srs)";
                contents.Parameters.AddWithValue("$t", kind.Table);
                contents.Parameters.AddWithValue("$i", kind.TitleZh);
                contents.Parameters.AddWithValue("$d", kind.TitleEn);
                contents.Parameters.AddWithValue("$c", DateTime.UtcNow.ToString(DateTimeFormat, CultureInfo.InvariantCulture));
                contents.Parameters.AddWithValue("$minx", bounds.IsNull ? DBNull.Value : bounds.MinX);
                contents.Parameters.AddWithValue("$miny", bounds.IsNull ? DBNull.Value : bounds.MinY);
                contents.Parameters.AddWithValue("$maxx", bounds.IsNull ? DBNull.Value : bounds.MaxX);
                contents.Parameters.AddWithValue("$maxy", bounds.IsNull ? DBNull.Value : bounds.MaxY);
                contents.Parameters.AddWithValue("$srs", crs.Srid);
                await contents.ExecuteNonQueryAsync(ct);

                await using var columnsRow = db.CreateCommand();
                columnsRow.Transaction = tx;
                columnsRow.CommandText = "insert into gpkg_geometry_columns (table_name, column_name, geometry_type_name, srs_id, z, m) values ($t, $c, $g, $s, 0, 0)";
                columnsRow.Parameters.AddWithValue("$t", kind.Table);
                columnsRow.Parameters.AddWithValue("$c", GeometryColumn);
                columnsRow.Parameters.AddWithValue("$g", GeometryTypeName(kind));
                columnsRow.Parameters.AddWithValue("$s", crs.Srid);
                await columnsRow.ExecuteNonQueryAsync(ct);
                await tx.CommitAsync(ct);
            }
            await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, useAsync: true);
            await file.CopyToAsync(output, ct);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>The three metadata tables of GeoPackage 1.3 §1.1.2–1.1.3 and §2.1.5, and their srs rows.</summary>
    private static async Task CreateMetadataAsync(SqliteConnection db, SqliteTransaction tx, IReadOnlyDictionary<int, string> srs, int srid, CancellationToken ct)
    {
        await ExecuteAsync(db, tx, ct,
            "create table gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL, " +
            "organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT)",
            "create table gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE, " +
            "description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), " +
            "min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER, " +
            "CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id))",
            "create table gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL, " +
            "srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL, CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name), " +
            "CONSTRAINT uk_gc_table_name UNIQUE (table_name), CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name), " +
            "CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id))");
        var rows = new List<(string Name, int Id, string Org, int OrgId, string Definition, string Description)>
        {
            ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
            ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
            ("WGS 84 geodetic", 4326, "EPSG", 4326, srs[4326], "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
        };
        if (srid != 4326)
        {
            var c = Spatial.SupportedCrs.All.First(s => s.Srid == srid);
            rows.Add((c.TitleEn, srid, "EPSG", srid, srs[srid], c.TitleZh));
        }
        foreach (var r in rows)
        {
            await using var cmd = db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = "insert into gpkg_spatial_ref_sys values ($n, $i, $o, $oi, $d, $ds)";
            cmd.Parameters.AddWithValue("$n", r.Name);
            cmd.Parameters.AddWithValue("$i", r.Id);
            cmd.Parameters.AddWithValue("$o", r.Org);
            cmd.Parameters.AddWithValue("$oi", r.OrgId);
            cmd.Parameters.AddWithValue("$d", r.Definition);
            cmd.Parameters.AddWithValue("$ds", r.Description);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>The column's GeoPackage data type (§1.1.1.1.3): TEXT(n) where the attribute limits its length.</summary>
    private static string ColumnType(AttributeDefinition a) => a.Type switch
    {
        AttributeType.Integer or AttributeType.Reference => "INTEGER",
        AttributeType.Number => "DOUBLE",
        AttributeType.Boolean => "BOOLEAN",
        AttributeType.Date => "DATE",
        AttributeType.Timestamp => "DATETIME",
        _ when a.MaxLength is { } n => $"TEXT({n})",
        _ => "TEXT",
    };

    /// <summary>The geometry column's type: the kind's one type, or GEOMETRY when it allows several.</summary>
    private static string GeometryTypeName(AssetKind kind) =>
        kind.GeometryTypes.Count == 1 ? kind.GeometryTypes[0].ToUpperInvariant() : "GEOMETRY";

    private static object SqliteValue(object? value) => value switch
    {
        null => DBNull.Value,
        bool b => b ? 1L : 0L,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToUniversalTime().ToString(DateTimeFormat, CultureInfo.InvariantCulture),
        _ => value,
    };

    private static async Task ExecuteAsync(SqliteConnection db, SqliteTransaction? tx, CancellationToken ct, params string[] statements)
    {
        foreach (var sql in statements)
        {
            await using var cmd = db.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }
}
