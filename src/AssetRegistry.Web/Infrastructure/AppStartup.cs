using AssetRegistry.Web.Auth;

namespace AssetRegistry.Web.Infrastructure;

public static class AppStartup
{
    /// <summary>Creates the roles, and in Development the demo users (password from <c>Seed:DemoPassword</c>).</summary>
    public static async Task PrepareUsersAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        await DemoUsers.EnsureRolesAsync(scope.ServiceProvider);
        var password = app.Configuration["Seed:DemoPassword"];
        if (app.Environment.IsDevelopment() && !string.IsNullOrEmpty(password))
            await DemoUsers.EnsureUsersAsync(scope.ServiceProvider, password);
    }

    /// <summary><c>/</c>: the signed-in start page (the map arrives with the map-editor work).</summary>
    public static IEndpointRouteBuilder MapHome(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => Results.Content($$"""
            <!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>市政设施资产登记</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><main><h1>泉州市市政设施资产登记 · Asset registry</h1>
            <p>{{System.Net.WebUtility.HtmlEncode(http.User.Identity?.Name)}}</p>
            <ul><li><a href="/ogc">OGC API – Features</a></li><li><a href="/ogc/collections">图层 · Collections</a></li><li><a href="/health">健康状态 · Health</a></li></ul>
            <form method="post" action="/logout"><button>退出 · Sign out</button></form></main></body></html>
            """, "text/html; charset=utf-8")).ExcludeFromDescription();
        return app;
    }
}
