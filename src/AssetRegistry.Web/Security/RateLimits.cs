using System.Globalization;
using System.Threading.RateLimiting;
using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace AssetRegistry.Web.Security;

/// <summary>
/// Request budgets per minute (section <c>Security:RateLimits</c>). Lockout (5 wrong passwords) protects one account;
/// these slow a guesser who sprays many accounts, or hammers one, and a runaway script writing through the API.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Password checks (form sign-in or a Basic credential not seen this minute) from one client address.
    /// Generous because a whole office signs in from behind one NAT address at 8 o'clock.</summary>
    public int SignInsPerClientPerMinute { get; set; } = 60;

    /// <summary>Password checks for one user name, from anywhere: twice the lockout threshold, so a user who
    /// mistypes is locked out (and told so) before being throttled.</summary>
    public int SignInsPerUserNamePerMinute { get; set; } = 10;

    /// <summary>POST/PUT/PATCH/DELETE per signed-in user: far above hand editing or a crew recording results (a few
    /// a minute), low enough that a looping script cannot flood the history tables; bulk loads go through imports.</summary>
    public int WritesPerUserPerMinute { get; set; } = 600;
}

/// <summary>Counts password checks per client address and per user name (fixed one-minute windows).</summary>
public sealed class SignInThrottle(RateLimitOptions options)
{
    private readonly PartitionedRateLimiter<string> _perClient = PartitionedRateLimiter.Create<string, string>(ip =>
        RateLimitPartition.GetFixedWindowLimiter(ip, _ => Window(options.SignInsPerClientPerMinute)));
    private readonly PartitionedRateLimiter<string> _perUserName = PartitionedRateLimiter.Create<string, string>(name =>
        RateLimitPartition.GetFixedWindowLimiter(name, _ => Window(options.SignInsPerUserNamePerMinute)));

    /// <summary>Takes one password check from both budgets; null when allowed, else how long to wait.</summary>
    public TimeSpan? TryAcquire(string clientIp, string userName)
    {
        using var client = _perClient.AttemptAcquire(clientIp);
        using var user = _perUserName.AttemptAcquire(userName.ToUpperInvariant());
        if (client.IsAcquired && user.IsAcquired) return null;
        var wait = TimeSpan.FromMinutes(1);
        if (!client.IsAcquired && client.TryGetMetadata(MetadataName.RetryAfter, out var a)) wait = a;
        if (!user.IsAcquired && user.TryGetMetadata(MetadataName.RetryAfter, out var b) && b > wait) wait = b;
        return wait;
    }

    internal static FixedWindowRateLimiterOptions Window(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };
}

/// <summary>Registers the budgets and answers refusals with a 429 problem and Retry-After.</summary>
public static class RateLimits
{
    public static IServiceCollection AddRegistryRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection("Security:RateLimits"))
            .Validate(o => o.SignInsPerClientPerMinute > 0 && o.SignInsPerUserNamePerMinute > 0 && o.WritesPerUserPerMinute > 0,
                "Security:RateLimits must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<RateLimitOptions>>().Value);
        services.AddSingleton<SignInThrottle>();
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                var user = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? name : null;
                if (user is null || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method))
                    return RateLimitPartition.GetNoLimiter("");
                var permits = http.RequestServices.GetRequiredService<RateLimitOptions>().WritesPerUserPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(user, _ => SignInThrottle.Window(permits));
            });
            o.OnRejected = (context, _) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                return new ValueTask(WriteProblemAsync(context.HttpContext, wait));
            };
        });
        return services;
    }

    /// <summary>429 with Retry-After (whole seconds, at least one) as a problem in the client's language.</summary>
    public static Task WriteProblemAsync(HttpContext http, TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var chinese = ProblemTitles.PrefersChinese(http.Request);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails
            {
                Status = 429, Title = ProblemTitles.In(ProblemTitles.TooManyRequests, chinese),
                Detail = chinese ? $"请求过于频繁，请 {seconds} 秒后再试。" : $"Too many requests; try again in {seconds} s.",
            },
        }).AsTask();
    }

    /// <summary>The client's address as the server sees it (behind a proxy, configure forwarded headers first).</summary>
    public static string ClientIp(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
