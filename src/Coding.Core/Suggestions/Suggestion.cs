namespace Coding.Core.Suggestions;

public class Suggestion
{
    public Guid Id { get; set; }
    public Guid SuggestionSetId { get; set; }
    public Guid EncounterId { get; set; }
    public CodeSystem CodeSystem { get; set; }
    public required string Code { get; set; }
    public required string CodebookVersion { get; set; }
    public required string Description { get; set; }

    /// <summary>0..1; calibrated by the engine issue so a site can pick an auto-accept threshold.</summary>
    public double Confidence { get; set; }

    /// <summary>The engine's order (1 = its best); coder-added codes follow. Claim order puts the <see cref="Role"/> lead first.</summary>
    public int Rank { get; set; }

    /// <summary>
    /// Principal (inpatient) or first-listed (outpatient/ED) for at most one ICD-10-CM code of a set (a partial unique
    /// index holds it), Secondary otherwise. Coders move it with the review API; a rejected code gives it up.
    /// </summary>
    public DiagnosisRole Role { get; set; }

    /// <summary>Present-on-admission indicator of an inpatient ICD-10-CM diagnosis; null until the engine or a coder sets it.</summary>
    public PresentOnAdmission? Poa { get; set; }

    public SuggestionStatus Status { get; set; }

    /// <summary>Engine, model, prompt hash, retrieved chunk ids — JSON, never note text.</summary>
    public string Provenance { get; set; } = "{}";

    public List<EvidenceSpan> Evidence { get; set; } = [];
}

/// <summary>Exact character offsets [Start, End) into the decrypted note text.</summary>
public class EvidenceSpan
{
    public long Id { get; set; }
    public Guid SuggestionId { get; set; }
    public int Start { get; set; }
    public int End { get; set; }
    public int? SentenceId { get; set; }
}

public enum CodeSystem
{
    Icd10Cm,
    Icd10Pcs,
    Cpt,
    Hcpcs,
}

public enum SuggestionStatus
{
    Suggested,
    Accepted,
    Rejected,
    Modified,

    /// <summary>Added by a coder: the engine missed it.</summary>
    Added,
}
