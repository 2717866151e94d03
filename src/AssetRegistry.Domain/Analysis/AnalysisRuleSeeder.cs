using Npgsql;

namespace AssetRegistry.Domain.Analysis;

/// <summary>Adds the default park service rules, coverage targets and walking-coverage parameters whose codes are missing.</summary>
public static class AnalysisRuleSeeder
{
    public static async Task<int> EnsureDefaultsAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        var added = 0;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        foreach (var r in ParkServiceRule.Defaults)
        {
            await using var cmd = new NpgsqlCommand("""
                insert into park_service_rules (code, min_area_m2, max_area_m2, radius_m, source, verification, active)
                values ($1, $2, $3, $4, $5, $6, true) on conflict (code) do nothing
                """, conn);
            foreach (var v in new object?[] { r.Code, r.MinAreaM2, r.MaxAreaM2, r.RadiusM, r.Source, r.Verification })
                cmd.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
            added += await cmd.ExecuteNonQueryAsync(ct);
        }
        foreach (var t in CoverageTarget.Defaults)
        {
            await using var cmd = new NpgsqlCommand("""
                insert into coverage_targets (code, title_zh, title_en, percent, source, verification)
                values ($1, $2, $3, $4, $5, $6) on conflict (code) do nothing
                """, conn);
            foreach (var v in new object[] { t.Code, t.TitleZh, t.TitleEn, t.Percent, t.Source, t.Verification })
                cmd.Parameters.Add(new NpgsqlParameter { Value = v });
            added += await cmd.ExecuteNonQueryAsync(ct);
        }
        foreach (var p in CoverageParameter.Defaults)
        {
            await using var cmd = new NpgsqlCommand("""
                insert into coverage_parameters (code, value, unit, source, verification)
                values ($1, $2, $3, $4, $5) on conflict (code) do nothing
                """, conn);
            foreach (var v in new object[] { p.Code, p.Value, p.Unit, p.Source, p.Verification })
                cmd.Parameters.Add(new NpgsqlParameter { Value = v });
            added += await cmd.ExecuteNonQueryAsync(ct);
        }
        return added;
    }
}
