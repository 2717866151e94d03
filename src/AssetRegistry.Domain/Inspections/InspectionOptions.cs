namespace AssetRegistry.Domain.Inspections;

/// <summary>Scheduling and escalation settings, bound from the <c>Inspections</c> configuration section.</summary>
public sealed class InspectionOptions
{
    /// <summary>IANA time zone whose calendar dates tasks are due on. Source: issue #4 (jobs run in Asia/Shanghai time).</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Tasks are created this many days before they fall due, so lists can be planned ahead.
    /// Source: product choice (a week of look-ahead).</summary>
    public int ScheduleHorizonDays { get; set; } = 7;

    /// <summary>Days overdue before a task gets a yellow card. Source: the bureau's red-and-yellow-card system
    /// (2023 report); the day counts are the bureau's to set — defaults assumed.</summary>
    public int YellowCardAfterDays { get; set; } = 3;

    /// <summary>Days overdue before a task gets a red card (must exceed the yellow card's). Same source.</summary>
    public int RedCardAfterDays { get; set; } = 10;

    /// <summary>The zone as a <see cref="TimeZoneInfo"/>.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.FindSystemTimeZoneById(TimeZone);

    /// <summary>Today's date in <see cref="TimeZone"/>.</summary>
    public DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Zone).DateTime);
}
