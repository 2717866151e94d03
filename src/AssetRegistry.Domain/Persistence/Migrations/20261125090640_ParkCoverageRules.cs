using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ParkCoverageRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coverage_targets",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    title_zh = table.Column<string>(type: "text", nullable: false),
                    title_en = table.Column<string>(type: "text", nullable: false),
                    percent = table.Column<double>(type: "double precision", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    verification = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coverage_targets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "park_service_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    min_area_m2 = table.Column<double>(type: "double precision", nullable: false),
                    max_area_m2 = table.Column<double>(type: "double precision", nullable: true),
                    radius_m = table.Column<double>(type: "double precision", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    verification = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_park_service_rules", x => x.id);
                    table.CheckConstraint("ck_park_service_rules_radius", "radius_m > 0 and radius_m <= 5000 and min_area_m2 >= 0");
                });

            migrationBuilder.CreateIndex(
                name: "IX_coverage_targets_code",
                table: "coverage_targets",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_park_service_rules_code",
                table: "park_service_rules",
                column: "code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coverage_targets");

            migrationBuilder.DropTable(
                name: "park_service_rules");
        }
    }
}
