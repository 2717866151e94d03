using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Web.Cli;
using AssetRegistry.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AssetRegistry.Tests.Security;

/// <summary>
/// X-Forwarded-For is believed from the proxies listed in Security:TrustedProxies only: then the client's address
/// is the one the sign-in budget counts and the audit records; from anyone else, or with none listed, the header is
/// ignored. The test host's requests come from a fixed address (a startup filter stands in for the socket).
/// </summary>
public sealed class TrustedProxyTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private const string Client = "203.0.113.7";

    /// <summary>Sets the connection's remote address before the app's own middleware sees the request.</summary>
    private sealed class FromAddress(string address) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private WebApplicationFactory<Program> App(string remote, params string[] trusted) => Fixture.Factory.WithWebHostBuilder(b =>
    {
        for (var i = 0; i < trusted.Length; i++) b.UseSetting($"Security:TrustedProxies:{i}", trusted[i]);
        b.ConfigureServices(s => s.AddSingleton<IStartupFilter>(new FromAddress(remote)));
    });

    /// <summary>A Basic sign-in of a user name nobody has (so no account is locked by it) through
    /// <paramref name="app"/>, claiming to come from <see cref="Client"/>; returns the address the audit recorded.</summary>
    private async Task<string> AuditedAddressOfAFailedSignInAsync(WebApplicationFactory<Program> app)
    {
        var userName = "proxy-" + Guid.NewGuid().ToString("N")[..12];
        using var client = app.CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/ogc/collections");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:wrong-password")));
        request.Headers.Add("X-Forwarded-For", Client);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        return await Fixture.ScalarAsync<string>("select client_ip from audit_events where user_name = $1 and action = $2",
            userName, Domain.Security.AuditActions.SignInFailed);
    }

    [Fact]
    public async Task ThroughAListedProxy_TheClientsOwnAddressIsAudited()
    {
        await using var app = App("10.1.2.3", "10.1.2.3");
        Assert.Equal(Client, await AuditedAddressOfAFailedSignInAsync(app));
    }

    [Fact]
    public async Task ThroughAListedNetwork_TheClientsOwnAddressIsAudited()
    {
        await using var app = App("10.1.2.3", "10.1.0.0/16");
        Assert.Equal(Client, await AuditedAddressOfAFailedSignInAsync(app));
    }

    [Fact]
    public async Task FromAnAddressNotListed_TheHeaderIsIgnored()
    {
        await using var app = App("192.168.9.9", "10.1.0.0/16");
        Assert.Equal("192.168.9.9", await AuditedAddressOfAFailedSignInAsync(app));
    }

    [Fact]
    public async Task WithNoProxyListed_TheHeaderIsIgnored()
    {
        await using var app = App("10.1.2.3");
        Assert.Equal("10.1.2.3", await AuditedAddressOfAFailedSignInAsync(app));
    }

    [Fact]
    public void AnEntryThatIsNoAddress_IsRefusedWithTheSettingNamed_AndTheAppDoesNotStart()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Security:TrustedProxies:0"] = "proxy.example" }).Build();
        var e = Assert.Throws<StartupException>(() => TrustedProxies.Read(configuration));
        Assert.Contains("Security:TrustedProxies", e.Message);
        Assert.Contains("proxy.example", e.Message);

        using var app = App("10.1.2.3", "proxy.example");
        Assert.ThrowsAny<InvalidOperationException>(() => app.CreateClient()); // Program prints the error and exits 1
    }
}
