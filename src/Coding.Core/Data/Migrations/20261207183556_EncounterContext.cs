using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coding.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class EncounterContext : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "admitted_at",
                table: "encounters",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "attending",
                table: "encounters",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "discharge_disposition",
                table: "encounters",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "discharged_at",
                table: "encounters",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "identifiers_ciphertext",
                table: "encounters",
                type: "bytea",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "identifiers_key_id",
                table: "encounters",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "payer",
                table: "encounters",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_encounters_status_discharged_at",
                table: "encounters",
                columns: new[] { "status", "discharged_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_encounters_status_discharged_at",
                table: "encounters");

            migrationBuilder.DropColumn(
                name: "admitted_at",
                table: "encounters");

            migrationBuilder.DropColumn(
                name: "attending",
                table: "encounters");

            migrationBuilder.DropColumn(
                name: "discharge_disposition",
                table: "encounters");

            migrationBuilder.DropColumn(
                name: "discharged_at",
                table: "encounters");

            migrationBuilder.DropColumn(
                name: "identifiers_ciphertext",
                table: "encounters");

            migrationBuilder.DropColumn(
                name: "identifiers_key_id",
                table: "encounters");

            migrationBuilder.DropColumn(
                name: "payer",
                table: "encounters");
        }
    }
}
