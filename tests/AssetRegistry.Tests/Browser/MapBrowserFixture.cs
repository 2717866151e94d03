using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Users;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port (Chromium cannot reach an in-memory TestServer) against the same database as
/// every other test, and one headless Debian Chromium for the test class. The engineer's sign-in cookie is taken
/// once and reused by each test's fresh browser context.
/// </summary>
public sealed class MapBrowserFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program> _factory = null!;
    private IPlaywright _playwright = null!;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    private string _engineerState = "";

    /// <summary>Where screenshots go: artifacts/screenshots under the repository root (git-ignored).</summary>
    public static string ScreenshotDirectory { get; } = Path.Combine(RepositoryRoot(), "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__" + PersistenceSetup.ConnectionName)
            ?? throw new InvalidOperationException("ConnectionStrings__AssetRegistry is not set: run the tests through ./test.sh.");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:AssetRegistry", connectionString);
            b.UseSetting("Jobs:RunInWebProcess", "false");
            // A free loopback port: UseKestrel(0) on a WithWebHostBuilder factory keeps Kestrel's default :5000,
            // which collides with any other run on the machine.
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

        await using var context = await NewContextAsync(signedIn: false);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "t_" + Roles.Engineer);
        _engineerState = await context.StorageStateAsync();
    }

    /// <summary>A fresh browser context (own cookies and storage), signed in as the test engineer unless told not to.</summary>
    public Task<IBrowserContext> NewContextAsync(bool signedIn = true, int width = 1366, int height = 820) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            StorageState = signedIn ? _engineerState : null,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });

    /// <summary>Signs in through the login page and waits for the map to be ready.</summary>
    public static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/");
        await page.Locator("input[name=username]").FillAsync(userName);
        await page.Locator("input[name=password]").FillAsync(RegistryFixture.Password);
        await page.Locator("button[type=submit]").ClickAsync();
        await page.WaitForSelectorAsync("body[data-ready=true]");
    }

    public async Task DisposeAsync()
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
