using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Spatial;
using NetTopologySuite.Geometries;
using Npgsql;

namespace AssetRegistry.Domain.Inspections.Campaigns;

/// <summary>What a campaign created: its id and the tasks per collection.</summary>
public sealed record CampaignCreated(long Id, IReadOnlyDictionary<string, int> TasksCreated);

/// <summary>Task counts of one collection in a campaign.</summary>
public sealed record CampaignProgress(string Collection, long Tasks, long Open, long Done);

/// <summary>A campaign as the API shows it; <see cref="Area"/> is a GeoJSON Polygon.</summary>
public sealed record CampaignView(long Id, string Reason, string? Note, IReadOnlyList<string> Collections, JsonElement Area, string CreatedBy,
    DateTimeOffset CreatedAt, IReadOnlyList<CampaignProgress> Progress);

/// <summary>
/// Emergency campaigns (台风、暴雨后的应急巡查): a polygon, a reason and the kinds to check become open
/// <c>emergency_check</c> tasks due today for every in-service asset whose geometry intersects the polygon, one
/// set-based insert per kind, priorities by reason (<see cref="CampaignRules"/>). Tasks are unique per campaign and
/// asset, so planning a campaign again (<see cref="PlanTasksAsync"/>) only adds assets it did not yet cover.
/// </summary>
public sealed class CampaignPlanner(NpgsqlDataSource dataSource, InspectionOptions options, TimeProvider clock)
{
    private static readonly string[] BodyFields = ["reason", "note", "collections", "area"];

    /// <summary>The reasons, priorities and checklists used.</summary>
    public CampaignRules Rules { get; init; } = CampaignRules.Default;

    /// <summary>Creates a campaign from <c>{reason, note, collections, area}</c> and its tasks, in one transaction.
    /// An empty or absent <c>collections</c> means every kind that has an emergency check.</summary>
    public async Task<CampaignCreated> CreateAsync(JsonDocument body, string user, CancellationToken ct)
    {
        var (reason, note, collections, area) = Read(body.RootElement);
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using var insert = new NpgsqlCommand("""
            insert into campaigns (reason, note, area, collections, created_by, created_at)
            values ($1, $2, $3, $4, $5, $6) returning id
            """, conn, tx);
        object?[] values = [reason, note, area, collections.ToArray(), user, clock.GetUtcNow()];
        foreach (var v in values) insert.Parameters.Add(new NpgsqlParameter { Value = v ?? DBNull.Value });
        var id = (long)(await insert.ExecuteScalarAsync(ct))!;
        var created = await InsertTasksAsync(conn, id, reason, collections, ct);
        await tx.CommitAsync(ct);
        return new CampaignCreated(id, created);
    }

