using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NpgsqlTypes;
using Pgvector;

namespace Coding.Core.Codebooks;

public enum GuidelineSource { OfficialGuidelines, TabularNotes }

/// <summary>
/// A retrievable passage of coding instructions: a section of the Official Guidelines (cite as
/// "<see cref="SectionPath"/>, p. <see cref="Page"/>") or the Tabular notes of one ICD-10-CM category.
/// </summary>
public class GuidelineChunk
{
    public long Id { get; set; }
    public GuidelineSource Source { get; set; }

    /// <summary>Fiscal year of the document (guidelines FY2026 → "2026"; tabular notes → the Tabular List's year).</summary>
    public int SourceYear { get; set; }

    /// <summary>"I.C.4.a.2" for guidelines; the category ("E11") for tabular notes.</summary>
    public string SectionPath { get; set; } = "";

    public string Heading { get; set; } = "";

    /// <summary>Headings from the top of the outline down to this section.</summary>
    public string Trail { get; set; } = "";

    public int? Page { get; set; }
    public int Part { get; set; }

    /// <summary>The category the chunk is about (tabular notes only).</summary>
    public string? Code { get; set; }

    public string Text { get; set; } = "";
    /// <summary>Null only between a change of vector width (a migration) and the import that re-embeds it.</summary>
    public Vector? Embedding { get; set; }
    public string Embedder { get; set; } = "";
    public NpgsqlTsVector SearchVector { get; set; } = null!;
}

internal sealed class GuidelineChunkConfiguration : IEntityTypeConfiguration<GuidelineChunk>
{
    public void Configure(EntityTypeBuilder<GuidelineChunk> e)
    {
        e.HasIndex(x => new { x.Source, x.SourceYear, x.SectionPath, x.Part }).IsUnique();
        e.HasIndex(x => x.Code);
        e.Property(x => x.Source).HasConversion<string>().HasMaxLength(24);
        e.Property(x => x.SectionPath).HasMaxLength(64);
        e.Property(x => x.Code).HasMaxLength(8);
        e.Property(x => x.Embedder).HasMaxLength(64);
        e.Property(x => x.Embedding).HasColumnType($"vector({Embeddings.EmbeddingSpace.Dimension})");
        e.HasGeneratedTsVectorColumn(x => x.SearchVector, "english", x => new { x.Heading, x.Text });
    }
}
