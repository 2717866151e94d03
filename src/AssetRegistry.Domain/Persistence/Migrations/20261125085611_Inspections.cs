using System;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Inspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    asset_id = table.Column<long>(type: "bigint", nullable: false),
                    collection = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    task_id = table.Column<long>(type: "bigint", nullable: true),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    raised_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    acknowledged_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    acknowledged_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "campaigns",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    reason = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    area = table.Column<Polygon>(type: "geometry(Polygon,4326)", nullable: false),
                    collections = table.Column<string[]>(type: "text[]", nullable: false),
                    created_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_campaigns", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "crews",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    districts = table.Column<string[]>(type: "text[]", nullable: false),
                    capacity_per_day = table.Column<int>(type: "integer", nullable: false),
                    members = table.Column<string[]>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_crews", x => x.id);
                    table.CheckConstraint("ck_crews_capacity", "capacity_per_day between 1 and 1000");
                });

            migrationBuilder.CreateTable(
                name: "inspection_rules",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    collection = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    inspection_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    filter_attribute = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    filter_values = table.Column<string[]>(type: "text[]", nullable: true),
                    last_done_attribute = table.Column<string>(type: "text", nullable: true),
                    interval_days = table.Column<int>(type: "integer", nullable: false),
                    season_start_month = table.Column<int>(type: "integer", nullable: true),
                    season_end_month = table.Column<int>(type: "integer", nullable: true),
                    checklist = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    confined_space = table.Column<bool>(type: "boolean", nullable: false),
                    title_zh = table.Column<string>(type: "text", nullable: false),
                    title_en = table.Column<string>(type: "text", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    verification = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    active = table.Column<bool>(type: "boolean", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_rules", x => x.id);
                    table.CheckConstraint("ck_inspection_rules_interval", "interval_days between 1 and 36500");
                });

            migrationBuilder.CreateTable(
                name: "work_lists",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    crew_id = table.Column<int>(type: "integer", nullable: false),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    work_date = table.Column<DateOnly>(type: "date", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    route_length_m = table.Column<double>(type: "double precision", nullable: false),
                    campaign_id = table.Column<long>(type: "bigint", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_lists", x => x.id);
                    table.ForeignKey(
                        name: "FK_work_lists_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_work_lists_crews_crew_id",
                        column: x => x.crew_id,
                        principalTable: "crews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "inspection_tasks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    rule_id = table.Column<int>(type: "integer", nullable: true),
                    campaign_id = table.Column<long>(type: "bigint", nullable: true),
                    parent_task_id = table.Column<long>(type: "bigint", nullable: true),
                    asset_id = table.Column<long>(type: "bigint", nullable: false),
                    collection = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    district = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    inspection_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    checklist = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    due_date = table.Column<DateOnly>(type: "date", nullable: false),
                    due_by = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    priority = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    confined_space = table.Column<bool>(type: "boolean", nullable: false),
                    escalation = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    work_list_id = table.Column<long>(type: "bigint", nullable: true),
                    stop_number = table.Column<int>(type: "integer", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    result = table.Column<JsonDocument>(type: "jsonb", nullable: true),
                    safety_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    safety_confirmed_by = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_tasks", x => x.id);
                    table.ForeignKey(
                        name: "FK_inspection_tasks_campaigns_campaign_id",
                        column: x => x.campaign_id,
                        principalTable: "campaigns",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspection_tasks_inspection_rules_rule_id",
                        column: x => x.rule_id,
                        principalTable: "inspection_rules",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_inspection_tasks_work_lists_work_list_id",
                        column: x => x.work_list_id,
                        principalTable: "work_lists",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_acknowledged_at",
                table: "alerts",
                column: "acknowledged_at");

            migrationBuilder.CreateIndex(
                name: "IX_crews_name",
                table: "crews",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_rules_code",
                table: "inspection_rules",
                column: "code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inspection_tasks_asset_id",
                table: "inspection_tasks",
                column: "asset_id");

            migrationBuilder.CreateIndex(
                name: "ix_inspection_tasks_status_district_due",
                table: "inspection_tasks",
                columns: new[] { "status", "district", "due_date" });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_tasks_work_list_id",
                table: "inspection_tasks",
                column: "work_list_id");

            migrationBuilder.CreateIndex(
                name: "ux_inspection_tasks_campaign_asset",
                table: "inspection_tasks",
                columns: new[] { "campaign_id", "asset_id" },
                unique: true,
                filter: "campaign_id is not null");

            migrationBuilder.CreateIndex(
                name: "ux_inspection_tasks_open_rule_asset",
                table: "inspection_tasks",
                columns: new[] { "rule_id", "asset_id" },
                unique: true,
                filter: "rule_id is not null and status = 'open'");

            migrationBuilder.CreateIndex(
                name: "ux_inspection_tasks_rule_asset_due",
                table: "inspection_tasks",
                columns: new[] { "rule_id", "asset_id", "due_date" },
                unique: true,
                filter: "rule_id is not null");

            migrationBuilder.CreateIndex(
                name: "IX_work_lists_campaign_id",
                table: "work_lists",
                column: "campaign_id");

            migrationBuilder.CreateIndex(
                name: "IX_work_lists_crew_id_work_date_district_sequence",
                table: "work_lists",
                columns: new[] { "crew_id", "work_date", "district", "sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropTable(
                name: "inspection_tasks");

            migrationBuilder.DropTable(
                name: "inspection_rules");

            migrationBuilder.DropTable(
                name: "work_lists");

            migrationBuilder.DropTable(
                name: "campaigns");

            migrationBuilder.DropTable(
                name: "crews");
        }
    }
}
