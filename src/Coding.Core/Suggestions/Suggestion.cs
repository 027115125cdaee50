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

    /// <summary>1 = first-listed / principal.</summary>
    public int Rank { get; set; }

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
