namespace AssetRegistry.Domain.Inspections;

/// <summary>
/// When an asset kind is inspected: which assets (an optional attribute filter), what inspection, how often, in
/// which months, with which checklist, and where the numbers come from. Rules are data: seeded from DOMAIN.md by
/// <see cref="DefaultInspectionRules"/> and edited by admins.
/// </summary>
public sealed class InspectionRule
{
    public int Id { get; internal set; }
    /// <summary>Stable code, e.g. <c>bridges.routine_patrol.grade_1</c>.</summary>
    public string Code { get; internal set; } = "";
    /// <summary>The kind's collection id.</summary>
    public string Collection { get; internal set; } = "";
    /// <summary>An inspection type of <see cref="InspectionTypes"/>.</summary>
    public string InspectionType { get; internal set; } = "";
    /// <summary>Attribute of the kind the rule is limited to (an allow-listed name), or null for every asset.</summary>
    public string? FilterAttribute { get; internal set; }
    /// <summary>Values of <see cref="FilterAttribute"/> the rule applies to (compared as text; "" matches an empty value).</summary>
    public string[]? FilterValues { get; internal set; }
    /// <summary>A date attribute of the kind that records the last inspection of this type before the registry
    /// (e.g. <c>last_periodic_inspection</c>); used when no task of the rule was ever done.</summary>
    public string? LastDoneAttribute { get; internal set; }
    /// <summary>Days between inspections of one asset.</summary>
    public int IntervalDays { get; internal set; }
    /// <summary>First and last month (1–12, Asia/Shanghai) in which tasks are created; null for all year.</summary>
    public int? SeasonStartMonth { get; internal set; }
    public int? SeasonEndMonth { get; internal set; }
    /// <summary>Checklist id (<see cref="Checklists"/>) the crew fills in.</summary>
    public string Checklist { get; internal set; } = "";
    /// <summary>The task needs entry into a manhole or sewer: gas test and permit first (有限空间作业).</summary>
    public bool ConfinedSpace { get; internal set; }
    public string TitleZh { get; internal set; } = "";
    public string TitleEn { get; internal set; } = "";
    public string Source { get; internal set; } = "";
    /// <summary>verified, partly_verified or unverified (DOMAIN.md tags).</summary>
    public string Verification { get; internal set; } = "unverified";
    public bool Active { get; internal set; } = true;
    public int Version { get; internal set; } = 1;

    internal InspectionRule() { }

    public InspectionRule(string code, string collection, string inspectionType, string? filterAttribute, string[]? filterValues,
        int intervalDays, int? seasonStartMonth, int? seasonEndMonth, string checklist, bool confinedSpace,
        string titleZh, string titleEn, string source, string verification, string? lastDoneAttribute = null)
    {
        LastDoneAttribute = lastDoneAttribute;
        Code = code; Collection = collection; InspectionType = inspectionType; FilterAttribute = filterAttribute; FilterValues = filterValues;
        IntervalDays = intervalDays; SeasonStartMonth = seasonStartMonth; SeasonEndMonth = seasonEndMonth; Checklist = checklist;
        ConfinedSpace = confinedSpace; TitleZh = titleZh; TitleEn = titleEn; Source = source; Verification = verification;
    }

    /// <summary>Replaces everything but the code (an admin's edit); the version moves on so stale editors get 412.</summary>
    public void Revise(string collection, string inspectionType, string? filterAttribute, string[]? filterValues, string? lastDoneAttribute,
        int intervalDays, int? seasonStartMonth, int? seasonEndMonth, string checklist, bool confinedSpace,
        string titleZh, string titleEn, string source, string verification, bool active)
    {
        Collection = collection; InspectionType = inspectionType; FilterAttribute = filterAttribute; FilterValues = filterValues;
        LastDoneAttribute = lastDoneAttribute; IntervalDays = intervalDays; SeasonStartMonth = seasonStartMonth; SeasonEndMonth = seasonEndMonth;
        Checklist = checklist; ConfinedSpace = confinedSpace; TitleZh = titleZh; TitleEn = titleEn; Source = source;
        Verification = verification; Active = active;
        Version++;
    }

    /// <summary>True when <paramref name="month"/> (1–12) is inside the season window, which may wrap the year end.</summary>
    public bool InSeason(int month) =>
        SeasonStartMonth is not { } start || SeasonEndMonth is not { } end ||
        (start <= end ? month >= start && month <= end : month >= start || month <= end);
}

/// <summary>Inspection type codes.</summary>
public static class InspectionTypes
{
    public const string CoverPatrol = "cover_patrol";
    public const string NightPatrol = "night_patrol";
    public const string ElectricalTest = "electrical_test";
    public const string LeakageCheck = "leakage_check";
    public const string RoutinePatrol = "routine_patrol";
    public const string PeriodicInspection = "periodic_inspection";
    public const string StructuralInspection = "structural_inspection";
    public const string SpecialInspection = "special_inspection";
    public const string TreePatrol = "tree_patrol";
    public const string TreeHealthCheck = "tree_health_check";
    public const string PestDiseaseCheck = "pest_disease_check";
    public const string CctvSurvey = "cctv_survey";
    public const string PreFloodSurvey = "pre_flood_survey";
    public const string PostStormSurvey = "post_storm_survey";
    public const string EmergencyCheck = "emergency_check";
    public const string Remediation = "remediation";

    public static readonly IReadOnlyList<string> All =
    [
        CoverPatrol, NightPatrol, ElectricalTest, LeakageCheck, RoutinePatrol, PeriodicInspection, StructuralInspection, SpecialInspection,
        TreePatrol, TreeHealthCheck, PestDiseaseCheck, CctvSurvey, PreFloodSurvey, PostStormSurvey, EmergencyCheck, Remediation,
    ];
}

/// <summary>Checklist ids: what the crew records for each kind (defined in the results work).</summary>
public static class Checklists
{
    public const string ManholeCover = "manhole_cover";
    public const string Streetlight = "streetlight";
    public const string StreetlightElectrical = "streetlight_electrical";
    public const string BridgeVisual = "bridge_visual";
    public const string BridgeCondition = "bridge_condition";
    public const string SewerCctv = "sewer_cctv";
    public const string AncientTree = "ancient_tree";
    public const string Waterlogging = "waterlogging";
    /// <summary>What was done about a defect (remediation tasks).</summary>
    public const string Remediation = "remediation";

    public static readonly IReadOnlyList<string> All =
        [ManholeCover, Streetlight, StreetlightElectrical, BridgeVisual, BridgeCondition, SewerCctv, AncientTree, Waterlogging, Remediation];
}
