using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coding.Core.Severity;

public enum SeverityListKind
{
    /// <summary>MS-DRG Definitions Manual appendix C: CC/MCC levels and PDX exclusions (inpatient).</summary>
    CcMcc,

    /// <summary>CMS-HCC risk-adjustment model: ICD-10-CM → HCC, hierarchies, labels (outpatient and professional).</summary>
    Hcc,
}

/// <summary>
/// One version of one CMS severity list, like <see cref="Codebooks.CodebookRelease"/> for code sets: only ever added,
/// re-importing the same files (same <see cref="ContentHash"/>) is a no-op, different files for the same version
/// replace that version in one transaction.
/// </summary>
public class SeverityRelease
{
    public int Id { get; set; }
    public SeverityListKind Kind { get; set; }

    /// <summary>"v43" for MS-DRG, "V28 PY2026" for CMS-HCC.</summary>
    public string Version { get; set; } = "";

    public DateOnly EffectiveFrom { get; set; }
    public DateOnly EffectiveTo { get; set; }
    public string Source { get; set; } = "";
    public string ContentHash { get; set; } = "";

    /// <summary>CC/MCC codes, or (code, HCC) pairs.</summary>
    public int EntryCount { get; set; }

    /// <summary>PDX-exclusion rows, or hierarchy pairs.</summary>
    public int ExclusionCount { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public string Display => Kind == SeverityListKind.CcMcc ? $"MS-DRG {Version}" : $"CMS-HCC {Version}";
}

internal sealed class SeverityReleaseConfiguration : IEntityTypeConfiguration<SeverityRelease>
{
    public void Configure(EntityTypeBuilder<SeverityRelease> e)
    {
        e.ToTable("severity_releases");
        e.HasIndex(x => new { x.Kind, x.Version }).IsUnique();
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Version).HasMaxLength(32);
        e.Property(x => x.ContentHash).HasMaxLength(64);
        e.Ignore(x => x.Display);
    }
}
