using Npgsql;

namespace AssetRegistry.Domain.Security;

/// <summary>One line of the audit trail.</summary>
/// <param name="UserName">Who acted or tried to sign in (null: unknown).</param>
/// <param name="Action">What happened, a dotted name from <see cref="AuditActions"/> or a feature's own (e.g. <c>export.created</c>).</param>
/// <param name="Target">What it happened to (a token id, a rule id, a user name), or null.</param>
/// <param name="Detail">A short free text (never a password or a token).</param>
/// <param name="ClientIp">The client's address as the server saw it.</param>
/// <param name="AuthMethod">cookie, basic or token; null for actions not tied to a sign-in.</param>
public sealed record AuditEntry(string? UserName, string Action, string? Target = null, string? Detail = null, string? ClientIp = null,
    string? AuthMethod = null);

/// <summary>A stored audit line with its id and time (UTC).</summary>
public sealed record AuditEvent(long Id, DateTimeOffset At, string? UserName, string Action, string? Target, string? Detail, string? ClientIp,
    string? AuthMethod);

/// <summary>Filters for reading the trail; null means any. <see cref="To"/> is exclusive.</summary>
public sealed record AuditQuery(string? UserName, string? Action, DateTimeOffset? From, DateTimeOffset? To, int Limit, int Offset);

/// <summary>A page of the trail, newest first, and how many lines match in all.</summary>
public sealed record AuditPage(long NumberMatched, IReadOnlyList<AuditEvent> Events);

/// <summary>The action names the registry itself writes.</summary>
public static class AuditActions
{
    /// <summary>A sign-in that succeeded (cookie form, or a Basic/token credential first seen this minute).</summary>
    public const string SignInSucceeded = "sign-in.succeeded";
    /// <summary>A sign-in refused (unknown user, wrong password, locked account, revoked or expired token).</summary>
    public const string SignInFailed = "sign-in.failed";
    /// <summary>A personal API token was issued.</summary>
    public const string TokenIssued = "token.issued";
    /// <summary>A personal API token was revoked (by its owner or an admin).</summary>
    public const string TokenRevoked = "token.revoked";
    /// <summary>An inspection rule was added.</summary>
    public const string RuleCreated = "rule.created";
    /// <summary>An inspection rule's settings were replaced.</summary>
    public const string RuleReplaced = "rule.replaced";
    /// <summary>A crew was created (its members are users).</summary>
    public const string CrewCreated = "crew.created";
    /// <summary>A user or their roles were changed; for the user administration to record (the registry has no
    /// user or role endpoints yet: users are made with Identity directly).</summary>
    public const string UserChanged = "user.changed";
}

/// <summary>
/// The append-only audit trail of sign-ins and administrative actions. Any feature records with
/// <see cref="RecordAsync"/>; admins read it with <see cref="QueryAsync"/>. Lines are never updated or deleted by
/// the application.
/// </summary>
public sealed class AuditTrail(NpgsqlDataSource db, TimeProvider clock)
{
    /// <summary>Longest text stored in any column; longer values (a hostile user name) are cut.</summary>
    public const int MaxFieldLength = 500;

    // Why: append only; time from the app clock so tests and the trail agree.
    private const string InsertSql = """
        insert into audit_events (at, user_name, action, target, detail, client_ip, auth_method) values ($1, $2, $3, $4, $5, $6, $7)
        """;

    // Why: admins page through the trail newest first, filtered by user, action and time.
    private const string QuerySql = """
        select id, at, user_name, action, target, detail, client_ip, auth_method, count(*) over ()
        from audit_events
        where ($1::text is null or user_name = $1) and ($2::text is null or action = $2)
          and ($3::timestamptz is null or at >= $3) and ($4::timestamptz is null or at < $4)
        order by at desc, id desc limit $5 offset $6
        """;

    /// <summary>Appends one line, stamped now.</summary>
    public async Task RecordAsync(AuditEntry entry, CancellationToken ct = default)
    {
        await using var cmd = db.CreateCommand(InsertSql);
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        foreach (var value in new[] { entry.UserName, entry.Action, entry.Target, entry.Detail, entry.ClientIp, entry.AuthMethod })
            cmd.Parameters.Add(new() { Value = (object?)Cut(value) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>A page of the trail, newest first.</summary>
    public async Task<AuditPage> QueryAsync(AuditQuery q, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(QuerySql);
        cmd.Parameters.Add(new() { Value = (object?)q.UserName ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)q.Action ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = (object?)q.From ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = (object?)q.To ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = q.Limit });
        cmd.Parameters.Add(new() { Value = q.Offset });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var events = new List<AuditEvent>();
        long matched = 0;
        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        while (await reader.ReadAsync(ct))
        {
            events.Add(new AuditEvent(reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1), Text(2), reader.GetString(3), Text(4), Text(5),
                Text(6), Text(7)));
            matched = reader.GetInt64(8);
        }
        if (events.Count == 0 && q.Offset > 0)
        {
            // Past the end: count() over () saw no rows, so ask for the total on its own.
            return new AuditPage(await CountAsync(q, ct), events);
        }
        return new AuditPage(matched, events);
    }

    private async Task<long> CountAsync(AuditQuery q, CancellationToken ct)
    {
        var page = await QueryAsync(q with { Offset = 0, Limit = 1 }, ct);
        return page.NumberMatched;
    }

    private static string? Cut(string? value) => value is { Length: > MaxFieldLength } ? value[..MaxFieldLength] : value;
}
