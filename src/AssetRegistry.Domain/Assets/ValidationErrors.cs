namespace AssetRegistry.Domain.Assets;

/// <summary>A message in English and Simplified Chinese; the API answers in the language the client asks for.</summary>
public sealed record LocalizedText(string En, string Zh)
{
    /// <summary>The text in Chinese when <paramref name="chinese"/>, otherwise in English.</summary>
    public string In(bool chinese) => chinese ? Zh : En;

    public override string ToString() => En;
}

/// <summary>Field-level errors collected while validating a request; empty means valid.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<LocalizedText>> _errors = new(StringComparer.Ordinal);

    /// <summary>Adds a message that has no translation yet (shown as is in both languages).</summary>
    public void Add(string field, string message) => Add(field, new LocalizedText(message, message));

    public void Add(string field, LocalizedText message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public bool Any => _errors.Count > 0;

    /// <summary>True when <paramref name="field"/> already has an error.</summary>
    public bool Has(string field) => _errors.ContainsKey(field);

    /// <summary>Field → messages in English.</summary>
    public IDictionary<string, string[]> ToDictionary() => ToDictionary(chinese: false);

    /// <summary>Field → messages in the chosen language.</summary>
    public IDictionary<string, string[]> ToDictionary(bool chinese) =>
        _errors.ToDictionary(e => e.Key, e => e.Value.Select(m => m.In(chinese)).ToArray());

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
