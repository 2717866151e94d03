namespace AssetRegistry.Domain.Imports;

/// <summary>
/// How much an uploaded zip may unpack to, checked on the bytes actually inflated (the sizes a zip's headers
/// declare are only used to refuse early, never trusted). The defaults suit the registry's uploads: a city-wide
/// export of one collection is well under 1 GB unpacked, and a Shapefile part is itself limited to 2 GB.
/// </summary>
public sealed record ZipLimits
{
    /// <summary>The configuration section these limits bind from.</summary>
    public const string Section = "Imports:Zip";

    /// <summary>Most bytes all extracted entries together may unpack to: 2 GiB by default (one Shapefile
    /// component's own format limit), so a zip cannot fill the server's temporary disk.</summary>
    public long MaxTotalBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Most unpacked bytes per compressed byte for one entry: 500 by default. Real Shapefile parts
    /// compress 2–50 times (a DBF of wide, mostly blank text fields up to a few hundred); a deflate zip bomb
    /// reaches about 1,000.</summary>
    public double MaxCompressionRatio { get; init; } = 500;

    /// <summary>The ratio is only checked once an entry has unpacked this many bytes (1 MiB by default): small
    /// files of padding compress far better than any real data and are harmless.</summary>
    public long RatioCheckAfterBytes { get; init; } = 1024 * 1024;

    /// <summary>Most entries the zip may list (1,000 by default): a Shapefile zip holds a handful, and the
    /// central directory is read into memory.</summary>
    public int MaxEntries { get; init; } = 1000;
}
