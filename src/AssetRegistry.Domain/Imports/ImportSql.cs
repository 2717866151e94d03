using System.Text;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// The SQL of an import, built from the kind's attribute definitions (the allow-list of identifiers) and the
/// run id (a number); every value is a <c>$n</c> parameter. The staging table holds one row per source row: its
/// number, the geometry as read (source SRID) and in WGS 84, the matched asset, a refused
/// flag, the district when the reader found it (<see cref="Spatial.DistrictLocator"/>) and one typed column per
/// writable attribute. <c>$1</c> is always the run id.
/// </summary>
public static class ImportSql
{
    /// <summary>The staging table's name for a run: <c>import_staging_{id}</c>.</summary>
    public static string Staging(long runId) => "import_staging_" + runId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The attributes an import may fill: writable ones, in the kind's order.</summary>
    public static IReadOnlyList<AttributeDefinition> Writable(AssetKind kind) => kind.Attributes.Where(a => !a.ReadOnly).ToList();

    /// <summary>Unlogged: staging is rebuilt from the file if lost, so it need not cost WAL. Each row takes the id
    /// its asset will have from the shared sequence as it is copied, in file order, so the commit knows the ids it
    /// inserts without reading them back (a dry run that is discarded leaves a gap in the ids, as any rollback does).</summary>
    public static string CreateStaging(AssetKind kind, long runId)
    {
        var sb = new StringBuilder();
        sb.Append("drop table if exists ").Append(Staging(runId)).Append("; create unlogged table ").Append(Staging(runId)).Append(" (")
          .Append("id bigint not null default nextval('asset_id_seq'), import_row bigint not null, import_source_geometry geometry, import_geometry geometry, ")
          .Append("import_target_id bigint, import_target_version integer, import_refused boolean not null default false, import_district text, import_code_seen boolean not null default false, import_given bigint, import_unchanged boolean not null default false");
        if (Writable(kind).Count > 63)
            throw new InvalidOperationException($"{kind.CollectionId} has more writable attributes than import_given has bits.");
        foreach (var a in Writable(kind)) sb.Append(", ").Append(FeatureSql.Quote(a.Name)).Append(' ').Append(ColumnType(a));
        return sb.Append(')').ToString();
    }

    /// <summary>The attributes a run writes: the writable ones its mapping gives a field of the file
    /// (<paramref name="mapped"/>: the attribute names, as the run stores its mapping). The dry run's comparison of
    /// matched rows (<see cref="MatchOnCode"/>) and the commit's <see cref="Update"/> both take them from here.</summary>
    public static IReadOnlyList<AttributeDefinition> Mapped(AssetKind kind, IEnumerable<string> mapped)
    {
        var names = mapped.ToHashSet(StringComparer.Ordinal);
        return Writable(kind).Where(a => names.Contains(a.Name)).ToList();
    }

    /// <summary>The staging column type of an attribute.</summary>
    public static string ColumnType(AttributeDefinition a) => a.Type switch
    {
        AttributeType.Integer or AttributeType.Reference => "bigint",
        AttributeType.Number => "double precision",
        AttributeType.Boolean => "boolean",
        AttributeType.Date => "date",
        AttributeType.Timestamp => "timestamptz",
        _ => "text",
    };

    /// <summary>Binary COPY into staging; the geometry goes to <c>import_geometry</c> directly when the source is
    /// already WGS 84, else to <c>import_source_geometry</c> for <see cref="Transform"/>.</summary>
    public static string CopyStaging(AssetKind kind, long runId, bool sourceIsWgs84) =>
        $"copy {Staging(runId)} (import_row, {(sourceIsWgs84 ? "import_geometry" : "import_source_geometry")}, import_refused, import_district, import_code_seen, import_given, " +
        string.Join(", ", Writable(kind).Select(a => FeatureSql.Quote(a.Name))) + ") from stdin (format binary)";

    /// <summary>Binary COPY of refusals found while reading (conversion, missing geometry).</summary>
    public const string CopyRefusals = "copy import_refusals (run_id, row_number, field, reason_en, reason_zh) from stdin (format binary)";

