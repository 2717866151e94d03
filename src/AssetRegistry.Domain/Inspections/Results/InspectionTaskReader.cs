using System.Text.Json;
using AssetRegistry.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AssetRegistry.Domain.Inspections.Results;

/// <summary>A task as the API shows it; <see cref="Result"/> holds the safety record and, once done, the answers and computed figures.</summary>
public sealed record InspectionTaskView(long Id, int? RuleId, long? CampaignId, long? ParentTaskId, long AssetId, string Collection, string District,
    string InspectionType, string Checklist, DateOnly DueDate, DateTimeOffset? DueBy, int Priority, string Status, bool ConfinedSpace,
    string Escalation, long? WorkListId, int? StopNumber, string? Description, DateTimeOffset CreatedAt, DateTimeOffset? CompletedAt,
    string? CompletedBy, JsonElement? Result, bool SafetyConfirmed, string? SafetyConfirmedBy, int Version)
{
    /// <summary>The view of an entity.</summary>
    public static InspectionTaskView Of(InspectionTask t) => new(t.Id, t.RuleId, t.CampaignId, t.ParentTaskId, t.AssetId, t.Collection, t.District,
        t.InspectionType, t.Checklist, t.DueDate, t.DueBy, t.Priority, t.Status, t.ConfinedSpace, t.Escalation, t.WorkListId, t.StopNumber,
        t.Description, t.CreatedAt, t.CompletedAt, t.CompletedBy, t.Result?.RootElement.Clone(), t.SafetyConfirmed, t.SafetyConfirmedBy, t.Version);
}

/// <summary>Filters of a task list; null means any. <see cref="DueBefore"/> is exclusive.</summary>
public sealed record TaskQuery(string? Status, string? District, string? Collection, DateOnly? DueBefore, int Limit, int Offset);

/// <summary>A page of tasks and how many match in all.</summary>
public sealed record TaskPage(long NumberMatched, IReadOnlyList<InspectionTaskView> Tasks);

/// <summary>A crew's red and yellow cards: open work on its lists, and open work in its districts that no list holds
/// yet (a district covered by two crews counts for both), plus what it finished on the day.</summary>
public sealed record CrewTaskSummary(int CrewId, string Name, long AssignedOpen, long AssignedOverdue, long AssignedYellow, long AssignedRed,
    long UnassignedOpen, long UnassignedYellow, long UnassignedRed, long DoneToday);

/// <summary>One district's line of the red-and-yellow-card board for a day.</summary>
/// <param name="District">Adcode.</param>
/// <param name="Name">District name.</param>
/// <param name="Open">Open tasks.</param>
/// <param name="Due">Open tasks due on the day.</param>
/// <param name="Overdue">Open tasks due before the day.</param>
/// <param name="Yellow">Open tasks with a yellow card.</param>
/// <param name="Red">Open tasks with a red card.</param>
/// <param name="DoneToday">Tasks completed on the day (in the inspection time zone).</param>
public sealed record DistrictTaskSummary(string District, string? Name, long Open, long Due, long Overdue, long Yellow, long Red, long DoneToday);

/// <summary>Reads tasks, one task, and the per-district summary.</summary>
public sealed class InspectionTaskReader(RegistryDbContext db, NpgsqlDataSource dataSource, InspectionOptions options)
{
    /// <summary>A page of tasks, most urgent first (priority, due date, id).</summary>
    public async Task<TaskPage> ListAsync(TaskQuery q, CancellationToken ct)
    {
        var tasks = db.Set<InspectionTask>().AsNoTracking().AsQueryable();
        if (q.Status is not null) tasks = tasks.Where(t => t.Status == q.Status);
        if (q.District is not null) tasks = tasks.Where(t => t.District == q.District);
        if (q.Collection is not null) tasks = tasks.Where(t => t.Collection == q.Collection);
        if (q.DueBefore is { } before) tasks = tasks.Where(t => t.DueDate < before);
        var matched = await tasks.LongCountAsync(ct);
        var page = await tasks.OrderBy(t => t.Priority).ThenBy(t => t.DueDate).ThenBy(t => t.Id).Skip(q.Offset).Take(q.Limit).ToListAsync(ct);
        return new TaskPage(matched, page.Select(InspectionTaskView.Of).ToList());
    }

