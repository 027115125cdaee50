using Coding.Core.Encounters;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coding.Core.Reviewing;

/// <summary>
/// A coder's hold on an encounter under review. The encounter id is the key, so the database itself guarantees that two
/// coders never hold one encounter; an expired claim can be taken over.
/// </summary>
public class EncounterClaim
{
    public Guid EncounterId { get; set; }
    public required string Coder { get; set; }
    public DateTimeOffset ClaimedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class EncounterClaimConfiguration : IEntityTypeConfiguration<EncounterClaim>
{
    public void Configure(EntityTypeBuilder<EncounterClaim> e)
    {
        e.HasKey(x => x.EncounterId);
        e.HasOne<Encounter>().WithOne().HasForeignKey<EncounterClaim>(x => x.EncounterId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(x => x.Coder);
        e.Property(x => x.Coder).HasMaxLength(64);
    }
}
