using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <summary>
    /// The coverage targets' sources, shown beside the target on the analysis page, cite the standard by its title
    /// instead of the product's notes (CoverageTarget.Defaults). Only rows still holding the old default text are
    /// changed; a source the bureau wrote is kept. Data only: the model is unchanged.
    /// </summary>
    [DbContext(typeof(RegistryDbContext))]
    [Migration("20261207203000_TargetSourcesAsCitations")]
    public partial class TargetSourcesAsCitations : Migration
    {
        private static readonly (string Code, string Old, string New)[] Sources =
        [
            ("eco_garden_city", "国家生态园林城市 standard via azoutdoor.com (DOMAIN.md §4.1 [V])", "《国家生态园林城市标准》（转引自 azoutdoor.com）"),
            ("garden_city", "国家园林城市 (DOMAIN.md §4.1 [U])", "《国家园林城市标准》"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            DefaultTextChanges.Apply(migrationBuilder, "coverage_targets", "source", Sources, bumpVersion: false);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            DefaultTextChanges.Apply(migrationBuilder, "coverage_targets", "source", Sources, bumpVersion: false, reverse: true);
    }
}
