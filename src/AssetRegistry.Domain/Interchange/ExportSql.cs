using System.Text;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Domain.Interchange;

/// <summary>How an export statement hands over each row's geometry.</summary>
public enum ExportGeometry
{
    /// <summary>Well-known binary, decoded with NTS (Shapefile, GeoPackage).</summary>
    Wkb,
    /// <summary>Well-known text with full double precision, plus x and y for point-only kinds (CSV, XLSX).</summary>
    Wkt,
    /// <summary>The whole row as a GeoJSON Feature text written by PostGIS (GeoJSON).</summary>
    GeoJsonFeature,
}

/// <summary>
/// The export statements: one streaming <c>select</c> over alias <c>t</c> of the kind's table, with the same WHERE
/// as item pages (<see cref="FeatureWhere"/>) plus an optional polygon, geometry transformed in PostGIS to the
/// export's SRID and ordered by id. Identifiers come from the kind's attribute list; every value is a parameter.
/// </summary>
public static class ExportSql
{
    /// <summary>GeoJSON decimals in degrees: 9 places are about 0.1 mm, so nothing the registry stores is rounded away.</summary>
    public const int DegreeDecimals = 9;

    /// <summary>GeoJSON decimals in metres (projected CRSs): 4 places are 0.1 mm.</summary>
    public const int MetreDecimals = 4;

    /// <summary>The OGC WKT of an SRID from PostGIS's <c>spatial_ref_sys</c>, for .prj files and GeoPackage srs rows.</summary>
    public const string SrsText = "select srtext from spatial_ref_sys where srid = $1";

    /// <summary>The rows of <paramref name="selection"/> with id and attributes first (ordinals 1…n after id at 0),
    /// then the geometry as <paramref name="geometry"/> asks.</summary>
    public static NpgsqlCommand Select(NpgsqlConnection conn, ExportSelection selection, ExportGeometry geometry)
    {
        var kind = selection.Query.Kind;
        var values = new List<object>();
        var where = Where(selection, values);
        values.Add(selection.Crs.Srid);
        var transformed = $"ST_Transform(t.geometry, ${values.Count}::integer)";
        var sql = new StringBuilder("select ");
        if (geometry == ExportGeometry.GeoJsonFeature)
        {
            var decimals = selection.Crs.Projected ? MetreDecimals : DegreeDecimals;
            sql.Append("json_build_object('type','Feature','id',t.id,'geometry',ST_AsGeoJSON(").Append(transformed).Append(',')
               .Append(decimals).Append(")::json,'properties',json_build_object(");
            sql.AppendJoin(',', kind.Attributes.Select(a => $"'{a.Name}',t.{FeatureSql.Quote(a.Name)}"));
            sql.Append("))::text");
        }
        else
        {
            sql.Append("t.id");
            foreach (var a in kind.Attributes) sql.Append(", t.").Append(FeatureSql.Quote(a.Name));
            if (geometry == ExportGeometry.Wkb) sql.Append(", ST_AsBinary(").Append(transformed).Append(')');
            else
            {
                sql.Append(", ST_AsText(g.geom)");
                if (IsPointKind(kind)) sql.Append(", ST_X(g.geom), ST_Y(g.geom)");
            }
        }
        sql.Append(" from ").Append(FeatureSql.Quote(kind.Table)).Append(" t");
        // A lateral keeps one transform per row when WKT, x and y all read it.
        if (geometry == ExportGeometry.Wkt) sql.Append(" cross join lateral (select ").Append(transformed).Append(" as geom) g");
        sql.Append(where).Append(" order by t.id");
        return Command(conn, sql.ToString(), values);
    }

    /// <summary>The number of rows <paramref name="selection"/> holds (XLSX checks it against Excel's row limit).</summary>
    public static NpgsqlCommand Count(NpgsqlConnection conn, ExportSelection selection)
    {
        var values = new List<object>();
        var where = Where(selection, values);
        return Command(conn, $"select count(*) from {FeatureSql.Quote(selection.Query.Kind.Table)} t{where}", values);
    }

    /// <summary>True when the kind holds points only, so CSV and XLSX add x/y (lon/lat) columns.</summary>
    public static bool IsPointKind(AssetKind kind) => kind.GeometryTypes is ["Point"];

    private static string Where(ExportSelection selection, List<object> values)
    {
        var where = FeatureWhere.Build(selection.Query, values);
        if (selection.Area is null) return where;
        values.Add(selection.Area);
        var n = values.Count;
        // && first so the GiST index narrows the rows before the exact test.
        return (where.Length == 0 ? " where " : where + " and ") + $"t.geometry && ${n} and ST_Intersects(t.geometry, ${n})";
    }

    private static NpgsqlCommand Command(NpgsqlConnection conn, string sql, List<object> values)
    {
        var cmd = new NpgsqlCommand(sql, conn);
        foreach (var v in values)
            cmd.Parameters.Add(v is NetTopologySuite.Geometries.Geometry
                ? new NpgsqlParameter { Value = v, NpgsqlDbType = NpgsqlDbType.Geometry }
                : new NpgsqlParameter { Value = v });
        return cmd;
    }
}
