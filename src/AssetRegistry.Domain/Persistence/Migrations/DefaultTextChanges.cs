using Microsoft.EntityFrameworkCore.Migrations;

namespace AssetRegistry.Domain.Persistence.Migrations;

/// <summary>
/// A data migration's change of seeded default text: each row (by its code) still holding the old default gets the
/// new one, and a row someone has edited since is left as it is. With <c>bumpVersion</c> the row's optimistic-
/// concurrency version moves on, so an edit form opened before the upgrade is refused instead of writing the old
/// text back. Down does the reverse under the same rule.
/// </summary>
internal static class DefaultTextChanges
{
    public static void Apply(MigrationBuilder migrationBuilder, string table, string column,
        IEnumerable<(string Code, string Old, string New)> changes, bool bumpVersion, bool reverse = false)
    {
        var version = bumpVersion ? ", version = version + 1" : "";
        foreach (var (code, old, now) in changes)
        {
            var (from, to) = reverse ? (now, old) : (old, now);
            migrationBuilder.Sql($"update {table} set {column} = {Quote(to)}{version} where code = {Quote(code)} and {column} = {Quote(from)};");
        }
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''") + "'";
}