    /// <summary>Fresh statistics for the checks' plans. No index: every check either scans staging once or looks
    /// refusals up by their own index. The row count is what the plans need (ANALYZE takes it from the whole
    /// table); a 3,000-row sample instead of the default 30,000 takes 20 ms rather than 250 ms on a million rows.</summary>
    public static string AnalyzeStaging(long runId) =>
        $"set default_statistics_target = 10; analyze {Staging(runId)}; reset default_statistics_target";

    /// <summary>The source geometry to WGS 84 in PostGIS (PROJ), for every row not already there.</summary>
    public static string Transform(long runId) =>
        $"update {Staging(runId)} set import_geometry = ST_Transform(import_source_geometry, 4326) where import_source_geometry is not null";

    /// <summary>The reason given for an empty geometry (<c>$2</c>, <c>$3</c> of <see cref="GeometryRefusals"/>).</summary>
    public static readonly LocalizedText EmptyGeometry = new("The geometry is empty.", "几何图形为空。");

    /// <summary>The reason given for a geometry outside every district (<c>$2</c>, <c>$3</c> of <see cref="OutsideRefusals"/>).</summary>
    public static readonly LocalizedText OutsideServiceArea = new(
        "The geometry is not inside the city's service area (the districts of Quanzhou).", "几何图形不在本市服务范围（泉州市各区县）内。");

    /// <summary>Geometry refusals in one pass, the first problem per row as <c>GeometryChecks</c> orders them:
    /// empty (<c>$2</c>, <c>$3</c>: <see cref="EmptyGeometry"/>), outside longitude/latitude, a zero-length line, OGC
    /// validity with PostGIS's reason.</summary>
    public static string GeometryRefusals(long runId) => $"""
        insert into import_refusals (run_id, row_number, field, reason_en, reason_zh)
        select $1, import_row, 'geometry',
            case p when 1 then $2
                   when 2 then 'The coordinates are not WGS 84 longitude/latitude after conversion; check the declared CRS.'
                   when 3 then 'The line has zero length.'
                   else 'The geometry is not valid: ' || ST_IsValidReason(import_geometry) || '.' end,
            case p when 1 then $3
                   when 2 then '转换后的坐标不是 WGS 84 经纬度；请检查声明的坐标系。'
                   when 3 then '线的长度为零。'
                   else '几何图形无效：' || ST_IsValidReason(import_geometry) || '。' end
        from (select import_row, import_geometry,
                case when ST_IsEmpty(import_geometry) then 1
                     when ST_XMin(import_geometry) < -180 or ST_XMax(import_geometry) > 180 or ST_YMin(import_geometry) < -90 or ST_YMax(import_geometry) > 90 then 2
                     when GeometryType(import_geometry) = 'LINESTRING' and ST_Length(import_geometry) = 0 then 3
                     when not ST_IsValid(import_geometry) then 4 end as p
              from {Staging(runId)} where import_geometry is not null) g
        where p is not null
        """;

    /// <summary>Rows whose geometry was refused take no further geometry checks.</summary>
    public static string DropRefusedGeometries(long runId) => $"""
        update {Staging(runId)} s set import_geometry = null
        where import_geometry is not null
          and exists (select 1 from import_refusals r where r.run_id = $1 and r.row_number = s.import_row and r.field = 'geometry')
        """;

    /// <summary>The table of each staged row's district: <c>import_districts_{id}</c>.</summary>
    public static string Districts(long runId) => "import_districts_" + runId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Each row's district: the one holding the geometry's point on surface, as <c>SpatialMeasures.DistrictOfAsync</c>
    /// derives it for a single write (on a shared boundary, the lowest adcode). Set-based with the districts on the
    /// outside of the join and a GiST index on staging, so each district polygon is read once and PostGIS keeps it
    /// prepared across its rows; a lookup per row would read a district per row. A narrow table of its own rather
    /// than an update, which would rewrite every staging row.
    /// </summary>
    public static string DistrictTable(long runId) => $"""
        create index on {Staging(runId)} using gist (import_geometry);
        drop table if exists {Districts(runId)};
        create unlogged table {Districts(runId)} as
            select s.import_row, min(d.adcode) as adcode
            from districts d join {Staging(runId)} s
              on d.geometry && s.import_geometry and ST_Intersects(d.geometry, ST_PointOnSurface(s.import_geometry))
            group by s.import_row;
        alter table {Districts(runId)} add primary key (import_row)
        """;

