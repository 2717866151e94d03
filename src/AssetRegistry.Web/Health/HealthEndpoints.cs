using AssetRegistry.Web.Infrastructure;
using Npgsql;

namespace AssetRegistry.Web.Health;

/// <summary><c>GET /health</c>: 200 with the PostgreSQL and PostGIS versions, 503 when the database does not answer.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", CheckAsync).AllowAnonymous().WithName("Health").WithSummary("Database and PostGIS versions, or 503.");
        return app;
    }

    private static async Task<IResult> CheckAsync(HttpContext http, NpgsqlDataSource dataSource, DatabaseOptions database, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            await using var cmd = dataSource.CreateCommand("select current_setting('server_version'), postgis_lib_version()");
            await using var reader = await cmd.ExecuteReaderAsync(timeout.Token);
            await reader.ReadAsync(timeout.Token);
            return Results.Ok(new { status = "ok", database = "PostgreSQL " + reader.GetString(0), postgis = reader.GetString(1) });
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException or System.Net.Sockets.SocketException)
        {
            http.Response.Headers.RetryAfter = database.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.Problem(statusCode: 503, title: ProblemTitles.DatabaseUnavailable, detail: "The database did not answer.");
        }
    }
}
