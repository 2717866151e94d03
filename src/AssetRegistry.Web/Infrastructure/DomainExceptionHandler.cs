using AssetRegistry.Domain.Assets;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace AssetRegistry.Web.Infrastructure;

/// <summary>
/// Maps domain and request exceptions to RFC 9457 ProblemDetails. Unknown exceptions become a 500 whose body
/// carries no exception text, stack or SQL; the log has the details.
/// </summary>
public sealed class DomainExceptionHandler(IProblemDetailsService problems, ILogger<DomainExceptionHandler> log,
    DatabaseOptions database, RegistryDataSources dataSources) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (ShortReads.ClientLeft(http))
        {
            // The client went away and its query was cancelled (a short read's query is not: see ShortReads). Under
            // load the cancellation can take longer than Npgsql waits for it, and Npgsql then breaks the connection
            // with an I/O error that looks like an outage: that is no reason to empty the pools (every other request
            // would have to reconnect) or to write an answer nobody reads.
            log.LogDebug("Request {Method} {Path} aborted by the client: {Reason}", http.Request.Method, http.Request.Path, exception.Message);
            http.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }
        var chinese = ProblemTitles.PrefersChinese(http.Request);
        var problem = exception switch
        {
            AssetValidationException v => new ValidationProblemDetails(v.Errors.ToDictionary(chinese))
            {
                Status = 400, Title = ProblemTitles.Validation, Detail = Summarise(v.Errors.ToDictionary(chinese)),
            },
            NotFoundException n => new ProblemDetails { Status = 404, Title = ProblemTitles.NotFound, Detail = n.Message },
            StaleVersionException s => Stale(s, chinese),
            PreconditionRequiredException p => new ProblemDetails { Status = 428, Title = ProblemTitles.PreconditionRequired, Detail = p.Message },
            ConflictException c => new ValidationProblemDetails(new Dictionary<string, string[]> { [c.Field] = [c.Message] })
            {
                Status = 409, Title = ProblemTitles.Conflict, Detail = c.Message,
            },
            PayloadTooLargeException t => new ProblemDetails { Status = 413, Title = ProblemTitles.TooLarge, Detail = t.Message },
            BadHttpRequestException { StatusCode: 413 } => new ProblemDetails { Status = 413, Title = ProblemTitles.TooLarge },
            UnsupportedMediaTypeException u => new ProblemDetails { Status = 415, Title = ProblemTitles.UnsupportedMediaType, Detail = u.Message },
            _ when DatabaseOutage.IsPoolExhausted(exception) => Busy(http, chinese),
            _ when DatabaseOutage.Is(exception) => Outage(http, exception, chinese),
            _ when DatabaseOutage.IsRetryable(exception) => Cancelled(http, exception, chinese),
            _ => null,
        };
        if (problem is null)
        {
            log.LogError(exception, "Unhandled exception for {Method} {Path}", http.Request.Method, http.Request.Path);
            problem = new ProblemDetails { Status = 500, Title = ProblemTitles.Unexpected };
        }
        problem.Title = ProblemTitles.In(problem.Title!, chinese);
        http.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>503 with Retry-After. The pools are emptied, so the connections the restart killed are not handed out
    /// again one failed request at a time once the server is back.</summary>
    private ProblemDetails Outage(HttpContext http, Exception exception, bool chinese)
    {
        var cause = exception.GetBaseException();
        log.LogWarning("Database unavailable for {Method} {Path}: {Reason} ({Cause}: {CauseMessage})", http.Request.Method, http.Request.Path,
            exception.Message, cause.GetType().Name, cause.Message);
        dataSources.ClearPools();
        return RetryLater(http, ProblemTitles.DatabaseUnavailable, chinese, "数据库暂时不可用", "The database is not reachable just now");
    }

    /// <summary>503 with Retry-After when every pooled connection stayed busy for the pool's whole wait: the database
    /// is up, so the pools stay as they are (emptying them would make every request that follows connect anew).</summary>
    private ProblemDetails Busy(HttpContext http, bool chinese)
    {
        log.LogWarning("Connection pool exhausted for {Method} {Path}", http.Request.Method, http.Request.Path);
        return RetryLater(http, ProblemTitles.Busy, chinese, "服务器繁忙，未写入任何内容", "The server is busy; nothing was written");
    }

    /// <summary>503 with Retry-After for a query the server cancelled in favour of another (a replica replaying a
    /// conflicting change, a deadlock): the connection is fine, so the pools stay as they are.</summary>
    private ProblemDetails Cancelled(HttpContext http, Exception exception, bool chinese)
    {
        log.LogWarning("Query cancelled by the server for {Method} {Path}: {Reason}", http.Request.Method, http.Request.Path,
            exception.GetBaseException().Message);
        return RetryLater(http, ProblemTitles.QueryCancelled, chinese, "数据库为处理其他更改取消了本次查询，未写入任何内容",
            "The database cancelled this query in favour of other changes; nothing was written");
    }

    /// <summary>The three 503s: <c>Retry-After</c> and a detail that says when to try again.</summary>
    private ProblemDetails RetryLater(HttpContext http, string title, bool chinese, string zh, string en)
    {
        var seconds = database.RetryAfterSeconds;
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new ProblemDetails
        {
            Status = 503, Title = title,
            Detail = chinese ? $"{zh}，请 {seconds} 秒后重试。" : $"{en}. Try again in {seconds} s.",
        };
    }

    private static ProblemDetails Stale(StaleVersionException s, bool chinese)
    {
        var p = new ProblemDetails
        {
            Status = 412, Title = ProblemTitles.Stale,
            Detail = chinese
                ? $"{s.Id} 在您载入后已被他人修改，未写入任何内容。请重新载入后再次应用您的修改。"
                : $"{s.Id} was changed after you loaded it; nothing was written. Reload it, then apply your edit again.",
        };
        if (s.CurrentVersion > 0) p.Extensions["currentVersion"] = s.CurrentVersion;
        return p;
    }

    private static string Summarise(IDictionary<string, string[]> errors) =>
        string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value.Select(m => m.TrimEnd('.')))}."));
}