    /// <summary>Outside the service area: no district, or (a line or polygon) not covered by the union of the
    /// districts, as <c>SpatialMeasures.DistrictOfAsync</c> refuses a single write. <c>$2</c>, <c>$3</c>:
    /// <see cref="OutsideServiceArea"/>.</summary>
    public static string OutsideRefusals(long runId) => $"""
        insert into import_refusals (run_id, row_number, field, reason_en, reason_zh)
        select $1, import_row, 'geometry', $2, $3
        from {Staging(runId)} s
        where import_geometry is not null
          and (not exists (select 1 from {Districts(runId)} x where x.import_row = s.import_row)
               or (GeometryType(import_geometry) <> 'POINT'
                   and not exists (select 1 from service_area a where ST_CoveredBy(s.import_geometry, a.geometry))))
        """;

    /// <summary>The staging rows to write, each with its district as <c>import_found_district</c>: the one the
    /// reader staged (<paramref name="districtsStaged"/>), else the one from <see cref="DistrictTable"/>.</summary>
    private static string WithDistrict(string rows, long runId, bool districtsStaged) => districtsStaged
        ? $"(select o.*, o.import_district as import_found_district from ({rows}) o where o.import_district is not null)"
        : $"(select o.*, x.adcode as import_found_district from ({rows}) o join {Districts(runId)} x on x.import_row = o.import_row)";

    /// <summary>Whether the run's districts were found while reading (its staging has no district table): the
    /// commit may run in another process than the dry run, so it asks the catalog.</summary>
    public static string DistrictsStaged(long runId) => $"select to_regclass('{Districts(runId)}') is null";

    /// <summary>A code that appears on more than one row: every row after the first is refused. Only the codes
    /// flagged while reading (<c>import_code_seen</c>, <see cref="CodeSightings"/>) are looked at: every row that
    /// repeats an earlier code is flagged, and the first row of such a code is found among all rows.</summary>
    public static string DuplicateCodeRefusals(long runId) => $"""
        insert into import_refusals (run_id, row_number, field, reason_en, reason_zh)
        select $1, import_row, 'code', format('The code %s is also on row %s of the file.', code, first_row), format('编码 %s 与文件第 %s 行重复。', code, first_row)
        from (select import_row, code, min(import_row) over (partition by code) as first_row from {Staging(runId)}
              where code in (select code from {Staging(runId)} where import_code_seen)) x
        where import_row <> first_row
        """;

