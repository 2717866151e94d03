using System.Text.Json;
using NpgsqlTypes;

namespace AssetRegistry.Domain.History;

/// <summary>One recorded write to an asset: who, when, what, and the feature before and after. A bulk import's new
/// assets share one row that names them all in <see cref="AssetIds"/>.</summary>
public sealed class AssetChange
{
    public long Id { get; internal set; }
    /// <summary>The asset changed; null on a bulk import's row for the assets it inserted (<see cref="AssetIds"/>).</summary>
    public long? AssetId { get; internal set; }
    /// <summary>The assets a bulk import inserted, as ranges of ids (int8multirange; one range when nothing else took
    /// ids meanwhile); null on every other row. See <c>ImportSql.InsertHistory</c>.</summary>
    public NpgsqlRange<long>[]? AssetIds { get; internal set; }
    public string Collection { get; internal set; } = "";
    /// <summary>create, replace, update, delete, import (or an inspection result's own operation).</summary>
    public string Operation { get; internal set; } = "";
    public string ChangedBy { get; internal set; } = "";
    public DateTimeOffset ChangedAt { get; internal set; }
    /// <summary>The version the asset has after the change (for a delete: the version deleted).</summary>
    public int Version { get; internal set; }
    /// <summary>GeoJSON feature before the change; null for a create.</summary>
    public JsonDocument? Before { get; internal set; }
    /// <summary>GeoJSON feature after the change; null for a delete, and for an asset inserted by an import, whose
    /// state as imported is the next change's <see cref="Before"/> (or the asset itself): see <c>AssetHistory</c>.</summary>
    public JsonDocument? After { get; internal set; }

    internal AssetChange() { }

    public AssetChange(long assetId, string collection, string operation, string changedBy, DateTimeOffset changedAt,
        int version, JsonDocument? before, JsonDocument? after)
    {
        AssetId = assetId;
        Collection = collection;
        Operation = operation;
        ChangedBy = changedBy;
        ChangedAt = changedAt;
        Version = version;
        Before = before;
        After = after;
    }
}
