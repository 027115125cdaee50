using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coding.Core.Data.Migrations
{
    /// <summary>
    /// The CMS POA-exempt list per ICD-10-CM release (poa_exempt_codes), and on each release the hash and size of the list
    /// loaded into it. Existing releases start with none (null hash): the next codebook import loads the list into them
    /// without re-importing the release.
    /// </summary>
    public partial class PoaExemptCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "poa_exempt_count",
                table: "codebook_releases",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "poa_exempt_hash",
                table: "codebook_releases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "poa_exempt_codes",
                columns: table => new
                {
                    release_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_poa_exempt_codes", x => new { x.release_id, x.code });
                    table.ForeignKey(
                        name: "fk_poa_exempt_codes_codebook_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "codebook_releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "poa_exempt_codes");

            migrationBuilder.DropColumn(
                name: "poa_exempt_count",
                table: "codebook_releases");

            migrationBuilder.DropColumn(
                name: "poa_exempt_hash",
                table: "codebook_releases");
        }
    }
}
