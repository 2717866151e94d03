using AssetRegistry.Domain.Users;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.Playwright;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port with one headless Debian Chromium for the crew page's tests, as
/// <see cref="MapBrowserFixture"/> does for the map; the test crew member (t_crew) signs in once through
/// <c>/crew</c> and each test's fresh context reuses the cookie. Background jobs stay off, so nothing but the test
/// builds lists or records results.
/// </summary>
public sealed class CrewBrowserFixture : IAsyncLifetime
{
    private readonly BrowserApp _app = new();
    private string _crewState = "";

    public IBrowser Browser => _app.Browser;
    public string BaseUrl => _app.BaseUrl;

    public async Task InitializeAsync()
    {
        await _app.StartAsync();

        await using var context = await NewContextAsync(signedIn: false);
        var page = await context.NewPageAsync();
        await SignInAsync(page, "t_" + Roles.Crew);
        _crewState = await context.StorageStateAsync();
    }

    /// <summary>A fresh browser context (own cookies and storage), signed in as the test crew member unless told not to.
    /// The default size is a phone's (390 × 844), the page's first audience.</summary>
    public Task<IBrowserContext> NewContextAsync(bool signedIn = true, int width = 390, int height = 844) =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            StorageState = signedIn ? _crewState : null,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            HasTouch = width < 600,
            IsMobile = width < 600,
            DeviceScaleFactor = width < 600 ? 2 : 1,
        });

    /// <summary>Opens <c>/crew</c>, signs in on the login page it redirects to, and waits for the crew page to be ready.</summary>
    public static async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync("/crew");
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
