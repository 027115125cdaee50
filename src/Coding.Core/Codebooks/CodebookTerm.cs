using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using Pgvector;

namespace Coding.Core.Codebooks;

public enum TermKind { Title, Inclusion, Index, ExternalCause, Drug, Neoplasm }

/// <summary>
/// A searchable text that leads to a code: its title, a Tabular inclusion term, an alphabetic-index path, a drug or
/// neoplasm table cell. Terms are not tied to a release: the same text for the same code is stored once, however many
/// years carry it, and search keeps only codes that exist in the release in force. <see cref="SourceYear"/> says which
/// year's file the text came from (the Tabular and Index XML can be older than the release they serve).
/// </summary>
public class CodebookTerm
{
    public long Id { get; set; }
    public CodeSystem System { get; set; }
    public string Code { get; set; } = "";
    public TermKind Kind { get; set; }
    public string Text { get; set; } = "";
    public int SourceYear { get; set; }
    /// <summary>Null for texts searched by words only (see <see cref="DenseCoverage"/>).</summary>
    public Vector? Embedding { get; set; }

    /// <summary>Which embedder made <see cref="Embedding"/> (e.g. hash-v2-256); null when there is no vector.</summary>
    public string? Embedder { get; set; }

    public NpgsqlTsVector SearchVector { get; set; } = null!;
}

internal sealed class CodebookTermConfiguration : IEntityTypeConfiguration<CodebookTerm>
{
    public void Configure(EntityTypeBuilder<CodebookTerm> e)
    {
        e.Property(x => x.System).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Code).HasMaxLength(8);
        e.Property(x => x.Embedder).HasMaxLength(64);
        e.Property(x => x.Embedding).HasColumnType($"vector({Embeddings.EmbeddingSpace.Dimension})");
        e.HasGeneratedTsVectorColumn(x => x.SearchVector, "english", x => new { x.Text });
        e.HasIndex(x => new { x.System, x.Code });
        // The GIN and HNSW indexes are built by CodebookIndexes after bulk load, not here: building them once over the
        // loaded rows is several times faster than maintaining them row by row during COPY.
    }
}
