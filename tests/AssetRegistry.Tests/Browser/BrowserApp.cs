using AssetRegistry.Domain.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// What every browser fixture needs: the app on a real Kestrel port (Chromium cannot reach an in-memory
/// TestServer) against the test database, with no Hangfire server in the web process, and one headless Debian
/// Chromium driven by Playwright.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    private WebApplicationFactory<Program> _factory = null!;
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots go: artifacts/screenshots under the repository root (git-ignored).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task StartAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__" + PersistenceSetup.ConnectionName)
            ?? throw new InvalidOperationException("ConnectionStrings__AssetRegistry is not set: run the tests through ./test.sh.");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:AssetRegistry", connectionString);
            b.UseSetting("Jobs:RunInWebProcess", "false");
            // The suite writes as one user far faster than a person or a script in production may (hundreds of
            // writes a minute across all test classes); RateLimitTests checks the budget with an app of its own.
            b.UseSetting("Security:RateLimits:WritesPerUserPerMinute", "1000000");
            // A free loopback port: UseKestrel(0) on a WithWebHostBuilder factory keeps Kestrel's default :5000,
            // which collides with any other test run on the machine.
            b.UseUrls("http://127.0.0.1:0");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AssetRegistry.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
