using System.Net;

namespace AssetRegistry.Web.Infrastructure;

/// <summary>Chinese and English forms of one piece of text.</summary>
internal readonly record struct ZhEn(string Zh, string En)
{
    public string In(bool english) => english ? En : Zh;
}

/// <summary>
/// What a role-restricted page says to a signed-in user whose role may not use it: what the page is for, why not
/// them, where to go instead. One shape for every such page (<c>/crew</c>, <c>/inspections</c>, <c>/imports</c>).
/// </summary>
internal sealed record RoleNotice(string Path, string BodyClass, IReadOnlyList<string> Stylesheets, ZhEn Title, ZhEn Heading,
    ZhEn Purpose, ZhEn NotAllowed, ZhEn Hint, (string Href, ZhEn Label)? FirstAction = null)
{
    /// <summary>The notice as a 403 page with the app's security headers, in the <c>lang</c> the user chose.</summary>
    public IResult Result(HttpContext http, bool english)
    {
        AppPages.SetHeaders(http.Response);
        return TypedResults.Content(Render(AppPages.EncodedUserName(http), english), "text/html; charset=utf-8",
            statusCode: StatusCodes.Status403Forbidden);
    }

    /// <summary>The page's HTML; <paramref name="encodedUserName"/> is already HTML-encoded.</summary>
    public string Render(string encodedUserName, bool english)
    {
        var first = FirstAction is { } a
            ? $"""<a class="button button-primary" href="{a.Href}">{a.Label.In(english)}</a>"""
            : "";
        var mapClass = FirstAction is null ? "button button-primary" : "button";
        var styles = string.Concat(Stylesheets.Select(s => $"""{Environment.NewLine}<link rel="stylesheet" href="{WebUtility.HtmlEncode(s)}">"""));
        return $$"""
            <!doctype html>
            <html lang="{{(english ? "en" : "zh-CN")}}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Title.In(english)}}</title>
            <link rel="icon" href="/favicon.svg" type="image/svg+xml">{{styles}}</head>
            <body class="{{BodyClass}}">
            <main class="notice">
              <h1>{{Heading.In(english)}}</h1>
              <p>{{Purpose.In(english)}}<strong>{{encodedUserName}}</strong>{{NotAllowed.In(english)}}</p>
              <p>{{Hint.In(english)}}</p>
              <p class="notice-actions">
                {{first}}
                <a class="{{mapClass}}" href="/">{{(english ? "Open the map" : "打开地图")}}</a>
                <a class="button" href="{{Path}}?lang={{(english ? "zh" : "en")}}">{{(english ? "中文" : "English")}}</a>
              </p>
              <form method="post" action="/logout"><button type="submit" class="button button-quiet-dark">{{(english ? "Sign out" : "退出登录")}}</button></form>
            </main>
            </body></html>
            """;
    }
}
