using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ImportRunExpiry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A dry run nobody commits or discards is expired by the import sweep (ImportSettings.ValidatedRunHours):
            // its staging and refusals are dropped and the run says why.
            migrationBuilder.Sql("""
                alter table import_runs drop constraint import_runs_status_check,
                    add constraint import_runs_status_check
                    check (status in ('validating','validated','importing','done','failed','discarded','expired'));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                update import_runs set status = 'discarded' where status = 'expired';
                alter table import_runs drop constraint import_runs_status_check,
                    add constraint import_runs_status_check
                    check (status in ('validating','validated','importing','done','failed','discarded'));
                """);
        }
    }
}
