using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Streets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pgrouting", ",,")
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "coverage_parameters",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    verification = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_coverage_parameters", x => x.id);
                    table.CheckConstraint("ck_coverage_parameters_value", "value >= 0");
                });

            migrationBuilder.CreateTable(
                name: "street_vertices",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false),
                    geometry = table.Column<Point>(type: "geometry(Point,4326)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_street_vertices", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "streets",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    road_class = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    geometry = table.Column<LineString>(type: "geometry(LineString,4326)", nullable: false),
                    length_m = table.Column<double>(type: "double precision", nullable: false),
                    source = table.Column<long>(type: "bigint", nullable: true),
                    target = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_streets", x => x.id);
                    table.CheckConstraint("ck_streets_length", "length_m > 0");
                    table.ForeignKey(
                        name: "FK_streets_districts_district",
                        column: x => x.district,
                        principalTable: "districts",
                        principalColumn: "adcode",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_coverage_parameters_code",
                table: "coverage_parameters",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_street_vertices_geometry",
                table: "street_vertices",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_streets_district",
                table: "streets",
                column: "district");

            migrationBuilder.CreateIndex(
                name: "IX_streets_geometry",
                table: "streets",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_streets_source",
                table: "streets",
                column: "source");

            migrationBuilder.CreateIndex(
                name: "IX_streets_target",
                table: "streets",
                column: "target");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "coverage_parameters");

            migrationBuilder.DropTable(
                name: "street_vertices");

            migrationBuilder.DropTable(
                name: "streets");

            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:pgrouting", ",,")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");
        }
    }
}
