using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ImportRunUnchangedRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A re-import matching on code leaves alone the rows the file gives exactly as stored; the dry run counts
            // them (ImportSql.MatchOnCode) and the commit neither rewrites them nor bumps their version.
            migrationBuilder.Sql("alter table import_runs add column rows_unchanged bigint not null default 0;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("alter table import_runs drop column rows_unchanged;");
        }
    }
}
