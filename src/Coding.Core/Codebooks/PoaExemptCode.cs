using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coding.Core.Codebooks;

/// <summary>
/// A code of an ICD-10-CM release that CMS exempts from present-on-admission reporting (its POA field stays blank on the
/// claim). <see cref="Code"/> is stored without the dot (B900), like <see cref="CodebookCode.Code"/>. Loaded per release
/// by the importer as a step of its own, so a new list does not re-import (and re-embed) the release.
/// </summary>
public class PoaExemptCode
{
    public int ReleaseId { get; set; }
    public string Code { get; set; } = "";
}

internal sealed class PoaExemptCodeConfiguration : IEntityTypeConfiguration<PoaExemptCode>
{
    public void Configure(EntityTypeBuilder<PoaExemptCode> e)
    {
        e.HasKey(x => new { x.ReleaseId, x.Code });
        e.HasOne<CodebookRelease>().WithMany().HasForeignKey(x => x.ReleaseId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Code).HasMaxLength(8);
    }
}
