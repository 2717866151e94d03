using System.Text;
using AssetRegistry.Domain.Assets;
using NetTopologySuite.Geometries;
using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Domain.Features;

/// <summary>An asset found by a cross-kind search.</summary>
public sealed record AssetSummary(string Collection, long Id, string Code, string? Name, string District, string Status, string Condition);

/// <summary>
/// Questions over every kind at once, such as "everything inside this polygon": one SQL statement, a
/// <c>UNION ALL</c> with one branch per kind, each using its table's GiST index (<c>&amp;&amp;</c> first, then the exact
/// predicate). Built from <see cref="AssetKinds.All"/>, so a new kind joins without a change here.
/// </summary>
public sealed class AssetSearch(NpgsqlDataSource dataSource)
{
    private static readonly string WithinSql = BuildWithinSql();

    /// <summary>Assets whose geometry intersects <paramref name="area"/> (SRID 4326), at most
    /// <paramref name="limit"/>, ordered by kind then id.</summary>
    public async Task<IReadOnlyList<AssetSummary>> IntersectingAsync(Geometry area, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(WithinSql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = area, NpgsqlDbType = NpgsqlDbType.Geometry });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var result = new List<AssetSummary>();
        while (await reader.ReadAsync(ct))
            result.Add(new AssetSummary(reader.GetString(0), reader.GetInt64(1), reader.GetString(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        return result;
    }

    private static string BuildWithinSql()
    {
        var sb = new StringBuilder("select * from (");
        var first = true;
        foreach (var kind in AssetKinds.All)
        {
            if (!first) sb.Append(" union all ");
            first = false;
            sb.Append("select '").Append(kind.CollectionId).Append("'::text as collection, id, code, name, district, status, condition from ")
              .Append(FeatureSql.Quote(kind.Table)).Append(" where geometry && $1 and ST_Intersects(geometry, $1)");
        }
        sb.Append(") a order by collection, id limit $2");
        return sb.ToString();
    }
}
