using AssetRegistry.Domain.Assets;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// Refusals of an uploaded file as a whole (not of one row): a 400 with the field <see cref="Field"/> and a
/// bilingual reason. The readers throw these before any row is read, so nothing is written.
/// </summary>
internal static class ImportFileErrors
{
    /// <summary>The form field the upload arrives in.</summary>
    public const string Field = "file";

    /// <summary>The exception to throw for a file refused for <paramref name="en"/> / <paramref name="zh"/>.</summary>
    public static AssetValidationException Refuse(string en, string zh)
    {
        var errors = new ValidationErrors();
        errors.Add(Field, new LocalizedText(en, zh));
        return new AssetValidationException(errors);
    }
}
