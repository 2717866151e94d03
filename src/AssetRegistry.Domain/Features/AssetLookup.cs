using System.Text;
using AssetRegistry.Domain.Assets;
using Npgsql;

namespace AssetRegistry.Domain.Features;

/// <summary>An asset found by code or name, with its extent (WGS 84 degrees) so a map can zoom to it.</summary>
public sealed record AssetMatch(string Collection, long Id, string Code, string? Name, double[] Bbox);

/// <summary>
/// The map's search box: assets whose code starts with the text (case-insensitive) or whose name contains it,
/// across kinds, codes first. One <c>UNION ALL</c> statement built from <see cref="AssetKinds.All"/>.
/// </summary>
public sealed class AssetLookup(NpgsqlDataSource dataSource)
{
    private static readonly string Sql = Build();

    /// <summary>At most <paramref name="limit"/> matches for <paramref name="text"/> (trimmed; empty gives none).</summary>
    public async Task<IReadOnlyList<AssetMatch>> FindAsync(string text, int limit, CancellationToken ct)
    {
        text = text.Trim();
        if (text.Length == 0) return [];
        var escaped = text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
        await using var cmd = dataSource.CreateCommand(Sql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = escaped + "%" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = "%" + escaped + "%" });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<AssetMatch>();
        while (await reader.ReadAsync(ct))
            result.Add(new AssetMatch(reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                [reader.GetDouble(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetDouble(7)]));
        return result;
    }

    private static string Build()
    {
        var sb = new StringBuilder("select collection, id, code, name, ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e) from (");
        var first = true;
        foreach (var kind in AssetKinds.All)
        {
            if (!first) sb.Append(" union all ");
            first = false;
            // upper(code) LIKE upper($1) can use a btree index on upper(code) when one exists; names are scanned.
            sb.Append("(select '").Append(kind.CollectionId).Append("'::text as collection, id, code, name, geometry::box2d::geometry as e, ")
              .Append("case when upper(code) like upper($1) then 0 else 1 end as rank from ").Append(FeatureSql.Quote(kind.Table))
              .Append(" where upper(code) like upper($1) or name ilike $2 order by rank, code limit $3)");
        }
        sb.Append(") m order by rank, code limit $3");
        return sb.ToString();
    }
}
