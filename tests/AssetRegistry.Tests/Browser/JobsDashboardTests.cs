using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Tests.Operations;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace AssetRegistry.Tests.Browser;

/// <summary>
/// The Hangfire dashboard in headless Chromium, as an administrator uses it: its pages run under the registry's
/// Content-Security-Policy and its writes go through the registry's cookie antiforgery check. Triggering a recurring
/// job from the dashboard enqueues it (the tests' web host runs no Hangfire server, so it stays enqueued).
/// </summary>
public sealed class JobsDashboardTests(RegistryFixture fixture, MapBrowserFixture browser, ITestOutputHelper output)
    : RegistryTest(fixture), IClassFixture<MapBrowserFixture>
{
    private Task<long> EnqueuedEscalationsAsync() => Fixture.ScalarAsync<long>(
        "select count(*) from hangfire.job where statename = 'Enqueued' and invocationdata::text like '%EscalateOverdueTasksAsync%'");

    [Fact]
    public async Task AnAdministrator_TriggersARecurringJobFromTheDashboard()
    {
        var before = await EnqueuedEscalationsAsync();
        await using var context = await browser.NewContextAsync(signedIn: false);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") problems.Add(m.Text); };
        page.PageError += (_, e) => problems.Add(e);
        await MapBrowserFixture.SignInAsync(page, "t_admin");

        await page.GotoAsync("/hangfire/recurring");
        var row = page.Locator("tr", new() { HasText = "escalate" });
        await row.Locator("input[type=checkbox]").CheckAsync();
        var trigger = page.Locator("button[data-url$='/recurring/trigger']");
        await Assertions.Expect(trigger).ToBeEnabledAsync();
        var posted = page.WaitForResponseAsync(r => r.Url.EndsWith("/recurring/trigger", StringComparison.Ordinal));
        await trigger.ClickAsync();
        var response = await posted;
        foreach (var p in problems) output.WriteLine(p);

        Assert.True(response.Ok, $"trigger answered {response.Status}"); // the page reloads on success, so no body to read
        await Poll.UntilAsync(async () => await EnqueuedEscalationsAsync() > before, TimeSpan.FromSeconds(10), "the escalation job is enqueued");
        Assert.Empty(problems);
    }
}