    /// <summary>
    /// Match on code: remember the stored asset and its version, for the update and its stale check; complete the
    /// row with the stored values of the attributes it does not give (those a row lacks, see
    /// <see cref="GivenAttributes"/>, and of those the file has no field for, the ones <see cref="ReadByRules"/>), so
    /// that the checks, the derived values and the update that follow see the asset as it will be; and note whether
    /// the file gives it as stored (<c>import_unchanged</c>): every attribute in <paramref name="present"/> the row
    /// gives (those the commit's <see cref="Update"/> sets; derived values follow from them and the geometry), the
    /// district and the geometry. Such a row is left alone by the commit.
    /// The geometry is the same when it has the same coordinates in the same order, or as many vertices and lies no
    /// further than <c>$1</c> degrees from the stored one: the file of a projected export read back, see
    /// <see cref="Persistence.RegistryRules.SameGeometryToleranceMetres"/>. For a point that is its distance
    /// (<c>ST_DWithin</c>, which PostGIS computes without GEOS), for lines and polygons the Hausdorff distance. Then,
    /// in the same district, the row takes the stored geometry, so that an update of another attribute does not move
    /// the asset either.
    /// </summary>
    public static string MatchOnCode(AssetKind kind, long runId, IReadOnlyList<AttributeDefinition> present, GivenAttributes given, bool districtsStaged)
    {
        var district = districtsStaged ? "s.import_district" : $"(select x.adcode from {Districts(runId)} x where x.import_row = s.import_row)";
        var sameGeometry = $"""
            (t.geometry = s.import_geometry or (ST_NPoints(t.geometry) = ST_NPoints(s.import_geometry)
                and case when ST_NPoints(t.geometry) = 1 then ST_DWithin(t.geometry, s.import_geometry, $1)
                         else ST_HausdorffDistance(t.geometry, s.import_geometry) <= $1 end)) and t.district is not distinct from {district}
            """;
        var same = new List<string> { sameGeometry };
        var completed = new StringBuilder($", import_geometry = case when {sameGeometry} then t.geometry else s.import_geometry end");
        var rulesRead = ReadByRules(kind);
        foreach (var a in Writable(kind).Where(a => a.Name != "code"))
        {
            var column = FeatureSql.Quote(a.Name);
            if (!present.Contains(a))
            {
                if (rulesRead.Contains(a)) completed.Append($", {column} = t.{column}");
            }
            else if (given.Sql(a) is { } g)
            {
                same.Add($"(not {g} or t.{column} is not distinct from s.{column})");
                completed.Append($", {column} = case when {g} then s.{column} else t.{column} end");
            }
            else same.Add($"t.{column} is not distinct from s.{column}");
        }
        return $"""
            update {Staging(runId)} s set import_target_id = t.id, import_target_version = t.version,
                import_unchanged = coalesce({string.Join(" and ", same)}, false){completed}
            from {FeatureSql.Quote(kind.Table)} t where t.code = s.code
            """;
    }

    /// <summary>The attributes the kind's import rules (<see cref="KindImportRules"/>: derived values and checks) read
    /// from the staging row, as <c>s.name</c> in their SQL. A matched row needs the stored value of those it does not
    /// give; the others it does not give are read by nothing (the update sets only the mapped ones), so
    /// <see cref="MatchOnCode"/> does not copy them (streetlights have six such, 0.6 s on a million rows).</summary>
    public static IReadOnlySet<AttributeDefinition> ReadByRules(AssetKind kind)
    {
        var rules = kind.ImportRules!;
        var sql = string.Join("\n", rules.Derived.Values.Concat(rules.Checks.SelectMany(c => new[] { c.RefusedWhen, c.ReasonEn, c.ReasonZh })));
        return Writable(kind).Where(a => System.Text.RegularExpressions.Regex.IsMatch(sql, $@"\bs\.""?{a.Name}\b")).ToHashSet();
    }

    /// <summary>
    /// New rows that lack an attribute the file gives other rows (<see cref="GivenAttributes"/>) take the kind's
    /// default for it, as they would from a file without that field (<c>$1</c>… the defaults of
    /// <paramref name="defaulted"/>, in order; a required attribute has none here, and a new row without it is refused
    /// by <see cref="LackingRequiredRefusals"/>). Matched rows took the stored values in <see cref="MatchOnCode"/>.
    /// </summary>
    public static string DefaultLacking(long runId, IReadOnlyList<(AttributeDefinition Attribute, string Given)> defaulted)
    {
        var sets = defaulted.Select((d, i) => $"{FeatureSql.Quote(d.Attribute.Name)} = case when {d.Given} then s.{FeatureSql.Quote(d.Attribute.Name)} else ${i + 1}::{ColumnType(d.Attribute)} end");
        return $"""
            update {Staging(runId)} s set {string.Join(", ", sets)}
            where s.import_target_id is null and not ({string.Join(" and ", defaulted.Select(d => d.Given))})
            """;
    }

    /// <summary>Rows the dry run found unchanged whose stored asset has since been edited or deleted: the commit is
    /// refused, as for a changed row (the file's values are no longer what is stored).</summary>
    public static string StaleUnchanged(AssetKind kind, long runId) => $"""
        select count(*) from {Staging(runId)} s left join {FeatureSql.Quote(kind.Table)} t on t.id = s.import_target_id
        where s.import_unchanged and not s.import_refused and (t.id is null or t.version <> s.import_target_version)
        """;

