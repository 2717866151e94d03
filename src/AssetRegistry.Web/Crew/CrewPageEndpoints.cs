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
        AppPages.SetHeaders(http.Response);
        if (!InspectionPolicies.Recorders.Any(http.User.IsInRole))
            return Task.FromResult<IResult>(TypedResults.Content(NotForYourRolePage.Render(AppPages.EncodedUserName(http), english: lang == "en"),
                "text/html; charset=utf-8", statusCode: StatusCodes.Status403Forbidden));
        return AppPages.ServeAsync(http, env, "crew.html", ct);
    }
}

/// <summary>The page a signed-in user without a recording role sees at <c>/crew</c>: what the page is for and where
/// to go instead. <c>encodedUserName</c> is already HTML-encoded.</summary>
internal static class NotForYourRolePage
{
    public static string Render(string encodedUserName, bool english)
    {
        string T(string zh, string en) => english ? en : zh;
        return $$"""
            <!doctype html>
            <html lang="{{(english ? "en" : "zh-CN")}}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{T("今日巡查 · 仅限巡查班组", "My list today · for inspection crews")}}</title>
            <link rel="icon" href="/favicon.svg" type="image/svg+xml">
            <link rel="stylesheet" href="/css/crew.css"></head>
            <body class="crew-notice">
            <main class="notice">
              <h1>{{T("此页面供巡查班组使用", "This page is for inspection crews")}}</h1>
              <p>{{T("“今日巡查”为巡查班组、工程师和管理员记录巡查结果而设。您当前登录的账户（", "“My list today” is where crews, engineers and admins record inspection results. The account you are signed in with (")}}<strong>{{encodedUserName}}</strong>{{T("）没有记录巡查结果的权限。", ") may not record results.")}}</p>
              <p>{{T("如需查看设施，请使用地图；如需加入班组，请联系管理员。", "To look at assets, use the map; to join a crew, ask an administrator.")}}</p>
              <p class="notice-actions">
                <a class="button button-primary" href="/">{{T("打开地图", "Open the map")}}</a>
                <a class="button" href="/crew?lang={{(english ? "zh" : "en")}}">{{T("English", "中文")}}</a>
              </p>
              <form method="post" action="/logout"><button type="submit" class="button button-quiet-dark">{{T("退出登录", "Sign out")}}</button></form>
            </main>
            </body></html>
            """;
    }
}
