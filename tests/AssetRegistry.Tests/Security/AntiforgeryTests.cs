using System.Net;
using System.Net.Http.Headers;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Security;

/// <summary>Writes by a signed-in browser need the page's antiforgery token; Basic and Bearer clients do not.</summary>
public sealed class AntiforgeryTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private static StringContent Manhole() => Body(Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" }));

    private async Task<CookieSession> EngineerSessionAsync()
    {
        var (session, answer) = await CookieSession.SignInAsync(Fixture.Factory, "t_engineer", RegistryFixture.Password);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        await session.OpenPageAsync();
        return session;
    }

    [Fact]
    public async Task CookieWrite_WithoutToken_Returns400ProblemAndWritesNothing()
    {
        var session = await EngineerSessionAsync();
        await AssertProblemAsync(await session.Client.PostAsync("/ogc/collections/manholes/items", Manhole()), HttpStatusCode.BadRequest);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }

    [Fact]
    public async Task CookieWrite_WithAForgedToken_Returns400ProblemAndWritesNothing()
    {
        var session = await EngineerSessionAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/ogc/collections/manholes/items") { Content = Manhole() };
        request.Headers.Add("X-XSRF-TOKEN", "CfDJ8forged");
        await AssertProblemAsync(await session.Client.SendAsync(request), HttpStatusCode.BadRequest);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }

    [Fact]
    public async Task CookieWrite_WithThePagesToken_IsStored()
    {
        var session = await EngineerSessionAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/ogc/collections/manholes/items") { Content = Manhole() };
        request.Headers.Add("X-XSRF-TOKEN", session.RequestToken);
        var response = await session.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }

    [Fact]
    public async Task BasicWrite_NeedsNoToken()
    {
        Assert.Equal(HttpStatusCode.Created, (await Fixture.Client("engineer").PostAsync("/ogc/collections/manholes/items", Manhole())).StatusCode);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }

    [Fact]
    public async Task BrowserSentCrossSiteWrite_IsRefusedEvenWithBasic()
    {
        var client = Fixture.Client("engineer");
        var request = new HttpRequestMessage(HttpMethod.Post, "/ogc/collections/manholes/items") { Content = Manhole() };
        request.Headers.Add("Sec-Fetch-Site", "cross-site");
        await AssertProblemAsync(await client.SendAsync(request), HttpStatusCode.Forbidden);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }

    [Fact]
    public async Task BearerWrite_NeedsNoToken()
    {
        var issued = await (await Fixture.Client("engineer").PostAsync("/api/account/tokens", Body(new System.Text.Json.Nodes.JsonObject { ["name"] = "script" }, "application/json"))).JsonAsync();
        var client = Fixture.Client(role: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued["token"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/ogc/collections/manholes/items", Manhole())).StatusCode);
    }
}
