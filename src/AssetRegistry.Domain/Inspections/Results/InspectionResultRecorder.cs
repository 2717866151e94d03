using System.Text.Json;
using System.Text.Json.Nodes;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.History;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Standards;
using AssetRegistry.Domain.Tiles;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AssetRegistry.Domain.Inspections.Results;

/// <summary>What recording a result did: the closed task, the remediation and special-inspection tasks it opened
/// (if any) and the alerts it raised.</summary>
public sealed record RecordedResult(InspectionTaskView Task, long? RemediationTaskId, long? SpecialInspectionTaskId, IReadOnlyList<long> AlertIds);

/// <summary>
/// Records crews' results. In one transaction: the open task is locked and its version checked, the body is read
/// against the task's checklist, the outcome computed (<see cref="InspectionAssessment"/>), the asset's condition
/// and grade attributes set with a history row (operation <c>inspection</c>) and a new tile version, the task closed,
/// and the remediation task, special inspection and alerts the outcome calls for added. A refusal writes nothing.
/// Confined-space tasks (有限空间作业) take a result only after <see cref="ConfirmSafetyAsync"/>.
/// </summary>
public sealed class InspectionResultRecorder(RegistryDbContext db, InspectionOptions options, TimeProvider clock)
{
    /// <summary>History operation of an inspection's change to an asset.</summary>
    public const string HistoryOperation = "inspection";

    /// <summary>The body of <c>POST /api/tasks/{id}/safety</c>: the gas test passed and the work permit, with optional readings.</summary>
    public static readonly ChecklistDefinition SafetyChecklist = new("confined_space_safety", ChecklistCatalogue.AnyCollection,
        "有限空间作业安全确认", "Confined-space entry confirmation",
        [
            new("gas_test_passed", ChecklistFieldType.Boolean, "气体检测合格", "Gas test passed") { Required = true },
            new("permit_number", ChecklistFieldType.Text, "作业审批编号", "Permit number") { Required = true, MaxLength = 60 },
            new("o2_pct", ChecklistFieldType.Number, "氧气", "Oxygen") { Minimum = 0, Maximum = 100, Unit = "%" },
            new("h2s_ppm", ChecklistFieldType.Number, "硫化氢", "Hydrogen sulphide") { Minimum = 0, Maximum = 10000, Unit = "ppm" },
            new("co_ppm", ChecklistFieldType.Number, "一氧化碳", "Carbon monoxide") { Minimum = 0, Maximum = 10000, Unit = "ppm" },
            new("lel_pct", ChecklistFieldType.Number, "可燃气体", "Flammable gas") { Minimum = 0, Maximum = 100, Unit = "%LEL" },
        ], new("Issue #4: gas test and permit before confined-space work; CJJ 6-2009 sewer maintenance safety (DOMAIN.md §5.1 [U])", Verification.Unverified));

    /// <summary>The mappings, deadlines and alerts used; the defaults unless a caller sets others.</summary>
    public ResultRules Rules { get; init; } = ResultRules.Default;

    /// <summary>Confirms the gas test and permit of a confined-space task: who and when are kept with the readings.
    /// 404 for no task, 412 for a stale version, 409 for a task that is not open or not confined-space work, 400
    /// for a failed gas test or a missing permit.</summary>
    public async Task<InspectionTaskView> ConfirmSafetyAsync(long taskId, JsonDocument body, VersionPrecondition precondition, string user, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var task = await LockTaskAsync(taskId, ct);
        precondition.Check(taskId, task.Version);
        if (task.Status != TaskStatuses.Open) throw new ConflictException("status", $"Task {taskId} is {task.Status}.");
        if (!task.ConfinedSpace)
            throw new ConflictException("confined_space", $"Task {taskId} is not confined-space work; no gas test or permit is needed.");
        var errors = new ValidationErrors();
        var record = ChecklistAnswers.Read(SafetyChecklist, body.RootElement, errors);
        if (record is not null && !record["gas_test_passed"]!.GetValue<bool>())
            errors.Add("gas_test_passed", "The gas test must pass before anyone enters; ventilate and test again.");
        errors.ThrowIfAny();
        record!["confirmed_by"] = user;
        record["confirmed_at"] = clock.GetUtcNow();
        task.ConfirmSafety(JsonDocument.Parse(new JsonObject { ["safety"] = record }.ToJsonString()), user);
        await SaveAsync(taskId, ct);
        await tx.CommitAsync(ct);
        return InspectionTaskView.Of(task);
    }

