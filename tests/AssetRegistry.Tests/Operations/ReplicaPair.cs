using AssetRegistry.Domain.Persistence;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Web.Cli;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;

namespace AssetRegistry.Tests.Operations;

/// <summary>
/// A primary and a streaming replica of its own (scripts/replica.sh) with a migrated registry, and an app instance
/// that writes to the primary and reads pages, tiles and traces from the replica
/// (<c>ConnectionStrings__AssetRegistryRead</c>).
/// </summary>
public sealed class ReplicaPair : IAsyncLifetime
{
    private string _directory = "";

    public string Primary { get; private set; } = "";
    public string Replica { get; private set; } = "";
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var (primaryPort, replicaPort) = (ThrowawayCluster.FreePort(), ThrowawayCluster.FreePort());
        _directory = Path.Combine(Path.GetTempPath(), "assetregistry-clusters", $"replica-{primaryPort}");
        await Scripts.RunAsync("replica.sh", "create", _directory, primaryPort.ToString(), replicaPort.ToString());
        await Scripts.RunAsync("pg.sh", "cluster_database", primaryPort.ToString(), "registry");
        Primary = Connection(primaryPort);
        Replica = Connection(replicaPort);
        // The replay cancels a conflicting read after 2 s instead of the default 30 s (ReadReplicaTests waits for it).
        await ScalarAsync<object>(Replica, "alter system set max_standby_streaming_delay = '2s'");
        await ScalarAsync<object>(Replica, "select pg_reload_conf()");
        await using (var db = PersistenceSetup.BuildDataSource(Primary))
            await CommandLine.MigrateAsync(db);
        // The app pools its connections (the test's own checks do not), so its sessions stay visible on each server.
        Factory = ThrowawayRegistry.App(Pooled(Primary), new Dictionary<string, string> { ["ConnectionStrings:AssetRegistryRead"] = Pooled(Replica) });
        await RegistryFixture.EnsureTestUsersAsync(Factory.Services);
        await CaughtUpAsync();
    }

    /// <summary>Waits until the replica has replayed everything the primary had written when this was called. The
    /// primary commits asynchronously (synchronous_commit off), so a commit may still sit in its WAL buffers, past
    /// the write position <c>pg_current_wal_lsn()</c>: the insert position counts it.</summary>
    public async Task CaughtUpAsync()
    {
        var written = await ScalarAsync<string>(Primary, "select pg_current_wal_insert_lsn()::text");
        await Poll.UntilAsync(async () => await ScalarAsync<bool>(Replica, $"select pg_last_wal_replay_lsn() >= '{written}'::pg_lsn"),
            TimeSpan.FromSeconds(30), $"the replica replays up to the primary's {written}");
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    private static string Pooled(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Pooling = true }.ConnectionString;

    private static string Connection(int port) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = port, Database = "registry", Username = "assetregistry", Password = Scripts.Password(), Pooling = false,
    }.ConnectionString;

    public async Task DisposeAsync()
    {
        if (Factory is not null) await Factory.DisposeAsync();
        await Scripts.RunAsync("replica.sh", "remove", _directory);
    }
}
