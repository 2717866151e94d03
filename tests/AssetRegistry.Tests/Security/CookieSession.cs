using System.Net;
using System.Text.RegularExpressions;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace AssetRegistry.Tests.Security;

/// <summary>A browser-like client: signs in through the login form with a cookie, then holds the antiforgery
/// request token a page hands out (cookie XSRF-TOKEN).</summary>
public sealed partial class CookieSession
{
    public HttpClient Client { get; }
    public string? RequestToken { get; private set; }

    private CookieSession(HttpClient client) => Client = client;

    /// <summary>Posts the login form; returns the session and the answer to the POST (302 on success).</summary>
    public static async Task<(CookieSession Session, HttpResponseMessage Answer)> SignInAsync(WebApplicationFactory<Program> factory,
        string userName, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var session = new CookieSession(client);
        return (session, await session.PostLoginAsync(userName, password));
    }

    public async Task<HttpResponseMessage> PostLoginAsync(string userName, string password)
    {
        var page = await Client.GetStringAsync("/login");
        return await Client.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = TokenField().Match(page).Groups[1].Value,
            ["username"] = userName, ["password"] = password, ["returnUrl"] = "/",
        }));
    }

    /// <summary>Opens a page, as the browser would, and keeps the request token it sets.</summary>
    public async Task OpenPageAsync(string path = "/")
    {
        var page = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var cookie = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal));
        RequestToken = Uri.UnescapeDataString(cookie["XSRF-TOKEN=".Length..cookie.IndexOf(';')]);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
