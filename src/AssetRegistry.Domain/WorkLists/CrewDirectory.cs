using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace AssetRegistry.Domain.WorkLists;

/// <summary>A crew as sent by a client, before validation; null means the field was not sent.</summary>
public sealed record CrewDraft(string? Name, IReadOnlyList<string>? Districts, int? CapacityPerDay, IReadOnlyList<string>? Members);

/// <summary>A crew as the API shows it: districts are adcodes, <c>CapacityPerDay</c> the most tasks on the crew's
/// lists in one day, members the user names who see the crew's lists.</summary>
public sealed record CrewView(int Id, string Name, IReadOnlyList<string> Districts, int CapacityPerDay, IReadOnlyList<string> Members);

/// <summary>Inspection crews (巡查班组): creating them with their districts and daily capacity, listing them.</summary>
public sealed class CrewDirectory(RegistryDbContext db)
{
    /// <summary>Fewest and most tasks a crew can take in a day (the table's check constraint says the same).</summary>
    public const int MinCapacity = 1, MaxCapacity = 1000;

    /// <summary>Longest crew or member name, characters.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Every crew, by name.</summary>
    public async Task<IReadOnlyList<CrewView>> ListAsync(CancellationToken ct) =>
        (await db.Set<Crew>().AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct)).Select(View).ToList();

    /// <summary>The crew <paramref name="id"/>.</summary>
    /// <exception cref="NotFoundException">There is no such crew.</exception>
    public async Task<CrewView> ReadAsync(int id, CancellationToken ct) =>
        View(await db.Set<Crew>().AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct) ?? throw new NotFoundException($"There is no crew {id}."));

    /// <summary>Validates and stores a crew. Name required (trimmed, at most 100 characters), districts at least one
    /// adcode of the <c>districts</c> table (duplicates removed), capacity 1–1000, members user names (optional).</summary>
    /// <exception cref="AssetValidationException">Field errors: name, districts, capacityPerDay, members.</exception>
    /// <exception cref="ConflictException">A crew of that name exists.</exception>
    public async Task<CrewView> CreateAsync(CrewDraft draft, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var name = draft.Name?.Trim() ?? "";
        if (name.Length == 0) errors.Add("name", "name is required.");
        else if (name.Length > MaxNameLength) errors.Add("name", $"name must be at most {MaxNameLength} characters.");

        var districts = (draft.Districts ?? []).Select(d => d.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        if (districts.Length == 0) errors.Add("districts", "districts must list at least one district adcode.");
        else
        {
            var known = await db.Districts.Where(d => districts.Contains(d.Adcode)).Select(d => d.Adcode).ToListAsync(ct);
            var unknown = districts.Except(known, StringComparer.Ordinal).ToList();
            if (unknown.Count > 0) errors.Add("districts", $"Unknown district adcode(s): {string.Join(", ", unknown)}.");
        }

        if (draft.CapacityPerDay is not { } capacity) errors.Add("capacityPerDay", "capacityPerDay is required.");
        else if (capacity is < MinCapacity or > MaxCapacity)
            errors.Add("capacityPerDay", $"capacityPerDay must be a whole number from {MinCapacity} to {MaxCapacity}.");

        var members = (draft.Members ?? []).Select(m => m.Trim()).Distinct(StringComparer.Ordinal).ToArray();
        if (members.Any(m => m.Length == 0 || m.Length > MaxNameLength))
            errors.Add("members", $"Every member must be a user name of 1 to {MaxNameLength} characters.");
        errors.ThrowIfAny();

        if (await db.Set<Crew>().AnyAsync(c => c.Name == name, ct))
            throw new ConflictException("name", $"A crew named '{name}' exists.");
        var crew = new Crew(name, districts, draft.CapacityPerDay!.Value, members);
        db.Add(crew);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new ConflictException("name", $"A crew named '{name}' exists.");
        }
        return View(crew);
    }

    private static CrewView View(Crew c) => new(c.Id, c.Name, c.Districts, c.CapacityPerDay, c.Members);
}
