using System.Net;
using AssetRegistry.Tests.Infrastructure;

namespace AssetRegistry.Tests.Security;

/// <summary>Every response — pages, API answers, static files, errors, redirects — carries the security headers.</summary>
public sealed class SecurityHeadersTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    public static TheoryData<string?, string, int> Responses() => new()
    {
        // Pages (each page the app serves), as a role that may open it
        { "engineer", "/", 200 }, { "engineer", "/account", 200 }, { "engineer", "/statistics", 200 }, { "engineer", "/analysis", 200 },
        { "engineer", "/crew", 200 }, { "engineer", "/inspections", 200 }, { "viewer", "/crew", 403 }, { "viewer", "/inspections", 403 },
        { null, "/login", 200 }, { "engineer", "/work-lists/999999/print", 404 }, { "admin", "/hangfire", 200 },
        // API answers and errors
        { "engineer", "/ogc/collections", 200 }, { "engineer", "/ogc/collections/manholes/items?limit=1", 200 }, { "engineer", "/api/me", 200 },
        { "engineer", "/ogc/collections/no-such-kind/items", 404 }, { null, "/ogc/collections", 401 }, { "viewer", "/api/audit", 403 },
        { null, "/health", 200 }, { null, "/", 302 },
        // Static files and a missing one
        { null, "/js/api.js", 200 }, { null, "/css/site.css", 200 }, { null, "/favicon.svg", 200 }, { null, "/no-such-file.js", 302 },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task Response_CarriesCspWithoutInlineScript_NoSniff_NoFraming_AndAReferrerPolicy(string? role, string path, int status)
    {
        var response = await Fixture.Client(role).GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        var csp = Header(response, "Content-Security-Policy");
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).SingleOrDefault(d => d.StartsWith("script-src", StringComparison.Ordinal))
            ?? csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("default-src", StringComparison.Ordinal));
        Assert.DoesNotContain("'unsafe-inline'", scriptSrc);
        Assert.DoesNotContain("'unsafe-eval'", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Header(response, "Referrer-Policy"));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"{name} missing on {response.RequestMessage?.RequestUri} ({(int)response.StatusCode})");
}
