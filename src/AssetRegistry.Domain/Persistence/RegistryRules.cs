namespace AssetRegistry.Domain.Persistence;

/// <summary>
/// Rule parameters of the registry core, bound from the <c>Registry</c> configuration section. Standards
/// thresholds from DOMAIN.md live in rule tables with their sources; these are product rules.
/// </summary>
public sealed class RegistryRules
{
    /// <summary>How far, in metres, a sewer segment's end may lie from its manhole. Source: issue #2
    /// ("end points must lie within 0.5 m"), a survey-accuracy tolerance, not a standard's value.</summary>
    public double SewerEndToleranceMetres { get; set; } = 0.5;

    /// <summary>How far, in metres, a re-imported geometry with the same number of vertices may lie from the
    /// stored one (Hausdorff distance) and still be the same: the stored geometry is kept and, with nothing else
    /// changed, the asset is left alone. Source: product rule. The registry's own export through a projected CRS
    /// (CGCS2000 Gauss–Krüger) and back moves a point by far less than a millimetre (transformation rounding); no
    /// survey delivers positions finer than a millimetre, so a smaller difference is not an edit.</summary>
    public double SameGeometryToleranceMetres { get; set; } = 0.001;

    /// <summary>Largest request body accepted, bytes. Source: issue #2 (10 MB → 413).</summary>
    public long MaxRequestBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Largest page of items. Source: issue #2 (limit max 10,000).</summary>
    public int MaxPageSize { get; set; } = 10_000;

    /// <summary>Page size when none is asked for. Source: issue #2.</summary>
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>Longest CQL2 <c>filter</c>, characters: 8,192 is the request line Kestrel accepts by default, so a
    /// filter that could arrive in a GET is never refused for its length, and parsing stays bounded.</summary>
    public int MaxFilterLength { get; set; } = 8_192;

    /// <summary>Deepest nesting of parentheses, NOT and CASEI in a filter: hand-written filters nest 3–4 deep; 20
    /// keeps the recursive parser and PostgreSQL's planner far from their stack limits.</summary>
    public int MaxFilterDepth { get; set; } = 20;

    /// <summary>Most values in one IN list: a list of codes picked on a screen is tens long; 500 bounds the
    /// parameters one filter can add.</summary>
    public int MaxFilterListItems { get; set; } = 500;

    /// <summary>Most vertices in one WKT literal of a filter: a drawn search area has tens; each row's exact test
    /// costs time in proportion, so 1,000 keeps a filter from being made expensive on purpose.</summary>
    public int MaxFilterVertices { get; set; } = 1_000;
}

/// <summary>What a kind's <c>PrepareAsync</c> may use: the database session, measures and rules.</summary>
public sealed record AssetWriteContext(RegistryDbContext Db, Spatial.SpatialMeasures Measures, RegistryRules Rules)
{
    /// <summary>Things the write is allowed to do but the user should hear about (a sewer sloping the wrong way, a
    /// segment closing a loop): returned with the stored feature, never blocking it.</summary>
    public List<WriteWarning> Warnings { get; } = [];
}

/// <summary>A warning about an accepted write, naming the field it concerns.</summary>
public sealed record WriteWarning(string Field, Assets.LocalizedText Message);
