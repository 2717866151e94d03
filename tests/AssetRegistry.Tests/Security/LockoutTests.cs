using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AssetRegistry.Domain.Users;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AssetRegistry.Tests.Security;

/// <summary>Five wrong passwords lock the account (15 minutes) for the login form and for HTTP Basic alike; while
/// locked, even the right password is refused. Each test locks a user of its own, never a shared test user.</summary>
public sealed class LockoutTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private async Task<string> NewUserAsync(string prefix)
    {
        using var scope = Fixture.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<RegistryUser>>();
        var name = $"{prefix}_{Guid.NewGuid():N}"[..24];
        var created = await users.CreateAsync(new RegistryUser { UserName = name }, RegistryFixture.Password);
        Assert.True(created.Succeeded);
        await users.AddToRoleAsync((await users.FindByNameAsync(name))!, Roles.Viewer);
        return name;
    }

    private HttpClient Basic(string user, string password)
    {
        var client = Fixture.Client(role: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return client;
    }

    [Fact]
    public async Task Basic_FiveWrongPasswords_LockTheAccount_SoTheRightOneIsRefused()
    {
        var user = await NewUserAsync("lockb");
        for (var i = 0; i < 5; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await Basic(user, "wrong-" + i).GetAsync("/ogc/collections")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Basic(user, RegistryFixture.Password).GetAsync("/ogc/collections")).StatusCode);
        Assert.True(await Fixture.ScalarAsync<bool>("""select "LockoutEnd" > now() + interval '14 minutes' from "AspNetUsers" where "UserName" = $1""", user));
    }

    [Fact]
    public async Task Basic_FourWrongPasswords_ThenTheRightOne_SignsIn()
    {
        var user = await NewUserAsync("lockb4");
        for (var i = 0; i < 4; i++) await Basic(user, "wrong-" + i).GetAsync("/ogc/collections");
        Assert.Equal(HttpStatusCode.OK, (await Basic(user, RegistryFixture.Password).GetAsync("/ogc/collections")).StatusCode);
    }

    [Fact]
    public async Task LoginForm_FiveWrongPasswords_LockTheAccount_SoTheRightOneIsRefused()
    {
        var user = await NewUserAsync("lockc");
        var (session, first) = await CookieSession.SignInAsync(Fixture.Factory, user, "wrong-0");
        Assert.Equal(HttpStatusCode.Unauthorized, first.StatusCode);
        for (var i = 1; i < 5; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await session.PostLoginAsync(user, "wrong-" + i)).StatusCode);
        var locked = await session.PostLoginAsync(user, RegistryFixture.Password);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("账户已锁定", await locked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await session.Client.GetAsync("/")).StatusCode);
    }
}
