using AssetRegistry.Domain.Assets;
using AssetRegistry.Domain.Features;
using Npgsql;

namespace AssetRegistry.Tests.Operations;

/// <summary>The feature built as jsonb for a bulk update's history (<see cref="FeatureSql.FeatureJsonbExpression"/>)
/// is the same value as the feature the API serves (<see cref="FeatureSql.FeatureExpression(AssetKind)"/>) cast to
/// jsonb, on every row of every kind of the seeded city (every attribute type, nulls, Chinese text).</summary>
[Collection(SeededRegistryCollection.Name)]
public sealed class FeatureJsonbTests(SeededRegistry registry)
{
    [Fact]
    public async Task EveryFeatureOfEveryKind_BuiltAsJsonb_EqualsTheServedFeatureCastToJsonb()
    {
        await using var conn = new NpgsqlConnection(registry.ConnectionString);
        await conn.OpenAsync();
        var compared = 0L;
        foreach (var kind in AssetKinds.All)
        {
            await using var cmd = new NpgsqlCommand($"""
                select count(*), count(*) filter (where ({FeatureSql.FeatureExpression(kind)})::jsonb is distinct from {FeatureSql.FeatureJsonbExpression(kind)})
                from {FeatureSql.Quote(kind.Table)} t
                """, conn);
            await using var r = await cmd.ExecuteReaderAsync();
            await r.ReadAsync();
            Assert.Equal(0, r.GetInt64(1));
            compared += r.GetInt64(0);
        }
        Assert.True(compared > 10_000, $"{compared} features compared");
    }
}
