namespace AssetRegistry.Domain.Standards;

/// <summary>How far a number from DOMAIN.md has been checked against its standard (its tag there).</summary>
public enum Verification
{
    /// <summary>[V]: read in a source that quotes or implements the standard.</summary>
    Verified,
    /// <summary>[P]: confirmed by a secondary or local source, or sources differ.</summary>
    PartlyVerified,
    /// <summary>[U]: common practice or memory; a hypothesis to check against the official text.</summary>
    Unverified,
}

/// <summary>Where a threshold, weight or score comes from, carried beside it so that nothing is a bare literal.</summary>
public sealed record Provenance(string Source, Verification Verification);

/// <summary>How a band's bound is compared: value ≤ bound, value &lt; bound, value ≥ bound, or any value.</summary>
public enum BoundKind { AtMost, Below, AtLeast, Any }

/// <summary>A band of a graded index: the values for which <see cref="Kind"/> against <see cref="Bound"/> holds get
/// <see cref="Grade"/>.</summary>
public sealed record GradeBand(string Grade, BoundKind Kind, double Bound, string Meaning)
{
    public static GradeBand AtMost(string grade, double bound, string meaning) => new(grade, BoundKind.AtMost, bound, meaning);
    public static GradeBand Below(string grade, double bound, string meaning) => new(grade, BoundKind.Below, bound, meaning);
    public static GradeBand AtLeast(string grade, double bound, string meaning) => new(grade, BoundKind.AtLeast, bound, meaning);
    public static GradeBand Otherwise(string grade, string meaning) => new(grade, BoundKind.Any, 0, meaning);

    public bool Holds(double value) => Kind switch
    {
        BoundKind.AtMost => value <= Bound,
        BoundKind.Below => value < Bound,
        BoundKind.AtLeast => value >= Bound,
        _ => true,
    };
}

/// <summary>A band table with its provenance. Bands are tried in order; the first that holds wins.</summary>
public sealed record GradeBands(IReadOnlyList<GradeBand> Bands, Provenance Provenance)
{
    /// <summary>The first band holding <paramref name="value"/>.</summary>
    public GradeBand Classify(double value) => Bands.First(b => b.Holds(value));
}
