using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <summary>
    /// The service area as one precomputed geometry (the union of the districts), so that checking a new geometry
    /// against the city's boundary costs one predicate instead of a union on every write. Refreshed by the
    /// district loader.
    /// </summary>
    public partial class ServiceArea : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                create materialized view service_area as
                select ST_Multi(ST_Union(geometry))::geometry(MultiPolygon,4326) as geometry from districts;
                create index ix_service_area_geometry on service_area using gist (geometry);
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("drop materialized view service_area;");
        }
    }
}
