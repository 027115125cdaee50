using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coding.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class EncounterHolds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "held_at",
                table: "encounters",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "held_by",
                table: "encounters",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hold_note",
                table: "encounters",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "hold_reason",
                table: "encounters",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "held_at",
                table: "encounters");

            migrationBuilder.DropColumn(
                name: "held_by",
                table: "encounters");

            migrationBuilder.DropColumn(
                name: "hold_note",
                table: "encounters");

            migrationBuilder.DropColumn(
                name: "hold_reason",
                table: "encounters");
        }
    }
}
