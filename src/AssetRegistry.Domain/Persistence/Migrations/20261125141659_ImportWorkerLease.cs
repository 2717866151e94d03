using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ImportWorkerLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Which web process runs an import, and when it last said so: another process starting, or sweeping,
            // fails only runs whose process has gone quiet, not the runs of a live neighbour.
            migrationBuilder.Sql("""
                alter table import_runs add column worker text, add column heartbeat_at timestamptz not null default now();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("alter table import_runs drop column worker, drop column heartbeat_at;");
        }
    }
}
