using AssetRegistry.Web.Infrastructure;
using Npgsql;

namespace AssetRegistry.Web.Health;

/// <summary><c>GET /health</c>: 200 with the PostgreSQL and PostGIS versions (and, with a read replica configured,
/// the replica's replay delay), 503 when the database or the replica does not answer.</summary>
public static class HealthEndpoints
{
    // Seconds since the last transaction the replica replayed, 0 when it has replayed everything it received.
    private const string ReplicaLagSql = """
        select case when pg_last_wal_receive_lsn() is distinct from pg_last_wal_replay_lsn()
                    then coalesce(extract(epoch from now() - pg_last_xact_replay_timestamp()), 0) else 0 end::float8
        """;

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync).AllowAnonymous().WithName("Health").WithSummary("Database and PostGIS versions, or 503.");
        return app;
    }

    private static async Task<IResult> CheckAsync(HttpContext http, NpgsqlDataSource dataSource, RegistryDataSources sources,
        DatabaseOptions database, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        string version, postgis;
        try
        {
            await using var cmd = dataSource.CreateCommand("select current_setting('server_version'), postgis_lib_version()");
            await using var reader = await cmd.ExecuteReaderAsync(timeout.Token);
            await reader.ReadAsync(timeout.Token);
            (version, postgis) = (reader.GetString(0), reader.GetString(1));
        }
        catch (Exception e) when (IsDown(e))
        {
            return Down(http, database, "The database did not answer.");
        }
        if (!sources.HasReplica)
            return Results.Ok(new { status = "ok", database = "PostgreSQL " + version, postgis });
        try
        {
            await using var cmd = sources.Read.CreateCommand(ReplicaLagSql);
            var lag = (double)(await cmd.ExecuteScalarAsync(timeout.Token))!;
            return Results.Ok(new
            {
                status = "ok", database = "PostgreSQL " + version, postgis,
                replica = new { status = "ok", replayLagSeconds = Math.Round(lag, 1) },
            });
        }
        catch (Exception e) when (IsDown(e))
        {
            // Item pages, tiles and traces read from the replica: without it this server cannot serve the map.
            return Down(http, database, "The read replica did not answer.");
        }
    }

    private static bool IsDown(Exception e) =>
        e is NpgsqlException or TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException;

    private static IResult Down(HttpContext http, DatabaseOptions database, string detail)
    {
        http.Response.Headers.RetryAfter = database.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Results.Problem(statusCode: 503, title: ProblemTitles.DatabaseUnavailable, detail: detail);
    }
}
