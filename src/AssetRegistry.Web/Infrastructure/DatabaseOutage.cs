using System.Net.Sockets;
using Npgsql;

namespace AssetRegistry.Web.Infrastructure;

/// <summary>
/// How the web process meets a database that went away (<c>Database</c> section): a short connect timeout so a
/// request waiting for a dead server gives up quickly, and the Retry-After that every 503 carries.
/// </summary>
public sealed class DatabaseOptions
{
    /// <summary>Seconds to wait for a connection (a new one, or a free one from the pool) before the request fails
    /// with 503. Npgsql's default of 15 s would hold every request for 15 s while a server does not answer; a refused
    /// connection fails at once whatever this says. 5 s, not less: on the shared 2-core machine, 32 clients arriving
    /// at once made some of the 32 new connections take over 3 s to open (bench.sh load), which a 3-s limit turned
    /// into 503s. A connection string's own non-default <c>Timeout</c> wins.</summary>
    public int ConnectTimeoutSeconds { get; set; } = 5;

    /// <summary>Seconds a client is told to wait (Retry-After) after a 503: about what a fast PostgreSQL restart or a
    /// replica promotion takes.</summary>
    public int RetryAfterSeconds { get; set; } = 5;

    /// <summary>Seconds a short read (<see cref="ShortReads"/>) goes on after its client has left before its statement
    /// is cancelled. A page or a tile takes milliseconds, so one cut off by a panning map or a load tool's end simply
    /// finishes; one still running after this long is waiting on something (a bulk import's lock on its table, a
    /// stalled server), and holding its pooled connection for nobody could leave requests that do have a client
    /// without one. 5 s: above the slowest tile answered under full load on the 2-core machine (2.7 s).</summary>
    public int AbandonedReadGraceSeconds { get; set; } = 5;

    /// <summary>The connection string with the connect timeout applied (unless it sets its own).</summary>
    public string WithConnectTimeout(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        if (b.Timeout == new NpgsqlConnectionStringBuilder().Timeout) b.Timeout = ConnectTimeoutSeconds;
        return b.ConnectionString;
    }

    public static DatabaseOptions From(IConfiguration configuration)
    {
        var options = new DatabaseOptions();
        configuration.GetSection("Database").Bind(options);
        if (options.ConnectTimeoutSeconds <= 0 || options.RetryAfterSeconds <= 0 || options.AbandonedReadGraceSeconds <= 0)
            throw new Cli.StartupException(
                "Database:ConnectTimeoutSeconds, Database:RetryAfterSeconds and Database:AbandonedReadGraceSeconds must be positive.");
        return options;
    }
}

/// <summary>Tells a database outage (server down, restarting, refusing connections, unreachable) from a fault in the
/// request or the code.</summary>
public static class DatabaseOutage
{
    /// <summary>SQLSTATEs of a server that is going away or not yet there: admin_shutdown (57P01, <c>pg_ctl stop -m
    /// fast</c>), crash_shutdown (57P02), cannot_connect_now (57P03, starting up or shutting down), and class 08
    /// (connection exceptions).</summary>
    public static bool IsOutageState(string sqlState) =>
        sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
        || sqlState.StartsWith("08", StringComparison.Ordinal);

    /// <summary>True when <paramref name="exception"/> (or one it wraps, as EF Core does) says the database cannot be
    /// reached or is restarting: a socket or I/O failure under Npgsql, a connect timeout, or an outage SQLSTATE.
    /// Other PostgreSQL errors (constraint violations, syntax) are not outages.</summary>
    public static bool Is(Exception exception)
    {
        if (IsPoolExhausted(exception)) return false;
        foreach (var e in Causes(exception))
        {
            switch (e)
            {
                case PostgresException p:
                    return IsOutageState(p.SqlState);
                case NpgsqlException n when n.InnerException is SocketException or IOException or TimeoutException:
                    return true;
                case NpgsqlException { IsTransient: true }:
                    return true;
                case TimeoutException or SocketException:
                    return true;
            }
        }
        return false;
    }

    /// <summary>True when <paramref name="exception"/> (or one it wraps) is a query the server cancelled so that
    /// another could go on, and which succeeds if asked again: serialization_failure (40001, also what a hot-standby
    /// replica raises when replaying the primary's changes conflicts with a long read) and deadlock_detected (40P01,
    /// also a read waiting on the replay while the replay waits on it).</summary>
    public static bool IsRetryable(Exception exception) =>
        Causes(exception).OfType<PostgresException>().FirstOrDefault() is { } p
        && p.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;

    /// <summary>True when every connection of the pool was in use for the whole wait (Npgsql's pool timeout): the
    /// server is up and this process is busy, so it is no outage and no reason to empty the pools. Npgsql says so only
    /// in its message; <c>PoolExhaustionTests</c> exhausts a real pool, so a change of wording fails a test.</summary>
    public static bool IsPoolExhausted(Exception exception) =>
        Causes(exception).Any(e => e is NpgsqlException { InnerException: TimeoutException } n
                                   && n.Message.StartsWith("The connection pool has been exhausted", StringComparison.Ordinal));

    /// <summary>The exception and the ones it wraps, outermost first (EF Core wraps Npgsql's).</summary>
    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException) yield return e;
    }
}