    /// <summary>Without matching on code, a code already stored is refused (as the API answers 409).</summary>
    public static string ExistingCodeRefusals(AssetKind kind, long runId) => $"""
        insert into import_refusals (run_id, row_number, field, reason_en, reason_zh)
        select $1, s.import_row, 'code', format('The code %s is already used by feature %s.', s.code, t.id), format('编码 %s 已被要素 %s 使用。', s.code, t.id)
        from {Staging(runId)} s join {FeatureSql.Quote(kind.Table)} t on t.code = s.code
        """;

    /// <summary>A reference to an asset that does not exist.</summary>
    public static string ReferenceRefusals(AttributeDefinition a, long runId)
    {
        var target = AssetKinds.Find(a.ReferencedCollection!)!;
        var column = FeatureSql.Quote(a.Name);
        return $"""
            insert into import_refusals (run_id, row_number, field, reason_en, reason_zh)
            select $1, s.import_row, '{a.Name}', format('There is no {target.CollectionId} feature %s.', s.{column}), format('{target.TitleZh} %s 不存在。', s.{column})
            from {Staging(runId)} s
            where s.{column} is not null and not exists (select 1 from {FeatureSql.Quote(target.Table)} r where r.id = s.{column})
            """;
    }

    /// <summary>A value the file carries that may not be null is null (<c>$2</c>, <c>$3</c>: the reason), unless the
    /// row's value was already refused while reading (then it is null because it could not be converted).</summary>
    public static string NullRefusals(AttributeDefinition a, long runId) => $"""
        insert into import_refusals (run_id, row_number, field, reason_en, reason_zh)
        select $1, import_row, '{a.Name}', $2, $3 from {Staging(runId)} s
        where s.{FeatureSql.Quote(a.Name)} is null
          and not exists (select 1 from import_refusals r where r.run_id = $1 and r.row_number = s.import_row and r.field = '{a.Name}')
        """;

    /// <summary>A required attribute a new row does not give though other rows of the file do (a GeoJSON feature
    /// without that property), refused as such; <paramref name="given"/> is <see cref="GivenAttributes.Sql"/>. A
    /// matched row that lacks it keeps the stored value. Runs before <see cref="NullRefusals"/>, which then leaves
    /// the row's field alone.</summary>
    public static string LackingRequiredRefusals(AttributeDefinition a, long runId, string given) => $"""
        insert into import_refusals (run_id, row_number, field, reason_en, reason_zh)
        select $1, import_row, '{a.Name}', $2, $3 from {Staging(runId)} s
        where s.import_target_id is null and not {given}
        """;

    /// <summary>A required attribute the file does not carry: refused for new rows only (updates keep the stored value).</summary>
    public static string MissingRequiredRefusals(AttributeDefinition a, long runId) => $"""
        insert into import_refusals (run_id, row_number, field, reason_en, reason_zh)
        select $1, import_row, '{a.Name}', $2, $3 from {Staging(runId)} where import_target_id is null
        """;

    /// <summary>A kind's own set-based rule (<see cref="KindImportRules"/>); <c>$2</c> is the sewer-end tolerance.</summary>
    public static string KindCheckRefusals(KindImportCheck check, long runId) => $"""
        insert into import_refusals (run_id, row_number, field, reason_en, reason_zh)
        select $1, s.import_row, '{check.Field}', {check.ReasonEn}, {check.ReasonZh}
        from {Staging(runId)} s
        where s.import_geometry is not null and ({check.RefusedWhen})
        """;

    /// <summary>Flags the rows the checks refused (those refused while reading were staged flagged); the caller
    /// adds the rows it updates to those.</summary>
    public static string MarkRefused(long runId) => $"""
        update {Staging(runId)} s set import_refused = true
        where not import_refused and exists (select 1 from import_refusals r where r.run_id = $1 and r.row_number = s.import_row)
        """;

