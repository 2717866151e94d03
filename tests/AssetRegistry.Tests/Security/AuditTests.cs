using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Security;

/// <summary>Sign-ins (success and failure, by method) and admin actions land in the audit trail, which admins read
/// at /api/audit filtered by user, action and time.</summary>
public sealed class AuditTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private async Task<JsonArray> EventsAsync(string query)
    {
        var response = await Fixture.Client("admin").GetAsync("/api/audit?" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync())["events"]!.AsArray();
    }

    private static string Since(DateTimeOffset t) => "from=" + Uri.EscapeDataString(t.AddSeconds(-1).ToString("O"));

    [Fact]
    public async Task CookieSignIn_SuccessAndFailure_AreAudited_WithMethodAndAddress()
    {
        var start = DateTimeOffset.UtcNow;
        var (session, wrong) = await CookieSession.SignInAsync(Fixture.Factory, "t_planner", "not-the-password");
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await session.PostLoginAsync("t_planner", RegistryFixture.Password)).StatusCode);
        var events = await EventsAsync($"user=t_planner&{Since(start)}");
        Assert.Contains(events, e => e!["action"]!.GetValue<string>() == "sign-in.failed" && e["authMethod"]!.GetValue<string>() == "cookie"
            && e["detail"]!.GetValue<string>() == "wrong password" && e["clientIp"] is not null);
        Assert.Contains(events, e => e!["action"]!.GetValue<string>() == "sign-in.succeeded" && e["authMethod"]!.GetValue<string>() == "cookie");
    }

    [Fact]
    public async Task BasicFailure_IsAudited_AndFilteringByActionKeepsOnlyThatAction()
    {
        var start = DateTimeOffset.UtcNow;
        var client = Fixture.Client(role: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("nobody_here:whatever"u8.ToArray()));
        await client.GetAsync("/ogc/collections");
        var events = await EventsAsync($"action=sign-in.failed&{Since(start)}");
        Assert.Contains(events, e => e!["userName"]!.GetValue<string>() == "nobody_here" && e["authMethod"]!.GetValue<string>() == "basic"
            && e["detail"]!.GetValue<string>() == "unknown user");
        Assert.All(events, e => Assert.Equal("sign-in.failed", e!["action"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TokenIssueUseAndRevoke_AreAudited()
    {
        var start = DateTimeOffset.UtcNow;
        var issued = await (await Fixture.Client("crew").PostAsync("/api/account/tokens", Body(new JsonObject { ["name"] = "audit me" }, "application/json"))).JsonAsync();
        var id = issued["id"]!.GetValue<long>();
        var bearer = Fixture.Client(role: null);
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issued["token"]!.GetValue<string>());
        await bearer.GetAsync("/ogc/collections");
        await Fixture.Client("crew").DeleteAsync($"/api/account/tokens/{id}");
        await bearer.GetAsync("/ogc/collections");
        var events = await EventsAsync($"user=t_crew&{Since(start)}");
        Assert.Contains(events, e => e!["action"]!.GetValue<string>() == "token.issued" && e["target"]!.GetValue<string>() == id.ToString());
        Assert.Contains(events, e => e!["action"]!.GetValue<string>() == "sign-in.succeeded" && e["authMethod"]!.GetValue<string>() == "token");
        Assert.Contains(events, e => e!["action"]!.GetValue<string>() == "token.revoked" && e["target"]!.GetValue<string>() == id.ToString());
        var failed = await EventsAsync($"action=sign-in.failed&{Since(start)}");
        Assert.Contains(failed, e => e!["authMethod"]!.GetValue<string>() == "token");
    }

    [Fact]
    public async Task RuleEdit_IsAudited_WithTheRuleAsTarget()
    {
        var start = DateTimeOffset.UtcNow;
        var admin = Fixture.Client("admin");
        var list = await (await admin.GetAsync("/api/inspection-rules")).JsonAsync();
        var id = list["rules"]!.AsArray()[0]!["id"]!.GetValue<int>();
        var current = await admin.GetAsync($"/api/inspection-rules/{id}");
        var rule = await current.JsonAsync();
        var put = await admin.SendWithIfMatchAsync(HttpMethod.Put, $"/api/inspection-rules/{id}", rule, current.Headers.ETag!.ToString(), "application/json");
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var events = await EventsAsync($"action=rule.replaced&user=t_admin&{Since(start)}");
        var e = Assert.Single(events);
        Assert.Equal(id.ToString(), e!["target"]!.GetValue<string>());
        Assert.Equal("basic", e["authMethod"]!.GetValue<string>());
    }

    [Fact]
    public async Task RefusedRuleEdit_IsNotAuditedAsDone()
    {
        var start = DateTimeOffset.UtcNow;
        await Fixture.Client("admin").SendWithIfMatchAsync(HttpMethod.Put, "/api/inspection-rules/999999", new JsonObject(), "\"1\"", "application/json");
        Assert.DoesNotContain(await EventsAsync($"action=rule.replaced&{Since(start)}"), e => e!["target"]?.GetValue<string>() == "999999");
    }

    [Fact]
    public async Task Audit_IsPaged_NewestFirst_AndRejectsABadDate()
    {
        var page = await (await Fixture.Client("admin").GetAsync("/api/audit?limit=2")).JsonAsync();
        Assert.True(page["numberReturned"]!.GetValue<int>() <= 2);
        var events = page["events"]!.AsArray();
        if (events.Count == 2) Assert.True(events[0]!["at"]!.GetValue<DateTimeOffset>() >= events[1]!["at"]!.GetValue<DateTimeOffset>());
        await AssertProblemAsync(await Fixture.Client("admin").GetAsync("/api/audit?from=yesterday"), HttpStatusCode.BadRequest, "from");
        await AssertProblemAsync(await Fixture.Client("admin").GetAsync("/api/audit?limit=0"), HttpStatusCode.BadRequest, "limit");
    }
}
