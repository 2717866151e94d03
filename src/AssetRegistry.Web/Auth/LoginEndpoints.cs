using System.Net;
using AssetRegistry.Domain.Users;
using AssetRegistry.Web.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace AssetRegistry.Web.Auth;

/// <summary>The browser sign-in page (Simplified Chinese by default, <c>?lang=en</c> for English) and sign-out.</summary>
public static class LoginEndpoints
{
    public static IEndpointRouteBuilder MapLogin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/login", ShowLogin).AllowAnonymous().WithName("LoginPage").ExcludeFromDescription();
        app.MapPost("/login", SignInAsync).AllowAnonymous().WithName("Login").ExcludeFromDescription();
        app.MapPost("/logout", SignOutAsync).WithName("Logout").ExcludeFromDescription();
        return app;
    }

    private static IResult ShowLogin(HttpContext http, IAntiforgery antiforgery, string? returnUrl, string? lang) =>
        Results.Content(LoginPage.Render(antiforgery.GetAndStoreTokens(http), SafeReturnUrl(returnUrl), lang == "en", failed: false),
            "text/html; charset=utf-8");

    private static async Task<IResult> SignInAsync(HttpContext http, IAntiforgery antiforgery,
        SignInManager<RegistryUser> signIn, UserManager<RegistryUser> users, SignInThrottle throttle, SignInAudit audit)
    {
        if (!await antiforgery.IsRequestValidAsync(http)) return Results.BadRequest();
        var form = await http.Request.ReadFormAsync();
        var lang = form["lang"].ToString() == "en";
        var returnUrl = SafeReturnUrl(form["returnUrl"]);
        var userName = form["username"].ToString();
        if (throttle.TryAcquire(RateLimits.ClientIp(http), userName) is { } wait)
        {
            await RateLimits.WriteProblemAsync(http, wait);
            return Results.Empty;
        }
        var user = await users.FindByNameAsync(userName);
        var reason = "unknown user";
        if (user is not null)
        {
            var result = await signIn.PasswordSignInAsync(user, form["password"].ToString(), isPersistent: false, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                await audit.SucceededAsync(http, user.UserName!, AuthMethods.Cookie);
                return Results.LocalRedirect(returnUrl);
            }
            reason = result.IsLockedOut ? "account locked" : "wrong password";
        }
        await audit.FailedAsync(http, userName, AuthMethods.Cookie, reason);
        http.Response.StatusCode = 401;
        return Results.Content(LoginPage.Render(antiforgery.GetAndStoreTokens(http), returnUrl, lang, failed: true),
            "text/html; charset=utf-8", statusCode: 401);
    }

    private static async Task<IResult> SignOutAsync(SignInManager<RegistryUser> signIn)
    {
        await signIn.SignOutAsync();
        return Results.LocalRedirect("/login");
    }

    /// <summary>Only local paths, so the page cannot be used to redirect elsewhere.</summary>
    private static string SafeReturnUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\") ? url : "/";
}

/// <summary>The sign-in page's HTML; every interpolated value is HTML-encoded.</summary>
public static class LoginPage
{
    public static string Render(AntiforgeryTokenSet tokens, string returnUrl, bool english, bool failed)
    {
        string T(string zh, string en) => english ? en : zh;
        var e = (string? s) => WebUtility.HtmlEncode(s ?? "");
        return $$"""
            <!doctype html>
            <html lang="{{(english ? "en" : "zh-CN")}}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{T("登录 · 城市基础设施资产登记", "Sign in · Infrastructure asset registry")}}</title>
            <link rel="stylesheet" href="/css/site.css"></head>
            <body class="login">
            <main>
              <h1>{{T("泉州市城市管理局 · 市政设施资产登记", "Quanzhou Urban Management · Asset registry")}}</h1>
              {{(failed ? $"<p class=\"error\" role=\"alert\">{T("用户名或密码错误，或账户已锁定。", "Wrong user name or password, or the account is locked.")}</p>" : "")}}
              <form method="post" action="/login">
                <input type="hidden" name="{{e(tokens.FormFieldName)}}" value="{{e(tokens.RequestToken)}}">
                <input type="hidden" name="returnUrl" value="{{e(returnUrl)}}">
                <input type="hidden" name="lang" value="{{(english ? "en" : "zh")}}">
                <label>{{T("用户名", "User name")}} <input name="username" autocomplete="username" required></label>
                <label>{{T("密码", "Password")}} <input name="password" type="password" autocomplete="current-password" required></label>
                <button type="submit">{{T("登录", "Sign in")}}</button>
              </form>
              <p><a href="/login?lang={{(english ? "zh" : "en")}}&amp;returnUrl={{e(Uri.EscapeDataString(returnUrl))}}">{{T("English", "中文")}}</a></p>
            </main>
            </body></html>
            """;
    }
}
