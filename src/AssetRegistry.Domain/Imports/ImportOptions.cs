using AssetRegistry.Domain.Assets;

namespace AssetRegistry.Domain.Imports;

/// <summary>
/// What the person importing chose for one file: the CRS they declare (overrides the file's own), whether the
/// coordinates are GCJ-02 and need converting to WGS 84, the mapping of source fields to the kind's attributes
/// (null: automatic, see <see cref="FieldMapping"/>), and whether rows whose code exists update that asset.
/// Readers use <see cref="MaxVertices"/> to stop holding a geometry's coordinates once it has too many.
/// </summary>
public sealed record ImportOptions
{
    /// <summary>The declared source SRID (one of <see cref="Spatial.SupportedCrs.All"/>), or null to use the file's.</summary>
    public int? DeclaredSrid { get; init; }

    /// <summary>The longitude/latitude are GCJ-02 (AMap, Tencent) and are converted to WGS 84 before staging.</summary>
    public bool Gcj02 { get; init; }

    /// <summary>Source field → attribute name; null maps automatically.</summary>
    public IReadOnlyDictionary<string, string>? Mapping { get; init; }

    /// <summary>A row whose code is already stored updates that asset (version bumped, history recorded) instead
    /// of being refused as a duplicate.</summary>
    public bool MatchOnCode { get; init; }

    /// <summary>Most vertices one geometry may have; a reader stops keeping coordinates beyond it and reports
    /// the row, so a hostile million-vertex polygon costs no memory. See <see cref="ImportSettings.MaxVertices"/>.</summary>
    public int MaxVertices { get; init; } = ImportSettings.DefaultMaxVertices;

    /// <summary>Longest text field a reader keeps; see <see cref="ImportSettings.MaxFieldLength"/>.</summary>
    public int MaxFieldLength { get; init; } = ImportSettings.DefaultMaxFieldLength;

    /// <summary>How much a zipped Shapefile may unpack to; see <see cref="ImportSettings.Zip"/>.</summary>
    public ZipLimits Zip { get; init; } = new();

    /// <summary>Where readers unpack what they must (Shapefile parts); null: the system temp path.</summary>
    public string? TempRoot { get; init; }
}

/// <summary>
/// Limits and places for imports, bound from the <c>Imports</c> configuration section.
/// </summary>
public sealed class ImportSettings
{
    /// <summary>Default of <see cref="MaxVertices"/>: 50,000. Source: product rule for this issue — the largest
    /// real asset outline in the seed city (a park along the Jin river) has a few thousand vertices; ten times
    /// that still validates in milliseconds, a million does not and would make tiles of megabytes.</summary>
    public const int DefaultMaxVertices = 50_000;

    /// <summary>Directory the uploads are streamed to; empty means a directory under the system temp path.</summary>
    public string Directory { get; set; } = "";

    /// <summary>Largest upload accepted, bytes. Default 2 GiB: a million polygons as GeoJSON is about 1 GiB.</summary>
    public long MaxUploadBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Most vertices per geometry; see <see cref="ImportOptions.MaxVertices"/>.</summary>
    public int MaxVertices { get; set; } = DefaultMaxVertices;

    /// <summary>Longest text field a reader keeps, characters. An unterminated quote in a CSV would otherwise
    /// read the rest of the file into one field; the longest attribute is 200 characters.</summary>
    public int MaxFieldLength { get; set; } = DefaultMaxFieldLength;

    /// <summary>Limits on what an uploaded zip may unpack to, from <c>Imports:Zip</c> (<see cref="ZipLimits.Section"/>).</summary>
    public ZipLimits Zip { get; set; } = new();

    /// <summary>
    /// Fewest new rows for which a commit that at least doubles the kind's table drops the table's secondary
    /// indexes and foreign keys, inserts, and builds them again, in its one transaction. Measured on 1,000,000
    /// streetlights into an empty table (docs/benchmarks.md): 9.4 s inserting with five live indexes, 3.3 s
    /// inserting bare and rebuilding. The price is a lock: reads of that one kind wait for the commit, which is
    /// why it applies only to loads that are most of the table (a first load, typically). Below this many rows the
    /// row-by-row upkeep costs under a second and readers never wait. Default 10,000; 0 turns rebuilding off.
    /// </summary>
    public int RebuildIndexesFromRows { get; set; } = DefaultRebuildIndexesFromRows;

    /// <summary>
    /// Memory PostgreSQL may use for each sort or hash in an import's checks and commit, MB (set for their
    /// transactions only). The commit sorts staging into file order and the duplicate-code check hashes every
    /// code: at PostgreSQL's default of 4 MB a million streetlights spill 130 MB to disk. Default 256.
    /// </summary>
    public int WorkMemMegabytes { get; set; } = 256;

    /// <summary>
    /// Seconds a web process may go without saying it is alive (it does so every third of this) before another
    /// process, or itself after a restart, fails its validating and importing runs as abandoned. Several web
    /// processes share one database, so none may fail a run just because it did not start it. Default 60: a
    /// restarted server reports a killed run failed within a minute.
    /// </summary>
    public int WorkerLeaseSeconds { get; set; } = 60;

    /// <summary>
    /// Hours a dry run is kept waiting for its commit or discard (from the end of the dry run) before the sweep
    /// expires it: its staging table (about 160 MB for a million streetlights), its refusals and its refused rows
    /// are dropped, and the run says so. Source: product rule, so that a run checked on a Friday afternoon can still
    /// be committed on Monday morning while dry runs nobody comes back to do not fill the database's disk. Default
    /// 72; at least 1.
    /// </summary>
    public int ValidatedRunHours { get; set; } = DefaultValidatedRunHours;

    /// <summary>Default of <see cref="ValidatedRunHours"/>.</summary>
    public const int DefaultValidatedRunHours = 72;

    /// <summary>Default of <see cref="RebuildIndexesFromRows"/>.</summary>
    public const int DefaultRebuildIndexesFromRows = 10_000;

    /// <summary>Default of <see cref="MaxFieldLength"/>: 64 K characters.</summary>
    public const int DefaultMaxFieldLength = 64 * 1024;

    /// <summary>The upload directory to use (created when missing).</summary>
    public string ResolveDirectory()
    {
        var dir = string.IsNullOrWhiteSpace(Directory) ? Path.Combine(Path.GetTempPath(), "assetregistry-imports") : Directory;
        System.IO.Directory.CreateDirectory(dir);
        return dir;
    }
}

/// <summary>A file that cannot be read at all (broken quoting, malformed JSON, no geometry columns): the run fails
/// with this bilingual message and nothing is written. Row-level problems are refusals instead.</summary>
public sealed class ImportFileException(LocalizedText message) : Exception(message.En)
{
    /// <summary>The message in both languages.</summary>
    public LocalizedText Text { get; } = message;
}
