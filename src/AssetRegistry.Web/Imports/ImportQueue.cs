using System.Threading.Channels;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Imports;

namespace AssetRegistry.Web.Imports;

/// <summary>One piece of import work: the dry run of a run, or its commit on behalf of a user.</summary>
public sealed record ImportWork(long RunId, bool Commit, string User);

/// <summary>
/// The imports waiting for the worker, in the process that received the upload (the file is on its disk). An
/// in-process queue rather than Hangfire: a Hangfire server may run in another process (AssetRegistry.Jobs) that
/// cannot see this one's upload directory, and the run table already holds the state Hangfire would keep. Work
/// lost with the process is found at start-up and marked failed (see <see cref="ImportWorker"/>).
/// </summary>
public sealed class ImportQueue
{
    private readonly Channel<ImportWork> _channel = Channel.CreateUnbounded<ImportWork>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(ImportWork work)
    {
        if (!_channel.Writer.TryWrite(work)) throw new InvalidOperationException("The import queue is closed.");
    }

    public IAsyncEnumerable<ImportWork> ReadAllAsync(CancellationToken ct) => _channel.Reader.ReadAllAsync(ct);
}

/// <summary>
/// Runs queued imports one at a time (the machine's cores are shared with the database doing the heavy part).
/// At start-up it marks runs left validating or importing by a stopped process as failed and drops their
/// staging; the merge is one transaction, so none of them wrote anything. This assumes one web process per
/// database (several would fail each other's runs at start-up).
/// </summary>
public sealed class ImportWorker(ImportQueue queue, ImportPipeline pipeline, ImportRuns runs, ILogger<ImportWorker> log) : BackgroundService
{
    /// <summary>Recovers before the server takes requests, so a fresh upload is never mistaken for a lost run.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var lost = await pipeline.RecoverInterruptedAsync(cancellationToken);
        if (lost > 0) log.LogWarning("Marked {Count} interrupted import runs as failed", lost);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
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
