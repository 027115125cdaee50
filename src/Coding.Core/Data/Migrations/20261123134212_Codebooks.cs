using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;
using NpgsqlTypes;
using Pgvector;

#nullable disable

namespace Coding.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Codebooks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "codebook_notes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    kind = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    source_year = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_codebook_notes", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "codebook_releases",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    system = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    version = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: false),
                    effective_to = table.Column<DateOnly>(type: "date", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    derived = table.Column<bool>(type: "boolean", nullable: false),
                    content_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    code_count = table.Column<int>(type: "integer", nullable: false),
                    billable_count = table.Column<int>(type: "integer", nullable: false),
                    imported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_codebook_releases", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "codebook_terms",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    system = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    text = table.Column<string>(type: "text", nullable: false),
                    source_year = table.Column<int>(type: "integer", nullable: false),
                    embedding = table.Column<Vector>(type: "vector(256)", nullable: true),
                    embedder = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                        .Annotation("Npgsql:TsVectorConfig", "english")
                        .Annotation("Npgsql:TsVectorProperties", new[] { "text" })
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_codebook_terms", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "guideline_chunks",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    source = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    source_year = table.Column<int>(type: "integer", nullable: false),
                    section_path = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    heading = table.Column<string>(type: "text", nullable: false),
                    trail = table.Column<string>(type: "text", nullable: false),
                    page = table.Column<int>(type: "integer", nullable: true),
                    part = table.Column<int>(type: "integer", nullable: false),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    text = table.Column<string>(type: "text", nullable: false),
                    embedding = table.Column<Vector>(type: "vector(256)", nullable: false),
                    embedder = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    search_vector = table.Column<NpgsqlTsVector>(type: "tsvector", nullable: false)
                        .Annotation("Npgsql:TsVectorConfig", "english")
                        .Annotation("Npgsql:TsVectorProperties", new[] { "heading", "text" })
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_guideline_chunks", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "codebook_codes",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    release_id = table.Column<int>(type: "integer", nullable: false),
                    system = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    code = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    short_title = table.Column<string>(type: "text", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    billable = table.Column<bool>(type: "boolean", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    chapter = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    block = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    category = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    parent = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    effective_from = table.Column<DateOnly>(type: "date", nullable: true),
                    effective_to = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_codebook_codes", x => x.id);
                    table.ForeignKey(
                        name: "fk_codebook_codes_codebook_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "codebook_releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "codebook_sections",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    release_id = table.Column<int>(type: "integer", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    key = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    first = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    last = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    chapter = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    source_year = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_codebook_sections", x => x.id);
                    table.ForeignKey(
                        name: "fk_codebook_sections_codebook_releases_release_id",
                        column: x => x.release_id,
                        principalTable: "codebook_releases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_codebook_codes_release_id_code",
                table: "codebook_codes",
                columns: new[] { "release_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_codebook_codes_system_code",
                table: "codebook_codes",
                columns: new[] { "system", "code" });

            migrationBuilder.CreateIndex(
                name: "ix_codebook_notes_code",
                table: "codebook_notes",
                column: "code");

            migrationBuilder.CreateIndex(
                name: "ix_codebook_releases_system_version",
                table: "codebook_releases",
                columns: new[] { "system", "version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_codebook_sections_release_id_kind_key",
                table: "codebook_sections",
                columns: new[] { "release_id", "kind", "key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_codebook_terms_system_code",
                table: "codebook_terms",
                columns: new[] { "system", "code" });

            migrationBuilder.CreateIndex(
                name: "ix_guideline_chunks_code",
                table: "guideline_chunks",
                column: "code");

            migrationBuilder.CreateIndex(
                name: "ix_guideline_chunks_source_source_year_section_path_part",
                table: "guideline_chunks",
                columns: new[] { "source", "source_year", "section_path", "part" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "codebook_codes");

            migrationBuilder.DropTable(
                name: "codebook_notes");

            migrationBuilder.DropTable(
                name: "codebook_sections");

            migrationBuilder.DropTable(
                name: "codebook_terms");

            migrationBuilder.DropTable(
                name: "guideline_chunks");

            migrationBuilder.DropTable(
                name: "codebook_releases");
        }
    }
}
