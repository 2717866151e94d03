using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Security;

/// <summary>Personal API tokens: issued and shown once, stored as a hash, used as Bearer or as the Basic password,
/// refused at once when revoked or expired.</summary>
public sealed class ApiTokenTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private async Task<(long Id, string Secret)> IssueAsync(string role, string name, int? days = null)
    {
        var body = new JsonObject { ["name"] = name, ["expiresInDays"] = days };
        var response = await Fixture.Client(role).PostAsync("/api/account/tokens", Body(body, "application/json"));
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToJsonString());
        return (json["id"]!.GetValue<long>(), json["token"]!.GetValue<string>());
    }

    private HttpClient Bearer(string secret)
    {
        var client = Fixture.Client(role: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    private HttpClient BasicWithToken(string userName, string secret)
    {
        var client = Fixture.Client(role: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{userName}:{secret}")));
        return client;
    }

    [Fact]
    public async Task IssuedToken_WorksAsBearerAndAsBasicPassword_WithTheOwnersRole()
    {
        var (_, secret) = await IssueAsync("viewer", "QGIS office PC");
        Assert.StartsWith("arp_", secret);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(secret).GetAsync("/ogc/collections/manholes/items")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await BasicWithToken("t_viewer", secret).GetAsync("/ogc/collections/manholes/items")).StatusCode);
        var me = await (await Bearer(secret).GetAsync("/api/me")).JsonAsync();
        Assert.Equal("t_viewer", me["userName"]!.GetValue<string>());
        // A viewer's token cannot write.
        await AssertProblemAsync(await Bearer(secret).PostAsync("manholes", Feature(Point(Fengze.Lon, Fengze.Lat), new() { ["network"] = "rain" })),
            HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task IssuedToken_IsStoredOnlyAsItsSha256_AndNeverListed()
    {
        var (id, secret) = await IssueAsync("engineer", "GDAL nightly");
        var stored = await Fixture.ScalarAsync<byte[]>("select token_hash from api_tokens where id = $1", id);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), stored);
        Assert.Equal(0L, await Fixture.ScalarAsync<long>(
            "select count(*) from api_tokens t where t.id = $1 and (t.name like '%' || $2 || '%')", id, secret));
        var list = await (await Fixture.Client("engineer").GetAsync("/api/account/tokens")).Content.ReadAsStringAsync();
        Assert.Contains("GDAL nightly", list);
        Assert.DoesNotContain(secret, list);
        Assert.DoesNotContain(secret[4..], list);
    }

    [Fact]
    public async Task RevokedToken_IsRefusedAtOnce_EvenRightAfterAnAcceptedBasicRequest()
    {
        var (id, secret) = await IssueAsync("engineer", "to revoke");
        var basic = BasicWithToken("t_engineer", secret);
        Assert.Equal(HttpStatusCode.OK, (await basic.GetAsync("/ogc/collections")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Fixture.Client("engineer").DeleteAsync($"/api/account/tokens/{id}")).StatusCode);
        await AssertProblemAsync(await basic.GetAsync("/ogc/collections"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await Bearer(secret).GetAsync("/ogc/collections"), HttpStatusCode.Unauthorized);
        var list = await (await Fixture.Client("engineer").GetAsync("/api/account/tokens")).JsonAsync();
        Assert.DoesNotContain(list["tokens"]!.AsArray(), t => t!["id"]!.GetValue<long>() == id);
    }

    [Fact]
    public async Task ExpiredToken_Returns401()
    {
        var (id, secret) = await IssueAsync("engineer", "expires", days: 1);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(secret).GetAsync("/ogc/collections")).StatusCode);
        await Fixture.ExecuteAsync("update api_tokens set expires_at = now() - interval '1 second' where id = $1", id);
        await AssertProblemAsync(await Bearer(secret).GetAsync("/ogc/collections"), HttpStatusCode.Unauthorized);
        await AssertProblemAsync(await BasicWithToken("t_engineer", secret).GetAsync("/ogc/collections"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenUnderAnotherUsersName_InBasic_Returns401()
    {
        var (_, secret) = await IssueAsync("viewer", "mine");
        await AssertProblemAsync(await BasicWithToken("t_admin", secret).GetAsync("/ogc/collections"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GarbageBearer_Returns401WithBearerChallenge()
    {
        var response = await Bearer("arp_not-a-real-token").GetAsync("/ogc/collections");
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task LastUsed_IsRecordedOnUse()
    {
        var (id, secret) = await IssueAsync("planner", "last used");
        Assert.Equal(0L, await Fixture.ScalarAsync<long>("select count(last_used_at) from api_tokens where id = $1", id));
        await Bearer(secret).GetAsync("/ogc/collections");
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(last_used_at) from api_tokens where id = $1", id));
    }

    [Fact]
    public async Task Owner_CannotRevokeSomeoneElsesToken_ButAnAdminCan()
    {
        var (id, secret) = await IssueAsync("planner", "planner's");
        await AssertProblemAsync(await Fixture.Client("engineer").DeleteAsync($"/api/account/tokens/{id}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.OK, (await Bearer(secret).GetAsync("/ogc/collections")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Fixture.Client("admin").DeleteAsync($"/api/account/tokens/{id}")).StatusCode);
        await AssertProblemAsync(await Bearer(secret).GetAsync("/ogc/collections"), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Listing_ShowsOwnTokens_AndEveryonesOnlyToAdmins()
    {
        var (plannerToken, _) = await IssueAsync("planner", "planner list");
        var (viewerToken, _) = await IssueAsync("viewer", "viewer list");
        var own = (await (await Fixture.Client("viewer").GetAsync("/api/account/tokens")).JsonAsync())["tokens"]!.AsArray();
        Assert.Contains(own, t => t!["id"]!.GetValue<long>() == viewerToken);
        Assert.DoesNotContain(own, t => t!["id"]!.GetValue<long>() == plannerToken);
        await AssertProblemAsync(await Fixture.Client("viewer").GetAsync("/api/account/tokens?all=true"), HttpStatusCode.Forbidden);
        var all = (await (await Fixture.Client("admin").GetAsync("/api/account/tokens?all=true")).JsonAsync())["tokens"]!.AsArray();
        Assert.Contains(all, t => t!["id"]!.GetValue<long>() == viewerToken && t["userName"]!.GetValue<string>() == "t_viewer");
        Assert.Contains(all, t => t!["id"]!.GetValue<long>() == plannerToken);
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\": \"\"}", "name")]
    [InlineData("{\"name\": 5}", "name")]
    [InlineData("{\"name\": \"x\", \"expiresInDays\": 0}", "expiresInDays")]
    [InlineData("{\"name\": \"x\", \"expiresInDays\": \"soon\"}", "expiresInDays")]
    [InlineData("[]", "body")]
    public async Task Issue_WithBadInput_Returns400NamingTheField(string body, string field)
    {
        var before = await Fixture.ScalarAsync<long>("select count(*) from api_tokens");
        var response = await Fixture.Client("viewer").PostAsync("/api/account/tokens", new StringContent(body, Encoding.UTF8, "application/json"));
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(before, await Fixture.ScalarAsync<long>("select count(*) from api_tokens"));
    }
}
