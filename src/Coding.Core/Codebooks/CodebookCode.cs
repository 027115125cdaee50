using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coding.Core.Codebooks;

public enum CodeKind { Chapter, Block, Category, Subcategory, Code, Table, Modifier }

/// <summary>A code or header as it stands in one release. <see cref="Code"/> is stored without the dot (E119).</summary>
public class CodebookCode
{
    public long Id { get; set; }
    public int ReleaseId { get; set; }
    public CodeSystem System { get; set; }
    public string Code { get; set; } = "";
    public string ShortTitle { get; set; } = "";
    public string Title { get; set; } = "";

    /// <summary>Valid for submission on a claim (the order file's flag); headers and modifiers are not.</summary>
    public bool Billable { get; set; }

    public CodeKind Kind { get; set; }

    /// <summary>ICD-10-CM chapter number ("4"), PCS section character, HCPCS letter.</summary>
    public string? Chapter { get; set; }

    /// <summary>ICD-10-CM block (tabular section, "E08-E13"); PCS table (first three characters).</summary>
    public string? Block { get; set; }

    public string? Category { get; set; }

    /// <summary>The nearest header above this code in the same release.</summary>
    public string? Parent { get; set; }

    /// <summary>Per-code dates inside the release (HCPCS add/termination dates); null means the release's own dates.</summary>
    public DateOnly? EffectiveFrom { get; set; }

    public DateOnly? EffectiveTo { get; set; }
}

internal sealed class CodebookCodeConfiguration : IEntityTypeConfiguration<CodebookCode>
{
    public void Configure(EntityTypeBuilder<CodebookCode> e)
    {
        e.HasOne<CodebookRelease>().WithMany().HasForeignKey(x => x.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => new { x.ReleaseId, x.Code }).IsUnique();
        // Lookup by code across releases ("which years know E11.9?") and the search join (system, code).
        e.HasIndex(x => new { x.System, x.Code });
        e.Property(x => x.System).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Code).HasMaxLength(8);
        e.Property(x => x.Chapter).HasMaxLength(8);
        e.Property(x => x.Block).HasMaxLength(16);
        e.Property(x => x.Category).HasMaxLength(8);
        e.Property(x => x.Parent).HasMaxLength(8);
    }
}
