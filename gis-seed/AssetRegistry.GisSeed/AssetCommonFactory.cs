using NetTopologySuite.Geometries;

namespace AssetRegistry.GisSeed;

/// <summary>Hands out asset ids 1, 2, 3… in generation order (the shared <c>asset_id_seq</c> space).</summary>
internal sealed class IdAllocator
{
    private long _last;

    /// <summary>The next id.</summary>
    public long Next() => ++_last;

    /// <summary>The highest id handed out so far (0 when none).</summary>
    public long Last => _last;
}

/// <summary>Fills the columns every asset shares: code from prefix, district and id; status and condition mixes; an
/// install date between <c>earliestYear</c> and 2023 (none for planned assets).</summary>
internal static class CommonFactory
{
    public static AssetCommon Make(long id, string prefix, string? name, string district, Random rng, string? owner, Geometry geometry, int earliestYear)
    {
        var status = SewerNetworkGenerator.Pick(rng, [("in_service", 95), ("planned", 3), ("retired", 2)]);
        var condition = status == "planned"
            ? "unknown"
            : SewerNetworkGenerator.Pick(rng, [("good", 55), ("fair", 28), ("poor", 8), ("critical", 2), ("unknown", 7)]);
        DateOnly? installed = null;
        if (status != "planned")
        {
            var start = new DateOnly(earliestYear, 1, 1).DayNumber;
            var end = new DateOnly(2023, 12, 31).DayNumber;
            installed = DateOnly.FromDayNumber(start + rng.Next(end - start + 1));
        }
        return new AssetCommon(id, $"{prefix}-{district}-{id:D6}", name, district, status, condition, installed, owner, geometry);
    }

    /// <summary>Same as <see cref="Make"/> with explicit status and condition.</summary>
    public static AssetCommon Make(long id, string prefix, string? name, string district, string status, string condition, DateOnly? installed, string? owner, Geometry geometry) =>
        new(id, $"{prefix}-{district}-{id:D6}", name, district, status, condition, installed, owner, geometry);
}
