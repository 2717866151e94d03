using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <summary>
    /// The data version of each collection, raised by every write in the write's transaction, so vector-tile URLs
    /// can carry it and be cached for good. Rows are created by the first write (an upsert); a missing row reads as 0.
    /// </summary>
    public partial class TileVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "collection_versions",
                columns: table => new
                {
                    collection = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_collection_versions", x => x.collection);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "collection_versions");
        }
    }
}
