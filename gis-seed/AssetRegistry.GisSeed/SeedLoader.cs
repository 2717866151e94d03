using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.GisSeed;

/// <summary>Writes a <see cref="SeedCity"/> with binary COPY, one table after another (manholes before sewer segments).</summary>
public static class SeedLoader
{
    /// <summary>
    /// Copies every row of <paramref name="city"/> into its table on <paramref name="conn"/> (inside the caller's
    /// transaction, if any). Timestamps are written in UTC; geometries keep SRID 4326. Returns rows per table.
    /// </summary>
    public static async Task<IReadOnlyList<(string Table, int Rows, double Seconds)>> CopyAsync(NpgsqlConnection conn, SeedCity city,
        IProgress<string>? progress, CancellationToken ct)
    {
        var createdAt = SeedCity.CreatedAt.ToUniversalTime();
        var result = new List<(string, int, double)>();
        foreach (var (table, rows) in city.Tables())
        {
            var watch = Stopwatch.StartNew();
            var columns = SeedTable.CommonColumns.Concat(table.KindColumns).ToList();
            var sql = $"COPY {table.Name} ({string.Join(", ", columns.Select(c => c.Column))}) FROM STDIN (FORMAT BINARY)";
            await using (var writer = await conn.BeginBinaryImportAsync(sql, ct))
            {
                foreach (var row in rows)
                {
                    var c = row.Common;
                    await writer.StartRowAsync(ct);
                    await writer.WriteAsync(c.Id, NpgsqlDbType.Bigint, ct);
                    await writer.WriteAsync(c.Code, NpgsqlDbType.Varchar, ct);
                    await WriteNullableAsync(writer, c.Name, NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(c.District, NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(c.Status, NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(c.Condition, NpgsqlDbType.Varchar, ct);
                    await WriteNullableAsync(writer, c.InstallDate, NpgsqlDbType.Date, ct);
                    await WriteNullableAsync(writer, c.Owner, NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(c.Geometry, NpgsqlDbType.Geometry, ct);
                    await writer.WriteAsync(SeedCity.CreatedBy, NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(createdAt, NpgsqlDbType.TimestampTz, ct);
                    await writer.WriteAsync(SeedCity.CreatedBy, NpgsqlDbType.Varchar, ct);
                    await writer.WriteAsync(createdAt, NpgsqlDbType.TimestampTz, ct);
                    await writer.WriteAsync(1, NpgsqlDbType.Integer, ct);
                    var values = row.KindValues();
                    for (var i = 0; i < values.Length; i++) await WriteNullableAsync(writer, values[i], table.KindColumns[i].Type, ct);
                }
                await writer.CompleteAsync(ct);
            }
            var seconds = watch.Elapsed.TotalSeconds;
            progress?.Report($"{table.Name}: {rows.Count} rows in {seconds:0.0} s");
            result.Add((table.Name, rows.Count, seconds));
        }
        return result;
    }

    /// <summary>
    /// Copies the street centreline pieces of <paramref name="city"/> into <c>streets</c> (ids from the identity, in
    /// list order; length as geodesic metres). The routing topology is built afterwards, in SQL
    /// (<see cref="Domain.Streets.StreetNetwork"/>). Returns the rows and seconds.
    /// </summary>
    public static async Task<(int Rows, double Seconds)> CopyStreetsAsync(NpgsqlConnection conn, SeedCity city, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using (var writer = await conn.BeginBinaryImportAsync(
            "COPY streets (name, road_class, district, geometry, length_m) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var s in city.Streets)
            {
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(s.Name, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(s.RoadClass, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(s.District, NpgsqlDbType.Varchar, ct);
                await writer.WriteAsync(s.Geometry, NpgsqlDbType.Geometry, ct);
                await writer.WriteAsync(Math.Round(Geodesy.LengthMetres(s.Geometry), 2), NpgsqlDbType.Double, ct);
            }
            await writer.CompleteAsync(ct);
        }
        return (city.Streets.Count, watch.Elapsed.TotalSeconds);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken ct) =>
        value is null ? writer.WriteNullAsync(ct) : writer.WriteAsync(value, type, ct);
}
