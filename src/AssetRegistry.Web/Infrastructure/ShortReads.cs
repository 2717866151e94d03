namespace AssetRegistry.Web.Infrastructure;

/// <summary>
/// Reads that finish even when their client leaves: a page of items, one item, a vector tile, the tile versions.
/// Leaflet abandons the tiles of a view the user has panned away from, QGIS abandons pages, and wrk cuts off the
/// requests in flight when a run ends. Cancelling their statement costs more than finishing it: Npgsql opens a
/// second connection to send PostgreSQL the cancel request, and when the cancellation lands after the statement
/// has ended it breaks the pooled connection, so the next request connects again. These statements are bounded
/// (a page holds at most <c>RegistryRules.MaxPageSize</c> features, 10,000 by default; a tile is one tile; every
/// command has the connection's timeout), so the endpoints marked here run with a request token that the
/// client's going does not trigger at once: only when the read is still running
/// <see cref="DatabaseOptions.AbandonedReadGraceSeconds"/> later, which a page or a tile never is unless it waits on
/// something (a bulk import's lock on its table), is it cancelled, so that reads nobody waits for do not keep the
/// pool's connections from requests that have a client. Everything else (analyses, exports, imports) still stops
/// when its client leaves.
/// </summary>
public static class ShortReads
{
    /// <summary>Endpoint metadata: the endpoint's statements finish whether or not the client waits for them.</summary>
    public sealed class FinishWhenClientLeaves;

    private static readonly FinishWhenClientLeaves Marker = new();

    /// <summary>Where the client's own abort token is kept once <see cref="HttpContext.RequestAborted"/> is replaced.</summary>
    private static readonly object ClientAbortKey = new();

    /// <summary>Marks the endpoint as a short read (see <see cref="ShortReads"/>).</summary>
    public static TBuilder FinishesWhenClientLeaves<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(Marker);

    /// <summary>For the marked endpoints, replaces <see cref="HttpContext.RequestAborted"/> (which the endpoints'
    /// <see cref="CancellationToken"/> parameters are bound to) with a token that fires the grace after the client's
    /// own (<see cref="DatabaseOptions.AbandonedReadGraceSeconds"/>). Writing the answer to a connection that is gone
    /// is a no-op for Kestrel.</summary>
    public static IApplicationBuilder UseShortReads(this IApplicationBuilder app)
    {
        var grace = TimeSpan.FromSeconds(app.ApplicationServices.GetRequiredService<DatabaseOptions>().AbandonedReadGraceSeconds);
        return app.Use(async (http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<FinishWhenClientLeaves>() is null)
            {
                await next(http);
                return;
            }
            var client = http.RequestAborted;
            using var abandoned = new CancellationTokenSource();
            var registration = client.Register(() => abandoned.CancelAfter(grace));
            try
            {
                http.Items[ClientAbortKey] = client;
                http.RequestAborted = abandoned.Token;
                await next(http);
            }
            finally
            {
                // Waits for a callback under way, so the source is not disposed while it starts the grace.
                await registration.DisposeAsync();
            }
        });
    }

    /// <summary>Whether the client has gone, for short reads as for every other request.</summary>
    public static bool ClientLeft(HttpContext http) =>
        http.RequestAborted.IsCancellationRequested || http.Items[ClientAbortKey] is CancellationToken { IsCancellationRequested: true };
}
