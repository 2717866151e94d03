namespace AssetRegistry.Web.Infrastructure;

/// <summary>
/// Reads that finish even when their client leaves: a page of items, one item, a vector tile, the tile versions.
/// Leaflet abandons the tiles of a view the user has panned away from, QGIS abandons pages, and wrk cuts off the
/// requests in flight when a run ends. Cancelling their statement costs more than finishing it: Npgsql opens a
/// second connection to send PostgreSQL the cancel request, and when the cancellation lands after the statement
/// has ended it breaks the pooled connection, so the next request connects again. These statements are bounded
/// (a page holds at most <c>RegistryRules.MaxPageSize</c> features, 10,000 by default; a tile is one tile; every
/// command has the connection's timeout), so the endpoints marked here run with a request token that the
/// client's going does not trigger. Everything else (analyses, exports, imports) still stops when its client
/// leaves.
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
    /// <see cref="CancellationToken"/> parameters are bound to) with a token that never fires. Writing the answer to
    /// a connection that is gone is a no-op for Kestrel.</summary>
    public static IApplicationBuilder UseShortReads(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<FinishWhenClientLeaves>() is not null)
            {
                http.Items[ClientAbortKey] = http.RequestAborted;
                http.RequestAborted = CancellationToken.None;
            }
            return next(http);
        });

    /// <summary>Whether the client has gone, for short reads as for every other request.</summary>
    public static bool ClientLeft(HttpContext http) =>
        http.RequestAborted.IsCancellationRequested || http.Items[ClientAbortKey] is CancellationToken { IsCancellationRequested: true };
}