    /// <summary>One task; <see cref="Assets.NotFoundException"/> when there is none.</summary>
    public async Task<InspectionTaskView> GetAsync(long id, CancellationToken ct) =>
        InspectionTaskView.Of(await db.Set<InspectionTask>().AsNoTracking().SingleOrDefaultAsync(t => t.Id == id, ct)
                              ?? throw new Assets.NotFoundException($"There is no task {id}."));

    /// <summary>Every district's counts for <paramref name="day"/>, in one grouped statement.</summary>
    public async Task<IReadOnlyList<DistrictTaskSummary>> SummaryAsync(DateOnly day, CancellationToken ct)
    {
        // The day's bounds as instants, so completed_at is compared as stored.
        var zone = options.Zone;
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));
        var end = new DateTimeOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue)));
        await using var cmd = dataSource.CreateCommand("""
            select d.adcode, d.name,
                   count(t.id) filter (where t.status = 'open'),
                   count(t.id) filter (where t.status = 'open' and t.due_date = $1),
                   count(t.id) filter (where t.status = 'open' and t.due_date < $1),
                   count(t.id) filter (where t.status = 'open' and t.escalation = 'yellow'),
                   count(t.id) filter (where t.status = 'open' and t.escalation = 'red'),
                   count(t.id) filter (where t.status = 'done')
            from districts d
            left join inspection_tasks t on t.district = d.adcode
                 and (t.status = 'open' or (t.status = 'done' and t.completed_at >= $2 and t.completed_at < $3))
            group by d.adcode, d.name
            order by d.adcode
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = day });
        cmd.Parameters.Add(new NpgsqlParameter { Value = start.ToUniversalTime() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = end.ToUniversalTime() });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<DistrictTaskSummary>();
        while (await reader.ReadAsync(ct))
            rows.Add(new DistrictTaskSummary(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2),
                reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7)));
        return rows;
    }

    /// <summary>Every crew's counts for <paramref name="day"/>, in one grouped statement.</summary>
    public async Task<IReadOnlyList<CrewTaskSummary>> CrewSummaryAsync(DateOnly day, CancellationToken ct)
    {
        var zone = options.Zone;
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));
        var end = start.AddDays(1);
        await using var cmd = dataSource.CreateCommand("""
            select c.id, c.name,
                   count(t.id) filter (where t.status = 'open' and w.crew_id = c.id),
                   count(t.id) filter (where t.status = 'open' and w.crew_id = c.id and t.due_date < $1),
                   count(t.id) filter (where t.status = 'open' and w.crew_id = c.id and t.escalation = 'yellow'),
                   count(t.id) filter (where t.status = 'open' and w.crew_id = c.id and t.escalation = 'red'),
                   count(t.id) filter (where t.status = 'open' and t.work_list_id is null),
                   count(t.id) filter (where t.status = 'open' and t.work_list_id is null and t.escalation = 'yellow'),
                   count(t.id) filter (where t.status = 'open' and t.work_list_id is null and t.escalation = 'red'),
                   count(t.id) filter (where t.status = 'done' and w.crew_id = c.id)
            from crews c
            left join inspection_tasks t on t.district = any(c.districts)
                 and (t.status = 'open' or (t.status = 'done' and t.completed_at >= $2 and t.completed_at < $3))
            left join work_lists w on w.id = t.work_list_id
            group by c.id, c.name
            order by c.name
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = day });
        cmd.Parameters.Add(new NpgsqlParameter { Value = start.ToUniversalTime() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = end.ToUniversalTime() });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<CrewTaskSummary>();
        while (await reader.ReadAsync(ct))
            rows.Add(new CrewTaskSummary(reader.GetInt32(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetInt64(6), reader.GetInt64(7), reader.GetInt64(8), reader.GetInt64(9)));
        return rows;
    }
}
