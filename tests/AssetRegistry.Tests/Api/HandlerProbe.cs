using AssetRegistry.Tests.Infrastructure;
using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace AssetRegistry.Tests.Api;

/// <summary>
/// The app's exception handler over a data source of the test's own, so that a test can tell whether handling an
/// exception kept that pool: the server process behind a pooled connection is the same before and after when it did.
/// </summary>
internal static class HandlerProbe
{
    /// <summary>The server process id behind a connection from <paramref name="dataSource"/>'s pool.</summary>
    public static async Task<int> BackendAsync(NpgsqlDataSource dataSource)
    {
        await using var conn = await dataSource.OpenConnectionAsync();
        await using var cmd = new NpgsqlCommand("select pg_backend_pid()", conn);
        return (int)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Hands <paramref name="exception"/> to the handler as if thrown by a GET of <paramref name="path"/>;
    /// returns the response (body rewound) for the test to read.</summary>
    public static async Task<HttpResponse> HandleAsync(RegistryFixture fixture, NpgsqlDataSource dataSource, Exception exception, string path,
        CancellationToken requestAborted = default, string? acceptLanguage = null)
    {
        var services = fixture.Factory.Services;
        var handler = new DomainExceptionHandler(services.GetRequiredService<IProblemDetailsService>(),
            NullLogger<DomainExceptionHandler>.Instance, services.GetRequiredService<DatabaseOptions>(), new RegistryDataSources(dataSource, dataSource));
        var http = new DefaultHttpContext { RequestServices = services, RequestAborted = requestAborted };
        http.Request.Method = "GET";
        http.Request.Path = path;
        if (acceptLanguage is not null) http.Request.Headers.AcceptLanguage = acceptLanguage;
        http.Response.Body = new MemoryStream();
        Assert.True(await handler.TryHandleAsync(http, exception, default));
        http.Response.Body.Position = 0;
        return http.Response;
    }
}
