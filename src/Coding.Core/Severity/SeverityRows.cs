using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coding.Core.Severity;

/// <summary>Appendix C part 1 row: a code that is a CC or MCC as a secondary diagnosis. Codes without the dot.</summary>
public class CcMccCode
{
    public int ReleaseId { get; set; }
    public string Code { get; set; } = "";
    public CcMccLevel Level { get; set; }
    public int? PdxCollection { get; set; }
    public bool DischargedAliveOnly { get; set; }
}

/// <summary>A principal diagnosis in a PDX collection: with it as principal, the CC/MCCs naming the collection do not count.</summary>
public class PdxExclusion
{
    public int ReleaseId { get; set; }
    public int Collection { get; set; }
    public string Code { get; set; } = "";
}

public class HccMapping
{
    public int ReleaseId { get; set; }
    public string Code { get; set; } = "";
    public int Hcc { get; set; }
}

/// <summary>With <see cref="Parent"/> captured, <see cref="Child"/> is dropped.</summary>
public class HccHierarchy
{
    public int ReleaseId { get; set; }
    public int Parent { get; set; }
    public int Child { get; set; }
}

public class HccCategory
{
    public int ReleaseId { get; set; }
    public int Hcc { get; set; }
    public string Label { get; set; } = "";

    /// <summary>The community, non-dual, aged relative factor (CNA_HCCn) of the model, when published.</summary>
    public double? Factor { get; set; }
}

internal sealed class SeverityRowsConfiguration :
    IEntityTypeConfiguration<CcMccCode>, IEntityTypeConfiguration<PdxExclusion>, IEntityTypeConfiguration<HccMapping>,
    IEntityTypeConfiguration<HccHierarchy>, IEntityTypeConfiguration<HccCategory>
{
    public void Configure(EntityTypeBuilder<CcMccCode> e)
    {
        e.ToTable("cc_mcc_codes");
        e.HasKey(x => new { x.ReleaseId, x.Code });
        e.HasOne<SeverityRelease>().WithMany().HasForeignKey(x => x.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Code).HasMaxLength(8);
        e.Property(x => x.Level).HasConversion<string>().HasMaxLength(4);
    }

    public void Configure(EntityTypeBuilder<PdxExclusion> e)
    {
        e.ToTable("pdx_exclusions");
        e.HasKey(x => new { x.ReleaseId, x.Collection, x.Code });
        e.HasOne<SeverityRelease>().WithMany().HasForeignKey(x => x.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Code).HasMaxLength(8);
    }

    public void Configure(EntityTypeBuilder<HccMapping> e)
    {
        e.ToTable("hcc_mappings");
        e.HasKey(x => new { x.ReleaseId, x.Code, x.Hcc });
        e.HasOne<SeverityRelease>().WithMany().HasForeignKey(x => x.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Code).HasMaxLength(8);
    }

    public void Configure(EntityTypeBuilder<HccHierarchy> e)
    {
        e.ToTable("hcc_hierarchies");
        e.HasKey(x => new { x.ReleaseId, x.Parent, x.Child });
        e.HasOne<SeverityRelease>().WithMany().HasForeignKey(x => x.ReleaseId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<HccCategory> e)
    {
        e.ToTable("hcc_categories");
        e.HasKey(x => new { x.ReleaseId, x.Hcc });
        e.HasOne<SeverityRelease>().WithMany().HasForeignKey(x => x.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Label).HasMaxLength(200);
    }
}
