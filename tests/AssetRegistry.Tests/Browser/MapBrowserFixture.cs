using AssetRegistry.Domain.Users;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port (Chromium cannot reach an in-memory TestServer) against the same database as
/// every other test, and one headless Debian Chromium for the test class. The engineer's sign-in cookie is taken
/// once and reused by each test's fresh browser context.
/// </summary>
public sealed class MapBrowserFixture : IAsyncLifetime
{
    private readonly BrowserApp _app = new();

    public IBrowser Browser => _app.Browser;
    public string BaseUrl => _app.BaseUrl;
    private string _engineerState = "";

    /// <summary>Where screenshots go: artifacts/screenshots under the repository root (git-ignored).</summary>
    public static string ScreenshotDirectory => BrowserApp.ScreenshotDirectory;

    public async Task InitializeAsync()
    {
        await _app.StartAsync();

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
        await _app.DisposeAsync();
    }
}
