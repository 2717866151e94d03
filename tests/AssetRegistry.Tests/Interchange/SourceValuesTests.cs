using System.Globalization;
using AssetRegistry.Domain.Imports;

namespace AssetRegistry.Tests.Interchange;

/// <summary>The import's own date reader agrees with <c>DateOnly.TryParseExact("yyyy-MM-dd")</c>, which it replaces
/// on the hot path, on good dates, impossible dates and near misses.</summary>
public sealed class SourceValuesTests
{
    [Theory]
    [InlineData("2024-03-01")]
    [InlineData("2024-02-29")]
    [InlineData("2023-02-29")]
    [InlineData("2023-02-28")]
    [InlineData("1900-12-31")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("0000-01-01")]
    [InlineData("2024-13-01")]
    [InlineData("2024-00-10")]
    [InlineData("2024-04-31")]
    [InlineData("2024-1-01")]
    [InlineData("2024/01/01")]
    [InlineData("24-01-01")]
    [InlineData("2024-01-01T00:00")]
    [InlineData("+024-01-01")]
    [InlineData("２０２４-01-01")]
    [InlineData("2024-01-0a")]
    [InlineData("")]
    public void TryParseIsoDate_AgreesWithTryParseExact(string text)
    {
        var expected = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var e);
        var actual = SourceValues.TryParseIsoDate(text, out var a);
        Assert.Equal(expected, actual);
        Assert.Equal(e, a);
    }
}