    /// <summary>Plans a campaign's tasks again (for assets added inside its area since): creates only missing tasks.</summary>
    public async Task<IReadOnlyDictionary<string, int>> PlanTasksAsync(long campaignId, CancellationToken ct = default)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var read = new NpgsqlCommand("select reason, collections from campaigns where id = $1", conn);
        read.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        string reason;
        string[] collections;
        await using (var reader = await read.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) throw new NotFoundException($"There is no campaign {campaignId}.");
            reason = reader.GetString(0);
            collections = reader.GetFieldValue<string[]>(1);
        }
        return await InsertTasksAsync(conn, campaignId, reason, collections, ct);
    }

    /// <summary>A campaign with its task counts per collection.</summary>
    public async Task<CampaignView> GetAsync(long id, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        var campaign = new NpgsqlBatchCommand("select reason, note, collections, ST_AsGeoJSON(area, 7), created_by, created_at from campaigns where id = $1");
        var progress = new NpgsqlBatchCommand("""
            select collection, count(*), count(*) filter (where status = 'open'), count(*) filter (where status = 'done')
            from inspection_tasks where campaign_id = $1 group by collection order by collection
            """);
        campaign.Parameters.Add(new NpgsqlParameter { Value = id });
        progress.Parameters.Add(new NpgsqlParameter { Value = id });
        batch.BatchCommands.Add(campaign);
        batch.BatchCommands.Add(progress);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new NotFoundException($"There is no campaign {id}.");
        var (reason, note, collections, area, by, at) = (reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1),
            reader.GetFieldValue<string[]>(2), JsonDocument.Parse(reader.GetString(3)).RootElement.Clone(), reader.GetString(4),
            reader.GetFieldValue<DateTimeOffset>(5));
        await reader.NextResultAsync(ct);
        var rows = new List<CampaignProgress>();
        while (await reader.ReadAsync(ct))
            rows.Add(new CampaignProgress(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        return new CampaignView(id, reason, note, collections, area, by, at, rows);
    }

    /// <summary>One insert per kind over the campaign's area.</summary>
    private async Task<IReadOnlyDictionary<string, int>> InsertTasksAsync(NpgsqlConnection conn, long campaignId, string reason,
        IReadOnlyList<string> collections, CancellationToken ct)
    {
        var today = options.Today(clock);
        var created = new Dictionary<string, int>();
        foreach (var collection in collections)
            created[collection] = await InsertKindTasksAsync(conn, null, Rules, campaignId, reason, collection, today, ids: null, ct);
        return created;
    }

    /// <summary>
    /// Inserts a campaign's <c>emergency_check</c> tasks for one kind, due <paramref name="today"/>, with the kind's
    /// checklist and the reason's priority: for the in-service assets inside the campaign's area (<c>&amp;&amp;</c> on the
    /// GiST index, then the exact intersection), or, when <paramref name="ids"/> is given, for exactly those assets
    /// (a drainage trace). The table comes from <see cref="AssetKinds"/> (an allow-list); values are parameters; the
    /// unique (campaign, asset) index makes it safe to repeat.
    /// </summary>
    public static async Task<int> InsertKindTasksAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CampaignRules rules, long campaignId,
        string reason, string collection, DateOnly today, long[]? ids, CancellationToken ct)
    {
        var kind = AssetKinds.Find(collection)!;
        var check = rules.Checks.First(c => c.Collection == collection);
        var selection = ids is null ? "a.geometry && c.area and ST_Intersects(a.geometry, c.area)" : "a.id = any($8)";
        await using var cmd = new NpgsqlCommand($"""
            insert into inspection_tasks (campaign_id, asset_id, collection, district, inspection_type, checklist, due_date, priority, status,
                                          confined_space, escalation, created_at, safety_confirmed, version, description)
            select c.id, a.id, $2, a.district, $3, $4, $5, $6, 'open', $7, 'none', now(), false, 1, c.reason || coalesce(': ' || c.note, '')
            from campaigns c
            join {FeatureSql.Quote(kind.Table)} a on {selection}
            where c.id = $1 and a.status = 'in_service'
            on conflict do nothing
            """, conn, tx) { CommandTimeout = 600 };
        object[] values = [campaignId, collection, InspectionTypes.EmergencyCheck, check.Checklist, today, rules.PriorityOf(reason, collection), check.ConfinedSpace];
        foreach (var v in values) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        if (ids is not null) cmd.Parameters.Add(new NpgsqlParameter { Value = ids });
        return await cmd.ExecuteNonQueryAsync(ct);
    }

    private (string Reason, string? Note, IReadOnlyList<string> Collections, Polygon Area) Read(JsonElement root)
    {
        var errors = new ValidationErrors();
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "Send {\"reason\": \"typhoon\"|\"rainstorm\"|\"other\", \"note\", \"collections\": [...], \"area\": a GeoJSON Polygon}.");
            errors.ThrowIfAny();
        }
        foreach (var p in root.EnumerateObject().Where(p => !BodyFields.Contains(p.Name)))
            errors.Add(p.Name, $"{p.Name} is not a campaign field; expected {string.Join(", ", BodyFields)}.");
        var reasons = Rules.Orders.Select(o => o.Reason).ToList();
        var reason = root.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : null;
        if (reason is null || !reasons.Contains(reason)) errors.Add("reason", $"reason must be one of {string.Join(", ", reasons)}.");
        string? note = null;
        if (root.TryGetProperty("note", out var n) && n.ValueKind != JsonValueKind.Null)
        {
            if (n.ValueKind != JsonValueKind.String || n.GetString()!.Length > 500) errors.Add("note", "note is text of at most 500 characters.");
            else note = n.GetString();
        }
        var checkable = Rules.Checks.Select(c => c.Collection).ToList();
        var collections = new List<string>();
        if (root.TryGetProperty("collections", out var cs) && cs.ValueKind != JsonValueKind.Null)
        {
            if (cs.ValueKind != JsonValueKind.Array) errors.Add("collections", "collections must be an array of collection ids.");
            else
                foreach (var c in cs.EnumerateArray())
                {
                    var id = c.ValueKind == JsonValueKind.String ? c.GetString()! : "";
                    if (!checkable.Contains(id)) errors.Add("collections", $"'{id}' is not a collection with an emergency check; use {string.Join(", ", checkable)}.");
                    else if (!collections.Contains(id)) collections.Add(id);
                }
        }
        if (collections.Count == 0) collections.AddRange(checkable);
        Polygon? area = null;
        if (!root.TryGetProperty("area", out var a)) errors.Add("area", "area is required: a GeoJSON Polygon.");
        else if (GeoJsonGeometry.Read(a, errors, "area") is { } g)
        {
            if (GeometryChecks.FindProblem(g, ["Polygon"]) is { } problem) errors.Add("area", problem);
            else area = (Polygon)g;
        }
        errors.ThrowIfAny();
        area!.SRID = 4326;
        return (reason!, note, collections, area);
    }
}
