using AssetRegistry.Web.Auth;
using AssetRegistry.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace AssetRegistry.Web.Imports;

/// <summary>
/// The imports page at <c>/imports</c>: signed-in users only (others are sent to <c>/login</c>), for those the
/// edit policy admits; any other role gets a short page saying what the page is for. The page itself is the static
/// <c>wwwroot/imports.html</c>; its scripts upload, follow and commit imports through <c>/api/imports</c>.
/// </summary>
public static class ImportsPageEndpoints
{
    public static IEndpointRouteBuilder MapImportsPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/imports", ShowPageAsync).WithName("ImportsPage").ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> ShowPageAsync(HttpContext http, IWebHostEnvironment env, IAuthorizationService authorization,
        string? lang, CancellationToken ct)
    {
        if ((await authorization.AuthorizeAsync(http.User, AuthSetup.EditPolicy)).Succeeded)
            return await AppPages.ServeAsync(http, env, "imports.html", ct);
        return ForEditorsOnly.Result(http, english: lang == "en");
    }

    /// <summary>What a signed-in user who may not edit sees at <c>/imports</c>.</summary>
    private static readonly RoleNotice ForEditorsOnly = new("/imports", "office-notice", ["/css/map.css", "/css/imports.css"],
        new("数据导入 · 仅限可编辑资产的用户", "Import data · for users who edit assets"),
        new("此页面供可编辑资产的用户使用", "This page is for users who edit assets"),
        new("“数据导入”用于把 CSV、GeoJSON、Shapefile 和 GeoPackage 文件中的资产批量导入登记库，仅向工程师和管理员开放。您当前登录的账户（", "“Import data” loads assets from CSV, GeoJSON, Shapefile and GeoPackage files into the registry; engineers and admins may use it. The account you are signed in with ("),
        new("）没有使用此页面的权限。", ") may not use it."),
        new("如需查看设施，请使用地图；如需权限，请联系管理员。", "To look at assets, use the map; for access, ask an administrator."));
}
