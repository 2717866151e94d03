using System.Globalization;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// The app on a real Kestrel port against the shared test database, with no Hangfire server in the web process,
/// and one headless Debian Chromium for the inspections office tests. Each test user signs in once through the
/// login page; their cookies are reused by every fresh browser context.
/// </summary>
public sealed class InspectionsPageFixture : IAsyncLifetime
{
    private readonly BrowserApp _app = new();
    private readonly Dictionary<string, string> _signedIn = [];
    private readonly SemaphoreSlim _signInLock = new(1, 1);

    public IBrowser Browser => _app.Browser;
    public string BaseUrl => _app.BaseUrl;

    public async Task InitializeAsync()
    {
        await _app.StartAsync();
    }

    /// <summary>A fresh browser context (own cookies and storage) signed in as <paramref name="userName"/>, or
    /// anonymous when it is null.</summary>
    public async Task<IBrowserContext> NewContextAsync(string? userName, int width = 1440, int height = 900)
    {
        var state = userName is null ? null : await SignedInStateAsync(userName);
        return await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            StorageState = state,
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
    }

    private async Task<string> SignedInStateAsync(string userName)
    {
        await _signInLock.WaitAsync();
        try
        {
            if (_signedIn.TryGetValue(userName, out var state)) return state;
            await using var context = await NewContextAsync(null);
            var page = await context.NewPageAsync();
            await page.GotoAsync("/login");
            await page.Locator("input[name=username]").FillAsync(userName);
            await page.Locator("input[name=password]").FillAsync(RegistryFixture.Password);
            await page.Locator("button[type=submit]").ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
            state = await context.StorageStateAsync();
            _signedIn[userName] = state;
            return state;
        }
        finally
        {
            _signInLock.Release();
        }
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        _signInLock.Dispose();
    }
}

/// <summary>The inspections office page as tests drive it: open a section, wait for it, draw on its map.</summary>
public sealed class InspectionsPage
{
    public InspectionsPage(IPage page, ITestOutputHelper output)
    {
        Page = page;
        // The page's console and script errors go to the test output, where a failure can be diagnosed.
        page.Console += (_, message) => Log(output, $"console {message.Type}: {message.Text}");
        page.PageError += (_, error) => Log(output, $"page error: {error}");
    }

    public IPage Page { get; }

    private static void Log(ITestOutputHelper output, string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has already finished; its output is closed.
        }
    }

    /// <summary>Opens <c>/inspections#section</c> and waits until every section has loaded.</summary>
    public async Task OpenAsync(string section)
    {
        await Page.GotoAsync($"/inspections#{section}");
        await Page.WaitForSelectorAsync("body[data-ready=true]");
    }

    /// <summary>Page coordinates of a WGS 84 position on the campaign map.</summary>
    public async Task<(float X, float Y)> CampaignPointAsync(double lon, double lat)
    {
        var xy = await Page.EvaluateAsync<float[]>("""
            ([lon, lat]) => {
              const map = window.inspectionsOffice.campaignMap;
              const p = map.latLngToContainerPoint([lat, lon]);
              const box = map.getContainer().getBoundingClientRect();
              return [p.x + box.left, p.y + box.top];
            }
            """, new object[] { lon, lat });
        return (xy[0], xy[1]);
    }

    /// <summary>Centres the campaign map on a position at a zoom and waits until it has moved there.</summary>
    public async Task CentreCampaignMapAsync(double lon, double lat, int zoom)
    {
        await Page.EvaluateAsync(string.Create(CultureInfo.InvariantCulture,
            $"() => window.inspectionsOffice.campaignMap.setView([{lat}, {lon}], {zoom}, {{ animate: false }})"));
        await Page.WaitForFunctionAsync(string.Create(CultureInfo.InvariantCulture,
            $"() => window.inspectionsOffice.campaignMap.getZoom() === {zoom}"));
    }

    /// <summary>A screenshot of the whole page from its top (the bar and tabs stick to the top while scrolled).</summary>
    public async Task ScreenshotAsync(string name)
    {
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(MapBrowserFixture.ScreenshotDirectory, $"inspections-{name}.png"),
            FullPage = true,
        });
    }
}
