using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Inspections;

namespace AssetRegistry.Web.WorkLists;

/// <summary>Chinese and English labels for the codes a printed or exported list shows.</summary>
public static class WorkListLabels
{
    private static readonly Dictionary<string, (string Zh, string En)> InspectionTypeNames = new(StringComparer.Ordinal)
    {
        [InspectionTypes.CoverPatrol] = ("井盖巡查", "Cover patrol"),
        [InspectionTypes.NightPatrol] = ("夜间巡灯", "Night patrol"),
        [InspectionTypes.ElectricalTest] = ("电气检测", "Electrical test"),
        [InspectionTypes.LeakageCheck] = ("漏电检查", "Leakage check"),
        [InspectionTypes.RoutinePatrol] = ("日常巡查", "Routine patrol"),
        [InspectionTypes.PeriodicInspection] = ("常规定期检测", "Periodic inspection"),
        [InspectionTypes.StructuralInspection] = ("结构定期检测", "Structural inspection"),
        [InspectionTypes.SpecialInspection] = ("特殊检测", "Special inspection"),
        [InspectionTypes.TreePatrol] = ("古树巡查", "Tree patrol"),
        [InspectionTypes.TreeHealthCheck] = ("古树体检", "Tree health check"),
        [InspectionTypes.PestDiseaseCheck] = ("病虫害检查", "Pest and disease check"),
        [InspectionTypes.CctvSurvey] = ("CCTV 检测", "CCTV survey"),
        [InspectionTypes.PreFloodSurvey] = ("汛前排查", "Pre-flood survey"),
        [InspectionTypes.PostStormSurvey] = ("暴雨后排查", "Post-storm survey"),
        [InspectionTypes.EmergencyCheck] = ("应急排查", "Emergency check"),
        [InspectionTypes.Remediation] = ("整改", "Remediation"),
    };

    /// <summary>The inspection type in Chinese (the code itself when unknown).</summary>
    public static string InspectionTypeZh(string code) => InspectionTypeNames.TryGetValue(code, out var n) ? n.Zh : code;

    /// <summary>The inspection type in English (the code itself when unknown).</summary>
    public static string InspectionTypeEn(string code) => InspectionTypeNames.TryGetValue(code, out var n) ? n.En : code;

    /// <summary>The asset kind's Chinese title (the collection id when unknown).</summary>
    public static string KindZh(string collection) => AssetKinds.Find(collection)?.TitleZh ?? collection;

    /// <summary>红牌 / 黄牌 for an escalated task, empty otherwise.</summary>
    public static string CardZh(string escalation) => escalation switch
    {
        EscalationCards.Red => "红牌",
        EscalationCards.Yellow => "黄牌",
        _ => "",
    };

    /// <summary>The task state in Chinese.</summary>
    public static string StatusZh(string status) => status switch
    {
        TaskStatuses.Open => "待办",
        TaskStatuses.Done => "已完成",
        TaskStatuses.Cancelled => "已取消",
        _ => status,
    };

    /// <summary>The route length for people: metres under a kilometre, kilometres with one decimal above.</summary>
    public static string Distance(double metres) => metres < 1000
        ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{metres:0} m")
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{metres / 1000:0.0} km");
}
