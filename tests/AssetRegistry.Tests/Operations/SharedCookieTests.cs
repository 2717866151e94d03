using System.Net;
using System.Text.RegularExpressions;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AssetRegistry.Tests.Operations;

/// <summary>Several web servers behind one address: the data-protection keys live in the registry database, so a
/// sign-in cookie issued by one app instance is accepted by another.</summary>
public sealed partial class SharedCookieTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    [Fact]
    public async Task CookieIssuedByOneServer_IsAcceptedByASecondServer()
    {
        await using var first = ThrowawayRegistry.App(Fixture.ConnectionString);
        await using var second = ThrowawayRegistry.App(Fixture.ConnectionString);
        var cookie = await SignInAsync(first);

        var other = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var withCookie = new HttpRequestMessage(HttpMethod.Get, "/ogc/collections");
        withCookie.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await other.SendAsync(withCookie)).StatusCode);

        var withoutCookie = await other.GetAsync("/ogc/collections");
        Assert.Equal(HttpStatusCode.Unauthorized, withoutCookie.StatusCode);
        Assert.True(await Fixture.ScalarAsync<long>("select count(*) from data_protection_keys where xml like '<key %'") >= 1);
    }

    /// <summary>Signs in as t_engineer through the login form and returns the auth cookie as a Cookie header value.</summary>
    private static async Task<string> SignInAsync(WebApplicationFactory<Program> app)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var token = TokenField().Match(await browser.GetStringAsync("/login")).Groups[1].Value;
        var signIn = await browser.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["username"] = "t_engineer", ["password"] = RegistryFixture.Password, ["returnUrl"] = "/",
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("assetregistry.auth="));
        return auth[..auth.IndexOf(';')];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
