using Npgsql;
using NpgsqlTypes;

namespace AssetRegistry.Web.Cli;

/// <summary>
/// Development only: inspection crews for the seed city's central districts, so that a newcomer's ./run.sh shows
/// work lists at once. The demo user <c>crew1</c> is a member of the first. Existing crews (by name) are left alone.
/// </summary>
public static class DemoCrews
{
    private static readonly (string Name, string[] Districts, int Capacity, string[] Members)[] Crews =
    [
        ("鲤城区巡查一组", ["350502"], 40, ["crew1"]),
        ("丰泽区巡查一组", ["350503"], 40, []),
        ("洛江区巡查一组", ["350504"], 40, []),
        ("晋江市城北巡查组", ["350582"], 40, []),
    ];

    public static async Task<int> EnsureAsync(NpgsqlDataSource dataSource)
    {
        var added = 0;
        foreach (var (name, districts, capacity, members) in Crews)
        {
            await using var cmd = dataSource.CreateCommand("""
                insert into crews (name, districts, capacity_per_day, members) values ($1, $2, $3, $4) on conflict (name) do nothing
                """);
            cmd.Parameters.Add(new NpgsqlParameter { Value = name });
            cmd.Parameters.Add(new NpgsqlParameter { Value = districts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            cmd.Parameters.Add(new NpgsqlParameter { Value = capacity });
            cmd.Parameters.Add(new NpgsqlParameter { Value = members, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            added += await cmd.ExecuteNonQueryAsync();
        }
        return added;
    }
}