    /// <summary>The rows the commit will update and insert, and those matched that it leaves unchanged, in one scan
    /// of staging.</summary>
    public static string CountToUpdateAndInsert(long runId) => $"""
        select count(*) filter (where import_target_id is not null and not import_unchanged), count(*) filter (where import_target_id is null),
               count(*) filter (where import_unchanged)
        from {Staging(runId)} where not import_refused
        """;

    /// <summary>The kind's stored rows, counted no further than <c>$1</c> (a bulk import's size), so the count
    /// costs at most what the import writes.</summary>
    public static string CountStoredUpTo(AssetKind kind) =>
        $"select count(*) from (select 1 from {FeatureSql.Quote(kind.Table)} limit $1) x";

    /// <summary>
    /// The primary key (unless another table's foreign key refers to it), the secondary indexes (those not behind
    /// a constraint) and the foreign keys of the kind's table, each as the statement that drops it and the one that
    /// makes it again, exactly as the
    /// catalog has them (<c>pg_get_indexdef</c>, <c>pg_get_constraintdef</c>): a bulk import drops them, inserts,
    /// and makes them again in the same transaction, which builds each index sorted in one pass rather than a
    /// million times one entry.
    /// </summary>
    public static string RebuildableIndexesAndKeys(AssetKind kind) => $"""
        select drop_it, make_it from (
            select 1 as step, 'alter table ' || c.conrelid::regclass::text || ' drop constraint ' || quote_ident(c.conname) as drop_it,
                   'alter table ' || c.conrelid::regclass::text || ' add constraint ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid) as make_it
            from pg_constraint c
            where c.conrelid = '{FeatureSql.Quote(kind.Table)}'::regclass and c.contype = 'p'
              and not exists (select 1 from pg_constraint f where f.confrelid = c.conrelid and f.contype = 'f')
            union all
            select 2, 'drop index ' || i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            from pg_index i
            where i.indrelid = '{FeatureSql.Quote(kind.Table)}'::regclass
              and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
            union all
            select 3, 'alter table ' || c.conrelid::regclass::text || ' drop constraint ' || quote_ident(c.conname),
                   'alter table ' || c.conrelid::regclass::text || ' add constraint ' || quote_ident(c.conname) || ' ' || pg_get_constraintdef(c.oid)
            from pg_constraint c
            where c.conrelid = '{FeatureSql.Quote(kind.Table)}'::regclass and c.contype = 'f') x
        order by step, drop_it
        """;

    /// <summary>The memory PostgreSQL may use for each sort or hash of an import's statements, for their
    /// transaction only (see <c>ImportSettings.WorkMemMegabytes</c>).</summary>
    public static string SetWorkMem(int megabytes) =>
        $"set local work_mem = '{megabytes.ToString(System.Globalization.CultureInfo.InvariantCulture)}MB'";

    /// <summary>Each column of the kind's table and its type as the catalog names it without a length or precision
    /// (<c>character varying</c>, <c>geometry</c>): what the rows of <see cref="CopyNewRows"/> are cast to, so that
    /// binary <c>COPY</c> reads them and the column's own length, precision and geometry type are still enforced as
    /// it receives them (an over-long text fails rather than being cut, as an explicit cast to the full type would).</summary>
    public static string ColumnBaseTypes(AssetKind kind) => $"""
        select attname::text, format_type(atttypid, null) from pg_attribute
        where attrelid = '{FeatureSql.Quote(kind.Table)}'::regclass and attnum > 0 and not attisdropped
        """;

    /// <summary>The commit's values that are the same on every new row (<c>COPY … TO</c> takes no parameters):
    /// a temporary table on the reading connection, filled by <see cref="FillCommitConstants"/>.</summary>
    public static string CreateCommitConstants(IReadOnlyList<AttributeDefinition> defaulted, IReadOnlyDictionary<string, string> types)
    {
        var sb = new StringBuilder("create temp table import_commit_constants (changed_by text, changed_at timestamptz");
        for (var i = 0; i < defaulted.Count; i++) sb.Append(", d").Append(i).Append(' ').Append(types[defaulted[i].Name]);
        return sb.Append(") on commit drop").ToString();
    }

