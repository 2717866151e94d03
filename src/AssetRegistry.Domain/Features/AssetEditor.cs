using System.Text.Json;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.History;
using AssetRegistry.Domain.Persistence;
using AssetRegistry.Domain.Spatial;
using AssetRegistry.Domain.Tiles;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AssetRegistry.Domain.Features;

/// <summary>What a write expects of the stored feature: a version from an ETag, or any version (<c>If-Match: *</c>).</summary>
public readonly record struct VersionPrecondition(int? ExpectedVersion)
{
    public static readonly VersionPrecondition Any = new(null);

    /// <summary>Throws <see cref="StaleVersionException"/> when the stored version is not the expected one.</summary>
    public void Check(long id, int current)
    {
        if (ExpectedVersion is { } v && v != current) throw new StaleVersionException(id, current);
    }
}

/// <summary>The stored feature after a write, as GeoJSON text, with its new version.</summary>
public sealed record WriteResult(long Id, int Version, string FeatureJson, IReadOnlyList<WriteWarning> Warnings);

/// <summary>
/// Creates, replaces, patches and deletes assets of any kind. Each write is one transaction that validates
/// everything first (attributes, geometry, district, kind rules), writes the row with an optimistic version
/// check, and records who changed what with the feature before and after. A refused write changes nothing.
/// </summary>
public sealed class AssetEditor(RegistryDbContext db, RegistryRules rules, TimeProvider clock)
{
    private readonly SpatialMeasures _measures = new(db);
    private IReadOnlyList<WriteWarning> _warnings = [];

    /// <summary>Creates a feature from a GeoJSON Feature body; the code is generated when the body has none.</summary>
    public async Task<WriteResult> CreateAsync(AssetKind kind, JsonDocument document, string user, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var body = FeatureBody.Parse(kind, document, isPatch: false, errors);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var asset = kind.NewEntity();
        await ApplyAsync(kind, asset, body, requireAll: true, errors, ct);
        asset.Id = await db.Database.SqlQuery<long>($"select nextval('asset_id_seq') as \"Value\"").SingleAsync(ct);
        if (!body.Values.Keys.Any(a => a.Name == "code"))
            asset.Code = $"{kind.CodePrefix}-{asset.District}-{asset.Id:D6}";
        await RequireUniqueCodeAsync(kind, asset, ct);
        asset.MarkCreated(user, clock.GetUtcNow());
        db.Add(asset);
        await SaveAsync(ct);
        return await RecordAsync(kind, asset, "create", before: null, user, tx, ct);
    }

    /// <summary>Replaces every writable attribute and the geometry (PUT). Attributes the body leaves out return
    /// to their defaults; the code is kept when the body has none.</summary>
    public Task<WriteResult> ReplaceAsync(AssetKind kind, long id, JsonDocument document, VersionPrecondition precondition, string user, CancellationToken ct) =>
        UpdateAsync(kind, id, document, precondition, user, isPatch: false, ct);

    /// <summary>Merges the body into the feature (PATCH, RFC 7396): given properties are set, null clears,
    /// absent ones stay; a geometry replaces the geometry.</summary>
    public Task<WriteResult> PatchAsync(AssetKind kind, long id, JsonDocument document, VersionPrecondition precondition, string user, CancellationToken ct) =>
        UpdateAsync(kind, id, document, precondition, user, isPatch: true, ct);

    /// <summary>Deletes a feature; its history stays. Refused (409) while other assets reference it.</summary>
    public async Task DeleteAsync(AssetKind kind, long id, VersionPrecondition precondition, string user, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var asset = await LoadAsync(kind, id, ct);
        precondition.Check(id, asset.Version);
        await RequireUnreferencedAsync(kind, id, ct);
        var before = await ReadFeatureAsync(kind, id, ct);
        db.Remove(asset);
        await SaveAsync(ct);
        db.AssetChanges.Add(new AssetChange(id, kind.CollectionId, "delete", user, clock.GetUtcNow(), asset.Version,
            JsonDocument.Parse(before), null));
        await db.SaveChangesAsync(ct);
        await CollectionVersions.BumpAsync((NpgsqlConnection)db.Database.GetDbConnection(), [kind.CollectionId], ct);
        await tx.CommitAsync(ct);
    }

    private async Task<WriteResult> UpdateAsync(AssetKind kind, long id, JsonDocument document, VersionPrecondition precondition,
        string user, bool isPatch, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var asset = await LoadAsync(kind, id, ct);
        precondition.Check(id, asset.Version);
        var errors = new ValidationErrors();
        var body = FeatureBody.Parse(kind, document, isPatch, errors);
        var before = await ReadFeatureAsync(kind, id, ct);
        if (!isPatch) ResetWritableAttributes(kind, asset);
        await ApplyAsync(kind, asset, body, requireAll: !isPatch, errors, ct);
        await RequireUniqueCodeAsync(kind, asset, ct);
        asset.MarkUpdated(user, clock.GetUtcNow());
        await SaveAsync(ct);
        return await RecordAsync(kind, asset, isPatch ? "update" : "replace", before, user, tx, ct);
    }

