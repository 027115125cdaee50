using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coding.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdjudicationProvenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "adjudication",
                table: "suggestion_sets",
                type: "jsonb",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "adjudication",
                table: "suggestion_sets");
        }
    }
}
