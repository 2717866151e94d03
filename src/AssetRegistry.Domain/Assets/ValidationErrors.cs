namespace AssetRegistry.Domain.Assets;

/// <summary>Field-level errors collected while validating a request; empty means valid.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public bool Any => _errors.Count > 0;

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

    /// <summary>Throws <see cref="AssetValidationException"/> when any error was collected.</summary>
    public void ThrowIfAny()
    {
        if (Any) throw new AssetValidationException(this);
    }
}

/// <summary>A request that breaks a rule: maps to 400 with field errors.</summary>
public sealed class AssetValidationException(ValidationErrors errors) : Exception("The request is not valid.")
{
    public ValidationErrors Errors { get; } = errors;
}

/// <summary>The named collection or feature does not exist: 404.</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The write's If-Match names an older version: 412.</summary>
public sealed class StaleVersionException(long id, int currentVersion) : Exception("The feature was changed by someone else.")
{
    public long Id { get; } = id;
    public int CurrentVersion { get; } = currentVersion;
}

/// <summary>The write conflicts with existing data (duplicate code, referenced asset): 409.</summary>
public sealed class ConflictException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
