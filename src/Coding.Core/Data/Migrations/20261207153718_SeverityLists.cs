using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Coding.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class SeverityLists : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "severity_releases",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    version = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    effective_to = table.Column<DateOnly>(type: "date", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entry_count = table.Column<int>(type: "integer", nullable: false),
                    exclusion_count = table.Column<int>(type: "integer", nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_severity_releases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "cc_mcc_codes",
                columns: table => new
                {
                    release_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    level = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    pdx_collection = table.Column<int>(type: "integer", nullable: true),
                    discharged_alive_only = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_cc_mcc_codes", x => new { x.release_id, x.code });
                    table.ForeignKey(
                        name: "fk_cc_mcc_codes_severity_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "severity_releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hcc_categories",
                columns: table => new
                {
                    release_id = table.Column<int>(type: "integer", nullable: false),
                    hcc = table.Column<int>(type: "integer", nullable: false),
                    label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    factor = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hcc_categories", x => new { x.release_id, x.hcc });
                    table.ForeignKey(
                        name: "fk_hcc_categories_severity_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "severity_releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hcc_hierarchies",
                columns: table => new
                {
                    release_id = table.Column<int>(type: "integer", nullable: false),
                    parent = table.Column<int>(type: "integer", nullable: false),
                    child = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hcc_hierarchies", x => new { x.release_id, x.parent, x.child });
                    table.ForeignKey(
                        name: "fk_hcc_hierarchies_severity_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "severity_releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hcc_mappings",
                columns: table => new
                {
                    release_id = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    hcc = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hcc_mappings", x => new { x.release_id, x.code, x.hcc });
                    table.ForeignKey(
                        name: "fk_hcc_mappings_severity_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "severity_releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "pdx_exclusions",
                columns: table => new
                {
                    release_id = table.Column<int>(type: "integer", nullable: false),
                    collection = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_pdx_exclusions", x => new { x.release_id, x.collection, x.code });
                    table.ForeignKey(
                        name: "fk_pdx_exclusions_severity_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "severity_releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_severity_releases_kind_version",
                table: "severity_releases",
                columns: new[] { "kind", "version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "cc_mcc_codes");

            migrationBuilder.DropTable(
                name: "hcc_categories");

            migrationBuilder.DropTable(
                name: "hcc_hierarchies");

            migrationBuilder.DropTable(
                name: "hcc_mappings");

            migrationBuilder.DropTable(
                name: "pdx_exclusions");

            migrationBuilder.DropTable(
                name: "severity_releases");
        }
    }
}
