using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AssetRegistry.Domain.Inspections.Results;

/// <summary>An alert as the API shows it.</summary>
public sealed record AlertView(long Id, long AssetId, string Collection, long? TaskId, string Kind, string Message, DateTimeOffset RaisedAt,
    DateTimeOffset? AcknowledgedAt, string? AcknowledgedBy)
{
    /// <summary>The view of an entity.</summary>
    public static AlertView Of(Alert a) => new(a.Id, a.AssetId, a.Collection, a.TaskId, a.Kind, a.Message, a.RaisedAt, a.AcknowledgedAt, a.AcknowledgedBy);
}

/// <summary>The alerts admins must see: a bridge found D or E, a missing cover. Raised by <see cref="InspectionResultRecorder"/>.</summary>
public sealed class AlertBoard(RegistryDbContext db, TimeProvider clock)
{
    /// <summary>Alerts nobody has acknowledged, newest first.</summary>
    public async Task<IReadOnlyList<AlertView>> UnacknowledgedAsync(CancellationToken ct) =>
        (await db.Set<Alert>().AsNoTracking().Where(a => a.AcknowledgedAt == null).OrderByDescending(a => a.Id).ToListAsync(ct))
        .Select(AlertView.Of).ToList();

    /// <summary>Marks an alert seen by <paramref name="user"/>. Acknowledging twice keeps the first acknowledgement.</summary>
    public async Task<AlertView> AcknowledgeAsync(long id, string user, CancellationToken ct)
    {
        var alert = await db.Set<Alert>().SingleOrDefaultAsync(a => a.Id == id, ct) ?? throw new NotFoundException($"There is no alert {id}.");
        if (alert.AcknowledgedAt is null)
        {
            alert.AcknowledgedAt = clock.GetUtcNow();
            alert.AcknowledgedBy = user;
            await db.SaveChangesAsync(ct);
        }
        return AlertView.Of(alert);
    }
}
