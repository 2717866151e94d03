using System.Text;
using AssetRegistry.Domain.Assets;
using Npgsql;

namespace AssetRegistry.Domain.Features;

/// <summary>
/// Reads features as GeoJSON text made by PostGIS: item pages (bbox with <c>&amp;&amp;</c> on the GiST index, then
/// equality filters, ordered by id) and single features.
/// </summary>
public sealed class FeatureReader(NpgsqlDataSource dataSource)
{
    /// <summary>Runs a page query: one statement for the count and one for the page, on one connection.</summary>
    public async Task<FeaturePage> ReadPageAsync(FeatureQuery query, CancellationToken ct)
    {
        var where = new StringBuilder();
        var parameters = new List<NpgsqlParameter>();
        if (query.Bbox is { } b)
        {
            // The envelope is built in the column's SRID, so the GiST index on t.geometry is used.
            where.Append(" and t.geometry && ST_MakeEnvelope($1,$2,$3,$4,4326)");
            parameters.AddRange([new() { Value = b.MinLon }, new() { Value = b.MinLat }, new() { Value = b.MaxLon }, new() { Value = b.MaxLat }]);
        }
        foreach (var f in query.Filters)
        {
            parameters.Add(new NpgsqlParameter { Value = f.Value });
            where.Append(" and t.").Append(FeatureSql.Quote(f.Attribute.Name)).Append(" = $").Append(parameters.Count);
        }
        var table = FeatureSql.Quote(query.Kind.Table);
        var filter = where.Length == 0 ? "" : " where true" + where;

        await using var conn = await dataSource.OpenConnectionAsync(ct);
        long matched;
        await using (var count = new NpgsqlCommand($"select count(*) from {table} t{filter}", conn))
        {
            foreach (var p in parameters) count.Parameters.Add(p.Clone());
            matched = (long)(await count.ExecuteScalarAsync(ct))!;
        }
        var features = new List<string>(Math.Min(query.Limit, (int)Math.Max(0, Math.Min(matched - query.Offset, int.MaxValue))));
        if (matched > query.Offset)
        {
            var n = parameters.Count;
            await using var page = new NpgsqlCommand(
                $"select {FeatureSql.FeatureExpression(query.Kind)}::text from {table} t{filter} order by t.id limit ${n + 1} offset ${n + 2}", conn);
            foreach (var p in parameters) page.Parameters.Add(p.Clone());
            page.Parameters.Add(new NpgsqlParameter { Value = query.Limit });
            page.Parameters.Add(new NpgsqlParameter { Value = query.Offset });
            await using var reader = await page.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) features.Add(reader.GetString(0));
        }
        return new FeaturePage(matched, features);
    }

    /// <summary>One feature as GeoJSON text with its version, or null when the kind has no such id.</summary>
    public async Task<(string Json, int Version)?> ReadOneAsync(AssetKind kind, long id, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await ReadOneAsync(conn, kind, id, ct);
    }

    /// <summary>As <see cref="ReadOneAsync(AssetKind,long,CancellationToken)"/>, on an open connection (and its
    /// transaction, if any), so history can record the feature as the writer sees it.</summary>
    public static async Task<(string Json, int Version)?> ReadOneAsync(NpgsqlConnection conn, AssetKind kind, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"select {FeatureSql.FeatureExpression(kind)}::text, t.version from {FeatureSql.Quote(kind.Table)} t where t.id = $1", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return (reader.GetString(0), reader.GetInt32(1));
    }
}
