using System.Text.Json;
using AssetRegistry.Domain.Assets;
using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Domain.Imports;

/// <summary>The states of an import run, as stored.</summary>
public static class ImportStatus
{
    /// <summary>Queued or reading and checking the file (the dry run).</summary>
    public const string Validating = "validating";
    /// <summary>The dry run is done: counts and refusals are known, nothing is written yet.</summary>
    public const string Validated = "validated";
    /// <summary>The merge transaction is running.</summary>
    public const string Importing = "importing";
    /// <summary>The merge committed.</summary>
    public const string Done = "done";
    /// <summary>The file could not be read, or the merge was refused or interrupted; nothing was written.</summary>
    public const string Failed = "failed";
    /// <summary>Thrown away after the dry run.</summary>
    public const string Discarded = "discarded";
    /// <summary>Validated and then neither committed nor discarded for <c>ImportSettings.ValidatedRunHours</c>:
    /// its staging and refusals were dropped by the sweep (<see cref="ImportRuns.ExpireValidatedAsync"/>).</summary>
    public const string Expired = "expired";
}

/// <summary>How a validated run is committed.</summary>
public static class CommitMode
{
    /// <summary>Every row or none: refused when the dry run refused any row.</summary>
    public const string AllOrNothing = "all-or-nothing";
    /// <summary>The valid rows only; the refused ones stay in the refused-rows file.</summary>
    public const string ValidRows = "valid-rows";

    public static readonly IReadOnlyList<string> All = [AllOrNothing, ValidRows];
}

/// <summary>One import run as stored in <c>import_runs</c>. <c>RowsUnchanged</c>: of the rows a re-import matched
/// on code, those the file gives exactly as stored (every attribute it maps, the district and the geometry); the dry
/// run counts them, and the commit leaves them as they are, with no new version and no history row.</summary>
public sealed record ImportRun(
    long Id, string Collection, string Format, string FileName, string FilePath, string Status,
    long RowsRead, long RowsRefused, long RowsInserted, long RowsUpdated, double Progress,
    IReadOnlyList<string> SourceFields, IReadOnlyDictionary<string, string> Mapping,
    string? DeclaredCrs, string? Crs, bool Gcj02, bool MatchOnCode, string? CommitMode,
    LocalizedText? Error, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt, DateTimeOffset LastActiveAt,
    long RowsUnchanged)
{
    /// <summary>When a validated run will be expired if nobody commits or discards it: the end of its dry run
    /// (<see cref="LastActiveAt"/>, its last heartbeat) plus <paramref name="keep"/>; null in every other state.</summary>
    public DateTimeOffset? ExpiresAt(TimeSpan keep) => Status == ImportStatus.Validated ? LastActiveAt + keep : null;

    /// <summary>Rows that would be (or were) written: read minus refused.</summary>
    public long RowsValid => Math.Max(0, RowsRead - RowsRefused);
}

/// <summary>One refused row: its number in the file, the field, and why.</summary>
public sealed record ImportRefusal(long Row, string Field, LocalizedText Reason);

/// <summary>
/// Reads and writes <c>import_runs</c> and <c>import_refusals</c> with Npgsql (hand-written tables, outside the EF
/// model). State changes are conditional updates (<c>where status = …</c>), so two requests racing to commit or
/// discard the same run cannot both win.
/// </summary>
public sealed class ImportRuns(NpgsqlDataSource dataSource)
{
    private const string Columns = """
        id, collection, format, file_name, file_path, status, rows_read, rows_refused, rows_inserted, rows_updated, progress,
        source_fields, mapping::text, declared_crs, crs, gcj02, match_on_code, commit_mode, error_en, error_zh, created_by, created_at, finished_at,
        heartbeat_at, rows_unchanged
        """;

