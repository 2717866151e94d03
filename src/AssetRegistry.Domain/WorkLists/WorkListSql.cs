using System.Text;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;

namespace AssetRegistry.Domain.WorkLists;

/// <summary>
/// Every SQL statement of work lists, in one place. Values are always parameters; the only identifiers are the
/// kind tables from <see cref="AssetKinds.All"/>, quoted through <see cref="FeatureSql.Quote"/>.
/// </summary>
internal static class WorkListSql
{
    /// <summary>Every asset as (collection, id, code, name, pt) with pt its point on surface (SRID 4326): one
    /// <c>UNION ALL</c> branch per kind, so a join on (id, collection) probes each kind's primary key and a new kind
    /// joins without a change here.</summary>
    public static readonly string AssetPoints = BuildAssetPoints();

    /// <summary>Serialises builds (any day: a day's candidates include earlier days' leftovers), so two builds at
    /// once neither double-book a crew nor race for a list sequence; held until the transaction ends.</summary>
    public const string LockBuilds = "select pg_advisory_xact_lock(hashtext('work_lists.build'))";

    /// <summary>Open tasks due on or before $1 that are on no list, with their asset's point; a deleted asset
    /// gives null coordinates (reported, not routed).</summary>
    public static readonly string CandidateTasks = $"""
        select t.id, t.district, t.priority, t.escalation, t.due_date, a.code, ST_X(a.pt), ST_Y(a.pt)
        from inspection_tasks t
        left join ({AssetPoints}) a on a.id = t.asset_id and a.collection = t.collection
        where t.status = 'open' and t.work_list_id is null and t.due_date <= $1
        """;

    /// <summary>Crews with the room left on day $1: capacity less the tasks already on their lists that day.</summary>
    public const string CrewsWithRoom = """
        select c.id, c.name, c.districts, c.capacity_per_day - coalesce(booked.n, 0)
        from crews c
        left join (select w.crew_id, count(*)::int as n from work_lists w join inspection_tasks t on t.work_list_id = w.id
                   where w.work_date = $1 group by w.crew_id) booked on booked.crew_id = c.id
        order by c.id
        """;

    /// <summary>The highest list sequence per crew and district on day $1, so new lists continue the numbering.</summary>
    public const string LastSequences = "select crew_id, district, max(sequence) from work_lists where work_date = $1 group by crew_id, district";

    /// <summary>Inserts all lists of a build in one statement from parallel arrays.</summary>
    public const string InsertLists = """
        insert into work_lists (crew_id, district, work_date, sequence, route_length_m, routed_on_streets, created_at)
        select u.crew_id, u.district, $1, u.sequence, u.route_length_m, u.on_streets, now()
        from unnest($2::int[], $3::text[], $4::int[], $5::float8[], $6::boolean[]) as u(crew_id, district, sequence, route_length_m, on_streets)
        returning id, crew_id, district, sequence
        """;

    /// <summary>Puts every planned task on its list with its stop number in one statement; a task that meanwhile
    /// got onto another list or closed is not touched (the caller compares the count and rolls back).</summary>
    public const string AssignTasks = """
        update inspection_tasks t set work_list_id = u.work_list_id, stop_number = u.stop_number, version = t.version + 1
        from unnest($1::bigint[], $2::bigint[], $3::int[]) as u(task_id, work_list_id, stop_number)
        where t.id = u.task_id and t.work_list_id is null and t.status = 'open'
        """;

    /// <summary>Each district's centroid (degrees, SRID 4326): the origin of the district's metric frame, so a
    /// build and a later read measure a list alike.</summary>
    public const string DistrictCentres = "select adcode, ST_X(c), ST_Y(c) from (select adcode, ST_Centroid(geometry) as c from districts) d";

    /// <summary>List summaries: optional day $1, crew $2, district $3, crew member $4 (a user name) and list id $5.</summary>
    public const string Summaries = """
        select w.id, w.crew_id, c.name, w.district, coalesce(d.name, w.district), w.work_date, w.sequence, w.route_length_m, w.campaign_id,
               (select count(*)::int from inspection_tasks t where t.work_list_id = w.id),
               (select count(*)::int from inspection_tasks t where t.work_list_id = w.id and t.status = 'done'),
               w.routed_on_streets, d.name_en
        from work_lists w
        join crews c on c.id = w.crew_id
        left join districts d on d.adcode = w.district
        where ($1::date is null or w.work_date = $1) and ($2::int is null or w.crew_id = $2) and ($3::text is null or w.district = $3)
          and ($4::text is null or $4 = any(c.members)) and ($5::bigint is null or w.id = $5)
        order by w.work_date desc, w.district, c.name, w.sequence
        limit 1000
        """;

    /// <summary>One list's stops in stop order with their assets (left join: a deleted asset leaves a stop
    /// without code or position).</summary>
    public static readonly string Stops = $"""
        select t.id, t.stop_number, t.collection, t.asset_id, a.code, a.name, t.inspection_type, t.checklist, t.due_date,
               t.escalation, t.confined_space, t.status, ST_X(a.pt), ST_Y(a.pt)
        from inspection_tasks t
        left join ({AssetPoints}) a on a.id = t.asset_id and a.collection = t.collection
        where t.work_list_id = $1
        order by t.stop_number, t.id
        """;

    private static string BuildAssetPoints()
    {
        var sb = new StringBuilder();
        foreach (var kind in AssetKinds.All)
        {
            if (sb.Length > 0) sb.Append(" union all ");
            sb.Append("select '").Append(kind.CollectionId).Append("'::text as collection, id, code, name, ST_PointOnSurface(geometry) as pt from ")
              .Append(FeatureSql.Quote(kind.Table));
        }
        return sb.ToString();
    }
}
