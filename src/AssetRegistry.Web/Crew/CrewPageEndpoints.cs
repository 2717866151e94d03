using System.Net;
using AssetRegistry.Web.Infrastructure;
using AssetRegistry.Web.Inspections;

namespace AssetRegistry.Web.Crew;

/// <summary>
/// The crews' mobile page "My list today" at <c>/crew</c>: signed-in users only (others are sent to <c>/login</c>),
/// for the roles that record results (crew, engineer, admin); any other role gets a short page saying so. The page
/// itself is the static <c>wwwroot/crew.html</c>; its scripts read the lists, tasks and checklists from the API.
/// </summary>
public static class CrewPageEndpoints
{
    public static IEndpointRouteBuilder MapCrewPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/crew", ShowCrewPageAsync).WithName("CrewPage").ExcludeFromDescription();
        return app;
    }

    private static Task<IResult> ShowCrewPageAsync(HttpContext http, IWebHostEnvironment env, string? lang, CancellationToken ct)
    {
        if (!InspectionPolicies.Recorders.Any(http.User.IsInRole))
            return Task.FromResult(NotForYourRole.Result(http, english: lang == "en"));
        AppPages.SetHeaders(http.Response);
        return AppPages.ServeAsync(http, env, "crew.html", ct);
    }

    /// <summary>What a signed-in user without a recording role sees at <c>/crew</c>.</summary>
    private static readonly RoleNotice NotForYourRole = new("/crew", "crew-notice", ["/css/crew.css"],
        new("今日巡查 · 仅限巡查班组", "My list today · for inspection crews"),
        new("此页面供巡查班组使用", "This page is for inspection crews"),
        new("“今日巡查”为巡查班组、工程师和管理员记录巡查结果而设。您当前登录的账户（", "“My list today” is where crews, engineers and admins record inspection results. The account you are signed in with ("),
        new("）没有记录巡查结果的权限。", ") may not record results."),
        new("如需查看设施，请使用地图；如需加入班组，请联系管理员。", "To look at assets, use the map; to join a crew, ask an administrator."));
}
