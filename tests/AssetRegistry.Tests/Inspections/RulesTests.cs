using System.Net;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Persistence.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using AssetRegistry.Tests.Infrastructure;
using static AssetRegistry.Tests.Infrastructure.Features;

namespace AssetRegistry.Tests.Inspections;

/// <summary>The admin's rules editor: validated against the kinds, versioned with If-Match, admin only.</summary>
public sealed class RulesTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private async Task<(int Id, string ETag, JsonObject Rule)> RuleAsync(string code)
    {
        var admin = Fixture.Client("admin");
        var list = await (await admin.GetAsync("/api/inspection-rules")).JsonAsync();
        var id = list["rules"]!.AsArray().Single(r => r!["code"]!.GetValue<string>() == code)!["id"]!.GetValue<int>();
        var response = await admin.GetAsync($"/api/inspection-rules/{id}");
        return (id, response.Headers.ETag!.ToString(), await response.JsonAsync());
    }

    private Task<HttpResponseMessage> PutAsync(int id, JsonObject rule, string? etag) =>
        Fixture.Client("admin").SendWithIfMatchAsync(HttpMethod.Put, $"/api/inspection-rules/{id}", rule, etag, "application/json");

    [Fact]
    public async Task Put_ValidEdit_IsStoredAndMovesTheVersion()
    {
        var (id, etag, rule) = await RuleAsync("manholes.cover_patrol");
        rule["intervalDays"] = 14;
        rule["source"] = "泉州市城管局 2026 巡查制度: fortnightly";
        rule["verification"] = "partly_verified";
        var response = await PutAsync(id, rule, etag);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag!.ToString());
        Assert.Equal(14, await Fixture.ScalarAsync<int>("select interval_days from inspection_rules where id = $1", id));
        // The old ETag is stale now; no If-Match at all is refused too.
        await AssertProblemAsync(await PutAsync(id, rule, etag), HttpStatusCode.PreconditionFailed);
        await AssertProblemAsync(await PutAsync(id, rule, null), (HttpStatusCode)428);
    }

    /// <summary>The statements of a migration's Up (or Down), as <c>dotnet ef database update</c> would run them.</summary>
    private async Task RunAsync(IReadOnlyList<MigrationOperation> operations)
    {
        foreach (var sql in operations.OfType<SqlOperation>().Select(o => o.Sql)) await Fixture.ExecuteAsync(sql);
    }

    [Fact]
    public async Task UpgradeToChineseSources_RefusesAnEditFormOpenedBefore_AndKeepsASourceTheBureauWrote()
    {
        // The registry as it was before the upgrade: the default rules with their old English sources, one of them
        // since given a source of the bureau's own.
        var migration = new InspectionRuleSourcesInChinese();
        await RunAsync(migration.DownOperations);
        var (id, staleETag, rule) = await RuleAsync("manholes.cover_patrol");
        Assert.StartsWith("Assumed monthly patrol", rule["source"]!.GetValue<string>());
        const string bureaus = "泉州市城管局 2026 年巡查制度：每周夜巡";
        await Fixture.ExecuteAsync("update inspection_rules set source = $1 where code = 'streetlights.night_patrol'", bureaus);

        await RunAsync(migration.UpOperations);

        // The form opened before the upgrade cannot write the old text back over the new one.
        await AssertProblemAsync(await PutAsync(id, rule, staleETag), HttpStatusCode.PreconditionFailed);
        Assert.StartsWith("假定每月巡查每座井盖", await Fixture.ScalarAsync<string>("select source from inspection_rules where id = $1", id));
        Assert.Equal(bureaus, await Fixture.ScalarAsync<string>("select source from inspection_rules where code = 'streetlights.night_patrol'"));
        // Reopened, the form shows the new text and saves.
        var (_, etag, reopened) = await RuleAsync("manholes.cover_patrol");
        Assert.NotEqual(staleETag, etag);
        reopened["intervalDays"] = 14;
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(id, reopened, etag)).StatusCode);
        Assert.StartsWith("假定每月巡查每座井盖", await Fixture.ScalarAsync<string>("select source from inspection_rules where id = $1", id));
    }

    [Theory]
    [InlineData("collection", "hydrants", "collection")]
    [InlineData("filterAttribute", "colour", "filterAttribute")]
    [InlineData("lastDoneAttribute", "bci", "lastDoneAttribute")]
    [InlineData("intervalDays", 0, "intervalDays")]
    [InlineData("intervalDays", 36501, "intervalDays")]
    [InlineData("seasonStartMonth", 13, "seasonStartMonth")]
    [InlineData("checklist", "sewer_cctv", "checklist")]
    [InlineData("checklist", "bridge_colour", "checklist")]
    [InlineData("verification", "probably", "verification")]
    [InlineData("source", "", "source")]
    [InlineData("inspectionType", "vibes", "inspectionType")]
    [InlineData("code", "bridges.renamed", "code")]
    [InlineData("frequency", "weekly", "frequency")]
    public async Task Put_InvalidField_Returns400NamingItAndChangesNothing(string field, object value, string expectedError)
    {
        var (id, etag, rule) = await RuleAsync("bridges.routine_patrol.grade_1");
        rule[field] = JsonValue.Create(value);
        var response = await PutAsync(id, rule, etag);
        await AssertProblemAsync(response, HttpStatusCode.BadRequest, expectedError);
        Assert.Equal(1, await Fixture.ScalarAsync<int>("select version from inspection_rules where id = $1", id));
        Assert.Equal("bridges", await Fixture.ScalarAsync<string>("select collection from inspection_rules where id = $1", id));
    }

    [Fact]
    public async Task Post_NewRule_IsScheduledWithoutProblems()
    {
        var rule = new JsonObject
        {
            ["code"] = "waterlogging_points.post_storm", ["collection"] = "waterlogging_points", ["inspectionType"] = "post_storm_survey",
            ["filterAttribute"] = "risk_level", ["filterValues"] = new JsonArray("high"), ["intervalDays"] = 30,
            ["seasonStartMonth"] = 5, ["seasonEndMonth"] = 9, ["checklist"] = "waterlogging", ["titleZh"] = "汛期复查", ["titleEn"] = "Flood-season review",
            ["source"] = "DOMAIN.md §6: review within 24 h after a rainstorm [U]", ["verification"] = "unverified",
        };
        var admin = Fixture.Client("admin");
        var response = await admin.PostAsync("/api/inspection-rules", Body(rule, "application/json"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1L, await Fixture.ScalarAsync<long>("select count(*) from inspection_rules where code = 'waterlogging_points.post_storm' and active"));
        await AssertProblemAsync(await admin.PostAsync("/api/inspection-rules", Body(rule, "application/json")), HttpStatusCode.Conflict, "code");

        var report = await new InspectionScheduler(Fixture.Db, new InspectionOptions(), TimeProvider.System).RunAsync(new DateOnly(2026, 6, 1));
        Assert.All(report.Rules, r => Assert.Null(r.Problem));
    }

    [Theory]
    [InlineData("engineer")]
    [InlineData("crew")]
    public async Task Rules_NonAdmins_Return403(string role)
    {
        await AssertProblemAsync(await Fixture.Client(role).GetAsync("/api/inspection-rules"), HttpStatusCode.Forbidden);
        var (id, etag, rule) = await RuleAsync("manholes.cover_patrol");
        rule["intervalDays"] = 1;
        var put = await Fixture.Client(role).SendWithIfMatchAsync(HttpMethod.Put, $"/api/inspection-rules/{id}", rule, etag, "application/json");
        await AssertProblemAsync(put, HttpStatusCode.Forbidden);
        Assert.Equal(30, await Fixture.ScalarAsync<int>("select interval_days from inspection_rules where id = $1", id));
    }
}
