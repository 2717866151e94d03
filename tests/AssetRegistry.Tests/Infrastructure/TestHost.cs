using Microsoft.AspNetCore.Hosting;

namespace AssetRegistry.Tests.Infrastructure;

/// <summary>The settings every app the suite hosts starts with, in one place.</summary>
public static class TestHost
{
    /// <summary>Testing environment, the given database, no Hangfire server in the process (tests that need one
    /// say so), and rate limits lifted: the suite writes far more per minute than any person, and
    /// RateLimitTests sets its own low budgets.</summary>
    public static IWebHostBuilder UseTestSettings(this IWebHostBuilder b, string connectionString) => b
        .UseEnvironment("Testing")
        .UseSetting("ConnectionStrings:AssetRegistry", connectionString)
        .UseSetting("Jobs:RunInWebProcess", "false")
        .UseSetting("Security:RateLimits:WritesPerUserPerMinute", "1000000")
        .UseSetting("Security:RateLimits:SignInsPerClientPerMinute", "1000000")
        .UseSetting("Security:RateLimits:SignInsPerUserNamePerMinute", "1000000");
}
