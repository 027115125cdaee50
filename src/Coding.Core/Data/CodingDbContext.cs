using Coding.Core.Accounts;
using Coding.Core.Audit;
using Coding.Core.Codebooks;
using Coding.Core.Encounters;
using Coding.Core.Messaging;
using Coding.Core.Notes;
using Coding.Core.Reviewing;
using Coding.Core.Suggestions;
using Microsoft.EntityFrameworkCore;

namespace Coding.Core.Data;

public class CodingDbContext(DbContextOptions<CodingDbContext> options) : DbContext(options)
{
    public DbSet<Encounter> Encounters => Set<Encounter>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<SuggestionSet> SuggestionSets => Set<SuggestionSet>();
    public DbSet<Suggestion> Suggestions => Set<Suggestion>();
    public DbSet<EvidenceSpan> EvidenceSpans => Set<EvidenceSpan>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();
    public DbSet<CodebookRelease> CodebookReleases => Set<CodebookRelease>();
    public DbSet<CodebookCode> CodebookCodes => Set<CodebookCode>();
    public DbSet<CodebookSection> CodebookSections => Set<CodebookSection>();
    public DbSet<CodebookTerm> CodebookTerms => Set<CodebookTerm>();
    public DbSet<CodebookNote> CodebookNotes => Set<CodebookNote>();
    public DbSet<PoaExemptCode> PoaExemptCodes => Set<PoaExemptCode>();
    public DbSet<GuidelineChunk> GuidelineChunks => Set<GuidelineChunk>();
    public DbSet<UserAccount> UserAccounts => Set<UserAccount>();
    public DbSet<EncounterClaim> EncounterClaims => Set<EncounterClaim>();

    protected override void OnModelCreating(ModelBuilder b)
    {
        b.HasPostgresExtension("vector");
        // Feature folders (codebooks, evaluation, ...) bring their own IEntityTypeConfiguration classes.
        b.ApplyConfigurationsFromAssembly(typeof(CodingDbContext).Assembly);

        b.Entity<Encounter>(e =>
        {
            e.HasIndex(x => x.ExternalId).IsUnique();
            e.HasIndex(x => new { x.Status, x.ReceivedAt });
            // /metrics and the dashboard on every scrape: the oldest encounter awaiting review, latencies of a recent
            // window and the coded count, without reading every encounter ever received (145 ms a scrape at 100,000).
            e.HasIndex(x => new { x.Status, x.CodedAt });
            e.HasIndex(x => x.CodedAt);
            e.Property(x => x.ExternalId).HasMaxLength(128);
            e.Property(x => x.Setting).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.PatientSex).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(32);
            e.Property(x => x.FailureReason).HasMaxLength(512);
            e.Property(x => x.FinalizedBy).HasMaxLength(64);
            e.Property(x => x.HoldReason).HasMaxLength(32);
            e.Property(x => x.HoldNote).HasMaxLength(Reviewing.HoldRules.NoteMaxLength);
            e.Property(x => x.HeldBy).HasMaxLength(64);
            e.Property(x => x.IdentifiersKeyId).HasMaxLength(64);
            e.Property(x => x.Payer).HasMaxLength(100);
            e.Property(x => x.Attending).HasMaxLength(100);
            e.Property(x => x.DischargeDisposition).HasMaxLength(16);
            // The DNFB backlog is counted by days since discharge among encounters not yet final.
            e.HasIndex(x => new { x.Status, x.DischargedAt });
        });

        b.Entity<Note>(e =>
        {
            e.HasKey(x => x.EncounterId);
            e.HasOne<Encounter>().WithOne().HasForeignKey<Note>(x => x.EncounterId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.KeyId).HasMaxLength(64);
        });

        b.Entity<SuggestionSet>(e =>
        {
            // The rule that makes coding idempotent: one set per encounter, whatever the broker does.
            e.HasIndex(x => x.EncounterId).IsUnique();
            e.HasOne<Encounter>().WithMany().HasForeignKey(x => x.EncounterId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Suggestions).WithOne().HasForeignKey(x => x.SuggestionSetId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.Engine).HasMaxLength(64);
            e.Property(x => x.EngineVersion).HasMaxLength(64);
            e.Property(x => x.CodebookVersion).HasMaxLength(128);
            e.Property(x => x.Adjudication).HasColumnType("jsonb");
            e.Property(x => x.Policy).HasConversion<string>().HasMaxLength(16);
        });

        b.Entity<Suggestion>(e =>
        {
            e.HasIndex(x => x.EncounterId);
            e.HasIndex(x => new { x.SuggestionSetId, x.CodeSystem, x.Code }).IsUnique();
            e.Property(x => x.CodeSystem).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Poa).HasConversion<string>().HasMaxLength(16);
            // A claim has one principal / first-listed diagnosis: two coders' (or two tabs') racing choices cannot both win.
            e.HasIndex(x => x.SuggestionSetId).IsUnique().HasFilter("role <> 'Secondary'")
                .HasDatabaseName("ix_suggestions_one_lead_per_set");
            e.Property(x => x.Code).HasMaxLength(16);
            e.Property(x => x.CodebookVersion).HasMaxLength(128);
            e.Property(x => x.Provenance).HasColumnType("jsonb");
            e.HasMany(x => x.Evidence).WithOne().HasForeignKey(x => x.SuggestionId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<EvidenceSpan>(e =>
        {
            e.ToTable(t => t.HasCheckConstraint("ck_evidence_spans_offsets", "start >= 0 AND \"end\" > start"));
        });

        b.Entity<Review>(e =>
        {
            e.HasIndex(x => x.EncounterId);
            e.HasIndex(x => x.SuggestionId);
            e.Property(x => x.Action).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Reviewer).HasMaxLength(128);
            e.Property(x => x.ReasonCode).HasMaxLength(64);
            e.Property(x => x.ReplacementCode).HasMaxLength(16);
        });

        b.Entity<AuditEntry>(e =>
        {
            e.HasIndex(x => new { x.EntityType, x.EntityId });
            e.HasIndex(x => x.OccurredAt);
            e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Detail).HasColumnType("jsonb");
        });

        b.Entity<OutboxMessage>(e =>
        {
            e.HasIndex(x => x.MessageId).IsUnique();
            // Partial index: the dispatcher only ever scans unsent rows.
            e.HasIndex(x => x.Id).HasFilter("sent_at IS NULL").HasDatabaseName("ix_outbox_messages_unsent");
            e.Property(x => x.Body).HasColumnType("jsonb");
            e.Property(x => x.MessageType).HasMaxLength(256);
        });

        b.Entity<InboxMessage>(e =>
        {
            e.HasKey(x => new { x.MessageId, x.Consumer });
            e.Property(x => x.Consumer).HasMaxLength(128);
        });
    }
}
