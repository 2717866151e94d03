using System.Security.Claims;
using System.Text;
using AssetRegistry.Domain.Districts;
using AssetRegistry.Domain.Users;

namespace AssetRegistry.Web.Map;

/// <summary>Small reads the map page needs: who is signed in (and may they edit), and the district boundaries.</summary>
public static class MapDataEndpoints
{
    public static IEndpointRouteBuilder MapMapData(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", (ClaimsPrincipal user) => TypedResults.Ok(new
        {
            userName = user.Identity?.Name,
            roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
            canEdit = Roles.Editors.Any(user.IsInRole),
        })).WithName("Me").WithSummary("The signed-in user, roles, and whether they may edit.");
        app.MapGet("/api/districts", async (DistrictMap districts, HttpContext http, CancellationToken ct) =>
        {
            http.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.Text(await districts.ReadGeoJsonAsync(ct), "application/geo+json", Encoding.UTF8);
        }).WithName("Districts").WithSummary("District boundaries (GeoJSON, simplified for display).");
        return app;
    }
}
