using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InitialRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateSequence(
                name: "asset_id_seq");

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: true),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "asset_changes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    asset_id = table.Column<long>(type: "bigint", nullable: false),
                    collection = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    operation = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    changed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    before = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    after = table.Column<JsonDocument>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_asset_changes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "districts",
                columns: table => new
                {
                    adcode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    geometry = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_districts", x => x.adcode);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ancient_trees",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('asset_id_seq')"),
                    species = table.Column<string>(type: "text", nullable: false),
                    species_latin = table.Column<string>(type: "text", nullable: true),
                    estimated_age_years = table.Column<int>(type: "integer", nullable: true),
                    protection_grade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    tag_number = table.Column<string>(type: "text", nullable: true),
                    girth_cm = table.Column<double>(type: "double precision", nullable: true),
                    height_m = table.Column<double>(type: "double precision", nullable: true),
                    crown_spread_m = table.Column<double>(type: "double precision", nullable: true),
                    vigour = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    condition = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    install_date = table.Column<DateOnly>(type: "date", nullable: true),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    geometry = table.Column<Geometry>(type: "geometry(Point,4326)", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ancient_trees", x => x.id);
                    table.ForeignKey(
                        name: "FK_ancient_trees_districts_district",
                        column: x => x.district,
                        principalTable: "districts",
                        principalColumn: "adcode",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bridges",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('asset_id_seq')"),
                    structure_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    length_m = table.Column<double>(type: "double precision", nullable: true),
                    width_m = table.Column<double>(type: "double precision", nullable: true),
                    span_count = table.Column<int>(type: "integer", nullable: true),
                    max_span_m = table.Column<double>(type: "double precision", nullable: true),
                    maintenance_category = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    maintenance_grade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    condition_grade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    bci = table.Column<double>(type: "double precision", nullable: true),
                    crosses = table.Column<string>(type: "text", nullable: true),
                    year_built = table.Column<int>(type: "integer", nullable: true),
                    last_periodic_inspection = table.Column<DateOnly>(type: "date", nullable: true),
                    last_structural_inspection = table.Column<DateOnly>(type: "date", nullable: true),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    condition = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    install_date = table.Column<DateOnly>(type: "date", nullable: true),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    geometry = table.Column<Geometry>(type: "geometry(Geometry,4326)", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bridges", x => x.id);
                    table.ForeignKey(
                        name: "FK_bridges_districts_district",
                        column: x => x.district,
                        principalTable: "districts",
                        principalColumn: "adcode",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "manholes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('asset_id_seq')"),
                    network = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    cover_material = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    cover_load_class = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    cover_diameter_mm = table.Column<int>(type: "integer", nullable: true),
                    depth_m = table.Column<double>(type: "double precision", nullable: true),
                    ground_level_m = table.Column<double>(type: "double precision", nullable: true),
                    invert_level_m = table.Column<double>(type: "double precision", nullable: true),
                    has_anti_fall_net = table.Column<bool>(type: "boolean", nullable: true),
                    smart_sensor_id = table.Column<string>(type: "text", nullable: true),
                    is_outfall = table.Column<bool>(type: "boolean", nullable: true),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    condition = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    install_date = table.Column<DateOnly>(type: "date", nullable: true),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    geometry = table.Column<Geometry>(type: "geometry(Point,4326)", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_manholes", x => x.id);
                    table.ForeignKey(
                        name: "FK_manholes_districts_district",
                        column: x => x.district,
                        principalTable: "districts",
                        principalColumn: "adcode",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "parks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('asset_id_seq')"),
                    park_class = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    area_m2 = table.Column<double>(type: "double precision", nullable: false),
                    opening_hours = table.Column<string>(type: "text", nullable: true),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    condition = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    install_date = table.Column<DateOnly>(type: "date", nullable: true),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    geometry = table.Column<Geometry>(type: "geometry(Polygon,4326)", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_parks", x => x.id);
                    table.ForeignKey(
                        name: "FK_parks_districts_district",
                        column: x => x.district,
                        principalTable: "districts",
                        principalColumn: "adcode",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "residential_areas",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('asset_id_seq')"),
                    area_m2 = table.Column<double>(type: "double precision", nullable: false),
                    population = table.Column<int>(type: "integer", nullable: true),
                    households = table.Column<int>(type: "integer", nullable: true),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    condition = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    install_date = table.Column<DateOnly>(type: "date", nullable: true),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    geometry = table.Column<Geometry>(type: "geometry(Polygon,4326)", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_residential_areas", x => x.id);
                    table.ForeignKey(
                        name: "FK_residential_areas_districts_district",
                        column: x => x.district,
                        principalTable: "districts",
                        principalColumn: "adcode",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "streetlights",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('asset_id_seq')"),
                    pole_height_m = table.Column<double>(type: "double precision", nullable: true),
                    lamp_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    wattage_w = table.Column<int>(type: "integer", nullable: true),
                    circuit_id = table.Column<string>(type: "text", nullable: true),
                    road_class = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    is_multifunction_pole = table.Column<bool>(type: "boolean", nullable: true),
                    last_leakage_test = table.Column<DateOnly>(type: "date", nullable: true),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    condition = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    install_date = table.Column<DateOnly>(type: "date", nullable: true),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    geometry = table.Column<Geometry>(type: "geometry(Point,4326)", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_streetlights", x => x.id);
                    table.ForeignKey(
                        name: "FK_streetlights_districts_district",
                        column: x => x.district,
                        principalTable: "districts",
                        principalColumn: "adcode",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "waterlogging_points",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('asset_id_seq')"),
                    max_depth_cm = table.Column<double>(type: "double precision", nullable: true),
                    typical_duration_min = table.Column<int>(type: "integer", nullable: true),
                    trigger_rainfall_mm_h = table.Column<double>(type: "double precision", nullable: true),
                    cause = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    risk_level = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    nearest_pump_station = table.Column<string>(type: "text", nullable: true),
                    remediation_status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    responsible_unit = table.Column<string>(type: "text", nullable: true),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    condition = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    install_date = table.Column<DateOnly>(type: "date", nullable: true),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    geometry = table.Column<Geometry>(type: "geometry(Point,4326)", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_waterlogging_points", x => x.id);
                    table.ForeignKey(
                        name: "FK_waterlogging_points_districts_district",
                        column: x => x.district,
                        principalTable: "districts",
                        principalColumn: "adcode",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "sewer_segments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false, defaultValueSql: "nextval('asset_id_seq')"),
                    upstream_manhole_id = table.Column<long>(type: "bigint", nullable: false),
                    downstream_manhole_id = table.Column<long>(type: "bigint", nullable: false),
                    system = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    diameter_mm = table.Column<int>(type: "integer", nullable: true),
                    material = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    upstream_invert_m = table.Column<double>(type: "double precision", nullable: true),
                    downstream_invert_m = table.Column<double>(type: "double precision", nullable: true),
                    length_m = table.Column<double>(type: "double precision", nullable: false),
                    slope = table.Column<double>(type: "double precision", nullable: true),
                    year_built = table.Column<int>(type: "integer", nullable: true),
                    structural_grade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    condition = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    install_date = table.Column<DateOnly>(type: "date", nullable: true),
                    owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    geometry = table.Column<Geometry>(type: "geometry(LineString,4326)", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sewer_segments", x => x.id);
                    table.ForeignKey(
                        name: "FK_sewer_segments_districts_district",
                        column: x => x.district,
                        principalTable: "districts",
                        principalColumn: "adcode",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sewer_segments_manholes_downstream_manhole_id",
                        column: x => x.downstream_manhole_id,
                        principalTable: "manholes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_sewer_segments_manholes_upstream_manhole_id",
                        column: x => x.upstream_manhole_id,
                        principalTable: "manholes",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ancient_trees_code",
                table: "ancient_trees",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ancient_trees_district",
                table: "ancient_trees",
                column: "district");

            migrationBuilder.CreateIndex(
                name: "IX_ancient_trees_geometry",
                table: "ancient_trees",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_ancient_trees_status",
                table: "ancient_trees",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_asset_changes_asset_id_id",
                table: "asset_changes",
                columns: new[] { "asset_id", "id" });

            migrationBuilder.CreateIndex(
                name: "IX_bridges_code",
                table: "bridges",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_bridges_district",
                table: "bridges",
                column: "district");

            migrationBuilder.CreateIndex(
                name: "IX_bridges_geometry",
                table: "bridges",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_bridges_status",
                table: "bridges",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_districts_geometry",
                table: "districts",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_manholes_code",
                table: "manholes",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_manholes_district",
                table: "manholes",
                column: "district");

            migrationBuilder.CreateIndex(
                name: "IX_manholes_geometry",
                table: "manholes",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_manholes_status",
                table: "manholes",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_parks_code",
                table: "parks",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_parks_district",
                table: "parks",
                column: "district");

            migrationBuilder.CreateIndex(
                name: "IX_parks_geometry",
                table: "parks",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_parks_status",
                table: "parks",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_residential_areas_code",
                table: "residential_areas",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_residential_areas_district",
                table: "residential_areas",
                column: "district");

            migrationBuilder.CreateIndex(
                name: "IX_residential_areas_geometry",
                table: "residential_areas",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_residential_areas_status",
                table: "residential_areas",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_sewer_segments_code",
                table: "sewer_segments",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_sewer_segments_district",
                table: "sewer_segments",
                column: "district");

            migrationBuilder.CreateIndex(
                name: "IX_sewer_segments_downstream_manhole_id",
                table: "sewer_segments",
                column: "downstream_manhole_id");

            migrationBuilder.CreateIndex(
                name: "IX_sewer_segments_geometry",
                table: "sewer_segments",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_sewer_segments_status",
                table: "sewer_segments",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_sewer_segments_upstream_manhole_id",
                table: "sewer_segments",
                column: "upstream_manhole_id");

            migrationBuilder.CreateIndex(
                name: "IX_streetlights_code",
                table: "streetlights",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_streetlights_district",
                table: "streetlights",
                column: "district");

            migrationBuilder.CreateIndex(
                name: "IX_streetlights_geometry",
                table: "streetlights",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_streetlights_status",
                table: "streetlights",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "IX_waterlogging_points_code",
                table: "waterlogging_points",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_waterlogging_points_district",
                table: "waterlogging_points",
                column: "district");

            migrationBuilder.CreateIndex(
                name: "IX_waterlogging_points_geometry",
                table: "waterlogging_points",
                column: "geometry")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "IX_waterlogging_points_status",
                table: "waterlogging_points",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ancient_trees");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "asset_changes");

            migrationBuilder.DropTable(
                name: "bridges");

            migrationBuilder.DropTable(
                name: "parks");

            migrationBuilder.DropTable(
                name: "residential_areas");

            migrationBuilder.DropTable(
                name: "sewer_segments");

            migrationBuilder.DropTable(
                name: "streetlights");

            migrationBuilder.DropTable(
                name: "waterlogging_points");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "manholes");

            migrationBuilder.DropTable(
                name: "districts");

            migrationBuilder.DropSequence(
                name: "asset_id_seq");
        }
    }
}
