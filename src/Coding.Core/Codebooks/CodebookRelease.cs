using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coding.Core.Codebooks;

/// <summary>
/// One year of one code system. Releases are only ever added: a new year is a new row, and re-importing the same
/// files (same <see cref="ContentHash"/>) is a no-op.
/// </summary>
public class CodebookRelease
{
    public int Id { get; set; }
    public CodeSystem System { get; set; }

    /// <summary>"2026": the fiscal year for ICD-10-CM/PCS, the calendar year for HCPCS/CPT.</summary>
    public string Version { get; set; } = "";

    public DateOnly EffectiveFrom { get; set; }
    public DateOnly EffectiveTo { get; set; }

    /// <summary>Which files the release was built from, and how (e.g. derived from FY2026 + addenda).</summary>
    public string Source { get; set; } = "";

    /// <summary>True when no official file of this year was read: the release was rebuilt from the next year's file and its addenda.</summary>
    public bool Derived { get; set; }

    public string ContentHash { get; set; } = "";
    public int CodeCount { get; set; }
    public int BillableCount { get; set; }

    /// <summary>
    /// Hash of the POA-exempt list loaded into <see cref="PoaExemptCode"/> for this release; null when none was loaded (the
    /// engine then falls back to its own guess). Kept apart from <see cref="ContentHash"/> so a new list does not rebuild
    /// the release.
    /// </summary>
    public string? PoaExemptHash { get; set; }

    public int PoaExemptCount { get; set; }
    public DateTimeOffset ImportedAt { get; set; }
}

internal sealed class CodebookReleaseConfiguration : IEntityTypeConfiguration<CodebookRelease>
{
    public void Configure(EntityTypeBuilder<CodebookRelease> e)
    {
        e.HasIndex(x => new { x.System, x.Version }).IsUnique();
        e.Property(x => x.System).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Version).HasMaxLength(16);
        e.Property(x => x.ContentHash).HasMaxLength(64);
        e.Property(x => x.PoaExemptHash).HasMaxLength(64);
    }
}
