using AssetRegistry.Domain.Assets;
using AssetRegistry.Tests.Infrastructure;

namespace AssetRegistry.Tests.Model;

/// <summary>One label table for the pages and the server: every code of every kind's enumerations has a Chinese and
/// an English label, and the pages' script module carries exactly that table.</summary>
public sealed class EnumerationLabelsTests(RegistryFixture fixture) : RegistryTest(fixture)
{
    public static TheoryData<string, string, string> Codes()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var kind in AssetKinds.All)
            foreach (var a in kind.Attributes.Where(a => a.Type == AttributeType.Enumeration))
                foreach (var code in a.Values)
                    data.Add(kind.CollectionId, a.Name, code);
        return data;
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void EveryEnumerationCode_HasBothLabels(string collection, string attribute, string code)
    {
        Assert.False(string.IsNullOrWhiteSpace(EnumerationLabels.Of(attribute, code, chinese: true)), $"{collection}.{attribute} = {code}: no Chinese label");
        Assert.False(string.IsNullOrWhiteSpace(EnumerationLabels.Of(attribute, code, chinese: false)), $"{collection}.{attribute} = {code}: no English label");
    }

    [Fact]
    public async Task ThePagesModule_IsTheTable()
    {
        var response = await Fixture.Client().GetAsync("/js/enum-labels.js");
        Assert.Equal("text/javascript", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        const string prefix = "export const enumLabels = ";
        var json = text[(text.IndexOf(prefix, StringComparison.Ordinal) + prefix.Length)..].TrimEnd().TrimEnd(';');
        var table = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.Equal(EnumerationLabels.All.Count, table.Count);
        foreach (var (attribute, codes) in EnumerationLabels.All)
            foreach (var (code, label) in codes)
                Assert.Equal([label.Zh, label.En], table[attribute]![code]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal("在用", table["status"]!["in_service"]![0]!.GetValue<string>());
    }
}
