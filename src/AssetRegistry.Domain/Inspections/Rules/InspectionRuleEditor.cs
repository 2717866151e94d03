using System.Text.Json;
using System.Text.RegularExpressions;
using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using AssetRegistry.Domain.Inspections.Results;
using AssetRegistry.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AssetRegistry.Domain.Inspections.Rules;

/// <summary>A rule as the API shows it and as a <c>PUT</c> or <c>POST</c> sends it (the same names).</summary>
public sealed record InspectionRuleView(int Id, string Code, string Collection, string InspectionType, string? FilterAttribute, string[]? FilterValues,
    string? LastDoneAttribute, int IntervalDays, int? SeasonStartMonth, int? SeasonEndMonth, string Checklist, bool ConfinedSpace,
    string TitleZh, string TitleEn, string Source, string Verification, bool Active, int Version)
{
    /// <summary>The view of an entity.</summary>
    public static InspectionRuleView Of(InspectionRule r) => new(r.Id, r.Code, r.Collection, r.InspectionType, r.FilterAttribute, r.FilterValues,
        r.LastDoneAttribute, r.IntervalDays, r.SeasonStartMonth, r.SeasonEndMonth, r.Checklist, r.ConfinedSpace, r.TitleZh, r.TitleEn, r.Source,
        r.Verification, r.Active, r.Version);
}

/// <summary>
/// The admin's rules editor. Every rule is checked before it is stored, so the scheduler never meets a rule it must
/// skip: the collection is a kind, the filter and last-done attributes are the kind's (last-done a date), the interval
/// 1–36500 days, the season months 1–12 (both or neither), the checklist known and fit for the kind, the verification
/// one of the DOMAIN.md tags and the source given. Edits need the rule's version (optimistic concurrency).
/// </summary>
public sealed partial class InspectionRuleEditor(RegistryDbContext db)
{
    /// <summary>The DOMAIN.md tags a rule's numbers may carry.</summary>
    public static readonly IReadOnlyList<string> Verifications = ["verified", "partly_verified", "unverified"];

    private static readonly string[] Fields =
    [
        "id", "code", "collection", "inspectionType", "filterAttribute", "filterValues", "lastDoneAttribute", "intervalDays", "seasonStartMonth",
        "seasonEndMonth", "checklist", "confinedSpace", "titleZh", "titleEn", "source", "verification", "active", "version",
    ];

    /// <summary>Every rule, by code.</summary>
    public async Task<IReadOnlyList<InspectionRuleView>> ListAsync(CancellationToken ct) =>
        (await db.Set<InspectionRule>().AsNoTracking().OrderBy(r => r.Code).ToListAsync(ct)).Select(InspectionRuleView.Of).ToList();

