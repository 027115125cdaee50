using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coding.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SecurityHardening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "security_stamp",
                table: "user_accounts",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            // Accounts from before: a stamp of their own (sessions signed in before carry none and are refused).
            migrationBuilder.Sql("UPDATE user_accounts SET security_stamp = md5(random()::text || id::text)");

            // External ids are compared case-insensitively from now on, by storing them upper-case (as ingest does).
            // Where two stored ids differ only in case they stay as they were: they are two encounters already, and
            // merging them is a decision for the site, not for a migration.
            migrationBuilder.Sql("""
                UPDATE encounters e SET external_id = upper(e.external_id)
                FROM (SELECT DISTINCT ON (upper(external_id)) id FROM encounters
                      WHERE external_id <> upper(external_id)
                      ORDER BY upper(external_id), received_at, id) first
                WHERE e.id = first.id
                  AND NOT EXISTS (SELECT 1 FROM encounters o WHERE o.external_id = upper(e.external_id))
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "security_stamp",
                table: "user_accounts");
        }
    }
}
