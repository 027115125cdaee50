using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coding.Core.Data.Migrations
{
    /// <summary>
    /// US claims coding: the policy of each suggestion set and evaluation run, each suggestion's role on the claim and its
    /// present-on-admission indicator, and one principal / first-listed diagnosis per set at most.
    /// </summary>
    /// <remarks>
    /// Rows written before this migration were made before policies existed: they read as Claims, the configured default
    /// (their engine coded for review, not for a registry), and every existing suggestion as Secondary with no POA; the
    /// FHIR export then treats a finalized set's first diagnosis as principal, as it always did. The column defaults stay
    /// in the database (the model does not declare them), so they describe old rows only: every writer sets the values.
    /// </remarks>
    public partial class ClaimRolesAndPoa : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "poa",
                table: "suggestions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "role",
                table: "suggestions",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Secondary");

            migrationBuilder.AddColumn<string>(
                name: "policy",
                table: "suggestion_sets",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Claims");

            migrationBuilder.AddColumn<string>(
                name: "policy",
                table: "eval_runs",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "Claims");

            migrationBuilder.CreateIndex(
                name: "ix_suggestions_one_lead_per_set",
                table: "suggestions",
                column: "suggestion_set_id",
                unique: true,
                filter: "role <> 'Secondary'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_suggestions_one_lead_per_set",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "poa",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "role",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "policy",
                table: "suggestion_sets");

            migrationBuilder.DropColumn(
                name: "policy",
                table: "eval_runs");
        }
    }
}
