using System.Text.Json;

namespace AssetRegistry.Domain.Inspections;

/// <summary>Task states.</summary>
public static class TaskStatuses
{
    public const string Open = "open";
    public const string Done = "done";
    public const string Cancelled = "cancelled";
    public static readonly IReadOnlyList<string> All = [Open, Done, Cancelled];
}

/// <summary>The bureau's red-and-yellow-card escalation of overdue work.</summary>
public static class EscalationCards
{
    public const string None = "none";
    public const string Yellow = "yellow";
    public const string Red = "red";
}

/// <summary>
/// One inspection (or remediation) of one asset due on a date. Scheduled tasks are unique per rule, asset and due
/// date, and an asset has at most one open task per rule: that is what makes the scheduler idempotent.
/// </summary>
public sealed class InspectionTask
{
    public long Id { get; internal set; }
    /// <summary>The rule that scheduled it; null for campaign and remediation tasks.</summary>
    public int? RuleId { get; internal set; }
    public long? CampaignId { get; internal set; }
    /// <summary>The inspection task whose result opened this remediation task.</summary>
    public long? ParentTaskId { get; internal set; }
    public long AssetId { get; internal set; }
    public string Collection { get; internal set; } = "";
    public string District { get; internal set; } = "";
    public string InspectionType { get; internal set; } = "";
    public string Checklist { get; internal set; } = "";
    /// <summary>Calendar date in Asia/Shanghai.</summary>
    public DateOnly DueDate { get; internal set; }
    /// <summary>For urgent work (a missing cover): the moment it must be done by.</summary>
    public DateTimeOffset? DueBy { get; internal set; }
    /// <summary>Lower is more urgent (campaign order, severity).</summary>
    public int Priority { get; internal set; } = 100;
    public string Status { get; internal set; } = TaskStatuses.Open;
    public bool ConfinedSpace { get; internal set; }
    public string Escalation { get; internal set; } = EscalationCards.None;
    public long? WorkListId { get; internal set; }
    public int? StopNumber { get; internal set; }
    public string? Description { get; internal set; }
    public DateTimeOffset CreatedAt { get; internal set; }
    public DateTimeOffset? CompletedAt { get; internal set; }
    public string? CompletedBy { get; internal set; }
    /// <summary>The recorded result (checklist answers and computed figures).</summary>
    public JsonDocument? Result { get; internal set; }
    /// <summary>Gas test done and permit confirmed, for confined-space work.</summary>
    public bool SafetyConfirmed { get; internal set; }
    public string? SafetyConfirmedBy { get; internal set; }
    public int Version { get; internal set; } = 1;

    /// <summary>Records the gas test and permit of confined-space work (有限空间作业) before any result:
    /// <paramref name="record"/> (who, when, permit, readings) is kept in <see cref="Result"/> until the result joins it.</summary>
    public void ConfirmSafety(JsonDocument record, string by)
    {
        RequireOpen();
        SafetyConfirmed = true;
        SafetyConfirmedBy = by;
        Result = record;
        Version++;
    }

    /// <summary>Closes the task with its result: done at <paramref name="at"/> by <paramref name="by"/>; the version moves on.</summary>
    public void Complete(JsonDocument result, DateTimeOffset at, string by)
    {
        RequireOpen();
        Status = TaskStatuses.Done;
        CompletedAt = at;
        CompletedBy = by;
        Result = result;
        Version++;
    }

    private void RequireOpen()
    {
        if (Status != TaskStatuses.Open)
            throw new Assets.ConflictException("status", $"Task {Id} is {Status}; only open tasks take results.");
    }
}

/// <summary>An inspection crew (巡查班组): the districts it covers and how many stops it manages in a day.</summary>
public sealed class Crew
{
    public int Id { get; internal set; }
    public string Name { get; internal set; } = "";
    /// <summary>Adcodes the crew covers.</summary>
    public string[] Districts { get; internal set; } = [];
    /// <summary>Most tasks in one day's list.</summary>
    public int CapacityPerDay { get; internal set; } = 40;
    /// <summary>User names of the crew's members (they see the crew's lists).</summary>
    public string[] Members { get; internal set; } = [];

    internal Crew() { }

    public Crew(string name, string[] districts, int capacityPerDay, string[] members)
    {
        Name = name; Districts = districts; CapacityPerDay = capacityPerDay; Members = members;
    }
}

/// <summary>A routed list of tasks for one crew, one district and one day.</summary>
public sealed class WorkList
{
    public long Id { get; internal set; }
    public int CrewId { get; internal set; }
    public string District { get; internal set; } = "";
    public DateOnly WorkDate { get; internal set; }
    /// <summary>1, 2, … when one crew has several lists in a district on a day.</summary>
    public int Sequence { get; internal set; } = 1;
    /// <summary>Length of the route through the stops in order, metres (straight lines, or the street network).</summary>
    public double RouteLengthM { get; internal set; }
    /// <summary>True when the route was ordered and measured along the street network (pgRouting), false when in
    /// straight lines because the registry has no streets there.</summary>
    public bool RoutedOnStreets { get; internal set; }
    public long? CampaignId { get; internal set; }
    public DateTimeOffset CreatedAt { get; internal set; }
}

/// <summary>An emergency campaign: a polygon, a reason and the kinds to check, turned into tasks at once.</summary>
public sealed class Campaign
{
    public long Id { get; internal set; }
    /// <summary>typhoon, rainstorm or other.</summary>
    public string Reason { get; internal set; } = "";
    public string? Note { get; internal set; }
    public NetTopologySuite.Geometries.Polygon Area { get; internal set; } = null!;
    public string[] Collections { get; internal set; } = [];
    public string CreatedBy { get; internal set; } = "";
    public DateTimeOffset CreatedAt { get; internal set; }
}

/// <summary>Something an admin must see at once: a bridge found D or E, a missing cover.</summary>
public sealed class Alert
{
    public long Id { get; internal set; }
    public long AssetId { get; internal set; }
    public string Collection { get; internal set; } = "";
    public long? TaskId { get; internal set; }
    /// <summary>bridge_grade_d, bridge_grade_e, cover_missing, …</summary>
    public string Kind { get; internal set; } = "";
    public string Message { get; internal set; } = "";
    public DateTimeOffset RaisedAt { get; internal set; }
    public DateTimeOffset? AcknowledgedAt { get; internal set; }
    public string? AcknowledgedBy { get; internal set; }
}
