using System.Diagnostics;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Domain.Inspections;

/// <summary>How many tasks one rule created in a run.</summary>
public sealed record RuleScheduleResult(string RuleCode, int Created, string? Problem);

/// <summary>What a scheduler run did.</summary>
public sealed record ScheduleReport(DateOnly Today, IReadOnlyList<RuleScheduleResult> Rules, double Seconds)
{
    public int Created => Rules.Sum(r => r.Created);
}

/// <summary>
/// Creates every due inspection task, one set-based <c>INSERT … SELECT</c> per active rule, never row by row.
/// Idempotent because the database says so: tasks are unique per (rule, asset, due date) and per (rule, asset)
/// while open, and every insert is <c>ON CONFLICT DO NOTHING</c>; a second run, a run killed halfway and run
/// again, or two runs at once all end with the same tasks as one clean run.
/// </summary>
/// <remarks>
/// Due date: the last completion of the rule's task for the asset (or the rule's last-done attribute, e.g. a
/// bridge's <c>last_periodic_inspection</c>) plus the interval. An asset never inspected is spread over its first
/// cycle by id (today + id mod interval) so that a new registry does not put a whole city on one day; under a
/// seasonal rule it is due at once, inside the season. Tasks are
/// created once due within <see cref="InspectionOptions.ScheduleHorizonDays"/>. Only in-service assets are
/// scheduled, and seasonal rules only in their months. Dates are calendar dates in the options' time zone.
/// </remarks>
public sealed class InspectionScheduler(NpgsqlDataSource dataSource, InspectionOptions options, TimeProvider clock)
{
    /// <summary>Runs every active rule for <paramref name="today"/> (default: today in the options' zone).</summary>
    public async Task<ScheduleReport> RunAsync(DateOnly? today = null, CancellationToken ct = default)
    {
        var day = today ?? options.Today(clock);
        var watch = Stopwatch.StartNew();
        var rules = await LoadActiveRulesAsync(ct);
        var results = new List<RuleScheduleResult>();
        foreach (var rule in rules)
        {
            if (!rule.InSeason(day.Month))
            {
                results.Add(new RuleScheduleResult(rule.Code, 0, null));
                continue;
            }
            var (sql, problem) = BuildSql(rule);
            if (sql is null)
            {
                results.Add(new RuleScheduleResult(rule.Code, 0, problem));
                continue;
            }
            await using var cmd = dataSource.CreateCommand(sql);
            cmd.CommandTimeout = 600;
            cmd.Parameters.Add(new NpgsqlParameter { Value = rule.Id });
            cmd.Parameters.Add(new NpgsqlParameter { Value = day });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rule.IntervalDays });
            cmd.Parameters.Add(new NpgsqlParameter { Value = options.ScheduleHorizonDays });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rule.Collection });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rule.InspectionType });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rule.Checklist });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rule.ConfinedSpace });
            cmd.Parameters.Add(new NpgsqlParameter { Value = options.TimeZone });
            cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)rule.FilterValues ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            var created = await cmd.ExecuteNonQueryAsync(ct);
            results.Add(new RuleScheduleResult(rule.Code, created, null));
        }
        return new ScheduleReport(day, results, watch.Elapsed.TotalSeconds);
    }

    /// <summary>Gives overdue open tasks their yellow or red card (and takes it back if a due date moved), in one
    /// statement. Returns the number of tasks whose card changed.</summary>
    public async Task<int> EscalateAsync(DateOnly? today = null, CancellationToken ct = default)
    {
        var day = today ?? options.Today(clock);
        await using var cmd = dataSource.CreateCommand("""
            update inspection_tasks t set escalation = c.card, version = t.version + 1
            from (select id, case when $1 - due_date >= $3 then 'red' when $1 - due_date >= $2 then 'yellow' else 'none' end as card
                  from inspection_tasks where status = 'open') c
            where t.id = c.id and t.escalation <> c.card
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = day });
        cmd.Parameters.Add(new NpgsqlParameter { Value = options.YellowCardAfterDays });
        cmd.Parameters.Add(new NpgsqlParameter { Value = options.RedCardAfterDays });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private async Task<List<InspectionRule>> LoadActiveRulesAsync(CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            select id, code, collection, inspection_type, filter_attribute, filter_values, last_done_attribute, interval_days,
                   season_start_month, season_end_month, checklist, confined_space
            from inspection_rules where active order by id
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rules = new List<InspectionRule>();
        while (await reader.ReadAsync(ct))
            rules.Add(new InspectionRule
            {
                Id = reader.GetInt32(0), Code = reader.GetString(1), Collection = reader.GetString(2), InspectionType = reader.GetString(3),
                FilterAttribute = reader.IsDBNull(4) ? null : reader.GetString(4),
                FilterValues = reader.IsDBNull(5) ? null : reader.GetFieldValue<string[]>(5),
                LastDoneAttribute = reader.IsDBNull(6) ? null : reader.GetString(6),
                IntervalDays = reader.GetInt32(7),
                SeasonStartMonth = reader.IsDBNull(8) ? null : reader.GetInt32(8), SeasonEndMonth = reader.IsDBNull(9) ? null : reader.GetInt32(9),
                Checklist = reader.GetString(10), ConfinedSpace = reader.GetBoolean(11),
            });
        return rules;
    }

    /// <summary>The rule's insert, or null and why when the rule names something its kind does not have.
    /// Identifiers come from the kind's attribute list only; every value is a parameter.</summary>
    public static (string? Sql, string? Problem) BuildSql(InspectionRule rule)
    {
        var kind = AssetKinds.Find(rule.Collection);
        if (kind is null) return (null, $"Unknown collection '{rule.Collection}'.");
        var filter = "";
        if (rule.FilterAttribute is not null)
        {
            var a = kind.FindAttribute(rule.FilterAttribute);
            if (a is null) return (null, $"{rule.Collection} has no attribute '{rule.FilterAttribute}'.");
            filter = $" and coalesce(a.{FeatureSql.Quote(a.Name)}::text, '') = any($10)";
        }
        var lastDone = "null::date";
        if (rule.LastDoneAttribute is not null)
        {
            var a = kind.FindAttribute(rule.LastDoneAttribute);
            if (a is not { Type: AttributeType.Date }) return (null, $"{rule.Collection} has no date attribute '{rule.LastDoneAttribute}'.");
            lastDone = "a." + FeatureSql.Quote(a.Name);
        }
        // A seasonal rule's first survey falls in the season it runs in; other rules spread the first cycle by id.
        var firstDue = rule.SeasonStartMonth is null ? "$2 + (a.id % $3)::int" : "$2";
        var sql = $"""
            with done as (
                select asset_id, max((completed_at at time zone $9)::date) as on_day
                from inspection_tasks where rule_id = $1 and status = 'done' group by asset_id)
            insert into inspection_tasks (rule_id, asset_id, collection, district, inspection_type, checklist, due_date, priority, status,
                                          confined_space, escalation, created_at, safety_confirmed, version)
            select $1, a.id, $5, a.district, $6, $7, d.due, 100, 'open', $8, 'none', now(), false, 1
            from {FeatureSql.Quote(kind.Table)} a
            left join done on done.asset_id = a.id
            cross join lateral (select coalesce(coalesce(done.on_day, {lastDone}) + $3, {firstDue}) as due) d
            where a.status = 'in_service'{filter}
              and d.due <= $2 + $4
              -- Skipping assets that already have an open task (an index probe) keeps a repeated run cheap; the
              -- unique indexes and ON CONFLICT remain what makes concurrent runs safe.
              and not exists (select 1 from inspection_tasks o where o.rule_id = $1 and o.asset_id = a.id and o.status = 'open')
            on conflict do nothing
            """;
        return (sql, null);
    }
}
