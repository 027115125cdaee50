using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coding.Core.Data.Migrations
{
    /// <summary>
    /// Vectors 384 wide (arctic-embed-xs). A 256-wide vector cannot be cast, so stored vectors are emptied and keep their
    /// embedder's name: the next `coding codebook import` re-embeds every row that has a name and no vector (from the
    /// vector cache where it can). The HNSW indexes cast to the old width and are dropped; the import builds them again.
    /// </summary>
    public partial class EmbeddingWidth384 : Migration
    {
        private const string DropVectorIndexes = """
            DROP INDEX IF EXISTS ix_codebook_terms_embedding_hnsw;
            DROP INDEX IF EXISTS ix_codebook_terms_embedding_hnsw_hcpcs;
            DROP INDEX IF EXISTS ix_codebook_terms_embedding_hnsw_cpt;
            DROP INDEX IF EXISTS ix_guideline_chunks_embedding_hnsw;
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropVectorIndexes);
            migrationBuilder.Sql(
                "ALTER TABLE guideline_chunks ALTER COLUMN embedding DROP NOT NULL, ALTER COLUMN embedding TYPE vector(384) USING NULL;");
            migrationBuilder.Sql("ALTER TABLE codebook_terms ALTER COLUMN embedding TYPE vector(384) USING NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(DropVectorIndexes);
            // Chunks without a vector cannot stay under NOT NULL: the import writes them again when none is left.
            migrationBuilder.Sql("DELETE FROM guideline_chunks;");
            migrationBuilder.Sql(
                "ALTER TABLE guideline_chunks ALTER COLUMN embedding TYPE vector(256) USING NULL, ALTER COLUMN embedding SET NOT NULL;");
            migrationBuilder.Sql("ALTER TABLE codebook_terms ALTER COLUMN embedding TYPE vector(256) USING NULL;");
        }
    }
}
