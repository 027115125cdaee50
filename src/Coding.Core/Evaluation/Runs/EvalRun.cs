using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Coding.Core.Evaluation.Runs;

/// <summary>
/// One evaluation of a configured gold set through the engine, run as a background job. Its per-document results
/// (<see cref="EvalRunCode"/>) are kept so runs can be compared; <see cref="Metrics"/> is the summary JSON. Holds
/// document ids and codes, never note text.
/// </summary>
public class EvalRun
{
    public Guid Id { get; set; }

    /// <summary>The configured gold set's name (<see cref="GoldSetOptions"/>): never a path from a browser.</summary>
    public required string GoldSet { get; set; }

    public required string Engine { get; set; }
    public required string EngineVersion { get; set; }

    /// <summary>"ICD-10-CM 2026": the release the engine coded against; known once the run starts.</summary>
    public string? CodebookRelease { get; set; }

    public string? Priors { get; set; }

    /// <summary>
    /// The coding policy (Engine:Policy) the run was made under: set when queued, and again by the host that runs it.
    /// Runs stored before the column existed read as <see cref="Suggestions.CodingPolicy.Claims"/> (migration ClaimRolesAndPoa).
    /// </summary>
    public Suggestions.CodingPolicy Policy { get; set; }
    public EvalRunStatus Status { get; set; }
    public required string RequestedBy { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    /// <summary>Last sign of life from the host running it; a Running run silent for too long is taken over and resumed.</summary>
    public DateTimeOffset? HeartbeatAt { get; set; }

    /// <summary>How many times a host has (re)started it: more than one means it was resumed.</summary>
    public int Attempts { get; set; }

    public int DocumentsTotal { get; set; }
    public int DocumentsDone { get; set; }

    /// <summary>The engine's suggestion threshold: ranked codes scoring at least this are what a coder would see.</summary>
    public double? Threshold { get; set; }

    public string? Metrics { get; set; }

    /// <summary>Machine-readable reason when Failed (exception type and gold-set problem), never content.</summary>
    public string? Error { get; set; }
}

public enum EvalRunStatus
{
    Queued,
    Running,
    Succeeded,
    Failed,
}

/// <summary>
/// One code of one document in a run: a ranked prediction (Score, Rank), a gold code (Gold), or both. Codes are
/// comparison keys (<see cref="CodeKey.Match"/>: "E119").
/// </summary>
public class EvalRunCode
{
    public long Id { get; set; }
    public Guid RunId { get; set; }
    public required string Document { get; set; }
    public required string Code { get; set; }
    public double? Score { get; set; }
    public int? Rank { get; set; }
    public bool Gold { get; set; }
}

/// <summary>A document the run has finished (its codes are stored): what a resumed run skips.</summary>
public class EvalRunDocument
{
    public Guid RunId { get; set; }
    public required string Document { get; set; }
}

internal sealed class EvalRunConfiguration : IEntityTypeConfiguration<EvalRun>
{
    public void Configure(EntityTypeBuilder<EvalRun> e)
    {
        e.ToTable("eval_runs");
        e.HasIndex(x => new { x.Status, x.RequestedAt });
        e.Property(x => x.GoldSet).HasMaxLength(128);
        e.Property(x => x.Engine).HasMaxLength(64);
        e.Property(x => x.EngineVersion).HasMaxLength(64);
        e.Property(x => x.CodebookRelease).HasMaxLength(128);
        e.Property(x => x.Priors).HasMaxLength(256);
        e.Property(x => x.Policy).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.RequestedBy).HasMaxLength(128);
        e.Property(x => x.Error).HasMaxLength(512);
        e.Property(x => x.Metrics).HasColumnType("jsonb");
    }
}

internal sealed class EvalRunCodeConfiguration : IEntityTypeConfiguration<EvalRunCode>
{
    public void Configure(EntityTypeBuilder<EvalRunCode> e)
    {
        e.ToTable("eval_run_codes");
        e.HasIndex(x => new { x.RunId, x.Document, x.Code }).IsUnique();
        e.HasOne<EvalRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Document).HasMaxLength(128);
        e.Property(x => x.Code).HasMaxLength(16);
    }
}

internal sealed class EvalRunDocumentConfiguration : IEntityTypeConfiguration<EvalRunDocument>
{
    public void Configure(EntityTypeBuilder<EvalRunDocument> e)
    {
        e.ToTable("eval_run_documents");
        e.HasKey(x => new { x.RunId, x.Document });
        e.HasOne<EvalRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Document).HasMaxLength(128);
    }
}
