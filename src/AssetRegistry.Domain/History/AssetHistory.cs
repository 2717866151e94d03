using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Persistence;
using Npgsql;
using Microsoft.EntityFrameworkCore;

namespace AssetRegistry.Domain.History;

/// <summary>One property whose value a change altered (<c>geometry</c> stands for the geometry).</summary>
public sealed record PropertyChange(string Property, JsonElement? Before, JsonElement? After);

/// <summary>A recorded change with the list of what it altered, oldest first.</summary>
public sealed record AssetChangeView(long ChangeId, long AssetId, string Collection, string Operation, string ChangedBy,
    DateTimeOffset ChangedAt, int Version, IReadOnlyList<PropertyChange> Changes, JsonElement? Before, JsonElement? After);

/// <summary>Reads an asset's recorded changes, also after the asset was deleted.</summary>
public sealed class AssetHistory(RegistryDbContext db)
{
    /// <summary>Every change to the asset, oldest first; empty when none was ever recorded.</summary>
    public async Task<IReadOnlyList<AssetChangeView>> ForAssetAsync(long assetId, CancellationToken ct)
    {
        // The asset's own rows, and the row of the bulk import that inserted it (which names its assets by ranges).
        var rows = await db.AssetChanges.FromSql($"select * from asset_changes where asset_id = {assetId} or asset_ids @> {assetId}")
            .AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var views = new List<AssetChangeView>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var c = rows[i];
            var after = c.After?.RootElement.Clone();
            if (IsImportedInsert(c))
                after = i + 1 < rows.Count ? rows[i + 1].Before?.RootElement.Clone() : await CurrentAsync(c.Collection, assetId, ct);
            views.Add(new AssetChangeView(c.Id, assetId, c.Collection, c.Operation, c.ChangedBy, c.ChangedAt, c.Version,
                Diff(c.Before?.RootElement, after), c.Before?.RootElement.Clone(), after));
        }
        return views;
    }

    /// <summary>An asset a bulk import inserted: the import's one row for all the assets it inserted holds no copy of
    /// a feature (see <c>ImportSql.InsertHistory</c>), so the state it was imported with is the <c>before</c> of the
    /// next change, or the asset as it is now when nothing changed it since.</summary>
    private static bool IsImportedInsert(AssetChange c) => c.Operation == "import" && c.Before is null && c.After is null;

    private async Task<JsonElement?> CurrentAsync(string collection, long assetId, CancellationToken ct)
    {
        if (AssetKinds.Find(collection) is not { } kind) return null;
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var row = await FeatureReader.ReadOneAsync((NpgsqlConnection)db.Database.GetDbConnection(), kind, assetId, ct);
            return row is { } r ? JsonDocument.Parse(r.Json).RootElement.Clone() : null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Properties (and the geometry) that differ between two GeoJSON features; audit fields excluded.</summary>
    public static IReadOnlyList<PropertyChange> Diff(JsonElement? before, JsonElement? after)
    {
        static Dictionary<string, JsonElement> Props(JsonElement? f) =>
            f is { } e && e.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object
                ? p.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.Clone())
                : [];
        static JsonElement? Geom(JsonElement? f) => f is { } e && e.TryGetProperty("geometry", out var g) ? g.Clone() : null;

        var audit = new HashSet<string> { "created_by", "created_at", "updated_by", "updated_at", "version" };
        var b = Props(before);
        var a = Props(after);
        var changes = new List<PropertyChange>();
        var gb = Geom(before);
        var ga = Geom(after);
        if (gb?.GetRawText() != ga?.GetRawText()) changes.Add(new PropertyChange("geometry", gb, ga));
        foreach (var name in b.Keys.Union(a.Keys).Where(n => !audit.Contains(n)))
        {
            JsonElement? vb = b.TryGetValue(name, out var x) ? x : null;
            JsonElement? va = a.TryGetValue(name, out var y) ? y : null;
            if (vb?.GetRawText() != va?.GetRawText()) changes.Add(new PropertyChange(name, vb, va));
        }
        return changes;
    }
}