    /// <summary><c>$1</c> user, <c>$2</c> time, <c>$3</c>… the kind's defaults for the attributes the file does not carry.</summary>
    public static string FillCommitConstants(int defaulted) =>
        "insert into import_commit_constants values (" + string.Join(", ", Enumerable.Range(1, 2 + defaulted).Select(i => "$" + i)) + ")";

    /// <summary>The columns a commit fills on a new row, in the order of <see cref="CopyNewRows"/>.</summary>
    public static IReadOnlyList<string> NewRowColumns(AssetKind kind, IReadOnlyList<AttributeDefinition> present, IReadOnlyList<AttributeDefinition> defaulted) =>
        NewRows(kind, present, defaulted).Select(c => c.Column).ToList();

    private static List<(string Column, string Value)> NewRows(AssetKind kind, IReadOnlyList<AttributeDefinition> present, IReadOnlyList<AttributeDefinition> defaulted)
    {
        var rows = new List<(string, string)>
        {
            ("id", "s.id"),
            ("code", $"coalesce(s.code, '{kind.CodePrefix}-' || s.import_found_district || '-' || lpad(s.id::text, greatest(6, length(s.id::text)), '0'))"),
        };
        foreach (var a in present.Where(a => a.Name != "code")) rows.Add((a.Name, "s." + FeatureSql.Quote(a.Name)));
        for (var i = 0; i < defaulted.Count; i++) rows.Add((defaulted[i].Name, "c.d" + i));
        foreach (var (name, expression) in kind.ImportRules!.Derived) rows.Add((name, expression));
        rows.AddRange([("district", "s.import_found_district"), ("geometry", "s.import_geometry"), ("created_by", "c.changed_by"),
            ("created_at", "c.changed_at"), ("updated_by", "c.changed_by"), ("updated_at", "c.changed_at"), ("version", "1")]);
        return rows;
    }

    /// <summary>
    /// New rows, read on a connection of their own as binary <c>COPY</c> and written by <see cref="CopyIntoTable"/>
    /// in the commit's transaction: the ids staging took in file order, a generated code where the file has none (as
    /// <c>AssetEditor</c>: prefix-district-id with at least six digits), the attributes the file carries, the kind's
    /// defaults for those it does not, derived values, the audit stamp, version 1, each cast to its column's base
    /// type (<see cref="ColumnBaseTypes"/>). A <c>COPY</c> writes the table a page of rows at a time where
    /// <c>insert … select</c> writes a row at a time (a third less time on a million rows). The history is
    /// <see cref="InsertHistory"/>.
    /// </summary>
    public static string CopyNewRows(AssetKind kind, long runId, IReadOnlyList<AttributeDefinition> present, IReadOnlyList<AttributeDefinition> defaulted,
        bool districtsStaged, IReadOnlyDictionary<string, string> types)
    {
        var values = NewRows(kind, present, defaulted).Select(r => $"({r.Value})::{types[r.Column]}");
        return $"""
            copy (select {string.Join(", ", values)}
            from {WithDistrict($"select * from {Staging(runId)} where not import_refused and import_target_id is null", runId, districtsStaged)} s
            cross join import_commit_constants c) to stdout (format binary)
            """;
    }

    /// <summary>The commit's side of <see cref="CopyNewRows"/>.</summary>
    public static string CopyIntoTable(AssetKind kind, IReadOnlyList<string> columns) =>
        $"copy {FeatureSql.Quote(kind.Table)} ({string.Join(", ", columns.Select(FeatureSql.Quote))}) from stdin (format binary)";

