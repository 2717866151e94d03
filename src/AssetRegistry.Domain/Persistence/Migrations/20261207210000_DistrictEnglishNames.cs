using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AssetRegistry.Domain.Persistence.Migrations
{
    /// <summary>
    /// Each district's English name, which the pages show in English where they showed the adcode. Read with SQL
    /// (DistrictMap), so not part of the EF model. A registry seeded before this gets the names of Quanzhou's
    /// districts here; the seed (DistrictLoader.EnglishNames) writes them for a new one.
    /// </summary>
    [DbContext(typeof(RegistryDbContext))]
    [Migration("20261207210000_DistrictEnglishNames")]
    public partial class DistrictEnglishNames : Migration
    {
        private static readonly (string Adcode, string Name)[] Quanzhou =
        [
            ("350502", "Licheng District"), ("350503", "Fengze District"), ("350504", "Luojiang District"),
            ("350505", "Quangang District"), ("350521", "Hui'an County"), ("350524", "Anxi County"),
            ("350525", "Yongchun County"), ("350526", "Dehua County"), ("350581", "Shishi City"),
            ("350582", "Jinjiang City"), ("350583", "Nan'an City"),
        ];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("alter table districts add column name_en varchar(60);");
            foreach (var (adcode, name) in Quanzhou)
                migrationBuilder.Sql($"update districts set name_en = '{name.Replace("'", "''")}' where adcode = '{adcode}';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("alter table districts drop column name_en;");
        }
    }
}
