using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AssetRegistry.Tests.Operations;

/// <summary>
/// A small PostgreSQL cluster of the test's own (scripts/pg.sh cluster_*), on a free loopback port in a temporary
/// folder, that a test may stop, start or restart without touching the shared cluster. About a second to create;
/// share one per test class.
/// </summary>
public sealed class ThrowawayCluster : IAsyncDisposable
{
    private ThrowawayCluster(string directory, int port)
    {
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }
    public int Port { get; }

    /// <summary>Creates and starts a cluster named for the test (<paramref name="name"/>) on a free port.</summary>
    public static async Task<ThrowawayCluster> CreateAsync(string name)
    {
        var port = FreePort();
        var cluster = new ThrowawayCluster(Path.Combine(Path.GetTempPath(), "assetregistry-clusters", $"{name}-{port}"), port);
        await Scripts.RunAsync("pg.sh", "cluster_create", cluster.Directory, port.ToString());
        return cluster;
    }

    /// <summary>Creates <paramref name="database"/> (with PostGIS and pgRouting) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string database)
    {
        await Scripts.RunAsync("pg.sh", "cluster_database", Port.ToString(), database);
        return ConnectionString(database);
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Database = database, Username = "assetregistry", Password = Scripts.Password(),
        // No pooling for the test's own checks: a pooled connection would not survive the restarts under test.
        Pooling = false,
    }.ConnectionString;

    public Task StopAsync() => Scripts.RunAsync("pg.sh", "cluster_stop", Directory);
    public Task StartAsync() => Scripts.RunAsync("pg.sh", "cluster_start", Directory);

    /// <summary><c>pg_ctl restart -m fast</c>: open sessions are ended, the cluster is back when this returns.</summary>
    public Task RestartAsync() => Scripts.RunAsync("pg.sh", "cluster_restart", Directory);

    public async ValueTask DisposeAsync() => await Scripts.RunAsync("pg.sh", "cluster_remove", Directory);

    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}

/// <summary>Runs the repository's scripts and the built apps as real OS processes.</summary>
public static class Scripts
{
    /// <summary>The repository root (where AssetRegistry.sln is).</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The local cluster password (.data/pg.password, made by scripts/pg.sh).</summary>
    public static string Password() => File.ReadAllText(Path.Combine(Root, ".data", "pg.password")).Trim();

    /// <summary>Runs <c>scripts/<paramref name="script"/></c> with bash; returns its output, or throws with its error
    /// output when it fails.</summary>
    public static async Task<string> RunAsync(string script, params string[] args)
    {
        var (code, output, error) = await RunProcessAsync("bash", [Path.Combine(Root, "scripts", script), .. args], null);
        if (code != 0) throw new InvalidOperationException($"scripts/{script} {string.Join(' ', args)} exited {code}: {error}{output}");
        return output;
    }

    /// <summary>Runs a program to its end and returns its exit code, output and error output.</summary>
    public static async Task<(int Code, string Output, string Error)> RunProcessAsync(string file, IEnumerable<string> args,
        IDictionary<string, string>? environment, TimeSpan? timeout = null)
    {
        using var process = Start(file, args, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish in time");
        }
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts a program with redirected output (the caller reads or kills it).</summary>
    public static Process Start(string file, IEnumerable<string> args, IDictionary<string, string>? environment)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Root,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) info.Environment[k] = v;
        return Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
    }

    /// <summary>The web app's command line (migrate, seed, schedule) as built beside the tests.</summary>
    public static Task<(int Code, string Output, string Error)> WebCommandAsync(string connectionString, params string[] args) =>
        RunProcessAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "AssetRegistry.Web.dll"), .. args],
            new Dictionary<string, string> { ["ConnectionStrings__AssetRegistry"] = connectionString, ["DOTNET_ENVIRONMENT"] = "Testing", ["ASPNETCORE_ENVIRONMENT"] = "Testing" });

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AssetRegistry.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("AssetRegistry.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>Waiting on a condition with a deadline, instead of sleeping.</summary>
public static class Poll
{
    /// <summary>Calls <paramref name="condition"/> every <paramref name="every"/> until it returns true, or fails the
    /// test with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? every = null)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (await condition()) return;
            if (deadline.Elapsed > timeout) throw new TimeoutException($"not within {timeout.TotalSeconds:0} s: {what}");
            await Task.Delay(every ?? TimeSpan.FromMilliseconds(100));
        }
    }
}
