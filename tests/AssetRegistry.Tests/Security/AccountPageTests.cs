using System.Net;
using System.Net.Http.Headers;
using AssetRegistry.Tests.Browser;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace AssetRegistry.Tests.Security;

/// <summary>The account page in headless Chromium: issuing (a cookie write that carries the page's antiforgery
/// token), the token shown once, a hostile token name shown as text, and revoking.</summary>
public sealed class AccountPageTests(RegistryFixture fixture, MapBrowserFixture browser, ITestOutputHelper output)
    : RegistryTest(fixture), IClassFixture<MapBrowserFixture>
{
    private const string HostileName = "<img src=x onerror=\"window.pwned=1\">QGIS";

    [Fact]
    public async Task IssueThenRevoke_InTheBrowser_TokenWorksUntilRevoked_AndItsNameIsText()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.PageError += (_, e) => Log($"page error: {e}");
        await page.GotoAsync("/account");
        await page.WaitForSelectorAsync("body[data-ready=true]");

        await page.FillAsync("#token-name", HostileName);
        await page.FillAsync("#token-days", "30");
        var issued = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("#issue-form button[type=submit]"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/account/tokens"));
        Assert.Equal(201, issued.Status);
        Assert.False(string.IsNullOrEmpty(await issued.Request.HeaderValueAsync("x-xsrf-token")));
        var secret = await page.Locator("#new-token-value").TextContentAsync();
        Assert.StartsWith("arp_", secret);

        var row = page.Locator("#tokens tbody tr", new() { HasText = "QGIS" });
        await Expect(row).ToHaveCountAsync(1);
        Assert.Equal(HostileName, await row.Locator("td").Nth(1).TextContentAsync());
        await Expect(page.Locator("#tokens img")).ToHaveCountAsync(0);
        Assert.False(await page.EvaluateAsync<bool>("() => !!window.pwned"));

        var client = Fixture.Client(role: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ogc/collections")).StatusCode);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var revoked = await page.RunAndWaitForResponseAsync(() => row.Locator("button.revoke").ClickAsync(),
            r => r.Request.Method == "DELETE" && r.Url.Contains("/api/account/tokens/"));
        Assert.Equal(204, revoked.Status);
        await Expect(page.Locator("#tokens tbody tr", new() { HasText = "QGIS" })).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/ogc/collections")).StatusCode);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(MapBrowserFixture.ScreenshotDirectory, "account-tokens.png"), FullPage = true });
    }

    private void Log(string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test has finished; its output is closed.
        }
    }
}
