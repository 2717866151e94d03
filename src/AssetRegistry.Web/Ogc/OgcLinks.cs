namespace AssetRegistry.Web.Ogc;

/// <summary>A link of an OGC API response.</summary>
public sealed record OgcLink(string Href, string Rel, string Type, string? Title = null);

/// <summary>Absolute URLs for OGC API responses, from the request's scheme, host and path base.</summary>
public static class OgcUrls
{
    public static string Base(HttpRequest r) => $"{r.Scheme}://{r.Host}{r.PathBase}/ogc";
    public static string Collection(HttpRequest r, string id) => $"{Base(r)}/collections/{id}";
    public static string Items(HttpRequest r, string id) => $"{Collection(r, id)}/items";
    public static string Item(HttpRequest r, string id, long featureId) => $"{Items(r, id)}/{featureId}";
}
