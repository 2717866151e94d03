using AssetRegistry.Domain.Analysis;
using AssetRegistry.Domain.Inspections;
using AssetRegistry.Domain.Statistics;

namespace AssetRegistry.Tests.Standards;

/// <summary>
/// The sources the bureau reads beside a figure (the inspection rules editor, the dashboard's targets, the coverage
/// target) cite documents by title in Chinese; the product's notes (DOMAIN.md sections and its [V]/[P]/[U] tags)
/// stay in the code's comments, and how far a figure was verified is its own field, shown by the page in its language.
/// </summary>
public sealed class ShownSourcesTests
{
    private static readonly string[] NotesMarkers = ["DOMAIN.md", "[V]", "[P]", "[U]", "Assumed", "Same sources"];

    public static TheoryData<string, string> Shown()
    {
        var data = new TheoryData<string, string>();
        foreach (var r in DefaultInspectionRules.All) data.Add(r.Code, r.Source);
        foreach (var t in StatisticsRules.Default.Targets) data.Add(t.Code, t.Provenance.Source);
        foreach (var t in CoverageTarget.Defaults) data.Add(t.Code, t.Source);
        return data;
    }

    [Theory]
    [MemberData(nameof(Shown))]
    public void ASourceShownToTheBureau_IsInChinese_AndCarriesNoProductNotes(string code, string source)
    {
        Assert.DoesNotContain(NotesMarkers, m => source.Contains(m, StringComparison.Ordinal));
        // Mostly Chinese: more CJK characters than Latin letters (document codes such as CJJ 99-2017 are Latin).
        var cjk = source.Count(c => c is >= '\u4e00' and <= '\u9fff');
        var latin = source.Count(char.IsAsciiLetter);
        Assert.True(cjk > latin, $"{code}: {source}");
    }
}
