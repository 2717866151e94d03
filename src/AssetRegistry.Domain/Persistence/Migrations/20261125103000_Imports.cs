using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <summary>
    /// The import runs (one row per uploaded file, its state, counts and progress) and the rows each would refuse.
    /// Hand-written SQL, read and written with Npgsql (Domain/Imports/ImportRuns), so the EF model does not change.
    /// Refusals are a table so that a file with a million bad rows never has them in memory; staging tables
    /// (<c>import_staging_{id}</c>, unlogged) are created and dropped per run by the pipeline.
    /// </summary>
    [DbContext(typeof(RegistryDbContext))]
    [Migration("20261125103000_Imports")]
    public partial class Imports : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                create table import_runs (
                    id bigint generated always as identity primary key,
                    collection varchar(40) not null,
                    format varchar(20) not null,
                    file_name varchar(260) not null,
                    file_path text not null,
                    status varchar(20) not null check (status in ('validating','validated','importing','done','failed','discarded')),
                    rows_read bigint not null default 0,
                    rows_refused bigint not null default 0,
                    rows_inserted bigint not null default 0,
                    rows_updated bigint not null default 0,
                    progress real not null default 0,
                    source_fields text[] not null default '{}',
                    mapping jsonb not null default '{}',
                    declared_crs text,
                    crs text,
                    gcj02 boolean not null default false,
                    match_on_code boolean not null default false,
                    commit_mode varchar(20),
                    error_en text,
                    error_zh text,
                    created_by varchar(100) not null,
                    created_at timestamptz not null,
                    finished_at timestamptz
                );
                create index ix_import_runs_created_by on import_runs (created_by, id desc);
                create index ix_import_runs_status on import_runs (status) where status in ('validating','importing');
                create table import_refusals (
                    run_id bigint not null references import_runs (id) on delete cascade,
                    row_number bigint not null,
                    field text not null,
                    reason_en text not null,
                    reason_zh text not null
                );
                create index ix_import_refusals_run_row on import_refusals (run_id, row_number);
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("drop table import_refusals; drop table import_runs;");
        }
    }
}
