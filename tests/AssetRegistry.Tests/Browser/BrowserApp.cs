using AssetRegistry.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// What every browser fixture needs: the app on a real Kestrel port (Chromium cannot reach an in-memory
/// TestServer) against the test database, with no Hangfire server in the web process, and one headless Debian
/// Chromium driven by Playwright.
/// </summary>
public sealed class BrowserApp : IAsyncDisposable
{
    private LoopbackRegistryApp _app = null!;
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots go: artifacts/screenshots under the repository root (git-ignored).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task StartAsync()
    {
        _app = new LoopbackRegistryApp();
        await _app.InitializeAsync();
        BaseUrl = _app.BaseUrl;

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
        await _app.DisposeAsync();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AssetRegistry.sln")))
            directory = directory.Parent;
        return directory?.FullName ?? AppContext.BaseDirectory;
    }
}
