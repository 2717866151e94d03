using System.Net;
using System.Text;
using AssetRegistry.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AssetRegistry.Tests.Security;

/// <summary>
/// Every endpoint the app maps × every role and anonymous → the expected status, from one table. The table must
/// list every endpoint in the app's EndpointDataSource: a new endpoint without a row fails
/// <see cref="EveryMappedEndpoint_HasARowInTheAccessTable"/>, whose message is the row to paste (check its roles).
/// </summary>
public sealed class EndpointAccessTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    private const string Admin = "admin", Engineer = "engineer", Crew = "crew", Planner = "planner", Viewer = "viewer";
    private static readonly string[] Everyone = [Admin, Engineer, Crew, Planner, Viewer];
    private static readonly string[] Editors = [Admin, Engineer];
    private static readonly string[] AdminOnly = [Admin];
    private static readonly string[] Analysts = [Admin, Engineer, Planner];
    private static readonly string[] Recorders = [Admin, Engineer, Crew];
    private static readonly string[] StatisticsReaders = [Admin, Engineer, Planner, Viewer];
    private static readonly string[] Nobody = [];

    /// <summary>One endpoint: the roles allowed and the status they get for the sample request; other roles get 403;
    /// anonymous gets 401 (API) or a redirect to /login (pages), unless <paramref name="Anonymous"/> says otherwise.</summary>
    /// <param name="Method">HTTP method as mapped ("*" for endpoints that take any).</param>
    /// <param name="Pattern">The route pattern exactly as mapped.</param>
    /// <param name="Sample">A concrete URL for the pattern (route values filled in).</param>
    /// <param name="Allowed">Roles that pass authorization.</param>
    /// <param name="Status">What an allowed role gets for the sample (on an empty registry).</param>
    /// <param name="Body">A JSON body for writes (null: none).</param>
    /// <param name="Anonymous">Anonymous status when the endpoint is open (e.g. health, login).</param>
    /// <param name="Denied">What a signed-in role outside <paramref name="Allowed"/> gets (403 unless a page says otherwise).</param>
    public sealed record Row(string Method, string Pattern, string Sample, string[] Allowed, int Status, string? Body = null, int? Anonymous = null,
        int Denied = 403);

    /// <summary>The access table: one row per endpoint. Paste new rows from the failure message of the coverage test.</summary>
    public static readonly Row[] Table =
    [
        // Sign-in, pages and health
        new("GET", "/health", "/health", Everyone, 200, Anonymous: 200),
        new("GET", "/login", "/login", Everyone, 200, Anonymous: 200),
        new("POST", "/login", "/login", Everyone, 400, Anonymous: 400),
        new("POST", "/logout", "/logout", Everyone, 302),
        new("GET", "/", "/", Everyone, 200),
        new("GET", "/account", "/account", Everyone, 200),
        new("GET", "/statistics", "/statistics", Everyone, 200),
        new("GET", "/analysis", "/analysis", Everyone, 200),
        new("GET", "/crew", "/crew", Recorders, 200),
        new("GET", "/inspections", "/inspections", Editors, 200),
        new("GET", "/imports", "/imports", Editors, 200),
        new("GET", "/work-lists/{id:long}/print", "/work-lists/999999/print", Everyone, 404),
        new("*", "/hangfire/{**path}", "/hangfire", AdminOnly, 200),
        // Account, audit
        new("GET", "/api/me", "/api/me", Everyone, 200),
        new("GET", "/api/account/tokens", "/api/account/tokens", Everyone, 200),
        new("POST", "/api/account/tokens", "/api/account/tokens", Everyone, 400, Body: "{}"),
        new("DELETE", "/api/account/tokens/{tokenId:long}", "/api/account/tokens/999999", Everyone, 404),
        new("GET", "/api/audit", "/api/audit?limit=1", AdminOnly, 200),
        // OGC API – Features and Tiles
        new("GET", "/ogc", "/ogc", Everyone, 200),
        new("GET", "/ogc/conformance", "/ogc/conformance", Everyone, 200),
        new("GET", "/ogc/api", "/ogc/api", Everyone, 200),
        new("GET", "/ogc/collections", "/ogc/collections", Everyone, 200),
        new("GET", "/ogc/collections/{collectionId}", "/ogc/collections/manholes", Everyone, 200),
        new("GET", "/ogc/collections/{collectionId}/queryables", "/ogc/collections/manholes/queryables", Everyone, 200),
        new("GET", "/ogc/collections/{collectionId}/items", "/ogc/collections/manholes/items", Everyone, 200),
        new("GET", "/ogc/collections/{collectionId}/items/{featureId:long}", "/ogc/collections/manholes/items/999999", Everyone, 404),
        new("POST", "/ogc/collections/{collectionId}/items", "/ogc/collections/manholes/items", Editors, 400, Body: "{}"),
        new("PUT", "/ogc/collections/{collectionId}/items/{featureId:long}", "/ogc/collections/manholes/items/999999", Editors, 428, Body: "{}"),
        new("PATCH", "/ogc/collections/{collectionId}/items/{featureId:long}", "/ogc/collections/manholes/items/999999", Editors, 428, Body: "{}"),
        new("DELETE", "/ogc/collections/{collectionId}/items/{featureId:long}", "/ogc/collections/manholes/items/999999", Editors, 428),
        new("GET", "/ogc/collections/{collectionId}/tiles", "/ogc/collections/manholes/tiles", Everyone, 200),
        new("GET", "/ogc/collections/{collectionId}/tiles/WebMercatorQuad/{z}/{y}/{x}", "/ogc/collections/manholes/tiles/WebMercatorQuad/14/7000/13600", Everyone, 204),
        new("GET", "/api/tiles/versions", "/api/tiles/versions", Everyone, 200),
        // Exports: whoever may read items may export them
        new("GET", "/api/exports", "/api/exports", Everyone, 200),
        new("GET", "/api/exports/{collectionId}", "/api/exports/manholes?format=csv", Everyone, 200),
        new("POST", "/api/exports/{collectionId}", "/api/exports/manholes?format=csv", Everyone, 400, Body: "{}"),
        // Imports: editors only
        new("POST", "/api/imports", "/api/imports", Editors, 415, Body: "{}"),
        new("GET", "/api/imports", "/api/imports", Editors, 200),
        new("GET", "/api/imports/{id:long}", "/api/imports/999999", Editors, 404),
        new("GET", "/api/imports/{id:long}/refusals", "/api/imports/999999/refusals", Editors, 404),
        new("GET", "/api/imports/{id:long}/refusals.csv", "/api/imports/999999/refusals.csv", Editors, 404),
        new("POST", "/api/imports/{id:long}/commit", "/api/imports/999999/commit", Editors, 404, Body: "{\"mode\":\"all-or-nothing\"}"),
        new("DELETE", "/api/imports/{id:long}", "/api/imports/999999", Editors, 404),
        // Map data, assets
        new("GET", "/api/map/config", "/api/map/config", Everyone, 200),
        new("GET", "/js/enum-labels.js", "/js/enum-labels.js", Everyone, 200, Anonymous: 200),
        new("GET", "/api/districts", "/api/districts", Everyone, 200),
        new("GET", "/api/assets/{featureId:long}/history", "/api/assets/999999/history", Everyone, 404),
        new("GET", "/api/assets/lookup", "/api/assets/lookup", Everyone, 200),
        new("POST", "/api/assets/search", "/api/assets/search", Everyone, 400, Body: "{}"),
        // Inspections
        new("GET", "/api/tasks", "/api/tasks", Everyone, 200),
        new("GET", "/api/tasks/summary", "/api/tasks/summary", Everyone, 200),
        new("GET", "/api/tasks/{taskId:long}", "/api/tasks/999999", Everyone, 404),
        new("POST", "/api/tasks/{taskId:long}/safety", "/api/tasks/999999/safety", Recorders, 428, Body: "{}"),
        new("POST", "/api/tasks/{taskId:long}/result", "/api/tasks/999999/result", Recorders, 428, Body: "{}"),
        new("GET", "/api/checklists", "/api/checklists", Everyone, 200),
        new("GET", "/api/checklists/{checklistId}", "/api/checklists/no-such-checklist", Everyone, 404),
        new("GET", "/api/alerts", "/api/alerts", Editors, 200),
        new("POST", "/api/alerts/{alertId:long}/acknowledge", "/api/alerts/999999/acknowledge", Editors, 404),
        new("POST", "/api/campaigns", "/api/campaigns", Editors, 400, Body: "{}"),
        new("GET", "/api/campaigns/{campaignId:long}", "/api/campaigns/999999", Everyone, 404),
        new("POST", "/api/campaigns/{campaignId:long}/plan", "/api/campaigns/999999/plan", Editors, 404),
        new("GET", "/api/inspection-rules", "/api/inspection-rules", AdminOnly, 200),
        new("GET", "/api/inspection-rules/{ruleId:int}", "/api/inspection-rules/999999", AdminOnly, 404),
        new("PUT", "/api/inspection-rules/{ruleId:int}", "/api/inspection-rules/999999", AdminOnly, 428, Body: "{}"),
        new("POST", "/api/inspection-rules", "/api/inspection-rules", AdminOnly, 400, Body: "{}"),
        new("GET", "/api/inspections-office/rules", "/api/inspections-office/rules", Editors, 200),
        new("GET", "/api/inspections-office/campaign-options", "/api/inspections-office/campaign-options", Editors, 200),
        // Work lists and crews
        new("POST", "/api/work-lists/build", "/api/work-lists/build", Editors, 200, Body: "{}"),
        new("GET", "/api/work-lists", "/api/work-lists", Everyone, 200),
        new("GET", "/api/work-lists/mine", "/api/work-lists/mine", Everyone, 200),
        new("GET", "/api/work-lists/{id:long}", "/api/work-lists/999999", Everyone, 404),
        new("GET", "/api/work-lists/{id:long}.xlsx", "/api/work-lists/999999.xlsx", Everyone, 404),
        new("GET", "/api/work-lists/{id:long}.geojson", "/api/work-lists/999999.geojson", Everyone, 404),
        new("GET", "/api/crews", "/api/crews", Everyone, 200),
        new("GET", "/api/crews/{crewId:int}", "/api/crews/999999", Everyone, 404),
        new("POST", "/api/crews", "/api/crews", AdminOnly, 400, Body: "{}"),
        // Analysis and statistics
        new("GET", "/api/analysis/park-coverage", "/api/analysis/park-coverage", Analysts, 200),
        new("GET", "/api/analysis/park-coverage/uncovered", "/api/analysis/park-coverage/uncovered", Analysts, 200),
        new("POST", "/api/analysis/park-coverage/what-if", "/api/analysis/park-coverage/what-if", Analysts, 400, Body: "{}"),
        new("GET", "/api/analysis/sewer/trace", "/api/analysis/sewer/trace", Analysts, 400),
        new("GET", "/api/analysis/sewer/topology", "/api/analysis/sewer/topology", Analysts, 200),
        new("GET", "/api/analysis/sewer/trace/geojson", "/api/analysis/sewer/trace/geojson", Analysts, 400),
        new("GET", "/api/analysis/waterlogging/{pointId:long}/drainage", "/api/analysis/waterlogging/999999/drainage", Analysts, 404),
        new("POST", "/api/analysis/waterlogging/{pointId:long}/drainage/campaign", "/api/analysis/waterlogging/999999/drainage/campaign", Editors, 404, Body: "{}"),
        new("GET", "/api/statistics", "/api/statistics", StatisticsReaders, 200),
        new("GET", "/api/statistics/{chart}.{format}", "/api/statistics/no-such-chart.csv", StatisticsReaders, 404),
    ];

    [Fact]
    public void EveryMappedEndpoint_HasARowInTheAccessTable()
    {
        var mapped = MappedEndpoints();
        var listed = Table.Select(r => (r.Method, r.Pattern)).ToHashSet();
        var missing = mapped.Where(e => !listed.Contains(e)).ToList();
        Assert.True(missing.Count == 0,
            "Endpoints without a row in EndpointAccessTests.Table; paste these rows and set their roles and statuses:\n"
            + string.Join("\n", missing.Select(m => SuggestedRow(m.Method, m.Pattern))));
        var stale = Table.Where(r => !mapped.Contains((r.Method, r.Pattern))).Select(r => $"{r.Method} {r.Pattern}").ToList();
        Assert.True(stale.Count == 0, "Rows for endpoints the app no longer maps; remove them:\n" + string.Join("\n", stale));
    }

    public static TheoryData<string, string> Rows()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Table) data.Add(row.Method, row.Pattern);
        return data;
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task EachRoleAndAnonymous_GetTheExpectedStatus(string method, string pattern)
    {
        var row = Table.Single(r => r.Method == method && r.Pattern == pattern);
        var failures = new List<string>();
        foreach (var role in Everyone.Append(null))
        {
            var expected = role is null ? row.Anonymous ?? (IsPage(row) ? 302 : 401) : row.Allowed.Contains(role) ? row.Status : row.Denied;
            var response = await SendAsync(Fixture.Client(role), row);
            if ((int)response.StatusCode != expected)
                failures.Add($"{role ?? "anonymous"}: expected {expected}, got {(int)response.StatusCode} {Excerpt(await response.Content.ReadAsStringAsync())}");
            if (role is null && expected == 302 && response.Headers.Location is { } location)
                Assert.StartsWith("/login", location.IsAbsoluteUri ? location.PathAndQuery : location.ToString());
        }
        Assert.True(failures.Count == 0, $"{row.Method} {row.Sample}:\n" + string.Join("\n", failures));
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Row row)
    {
        var request = new HttpRequestMessage(new HttpMethod(row.Method == "*" ? "GET" : row.Method), row.Sample);
        if (row.Body is not null) request.Content = new StringContent(row.Body, Encoding.UTF8, "application/json");
        return await client.SendAsync(request);
    }

    private static bool IsPage(Row row) =>
        !row.Pattern.StartsWith("/api", StringComparison.Ordinal) && !row.Pattern.StartsWith("/ogc", StringComparison.Ordinal) && row.Pattern != "/health";

    private HashSet<(string Method, string Pattern)> MappedEndpoints()
    {
        var sources = Fixture.Factory.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var set = new HashSet<(string, string)>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            // A group's "" endpoint keeps the group's trailing slash in RawText; the table writes it without.
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/');
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods;
            if (methods is null || methods.Count == 0) set.Add(("*", pattern));
            else foreach (var m in methods) set.Add((m, pattern));
        }
        return set;
    }

    private static string SuggestedRow(string method, string pattern)
    {
        var sample = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{\*{0,2}(\w+)(:[^}]*)?\}", m =>
            m.Groups[2].Value.StartsWith(":long") || m.Groups[2].Value.StartsWith(":int") ? "999999" : "sample-" + m.Groups[1].Value);
        var body = method is "POST" or "PUT" or "PATCH" ? ", Body: \"{}\"" : "";
        return $"        new(\"{method}\", \"{pattern}\", \"{sample}\", Everyone, 200{body}),";
    }

    private static string Excerpt(string text) => text.Length > 300 ? text[..300] + "…" : text;
}
