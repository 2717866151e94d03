using System.Threading.Channels;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Imports;
using Npgsql;

namespace AssetRegistry.Web.Imports;

/// <summary>One piece of import work: the dry run of a run, or its commit on behalf of a user.</summary>
public sealed record ImportWork(long RunId, bool Commit, string User);

/// <summary>
/// The imports waiting for the worker, in the process that received the upload (the file is on its disk). An
/// in-process queue rather than Hangfire: a Hangfire server may run in another process (AssetRegistry.Jobs) that
/// cannot see this one's upload directory, and the run table already holds the state Hangfire would keep. Each run
/// queued here is claimed for this process (<see cref="Worker"/>), which then keeps saying it is alive; work lost
/// with the process is failed once that stops (see <see cref="ImportWorker"/>).
/// </summary>
public sealed class ImportQueue(ImportRuns runs)
{
    private readonly Channel<ImportWork> _channel = Channel.CreateUnbounded<ImportWork>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>This process among the web processes sharing the database: host, process id and a random part.</summary>
    public string Worker { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    /// <summary>Claims the run for this process, then queues the work.</summary>
    public async Task EnqueueAsync(ImportWork work, CancellationToken ct)
    {
        await runs.ClaimAsync(work.RunId, Worker, ct);
        if (!_channel.Writer.TryWrite(work)) throw new InvalidOperationException("The import queue is closed.");
    }

    public IAsyncEnumerable<ImportWork> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

/// <summary>
/// Runs queued imports one at a time (the machine's cores are shared with the database doing the heavy part).
/// Beside them, every third of the lease (<see cref="ImportSettings.WorkerLeaseSeconds"/>), it says this process
/// is alive for its runs and fails the runs of processes that have gone quiet longer than the lease, dropping their
/// staging: a stopped or killed process's runs, never a live neighbour's, so several web processes can share one
/// database. It also does the latter once at start-up. A commit is one transaction, so an abandoned run wrote nothing.
/// The same sweep expires dry runs nobody committed or discarded within <see cref="ImportSettings.ValidatedRunHours"/>.
/// </summary>
public sealed class ImportWorker(ImportQueue queue, ImportPipeline pipeline, ImportRuns runs, ImportSettings settings, ILogger<ImportWorker> log)
    : BackgroundService
{
    /// <summary>Recovers before the server takes requests; a failure (the database away, a staging table still
    /// in use) does not stop the server: the periodic sweep tries again.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RecoverAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            log.LogWarning("Could not sweep abandoned import runs at start-up: {Reason}", e.Message);
        }
        await base.StartAsync(cancellationToken);
    }

    private async Task RecoverAsync(CancellationToken ct)
    {
        var lost = await pipeline.RecoverAbandonedAsync(ct);
        if (lost > 0) log.LogWarning("Marked {Count} abandoned import runs as failed", lost);
        var expired = await pipeline.ExpireValidatedAsync(ct);
        if (expired > 0) log.LogInformation("Expired {Count} dry runs kept longer than {Hours} hours without a commit", expired, settings.ValidatedRunHours);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var keeping = KeepAliveAsync(stoppingToken);
        try
        {
            await RunQueueAsync(stoppingToken);
        }
        finally
        {
            try { await keeping; } catch (OperationCanceledException) { /* stopping */ }
        }
    }

    private async Task KeepAliveAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, settings.WorkerLeaseSeconds / 3.0)));
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await runs.HeartbeatAsync(queue.Worker, ct);
                await RecoverAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away for a while; the next tick tries again.
                log.LogWarning("Import heartbeat failed: {Reason}", e.Message);
            }
        }
    }

    private async Task RunQueueAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                if (work.Commit) await pipeline.CommitAsync(work.RunId, work.User, stoppingToken);
                else await pipeline.ValidateAsync(work.RunId, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                await runs.FailAsync(work.RunId, new LocalizedText("The server stopped during the run; nothing was written. Upload the file again.",
                    "运行期间服务器停止，未写入任何内容。请重新上传文件。"), CancellationToken.None);
                throw;
            }
            catch (Exception e)
            {
                log.LogError(e, "Import run {RunId} failed", work.RunId);
                await runs.FailAsync(work.RunId, new LocalizedText("The import failed unexpectedly; nothing was written. The server log has the details.",
                    "导入意外失败，未写入任何内容。详情见服务器日志。"), CancellationToken.None);
            }
        }
    }
}
