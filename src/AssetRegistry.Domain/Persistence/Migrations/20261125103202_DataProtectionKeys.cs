using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DataProtectionKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The ASP.NET Core data-protection key ring, shared by every web server (cookies and antiforgery tokens
            // issued by one are read by the others). Read and written with Npgsql SQL (Users/DataProtectionKeys).
            migrationBuilder.Sql("""
                create table data_protection_keys (
                    id bigint generated always as identity primary key,
                    friendly_name text not null unique,
                    xml text not null,
                    created_at timestamptz not null default now()
                );
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("drop table data_protection_keys;");
        }
    }
}
