using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coding.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class EncounterCodedAtIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_encounters_coded_at",
                table: "encounters",
                column: "coded_at");

            migrationBuilder.CreateIndex(
                name: "ix_encounters_status_coded_at",
                table: "encounters",
                columns: new[] { "status", "coded_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_encounters_coded_at",
                table: "encounters");

            migrationBuilder.DropIndex(
                name: "ix_encounters_status_coded_at",
                table: "encounters");
        }
    }
}
