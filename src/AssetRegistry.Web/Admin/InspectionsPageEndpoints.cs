using System.Net;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Inspections.Campaigns;
using AssetRegistry.Domain.Inspections.Rules;
using AssetRegistry.Domain.Users;
using AssetRegistry.Web.Infrastructure;
using AssetRegistry.Web.Inspections;

namespace AssetRegistry.Web.Admin;

/// <summary>
/// The inspections office page at <c>/inspections</c>: overdue work and red and yellow cards per district, alerts,
/// the inspection rules, emergency campaigns and the day's work lists. Signed-in users only (others are sent to
/// <c>/login</c>), for engineers and admins; any other role gets a short page saying what the page is for. The page
/// itself is the static <c>wwwroot/inspections.html</c>; its scripts read and write through the API, plus the two
/// small reads below that the office needs and the inspections API keeps for admins.
/// </summary>
public static class InspectionsPageEndpoints
{
    public static IEndpointRouteBuilder MapInspectionsPage(this IEndpointRouteBuilder app)
    {
        app.MapGet("/inspections", ShowPageAsync).WithName("InspectionsPage").ExcludeFromDescription();

        var office = app.MapGroup("/api/inspections-office").WithTags("Inspections office")
            .RequireAuthorization(InspectionPolicies.ManageInspections);
        office.MapGet("/rules", async (InspectionRuleEditor editor, CancellationToken ct) =>
                TypedResults.Json(new { rules = await editor.ListAsync(ct) }, InspectionEndpoints.Json))
            .WithName("ReadInspectionRules")
            .WithSummary("Every inspection rule, to read (engineers and admins); admins edit them through /api/inspection-rules.");
        office.MapGet("/campaign-options", (CampaignPlanner planner) => TypedResults.Json(CampaignOptions(planner.Rules), InspectionEndpoints.Json))
            .WithName("CampaignOptions")
            .WithSummary("The office's choices: campaign reasons with the order kinds are checked in, the kinds with an emergency check, inspection types and verification tags.");
        return app;
    }

    private static object CampaignOptions(CampaignRules rules) => new
    {
        reasons = rules.Orders.Select(o => new { reason = o.Reason, titleZh = o.TitleZh, collections = o.Collections }),
        collections = rules.Checks.Select(c => new { collection = c.Collection, checklist = c.Checklist, confinedSpace = c.ConfinedSpace }),
        inspectionTypes = InspectionTypes.All,
        verifications = InspectionRuleEditor.Verifications,
    };

    private static Task<IResult> ShowPageAsync(HttpContext http, IWebHostEnvironment env, string? lang, CancellationToken ct)
    {
        if (!Roles.Editors.Any(http.User.IsInRole))
            return Task.FromResult((http.User.IsInRole(Roles.Crew) ? OfficeOnlyForCrews : OfficeOnly).Result(http, english: lang == "en"));
        AppPages.SetHeaders(http.Response);
        return AppPages.ServeAsync(http, env, "inspections.html", ct);
    }

    /// <summary>What a signed-in user who is neither engineer nor admin sees at <c>/inspections</c>.</summary>
    private static readonly RoleNotice OfficeOnly = new("/inspections", "office-notice", ["/css/inspections.css"],
        new("巡查管理 · 仅限巡查管理科室", "Inspections office · for the inspections office"),
        new("此页面供巡查管理科室使用", "This page is for the inspections office"),
        new("“巡查管理”用于查看逾期任务与红黄牌、处理告警、维护检查规则、发起应急巡查和生成工作单，仅向工程师和管理员开放。您当前登录的账户（", "The inspections office page is where engineers and admins follow overdue work and red and yellow cards, handle alerts, keep the inspection rules, start emergency campaigns and build work lists. The account you are signed in with ("),
        new("）没有使用此页面的权限。", ") may not use it."),
        new("如需查看设施，请使用地图；如需权限，请联系管理员。", "To look at assets, use the map; for access, ask an administrator."));

    /// <summary>The same for a crew member, sent to <c>/crew</c> instead.</summary>
    private static readonly RoleNotice OfficeOnlyForCrews = OfficeOnly with
    {
        Hint = new("巡查班组请使用“今日巡查”查看工作单并记录结果。", "Inspection crews find their work list and record results on “My list today”."),
        FirstAction = ("/crew", new("打开今日巡查", "Open my list today")),
    };
}
