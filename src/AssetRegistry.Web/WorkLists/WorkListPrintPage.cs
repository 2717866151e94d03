using System.Globalization;
using System.Net;
using System.Text;
using AssetRegistry.Domain.WorkLists;

namespace AssetRegistry.Web.WorkLists;

/// <summary>
/// The printable work list at <c>/work-lists/{id}/print</c>, in Simplified Chinese: the list's facts, a warning for
/// confined-space stops (有限空间作业), the stop table in route order with a tick box per stop, and signature lines.
/// Every value is HTML-encoded; the page has no script, and its only style is <c>/css/print.css</c> (the
/// Content-Security-Policy says so too).
/// </summary>
public static class WorkListPrintPage
{
    public static async Task<IResult> ShowAsync(long id, WorkListReader reader, HttpContext http, CancellationToken ct)
    {
        var detail = await reader.ReadAsync(id, ct);
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";
        http.Response.Headers.CacheControl = "no-cache, private";
        return TypedResults.Content(Render(detail), "text/html; charset=utf-8");
    }

    /// <summary>The page's HTML.</summary>
    public static string Render(WorkListDetail detail)
    {
        static string E(object? value) => WebUtility.HtmlEncode(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
        var l = detail.List;
        var date = l.WorkDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var confined = detail.Stops.Where(s => s.ConfinedSpace).Select(s => s.StopNumber).ToList();
        var html = new StringBuilder();
        html.Append($"""
            <!doctype html>
            <html lang="zh-CN">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>巡查工作单 {E(l.Id)} · {E(l.CrewName)} · {E(date)}</title>
            <link rel="stylesheet" href="/css/print.css"></head>
            <body>
            <header>
              <p class="bureau">泉州市城市管理局 · 市政设施巡查</p>
              <h1>巡查工作单</h1>
              <dl class="facts">
                <dt>工作单号</dt><dd>{E(l.Id)}</dd>
                <dt>班组</dt><dd>{E(l.CrewName)}</dd>
                <dt>行政区</dt><dd>{E(l.DistrictName)}（{E(l.District)}）</dd>
                <dt>日期</dt><dd>{E(date)}（第 {E(l.Sequence)} 单）</dd>
                <dt>站点数</dt><dd>{E(l.Stops)}</dd>
                <dt>路线长度</dt><dd>{E(WorkListLabels.Distance(l.RouteLengthM))}（{(l.RoutedOnStreets ? "沿道路网络" : "直线距离")}，按站点顺序；按编号顺序的直线距离为 {E(WorkListLabels.Distance(detail.CodeOrderLengthM))}）</dd>
              </dl>
            </header>

            """);
        if (confined.Count > 0)
            html.Append($"""
                <section class="warning" role="alert">
                  <h2>⚠ 有限空间作业</h2>
                  <p>第 {E(string.Join("、", confined))} 站需进入检查井或管道，属有限空间作业：作业前必须完成气体检测并取得作业审批（许可），
                  严禁未经检测、未经审批进入；作业时须有专人监护。</p>
                </section>

                """);
        html.Append("""
            <table class="stops">
              <thead>
                <tr><th>序号</th><th>设施编号</th><th>名称</th><th>类别</th><th>巡查类型</th><th>到期日</th><th>督办</th><th>有限空间</th><th>位置（经度, 纬度）</th><th>完成</th></tr>
              </thead>
              <tbody>

            """);
        foreach (var s in detail.Stops)
        {
            var rowClass = s.ConfinedSpace ? " class=\"confined\"" : "";
            var card = WorkListLabels.CardZh(s.Escalation);
            var cardCell = card.Length == 0 ? "" : $"<span class=\"card {E(s.Escalation)}\">{E(card)}</span>";
            var position = s is { Lon: { } lon, Lat: { } lat }
                ? string.Create(CultureInfo.InvariantCulture, $"{lon:0.000000}, {lat:0.000000}")
                : "—";
            html.Append($"""
                    <tr{rowClass}><td class="number">{E(s.StopNumber)}</td><td class="code">{E(s.AssetCode ?? "（设施已删除）")}</td><td>{E(s.AssetName)}</td><td>{E(WorkListLabels.KindZh(s.Collection))}</td><td>{E(WorkListLabels.InspectionTypeZh(s.InspectionType))}</td><td>{E(s.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}</td><td>{cardCell}</td><td>{(s.ConfinedSpace ? "是：气体检测＋作业许可" : "")}</td><td class="position">{E(position)}</td><td class="tick">☐</td></tr>

                """);
        }
        html.Append($$"""
              </tbody>
            </table>
            <footer>
              {{(l.RoutedOnStreets ? "<p class=\"note\">路线沿道路网络计算（pgRouting）。</p>" : "<p class=\"note\">此处无道路网络数据，路线为站点间直线距离。</p>")}}
              <p class="signatures"><span>巡查人：__________</span><span>监护人：__________</span><span>复核：__________</span></p>
            </footer>
            </body></html>

            """);
        return html.ToString();
    }
}