    /// <summary>
    /// The history of the new rows: one row for the whole import naming the assets it inserted as ranges of ids
    /// (<c>asset_ids</c>; one range unless other writes took ids from the sequence during the dry run), none when it
    /// inserted nothing. It holds no copy of the features: an asset as imported is the <c>before</c> of its next
    /// change, or the asset itself while it has none, and <c>AssetHistory</c> shows it from there. A row per asset
    /// was a third of a million-row import's commit (2.2 s of heap, WAL and two index entries each), and a copy of
    /// each feature as jsonb twice that. The ids are unique, so when as many rows are new as there are ids from the
    /// lowest to the highest (nothing refused or matched between them, no other write taking ids meanwhile: the
    /// usual bulk import) they are the one range from the lowest to the highest, found by a count (0.1 s for a
    /// million rows); only otherwise does <c>range_agg</c> merge the ids one by one (0.7–0.9 s for a million).
    /// <c>$1</c> collection, <c>$2</c> user, <c>$3</c> time.
    /// </summary>
    public static string InsertHistory(long runId) => $"""
        insert into asset_changes (asset_ids, collection, operation, changed_by, changed_at, version)
        select case when max(id) - min(id) + 1 = count(*) then int8multirange(int8range(min(id), max(id), '[]'))
                    else (select range_agg(int8range(id, id, '[]')) from {Staging(runId)} where not import_refused and import_target_id is null) end,
               $1, 'import', $2, $3, 1
        from {Staging(runId)} where not import_refused and import_target_id is null
        having count(*) > 0
        """;

    /// <summary>
    /// Matched rows the file changes (not <c>import_unchanged</c>, see <see cref="MatchOnCode"/>): the attributes the
    /// file carries, derived values, district and geometry replace the stored ones, the version goes up by one, and one
    /// history row per asset holds the feature before and after. Only rows still at the version seen by the dry run are
    /// updated; the caller compares the count (and checks the unchanged ones with <see cref="StaleUnchanged"/>).
    /// </summary>
    public static string Update(AssetKind kind, long runId, IReadOnlyList<AttributeDefinition> present, bool districtsStaged)
    {
        var rules = kind.ImportRules!;
        var sets = present.Where(a => a.Name != "code").Select(a => $"{FeatureSql.Quote(a.Name)} = s.{FeatureSql.Quote(a.Name)}")
            .Concat(rules.Derived.Select(d => $"{FeatureSql.Quote(d.Key)} = {d.Value}"))
            .Concat(["district = s.import_found_district", "geometry = s.import_geometry", "updated_by = $3", "updated_at = $4", "version = t.version + 1"]);
        var table = FeatureSql.Quote(kind.Table);
        var feature = FeatureSql.FeatureJsonbExpression(kind);
        return $"""
            with before as (
                select t.id, {feature} as f from {table} t
                join {Staging(runId)} s on s.import_target_id = t.id and not s.import_refused and not s.import_unchanged),
            upd as (
                update {table} t set {string.Join(", ", sets)}
                from {WithDistrict($"select * from {Staging(runId)} where not import_refused and import_target_id is not null and not import_unchanged", runId, districtsStaged)} s
                where s.import_target_id = t.id and t.version = s.import_target_version
                returning t.*)
            insert into asset_changes (asset_id, collection, operation, changed_by, changed_at, version, before, after)
            select t.id, $2, 'import', $3, $4, t.version, b.f, {feature} from upd t join before b on b.id = t.id
            """;
    }

    public static string DropStaging(long runId) => $"drop table if exists {Staging(runId)}, {Districts(runId)}";

    /// <summary>The numbers of the run's refused rows, in file order (<c>$1</c> the run).</summary>
    public const string RefusedRowNumbers = "select distinct row_number from import_refusals where run_id = $1 order by 1";

    /// <summary>Binary COPY of the refused rows' source values (text, in the file's field order) and WKT.</summary>
    public const string CopyRefusedRows = "copy import_refused_rows (run_id, row_number, source_values, wkt) from stdin (format binary)";

    /// <summary>The run's refusals in file order with the refused rows' source values and WKT, for the refused-rows
    /// file (<c>$1</c> the run).</summary>
    public const string RefusalsInOrder = """
        select f.row_number, f.field, f.reason_en, f.reason_zh, r.source_values, r.wkt
        from import_refusals f
        left join import_refused_rows r on r.run_id = f.run_id and r.row_number = f.row_number
        where f.run_id = $1
        order by f.row_number, f.field
        """;
}
