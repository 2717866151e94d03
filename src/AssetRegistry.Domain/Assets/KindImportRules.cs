namespace AssetRegistry.Domain.Assets;

/// <summary>
/// A kind's own write rules (<see cref="AssetKind.PrepareAsync"/>) in set-based form, for imports that validate
/// and merge a whole file in SQL. Expressions are SQL over the import staging row, whose WGS 84 geometry is the
/// column <c>s.import_geometry</c> and whose attribute values are columns of <c>s</c> named as the attributes; they come from
/// the kind's code, never from a request.
/// </summary>
/// <param name="Derived">Attribute name → SQL expression giving its value (e.g. a geodesic area in m²).</param>
/// <param name="Checks">Row refusals: the field, a SQL condition true for a refused row, and SQL expressions for
/// the English and Chinese reason. <c>$2</c> inside them is <see cref="Persistence.RegistryRules.SewerEndToleranceMetres"/>.</param>
public sealed record KindImportRules(
    IReadOnlyDictionary<string, string> Derived,
    IReadOnlyList<KindImportCheck> Checks)
{
    /// <summary>No derived values and no checks beyond the common ones.</summary>
    public static readonly KindImportRules None = new(new Dictionary<string, string>(), []);
}

/// <summary>One set-based refusal rule; see <see cref="KindImportRules"/>.</summary>
public sealed record KindImportCheck(string Field, string RefusedWhen, string ReasonEn, string ReasonZh);
