using AssetRegistry.Domain.Assets;
using Npgsql;

namespace AssetRegistry.Tests.Operations;

/// <summary>
/// The scheduler (the <c>schedule</c> command, what the daily Hangfire job runs) killed as an OS process halfway: every
/// rule's tasks are there whole or not at all, and a rerun ends with exactly the tasks of a clean run.
/// </summary>
[Collection(SeededRegistryCollection.Name)]
public sealed class SchedulerKilledTests(SeededRegistry registry)
{
    // The task rows without what differs between runs (ids, creation times, versions).
    private const string TaskColumns =
        "t.rule_id, t.asset_id, t.collection, t.district, t.inspection_type, t.checklist, t.due_date, t.due_by, t.priority, t.status, t.confined_space, t.escalation";

    private const string TasksPerRule = "select rule_id, count(*) from inspection_tasks where rule_id is not null group by rule_id";

    [Fact]
    public async Task SchedulerKilledWhileUnderWay_LeavesWholeRules_AndTheRerunEqualsACleanRun()
    {
        await ExecuteAsync("truncate inspection_tasks, work_lists, alerts cascade");
        Assert.Equal(0, (await Scripts.WebCommandAsync(registry.ConnectionString, "schedule", "--date", SeededRegistry.Day)).Code);
        var clean = await TableChecksum.OfAsync(registry.ConnectionString, "inspection_tasks", TaskColumns);
        var cleanPerRule = await PerRuleAsync();
        Assert.True(clean.Rows > 1000, $"the clean run made {clean.Rows} tasks");
        await ExecuteAsync("truncate inspection_tasks, work_lists, alerts cascade");

        // The kind whose rules come in the middle of the run is held by a lock, so the scheduler is caught with the
        // earlier rules done and one insert waiting: the database itself shows it under way.
        var held = await MiddleKindTableAsync();
        const string app = "schedule-under-test";
        await using (var locker = new NpgsqlConnection(registry.ConnectionString))
        {
            await locker.OpenAsync();
            await using var tx = await locker.BeginTransactionAsync();
            await using (var lockCmd = new NpgsqlCommand($"lock table {held} in access exclusive mode", locker, tx))
                await lockCmd.ExecuteNonQueryAsync();
            await KilledProcess.RunWebCommandAndKillAsync(registry.ConnectionStringFor(app), ["schedule", "--date", SeededRegistry.Day],
                async () => await ScalarAsync<long>($"""
                    select count(*) from pg_stat_activity
                    where application_name = '{app}' and wait_event_type = 'Lock' and query ilike '%insert into inspection_tasks%'
                    """) == 1,
                TimeSpan.FromSeconds(60));
            await tx.RollbackAsync();
        }
        // The killed client's session ends once its statement finishes; wait for it so the check below is final.
        await Poll.UntilAsync(async () => await ScalarAsync<long>($"select count(*) from pg_stat_activity where application_name = '{app}'") == 0,
            TimeSpan.FromSeconds(30), "the killed scheduler's session is gone");

        var afterKill = await PerRuleAsync();
        Assert.True(afterKill.Values.Sum() > 0, "the killed run had written some rules");
        Assert.True(afterKill.Values.Sum() < clean.Rows, "the killed run had not written every rule");
        Assert.All(afterKill, r => Assert.Equal(cleanPerRule[r.Key], r.Value)); // each rule whole, never half

        Assert.Equal(0, (await Scripts.WebCommandAsync(registry.ConnectionString, "schedule", "--date", SeededRegistry.Day)).Code);
        Assert.Equal(clean, await TableChecksum.OfAsync(registry.ConnectionString, "inspection_tasks", TaskColumns));
    }

    /// <summary>The table of the kind whose first rule is in the middle of the rules' order (the scheduler's order).</summary>
    private async Task<string> MiddleKindTableAsync()
    {
        var kinds = new List<string>();
        await using var conn = new NpgsqlConnection(registry.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("select collection from inspection_rules where active group by collection order by min(id)", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync()) kinds.Add(reader.GetString(0));
        return AssetKinds.Find(kinds[kinds.Count / 2])!.Table;
    }

    private async Task<Dictionary<int, long>> PerRuleAsync()
    {
        await using var conn = new NpgsqlConnection(registry.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(TasksPerRule, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var counts = new Dictionary<int, long>();
        while (await reader.ReadAsync()) counts[reader.GetInt32(0)] = reader.GetInt64(1);
        return counts;
    }

    private Task<T> ScalarAsync<T>(string sql) => registry.ScalarAsync<T>(sql);

    private async Task ExecuteAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(registry.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
