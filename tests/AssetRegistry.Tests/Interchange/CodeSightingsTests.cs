using AssetRegistry.Domain.Imports;

namespace AssetRegistry.Tests.Interchange;

/// <summary>The import's filter of codes already read: never misses a repeat (the duplicate check in SQL relies on
/// that), and flags few codes wrongly at a million rows (else the check it narrows would save nothing).</summary>
public sealed class CodeSightingsTests
{
    [Fact]
    public void AMillionDistinctCodes_FewAreFlagged_AndEveryRepeatIs()
    {
        var sightings = new CodeSightings();
        var flagged = 0;
        for (var i = 0; i < 1_000_000; i++)
            if (sightings.Add($"SL-{i:D7}")) flagged++;

        // The class's documentation states 35 (1 in 28,000); a bound of 1 in 5,000 leaves room for another hash's luck.
        Assert.True(flagged < 1_000_000 / 5_000, $"{flagged} of a million distinct codes flagged as repeats");

        var missed = 0;
        for (var i = 0; i < 1_000_000; i += 7)
            if (!sightings.Add($"SL-{i:D7}")) missed++;
        Assert.Equal(0, missed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("泉州-路灯-0001")]
    [InlineData("a")]
    public void ACodeAddedTwice_IsFlaggedTheSecondTimeOnly(string code)
    {
        var sightings = new CodeSightings();
        Assert.False(sightings.Add(code));
        Assert.True(sightings.Add(code));
        Assert.True(sightings.Add(code));
    }

    [Fact]
    public void CodesThatDifferOnlyInCaseOrOneCharacter_AreNotTakenForEachOther()
    {
        var sightings = new CodeSightings();
        Assert.False(sightings.Add("SL-A-001"));
        Assert.False(sightings.Add("sl-a-001"));
        Assert.False(sightings.Add("SL-A-002"));
        Assert.False(sightings.Add("SL-A-001 "));
    }
}
