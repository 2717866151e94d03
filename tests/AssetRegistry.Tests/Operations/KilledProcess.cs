using System.Diagnostics;

namespace AssetRegistry.Tests.Operations;

/// <summary>
/// Runs one of the registry's programs as a real OS process and kills it (SIGKILL, no chance to clean up) once the
/// database shows it is under way. Used for the scheduler; an import run by the web process fits the same shape
/// (start it, wait for its statement in pg_stat_activity, kill, rerun, compare with a clean run).
/// </summary>
public static class KilledProcess
{
    /// <summary>Starts <c>AssetRegistry.Web.dll</c> with <paramref name="args"/> on <paramref name="connectionString"/>,
    /// waits until <paramref name="underWay"/> holds, kills the process and waits for it to be gone. Fails the test if
    /// the process ended on its own first.</summary>
    public static async Task RunWebCommandAndKillAsync(string connectionString, string[] args, Func<Task<bool>> underWay, TimeSpan timeout)
    {
        using var process = Scripts.Start("dotnet", [Path.Combine(AppContext.BaseDirectory, "AssetRegistry.Web.dll"), .. args],
            new Dictionary<string, string> { ["ConnectionStrings__AssetRegistry"] = connectionString, ["DOTNET_ENVIRONMENT"] = "Testing" });
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await Poll.UntilAsync(async () =>
            {
                if (process.HasExited)
                    throw new InvalidOperationException($"the process ended (exit {process.ExitCode}) before it was killed: {await error}{await output}");
                return await underWay();
            }, timeout, $"{string.Join(' ', args)} is under way");
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        Assert.NotEqual(0, process.ExitCode);
    }
}