    /// <summary>One rule; 404 when there is none.</summary>
    public async Task<InspectionRuleView> GetAsync(int id, CancellationToken ct) =>
        InspectionRuleView.Of(await db.Set<InspectionRule>().AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, ct)
                              ?? throw new NotFoundException($"There is no inspection rule {id}."));

    /// <summary>Adds a rule; its code must be new (409 otherwise).</summary>
    public async Task<InspectionRuleView> CreateAsync(JsonDocument body, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var code = ReadCode(body.RootElement, errors);
        var rule = new InspectionRule { Code = code ?? "" };
        Apply(rule, body.RootElement, errors);
        errors.ThrowIfAny();
        if (await db.Set<InspectionRule>().AnyAsync(r => r.Code == code, ct))
            throw new ConflictException("code", $"A rule with code {code} already exists.");
        rule.Version = 1;
        db.Add(rule);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("code", $"A rule with code {code} already exists.");
        }
        return InspectionRuleView.Of(rule);
    }

    /// <summary>Replaces a rule's settings (the code stays); 404, 412 on a stale version, 400 with field errors.</summary>
    public async Task<InspectionRuleView> ReplaceAsync(int id, JsonDocument body, VersionPrecondition precondition, CancellationToken ct)
    {
        var rule = await db.Set<InspectionRule>().SingleOrDefaultAsync(r => r.Id == id, ct)
                   ?? throw new NotFoundException($"There is no inspection rule {id}.");
        precondition.Check(id, rule.Version);
        var errors = new ValidationErrors();
        if (body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("code", out var c) &&
            c.ValueKind == JsonValueKind.String && c.GetString() != rule.Code)
            errors.Add("code", "A rule's code cannot change; add a new rule instead.");
        Apply(rule, body.RootElement, errors);
        errors.ThrowIfAny();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new StaleVersionException(id, -1);
        }
        return InspectionRuleView.Of(rule);
    }

    private static string? ReadCode(JsonElement root, ValidationErrors errors)
    {
        var code = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        if (code is null || code.Length > 100 || !CodePattern().IsMatch(code))
            errors.Add("code", "code is required: lower-case words joined by dots or underscores, e.g. bridges.routine_patrol.grade_1 (at most 100 characters).");
        return code;
    }

    /// <summary>Reads and checks every field, then revises the rule when nothing was wrong.</summary>
    private static void Apply(InspectionRule rule, JsonElement root, ValidationErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add("body", "Send the rule as a JSON object.");
            return;
        }
        foreach (var p in root.EnumerateObject().Where(p => !Fields.Contains(p.Name)))
            errors.Add(p.Name, $"{p.Name} is not a rule field; expected {string.Join(", ", Fields.Skip(1).SkipLast(1))}.");

        var collection = Text(root, "collection", errors, required: true);
        var kind = collection is null ? null : AssetKinds.Find(collection);
        if (collection is not null && kind is null)
            errors.Add("collection", $"Unknown collection '{collection}'; use one of {string.Join(", ", AssetKinds.All.Select(k => k.CollectionId))}.");
        var inspectionType = Text(root, "inspectionType", errors, required: true);
        if (inspectionType is not null && !InspectionTypes.All.Contains(inspectionType))
            errors.Add("inspectionType", $"inspectionType must be one of {string.Join(", ", InspectionTypes.All)}.");

        var filterAttribute = Text(root, "filterAttribute", errors, required: false);
        var filterValues = Strings(root, "filterValues", errors);
        if (filterAttribute is not null && kind is not null && kind.FindAttribute(filterAttribute) is null)
            errors.Add("filterAttribute", $"{kind.CollectionId} has no attribute '{filterAttribute}'.");
        if (filterAttribute is not null && filterValues is not { Length: > 0 })
            errors.Add("filterValues", "A filter needs at least one value (\"\" matches an empty value).");
        if (filterAttribute is null && filterValues is not null)
            errors.Add("filterValues", "filterValues needs a filterAttribute.");

        var lastDone = Text(root, "lastDoneAttribute", errors, required: false);
        if (lastDone is not null && kind is not null && kind.FindAttribute(lastDone) is not { Type: AttributeType.Date })
            errors.Add("lastDoneAttribute", $"{kind.CollectionId} has no date attribute '{lastDone}'.");

        var interval = Integer(root, "intervalDays", errors, 1, 36500, required: true);
        var seasonStart = Integer(root, "seasonStartMonth", errors, 1, 12, required: false);
        var seasonEnd = Integer(root, "seasonEndMonth", errors, 1, 12, required: false);
        if ((seasonStart is null) != (seasonEnd is null))
            errors.Add(seasonStart is null ? "seasonStartMonth" : "seasonEndMonth", "Give both season months (1–12) or neither.");

        var checklist = Text(root, "checklist", errors, required: true);
        var definition = checklist is null ? null : ChecklistCatalogue.Find(checklist);
        if (checklist is not null && definition is null)
            errors.Add("checklist", $"Unknown checklist '{checklist}'; use one of {string.Join(", ", ChecklistCatalogue.All.Select(c => c.Id))}.");
        else if (definition is not null && kind is not null && !ChecklistCatalogue.AppliesTo(definition, kind.CollectionId))
            errors.Add("checklist", $"Checklist {definition.Id} is for {definition.Collection}, not {kind.CollectionId}.");

        var confined = Flag(root, "confinedSpace", errors) ?? false;
        var titleZh = Text(root, "titleZh", errors, required: true);
        var titleEn = Text(root, "titleEn", errors, required: true);
        var source = Text(root, "source", errors, required: true);
        var verification = Text(root, "verification", errors, required: true);
        if (verification is not null && !Verifications.Contains(verification))
            errors.Add("verification", $"verification must be one of {string.Join(", ", Verifications)}.");
        var active = Flag(root, "active", errors) ?? true;
        if (errors.Any) return;

        rule.Revise(collection!, inspectionType!, filterAttribute, filterValues, lastDone, interval!.Value, seasonStart, seasonEnd, checklist!, confined,
            titleZh!, titleEn!, source!, verification!, active);
    }

    private static string? Text(JsonElement root, string name, ValidationErrors errors, bool required)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(name, $"{name} is required.");
            return null;
        }
        if (v.ValueKind != JsonValueKind.String) { errors.Add(name, $"{name} must be text."); return null; }
        var s = v.GetString()!.Trim();
        if (s.Length == 0) { if (required) errors.Add(name, $"{name} is required."); return null; }
        return s;
    }

    private static int? Integer(JsonElement root, string name, ValidationErrors errors, int min, int max, bool required)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
        {
            if (required) errors.Add(name, $"{name} is required ({min}–{max}).");
            return null;
        }
        if (v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i >= min && i <= max) return i;
        errors.Add(name, $"{name} must be a whole number from {min} to {max}.");
        return null;
    }

    private static bool? Flag(JsonElement root, string name, ValidationErrors errors)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind is JsonValueKind.True or JsonValueKind.False) return v.GetBoolean();
        errors.Add(name, $"{name} must be true or false.");
        return null;
    }

    private static string[]? Strings(JsonElement root, string name, ValidationErrors errors)
    {
        if (!root.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        if (v.ValueKind == JsonValueKind.Array && v.EnumerateArray().All(e => e.ValueKind == JsonValueKind.String))
            return v.EnumerateArray().Select(e => e.GetString()!).ToArray();
        errors.Add(name, $"{name} must be an array of text values.");
        return null;
    }

    [GeneratedRegex("^[a-z0-9_]+(\\.[a-z0-9_]+)*$")]
    private static partial Regex CodePattern();
}
