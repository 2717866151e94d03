using Npgsql;

namespace AssetRegistry.Domain.Streets;

/// <summary>
/// The routing graph over <c>streets</c>: vertices where pieces end (<c>street_vertices</c>) and each piece's
/// <c>source</c> and <c>target</c>, built with pgRouting's <c>pgr_extractVertices</c> (the pgRouting 3.x replacement
/// of the deprecated <c>pgr_createTopology</c>).
/// </summary>
/// <remarks>
/// Pieces connect only where they share an end point exactly: the seed city's pieces run from junction to junction
/// and never cross in between, so no noding is needed. Imported centrelines that cross without a shared vertex must
/// be noded first (<c>ST_Node</c>) or they stay unconnected. Cost: one pass over the streets plus two updates;
/// about a second per 100,000 pieces.
/// </remarks>
public static class StreetNetwork
{
    // pgr_extractVertices gives each distinct end point an id and the pieces leaving (out_edges) and entering
    // (in_edges) it; source and target follow from those lists in one update.
    private const string BuildSql = """
        create temporary table street_topology on commit drop as
        select id, in_edges, out_edges, x, y from pgr_extractVertices('select id, geometry as geom from streets order by id');
        delete from street_vertices;
        insert into street_vertices (id, geometry) select id, ST_SetSRID(ST_Point(x, y), 4326) from street_topology;
        update streets s set source = o.vid, target = i.vid
        from (select id as vid, unnest(out_edges) as edge from street_topology) o,
             (select id as vid, unnest(in_edges) as edge from street_topology) i
        where o.edge = s.id and i.edge = s.id;
        """;

    /// <summary>
    /// Rebuilds <c>street_vertices</c> and every street's <c>source</c>/<c>target</c> from the street geometries, in
    /// <paramref name="tx"/> (required: the working table lives until commit). Returns the number of vertices.
    /// Vertex ids are stable for the same streets loaded in the same id order.
    /// </summary>
    public static async Task<int> BuildTopologyAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using (var build = new NpgsqlCommand(BuildSql, conn, tx) { CommandTimeout = 600 })
            await build.ExecuteNonQueryAsync(ct);
        await using var count = new NpgsqlCommand("select count(*) from street_vertices", conn, tx);
        return (int)(long)(await count.ExecuteScalarAsync(ct))!;
    }

    /// <summary>As <see cref="BuildTopologyAsync(NpgsqlConnection, NpgsqlTransaction, CancellationToken)"/>, in a
    /// transaction of its own, then analyses both tables.</summary>
    public static async Task<int> BuildTopologyAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        int vertices;
        await using (var tx = await conn.BeginTransactionAsync(ct))
        {
            vertices = await BuildTopologyAsync(conn, tx, ct);
            await tx.CommitAsync(ct);
        }
        await using var analyze = new NpgsqlCommand("analyze streets; analyze street_vertices", conn);
        await analyze.ExecuteNonQueryAsync(ct);
        return vertices;
    }
}
