using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ImportHistoryPerRun : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A bulk import records the assets it inserted in one row (asset_ids, ranges of ids) instead of one row
            // per asset; every other row keeps naming its one asset. Older per-asset import rows stay as they are.
            migrationBuilder.AlterColumn<long>(
                name: "asset_id",
                table: "asset_changes",
                type: "bigint",
                nullable: true,
                oldClrType: typeof(long),
                oldType: "bigint");

            migrationBuilder.AddColumn<NpgsqlRange<long>[]>(
                name: "asset_ids",
                table: "asset_changes",
                type: "int8multirange",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_asset_changes_asset_ids",
                table: "asset_changes",
                column: "asset_ids",
                filter: "asset_ids is not null")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.AddCheckConstraint(
                name: "CK_asset_changes_one_asset_or_import",
                table: "asset_changes",
                sql: "(asset_id is null) <> (asset_ids is null)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // One row per asset again for the imports recorded by ranges, so asset_id can be required.
            migrationBuilder.Sql("""
                insert into asset_changes (asset_id, collection, operation, changed_by, changed_at, version, before, after)
                select g.id, c.collection, c.operation, c.changed_by, c.changed_at, c.version, c.before, c.after
                from asset_changes c cross join lateral unnest(c.asset_ids) r cross join lateral generate_series(lower(r), upper(r) - 1) as g(id)
                where c.asset_ids is not null;
                delete from asset_changes where asset_ids is not null;
                """);
            migrationBuilder.DropIndex(
                name: "IX_asset_changes_asset_ids",
                table: "asset_changes");

            migrationBuilder.DropCheckConstraint(
                name: "CK_asset_changes_one_asset_or_import",
                table: "asset_changes");

            migrationBuilder.DropColumn(
                name: "asset_ids",
                table: "asset_changes");

            migrationBuilder.AlterColumn<long>(
                name: "asset_id",
                table: "asset_changes",
                type: "bigint",
                nullable: false,
                defaultValue: 0L,
                oldClrType: typeof(long),
                oldType: "bigint",
                oldNullable: true);
        }
    }
}
