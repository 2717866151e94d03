namespace AssetRegistry.Domain.Assets;

/// <summary>Lifecycle states every asset shares, stored as these codes.</summary>
public static class AssetStatus
{
    public const string Planned = "planned";
    public const string InService = "in_service";
    public const string Retired = "retired";

    /// <summary>All codes, in lifecycle order.</summary>
    public static readonly IReadOnlyList<string> All = [Planned, InService, Retired];
}

/// <summary>
/// Overall condition every asset shares. Kind-specific grades (bridge A–E, sewer Ⅰ–Ⅳ) are attributes of their
/// kind; this is the common denominator used by cross-kind views and statistics.
/// </summary>
public static class AssetCondition
{
    public const string Unknown = "unknown";
    public const string Good = "good";
    public const string Fair = "fair";
    public const string Poor = "poor";
    public const string Critical = "critical";

    /// <summary>All codes, from unknown then best to worst.</summary>
    public static readonly IReadOnlyList<string> All = [Unknown, Good, Fair, Poor, Critical];
}

/// <summary>
/// The fields every asset kind has. Not an EF entity itself: each kind is its own table (typed geometry column,
/// its own GiST index) and ids come from one shared sequence, so an id names one asset across all kinds.
/// </summary>
public abstract class Asset
{
    /// <summary>Unique across every kind (shared sequence <c>asset_id_seq</c>).</summary>
    public long Id { get; internal set; }

    /// <summary>Human code such as <c>MH-350503-000123</c>: kind prefix, district adcode, number. Unique per kind,
    /// and across kinds through the prefix.</summary>
    public string Code { get; internal set; } = "";

    public string? Name { get; internal set; }

    /// <summary>Adcode of the district holding the geometry's point on surface; derived, never sent.</summary>
    public string District { get; internal set; } = "";

    public string Status { get; internal set; } = AssetStatus.InService;

    public string Condition { get; internal set; } = AssetCondition.Unknown;

    public DateOnly? InstallDate { get; internal set; }

    public string? Owner { get; internal set; }

    /// <summary>WGS 84 longitude/latitude (SRID 4326). The column is typed per kind.</summary>
    public NetTopologySuite.Geometries.Geometry Geometry { get; internal set; } = null!;

    public string CreatedBy { get; internal set; } = "";
    public DateTimeOffset CreatedAt { get; internal set; }
    public string UpdatedBy { get; internal set; } = "";
    public DateTimeOffset UpdatedAt { get; internal set; }

    /// <summary>Optimistic concurrency token: 1 on create, +1 on every write. The ETag is derived from it.</summary>
    public int Version { get; internal set; }

    /// <summary>Stamps a new asset with its creator.</summary>
    internal void MarkCreated(string user, DateTimeOffset at)
    {
        CreatedBy = UpdatedBy = user;
        CreatedAt = UpdatedAt = at;
        Version = 1;
    }

    /// <summary>Stamps a change, moving the version on so stale writers get 412.</summary>
    internal void MarkUpdated(string user, DateTimeOffset at)
    {
        UpdatedBy = user;
        UpdatedAt = at;
        Version++;
    }
}
