using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace AssetRegistry.Domain.Security;

/// <summary>A personal API token as its owner and admins see it; the secret itself is never stored or shown again.</summary>
/// <param name="Id">Token id (used to revoke it).</param>
/// <param name="UserName">The owner's user name.</param>
/// <param name="Name">The owner's label for it, e.g. "QGIS on the office PC".</param>
/// <param name="CreatedAt">When it was issued (UTC).</param>
/// <param name="LastUsedAt">When it last authenticated a request, to the minute (null: never).</param>
/// <param name="ExpiresAt">When it stops working (null: never).</param>
public sealed record ApiTokenView(long Id, string UserName, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? ExpiresAt);

/// <summary>The token a request presented, once verified: its id and its owner's Identity user id.</summary>
public sealed record VerifiedApiToken(long Id, string UserId);

/// <summary>
/// Personal API tokens for GIS clients (QGIS, GDAL, scripts): a 256-bit random secret shown once at issue and stored
/// only as its SHA-256, so a copy of the database cannot be replayed. Verification is one indexed lookup (no slow
/// password hash), so it runs on every request and revocation or expiry takes effect at once.
/// </summary>
public sealed class ApiTokens(NpgsqlDataSource db, TimeProvider clock)
{
    /// <summary>Every token starts with this, so a client can send one where a password goes (HTTP Basic) and the
    /// server can tell the two apart; also makes leaked tokens easy to grep for.</summary>
    public const string Prefix = "arp_";

    /// <summary>Longest label, in characters (the column checks it too).</summary>
    public const int MaxNameLength = 100;

    /// <summary>last_used_at is written at most this often per token, so a client paging a collection does not turn
    /// every read into a write.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    // Why: issue; the hash is unique, the owner is an Identity user id.
    private const string InsertSql = """
        insert into api_tokens (user_id, name, token_hash, created_at, expires_at) values ($1, $2, $3, $4, $5)
        returning id, (select "UserName" from "AspNetUsers" where "Id" = $1), created_at
        """;

    // Why: listing shows live tokens only (revoked ones are gone for the owner; the audit trail keeps the story).
    private const string ListSql = """
        select t.id, u."UserName", t.name, t.created_at, t.last_used_at, t.expires_at
        from api_tokens t join "AspNetUsers" u on u."Id" = t.user_id
        where t.revoked_at is null and ($1::text is null or t.user_id = $1)
        order by u."UserName", t.created_at desc, t.id desc
        """;

    // Why: revoke by the owner ($2 = owner id) or by an admin ($2 null); returns the revoked token's owner name.
    private const string RevokeSql = """
        update api_tokens t set revoked_at = $3 from "AspNetUsers" u
        where u."Id" = t.user_id and t.id = $1 and t.revoked_at is null and ($2::text is null or t.user_id = $2)
        returning u."UserName", t.name
        """;

    // Why: verification on every request; the unique index on token_hash makes it one probe.
    private const string VerifySql = """
        select id, user_id, last_used_at from api_tokens
        where token_hash = $1 and revoked_at is null and (expires_at is null or expires_at > $2)
        """;

    // Why: last-used to the minute; the condition keeps concurrent requests from writing twice.
    private const string TouchSql = "update api_tokens set last_used_at = $2 where id = $1 and (last_used_at is null or last_used_at < $3)";

    /// <summary>Issues a token for <paramref name="userId"/>. Returns the view and the secret, which exists nowhere
    /// else afterwards. <paramref name="expiresAt"/> null: no expiry.</summary>
    public async Task<(ApiTokenView Token, string Secret)> IssueAsync(string userId, string name, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        await using var cmd = db.CreateCommand(InsertSql);
        cmd.Parameters.Add(new() { Value = userId });
        cmd.Parameters.Add(new() { Value = name });
        cmd.Parameters.Add(new() { Value = Hash(secret) });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        cmd.Parameters.Add(new() { Value = (object?)expiresAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (new ApiTokenView(reader.GetInt64(0), reader.GetString(1), name, reader.GetFieldValue<DateTimeOffset>(2), null, expiresAt), secret);
    }

    /// <summary>Live (not revoked) tokens of one user, or of everyone when <paramref name="userId"/> is null;
    /// expired ones are listed too, with their expiry, so the owner sees why a client stopped working.</summary>
    public async Task<IReadOnlyList<ApiTokenView>> ListAsync(string? userId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(ListSql);
        cmd.Parameters.Add(new() { Value = (object?)userId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var tokens = new List<ApiTokenView>();
        while (await reader.ReadAsync(ct))
            tokens.Add(new ApiTokenView(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4), reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5)));
        return tokens;
    }

    /// <summary>Revokes token <paramref name="id"/> if it is live and belongs to <paramref name="ownerId"/> (null:
    /// any owner, for admins). Returns the owner's user name and the token's label, or null when there was nothing
    /// to revoke (unknown, someone else's, or already revoked).</summary>
    public async Task<(string UserName, string Name)?> RevokeAsync(long id, string? ownerId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(RevokeSql);
        cmd.Parameters.Add(new() { Value = id });
        cmd.Parameters.Add(new() { Value = (object?)ownerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = clock.GetUtcNow() });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    /// <summary>The live, unexpired token matching <paramref name="secret"/>, or null. Records the use (to the
    /// minute, see <see cref="LastUsedResolution"/>); <c>FirstUseThisMinute</c> is true when that record was written.</summary>
    public async Task<(VerifiedApiToken Token, bool FirstUseThisMinute)?> VerifyAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(Prefix, StringComparison.Ordinal) || secret.Length > 200) return null;
        var now = clock.GetUtcNow();
        VerifiedApiToken token;
        DateTimeOffset? lastUsed;
        await using (var cmd = db.CreateCommand(VerifySql))
        {
            cmd.Parameters.Add(new() { Value = Hash(secret) });
            cmd.Parameters.Add(new() { Value = now });
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            if (!await reader.ReadAsync(ct)) return null;
            token = new VerifiedApiToken(reader.GetInt64(0), reader.GetString(1));
            lastUsed = reader.IsDBNull(2) ? null : reader.GetFieldValue<DateTimeOffset>(2);
        }
        if (lastUsed is { } used && used >= now - LastUsedResolution) return (token, false);
        await using var touch = db.CreateCommand(TouchSql);
        touch.Parameters.Add(new() { Value = token.Id });
        touch.Parameters.Add(new() { Value = now });
        touch.Parameters.Add(new() { Value = now - LastUsedResolution });
        return (token, await touch.ExecuteNonQueryAsync(ct) == 1);
    }

    /// <summary>SHA-256 of the secret's UTF-8 bytes: what the table stores.</summary>
    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
