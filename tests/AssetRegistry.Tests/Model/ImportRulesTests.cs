using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Imports;

namespace AssetRegistry.Tests.Model;

/// <summary>What a re-import copies from the stored asset into a matched row it does not map: exactly the
/// attributes the kind's set-based rules read (sewer segments' manholes for the end check, inverts for the slope),
/// and none for kinds whose rules read none.</summary>
public sealed class ImportRulesTests
{
    [Theory]
    [InlineData("sewer_segments", "downstream_invert_m,downstream_manhole_id,upstream_invert_m,upstream_manhole_id")]
    [InlineData("parks", "")]
    [InlineData("streetlights", "")]
    public void ReadByRules_NamesTheAttributesTheDerivedValuesAndChecksRead(string collection, string expected)
    {
        var kind = AssetKinds.Find(collection)!;
        Assert.Equal(expected, string.Join(",", ImportSql.ReadByRules(kind).Select(a => a.Name).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void EveryKindFitsItsWritableAttributesInTheGivenBits()
    {
        foreach (var kind in AssetKinds.All) Assert.InRange(ImportSql.Writable(kind).Count, 1, 63);
    }
}
