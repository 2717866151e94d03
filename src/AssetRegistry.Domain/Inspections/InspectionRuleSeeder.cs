using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Domain.Inspections;

/// <summary>Adds the default rules whose codes are missing; rules an admin edited or retired are left alone.</summary>
public static class InspectionRuleSeeder
{
    /// <summary>Returns how many rules were added.</summary>
    public static async Task<int> EnsureDefaultsAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        var added = 0;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        foreach (var r in DefaultInspectionRules.All)
        {
            await using var cmd = new NpgsqlCommand("""
                insert into inspection_rules (code, collection, inspection_type, filter_attribute, filter_values, last_done_attribute, interval_days,
                    season_start_month, season_end_month, checklist, confined_space, title_zh, title_en, source, verification, active, version)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, true, 1)
                on conflict (code) do nothing
                """, conn, tx);
            object?[] values = [r.Code, r.Collection, r.InspectionType, r.FilterAttribute, r.FilterValues, r.LastDoneAttribute, r.IntervalDays,
                r.SeasonStartMonth, r.SeasonEndMonth, r.Checklist, r.ConfinedSpace, r.TitleZh, r.TitleEn, r.Source, r.Verification];
            foreach (var v in values)
                cmd.Parameters.Add(v is string[] arr
                    ? new NpgsqlParameter { Value = arr, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text }
                    : new NpgsqlParameter { Value = v ?? DBNull.Value });
            cmd.Parameters[4].NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text;
            added += await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return added;
    }
}
