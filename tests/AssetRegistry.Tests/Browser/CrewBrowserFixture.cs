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
/// The app on a real Kestrel port with one headless Debian Chromium for the crew page's tests, as
/// <see cref="MapBrowserFixture"/> does for the map; the test crew member (t_crew) signs in once through
/// <c>/crew</c> and each test's fresh context reuses the cookie. Background jobs stay off, so nothing but the test
/// builds lists or records results.
/// </summary>
public sealed class CrewBrowserFixture : IAsyncLifetime
{
    private WebApplicationFactory<Program> _factory = null!;
    private IPlaywright _playwright = null!;
    private string _crewState = "";

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__" + PersistenceSetup.ConnectionName)
            ?? throw new InvalidOperationException("ConnectionStrings__AssetRegistry is not set: run the tests through ./test.sh.");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:AssetRegistry", connectionString);
            b.UseSetting("Jobs:RunInWebProcess", "false");
            // A free port of the loopback interface: UseKestrel(0) alone leaves Kestrel on its default :5000, which
            // another test run on the same machine may hold.
            b.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
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
        Directory.CreateDirectory(MapBrowserFixture.ScreenshotDirectory);

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
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
    }
}
