using AssetRegistry.Domain.Persistence;
using NetTopologySuite.Geometries;

namespace AssetRegistry.Domain.Assets;

/// <summary>
/// Everything the generic registry machinery (API, validation, SQL, seed) needs to know about one asset kind.
/// Adding a kind means: an entity class deriving <see cref="Asset"/>, one subclass of this, an
/// <see cref="AssetConfiguration{T}"/>, and a migration. Nothing else enumerates kinds.
/// </summary>
public abstract class AssetKind
{
    /// <summary>OGC collection id and URL segment, e.g. <c>manholes</c>.</summary>
    public abstract string CollectionId { get; }

    /// <summary>Table name (the same as the collection id).</summary>
    public string Table => CollectionId;

    /// <summary>Prefix of generated codes, e.g. <c>MH</c>.</summary>
    public abstract string CodePrefix { get; }

    public abstract string TitleZh { get; }
    public abstract string TitleEn { get; }

    /// <summary>The geometry types accepted, as OGC names (Point, LineString, Polygon).</summary>
    public abstract IReadOnlyList<string> GeometryTypes { get; }

    /// <summary>PostGIS column type, e.g. <c>geometry(Point,4326)</c>.</summary>
    public abstract string ColumnType { get; }

    /// <summary>The entity type.</summary>
    public abstract Type EntityType { get; }

    /// <summary>Common attributes followed by the kind's own ones.</summary>
    public abstract IReadOnlyList<AttributeDefinition> Attributes { get; }

    /// <summary>A new, empty entity of this kind.</summary>
    public abstract Asset NewEntity();

    /// <summary>Names of the kind's own attributes that its vector-tile features carry for styling, after code,
    /// name, status and condition. Each must be one of <see cref="Attributes"/>.</summary>
    public virtual IReadOnlyList<string> TileAttributes => [];

    /// <summary>The lowest WebMercatorQuad zoom whose vector tiles hold this kind's features; tiles below it are
    /// empty. Dense kinds start at a street zoom so that a whole-city tile never carries hundreds of thousands of
    /// features; the map shows them where they can be told apart and edited.</summary>
    public virtual int TileMinZoom => 0;

    /// <summary>Kind-specific checks and derived values, run after attributes and geometry are set and before
    /// saving. Adds field errors to <paramref name="errors"/>; may query the database through
    /// <paramref name="ctx"/> (reference checks, metric lengths).</summary>
    public virtual Task PrepareAsync(Asset asset, AssetWriteContext ctx, ValidationErrors errors, CancellationToken ct) =>
        Task.CompletedTask;

    /// <summary>The kind's <see cref="PrepareAsync"/> rules in set-based form, used by imports. A kind that
    /// overrides <see cref="PrepareAsync"/> must override this too; null means the kind cannot be imported.</summary>
    public virtual KindImportRules? ImportRules => KindImportRules.None;

    /// <summary>Finds an attribute by its API name.</summary>
    public AttributeDefinition? FindAttribute(string name) =>
        Attributes.FirstOrDefault(a => a.Name == name);

    /// <summary>True when <paramref name="geometry"/> has one of the accepted types.</summary>
    public bool Accepts(Geometry geometry) => GeometryTypes.Contains(geometry.GeometryType);
}

/// <summary>Typed base for kinds: builds the attribute list once from the common and the kind's own schema.</summary>
public abstract class AssetKind<T> : AssetKind where T : Asset, new()
{
    private IReadOnlyList<AttributeDefinition>? _attributes;

    public sealed override Type EntityType => typeof(T);

    public sealed override Asset NewEntity() => new T();

    public sealed override IReadOnlyList<AttributeDefinition> Attributes =>
        _attributes ??= BuildAttributes();

    /// <summary>Declares the kind's own attributes.</summary>
    protected abstract void Describe(AttributeSchema<T> schema);

    private List<AttributeDefinition> BuildAttributes()
    {
        var common = new AttributeSchema<T>()
            .Text(a => a.Code, "编码", "Code", maxLength: 40)
            .Text(a => a.Name, "名称", "Name", maxLength: 200)
            .Derived(a => a.District, AttributeType.Text, "行政区", "District")
            .Enumeration(a => a.Status, "状态", "Status", AssetStatus.All)
            .Enumeration(a => a.Condition, "状况", "Condition", AssetCondition.All)
            .Date(a => a.InstallDate, "建设日期", "Install date")
            .Text(a => a.Owner, "权属单位", "Owner", maxLength: 200);
        var own = new AttributeSchema<T>();
        Describe(own);
        var audit = new AttributeSchema<T>()
            .Derived(a => a.CreatedBy, AttributeType.Text, "创建人", "Created by")
            .Derived(a => a.CreatedAt, AttributeType.Timestamp, "创建时间", "Created at")
            .Derived(a => a.UpdatedBy, AttributeType.Text, "修改人", "Updated by")
            .Derived(a => a.UpdatedAt, AttributeType.Timestamp, "修改时间", "Updated at")
            .Derived(a => a.Version, AttributeType.Integer, "版本", "Version");
        return [.. common.Items, .. own.Items, .. audit.Items];
    }
}

/// <summary>All registered kinds, found once by reflection over this assembly.</summary>
public static class AssetKinds
{
    /// <summary>Every kind, ordered by collection id.</summary>
    public static readonly IReadOnlyList<AssetKind> All = typeof(AssetKind).Assembly.GetTypes()
        .Where(t => t is { IsAbstract: false, IsClass: true } && t.IsSubclassOf(typeof(AssetKind)))
        .Select(t => (AssetKind)Activator.CreateInstance(t)!)
        .OrderBy(k => k.CollectionId, StringComparer.Ordinal)
        .ToList();

    /// <summary>The kind with this collection id, or null.</summary>
    public static AssetKind? Find(string collectionId) =>
        All.FirstOrDefault(k => k.CollectionId == collectionId);

    /// <summary>The kind of an entity type.</summary>
    public static AssetKind Of(Type entityType) => All.First(k => k.EntityType == entityType);
}
