using AssetRegistry.Domain.Persistence;
using Npgsql;

namespace AssetRegistry.Web.Cli;

/// <summary>A start-up problem that is reported as one line, without a stack trace.</summary>
public sealed class StartupException(string message) : Exception(message);

/// <summary>Checks made before anything else runs: a connection string is set and the database answers.</summary>
public static class StartupChecks
{
    public static string RequireConnectionString(IConfiguration configuration)
    {
        var cs = configuration.GetConnectionString(PersistenceSetup.ConnectionName);
        if (string.IsNullOrWhiteSpace(cs))
            throw new StartupException(
                $"no database configured: set ConnectionStrings__{PersistenceSetup.ConnectionName} (./run.sh does this for the local cluster)");
        try
        {
            _ = new NpgsqlConnectionStringBuilder(cs);
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"ConnectionStrings__{PersistenceSetup.ConnectionName} is not a valid PostgreSQL connection string: {e.Message}");
        }
        return cs;
    }

    public static async Task RequireReachableAsync(NpgsqlDataSource dataSource)
    {
        var b = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        try
        {
            await using var conn = await dataSource.OpenConnectionAsync();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new StartupException($"cannot reach the database {b.Database} at {b.Host}:{b.Port} as {b.Username}: {e.Message}");
        }
    }
}
