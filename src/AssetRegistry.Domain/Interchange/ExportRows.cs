using AssetRegistry.Domain.Assets;
using NetTopologySuite;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO;
using Npgsql;

namespace AssetRegistry.Domain.Interchange;

/// <summary>
/// The rows of one export statement (<see cref="ExportSql.Select"/>), read forward once on one connection, so
/// memory stays flat whatever the selection's size. Values come typed: text as <see cref="string"/>, Integer and
/// Reference as <see cref="long"/>, Number as <see cref="double"/>, Boolean as <see cref="bool"/>, Date as
/// <see cref="DateOnly"/>, Timestamp as a UTC <see cref="DateTime"/>; null when the column is null.
/// </summary>
public sealed class ExportRows : IAsyncDisposable
{
    private readonly NpgsqlConnection _conn;
    private readonly NpgsqlCommand _cmd;
    private readonly NpgsqlDataReader _reader;
    private readonly WKBReader _wkb;

    private ExportRows(ExportSelection selection, ExportGeometry geometry, NpgsqlConnection conn, NpgsqlCommand cmd, NpgsqlDataReader reader)
    {
        Selection = selection;
        Geometry = geometry;
        _conn = conn;
        _cmd = cmd;
        _reader = reader;
        _wkb = new WKBReader(new NtsGeometryServices(new PrecisionModel(), selection.Crs.Srid));
    }

    /// <summary>What is being exported.</summary>
    public ExportSelection Selection { get; }

    /// <summary>How each row hands over its geometry.</summary>
    public ExportGeometry Geometry { get; }

    /// <summary>The kind's attributes, in column order.</summary>
    public IReadOnlyList<AttributeDefinition> Attributes => Selection.Query.Kind.Attributes;

    /// <summary>Opens a connection and starts the statement; rows arrive as <see cref="ReadAsync"/> asks.</summary>
    public static async Task<ExportRows> OpenAsync(NpgsqlDataSource dataSource, ExportSelection selection, ExportGeometry geometry, CancellationToken ct)
    {
        var conn = await dataSource.OpenConnectionAsync(ct);
        NpgsqlCommand? cmd = null;
        try
        {
            cmd = ExportSql.Select(conn, selection, geometry);
            var reader = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
            return new ExportRows(selection, geometry, conn, cmd, reader);
        }
        catch
        {
            if (cmd is not null) await cmd.DisposeAsync();
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>Advances to the next row; false after the last.</summary>
    public Task<bool> ReadAsync(CancellationToken ct) => _reader.ReadAsync(ct);

    /// <summary>The row's asset id. Read the columns in order: id, attributes, geometry (sequential access).</summary>
    public long Id => _reader.GetInt64(0);

    /// <summary>The value of attribute <paramref name="index"/> (0-based in <see cref="Attributes"/>), typed as the
    /// class summary says.</summary>
    public object? Value(int index)
    {
        var ordinal = index + 1;
        if (_reader.IsDBNull(ordinal)) return null;
        return Attributes[index].Type switch
        {
            AttributeType.Integer or AttributeType.Reference => Convert.ToInt64(_reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture),
            AttributeType.Number => _reader.GetDouble(ordinal),
            AttributeType.Boolean => _reader.GetBoolean(ordinal),
            AttributeType.Date => _reader.GetFieldValue<DateOnly>(ordinal),
            AttributeType.Timestamp => _reader.GetFieldValue<DateTime>(ordinal),
            _ => _reader.GetString(ordinal),
        };
    }

    /// <summary>The geometry decoded from WKB, with the export's SRID (<see cref="ExportGeometry.Wkb"/> only).</summary>
    public Geometry ReadGeometry() => _wkb.Read(_reader.GetFieldValue<byte[]>(Attributes.Count + 1));

    /// <summary>The geometry as WKT (<see cref="ExportGeometry.Wkt"/> only).</summary>
    public string ReadWkt() => _reader.GetString(Attributes.Count + 1);

    /// <summary>x (easting or longitude) and y of a point-only kind (<see cref="ExportGeometry.Wkt"/> only).</summary>
    public (double X, double Y) ReadXy() => (_reader.GetDouble(Attributes.Count + 2), _reader.GetDouble(Attributes.Count + 3));

    /// <summary>The whole row as GeoJSON Feature text (<see cref="ExportGeometry.GeoJsonFeature"/> only).</summary>
    public string ReadFeature() => _reader.GetString(0);

    public async ValueTask DisposeAsync()
    {
        await _reader.DisposeAsync();
        await _cmd.DisposeAsync();
        await _conn.DisposeAsync();
    }
}