    /// <summary>Records a new run in state <c>validating</c> and returns its id.</summary>
    public async Task<long> CreateAsync(string collection, string format, string fileName, string filePath, string? declaredCrs,
        bool gcj02, bool matchOnCode, IReadOnlyDictionary<string, string>? mapping, string user, DateTimeOffset at, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            insert into import_runs (collection, format, file_name, file_path, status, declared_crs, gcj02, match_on_code, mapping, created_by, created_at)
            values ($1, $2, $3, $4, 'validating', $5, $6, $7, $8::jsonb, $9, $10) returning id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = collection });
        cmd.Parameters.Add(new NpgsqlParameter { Value = format });
        cmd.Parameters.Add(new NpgsqlParameter { Value = fileName });
        cmd.Parameters.Add(new NpgsqlParameter { Value = filePath });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)declaredCrs ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        cmd.Parameters.Add(new NpgsqlParameter { Value = gcj02 });
        cmd.Parameters.Add(new NpgsqlParameter { Value = matchOnCode });
        cmd.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(mapping ?? new Dictionary<string, string>()) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = user });
        cmd.Parameters.Add(new NpgsqlParameter { Value = at });
        return (long)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>The run, or null.</summary>
    public async Task<ImportRun?> FindAsync(long id, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from import_runs where id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    /// <summary>The user's most recent runs, newest first.</summary>
    public async Task<IReadOnlyList<ImportRun>> RecentAsync(string user, int limit, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand($"select {Columns} from import_runs where created_by = $1 order by id desc limit $2");
        cmd.Parameters.Add(new NpgsqlParameter { Value = user });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        var list = new List<ImportRun>();
        while (await r.ReadAsync(ct)) list.Add(Read(r));
        return list;
    }

    /// <summary>A page of the run's refusals in file order, with their total.</summary>
    public async Task<(long Total, IReadOnlyList<ImportRefusal> Items)> RefusalsAsync(long id, long offset, int limit, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        var count = new NpgsqlBatchCommand("select count(*) from import_refusals where run_id = $1");
        count.Parameters.Add(new NpgsqlParameter { Value = id });
        var page = new NpgsqlBatchCommand("""
            select row_number, field, reason_en, reason_zh from import_refusals where run_id = $1
            order by row_number, field limit $2 offset $3
            """);
        page.Parameters.Add(new NpgsqlParameter { Value = id });
        page.Parameters.Add(new NpgsqlParameter { Value = limit });
        page.Parameters.Add(new NpgsqlParameter { Value = offset });
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(page);
        await using var r = await batch.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        var total = r.GetInt64(0);
        await r.NextResultAsync(ct);
        var items = new List<ImportRefusal>();
        while (await r.ReadAsync(ct)) items.Add(new ImportRefusal(r.GetInt64(0), r.GetString(1), new LocalizedText(r.GetString(2), r.GetString(3))));
        return (total, items);
    }

    /// <summary>Moves the run from one of <paramref name="from"/> to <paramref name="to"/>; false when it was in
    /// another state (someone else got there first).</summary>
    public async Task<bool> TransitionAsync(long id, IReadOnlyList<string> from, string to, string? commitMode, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            update import_runs set status = $3, progress = 0, commit_mode = coalesce($4, commit_mode), heartbeat_at = now(),
                finished_at = case when $3 in ('done', 'failed', 'discarded', 'expired') then now() end
            where id = $1 and status = any($2)
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = from.ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = to });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)commitMode ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await cmd.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Records progress (0–1) and, when given, the rows read so far.</summary>
    public async Task ReportAsync(long id, double progress, long? rowsRead, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("update import_runs set progress = $2, rows_read = coalesce($3, rows_read) where id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (float)Math.Clamp(progress, 0, 1) });
        cmd.Parameters.Add(new NpgsqlParameter { Value = (object?)rowsRead ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bigint });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Marks the run failed with a reason, from whatever state it was in except done and discarded.</summary>
    public async Task FailAsync(long id, LocalizedText reason, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("""
            update import_runs set status = 'failed', error_en = $2, error_zh = $3, finished_at = now()
            where id = $1 and status not in ('done', 'discarded', 'expired')
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = reason.En });
        cmd.Parameters.Add(new NpgsqlParameter { Value = reason.Zh });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records that <paramref name="worker"/> (a web process) has the run queued or running.</summary>
    public async Task ClaimAsync(long id, string worker, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand("update import_runs set worker = $2, heartbeat_at = now() where id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = worker });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Says that <paramref name="worker"/> is alive for every run it has validating or importing.</summary>
    public async Task HeartbeatAsync(string worker, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "update import_runs set heartbeat_at = now() where worker = $1 and status in ('validating', 'importing')");
        cmd.Parameters.Add(new NpgsqlParameter { Value = worker });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Marks failed every run still validating or importing whose process has not said it is alive for
    /// <paramref name="lease"/> (it stopped, or lost the database), and drops their staging with
    /// <paramref name="dropStaging"/>, in one transaction: a run is seen failed only once its staging is gone. A
    /// commit is one transaction, so an abandoned import wrote nothing. Returns their ids.
    /// </summary>
    public Task<IReadOnlyList<long>> FailAbandonedAsync(TimeSpan lease, Func<long, string> dropStaging, CancellationToken ct) =>
        EndRunsAsync("""
            update import_runs set status = 'failed', finished_at = now(),
                error_en = 'The server stopped during the run; nothing was written. Upload the file again.',
                error_zh = '运行期间服务器停止，未写入任何内容。请重新上传文件。'
            where status in ('validating', 'importing') and heartbeat_at < now() - $1 returning id
            """, [lease], dropStaging, clearRefusals: false, ct);

    /// <summary>The reason an expired run gives (<see cref="ExpireValidatedAsync"/>), for <paramref name="hours"/>.</summary>
    public static LocalizedText ExpiredReason(int hours) => new(
        $"The dry run was neither imported nor discarded within {hours} hours, so its checked rows were removed; nothing was written. Upload the file again to import it.",
        $"试运行后 {hours} 小时内既未导入也未放弃，已删除其校验数据，未写入任何内容。如需导入，请重新上传文件。");

    /// <summary>
    /// Expires every validated run whose dry run ended more than <paramref name="keep"/> ago (its heartbeat, which
    /// the end of the dry run stamps): in one transaction the run becomes <c>expired</c> with
    /// <see cref="ExpiredReason"/>, its staging goes (<paramref name="dropStaging"/>) and so do its refusals and
    /// refused rows. A commit or discard racing with it moves the run out of <c>validated</c> first or finds it
    /// expired; both are conditional updates, so only one wins. Returns the ids.
    /// </summary>
    public Task<IReadOnlyList<long>> ExpireValidatedAsync(TimeSpan keep, Func<long, string> dropStaging, CancellationToken ct)
    {
        var reason = ExpiredReason((int)Math.Round(keep.TotalHours));
        return EndRunsAsync("""
            update import_runs set status = 'expired', finished_at = now(), error_en = $2, error_zh = $3
            where status = 'validated' and heartbeat_at < now() - $1 returning id
            """, [keep, reason.En, reason.Zh], dropStaging, clearRefusals: true, ct);
    }

    /// <summary>The sweeps' one transaction: <paramref name="update"/> ends the runs and returns their ids, then
    /// each one's staging is dropped and, when asked, its refusals and refused rows deleted.</summary>
    private async Task<IReadOnlyList<long>> EndRunsAsync(string update, object[] args, Func<long, string> dropStaging, bool clearRefusals,
        CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // A staging table still in use (its statement outlives the process that sent it) is not waited for: the
        // sweep gives up and the next one tries again.
        await using (var wait = new NpgsqlCommand("set local lock_timeout = '2s'", conn, tx)) await wait.ExecuteNonQueryAsync(ct);
        var ids = new List<long>();
        await using (var cmd = new NpgsqlCommand(update, conn, tx))
        {
            foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) ids.Add(r.GetInt64(0));
        }
        foreach (var id in ids)
        {
            await using var drop = new NpgsqlCommand(dropStaging(id), conn, tx);
            await drop.ExecuteNonQueryAsync(ct);
        }
        if (clearRefusals && ids.Count > 0)
            foreach (var table in new[] { "import_refusals", "import_refused_rows" })
            {
                await using var clear = new NpgsqlCommand($"delete from {table} where run_id = any($1)", conn, tx);
                clear.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
                await clear.ExecuteNonQueryAsync(ct);
            }
        await tx.CommitAsync(ct);
        return ids;
    }

    private static ImportRun Read(NpgsqlDataReader r)
    {
        string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
        var en = S(18);
        return new ImportRun(r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5),
            r.GetInt64(6), r.GetInt64(7), r.GetInt64(8), r.GetInt64(9), r.GetFloat(10),
            r.GetFieldValue<string[]>(11), JsonSerializer.Deserialize<Dictionary<string, string>>(r.GetString(12)) ?? [],
            S(13), S(14), r.GetBoolean(15), r.GetBoolean(16), S(17),
            en is null ? null : new LocalizedText(en, S(19) ?? en), r.GetString(20), r.GetFieldValue<DateTimeOffset>(21),
            r.IsDBNull(22) ? null : r.GetFieldValue<DateTimeOffset>(22), r.GetFieldValue<DateTimeOffset>(23), r.GetInt64(24));
    }
}