    /// <summary>Records the result of an open task; see the class summary. 404 for no task, 412 for a stale
    /// version, 409 for a task that is not open, confined-space work without a safety confirmation or a task whose
    /// asset is gone, 400 with field errors for answers that do not fit the checklist.</summary>
    public async Task<RecordedResult> RecordAsync(long taskId, JsonDocument body, VersionPrecondition precondition, string user, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var task = await LockTaskAsync(taskId, ct);
        precondition.Check(taskId, task.Version);
        if (task.Status != TaskStatuses.Open) throw new ConflictException("status", $"Task {taskId} is {task.Status}; only open tasks take results.");
        if (task.ConfinedSpace && !task.SafetyConfirmed)
            throw new ConflictException("safety",
                $"Task {taskId} is confined-space work (有限空间作业): confirm the gas test and the permit (POST /api/tasks/{taskId}/safety) before recording a result.");
        var checklist = ChecklistCatalogue.Find(task.Checklist)
                        ?? throw new ConflictException("checklist", $"Task {taskId} names an unknown checklist '{task.Checklist}'.");
        var errors = new ValidationErrors();
        var answers = ChecklistAnswers.Read(checklist, body.RootElement, errors);
        errors.ThrowIfAny();

        var kind = AssetKinds.Find(task.Collection) ?? throw new ConflictException("collection", $"Task {taskId} names an unknown collection.");
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        await LockAssetAsync(conn, kind, task.AssetId, ct);
        var asset = (Asset?)await db.FindAsync(kind.EntityType, [task.AssetId], ct)
                    ?? throw new ConflictException("asset_id", $"Asset {task.AssetId} of task {taskId} no longer exists.");
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, options.Zone).DateTime);
        var parentChecklist = task.ParentTaskId is { } parentId && checklist.Id == Checklists.Remediation
            ? await db.Set<InspectionTask>().Where(t => t.Id == parentId).Select(t => t.Checklist).SingleOrDefaultAsync(ct)
            : null;
        var outcome = InspectionAssessment.Assess(checklist, answers!, asset, task, today, Rules, errors, parentChecklist);
        errors.ThrowIfAny();

        var before = (await FeatureReader.ReadOneAsync(conn, kind, asset.Id, ct))!.Value.Json;
        if (outcome.Condition is { } condition) asset.Condition = condition;
        foreach (var (name, value) in outcome.AttributeUpdates) kind.FindAttribute(name)!.SetValue(asset, value);
        asset.MarkUpdated(user, now);

        var result = task.Result is null ? new JsonObject() : JsonNode.Parse(task.Result.RootElement.GetRawText())!.AsObject();
        result["checklist"] = checklist.Id;
        result["answers"] = answers;
        result["computed"] = outcome.Computed;
        result["condition"] = outcome.Condition;
        result["findings"] = new JsonArray(outcome.Findings.Select(f => (JsonNode)new JsonObject { ["severity"] = f.Severity, ["description"] = f.Description }).ToArray());
        task.Complete(JsonDocument.Parse(result.ToJsonString()), now, user);
        await SaveAsync(taskId, ct);

        var after = (await FeatureReader.ReadOneAsync(conn, kind, asset.Id, ct))!.Value.Json;
        db.AssetChanges.Add(new AssetChange(asset.Id, kind.CollectionId, HistoryOperation, user, now, asset.Version,
            JsonDocument.Parse(before), JsonDocument.Parse(after)));
        var remediation = Remediation(task, outcome.Findings, now);
        if (remediation is not null) db.Add(remediation);
        var alerts = outcome.AlertKinds.Select(k => new Alert
        {
            AssetId = asset.Id, Collection = kind.CollectionId, TaskId = task.Id, Kind = k, RaisedAt = now,
            Message = Truncate($"{Rules.AlertOf(k).MessageZh}: {asset.Code}{(asset.Name is null ? "" : " " + asset.Name)}", 500),
        }).ToList();
        db.AddRange(alerts);
        await db.SaveChangesAsync(ct);
        var special = outcome.OpensSpecialInspection ? await OpenSpecialInspectionAsync(conn, task, outcome, today, now, ct) : null;
        await CollectionVersions.BumpAsync(conn, [kind.CollectionId], ct);
        await tx.CommitAsync(ct);
        return new RecordedResult(InspectionTaskView.Of(task), remediation?.Id, special, alerts.Select(a => a.Id).ToList());
    }

    /// <summary>One remediation task for the findings: due by the most urgent finding's deadline, at its
    /// priority, describing every finding. Null when nothing was found.</summary>
    private InspectionTask? Remediation(InspectionTask parent, IReadOnlyList<Finding> findings, DateTimeOffset now)
    {
        if (findings.Count == 0) return null;
        var deadlines = findings.Select(f => (Finding: f, Deadline: Rules.DeadlineOf(f.Severity), DueBy: Rules.DeadlineOf(f.Severity).DueBy(now, options.Zone))).ToList();
        var dueBy = deadlines.Min(d => d.DueBy);
        return new InspectionTask
        {
            ParentTaskId = parent.Id, AssetId = parent.AssetId, Collection = parent.Collection, District = parent.District,
            InspectionType = InspectionTypes.Remediation, Checklist = Checklists.Remediation, ConfinedSpace = parent.ConfinedSpace,
            DueBy = dueBy, DueDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(dueBy, options.Zone).DateTime),
            Priority = deadlines.Min(d => d.Deadline.Priority), Status = TaskStatuses.Open, Escalation = EscalationCards.None, CreatedAt = now,
            Description = string.Join("; ", deadlines.OrderBy(d => d.Deadline.Priority).Select(d => $"{d.Deadline.TitleZh}: {d.Finding.Description}")),
        };
    }

    /// <summary>Opens the special inspection (特殊检测) due today, under the rule that schedules special inspections
    /// when it is active, so its open-task uniqueness keeps one per bridge; returns its id, or null when one is open.</summary>
    private async Task<long?> OpenSpecialInspectionAsync(NpgsqlConnection conn, InspectionTask parent, InspectionOutcome outcome, DateOnly today,
        DateTimeOffset now, CancellationToken ct)
    {
        var grade = outcome.Computed["grade"]?.GetValue<string>();
        var priority = grade is null ? Rules.DeadlineOf("bridge_structural_damage").Priority : Rules.DeadlineOf("bridge_grade_" + grade.ToLowerInvariant()).Priority;
        await using var cmd = new NpgsqlCommand("""
            insert into inspection_tasks (rule_id, parent_task_id, asset_id, collection, district, inspection_type, checklist, due_date, priority,
                                          status, confined_space, escalation, created_at, safety_confirmed, version, description)
            select (select id from inspection_rules where code = $1 and active), $2, $3, $4, $5, $6, $7, $8, $9, 'open', false, 'none', $10, false, 1, $11
            on conflict do nothing
            returning id
            """, conn);
        object[] values = [Rules.SpecialInspectionRuleCode, parent.Id, parent.AssetId, parent.Collection, parent.District, InspectionTypes.SpecialInspection,
            Checklists.BridgeCondition, today, priority, now, grade is null ? "特殊检测: 经常性检查发现明显结构损伤" : $"特殊检测: 评定为{grade}级"];
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        return (long?)await cmd.ExecuteScalarAsync(ct);
    }

    private async Task<InspectionTask> LockTaskAsync(long taskId, CancellationToken ct) =>
        (await db.Set<InspectionTask>().FromSql($"select * from inspection_tasks where id = {taskId} for update").ToListAsync(ct)).SingleOrDefault()
        ?? throw new NotFoundException($"There is no task {taskId}.");

    /// <summary>Holds the asset row until commit, so an edit racing the inspection waits instead of failing halfway.</summary>
    private static async Task LockAssetAsync(NpgsqlConnection conn, AssetKind kind, long id, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand($"select 1 from {FeatureSql.Quote(kind.Table)} where id = $1 for update", conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        await cmd.ExecuteScalarAsync(ct);
    }

    private async Task SaveAsync(long taskId, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleVersionException(taskId, -1);
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
