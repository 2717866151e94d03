using System.Text;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Spatial;
using Npgsql;

namespace AssetRegistry.Domain.Features;

/// <summary>
/// Reads features as GeoJSON text made by PostGIS: item pages (the WHERE of <see cref="FeatureWhere"/>, the ORDER BY
/// of <see cref="FeatureOrder"/>, geometries in the query's CRS) and single features.
/// </summary>
/// <remarks>Pages may come from a read replica (<paramref name="pageSource"/>), which can lag the primary by the
/// replication delay; a single feature, whose version is the ETag a client edits against, always comes from
/// <paramref name="dataSource"/> (the primary), so a client reads its own write.</remarks>
public sealed class FeatureReader(NpgsqlDataSource dataSource, NpgsqlDataSource pageSource)
{
    /// <summary>A reader whose pages and single features both come from <paramref name="dataSource"/>.</summary>
    public FeatureReader(NpgsqlDataSource dataSource) : this(dataSource, dataSource)
    {
    }

    /// <summary>Runs a page query and collects the page; see <see cref="StreamPageAsync"/>.</summary>
    public async Task<FeaturePage> ReadPageAsync(FeatureQuery query, CancellationToken ct)
    {
        var features = new List<string>(Math.Min(query.Limit, 1000));
        long matched = 0;
        await StreamPageAsync(query, m => { matched = m; return ValueTask.CompletedTask; },
            f => { features.Add(Encoding.UTF8.GetString(f)); return ValueTask.CompletedTask; }, ct);
        return new FeaturePage(matched, features);
    }

    /// <summary>
    /// Runs the count and the page as one batch (one round trip), hands the count to <paramref name="onMatched"/>
    /// before any feature, then each feature's GeoJSON as the UTF-8 bytes PostgreSQL sent to
    /// <paramref name="onFeature"/> as it arrives (never decoded), so a caller can stream the page without holding
    /// it. Returns the number of features handed over.
    /// </summary>
    public async Task<int> StreamPageAsync(FeatureQuery query, Func<long, ValueTask> onMatched, Func<byte[], ValueTask> onFeature, CancellationToken ct)
    {
        var values = new List<object>();
        var filter = FeatureWhere.Build(query, values);
        var table = FeatureSql.Quote(query.Kind.Table);
        var n = values.Count;

        await using var batch = pageSource.CreateBatch();
        var count = new NpgsqlBatchCommand($"select count(*) from {table} t{filter}");
        var page = new NpgsqlBatchCommand(
            $"select {FeatureSql.FeatureExpression(query.Kind, query.Crs)}::text from {table} t{filter}{FeatureOrder.Build(query)} limit ${n + 1} offset ${n + 2}");
        foreach (var v in values)
        {
            count.Parameters.Add(new NpgsqlParameter { Value = v });
            page.Parameters.Add(new NpgsqlParameter { Value = v });
        }
        page.Parameters.Add(new NpgsqlParameter { Value = query.Limit });
        page.Parameters.Add(new NpgsqlParameter { Value = query.Offset });
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        await onMatched(reader.GetInt64(0));
        await reader.NextResultAsync(ct);
        var returned = 0;
        while (await reader.ReadAsync(ct))
        {
            await onFeature(reader.GetFieldValue<byte[]>(0));
            returned++;
        }
        return returned;
    }

    /// <summary>One feature as GeoJSON text with its version, or null when the kind has no such id.</summary>
    public Task<(string Json, int Version)?> ReadOneAsync(AssetKind kind, long id, CancellationToken ct) =>
        ReadOneAsync(kind, id, SupportedCrs.Crs84, ct);

    /// <summary>One feature with its geometry in <paramref name="crs"/> (its axis order), or null.</summary>
    public async Task<(string Json, int Version)?> ReadOneAsync(AssetKind kind, long id, SupportedCrs crs, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await ReadOneAsync(conn, kind, id, crs, ct);
    }

    /// <summary>As <see cref="ReadOneAsync(AssetKind,long,CancellationToken)"/>, on an open connection (and its
    /// transaction, if any), so history can record the feature as the writer sees it.</summary>
    public static Task<(string Json, int Version)?> ReadOneAsync(NpgsqlConnection conn, AssetKind kind, long id, CancellationToken ct) =>
        ReadOneAsync(conn, kind, id, SupportedCrs.Crs84, ct);

    private static async Task<(string Json, int Version)?> ReadOneAsync(NpgsqlConnection conn, AssetKind kind, long id, SupportedCrs crs, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select {FeatureSql.FeatureExpression(kind, crs)}::text, t.version from {FeatureSql.Quote(kind.Table)} t where t.id = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetString(0), reader.GetInt32(1));
    }
}