    /// <summary>Sets values and geometry, then checks the geometry, derives the district, runs the kind's rules
    /// and throws <see cref="AssetValidationException"/> with every problem found.</summary>
    private async Task ApplyAsync(AssetKind kind, Asset asset, FeatureBody body, bool requireAll, ValidationErrors errors, CancellationToken ct)
    {
        foreach (var (attribute, value) in body.Values) attribute.SetValue(asset, value);
        if (requireAll)
        {
            foreach (var a in kind.Attributes.Where(a => a.Required && !body.Values.ContainsKey(a) && !errors.Has(a.Name)).ToList())
                errors.Add(a.Name, new LocalizedText($"{a.Name} is required.", $"{a.TitleZh}为必填项。"));
        }
        if (body.Geometry is { } g)
        {
            var problem = GeometryChecks.FindLocalizedProblem(g, kind.GeometryTypes);
            if (problem is not null) errors.Add("geometry", problem);
            else asset.Geometry = g;
        }
        if (asset.Geometry is not null && !errors.Has("geometry"))
        {
            var district = await _measures.DistrictOfAsync(asset.Geometry, ct);
            if (district is null)
                errors.Add("geometry", new LocalizedText("The geometry is not inside the city's service area (the districts of Quanzhou).",
                    "几何图形不在本市服务范围（泉州市各区县）内。"));
            else
            {
                asset.District = district;
                var context = new AssetWriteContext(db, _measures, rules);
                if (!errors.Any) await kind.PrepareAsync(asset, context, errors, ct);
                _warnings = context.Warnings;
            }
        }
        errors.ThrowIfAny();
    }

    private static void ResetWritableAttributes(AssetKind kind, Asset asset)
    {
        var defaults = kind.NewEntity();
        foreach (var a in kind.Attributes.Where(a => !a.ReadOnly && a.Name != "code"))
            a.SetValue(asset, a.GetValue(defaults));
    }

    private async Task RequireUniqueCodeAsync(AssetKind kind, Asset asset, CancellationToken ct)
    {
        // The table name comes from the kind (an allow-list); the values are parameters.
        var sql = "select id as \"Value\" from " + FeatureSql.Quote(kind.Table) + " where code = {0} and id <> {1}";
        var taken = await db.Database
            .SqlQueryRaw<long>(sql, asset.Code, asset.Id)
            .ToListAsync(ct);
        if (taken.Count > 0) throw new ConflictException("code", $"The code {asset.Code} is already used by feature {taken[0]}.");
    }

    /// <summary>Refuses to delete an asset that other assets name in a reference attribute (a manhole that
    /// sewer segments join), saying which and how many. The foreign keys remain the last word on races.</summary>
    private async Task RequireUnreferencedAsync(AssetKind kind, long id, CancellationToken ct)
    {
        foreach (var other in AssetKinds.All)
            foreach (var a in other.Attributes.Where(a => a.Type == AttributeType.Reference && a.ReferencedCollection == kind.CollectionId))
            {
                // Table and column come from the kinds' definitions (an allow-list); the id is a parameter.
                var sql = "select count(*) as \"Value\" from " + FeatureSql.Quote(other.Table) + " where " + FeatureSql.Quote(a.Name) + " = {0}";
                var count = await db.Database.SqlQueryRaw<long>(sql, id).SingleAsync(ct);
                if (count > 0)
                    throw new ConflictException("id",
                        $"Feature {id} is still referenced by {count} {other.CollectionId} ({a.Name}); change or delete those first.");
            }
    }

    private async Task<Asset> LoadAsync(AssetKind kind, long id, CancellationToken ct) =>
        (Asset?)await db.FindAsync(kind.EntityType, [id], ct)
        ?? throw new NotFoundException($"There is no feature {id} in {kind.CollectionId}.");

    private async Task<string> ReadFeatureAsync(AssetKind kind, long id, CancellationToken ct)
    {
        var conn = (NpgsqlConnection)db.Database.GetDbConnection();
        var row = await FeatureReader.ReadOneAsync(conn, kind, id, ct);
        return row?.Json ?? throw new NotFoundException($"There is no feature {id} in {kind.CollectionId}.");
    }

    private async Task<WriteResult> RecordAsync(AssetKind kind, Asset asset, string operation, string? before, string user,
        Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction tx, CancellationToken ct)
    {
        var after = await ReadFeatureAsync(kind, asset.Id, ct);
        db.AssetChanges.Add(new AssetChange(asset.Id, kind.CollectionId, operation, user, asset.UpdatedAt, asset.Version,
            before is null ? null : JsonDocument.Parse(before), JsonDocument.Parse(after)));
        await db.SaveChangesAsync(ct);
        await CollectionVersions.BumpAsync((NpgsqlConnection)db.Database.GetDbConnection(), [kind.CollectionId], ct);
        await tx.CommitAsync(ct);
        return new WriteResult(asset.Id, asset.Version, after, _warnings);
    }

    private async Task SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            var entry = db.ChangeTracker.Entries<Asset>().First();
            throw new StaleVersionException(entry.Entity.Id, -1);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("code", "The code is already used by another feature.");
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.ForeignKeyViolation } pe)
        {
            var referencing = AssetKinds.All.FirstOrDefault(k => pe.ConstraintName?.StartsWith("FK_" + k.Table + "_", StringComparison.Ordinal) == true);
            throw new ConflictException("id", referencing is null
                ? "The feature is still referenced by other assets; change or delete those first."
                : $"The feature is still referenced by {referencing.CollectionId}; change or delete those first.");
        }
    }
}
