using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coding.Core.Codebooks;

/// <summary>An ICD-10-CM chapter or block (tabular section) of a release, with the code range it spans.</summary>
public class CodebookSection
{
    public int Id { get; set; }
    public int ReleaseId { get; set; }
    public CodeKind Kind { get; set; }

    /// <summary>Chapter number ("4") or block id ("E08-E13").</summary>
    public string Key { get; set; } = "";

    public string Title { get; set; } = "";
    public string First { get; set; } = "";
    public string Last { get; set; } = "";

    /// <summary>For a block, its chapter.</summary>
    public string? Chapter { get; set; }

    /// <summary>Year of the Tabular List the title and range came from.</summary>
    public int SourceYear { get; set; }
}

internal sealed class CodebookSectionConfiguration : IEntityTypeConfiguration<CodebookSection>
{
    public void Configure(EntityTypeBuilder<CodebookSection> e)
    {
        e.HasOne<CodebookRelease>().WithMany().HasForeignKey(x => x.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ReleaseId, x.Kind, x.Key }).IsUnique();
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Key).HasMaxLength(16);
        e.Property(x => x.First).HasMaxLength(8);
        e.Property(x => x.Last).HasMaxLength(8);
        e.Property(x => x.Chapter).HasMaxLength(8);
    }
}
