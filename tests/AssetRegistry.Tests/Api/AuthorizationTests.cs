using System.Net;
using System.Text.RegularExpressions;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Api;

/// <summary>Reads need a signed-in user; writes need engineer or admin; the browser signs in with a cookie.</summary>
public sealed partial class AuthorizationTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task Anonymous_ReadOrWrite_Returns401WithBasicChallenge()
    {
        var anonymous = Fixture.Client(role: null);
        var read = await anonymous.GetAsync("/ogc/collections/manholes/items");
        await AssertProblemAsync(read, HttpStatusCode.Unauthorized);
        Assert.Contains("Basic", read.Headers.WwwAuthenticate.ToString());
        await AssertProblemAsync(await anonymous.PostAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" })), HttpStatusCode.Unauthorized);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }

    [Fact]
    public async Task WrongPassword_Returns401()
    {
        var client = Fixture.Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("t_engineer:wrong-password"u8.ToArray()));
        await AssertProblemAsync(await client.GetAsync("/ogc/collections"), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("viewer")]
    [InlineData("crew")]
    [InlineData("planner")]
    public async Task ReadOnlyRoles_CanReadButWriteReturns403(string role)
    {
        var client = Fixture.Client(role);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/ogc/collections/manholes/items")).StatusCode);
        var write = await client.PostAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" }));
        await AssertProblemAsync(write, HttpStatusCode.Forbidden);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }

    [Theory]
    [InlineData("engineer")]
    [InlineData("admin")]
    public async Task EditorRoles_CanCreate(string role)
    {
        await Fixture.Client(role).CreateAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" }));
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from manholes"));
    }

    [Fact]
    public async Task Browser_SignsInWithCookie_ThenReadsWithoutBasic()
    {
        var browser = Fixture.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var home = await browser.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("/login", home.Headers.Location!.PathAndQuery);

        var page = await browser.GetStringAsync("/login");
        Assert.Contains("登录", page);
        var token = TokenField().Match(page).Groups[1].Value;
        var wrong = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["username"] = "t_engineer", ["password"] = "nope", ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        token = TokenField().Match(await wrong.Content.ReadAsStringAsync()).Groups[1].Value;

        var signIn = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["username"] = "t_engineer", ["password"] = RegistryFixture.Password, ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/ogc/collections")).StatusCode);
        Assert.Contains("t_engineer", await browser.GetStringAsync("/"));
    }

    [Fact]
    public async Task LoginPage_InEnglish_WhenAsked()
    {
        var page = await Fixture.Factory.CreateClient().GetStringAsync("/login?lang=en");
        Assert.Contains("Sign in", page);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
