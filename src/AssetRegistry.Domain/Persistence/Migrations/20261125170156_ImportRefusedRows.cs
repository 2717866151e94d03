using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ImportRefusedRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The source values of each refused row, stored at the end of the dry run, so that the refused-rows file
            // needs neither the upload (deleted once validated) nor the web server that took it.
            migrationBuilder.Sql("""
                create table import_refused_rows (
                    run_id bigint not null references import_runs (id) on delete cascade,
                    row_number bigint not null,
                    source_values text[] not null,
                    wkt text,
                    primary key (run_id, row_number)
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("drop table import_refused_rows;");
        }
    }
}
