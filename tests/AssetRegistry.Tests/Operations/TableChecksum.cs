using Npgsql;

namespace AssetRegistry.Tests.Operations;

/// <summary>A table's row count and the md5 of its rows in a fixed order: two databases hold the same data exactly
/// when their checksums agree.</summary>
public sealed record TableChecksum(string Table, long Rows, string Md5)
{
    /// <summary>Count and md5 over <paramref name="columns"/> (an expression list; leave out what varies from run to
    /// run, such as ids and creation times), rows ordered by their text.</summary>
    public static async Task<TableChecksum> OfAsync(string connectionString, string table, string columns = "t.*")
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        // Test-side SQL; the table names come from the catalogue or from the test, never from input.
        await using var cmd = new NpgsqlCommand(
            $"select count(*), coalesce(md5(string_agg(r, E'\\n' order by r)), '') from (select ({columns})::text as r from {table} t) x", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new TableChecksum(table, reader.GetInt64(0), reader.GetString(1));
    }

    /// <summary>The checksum of every table in the public and hangfire schemas (PostGIS's spatial_ref_sys aside).</summary>
    public static async Task<IReadOnlyList<TableChecksum>> AllAsync(string connectionString)
    {
        var tables = new List<string>();
        await using (var conn = new NpgsqlConnection(connectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand("""
                select format('%I.%I', table_schema, table_name) from information_schema.tables
                where table_schema in ('public', 'hangfire') and table_type = 'BASE TABLE' and table_name <> 'spatial_ref_sys'
                order by 1
                """, conn);
            await using var reader = await cmd.ExecuteReaderAsync();
            while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        }
        var sums = new List<TableChecksum>();
        foreach (var t in tables) sums.Add(await OfAsync(connectionString, t));
        return sums;
    }
}
