using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Security;

/// <summary>
/// Sign-in and write budgets answer 429 problems with Retry-After. These tests run their own app with tiny budgets
/// (three a minute), so the rest of the suite keeps the defaults.
/// </summary>
public sealed class RateLimitTests(RegistryFixture fixture) : RegistryTest(fixture), IAsyncLifetime
{
    private WebApplicationFactory<Program> _lowLimits = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        await Fixture.ResetAsync();
        _lowLimits = Fixture.Factory.WithWebHostBuilder(b =>
        {
            b.UseSetting("Security:RateLimits:SignInsPerClientPerMinute", "6");
            b.UseSetting("Security:RateLimits:SignInsPerUserNamePerMinute", "3");
            b.UseSetting("Security:RateLimits:WritesPerUserPerMinute", "3");
        });
    }

    async Task IAsyncLifetime.DisposeAsync() => await _lowLimits.DisposeAsync();

    private static async Task AssertTooManyAsync(HttpResponseMessage response)
    {
        await AssertProblemAsync(response, HttpStatusCode.TooManyRequests);
        Assert.True(int.TryParse(response.Headers.GetValues("Retry-After").Single(), out var seconds) && seconds is >= 1 and <= 60);
    }

    [Fact]
    public async Task Writes_OverTheBudget_Return429WithRetryAfter_AndWriteNothing()
    {
        var client = _lowLimits.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"t_engineer:{RegistryFixture.Password}")));
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat + i * 0.001), new() { ["network"] = "rain" }))).StatusCode);
        await AssertTooManyAsync(await client.PostAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" })));
        Assert.Equal(3L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
        // Reads are not budgeted.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ogc/collections/manholes/items")).StatusCode);
    }

    [Fact]
    public async Task LoginForm_OverThePerUserNameBudget_Returns429WithRetryAfter()
    {
        var (session, first) = await CookieSession.SignInAsync(_lowLimits, "t_viewer_guess", "a");
        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.PostLoginAsync("t_viewer_guess", "b")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await session.PostLoginAsync("t_viewer_guess", "c")).StatusCode);
        await AssertTooManyAsync(await session.PostLoginAsync("t_viewer_guess", "d"));
        // Another name from the same client still has budget.
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostLoginAsync("t_viewer", RegistryFixture.Password)).StatusCode);
    }

    [Fact]
    public async Task PasswordChecks_OverThePerClientBudget_Return429_ForBasicToo()
    {
        HttpResponseMessage? last = null;
        for (var i = 0; i < 7; i++)
        {
            var client = _lowLimits.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
                Convert.ToBase64String(Encoding.UTF8.GetBytes($"spray_{i}:guess")));
            last = await client.GetAsync("/ogc/collections");
            if (i < 6) Assert.Equal(HttpStatusCode.Unauthorized, last.StatusCode);
        }
        await AssertTooManyAsync(last!);
    }

    [Fact]
    public async Task ABurstOfRequestsWithOneCredential_SharesOnePasswordCheck_AndNoneIsThrottled()
    {
        // A GIS client opens many connections at once with the same Basic credentials; the first check is shared,
        // so a budget of three password checks per user name is not spent by one honest client.
        var client = _lowLimits.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"t_planner:{RegistryFixture.Password}")));
        var start = DateTimeOffset.UtcNow.AddSeconds(-1);
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.GetAsync("/ogc/collections")));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        // One check, so one audited sign-in: a request racing to start its own check would leave a second row
        // (and that check running on its request's database context while the request used it).
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from audit_events where user_name = 't_planner' and action = $1 and at >= $2",
            Domain.Security.AuditActions.SignInSucceeded, start));
    }
}
